"""Linking reported persons at intake: the outcomes, their explanation, households and the review queue."""

import datetime as dt

import pytest

from regiekamer.conftest import make_signaal
from regiekamer.identiteit import matching
from regiekamer.identiteit.models import Beoordeling, Koppeling, KoppelInstelling
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import (
    AdresGegevens,
    KoppelContext,
    PersoonGegevens,
    find_or_create_persoon,
    koppel_persoon,
)

pytestmark = pytest.mark.django_db

GEBOREN = dt.date(2004, 3, 7)
ADRES = AdresGegevens("9901AB", 12)
ANDER_ADRES = AdresGegevens("9902CD", 5)


def koppel(tenant, voornamen, achternaam, tussenvoegsel="", geboren=GEBOREN, bsn="", adres=ADRES, **kwargs):
    gegevens = PersoonGegevens(voornamen, achternaam, tussenvoegsel, geboren, bsn)
    return koppel_persoon(tenant.gemeente, gegevens, adres, **kwargs)


def test_kitty_kitti_and_k_de_vries_end_as_one_person_with_the_explanation(tenant):
    kitty = koppel(tenant, "Kitty", "Vries", "de", bsn="111222333")
    kitti = koppel(tenant, "Kitti", "de Vries")
    k = koppel(tenant, "K.", "Vries", "v.")  # initial, and an abbreviated tussenvoegsel in its own field

    assert kitty.koppeling == "nieuw"
    assert (kitti.koppeling, k.koppeling) == ("automatisch", "automatisch")
    assert kitty.persoon == kitti.persoon == k.persoon
    assert Persoon.objects.filter(gemeente=tenant.gemeente).count() == 1
    uitleg = Koppeling.objects.get(pk=k.uitleg.pk)
    per_veld = {v["veld"]: (v["niveau"], v["gewicht"]) for v in uitleg.velden}
    assert per_veld["voornamen"][0] == "initialen"
    assert per_veld["achternaam"][0] == "gelijk"
    assert per_veld["geboortedatum"][0] == "gelijk"
    assert per_veld["adres"][0] == "gelijk"
    # The stored weight is the sum of the field weights, each log2(m/u) of its level.
    assert uitleg.gewicht == pytest.approx(sum(w for _n, w in per_veld.values()), abs=0.05)
    assert per_veld["geboortedatum"][1] == pytest.approx(matching.gewicht("geboortedatum", "gelijk"))
    assert uitleg.invoer["voornamen"] == "K." and uitleg.invoer["bsn"] is False
    assert Koppeling.objects.get(pk=kitti.uitleg.pk).velden[2]["niveau"] == "klank"


def test_tussenvoegsel_variants_and_diacritics_agree(tenant):
    first = koppel(tenant, "Zoë", "Berg", "van der", geboren=dt.date(1990, 5, 17))
    for voornamen, tussenvoegsel, achternaam in (
        ("Zoe", "", "v.d. Berg"),
        ("Zoë", "vd", "Berg"),
        ("ZOE", "", "Van Der Berg"),
    ):
        result = koppel(tenant, voornamen, achternaam, tussenvoegsel, geboren=dt.date(1990, 5, 17))
        assert (result.koppeling, result.persoon) == ("automatisch", first.persoon)


def test_swapped_day_and_month_and_a_typo_in_the_birth_date_link_on_a_strong_name_and_address(tenant):
    first = koppel(tenant, "Jan Pieter", "Smit", geboren=dt.date(1985, 4, 9))
    swapped = koppel(tenant, "Jan Pieter", "Smit", geboren=dt.date(1985, 9, 4))
    assert (swapped.koppeling, swapped.persoon) == ("automatisch", first.persoon)
    assert swapped.uitleg.velden[3]["niveau"] == "verwisseld"
    initials = koppel(tenant, "J.P.", "Smit", geboren=dt.date(1985, 4, 9))
    assert initials.persoon == first.persoon


def test_nickname_links(tenant):
    first = koppel(tenant, "Cornelis", "Bos", geboren=dt.date(1960, 1, 20))
    kees = koppel(tenant, "Kees", "Bos", geboren=dt.date(1960, 1, 20))
    assert (kees.koppeling, kees.persoon) == ("automatisch", first.persoon)
    assert kees.uitleg.velden[2]["niveau"] == "bijnaam"


def test_previous_address_counts(tenant):
    first = koppel(tenant, "Sanne", "Mulder", geboren=dt.date(1999, 12, 1), adres=ADRES)
    moved = koppel(tenant, "Sanne", "Mulder", geboren=dt.date(1999, 12, 1), adres=ANDER_ADRES)
    assert moved.persoon == first.persoon
    persoon = Persoon.objects.get(pk=first.persoon.pk)
    assert (persoon.adres_sleutel, persoon.vorig_adres_sleutel) == ("9902CD5", "9901AB12")
    # A report at the old address still finds her, now through the previous address.
    old = koppel(tenant, "S.", "Mulder", geboren=dt.date(1999, 12, 1), adres=ADRES)
    assert old.persoon == first.persoon
    assert old.uitleg.velden[4]["niveau"] == "vorig"


def test_siblings_twins_and_parents_sharing_surname_and_address_stay_apart(tenant):
    kim = koppel(tenant, "Kim", "Vries", "de")
    kevin = koppel(tenant, "Kevin", "Vries", "de")  # twin: same birth date, same address
    sister = koppel(tenant, "Lotte", "de Vries", geboren=dt.date(2007, 8, 1))
    father = koppel(tenant, "Kevin", "de Vries", geboren=dt.date(1975, 2, 2))  # father and son with one name
    personen = {kim.persoon, kevin.persoon, sister.persoon, father.persoon}
    assert len(personen) == 4
    assert [r.koppeling for r in (kim, kevin, sister, father)] == ["nieuw"] * 4
    assert not Beoordeling.objects.exists()  # household members are not even offered for review


def test_an_initial_that_fits_two_twins_goes_to_review(tenant):
    kim = koppel(tenant, "Kim", "Vries", "de")
    kevin = koppel(tenant, "Kevin", "Vries", "de")
    k = koppel(tenant, "K.", "de Vries")
    assert k.koppeling == "ter-beoordeling"
    assert k.persoon not in (kim.persoon, kevin.persoon)
    paren = {(b.bekend_id, b.nieuw_id) for b in Beoordeling.objects.all()}
    assert paren == {(kim.persoon.pk, k.persoon.pk), (kevin.persoon.pk, k.persoon.pk)}


def test_kevin_bakker_without_birth_date_in_three_contexts_is_not_linked_automatically(tenant):
    results = [
        koppel(tenant, "Kevin", "Bakker", geboren=None, adres=adres)
        for adres in (AdresGegevens("9901AB", 1), AdresGegevens("9901AB", 30), None)
    ]
    assert [r.koppeling for r in results][0] == "nieuw"
    assert all(r.koppeling in ("nieuw", "ter-beoordeling") for r in results)
    assert len({r.persoon for r in results}) == 3
    assert not Koppeling.objects.filter(uitkomst="automatisch").exists()


def test_without_birth_date_the_same_name_at_the_same_address_links(tenant):
    first = koppel(tenant, "Kevin", "Bakker", geboren=None)
    again = koppel(tenant, "Kevin", "Bakker", geboren=None)
    assert (again.koppeling, again.persoon) == ("automatisch", first.persoon)


def test_the_same_case_is_strong_context_without_birth_date(tenant):
    from regiekamer.casussen import services as casussen
    from regiekamer.protocol.machine import Aanpak

    first = koppel(tenant, "Kevin", "Bakker", geboren=None, adres=None)
    casus = casussen.open_casus(tenant.regisseur, "Groep Bakker", Aanpak.HUISHOUDEN)
    casussen.add_betrokkene(tenant.regisseur, casus, first.persoon)
    elsewhere = koppel(tenant, "Kevin", "Bakker", geboren=None, adres=None)
    assert elsewhere.koppeling == "ter-beoordeling"
    on_case = koppel(tenant, "Kevin", "Bakker", geboren=None, adres=None, context=KoppelContext("casus", casus))
    assert (on_case.koppeling, on_case.persoon) == ("automatisch", first.persoon)
    assert on_case.uitleg.kanaal == "casus"


def test_a_different_bsn_is_another_person_and_the_same_bsn_links_whatever_the_name(tenant):
    first = koppel(tenant, "Kitty", "de Vries", bsn="111222333")
    other = koppel(tenant, "Kitty", "de Vries", bsn="123456782")
    assert other.koppeling == "nieuw" and other.persoon != first.persoon
    same = koppel(tenant, "C.", "Vries-Jansen", bsn="111222333", geboren=None, adres=None)
    assert (same.koppeling, same.persoon) == ("bsn", first.persoon)
    assert same.uitleg.velden[0] == {"veld": "bsn", "niveau": "gelijk", "gewicht": matching.gewicht("bsn", "gelijk")}


def test_a_link_completes_bsn_and_birth_date(tenant):
    first = koppel(tenant, "Mohamed", "El Amrani", geboren=dt.date(2003, 2, 1))
    second = koppel(tenant, "Mohamed", "el Amrani", geboren=dt.date(2003, 2, 1), bsn="111222333")
    assert second.persoon == first.persoon
    assert Persoon.objects.get(pk=first.persoon.pk).bsn == "111222333"


def test_uncertain_pairs_land_in_the_review_queue_and_the_record_becomes_its_own_person(tenant):
    first = koppel(tenant, "Anna", "Visser", geboren=dt.date(1970, 6, 15), adres=ADRES)
    # Initials only and another address: the birth date and surname agree, the rest is thin.
    doubt = koppel(tenant, "A.", "Visser", geboren=dt.date(1970, 6, 15), adres=ANDER_ADRES)
    assert doubt.koppeling == "ter-beoordeling"
    assert doubt.persoon != first.persoon
    item = Beoordeling.objects.get()
    assert (item.bekend, item.nieuw, item.status) == (first.persoon, doubt.persoon, "open")
    assert item.koppeling == doubt.uitleg and item.gewicht == doubt.uitleg.gewicht


def test_weak_evidence_is_a_new_person(tenant):
    koppel(tenant, "Anna", "Visser", geboren=dt.date(1970, 6, 15))
    other = koppel(tenant, "Bram", "Visser", geboren=dt.date(1988, 1, 3), adres=ANDER_ADRES)
    assert other.koppeling == "nieuw"
    assert not Beoordeling.objects.exists()


def test_thresholds_are_set_per_gemeente(tenant, other_tenant):
    KoppelInstelling.objects.create(gemeente=tenant.gemeente, drempel_koppelen=40, drempel_beoordelen=10)
    koppel(tenant, "Kitty", "de Vries")
    strict = koppel(tenant, "Kitti", "de Vries")
    assert strict.koppeling == "ter-beoordeling"
    assert (strict.uitleg.drempel_koppelen, strict.uitleg.drempel_beoordelen) == (40, 10)
    koppel(other_tenant, "Kitty", "de Vries")
    assert koppel(other_tenant, "Kitti", "de Vries").koppeling == "automatisch"


def test_tenants_never_link_across(tenant, other_tenant):
    a = koppel(tenant, "Kitty", "de Vries", bsn="111222333")
    b = koppel(other_tenant, "Kitty", "de Vries", bsn="111222333")
    assert a.koppeling == b.koppeling == "nieuw"
    assert a.persoon.gemeente != b.persoon.gemeente


def test_a_pair_judged_different_is_never_proposed_again(tenant):
    from regiekamer.identiteit.services import beoordeel

    first = koppel(tenant, "Kevin", "Bakker", geboren=None, adres=None)
    second = koppel(tenant, "Kevin", "Bakker", geboren=None, adres=None)
    item = Beoordeling.objects.get(bekend=first.persoon, nieuw=second.persoon)
    beoordeel(tenant.regisseur, item, "verschillend", "Andere vader, ander dossier")
    from regiekamer.subjects.services import verschillend_beoordeeld

    assert verschillend_beoordeeld(tenant.gemeente, second.persoon, [first.persoon.pk]) == {first.persoon.pk}


def test_find_or_create_persoon_keeps_its_contract(tenant):
    persoon, created = find_or_create_persoon(tenant.gemeente, PersoonGegevens("Jan", "Jansen", bsn="111222333"))
    again, created_again = find_or_create_persoon(tenant.gemeente, PersoonGegevens("J.", "Janssen", bsn="111222333"))
    assert created and not created_again and persoon == again


def test_the_signal_form_and_api_link_through_the_same_rule(tenant):
    first = make_signaal(tenant, personen=[PersoonGegevens("Kitty", "Vries", "de", GEBOREN, "111222333")])
    second = make_signaal(tenant, personen=[PersoonGegevens("K.", "de Vries", "", GEBOREN)])
    assert first.personen.get() == second.personen.get()
    koppeling = Koppeling.objects.get(uitkomst="automatisch")
    assert koppeling.kanaal == "formulier" and koppeling.velden[4]["niveau"] == "gelijk"


def test_linking_takes_a_few_indexed_queries(tenant, django_assert_max_num_queries):
    for _index in range(20):  # other people in the gemeente: the candidate query does not read them all
        koppel(tenant, "Jan", "Jansen", geboren=dt.date(1950 + _index, 1, 2), adres=AdresGegevens("9902CD", _index + 1))
    koppel(tenant, "Kitty", "de Vries", bsn="111222333")
    with django_assert_max_num_queries(3):  # candidates, the explanation, nothing else when nothing changes
        result = koppel(tenant, "Kitti", "de Vries")
    assert result.koppeling == "automatisch"
    # A new person with a BSN: candidates, then the insert guarded by the unique BSN index (lookup, savepoint).
    with django_assert_max_num_queries(5):
        assert koppel(tenant, "Piet", "Pietersen", bsn="123456782").koppeling == "nieuw"


def test_legal_persons_link_on_kvk_or_on_their_name_without_legal_form(tenant):
    from regiekamer.subjects.services import find_or_create_rechtspersoon

    groen, created = find_or_create_rechtspersoon(tenant.gemeente, "Kweekhandel Groen B.V.")
    assert created
    same, created = find_or_create_rechtspersoon(tenant.gemeente, "kweekhandel groen BV")
    assert (same, created) == (groen, False)
    # A KvK number completes the company known by name; another number is another company.
    with_kvk, created = find_or_create_rechtspersoon(tenant.gemeente, "Kweekhandel Groen", "12345678")
    assert (with_kvk, created) == (groen, False)
    groen.refresh_from_db()
    assert groen.kvk_nummer == "12345678"
    other, created = find_or_create_rechtspersoon(tenant.gemeente, "Kweekhandel Groen B.V.", "87654321")
    assert created and other != groen
    assert find_or_create_rechtspersoon(tenant.gemeente, "Andere naam", "12345678")[0] == groen


def test_the_contract_for_bulk_intake(tenant):
    """What a bulk import relies on: .persoon and .koppeling with exactly these four values; context as a dict."""
    first = koppel(tenant, "Kitty", "de Vries", bsn="111222333", context={"kanaal": "import", "organisatie": 7})
    again = koppel(tenant, "Kitty", "de Vries", bsn="111222333", context={"kanaal": "import"})
    assert (
        {first.koppeling, again.koppeling}
        <= set(matching.UITKOMSTEN)
        == {
            "bsn",
            "automatisch",
            "ter-beoordeling",
            "nieuw",
        }
    )
    assert (first.koppeling, again.koppeling, again.persoon) == ("nieuw", "bsn", first.persoon)
    assert again.uitleg.kanaal == "import"


def test_a_batch_links_as_row_by_row_intake_does(tenant, other_tenant, django_assert_max_num_queries):
    from regiekamer.subjects.services import koppel_personen

    rows = [
        (PersoonGegevens("Kitty", "Vries", "de", GEBOREN, "111222333"), ADRES, None),
        (PersoonGegevens("Kitti", "de Vries", "", GEBOREN), ADRES, None),
        (PersoonGegevens("K.", "Vries", "v.", GEBOREN), ADRES, None),
        (PersoonGegevens("Kim", "Vries", "de", dt.date(2009, 1, 1)), ADRES, None),
        (PersoonGegevens("Kevin", "Vries", "de", dt.date(2009, 1, 1)), ADRES, None),
        (PersoonGegevens("Kevin", "Bakker"), None, None),
        (PersoonGegevens("Kevin", "Bakker"), ANDER_ADRES, None),
        (PersoonGegevens("Anna", "Visser", "", dt.date(1970, 6, 15)), ADRES, None),
        (PersoonGegevens("A.", "Visser", "", dt.date(1970, 6, 15)), ANDER_ADRES, None),
        (PersoonGegevens("Sanne", "Mulder", "", dt.date(1999, 12, 1)), ANDER_ADRES, None),
        (PersoonGegevens("Sanne", "Mulder", "", dt.date(1999, 1, 12), "123456782"), ADRES, {"referentie": "r-1"}),
    ]
    koppel(tenant, "Jan", "Jansen")  # somebody known before
    koppel(other_tenant, "Jan", "Jansen")
    with django_assert_max_num_queries(15):
        batch = koppel_personen(tenant.gemeente, rows)
    one_by_one = [koppel_persoon(other_tenant.gemeente, g, a, c) for g, a, c in rows]
    assert [r.koppeling for r in batch] == [r.koppeling for r in one_by_one]

    def partition(results):
        first = {}
        return [first.setdefault(r.persoon.pk, index) for index, r in enumerate(results)]

    assert partition(batch) == partition(one_by_one)
    stored = Persoon.objects.get(pk=batch[-1].persoon.pk)
    assert (stored.bsn, stored.adres_sleutel, stored.vorig_adres_sleutel) == ("123456782", "9901AB12", "9902CD5")
    assert (
        Beoordeling.objects.filter(gemeente=tenant.gemeente).count()
        == Beoordeling.objects.filter(gemeente=other_tenant.gemeente).count()
        > 0
    )
    assert Koppeling.objects.get(gemeente=tenant.gemeente, persoon=stored).kanaal == "import"
