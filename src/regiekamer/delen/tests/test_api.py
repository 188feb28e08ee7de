"""The sharing decisions API: listing, recording and withdrawing decisions through the same services as the
case page, and the partner's view of the plan that a decision with "plan" opens. The case fixture is a household
case handed over from a signal whose privacy check 2B shared the minimal set (header and own actions) with the
police and the corporation; the wijkagent (police) has an action in it."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.audit.models import Verwerking
from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import Leefgebied
from regiekamer.casussen.tests.test_services import add_actie, close, hand_over, new_casus
from regiekamer.conftest import make_signaal
from regiekamer.delen.models import MINIMAAL, Categorie, DelingsBesluit
from regiekamer.delen.testing import share

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def api_for(user, organisatie=None) -> APIClient:
    _token, raw = ApiToken.issue(organisatie or user.organisatie, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def assert_problem(response, status_code) -> dict:
    assert response.status_code == status_code, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status_code and body["title"]
    return body


def invalid_names(response) -> set[str]:
    return {param["name"] for param in assert_problem(response, 400)["invalidParams"]}


@pytest.fixture
def casus(tenant):
    casus = hand_over(tenant, make_signaal(tenant))
    doel = casus_services.add_doel(tenant.regisseur, casus, "Woning hennepvrij")
    casus_services.add_afspraak(tenant.regisseur, casus, "Wekelijks contact met de bewoner")
    financien = Leefgebied.objects.get(gemeente=tenant.gemeente, code="financien")
    casus_services.save_analyse(tenant.regisseur, casus, financien, "Vertrouwelijke analyse van de schulden.")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent, doel=doel)
    add_actie(tenant, casus, tenant.corporatie, soort="huisvesting", omschrijving="Andere woning zoeken.")
    return casus


@pytest.fixture
def regisseur_api(tenant):
    return api_for(tenant.regisseur)


@pytest.fixture
def agent_api(tenant):
    return api_for(tenant.wijkagent)


def besluiten_url(casus) -> str:
    return f"/api/v1/casussen/{casus.pk}/delingsbesluiten"


def intrekken_url(besluit) -> str:
    return f"/api/v1/delingsbesluiten/{besluit.pk}/intrekken"


def invoer(tenant, **overrides) -> dict:
    return {
        "ontvanger": str(tenant.politie.pk),
        "categorieen": ["plan", "eigen-acties"],
        "omschrijving": "Doelen en afspraken van het plan",
        "doel": "Uitvoering van het plan van aanpak",
        "grondslag": "Art. 6 lid 1 sub e AVG",
        **overrides,
    }


# --- GET casussen/{id}/delingsbesluiten ----------------------------------------------------------


def test_the_regisseur_side_lists_every_decision_about_the_case(tenant, regisseur_api, casus):
    extra = share(casus, tenant.politie, [Categorie.PLAN])
    response = regisseur_api.get(besluiten_url(casus))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 3
    results = body["results"]
    assert results[0]["id"] == str(extra.pk)  # newest first
    assert results[0]["categorieen"] == ["kopgegevens", "plan"]
    assert results[0]["ontvanger"] == {"id": str(tenant.politie.pk), "naam": tenant.politie.naam}
    assert results[0]["casus"] == str(casus.pk) and results[0]["actief"] is True
    assert results[0]["vastgelegd_door"]["id"] == tenant.regisseur.pk
    # The two decisions of privacy check 2B are recorded on the signal the case was handed over from.
    assert {r["ontvanger"]["naam"] for r in results[1:]} == {tenant.politie.naam, tenant.corporatie.naam}
    assert all(r["signaal"] and r["weging"] and r["categorieen"] == list(MINIMAAL) for r in results[1:])
    logged = Verwerking.objects.get(handeling="api.delingsbesluiten.list")
    assert set(logged.object_ids) == {r["id"] for r in results}


def test_a_participating_partner_lists_only_the_decisions_for_its_own_organisation(tenant, agent_api, casus):
    politie = share(casus, tenant.politie, [Categorie.PLAN])
    ingetrokken_besluit = share(casus, tenant.politie, [Categorie.BETROKKENEN])
    api_for(tenant.regisseur).post(intrekken_url(ingetrokken_besluit), {"reden": "Te ruim."}, format="json")
    share(casus, tenant.corporatie, [Categorie.OVERLEG])
    response = agent_api.get(besluiten_url(casus))
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert len(results) == 3
    assert {r["ontvanger"]["id"] for r in results} == {str(tenant.politie.pk)}
    assert str(politie.pk) in {r["id"] for r in results}
    ingetrokken = next(r for r in results if r["id"] == str(ingetrokken_besluit.pk))
    assert ingetrokken["actief"] is False and ingetrokken["ingetrokken_op"]
    # The reason of a withdrawal is the regie's consideration, not shown to the recipient.
    assert ingetrokken["reden_intrekking"] is None
    regie = api_for(tenant.regisseur).get(besluiten_url(casus)).json()["results"]
    assert next(r for r in regie if r["id"] == ingetrokken["id"])["reden_intrekking"] == "Te ruim."


def test_who_may_not_see_the_case_gets_what_the_case_detail_gives(tenant, other_tenant, agent_api, casus):
    # Another gemeente: 404, on the list, on recording and on withdrawing.
    ander = api_for(other_tenant.regisseur)
    assert_problem(ander.get(besluiten_url(casus)), 404)
    assert_problem(ander.post(besluiten_url(casus), invoer(tenant), format="json"), 404)
    besluit = casus.casus_signalen.get().signaal.delingsbesluiten.first()
    assert_problem(ander.post(intrekken_url(besluit), {"reden": "Weg ermee."}, format="json"), 404)
    assert DelingsBesluit.objects.filter(ingetrokken_op__isnull=False).count() == 0
    # A partner not taking part: 404 like on the case itself.
    elders = new_casus(tenant, titel="Zonder politie")
    for path in (besluiten_url(elders), f"/api/v1/casussen/{elders.pk}"):
        assert_problem(agent_api.get(path), 404)
    # Roles without case access: 403 on both, as on the case detail.
    manager = api_for(tenant.users["manager"])
    for path in (besluiten_url(casus), f"/api/v1/casussen/{casus.pk}"):
        assert_problem(manager.get(path), 403)
    assert_problem(api_for(tenant.regisseur).get("/api/v1/casussen/not-a-uuid/delingsbesluiten"), 404)


# --- POST casussen/{id}/delingsbesluiten ---------------------------------------------------------


def test_the_regisseur_records_a_decision(tenant, regisseur_api, casus):
    geldig_tot = timezone.localdate() + dt.timedelta(days=30)
    response = regisseur_api.post(
        besluiten_url(casus), invoer(tenant, geldig_tot=geldig_tot.isoformat()), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    besluit = DelingsBesluit.objects.get(pk=body["id"])
    assert besluit.casus == casus and besluit.ontvanger == tenant.politie
    assert besluit.categorieen == body["categorieen"] == ["kopgegevens", "plan", "eigen-acties"]
    assert besluit.geldig_tot == geldig_tot and body["geldig_tot"] == geldig_tot.isoformat()
    assert besluit.vastgelegd_door == tenant.regisseur and body["rol"] == besluit.rol
    assert body["omschrijving"] == "Doelen en afspraken van het plan" and body["reden_intrekking"] is None
    logged = [v for v in Verwerking.objects.filter(handeling="delen.besluit") if str(besluit.pk) in v.object_ids]
    assert [(v.objecttype, v.gebruiker) for v in logged] == [("casus", tenant.regisseur.username)]


def test_without_categories_the_minimal_set_is_recorded(tenant, regisseur_api, casus):
    data = invoer(tenant)
    del data["categorieen"]
    response = regisseur_api.post(besluiten_url(casus), data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["categorieen"] == list(MINIMAAL)


def test_bad_input_is_400_with_invalid_params_and_saves_nothing(tenant, other_tenant, regisseur_api, casus):
    before = DelingsBesluit.objects.count()
    logged = Verwerking.objects.filter(handeling="delen.besluit").count()
    blank = invoer(tenant, omschrijving=" ", doel="", grondslag="", categorieen=["plan", "alles"])
    assert invalid_names(regisseur_api.post(besluiten_url(casus), blank, format="json")) == {
        "omschrijving",
        "doel",
        "grondslag",
        "categorieen",
    }
    verleden = invoer(tenant, geldig_tot=(timezone.localdate() - dt.timedelta(days=1)).isoformat())
    assert invalid_names(regisseur_api.post(besluiten_url(casus), verleden, format="json")) == {"geldig_tot"}
    assert "ontvanger" in invalid_names(regisseur_api.post(besluiten_url(casus), {}, format="json"))
    # A recipient must take part in the case, and be of the same gemeente.
    for organisatie in (tenant.afdeling, other_tenant.politie):
        response = regisseur_api.post(
            besluiten_url(casus), invoer(tenant, ontvanger=str(organisatie.pk)), format="json"
        )
        assert invalid_names(response) == {"ontvanger"}
    assert invalid_names(regisseur_api.post(besluiten_url(casus), invoer(tenant, ontvanger="x"), format="json")) == {
        "ontvanger"
    }
    assert DelingsBesluit.objects.count() == before
    assert Verwerking.objects.filter(handeling="delen.besluit").count() == logged


def test_a_partner_may_not_record_or_withdraw(tenant, agent_api, casus):
    before = DelingsBesluit.objects.count()
    problem = assert_problem(agent_api.post(besluiten_url(casus), invoer(tenant), format="json"), 403)
    assert problem["detail"]
    besluit = casus.casus_signalen.get().signaal.delingsbesluiten.get(ontvanger=tenant.politie)
    assert_problem(agent_api.post(intrekken_url(besluit), {"reden": "Zelf ingetrokken."}, format="json"), 403)
    besluit.refresh_from_db()
    assert DelingsBesluit.objects.count() == before and besluit.is_actief


def test_recording_on_a_closed_case_is_409(tenant, regisseur_api):
    casus = new_casus(tenant)
    casus_services.add_deelnemer(tenant.regisseur, casus, tenant.politie, gebruiker=tenant.wijkagent)
    close(tenant, casus)
    problem = assert_problem(regisseur_api.post(besluiten_url(casus), invoer(tenant), format="json"), 409)
    assert "gesloten" in problem["detail"]
    assert not DelingsBesluit.objects.filter(casus=casus).exists()


# --- POST delingsbesluiten/{id}/intrekken --------------------------------------------------------


def test_withdrawing_a_decision(tenant, regisseur_api, casus):
    besluit = share(casus, tenant.politie, [Categorie.PLAN])
    assert invalid_names(regisseur_api.post(intrekken_url(besluit), {"reden": "  "}, format="json")) == {"reden"}
    assert invalid_names(regisseur_api.post(intrekken_url(besluit), {}, format="json")) == {"reden"}
    besluit.refresh_from_db()
    assert besluit.is_actief and besluit.reden_intrekking == ""

    response = regisseur_api.post(intrekken_url(besluit), {"reden": "Het plan is niet meer nodig."}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    besluit.refresh_from_db()
    assert besluit.is_ingetrokken and besluit.ingetrokken_door == tenant.regisseur
    assert besluit.reden_intrekking == body["reden_intrekking"] == "Het plan is niet meer nodig."
    assert body["actief"] is False and body["ingetrokken_door"]["id"] == tenant.regisseur.pk
    assert any(str(besluit.pk) in v.object_ids for v in Verwerking.objects.filter(handeling="delen.intrekking"))

    again = assert_problem(regisseur_api.post(intrekken_url(besluit), {"reden": "Nogmaals."}, format="json"), 409)
    assert "al ingetrokken" in again["detail"]
    besluit.refresh_from_db()
    assert besluit.reden_intrekking == "Het plan is niet meer nodig."
    assert_problem(regisseur_api.post("/api/v1/delingsbesluiten/onbekend/intrekken", {"reden": "x"}), 404)


# --- The partner's plan ----------------------------------------------------------------------------


def test_a_plan_decision_opens_the_goals_and_agreements_and_withdrawal_closes_them(tenant, agent_api, casus):
    plan_url = f"/api/v1/casussen/{casus.pk}/plan"
    problem = assert_problem(agent_api.get(plan_url), 403)
    assert "niet met uw organisatie gedeeld" in problem["detail"]

    besluit = share(casus, tenant.politie, [Categorie.PLAN])
    response = agent_api.get(plan_url)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["weergave"] == "deelnemer"
    assert set(body) == {"weergave", "doelen", "afspraken"}  # no analyses, no other partners' actions
    assert [d["omschrijving"] for d in body["doelen"]] == ["Woning hennepvrij"]
    assert body["afspraken"] == ["Wekelijks contact met de bewoner"]
    assert "Vertrouwelijke analyse" not in response.content.decode()
    # The plan versions stay the regie's: they hold the whole plan.
    for path in ("plan/versies", "plan/versies/1"):
        assert_problem(agent_api.get(f"/api/v1/casussen/{casus.pk}/{path}"), 403)

    regie = api_for(tenant.regisseur)
    assert regie.post(intrekken_url(besluit), {"reden": "Niet meer nodig."}, format="json").status_code == 200
    assert_problem(agent_api.get(plan_url), 403)
    # The decisions of privacy check 2B still show the case; withdrawn as well, the case is gone.
    assert agent_api.get(f"/api/v1/casussen/{casus.pk}").status_code == 200
    for besluit in casus.casus_signalen.get().signaal.delingsbesluiten.filter(ontvanger=tenant.politie):
        assert regie.post(intrekken_url(besluit), {"reden": "Afgeschaald."}, format="json").status_code == 200
    for path in (plan_url, besluiten_url(casus), f"/api/v1/casussen/{casus.pk}"):
        assert_problem(agent_api.get(path), 404)


def test_openapi_documents_the_sharing_decisions(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    lijst = schema["paths"]["/api/v1/casussen/{id}/delingsbesluiten"]
    assert {"get", "post"} <= set(lijst)
    assert "post" in schema["paths"]["/api/v1/delingsbesluiten/{id}/intrekken"]
    assert {"409", "400", "403"} <= set(schema["paths"]["/api/v1/delingsbesluiten/{id}/intrekken"]["post"]["responses"])
    assert "PlanDeelnemer" in schema["components"]["schemas"]
