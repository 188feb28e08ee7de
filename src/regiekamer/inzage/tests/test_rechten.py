"""Rectification (art. 16 AVG) and restriction of processing (art. 18 AVG)."""

import datetime as dt

import pytest
from django.urls import reverse

from regiekamer.audit.models import Verwerking
from regiekamer.audit.views import DOEL_TOEZICHT, GRONDSLAG_TOEZICHT
from regiekamer.bronnen.services import query_hit
from regiekamer.casussen import selectors as casus_selectors
from regiekamer.casussen import services as casussen
from regiekamer.casussen.models import CasusSignaal
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.inzage import selectors, services
from regiekamer.inzage.beperking import is_restricted
from regiekamer.inzage.models import Beperking, Rectificatie
from regiekamer.inzage.tests.test_inzage import weigh
from regiekamer.protocol.machine import Aanpak
from regiekamer.signalen import selectors as signaal_selectors
from regiekamer.subjects import selectors as subject_selectors
from regiekamer.subjects.models import Persoon

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def persoon(signaal):
    return signaal.personen.get()


def to_sources(tenant, signaal):
    for weging, uitkomst in [
        ("1", "ondermijning"),
        ("2a", "gemeentelijke-taak"),
        ("2b", "eigen-grondgebied"),
        ("3", "bronnenonderzoek"),
    ]:
        weigh(tenant.regisseur, signaal, weging, uitkomst)
    weigh(tenant.regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="Art. 172 Gemeentewet")
    signaal.refresh_from_db()
    return signaal


# --- Rectification ---------------------------------------------------------------------------------------------


def test_rectification_changes_the_data_records_old_and_new_and_logs(tenant, persoon):
    record = services.rectify(tenant.regisseur, persoon, "achternaam", "Janssen", "Naam verkeerd gespeld", "AVG-12")
    persoon.refresh_from_db()
    assert persoon.achternaam == "Janssen"
    assert "janssen" in persoon.naam_sleutel  # found under the corrected name
    assert list(subject_selectors.search_personen(tenant.gemeente, "Janssen")) == [persoon]
    assert (record.veld, record.oude_waarde, record.nieuwe_waarde) == ("achternaam", "Jansen", "Janssen")
    assert (record.reden, record.verzoek, record.door, record.rol) == (
        "Naam verkeerd gespeld",
        "AVG-12",
        tenant.regisseur,
        "regisseur",
    )
    entry = Verwerking.objects.get(handeling="inzage.rectificatie")
    assert entry.object_ids == [str(persoon.pk)] and entry.actie == "wijzigen"
    assert entry.grondslag == services.GRONDSLAG_RECTIFICATIE

    datum = services.rectify(tenant.regisseur, persoon, "geboortedatum", "1980-06-01", "BRP-uittreksel")
    persoon.refresh_from_db()
    assert persoon.geboortedatum == dt.date(1980, 6, 1)
    assert (datum.oude_waarde, datum.nieuwe_waarde) == ("1980-05-01", "1980-06-01")
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(ValueError):
        record.delete()


@pytest.mark.parametrize(
    ("veld", "waarde", "reden"),
    [
        ("bsn", "123456782", "Onjuist BSN"),  # the BSN is not rectified here
        ("achternaam", "Janssen", ""),  # no reason
        ("achternaam", "", "Leeg"),
        ("achternaam", "Jansen", "Ongewijzigd"),
        ("geboortedatum", "morgen", "Datum"),
        ("geboortedatum", "2999-01-01", "Toekomst"),
        ("geboortedatum", "2020-02-30", "Bestaat niet"),  # well formed, but no such day
    ],
)
def test_invalid_rectification_changes_nothing(tenant, persoon, veld, waarde, reden):
    with pytest.raises(InvalidInput):
        services.rectify(tenant.regisseur, persoon, veld, waarde, reden)
    persoon.refresh_from_db()
    assert (persoon.achternaam, persoon.bsn, persoon.geboortedatum) == ("Jansen", "111222333", dt.date(1980, 5, 1))
    assert not Rectificatie.objects.exists()
    assert not Verwerking.objects.filter(handeling="inzage.rectificatie").exists()


def test_rectification_through_the_page(client, tenant, persoon):
    client = login(client, tenant.regisseur)
    url = reverse("inzage:rectificeren", args=[persoon.pk])
    response = client.post(url, {"veld": "voornamen", "nieuwe_waarde": "Johannes", "reden": "Verzoek betrokkene"})
    assert response.status_code == 302
    persoon.refresh_from_db()
    assert persoon.voornamen == "Johannes"
    bad = client.post(url, {"veld": "voornamen", "nieuwe_waarde": "Jan", "reden": ""})
    assert bad.status_code == 400
    persoon.refresh_from_db()
    assert persoon.voornamen == "Johannes"
    assert Rectificatie.objects.count() == 1


def test_an_impossible_date_is_an_error_on_the_page(client, tenant, persoon):
    with pytest.raises(InvalidInput) as error:
        services.rectify(tenant.regisseur, persoon, "geboortedatum", "2020-02-30", "Verzoek betrokkene")
    assert [p["name"] for p in error.value.invalid_params] == ["nieuwe_waarde"]
    client = login(client, tenant.regisseur)
    response = client.post(
        reverse("inzage:rectificeren", args=[persoon.pk]),
        {"veld": "geboortedatum", "nieuwe_waarde": "2020-02-30", "reden": "Verzoek betrokkene"},
    )
    assert response.status_code == 400
    assert "Geef een geldige geboortedatum (JJJJ-MM-DD)." in response.content.decode()
    persoon.refresh_from_db()
    assert persoon.geboortedatum == dt.date(1980, 5, 1)
    assert not Rectificatie.objects.exists()


# --- Restriction -------------------------------------------------------------------------------------------------


def test_restriction_hides_from_search_and_refuses_sources_and_changes(client, tenant, signaal, persoon):
    signaal = to_sources(tenant, signaal)
    beperking = services.restrict(tenant.regisseur, persoon, "Juistheid betwist", "AVG-7")
    assert is_restricted(persoon) and beperking.actief
    entry = Verwerking.objects.get(handeling="inzage.beperken")
    assert entry.object_ids == [str(persoon.pk)] and entry.grondslag == services.GRONDSLAG_BEPERKING

    # Searches: the subject search, the worklist search on the name, the search page and the API.
    assert list(subject_selectors.search_personen(tenant.gemeente, "Jansen")) == []
    assert list(subject_selectors.search_personen(tenant.gemeente, "111222333")) == []
    filters = signaal_selectors.WerkvoorraadFilter(zoek="Jansen", open_only=False)
    assert list(signaal_selectors.werkvoorraad(tenant.regisseur, filters)) == []
    page = login(client, tenant.regisseur).post(reverse("zoeken"), {"q": "Jansen"})
    assert page.status_code == 200 and "Jan Jansen" not in page.content.decode()
    # Still stored, and found for handling the request itself.
    assert Persoon.objects.filter(pk=persoon.pk).exists()
    assert list(subject_selectors.search_personen(tenant.gemeente, "Jansen", include_restricted=True)) == [persoon]

    # Source queries are refused, and nothing is stored.
    with pytest.raises(TransitionRefused):
        query_hit(tenant.regisseur, signaal, "brp", persoon)
    assert not signaal.bronraadplegingen.exists()

    # Changes are refused; restricting twice too.
    with pytest.raises(TransitionRefused):
        services.rectify(tenant.regisseur, persoon, "achternaam", "Janssen", "Verzoek")
    with pytest.raises(TransitionRefused):
        services.restrict(tenant.regisseur, persoon, "Nogmaals")
    persoon.refresh_from_db()
    assert persoon.achternaam == "Jansen" and not Rectificatie.objects.exists()

    # The report shows the banner.
    html = client.get(reverse("inzage:rapport", args=[persoon.pk])).content.decode()
    assert "Verwerking beperkt" in html and "Juistheid betwist" in html


def test_restricted_person_is_not_suggested_as_betrokkene(tenant, signaal, persoon):
    casus = casussen.open_casus(tenant.regisseur, "Huishouden Jansen", Aanpak.HUISHOUDEN)
    CasusSignaal.objects.create(gemeente=tenant.gemeente, casus=casus, signaal=signaal, soort="overdracht")
    assert persoon in casus_selectors.voorgestelde_subjecten(casus)
    services.restrict(tenant.regisseur, persoon, "Juistheid betwist")
    assert persoon not in casus_selectors.voorgestelde_subjecten(casus)
    assert signaal.adressen.get() in casus_selectors.voorgestelde_subjecten(casus)
    with pytest.raises(TransitionRefused):
        casussen.add_betrokkene(tenant.regisseur, casus, persoon, rol="bewoner")
    assert not casus.betrokkenen.exists()


def test_signal_and_case_pages_mark_a_restricted_person(client, tenant, signaal, persoon):
    casus = casussen.open_casus(tenant.regisseur, "Huishouden Jansen", Aanpak.HUISHOUDEN)
    casussen.add_betrokkene(tenant.regisseur, casus, persoon, rol="bewoner")
    client = login(client, tenant.regisseur)
    pages = [reverse("signalen:detail", args=[signaal.pk]), reverse("casussen:sectie", args=[casus.pk, "betrokkenen"])]
    marker = "verwerking beperkt (AVG art. 18)"
    assert all(marker not in client.get(url).content.decode() for url in pages)
    services.restrict(tenant.regisseur, persoon, "Juistheid betwist")
    for url in pages:
        html = client.get(url).content.decode()
        assert persoon.volledige_naam in html and marker in html


def test_lifting_restores(tenant, signaal, persoon):
    signaal = to_sources(tenant, signaal)
    services.restrict(tenant.regisseur, persoon, "Juistheid betwist", "AVG-7")
    with pytest.raises(InvalidInput):
        services.lift(tenant.regisseur, persoon, "")
    assert is_restricted(persoon)
    beperking = services.lift(tenant.regisseur, persoon, "Juistheid vastgesteld na BRP-controle")
    assert not is_restricted(persoon)
    assert beperking.opgeheven_door == tenant.regisseur and beperking.opheffen_reden.startswith("Juistheid")
    assert Verwerking.objects.filter(handeling="inzage.beperking-opheffen").count() == 1
    assert list(subject_selectors.search_personen(tenant.gemeente, "Jansen")) == [persoon]
    assert query_hit(tenant.regisseur, signaal, "brp", persoon).pk
    services.rectify(tenant.regisseur, persoon, "achternaam", "Janssen", "Verzoek")
    with pytest.raises(TransitionRefused):
        services.lift(tenant.regisseur, persoon, "Niets om op te heffen")
    # Restricting again after lifting is possible; the earlier record stays.
    services.restrict(tenant.regisseur, persoon, "Opnieuw betwist")
    assert Beperking.objects.filter(persoon=persoon).count() == 2
    with pytest.raises(ValueError):
        beperking.delete()


def test_restriction_through_the_pages(client, tenant, persoon):
    client = login(client, tenant.regisseur)
    assert client.post(reverse("inzage:beperken", args=[persoon.pk]), {"reden": ""}).status_code == 400
    assert not is_restricted(persoon)
    response = client.post(reverse("inzage:beperken", args=[persoon.pk]), {"reden": "Betwist", "verzoek": "A-1"})
    assert response.status_code == 302 and is_restricted(persoon)
    response = client.post(reverse("inzage:opheffen", args=[persoon.pk]), {"opheffen_reden": "Afgehandeld"})
    assert response.status_code == 302 and not is_restricted(persoon)


# --- Trail ------------------------------------------------------------------------------------------------------


def test_trail_is_complete_in_the_inzage_report(client, tenant, persoon):
    services.rectify(tenant.regisseur, persoon, "voornamen", "Johannes", "Voornaam onvolledig", "AVG-3")
    services.restrict(tenant.regisseur, persoon, "Juistheid betwist", "AVG-4")
    services.lift(tenant.regisseur, persoon, "BRP bevestigt de gegevens")
    rapport = selectors.rapport(persoon)
    assert [r.nieuwe_waarde for r in rapport.rectificaties] == ["Johannes"]
    assert len(rapport.beperkingen) == 1 and not rapport.beperkt
    client = login(client, tenant.regisseur)
    for url in (
        reverse("inzage:rapport", args=[persoon.pk]),
        reverse("inzage:rapport", args=[persoon.pk]) + "?voor=betrokkene",
    ):
        html = client.get(url).content.decode()
        assert "Rectificaties en beperkingen" in html
        for text in ("Johannes", "Voornaam onvolledig", "AVG-3", "Juistheid betwist", "AVG-4", "BRP bevestigt"):
            assert text in html, (url, text)
    # The privacyfunctionaris sees the trail without names or values.
    client = login(client, tenant.privacyfunctionaris)
    html = client.get(reverse("inzage:verzoeken")).content.decode()
    for text in ("Voornaam onvolledig", "AVG-3", "Juistheid betwist", "BRP bevestigt", "Beperking opgeheven"):
        assert text in html, text
    assert "Johannes" not in html and "Jansen" not in html
    assert (
        "inzage:verzoeken" not in html
        and reverse("inzage:verzoeken") in client.get(reverse("audit:verwerkingen")).content.decode()
    )


def test_the_privacyfunctionaris_reading_the_trail_is_logged(client, tenant, persoon):
    services.rectify(tenant.regisseur, persoon, "voornamen", "Johannes", "Voornaam onvolledig")
    services.restrict(tenant.regisseur, persoon, "Juistheid betwist")
    beperking = Beperking.objects.get(persoon=persoon)
    login(client, tenant.privacyfunctionaris).get(reverse("inzage:verzoeken"))
    entries = {
        e.objecttype: e
        for e in Verwerking.objects.filter(
            handeling="verwerkingen.rechtenverzoeken", gebruiker=tenant.privacyfunctionaris.username
        )
    }
    assert set(entries) == {"rectificatie", "beperking"}
    assert entries["rectificatie"].object_ids == [str(Rectificatie.objects.get().pk)]
    assert entries["beperking"].object_ids == [str(beperking.pk)]
    for entry in entries.values():
        assert entry.actie == "lezen" and entry.doel == DOEL_TOEZICHT and entry.grondslag == GRONDSLAG_TOEZICHT


# --- Permissions and tenants -----------------------------------------------------------------------------------


def test_only_the_regisseur_handles_requests(client, tenant, persoon):
    for rol in ("analist", "manager", "privacyfunctionaris", "partnerprofessional", "functioneel-beheerder"):
        user = tenant.users[rol]
        for call in (
            lambda u: services.rectify(u, persoon, "achternaam", "Janssen", "x"),
            lambda u: services.restrict(u, persoon, "x"),
            lambda u: services.lift(u, persoon, "x"),
        ):
            with pytest.raises(NotAllowed):
                call(user)
        client = login(client, user)
        response = client.post(reverse("inzage:beperken", args=[persoon.pk]), {"reden": "x"})
        assert response.status_code == 403, rol
    for rol in ("regisseur", "analist", "manager"):
        assert login(client, tenant.users[rol]).get(reverse("inzage:verzoeken")).status_code == 403
    assert not Beperking.objects.exists() and not Rectificatie.objects.exists()


def test_tenant_isolation(client, tenant, other_tenant, persoon):
    from django.http import Http404

    ander = other_tenant.regisseur
    with pytest.raises(Http404):
        services.rectify(ander, persoon, "achternaam", "Janssen", "x")
    with pytest.raises(Http404):
        services.restrict(ander, persoon, "x")
    client = login(client, ander)
    assert client.post(reverse("inzage:beperken", args=[persoon.pk]), {"reden": "x"}).status_code == 404
    assert (
        client.post(
            reverse("inzage:rectificeren", args=[persoon.pk]),
            {"veld": "achternaam", "nieuwe_waarde": "X", "reden": "x"},
        ).status_code
        == 404
    )
    # A restriction in one gemeente does not touch the other gemeente, and its trail is not shown there.
    make_signaal(other_tenant)
    services.restrict(tenant.regisseur, persoon, "Juistheid betwist")
    assert list(subject_selectors.search_personen(other_tenant.gemeente, "Jansen"))
    html = login(client, other_tenant.privacyfunctionaris).get(reverse("inzage:verzoeken")).content.decode()
    assert "Juistheid betwist" not in html
    assert not Beperking.objects.filter(gemeente=other_tenant.gemeente).exists()
