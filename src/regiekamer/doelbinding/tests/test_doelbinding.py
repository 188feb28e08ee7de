"""Purpose binding: purposes at intake, compatibility decisions, and crossing refused without one (service,
web and API), also for automatic linking of new and relapse signals."""

import datetime as dt
import importlib

import pytest
from django.urls import reverse

from regiekamer.accounts.models import Organisatie
from regiekamer.accounts.roles import Rol
from regiekamer.accounts.services import create_user
from regiekamer.audit.models import Verwerking
from regiekamer.bronnen.services import query_hit
from regiekamer.casussen import services
from regiekamer.casussen.models import Casus, CasusSignaal
from regiekamer.casussen.tests.test_api import client_for
from regiekamer.casussen.tests.test_services import _weigh, close, hand_over, new_casus
from regiekamer.conftest import PASSWORD, make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.doelbinding.doelen import Doel, doel_voor_aanpak, doel_voor_organisatie
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.doelbinding.services import BesluitInvoer, VerenigbaarheidsbesluitOntbreekt, leg_besluit_vast
from regiekamer.notifications.models import Notificatie
from regiekamer.retention import services as retention
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

ZORG, HANDHAVING = Doel.ZORG.value, Doel.HANDHAVING.value
OVERWEGINGEN = {
    "verband_doelen": "Dezelfde situatie: schulden bij criminelen en een kwekerij.",
    "context_verzameling": "Gemeld door de schuldhulpverlener in een hulpverleningsrelatie.",
    "aard_gegevens": "Schulden en een adres; geen medische gegevens.",
    "gevolgen_betrokkene": "Bescherming tegen uitbuiting; schuldhulp blijft in het plan.",
    "waarborgen": "Alleen regisseur en ondermijningsteam; partners zien alleen hun actie.",
    "toelichting": "Verenigbaar met deze waarborgen.",
}


@pytest.fixture
def schuldhulp(tenant):
    organisatie = Organisatie.objects.create(
        gemeente=tenant.gemeente, naam="Schuldhulp Zuiderveen", soort=Organisatie.Soort.SCHULDHULPVERLENING
    )
    return create_user("zv-schuldhulp", organisatie, [Rol.PARTNERPROFESSIONAL], password=PASSWORD)


@pytest.fixture
def zorgsignaal(tenant, schuldhulp):
    return make_signaal(tenant, reporter=schuldhulp)


def to_aanpak(tenant, signaal):
    """Walk a signal through the protocol up to the aanpak weging (the last step before a case)."""
    regisseur = tenant.regisseur
    for weging, uitkomst in [("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")]:
        _weigh(regisseur, signaal, weging, uitkomst)
    _weigh(regisseur, signaal, "3", "bronnenonderzoek")
    _weigh(regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="Art. 172 Gemeentewet")
    query_hit(regisseur, signaal, "brp", signaal.personen.first())
    _weigh(regisseur, signaal, "bronnen", "doorgaan")
    _weigh(regisseur, signaal, "pc2a", "delen", grondslag="Art. 172 Gemeentewet", gegevens="NAW", doel="Overleg")
    _weigh(regisseur, signaal, "pc2b", "niet-delen", grondslag="Art. 172 Gemeentewet")
    return signaal


def besluit(user, signaal, casus=None, naar_doel="", **overrides):
    invoer = {**OVERWEGINGEN, "conclusie": "verenigbaar", **overrides}
    return leg_besluit_vast(
        user,
        BesluitInvoer(signaal=str(signaal.pk), casus=str(casus.pk) if casus else None, naar_doel=naar_doel, **invoer),
    )


# --- Purposes at intake ---------------------------------------------------------------------------------------


def test_purpose_is_derived_from_the_reporting_organisation(tenant, schuldhulp):
    assert make_signaal(tenant, reporter=schuldhulp).doel == ZORG
    assert make_signaal(tenant, reporter=tenant.wijkagent).doel == HANDHAVING  # police
    assert make_signaal(tenant).doel == HANDHAVING  # housing corporation
    assert doel_voor_organisatie(Organisatie(soort="reclassering")) == Doel.STRAFRECHTELIJK
    assert doel_voor_aanpak("gebiedsgericht") == Doel.OPENBARE_ORDE


def test_an_explicit_purpose_wins_and_goes_into_the_log(tenant):
    signaal = make_signaal(tenant, doel=ZORG)
    assert signaal.doel == ZORG
    entry = Verwerking.objects.get(handeling="signaal.melden")
    assert entry.doel == ZORG and entry.object_ids == [str(signaal.pk)]


def test_an_unknown_purpose_is_refused_and_nothing_is_saved(tenant):
    with pytest.raises(InvalidInput) as error:
        make_signaal(tenant, doel="nieuwsgierigheid")
    assert [p["name"] for p in error.value.invalid_params] == ["doel"]
    assert not Signaal.objects.exists()


def test_api_intake_with_a_bad_purpose_gives_problem_json_and_saves_nothing(tenant):
    api = client_for(tenant.corporatie)
    body = {"omschrijving": "Hennepgeur.", "fenomenen": ["hennepteelt"], "doel": "nieuwsgierigheid"}
    response = api.post("/api/v1/signalen", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["doel"]
    assert not Signaal.objects.exists()
    response = api.post("/api/v1/signalen", {**body, "doel": ZORG}, format="json")
    assert response.status_code == 201
    assert Signaal.objects.get().doel == ZORG


def test_web_intake_records_the_chosen_purpose(client, tenant):
    client.force_login(tenant.partnerprofessional)
    response = client.post(
        reverse("signalen:melden"),
        {
            "omschrijving": "Lampen naar binnen gedragen.",
            "fenomenen": ["hennepteelt"],
            "doel": ZORG,
            "personen-TOTAL_FORMS": "0",
            "personen-INITIAL_FORMS": "0",
            "adressen-TOTAL_FORMS": "0",
            "adressen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Signaal.objects.get().doel == ZORG


def test_purpose_shows_on_the_signal_and_case_pages_and_in_the_api(client, tenant, signaal):
    casus = hand_over(tenant, signaal)
    client.force_login(tenant.regisseur)
    assert (
        "Handhaving en ondermijning (bestuurlijk)"
        in client.get(reverse("signalen:detail", args=[signaal.pk])).content.decode()
    )
    page = client.get(reverse("casussen:sectie", args=[casus.pk, "delen"])).content.decode()
    assert 'id="doelbinding"' in page and "Handhaving en ondermijning (bestuurlijk)" in page
    api = client_for(tenant.afdeling, tenant.regisseur)
    assert api.get(f"/api/v1/signalen/{signaal.pk}").json()["doel"] == HANDHAVING
    assert api.get(f"/api/v1/casussen/{casus.pk}").json()["doel"] == HANDHAVING
    assert Verwerking.objects.filter(handeling="casus.detail", doel=HANDHAVING).exists()


# --- Crossing refused without a decision ------------------------------------------------------------------------


def test_same_purpose_hand_over_is_unaffected(tenant, signaal):
    casus = hand_over(tenant, signaal)
    assert casus.doel == signaal.doel == HANDHAVING
    assert not Verenigbaarheidsbesluit.objects.exists()


def test_opening_a_case_from_a_care_signal_is_refused_without_a_decision(tenant, zorgsignaal):
    to_aanpak(tenant, zorgsignaal)
    with pytest.raises(VerenigbaarheidsbesluitOntbreekt) as error:
        _weigh(tenant.regisseur, zorgsignaal, "aanpak", "casus", aanpak="huishouden")
    assert error.value.status_code == 409
    assert not Casus.objects.exists()
    assert zorgsignaal.wegingen.filter(soort="aanpak").count() == 0
    assert zorgsignaal.status == "aanpak"


def test_with_a_decision_the_case_opens_and_the_decision_names_it_and_is_logged(tenant, zorgsignaal):
    to_aanpak(tenant, zorgsignaal)
    recorded = besluit(tenant.regisseur, zorgsignaal, naar_doel=HANDHAVING)
    entry = Verwerking.objects.get(handeling="doelbinding.verenigbaarheidsbesluit")
    assert entry.object_ids == [str(recorded.pk), str(zorgsignaal.pk)]
    assert entry.doel == HANDHAVING and entry.grondslag == "art. 6 lid 4 AVG"
    _weigh(tenant.regisseur, zorgsignaal, "aanpak", "casus", aanpak="huishouden")
    casus = zorgsignaal.casussen.get()
    recorded.refresh_from_db()
    assert recorded.casus == casus and recorded.van_doel == ZORG
    assert recorded.vastgelegd_door == tenant.regisseur and recorded.rol == "regisseur"


def test_a_not_compatible_conclusion_does_not_allow_the_use(tenant, zorgsignaal):
    to_aanpak(tenant, zorgsignaal)
    besluit(tenant.regisseur, zorgsignaal, naar_doel=HANDHAVING, conclusie="niet-verenigbaar")
    with pytest.raises(VerenigbaarheidsbesluitOntbreekt):
        _weigh(tenant.regisseur, zorgsignaal, "aanpak", "casus", aanpak="huishouden")


def test_a_decision_needs_every_consideration_and_is_immutable(tenant, zorgsignaal):
    casus = new_casus(tenant)
    with pytest.raises(InvalidInput) as error:
        besluit(tenant.regisseur, zorgsignaal, casus, waarborgen=" ", conclusie="")
    assert {p["name"] for p in error.value.invalid_params} == {"waarborgen", "conclusie"}
    assert not Verenigbaarheidsbesluit.objects.exists()
    recorded = besluit(tenant.regisseur, zorgsignaal, casus)
    recorded.toelichting = "Anders"
    with pytest.raises(ValueError):
        recorded.save()
    with pytest.raises(ValueError):
        recorded.delete()
    with pytest.raises(NotAllowed):
        besluit(tenant.partnerprofessional, zorgsignaal, casus)


def test_linking_a_signal_by_hand_is_refused_without_a_decision_and_allowed_with_one(tenant, zorgsignaal, signaal):
    casus = new_casus(tenant)
    assert services.koppel_signaal(tenant.regisseur, casus, signaal).soort == CasusSignaal.Soort.HANDMATIG
    with pytest.raises(VerenigbaarheidsbesluitOntbreekt) as error:
        services.koppel_signaal(tenant.regisseur, casus, zorgsignaal)
    assert error.value.extra["ontbrekendBesluit"]["casus"] == str(casus.pk)
    assert not casus.casus_signalen.filter(signaal=zorgsignaal).exists()
    besluit(tenant.regisseur, zorgsignaal, casus)
    services.koppel_signaal(tenant.regisseur, casus, zorgsignaal)
    assert casus.casus_signalen.filter(signaal=zorgsignaal).exists()


def test_a_later_negative_decision_revokes_an_earlier_positive_one(tenant, zorgsignaal):
    casus = new_casus(tenant)
    besluit(tenant.regisseur, zorgsignaal, casus)
    besluit(tenant.regisseur, zorgsignaal, casus, conclusie="niet-verenigbaar", toelichting="Toch niet verenigbaar.")
    with pytest.raises(VerenigbaarheidsbesluitOntbreekt):
        services.koppel_signaal(tenant.regisseur, casus, zorgsignaal)
    assert not casus.casus_signalen.filter(signaal=zorgsignaal).exists()
    besluit(tenant.regisseur, zorgsignaal, casus, toelichting="Na nieuwe waarborgen toch verenigbaar.")
    assert services.koppel_signaal(tenant.regisseur, casus, zorgsignaal)


def test_a_signal_finished_without_a_case_cannot_be_linked_by_hand(tenant, signaal):
    for weging, uitkomst in [("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")]:
        _weigh(tenant.regisseur, signaal, weging, uitkomst)
    _weigh(tenant.regisseur, signaal, "3", "geen-actie")
    signaal.refresh_from_db()
    casus = new_casus(tenant)
    with pytest.raises(TransitionRefused):
        services.koppel_signaal(tenant.regisseur, casus, signaal)
    assert not casus.casus_signalen.exists()
    # It keeps its own destruction date: retention still finds it when that date has passed.
    assert signaal.nummer in [
        i.nummer for i in retention.due(tenant.gemeente, signaal.vernietigen_op + dt.timedelta(1))
    ]


def test_changing_the_case_purpose_needs_decisions_for_its_signals(tenant, zorgsignaal, signaal):
    casus = hand_over(tenant, signaal)
    with pytest.raises(VerenigbaarheidsbesluitOntbreekt):
        services.wijzig_doel(tenant.regisseur, casus, ZORG)
    casus.refresh_from_db()
    assert casus.doel == HANDHAVING


# --- Web and API ---------------------------------------------------------------------------------------------


def test_web_refusal_links_to_the_form_and_the_form_records_the_decision(client, tenant, zorgsignaal):
    casus = new_casus(tenant)
    client.force_login(tenant.regisseur)
    response = client.post(reverse("doelbinding:signaal-koppelen", args=[casus.pk]), {"signaal": zorgsignaal.pk})
    assert response.status_code == 409
    html = response.content.decode()
    assert "verenigbaarheidsbesluit (art. 6 lid 4 AVG)" in html
    form_url = (
        f"{reverse('doelbinding:nieuw')}?signaal={zorgsignaal.pk}&amp;naar_doel={HANDHAVING}&amp;casus={casus.pk}"
    )
    assert form_url in html
    assert not casus.casus_signalen.exists()
    url = form_url.replace("&amp;", "&")
    assert client.get(url).status_code == 200
    response = client.post(url, {**OVERWEGINGEN, "conclusie": "verenigbaar", "waarborgen": ""})
    assert response.status_code == 400 and not Verenigbaarheidsbesluit.objects.exists()
    response = client.post(url, {**OVERWEGINGEN, "conclusie": "verenigbaar"})
    assert response.status_code == 302
    page = client.get(reverse("casussen:sectie", args=[casus.pk, "delen"])).content.decode()
    assert 'id="besluiten"' in page and OVERWEGINGEN["waarborgen"] in page and "Signaal koppelen" in page
    response = client.post(reverse("doelbinding:signaal-koppelen", args=[casus.pk]), {"signaal": zorgsignaal.pk})
    assert response.status_code == 302
    assert casus.casus_signalen.filter(signaal=zorgsignaal).exists()
    signaalpagina = client.get(reverse("signalen:detail", args=[zorgsignaal.pk])).content.decode()
    assert f"{reverse('casussen:sectie', args=[casus.pk, 'delen'])}#doelbinding" in signaalpagina


def test_web_step_4_refusal_shows_the_link(client, tenant, zorgsignaal):
    to_aanpak(tenant, zorgsignaal)
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("signalen:weging", args=[zorgsignaal.pk]),
        {
            "weging-weging": "aanpak",
            "weging-uitkomst": "casus",
            "weging-aanpak": "huishouden",
            "weging-toelichting": "Huishoudaanpak.",
        },
    )
    assert response.status_code == 409
    assert 'id="besluit-vastleggen"' in response.content.decode()
    assert not Casus.objects.exists()


def test_api_crossing_gives_409_naming_the_missing_decision_then_records_it(tenant, zorgsignaal):
    to_aanpak(tenant, zorgsignaal)
    api = client_for(tenant.afdeling, tenant.regisseur)
    aanpak = {"weging": "aanpak", "uitkomst": "casus", "aanpak": "huishouden", "toelichting": "Huishoudaanpak."}
    response = api.post(f"/api/v1/signalen/{zorgsignaal.pk}/wegingen", aanpak, format="json")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/verenigbaarheidsbesluit-ontbreekt")
    assert problem["ontbrekendBesluit"] == {
        "signaal": str(zorgsignaal.pk),
        "vanDoel": ZORG,
        "naarDoel": HANDHAVING,
        "casus": None,
    }
    assert not Casus.objects.exists()
    body = {**OVERWEGINGEN, "signaal": str(zorgsignaal.pk), "naar_doel": HANDHAVING, "conclusie": "verenigbaar"}
    response = api.post("/api/v1/verenigbaarheidsbesluiten", {**body, "aard_gegevens": ""}, format="json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert not Verenigbaarheidsbesluit.objects.exists()
    response = api.post("/api/v1/verenigbaarheidsbesluiten", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["van_doel"] == ZORG
    response = api.post(f"/api/v1/signalen/{zorgsignaal.pk}/wegingen", aanpak, format="json")
    assert response.status_code == 201
    casus = Casus.objects.get()
    detail = api.get(f"/api/v1/casussen/{casus.pk}").json()
    assert [b["id"] for b in detail["verenigbaarheidsbesluiten"]] == [str(Verenigbaarheidsbesluit.objects.get().pk)]


def test_api_linking_by_hand_is_refused_without_a_decision(tenant, zorgsignaal, signaal, other_tenant):
    casus = new_casus(tenant)
    api = client_for(tenant.afdeling, tenant.regisseur)
    url = f"/api/v1/casussen/{casus.pk}/signalen"
    response = api.post(url, {"signaal": str(zorgsignaal.pk)}, format="json")
    assert response.status_code == 409
    assert response.json()["ontbrekendBesluit"]["casus"] == str(casus.pk)
    assert not casus.casus_signalen.exists()
    assert api.post(url, {"signaal": str(signaal.pk)}, format="json").status_code == 201  # same purpose
    besluit(tenant.regisseur, zorgsignaal, casus)
    response = api.post(url, {"signaal": str(zorgsignaal.pk)}, format="json")
    assert response.status_code == 201 and response.json()["soort"] == "handmatig"
    assert Verwerking.objects.filter(handeling="casus.signaal-koppelen", object_ids=[str(casus.pk)]).count() == 2
    # Another gemeente's regisseur cannot reach the case.
    other = client_for(other_tenant.afdeling, other_tenant.regisseur)
    assert other.post(url, {"signaal": str(zorgsignaal.pk)}, format="json").status_code == 404


def test_partners_cannot_record_decisions_through_the_api(tenant, zorgsignaal):
    body = {**OVERWEGINGEN, "signaal": str(zorgsignaal.pk), "naar_doel": HANDHAVING, "conclusie": "verenigbaar"}
    response = client_for(tenant.corporatie).post("/api/v1/verenigbaarheidsbesluiten", body, format="json")
    assert response.status_code == 403


# --- Tenant isolation --------------------------------------------------------------------------------------------


def test_decisions_stay_within_their_gemeente(client, tenant, other_tenant, zorgsignaal):
    casus = new_casus(tenant)
    with pytest.raises(InvalidInput) as error:
        besluit(other_tenant.regisseur, zorgsignaal, casus)
    assert {p["name"] for p in error.value.invalid_params} >= {"signaal", "casus"}
    assert not Verenigbaarheidsbesluit.objects.exists()
    client.force_login(other_tenant.regisseur)
    assert client.get(f"{reverse('doelbinding:nieuw')}?signaal={zorgsignaal.pk}&casus={casus.pk}").status_code == 404
    recorded = besluit(tenant.regisseur, zorgsignaal, casus)
    other_casus = new_casus(other_tenant)
    assert client.get(reverse("casussen:detail", args=[other_casus.pk])).content.decode().count(str(recorded.pk)) == 0
    api = client_for(other_tenant.afdeling, other_tenant.regisseur)
    body = {**OVERWEGINGEN, "signaal": str(zorgsignaal.pk), "naar_doel": HANDHAVING, "conclusie": "verenigbaar"}
    assert api.post("/api/v1/verenigbaarheidsbesluiten", body, format="json").status_code == 400


# --- Automatic linking of new and relapse signals ----------------------------------------------------------------


def test_a_new_signal_with_another_purpose_is_not_linked_but_flagged(tenant, signaal, schuldhulp):
    casus = hand_over(tenant, signaal)
    zelfde = make_signaal(tenant)  # about the same person, reported by the corporation: same purpose
    assert casus.casus_signalen.filter(signaal=zelfde, soort=CasusSignaal.Soort.NIEUW).exists()
    zorg = make_signaal(tenant, reporter=schuldhulp)
    assert not casus.casus_signalen.filter(signaal=zorg).exists()
    flag = Notificatie.objects.get(ontvanger=casus.regisseur, onderwerp__contains="niet gekoppeld")
    assert zorg.nummer in flag.onderwerp and flag.link.startswith(reverse("doelbinding:nieuw"))
    assert str(zorg.pk) in flag.link and str(casus.pk) in flag.link


def test_a_relapse_signal_with_another_purpose_is_flagged_and_linked_as_relapse_after_a_decision(
    tenant, signaal, schuldhulp
):
    casus = hand_over(tenant, signaal)
    close(tenant, casus)
    casus.refresh_from_db()
    zorg = make_signaal(tenant, reporter=schuldhulp)
    assert not CasusSignaal.objects.filter(signaal=zorg).exists()
    assert Notificatie.objects.filter(ontvanger=casus.regisseur, onderwerp__contains="niet gekoppeld").exists()
    assert not Notificatie.objects.filter(onderwerp__startswith="Mogelijke terugval").exists()
    besluit(tenant.regisseur, zorg, casus)
    koppeling = services.koppel_signaal(tenant.regisseur, casus, zorg)
    assert koppeling.soort == CasusSignaal.Soort.TERUGVAL
    # A relapse signal with the case's own purpose is still linked automatically.
    zelfde = make_signaal(tenant)
    assert CasusSignaal.objects.filter(casus=casus, signaal=zelfde, soort=CasusSignaal.Soort.TERUGVAL).exists()


def test_the_regisseur_sets_the_purpose_when_opening_a_case_directly(client, tenant):
    client.force_login(tenant.regisseur)
    response = client.post(
        reverse("casussen:nieuw"), {"titel": "Gezin Kerkstraat", "aanpak": "huishouden", "doel": ZORG}
    )
    assert response.status_code == 302
    casus = Casus.objects.get()
    assert casus.doel == ZORG
    assert Verwerking.objects.get(handeling="casus.openen").doel == ZORG
    response = client.post(reverse("doelbinding:casus-doel", args=[casus.pk]), {"doel": HANDHAVING})
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.doel == HANDHAVING


# --- Data migrations ------------------------------------------------------------------------------------------


def test_the_migrations_fill_the_purpose_of_existing_signals_and_cases(tenant, schuldhulp):
    from django.apps import apps

    signaal_migratie = importlib.import_module("regiekamer.signalen.migrations.0002_signaal_doel")
    casus_migratie = importlib.import_module("regiekamer.casussen.migrations.0003_casus_doel")
    zorg = make_signaal(tenant, reporter=schuldhulp)
    politie = make_signaal(tenant, reporter=tenant.wijkagent)
    gebied = new_casus(tenant, aanpak="gebiedsgericht", buurt=tenant.buurt)
    huishouden = new_casus(tenant)
    # As rows stood before the purpose existed: the column default.
    Signaal.objects.update(doel=HANDHAVING)
    Casus.objects.update(doel=HANDHAVING)
    signaal_migratie.fill_doel(apps, None)
    casus_migratie.fill_doel(apps, None)
    assert Signaal.objects.get(pk=zorg.pk).doel == ZORG
    assert Signaal.objects.get(pk=politie.pk).doel == HANDHAVING
    assert Casus.objects.get(pk=gebied.pk).doel == Doel.OPENBARE_ORDE
    assert Casus.objects.get(pk=huishouden.pk).doel == HANDHAVING
