"""Names in any script stay apart, and a search term without letters or digits finds nobody and is refused."""

import datetime as dt

import pytest

from regiekamer.audit.models import Verwerking
from regiekamer.conftest import api_client, make_signaal
from regiekamer.core.errors import InvalidInput
from regiekamer.subjects import selectors
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import PersoonGegevens, find_or_create_persoon, name_key

pytestmark = pytest.mark.django_db

BORN = dt.date(1991, 3, 3)
NAMES = [("Иван", "Иванов", "111222333"), ("Пётр", "Петров", ""), ("王", "伟", "")]


def _report_each(tenant):
    return [
        make_signaal(
            tenant,
            personen=[PersoonGegevens(voornamen, achternaam, geboortedatum=BORN, bsn=bsn)],
            adressen=[],
        )
        for voornamen, achternaam, bsn in NAMES
    ]


def test_three_people_with_non_latin_names_and_one_birth_date_stay_three(tenant):
    signalen = _report_each(tenant)

    personen = [signaal.personen.get() for signaal in signalen]
    assert len({persoon.pk for persoon in personen}) == 3
    # Each signal shows its own person: the first one's name and BSN are on no other signal.
    assert [(p.voornamen, p.achternaam) for p in personen] == [(v, a) for v, a, _bsn in NAMES]
    assert [p.bsn for p in personen] == ["111222333", "", ""]


def test_name_keys_transliterate_instead_of_folding_to_nothing():
    assert name_key("Иван", "", "Иванов") == "ivanov|ivan"
    assert name_key("Пётр", "", "Петров") == "petrov|petr"
    assert name_key("王", "", "伟") == "wei|wang"
    assert name_key("Zoë", "", "Çelik") == name_key("Zoe", "", "Celik")


def test_the_same_non_latin_person_is_still_recognised(tenant):
    first, _ = find_or_create_persoon(tenant.gemeente, PersoonGegevens("Иван", "Иванов", geboortedatum=BORN))
    second, created = find_or_create_persoon(tenant.gemeente, PersoonGegevens("Иван ", "ИВАНОВ", geboortedatum=BORN))
    assert not created and first == second


def test_a_name_that_folds_to_nothing_never_matches(tenant):
    # Only a soft sign: a letter, but nothing to match on once transliterated.
    assert name_key("", "", "ь") == ""
    first, _ = find_or_create_persoon(tenant.gemeente, PersoonGegevens("ь", "ь", geboortedatum=BORN))
    second, created = find_or_create_persoon(tenant.gemeente, PersoonGegevens("ъ", "ъ", geboortedatum=BORN))
    assert created and first != second


@pytest.mark.parametrize(
    "achternaam",
    [
        "Jansen\u202e",  # right-to-left override
        "Jan\u200bsen",  # zero-width space
        "\ufeffJansen",  # byte order mark
        "Jansen\x85",  # C1 control character
        "🧨🧨",
        "Jansen3",
    ],
)
def test_names_with_invisible_characters_symbols_or_digits_are_refused(tenant, achternaam):
    with pytest.raises(InvalidInput) as refused:
        find_or_create_persoon(tenant.gemeente, PersoonGegevens("Jan", achternaam))
    assert refused.value.invalid_params[0]["name"] == "personen.achternaam"
    assert not Persoon.objects.exists()


def test_searching_a_non_latin_name_finds_that_person_only(tenant):
    _report_each(tenant)
    make_signaal(tenant)  # Jan Jansen
    assert [p.achternaam for p in selectors.search_personen(tenant.gemeente, "Иванов")] == ["Иванов"]
    assert [p.achternaam for p in selectors.search_personen(tenant.gemeente, "ivanov")] == ["Иванов"]


@pytest.mark.parametrize("term", ["..", "%%", "🧨🧨", "' '"])
def test_a_search_term_without_letters_or_digits_finds_nobody(tenant, term):
    _report_each(tenant)
    make_signaal(tenant)
    assert not selectors.search_personen(tenant.gemeente, term)
    assert not selectors.search_adressen(tenant.gemeente, term)
    assert not selectors.search_rechtspersonen(tenant.gemeente, term)


@pytest.mark.parametrize("term", ["..", "%%", "🧨🧨"])
def test_the_search_page_refuses_such_a_term_and_logs_no_hit(client, tenant, term):
    _report_each(tenant)
    logged = Verwerking.objects.count()
    client.force_login(tenant.regisseur)

    response = client.post("/zoeken/", {"q": term})

    assert response.status_code == 400
    assert "ten minste één letter of cijfer" in response.content.decode()
    assert Verwerking.objects.filter(actie="zoeken").count() == 0
    assert Verwerking.objects.count() == logged


@pytest.mark.parametrize("term", ["..", "%%", "🧨🧨"])
def test_the_search_api_refuses_such_a_term_and_logs_no_hit(tenant, term):
    _report_each(tenant)
    api = api_client(tenant.afdeling, tenant.regisseur)

    response = api.post("/api/v1/zoeken", {"zoekterm": term}, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == "zoekterm"
    assert not Verwerking.objects.filter(actie="zoeken").exists()


def test_the_worklist_search_matches_no_signal_for_such_a_term(tenant):
    from regiekamer.signalen import selectors as signaal_selectors

    _report_each(tenant)
    found = signaal_selectors.werkvoorraad(
        tenant.regisseur, signaal_selectors.WerkvoorraadFilter(zoek="..", open_only=False)
    )
    assert not found.exists()
    found = signaal_selectors.werkvoorraad(
        tenant.regisseur, signaal_selectors.WerkvoorraadFilter(zoek="Петров", open_only=False)
    )
    assert [s.personen.get().achternaam for s in found] == ["Петров"]
