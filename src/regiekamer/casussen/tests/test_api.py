"""The cases API contract: cases, plans and interventions with the same permission rules as the web UI."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from regiekamer.casussen import services
from regiekamer.casussen.models import Casus, Interventie, PlanVersie
from regiekamer.casussen.tests.test_services import add_actie, close, hand_over, new_casus
from regiekamer.conftest import api_client, make_signaal
from regiekamer.delen.testing import share
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


client_for = api_client


@pytest.fixture
def regisseur_api(tenant):
    return client_for(tenant.afdeling, tenant.regisseur)


@pytest.fixture
def agent_api(tenant):
    return client_for(tenant.politie, tenant.wijkagent)


@pytest.fixture
def corporatie_api(tenant):
    """A professional of the housing corporation."""
    return client_for(tenant.corporatie, tenant.partnerprofessional)


@pytest.fixture
def casus(tenant):
    """A household case handed over from a signal: Jan Jansen and his address, a goal, and two actions:
    one for the wijkagent and one for the housing corporation."""
    casus = hand_over(tenant, make_signaal(tenant))
    doel = services.add_doel(tenant.regisseur, casus, "Woning hennepvrij")
    services.update_betrokkene(
        tenant.regisseur, casus.betrokkenen.exclude(persoon=None).get(), "bewoner", True, True, "Schulden."
    )
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent, doel=doel)
    add_actie(
        tenant,
        casus,
        tenant.corporatie,
        soort="huisvesting",
        doel=doel,
        omschrijving="Andere woning zoeken.",
        deadline=timezone.localdate() + dt.timedelta(days=21),
    )
    return casus


def assert_problem(response, status_code):
    assert response.status_code == status_code, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status_code and body["title"]
    return body


# --- GET /casussen ------------------------------------------------------------------------------


def test_list_is_paginated_with_the_contract_fields(tenant, regisseur_api, casus):
    groep = new_casus(tenant, titel="Ronselen bij school", aanpak="groepsgericht")
    body = regisseur_api.get("/api/v1/casussen").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    first = body["results"][0]
    assert set(first) == {"id", "nummer", "titel", "aanpak", "doel", "status", "regisseur", "geopend_op", "gesloten_op"}
    assert first["id"] == str(groep.pk) and first["aanpak"] == "groepsgericht" and first["status"] == "open"
    assert first["regisseur"] == {"id": tenant.regisseur.pk, "naam": tenant.regisseur.get_full_name()}
    paged = regisseur_api.get("/api/v1/casussen", {"pageSize": 1}).json()
    assert len(paged["results"]) == 1 and paged["next"]


def test_list_filters_on_status_and_aanpak(tenant, regisseur_api, casus):
    groep = new_casus(tenant, titel="Ronselen bij school", aanpak="groepsgericht")
    close(tenant, groep)

    def ids(**params):
        return [c["id"] for c in regisseur_api.get("/api/v1/casussen", params).json()["results"]]

    assert ids(aanpak="huishouden") == [str(casus.pk)]
    assert ids(status="gesloten") == [str(groep.pk)]
    assert ids(status="open", aanpak="groepsgericht") == []
    problem = assert_problem(regisseur_api.get("/api/v1/casussen", {"aanpak": "wijkgericht"}), 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["aanpak"]


def test_a_partner_lists_only_cases_it_takes_part_in(tenant, other_tenant, agent_api, casus):
    new_casus(tenant, titel="Zonder politie")
    assert [c["id"] for c in agent_api.get("/api/v1/casussen").json()["results"]] == [str(casus.pk)]
    assert client_for(other_tenant.afdeling, other_tenant.regisseur).get("/api/v1/casussen").json()["count"] == 0
    # Roles without case work, and partner systems speaking for an organisation, get nothing.
    assert_problem(client_for(tenant.afdeling, tenant.analist).get("/api/v1/casussen"), 403)
    problem = assert_problem(client_for(tenant.politie).get("/api/v1/casussen"), 403)
    assert problem["detail"] == "U heeft geen toegang tot deze functie."
    assert_problem(APIClient().get("/api/v1/casussen"), 401)


# --- GET /casussen/{id} -------------------------------------------------------------------------


def test_the_regisseur_side_sees_the_whole_case(tenant, regisseur_api, casus):
    signaal = casus.signalen.get()
    body = regisseur_api.get(f"/api/v1/casussen/{casus.pk}").json()
    assert body["weergave"] == "volledig" and body["id"] == str(casus.pk) and body["aanpak"] == "huishouden"
    betrokkenen = {b["soort"]: b for b in body["betrokkenen"]}
    assert set(betrokkenen) == {"persoon", "adres"}
    jan = betrokkenen["persoon"]
    assert jan["persoon"]["naam"] == "Jan Jansen" and jan["adres"] is None
    assert (jan["rol"], jan["dader"], jan["slachtoffer"], jan["dader_en_slachtoffer"]) == ("bewoner", True, True, True)
    assert "111222333" not in str(body)  # the BSN stays on the person resource
    assert {(d["organisatie"]["naam"], (d["gebruiker"] or {}).get("id")) for d in body["deelnemers"]} == {
        (tenant.politie.naam, tenant.wijkagent.pk),
        (tenant.corporatie.naam, None),
    }
    assert body["signalen"] == [
        {
            "id": str(signaal.pk),
            "nummer": signaal.nummer,
            "soort": "overdracht",
            "gekoppeld_op": body["signalen"][0]["gekoppeld_op"],
            "gezien_op": None,
        }
    ]
    assert [i["soort"]["code"] for i in body["interventies"]] == ["gesprek", "huisvesting"]
    assert body["escalaties"] == [] and body["sluitreden"] == "" and body["evaluatie"] == ""
    assert client_for(tenant.afdeling, tenant.ondermijningsteam).get(f"/api/v1/casussen/{casus.pk}").json()[
        "weergave"
    ] == ("volledig")


def test_a_participating_partner_sees_the_header_and_only_its_own_actions(tenant, agent_api, casus):
    response = agent_api.get(f"/api/v1/casussen/{casus.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["weergave"] == "deelnemer"
    assert set(body) == {
        "id",
        "nummer",
        "titel",
        "aanpak",
        "doel",
        "status",
        "regisseur",
        "geopend_op",
        "gesloten_op",
        "weergave",
        "gedeeld",
        "betrokkenen",
        "doelen",
        "afspraken",
        "interventies",
    }
    # Privacy check 2B shared the minimal set with the police: the header and its own actions.
    assert body["gedeeld"] == ["kopgegevens", "eigen-acties"]
    assert body["betrokkenen"] is None and body["doelen"] is None and body["afspraken"] is None
    assert [(i["soort"]["code"], i["eigenaar"]["id"]) for i in body["interventies"]] == [
        ("gesprek", tenant.wijkagent.pk)
    ]
    text = response.content.decode()
    assert "Jansen" not in text and "Andere woning" not in text and "Schulden" not in text


def test_a_partner_does_not_see_a_restricted_person_nor_the_restriction(tenant, agent_api, regisseur_api, casus):
    from regiekamer.delen.models import Categorie
    from regiekamer.inzage import services as inzage

    share(casus, tenant.politie, [Categorie.KOPGEGEVENS, Categorie.BETROKKENEN])
    url = f"/api/v1/casussen/{casus.pk}"
    assert "Jansen" in agent_api.get(url).content.decode()

    inzage.restrict(tenant.regisseur, casus.betrokkenen.exclude(persoon=None).get().persoon, "Juistheid betwist")
    response = agent_api.get(url)
    body = response.json()
    assert body["betrokkenen"] and all(b["persoon"] is None for b in body["betrokkenen"])
    text = response.content.decode()
    assert "Jansen" not in text and "beperk" not in text.lower()
    # The regisseur side still has the person in the case.
    assert "Jansen" in regisseur_api.get(url).content.decode()


def test_someone_who_does_not_take_part_gets_404(tenant, other_tenant, casus):
    from regiekamer.accounts.roles import Rol
    from regiekamer.accounts.services import create_user

    # A colleague of the wijkagent: the police received the decision, but only the wijkagent takes part.
    buitenstaander = create_user("zv-jongerenwerker", tenant.politie, [Rol.PARTNERPROFESSIONAL])
    elders = new_casus(tenant, titel="Zonder politie")
    for api, pk in [
        (client_for(tenant.politie, tenant.wijkagent), elders.pk),
        (client_for(tenant.politie, buitenstaander), casus.pk),
        (client_for(other_tenant.afdeling, other_tenant.regisseur), casus.pk),
        (client_for(other_tenant.politie, other_tenant.wijkagent), casus.pk),
        (client_for(tenant.afdeling, tenant.regisseur), "geen-uuid"),
    ]:
        body = assert_problem(api.get(f"/api/v1/casussen/{pk}"), 404)
        assert "Zonder politie" not in str(body)


# --- The plan -----------------------------------------------------------------------------------


def test_the_plan_with_its_version_for_the_regisseur_side(tenant, regisseur_api, casus):
    body = regisseur_api.get(f"/api/v1/casussen/{casus.pk}/plan").json()
    assert body["versie"] == services.current_version(casus).versie == casus.planversies.count()
    assert body["aanpak"] == "huishouden"
    assert [d["omschrijving"] for d in body["doelen"]] == ["Woning hennepvrij"]
    assert [(i["soort"], i["organisatie"]) for i in body["interventies"]] == [
        ("Gesprek (preventief)", tenant.politie.naam),
        ("Huisvesting", tenant.corporatie.naam),
    ]
    assert body["weergave"] == "volledig"
    assert {key: value for key, value in body.items() if key not in ("weergave", "versie", "gewijzigd_op")} == (
        services.plan_snapshot(casus)
    )


def test_partners_get_403_on_the_plan_and_outsiders_404(tenant, other_tenant, agent_api, casus):
    for path in ("plan", "plan/versies", "plan/versies/1"):
        problem = assert_problem(agent_api.get(f"/api/v1/casussen/{casus.pk}/{path}"), 403)
        assert "eigen acties" in problem["detail"]
        outsider = client_for(other_tenant.afdeling, other_tenant.regisseur)
        assert_problem(outsider.get(f"/api/v1/casussen/{casus.pk}/{path}"), 404)
    elders = new_casus(tenant, titel="Zonder politie")
    assert_problem(agent_api.get(f"/api/v1/casussen/{elders.pk}/plan"), 404)


def test_plan_versions_show_what_changed_and_the_plan_as_it_was(tenant, regisseur_api, casus):
    versies = regisseur_api.get(f"/api/v1/casussen/{casus.pk}/plan/versies").json()
    aantal = casus.planversies.count()
    assert versies["count"] == aantal
    assert [v["versie"] for v in versies["results"]] == list(range(aantal, 0, -1))
    assert versies["results"][-1]["wijziging"].startswith("Casus geopend vanuit signaal")
    assert versies["results"][-1]["gewijzigd_door"]["id"] == tenant.regisseur.pk

    interventie = casus.interventies.get(soort__code="gesprek")
    services.update_interventie(tenant.wijkagent, interventie, "afgerond", "Gesprek gevoerd.")
    old = regisseur_api.get(f"/api/v1/casussen/{casus.pk}/plan/versies/{aantal}").json()
    new = regisseur_api.get(f"/api/v1/casussen/{casus.pk}/plan/versies/{aantal + 1}").json()
    assert old["inhoud"] == PlanVersie.objects.get(casus=casus, versie=aantal).inhoud
    assert [i["status"] for i in old["inhoud"]["interventies"]] == ["gepland", "gepland"]
    assert [i["status"] for i in new["inhoud"]["interventies"]] == ["afgerond", "gepland"]
    assert new["wijziging"] == "Gesprek (preventief): status Gepland → Afgerond, resultaat bijgewerkt"
    assert new["gewijzigd_door"]["id"] == tenant.wijkagent.pk
    assert_problem(regisseur_api.get(f"/api/v1/casussen/{casus.pk}/plan/versies/{aantal + 2}"), 404)


# --- GET /interventies --------------------------------------------------------------------------


def test_a_partner_lists_only_the_actions_assigned_to_it(tenant, other_tenant, agent_api, corporatie_api, casus):
    ander = new_casus(tenant, titel="Tweede")
    share(ander, tenant.politie)
    add_actie(tenant, ander, tenant.politie, soort="aangifte")  # the police as organisation, no person
    add_actie(tenant, ander, tenant.afdeling, soort="bibob-toets", eigenaar=tenant.ondermijningsteam)
    elders = new_casus(other_tenant)
    share(elders, other_tenant.politie)
    add_actie(other_tenant, elders, other_tenant.politie, soort="gesprek", eigenaar=other_tenant.wijkagent)

    agent = agent_api.get("/api/v1/interventies").json()
    assert {(i["casus"]["id"], i["soort"]["code"]) for i in agent["results"]} == {
        (str(casus.pk), "gesprek"),
        (str(ander.pk), "aangifte"),
    }
    corporatie = corporatie_api.get("/api/v1/interventies").json()
    assert [i["soort"]["code"] for i in corporatie["results"]] == ["huisvesting"]
    # A partner cannot widen the view with a filter.
    assert agent_api.get("/api/v1/interventies", {"casus": str(ander.pk)}).json()["count"] == 1
    assert_problem(client_for(tenant.politie).get("/api/v1/interventies"), 403)


def test_the_regisseur_side_lists_all_actions_of_the_gemeente_with_filters(tenant, other_tenant, regisseur_api, casus):
    ander = new_casus(tenant, titel="Tweede")
    laat = add_actie(tenant, ander, tenant.corporatie, soort="schuldhulpverlening")
    Interventie.objects.filter(pk=laat.pk).update(deadline=timezone.localdate() - dt.timedelta(days=3))
    klaar = add_actie(tenant, ander, tenant.corporatie, soort="dagbesteding")
    services.update_interventie(tenant.regisseur, klaar, "afgerond", "Plek gevonden.")
    elders = new_casus(other_tenant)
    add_actie(other_tenant, elders, other_tenant.politie, soort="gesprek")

    def codes(**params):
        body = regisseur_api.get("/api/v1/interventies", params).json()
        return sorted(i["soort"]["code"] for i in body["results"])

    assert codes() == ["dagbesteding", "gesprek", "huisvesting", "schuldhulpverlening"]
    assert codes(casus=str(ander.pk)) == ["dagbesteding", "schuldhulpverlening"]
    assert codes(status="afgerond") == ["dagbesteding"]
    assert codes(te_laat="true") == ["schuldhulpverlening"]
    listed = regisseur_api.get("/api/v1/interventies", {"te_laat": "true"}).json()["results"][0]
    assert listed["te_laat"] is True and listed["casus"] == {"id": str(ander.pk), "nummer": ander.nummer}
    problem = assert_problem(regisseur_api.get("/api/v1/interventies", {"status": "klaar", "casus": "x"}), 400)
    assert {p["name"] for p in problem["invalidParams"]} == {"status", "casus"}


# --- PATCH /interventies/{id} -------------------------------------------------------------------


def test_a_partner_updates_its_own_action(tenant, agent_api, casus):
    interventie = casus.interventies.get(soort__code="gesprek")
    response = agent_api.patch(
        f"/api/v1/interventies/{interventie.pk}", {"status": "lopend", "resultaat": "Afspraak gemaakt."}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["resultaat"], body["deadline"]) == (
        "lopend",
        "Afspraak gemaakt.",
        interventie.deadline.isoformat(),
    )
    interventie.refresh_from_db()
    assert interventie.status == "lopend"
    # Only the result: the status stays.
    response = agent_api.patch(
        f"/api/v1/interventies/{interventie.pk}", {"resultaat": "Gesprek 1 gehad."}, format="json"
    )
    assert response.json()["status"] == "lopend" and response.json()["resultaat"] == "Gesprek 1 gehad."


def test_a_partner_gets_403_for_an_action_not_its_own(tenant, agent_api, casus):
    van_corporatie = casus.interventies.get(soort__code="huisvesting")
    problem = assert_problem(
        agent_api.patch(f"/api/v1/interventies/{van_corporatie.pk}", {"status": "lopend"}, format="json"), 403
    )
    assert problem["detail"] == "Deze actie is niet aan u toegewezen."
    van_corporatie.refresh_from_db()
    assert van_corporatie.status == "gepland"


def test_finishing_without_a_result_is_400_and_moving_the_deadline_is_for_the_regie(
    tenant, agent_api, regisseur_api, casus
):
    interventie = casus.interventies.get(soort__code="gesprek")
    url = f"/api/v1/interventies/{interventie.pk}"
    problem = assert_problem(agent_api.patch(url, {"status": "afgerond"}, format="json"), 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["resultaat"]
    later = (interventie.deadline + dt.timedelta(days=30)).isoformat()
    assert_problem(agent_api.patch(url, {"status": "lopend", "deadline": later}, format="json"), 403)
    problem = assert_problem(agent_api.patch(url, {"status": "klaar"}, format="json"), 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["status"]
    interventie.refresh_from_db()
    assert interventie.status == "gepland"

    response = regisseur_api.patch(url, {"deadline": later}, format="json")
    assert response.status_code == 200 and response.json()["deadline"] == later


def test_updating_an_action_of_another_gemeente_or_a_closed_case(tenant, other_tenant, regisseur_api, casus):
    interventie = casus.interventies.get(soort__code="gesprek")
    for api in (
        client_for(other_tenant.afdeling, other_tenant.regisseur),
        client_for(other_tenant.politie, other_tenant.wijkagent),
    ):
        assert_problem(api.patch(f"/api/v1/interventies/{interventie.pk}", {"status": "lopend"}, format="json"), 404)
    assert_problem(regisseur_api.patch("/api/v1/interventies/onbekend", {"status": "lopend"}, format="json"), 404)
    close(tenant, casus)
    response = regisseur_api.patch(f"/api/v1/interventies/{interventie.pk}", {"status": "lopend"}, format="json")
    assert_problem(response, 409)


# --- POST /casussen, /casussen/{id}/interventies, /casussen/{id}/sluiten ------------------------


def test_the_regisseur_opens_a_case_directly(tenant, regisseur_api, agent_api):
    response = regisseur_api.post(
        "/api/v1/casussen",
        {"titel": "Geldezel, 21 jaar", "aanpak": "persoonsgericht", "herkomst": "Zorg- en Veiligheidshuis"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    casus = Casus.objects.get(pk=body["id"])
    assert response["Location"].endswith(f"/api/v1/casussen/{casus.pk}")
    assert body["weergave"] == "volledig" and body["herkomst"] == "Zorg- en Veiligheidshuis"
    assert casus.regisseur == tenant.regisseur and casus.planversies.count() == 1

    problem = assert_problem(
        regisseur_api.post("/api/v1/casussen", {"titel": "Hangplek", "aanpak": "gebiedsgericht"}, format="json"), 400
    )
    assert [p["name"] for p in problem["invalidParams"]] == ["buurt"]
    problem = assert_problem(
        regisseur_api.post(
            "/api/v1/casussen", {"titel": "Hangplek", "aanpak": "gebiedsgericht", "buurt": "BU0000"}, format="json"
        ),
        400,
    )
    assert [p["name"] for p in problem["invalidParams"]] == ["buurt"]
    problem = assert_problem(regisseur_api.post("/api/v1/casussen", {"titel": "", "aanpak": "x"}, format="json"), 400)
    assert {p["name"] for p in problem["invalidParams"]} == {"titel", "aanpak"}
    response = regisseur_api.post(
        "/api/v1/casussen", {"titel": "Hangplek", "aanpak": "gebiedsgericht", "buurt": tenant.buurt.code}, format="json"
    )
    assert response.status_code == 201 and response.json()["buurt"] == tenant.buurt.code

    assert_problem(agent_api.post("/api/v1/casussen", {"titel": "x", "aanpak": "huishouden"}, format="json"), 403)
    assert Casus.objects.count() == 2


def test_adding_an_intervention(tenant, regisseur_api, agent_api, casus):
    doel = casus.doelen.get()
    url = f"/api/v1/casussen/{casus.pk}/interventies"
    deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    before = (Interventie.objects.count(), PlanVersie.objects.count())
    sluiting = {
        "soort": "sluiting-13b",
        "eigenaar_organisatie": str(tenant.afdeling.pk),
        "doel": str(doel.pk),
        "deadline": deadline,
    }
    problem = assert_problem(regisseur_api.post(url, sluiting, format="json"), 400)
    assert {p["name"] for p in problem["invalidParams"]} == {"impact_huishouden", "opvang_gevolgen"}
    verkeerd = {**sluiting, "soort": "gesprek", "eigenaar_organisatie": str(tenant.corporatie.pk)}
    problem = assert_problem(regisseur_api.post(url, {**verkeerd, "eigenaar": tenant.wijkagent.pk}, format="json"), 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["eigenaar"]
    problem = assert_problem(regisseur_api.post(url, {**verkeerd, "deadline": "morgen"}, format="json"), 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["deadline"]
    for te_groot in (2**63, 0):  # beyond any user id, or none: a 400 naming the field
        problem = assert_problem(regisseur_api.post(url, {**sluiting, "eigenaar": te_groot}, format="json"), 400)
        assert "eigenaar" in {p["name"] for p in problem["invalidParams"]}
    assert (Interventie.objects.count(), PlanVersie.objects.count()) == before
    assert_problem(agent_api.post(url, {**verkeerd, "soort": "gesprek"}, format="json"), 403)

    response = regisseur_api.post(
        url,
        {
            **sluiting,
            "eigenaar": tenant.regisseur.pk,
            "omschrijving": "Burgemeester sluit de woning voor drie maanden.",
            "impact_huishouden": "Moeder en twee zonen verliezen de woning.",
            "opvang_gevolgen": "Wijkteam regelt tijdelijke huisvesting.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["soort"] == {
        "code": "sluiting-13b",
        "naam": "Sluiting woning of pand (art. 13b Opiumwet)",
        "familie": "bestuurlijk",
        "repressief": True,
    }
    assert body["doel"] == {"id": str(doel.pk), "omschrijving": "Woning hennepvrij"}
    assert body["eigenaar"]["id"] == tenant.regisseur.pk and body["status"] == "gepland"
    assert services.current_version(casus).wijziging.startswith("Interventie toegevoegd: Sluiting")


def test_closing_a_case(tenant, regisseur_api, agent_api, casus):
    doel = casus.doelen.get()
    url = f"/api/v1/casussen/{casus.pk}/sluiten"
    body = {"resultaten": {str(doel.pk): "behaald"}, "sluitreden": "afgeschaald", "evaluatie": "Woning is leeg."}
    problem = assert_problem(regisseur_api.post(url, body, format="json"), 409)
    assert "2 open acties" in problem["detail"]
    assert_problem(agent_api.post(url, body, format="json"), 403)
    for interventie in casus.interventies.all():
        services.update_interventie(tenant.regisseur, interventie, "afgerond", "Gedaan.")
    problem = assert_problem(regisseur_api.post(url, {**body, "resultaten": {}, "evaluatie": ""}, format="json"), 400)
    assert {p["name"] for p in problem["invalidParams"]} == {f"resultaten.{doel.pk}", "evaluatie"}
    problem = assert_problem(
        regisseur_api.post(url, {**body, "resultaten": {str(doel.pk): "half"}}, format="json"), 400
    )
    assert [p["name"] for p in problem["invalidParams"]] == [f"resultaten.{doel.pk}"]
    casus.refresh_from_db()
    assert casus.is_open

    response = regisseur_api.post(url, body, format="json")
    assert response.status_code == 200, response.content
    closed = response.json()
    assert (closed["status"], closed["sluitreden"], closed["evaluatie"]) == (
        "gesloten",
        "afgeschaald",
        "Woning is leeg.",
    )
    assert closed["gesloten_op"]
    doel.refresh_from_db()
    assert doel.resultaat == "behaald"
    assert_problem(regisseur_api.post(url, body, format="json"), 409)


# --- The reporter's status-only view follows the case --------------------------------------------


def test_the_reporting_organisation_sees_the_status_follow_the_case_and_nothing_of_it(tenant):
    melder = client_for(tenant.corporatie)  # the housing corporation's system
    created = melder.post(
        "/api/v1/signalen",
        {
            "omschrijving": "Sterke hennepgeur en lampen naar binnen gedragen.",
            "fenomenen": ["hennepteelt"],
            "personen": [{"voornamen": "Jan", "achternaam": "Jansen", "bsn": "111222333"}],
            "adressen": [{"postcode": "9901AB", "huisnummer": 12}],
        },
        format="json",
    ).json()
    status_url = f"/api/v1/signalen/{created['id']}/status"
    casus = hand_over(tenant, Signaal.objects.get(pk=created["id"]))
    services.add_doel(tenant.regisseur, casus, "Woning hennepvrij")

    response = melder.get(status_url)
    assert response.status_code == 200
    assert set(response.json()) == {"status", "bijgewerkt", "bericht"}
    assert response.json()["status"] == "in-behandeling"
    for secret in (casus.nummer, str(casus.pk), "hennepvrij", "Jansen", "huishouden"):
        assert secret not in response.content.decode()
    assert_problem(melder.get(f"/api/v1/casussen/{casus.pk}"), 403)

    close(tenant, casus)
    response = melder.get(status_url)
    assert response.json()["status"] == "afgerond"
    assert casus.nummer not in response.content.decode() and "afgeschaald" not in response.content.decode()


def test_openapi_documents_the_cases_contract(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    for path in [
        "/api/v1/casussen",
        "/api/v1/casussen/{id}",
        "/api/v1/casussen/{id}/plan",
        "/api/v1/casussen/{id}/plan/versies",
        "/api/v1/casussen/{id}/plan/versies/{versie}",
        "/api/v1/casussen/{id}/interventies",
        "/api/v1/casussen/{id}/sluiten",
        "/api/v1/interventies",
        "/api/v1/interventies/{id}",
    ]:
        assert path in schema["paths"], path
    lijst = schema["components"]["schemas"]["CasusLijst"]
    assert {"id", "aanpak"} <= set(lijst["required"])
    assert schema["components"]["schemas"]["AanpakEnum"]["enum"] == [
        "persoonsgericht",
        "huishouden",
        "groepsgericht",
        "gebiedsgericht",
    ]


def test_listing_and_detail_do_not_query_per_row(tenant, regisseur_api, agent_api, casus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(api, url):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(url).status_code == 200
        return len(captured)

    urls = ["/api/v1/interventies", f"/api/v1/casussen/{casus.pk}", "/api/v1/casussen"]
    for api in (regisseur_api, agent_api):
        api.get(urls[0])  # the token's first use is written (then at most once a minute)
    before = {url: (queries(regisseur_api, url), queries(agent_api, url)) for url in urls}
    for index in range(4):
        add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
        services.add_deelnemer(tenant.regisseur, casus, tenant.afdeling, rol=f"rol {index}")
        new_casus(tenant, titel=f"Extra {index}")
    make_signaal(tenant, omschrijving="Weer hennepgeur.", adressen=[])  # a new signal on the case
    assert {url: (queries(regisseur_api, url), queries(agent_api, url)) for url in urls} == before


def test_the_ids_and_codes_casework_needs_are_listed(tenant, other_tenant, regisseur_api, corporatie_api):
    organisaties = regisseur_api.get("/api/v1/organisaties").json()
    assert {o["naam"] for o in organisaties} == {tenant.afdeling.naam, tenant.politie.naam, tenant.corporatie.naam}
    assert {"id", "naam", "soort"} == set(organisaties[0])
    soorten = regisseur_api.get("/api/v1/interventiesoorten").json()
    assert "gesprek" in {s["code"] for s in soorten} and {"code", "naam", "familie", "repressief"} == set(soorten[0])
    # A partner names no recipients or owners.
    assert corporatie_api.get("/api/v1/organisaties").status_code == 403
    indicatoren = corporatie_api.get("/api/v1/indicatoren").json()
    assert indicatoren[0]["soort"] == "verankering" and indicatoren[0]["fenomeen"] is None
    assert {"code": "hennepgeur", "fenomeen": "hennepteelt"}.items() <= next(
        i for i in indicatoren if i["code"] == "hennepgeur"
    ).items()


# --- The case workflow's other steps: betrokkenen, deelnemers, goals, agreements, the analysis -----------------


def _names(problem) -> set[str]:
    return {param["name"] for param in problem["invalidParams"]}


def _logged(handeling, user, objecttype="casus"):
    from regiekamer.audit.models import Verwerking

    return Verwerking.objects.filter(handeling=handeling, gebruiker=user.username, objecttype=objecttype).order_by(
        "-volgnummer"
    )


@pytest.fixture
def piet(tenant):
    """A person of the gemeente known from another signal, not (yet) in the case."""
    from regiekamer.subjects.services import PersoonGegevens

    signaal = make_signaal(
        tenant,
        personen=[PersoonGegevens(voornamen="Piet", achternaam="Pietersen", bsn="123456782")],
        adressen=[],
        rechtspersonen=[("Kweekhandel Groen B.V.", "12345678")],
    )
    return signaal.personen.get()


def test_listing_betrokkenen_follows_the_sharing_decisions(tenant, other_tenant, regisseur_api, agent_api, casus):
    from regiekamer.delen.models import Categorie
    from regiekamer.inzage import services as inzage

    url = f"/api/v1/casussen/{casus.pk}/betrokkenen"
    body = regisseur_api.get(url).json()
    jan = next(b for b in body if b["soort"] == "persoon")
    assert (jan["persoon"]["naam"], jan["rol"], jan["dader"], jan["slachtoffer"], jan["problematiek"]) == (
        "Jan Jansen",
        "bewoner",
        True,
        True,
        "Schulden.",
    )
    assert {b["soort"] for b in body} == {"persoon", "adres"}
    entry = _logged("api.casus.betrokkenen", tenant.regisseur, "persoon").first()
    assert entry.object_ids == [jan["persoon"]["id"]]

    # The police's decision shares the header and its own actions only: not the betrokkenen.
    problem = assert_problem(agent_api.get(url), 403)
    assert "niet met uw organisatie gedeeld" in problem["detail"]
    share(casus, tenant.politie, [Categorie.KOPGEGEVENS, Categorie.BETROKKENEN])
    assert {b["soort"] for b in agent_api.get(url).json()} == {"persoon", "adres"}
    inzage.restrict(tenant.regisseur, casus.betrokkenen.exclude(persoon=None).get().persoon, "Juistheid betwist")
    assert [b["soort"] for b in agent_api.get(url).json()] == ["adres"]

    assert_problem(client_for(other_tenant.afdeling, other_tenant.regisseur).get(url), 404)
    assert_problem(client_for(tenant.corporatie).get(url), 403)  # a partner system
    elders = new_casus(tenant, titel="Zonder politie")
    assert_problem(agent_api.get(f"/api/v1/casussen/{elders.pk}/betrokkenen"), 404)  # does not take part
    assert_problem(APIClient().get(url), 401)


def test_adding_a_known_subject_as_betrokkene(tenant, regisseur_api, casus, piet):
    url = f"/api/v1/casussen/{casus.pk}/betrokkenen"
    response = regisseur_api.post(
        url, {"persoon": str(piet.pk), "rol": "ronselaar", "dader": True, "problematiek": "Verslaving."}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["soort"] == "persoon" and body["persoon"]["id"] == str(piet.pk)
    assert (body["rol"], body["dader"], body["slachtoffer"], body["problematiek"]) == (
        "ronselaar",
        True,
        False,
        "Verslaving.",
    )
    assert casus.betrokkenen.filter(persoon=piet, dader=True).exists()
    assert _logged("casus.betrokkene", tenant.regisseur).first().object_ids == [str(casus.pk)]

    from regiekamer.subjects.models import Rechtspersoon

    groen = Rechtspersoon.objects.get(gemeente=tenant.gemeente, naam="Kweekhandel Groen B.V.")
    response = regisseur_api.post(url, {"rechtspersoon": str(groen.pk), "rol": "exploitant"}, format="json")
    assert response.status_code == 201 and response.json()["soort"] == "rechtspersoon"

    # The service's rule: a subject is in the case once; the field given is named.
    problem = assert_problem(regisseur_api.post(url, {"persoon": str(piet.pk)}, format="json"), 400)
    assert problem["invalidParams"] == [
        {"name": "persoon", "code": "dubbel", "reason": "Deze betrokkene staat al in de casus."}
    ]


def test_adding_a_betrokkene_names_every_invalid_field_and_saves_nothing(tenant, other_tenant, regisseur_api, casus):
    from regiekamer.subjects.models import Persoon

    url = f"/api/v1/casussen/{casus.pk}/betrokkenen"
    personen = Persoon.objects.filter(gemeente=tenant.gemeente)
    before = (casus.betrokkenen.count(), personen.count(), _logged("casus.betrokkene", tenant.regisseur).count())
    problem = assert_problem(regisseur_api.post(url, {"rol": "x" * 101, "dader": "misschien"}, format="json"), 400)
    assert _names(problem) == {"persoon", "adres", "rechtspersoon", "nieuwe_persoon", "rol", "dader"}
    assert problem["detail"] == "Een of meer velden zijn ongeldig."

    elders = make_signaal(other_tenant).personen.get()  # a person of another gemeente is unknown here
    adres = casus.betrokkenen.exclude(adres=None).get().adres
    problem = assert_problem(
        regisseur_api.post(url, {"persoon": str(elders.pk), "adres": str(adres.pk)}, format="json"), 400
    )
    assert _names(problem) == {"persoon", "adres"}
    assert "Onbekend in uw gemeente." in {p["reason"] for p in problem["invalidParams"]}

    # A person entered by hand: a date in the wrong format does not hide the name and the BSN the intake rule refuses.
    nieuw = {"voornamen": "Karin", "achternaam": "Vries\u202e", "bsn": "123456789", "geboortedatum": "01-02-1975"}
    problem = assert_problem(regisseur_api.post(url, {"nieuwe_persoon": nieuw, "rol": "x" * 101}, format="json"), 400)
    assert _names(problem) == {
        "nieuwe_persoon.geboortedatum",
        "nieuwe_persoon.achternaam",
        "nieuwe_persoon.bsn",
        "rol",
    }
    reasons = {p["name"]: p["reason"] for p in problem["invalidParams"]}
    assert reasons["nieuwe_persoon.achternaam"] == "De achternaam bevat een onzichtbaar teken of stuurteken."
    problem = assert_problem(regisseur_api.post(url, {"nieuwe_persoon": {"voornamen": "Karin"}}, format="json"), 400)
    assert _names(problem) == {"nieuwe_persoon.achternaam"}
    assert (
        casus.betrokkenen.count(),
        personen.count(),
        _logged("casus.betrokkene", tenant.regisseur).count(),
    ) == before
    # Only JSON: a form body cannot carry a nested person.
    assert_problem(regisseur_api.post(url, {"rol": "x"}, format="multipart"), 415)


def test_entering_a_new_person_on_a_case_links_by_the_intake_rule(tenant, regisseur_api, casus):
    url = f"/api/v1/casussen/{casus.pk}/betrokkenen"
    karin = {"voornamen": "Karin", "tussenvoegsel": "de", "achternaam": "Vries", "bsn": "123456782"}
    response = regisseur_api.post(url, {"nieuwe_persoon": karin, "rol": "moeder", "slachtoffer": True}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["persoon"]["naam"] == "Karin de Vries" and body["persoon"]["bsn_bekend"] is True
    assert body["slachtoffer"] is True and "123456782" not in response.content.decode()
    # The same person again (by BSN): linked to her, already in the case, nothing added.
    again = regisseur_api.post(url, {"nieuwe_persoon": {**karin, "voornamen": "K."}}, format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert casus.betrokkenen.filter(persoon_id=body["persoon"]["id"]).count() == 1


def test_a_restricted_person_is_refused_as_on_the_case_page(tenant, regisseur_api, casus, piet):
    from regiekamer.inzage import services as inzage

    inzage.restrict(tenant.regisseur, piet, "Juistheid betwist")
    problem = assert_problem(
        regisseur_api.post(f"/api/v1/casussen/{casus.pk}/betrokkenen", {"persoon": str(piet.pk)}, format="json"), 409
    )
    assert problem["detail"] == "De verwerking van gegevens over deze persoon is beperkt (art. 18 AVG)."
    assert not casus.betrokkenen.filter(persoon=piet).exists()


def test_editing_a_betrokkene(tenant, other_tenant, regisseur_api, agent_api, casus):
    jan = casus.betrokkenen.exclude(persoon=None).get()
    url = f"/api/v1/casussen/{casus.pk}/betrokkenen/{jan.pk}"
    response = regisseur_api.patch(url, {"slachtoffer": False, "rol": "vader"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    # Omitted fields stay.
    assert (body["rol"], body["dader"], body["slachtoffer"], body["dader_en_slachtoffer"], body["problematiek"]) == (
        "vader",
        True,
        False,
        False,
        "Schulden.",
    )
    jan.refresh_from_db()
    assert (jan.rol, jan.dader, jan.slachtoffer) == ("vader", True, False)
    assert _logged("casus.betrokkene", tenant.regisseur).exists()

    problem = assert_problem(regisseur_api.patch(url, {"dader": "misschien", "rol": "x" * 101}, format="json"), 400)
    assert _names(problem) == {"dader", "rol"}
    jan.refresh_from_db()
    assert jan.rol == "vader"

    assert_problem(agent_api.patch(url, {"rol": "x"}, format="json"), 403)
    assert_problem(
        client_for(other_tenant.afdeling, other_tenant.regisseur).patch(url, {"rol": "x"}, format="json"), 404
    )
    # A betrokkene of another case is not found through this one.
    ander = new_casus(tenant, titel="Tweede")
    assert_problem(
        regisseur_api.patch(f"/api/v1/casussen/{ander.pk}/betrokkenen/{jan.pk}", {"rol": "x"}, format="json"), 404
    )
    assert_problem(regisseur_api.patch(f"/api/v1/casussen/{casus.pk}/betrokkenen/geen-id", {}, format="json"), 404)


def test_participants(tenant, other_tenant, regisseur_api, agent_api, casus):
    from regiekamer.notifications.models import Notificatie

    url = f"/api/v1/casussen/{casus.pk}/deelnemers"
    assert {(d["organisatie"]["id"], (d["gebruiker"] or {}).get("id")) for d in regisseur_api.get(url).json()} == {
        (str(tenant.politie.pk), tenant.wijkagent.pk),
        (str(tenant.corporatie.pk), None),
    }
    assert_problem(agent_api.get(url), 403)

    body = {
        "organisatie": str(tenant.corporatie.pk),
        "gebruiker": tenant.partnerprofessional.pk,
        "rol": "woonconsulent",
    }
    response = regisseur_api.post(url, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["gebruiker"]["id"] == tenant.partnerprofessional.pk
    assert response.json()["rol"] == "woonconsulent"
    assert Notificatie.objects.filter(ontvanger=tenant.partnerprofessional, link="/acties/").exists()
    assert _logged("casus.deelnemer", tenant.regisseur).exists()
    again = regisseur_api.post(url, body, format="json")
    assert again.status_code == 200 and again.json()["id"] == response.json()["id"]

    count = casus.deelnemers.count()
    # The service's rule, as on the case page: the professional works at the organisation.
    problem = assert_problem(
        regisseur_api.post(url, {**body, "organisatie": str(tenant.politie.pk)}, format="json"), 400
    )
    assert problem["invalidParams"] == [
        {"name": "gebruiker", "code": "invalid", "reason": "Deze professional werkt niet bij die organisatie."}
    ]
    elders = other_tenant.politie
    problem = assert_problem(
        regisseur_api.post(url, {"organisatie": str(elders.pk), "gebruiker": other_tenant.wijkagent.pk}, format="json"),
        400,
    )
    assert problem["invalidParams"] == [
        {"name": "organisatie", "code": "onbekend", "reason": "Onbekende organisatie."},
        {"name": "gebruiker", "code": "onbekend", "reason": "Onbekende professional."},
    ]
    assert _names(
        assert_problem(regisseur_api.post(url, {"rol": "x" * 101, "gebruiker": 10**30}, format="json"), 400)
    ) == {
        "organisatie",
        "gebruiker",
        "rol",
    }
    assert casus.deelnemers.count() == count
    assert_problem(agent_api.post(url, body, format="json"), 403)
    assert_problem(client_for(other_tenant.afdeling, other_tenant.regisseur).post(url, body, format="json"), 404)


def test_goals_and_agreements_make_plan_versions(tenant, regisseur_api, agent_api, casus):
    versie = services.current_version(casus).versie
    url = f"/api/v1/casussen/{casus.pk}/plan/doelen"
    response = regisseur_api.post(url, {"omschrijving": "Schulden in beeld", "leefgebied": "financien"}, format="json")
    assert response.status_code == 201, response.content
    doel = response.json()
    assert doel["leefgebied"] == {"code": "financien", "naam": "Financiën"} and doel["resultaat"] == ""
    assert services.current_version(casus).versie == versie + 1
    assert services.current_version(casus).wijziging == "Doel toegevoegd: Schulden in beeld"
    plan = regisseur_api.get(f"/api/v1/casussen/{casus.pk}/plan").json()
    assert {"id": doel["id"], "omschrijving": "Schulden in beeld", "leefgebied": "Financiën", "resultaat": ""} in plan[
        "doelen"
    ]
    assert plan["versie"] == versie + 1
    assert regisseur_api.post(url, {"omschrijving": "Zonder leefgebied"}, format="json").json()["leefgebied"] is None

    problem = assert_problem(regisseur_api.post(url, {"omschrijving": " ", "leefgebied": "hobby"}, format="json"), 400)
    assert _names(problem) == {"omschrijving", "leefgebied"}
    assert_problem(regisseur_api.post(url, {"omschrijving": "x" * 301}, format="json"), 400)

    url = f"/api/v1/casussen/{casus.pk}/plan/afspraken"
    response = regisseur_api.post(url, {"omschrijving": "Het wijkteam is het eerste aanspreekpunt."}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["omschrijving"] == "Het wijkteam is het eerste aanspreekpunt."
    assert services.current_version(casus).wijziging == "Afspraak toegevoegd"
    assert_problem(regisseur_api.post(url, {"omschrijving": ""}, format="json"), 400)
    assert casus.planversies.count() == versie + 3

    for path in ("plan/doelen", "plan/afspraken"):
        assert_problem(agent_api.post(f"/api/v1/casussen/{casus.pk}/{path}", {"omschrijving": "x"}, format="json"), 403)
    assert casus.planversies.count() == versie + 3


def test_the_analysis_per_leefgebied(tenant, regisseur_api, agent_api, casus):
    url = f"/api/v1/casussen/{casus.pk}/plan/analyse"
    body = regisseur_api.get(url).json()
    assert [lg["code"] for lg in body["leefgebieden"]] == [
        lg["code"] for lg in regisseur_api.get("/api/v1/leefgebieden").json()
    ]
    assert all(lg["tekst"] == "" for lg in body["leefgebieden"])
    versie = body["versie"]

    def teksten(body):
        return {lg["code"]: lg["tekst"] for lg in body["leefgebieden"] if lg["tekst"]}

    response = regisseur_api.patch(
        url,
        {"leefgebieden": [{"code": "financien", "tekst": "Huurachterstand."}, {"code": "wonen", "tekst": "Hennep."}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert teksten(response.json()) == {"financien": "Huurachterstand.", "wonen": "Hennep."}
    assert response.json()["versie"] == versie + 2  # a version per changed leefgebied, as on the case page
    # PATCH changes only what it names; the same text again records nothing.
    response = regisseur_api.patch(
        url,
        {"leefgebieden": [{"code": "wonen", "tekst": "Hennep."}, {"code": "financien", "tekst": "Regeling."}]},
        format="json",
    )
    assert teksten(response.json()) == {"financien": "Regeling.", "wonen": "Hennep."}
    assert response.json()["versie"] == versie + 3
    # PUT replaces the whole analysis: what it leaves out is emptied.
    response = regisseur_api.put(url, {"leefgebieden": [{"code": "financien", "tekst": "Regeling."}]}, format="json")
    assert teksten(response.json()) == {"financien": "Regeling."}
    assert response.json()["versie"] == versie + 4
    assert services.plan_snapshot(casus)["analyses"] == [{"leefgebied": "Financiën", "tekst": "Regeling."}]

    problem = assert_problem(
        regisseur_api.put(
            url,
            {
                "leefgebieden": [
                    {"code": "financien", "tekst": "Nieuw."},
                    {"code": "hobby", "tekst": "x"},
                    {"code": "financien", "tekst": "Dubbel."},
                    {"code": "wonen", "tekst": "x" * 10_001},
                ]
            },
            format="json",
        ),
        400,
    )
    assert _names(problem) == {"leefgebieden.1.code", "leefgebieden.2.code", "leefgebieden.3.tekst"}
    dubbel = [{"code": "wonen", "tekst": "a"}, {"code": "wonen", "tekst": "b"}]
    problem = assert_problem(regisseur_api.patch(url, {"leefgebieden": dubbel}, format="json"), 400)
    assert problem["invalidParams"] == [
        {"name": "leefgebieden.1.code", "code": "dubbel", "reason": "Dit leefgebied staat er al in."}
    ]
    assert_problem(regisseur_api.put(url, {}, format="json"), 400)
    assert teksten(regisseur_api.get(url).json()) == {"financien": "Regeling."}
    assert casus.planversies.count() == versie + 4

    assert_problem(agent_api.get(url), 403)
    assert_problem(agent_api.patch(url, {"leefgebieden": []}, format="json"), 403)


def test_nothing_changes_on_a_closed_case(tenant, regisseur_api, casus):
    close(tenant, casus)
    versies = casus.planversies.count()
    jan = casus.betrokkenen.exclude(persoon=None).get()
    for method, path, body in [
        ("post", "plan/doelen", {"omschrijving": "Nog een doel"}),
        ("post", "plan/afspraken", {"omschrijving": "Nog een afspraak"}),
        ("patch", "plan/analyse", {"leefgebieden": [{"code": "financien", "tekst": "Later."}]}),
        ("put", "plan/analyse", {"leefgebieden": []}),
        ("post", "deelnemers", {"organisatie": str(tenant.afdeling.pk)}),
        ("patch", f"betrokkenen/{jan.pk}", {"rol": "vader"}),
        ("post", "betrokkenen", {"nieuwe_persoon": {"achternaam": "Bakker"}}),
    ]:
        response = getattr(regisseur_api, method)(f"/api/v1/casussen/{casus.pk}/{path}", body, format="json")
        problem = assert_problem(response, 409)
        assert problem["detail"] == "Deze casus is gesloten; er kan niets meer aan worden gewijzigd.", path
    assert casus.planversies.count() == versies
    jan.refresh_from_db()
    assert jan.rol == "bewoner"


def test_the_whole_case_workflow_runs_over_the_api(tenant, regisseur_api, agent_api):
    """Open a case, add a betrokkene and a participant, share with it, write the plan, assign an action that the
    partner finishes over its own token, and close the case: no web page needed."""
    casus_id = regisseur_api.post(
        "/api/v1/casussen", {"titel": "Huishouden Bakker", "aanpak": "huishouden"}, format="json"
    ).json()["id"]
    base = f"/api/v1/casussen/{casus_id}"
    assert (
        regisseur_api.post(
            f"{base}/betrokkenen", {"nieuwe_persoon": {"achternaam": "Bakker"}, "rol": "bewoner"}, format="json"
        ).status_code
        == 201
    )
    assert (
        regisseur_api.post(
            f"{base}/deelnemers",
            {"organisatie": str(tenant.politie.pk), "gebruiker": tenant.wijkagent.pk},
            format="json",
        ).status_code
        == 201
    )
    assert (
        regisseur_api.post(
            f"{base}/delingsbesluiten",
            {
                "ontvanger": str(tenant.politie.pk),
                "categorieen": ["kopgegevens", "betrokkenen", "plan", "eigen-acties"],
                "omschrijving": "Huishouden, plan en eigen acties",
                "doel": "Uitvoering van het plan",
                "grondslag": "Art. 6 lid 1 sub e AVG",
            },
            format="json",
        ).status_code
        == 201
    )
    assert (
        regisseur_api.put(
            f"{base}/plan/analyse", {"leefgebieden": [{"code": "wonen", "tekst": "Overlast."}]}, format="json"
        ).status_code
        == 200
    )
    doel = regisseur_api.post(f"{base}/plan/doelen", {"omschrijving": "Geen overlast"}, format="json").json()
    afspraak = regisseur_api.post(f"{base}/plan/afspraken", {"omschrijving": "Wekelijks contact."}, format="json")
    assert afspraak.status_code == 201
    actie = regisseur_api.post(
        f"{base}/interventies",
        {
            "soort": "gesprek",
            "eigenaar_organisatie": str(tenant.politie.pk),
            "eigenaar": tenant.wijkagent.pk,
            "doel": doel["id"],
            "deadline": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        },
        format="json",
    ).json()
    assert [b["rol"] for b in agent_api.get(f"{base}/betrokkenen").json()] == ["bewoner"]
    assert agent_api.get(f"{base}/plan").json()["afspraken"] == ["Wekelijks contact."]
    afgerond = agent_api.patch(
        f"/api/v1/interventies/{actie['id']}", {"status": "afgerond", "resultaat": "Gesprek gevoerd."}, format="json"
    )
    assert afgerond.status_code == 200
    closed = regisseur_api.post(
        f"{base}/sluiten",
        {"resultaten": {doel["id"]: "behaald"}, "sluitreden": "afgeschaald", "evaluatie": "Rust in de straat."},
        format="json",
    )
    assert closed.status_code == 200 and closed.json()["status"] == "gesloten"


def test_openapi_documents_the_workflow_endpoints(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    expected = {
        "/api/v1/leefgebieden": {"get": {"200", "401", "403"}},
        "/api/v1/organisaties/{id}/medewerkers": {"get": {"200", "401", "403", "404"}},
        "/api/v1/casussen/{id}/betrokkenen": {
            "get": {"200", "401", "403", "404"},
            "post": {"200", "201", "400", "401", "403", "404", "409", "415"},
        },
        "/api/v1/casussen/{id}/betrokkenen/{betrokkene_id}": {
            "patch": {"200", "400", "401", "403", "404", "409", "415"}
        },
        "/api/v1/casussen/{id}/deelnemers": {
            "get": {"200", "401", "403", "404"},
            "post": {"200", "201", "400", "401", "403", "404", "409", "415"},
        },
        "/api/v1/casussen/{id}/plan/doelen": {"post": {"201", "400", "401", "403", "404", "409", "415"}},
        "/api/v1/casussen/{id}/plan/afspraken": {"post": {"201", "400", "401", "403", "404", "409", "415"}},
        "/api/v1/casussen/{id}/plan/analyse": {
            "get": {"200", "401", "403", "404"},
            "put": {"200", "400", "401", "403", "404", "409", "415"},
            "patch": {"200", "400", "401", "403", "404", "409", "415"},
        },
    }
    for path, operations in expected.items():
        documented = {
            method: set(op["responses"]) for method, op in schema["paths"][path].items() if method != "parameters"
        }
        # Each operation documents its own answers; the ones every operation can give (429, 413, ...) are added to
        # all of them by core.openapi and checked in core/tests/test_api_contract.py.
        assert documented.keys() == operations.keys(), path
        for method, statuses in operations.items():
            assert statuses <= documented[method], (path, method, statuses - documented[method])
        for method, op in schema["paths"][path].items():
            if "requestBody" in op:
                assert set(op["requestBody"]["content"]) == {"application/json"}, (path, method)


def test_the_professionals_of_an_organisation_are_listed_for_the_regie(tenant, other_tenant, regisseur_api, agent_api):
    from regiekamer.accounts.roles import Rol
    from regiekamer.accounts.services import create_user

    vertrokken = create_user("zv-oud-agent", tenant.politie, [Rol.PARTNERPROFESSIONAL])
    vertrokken.is_active = False
    vertrokken.save(update_fields=["is_active"])
    url = f"/api/v1/organisaties/{tenant.politie.pk}/medewerkers"
    assert regisseur_api.get(url).json() == [{"id": tenant.wijkagent.pk, "naam": str(tenant.wijkagent)}]
    assert_problem(agent_api.get(url), 403)
    assert_problem(client_for(other_tenant.afdeling, other_tenant.regisseur).get(url), 404)
    assert_problem(regisseur_api.get("/api/v1/organisaties/geen-id/medewerkers"), 404)
