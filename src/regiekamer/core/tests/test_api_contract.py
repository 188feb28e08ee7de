"""The server does what the OpenAPI document says: JSON bodies only, text fields take text, invalid query values are
a 400 naming the parameter, and every error the document lists is application/problem+json."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from regiekamer.casussen import services
from regiekamer.casussen.models import Interventie
from regiekamer.casussen.tests.test_services import add_actie, new_casus
from regiekamer.conftest import api_client
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def regisseur_api(tenant):
    return api_client(tenant.afdeling, tenant.regisseur)


@pytest.fixture
def partner_api(tenant):
    return api_client(tenant.politie)


@pytest.fixture
def actie(tenant):
    casus = new_casus(tenant)
    doel = services.add_doel(tenant.regisseur, casus, "Woning hennepvrij")
    return add_actie(tenant, casus, tenant.politie, soort="gesprek", doel=doel)


def _invalid_params(response, status=400) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    return {param["name"]: param["reason"] for param in response.json().get("invalidParams", [])}


@pytest.fixture(scope="module")
def openapi():
    import json

    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


def _operations(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


# --- Query parameters -------------------------------------------------------------------------------------------


def test_afgerond_minus_one_is_a_400_naming_the_parameter_in_dutch(regisseur_api, signaal):
    reasons = _invalid_params(regisseur_api.get("/api/v1/signalen?afgerond=-1"))
    assert reasons == {"afgerond": "Geef ja of nee (of true of false)."}


@pytest.mark.parametrize(
    "path", ["/api/v1/signalen", "/api/v1/casussen", "/api/v1/interventies", "/api/v1/mijn-meldingen"]
)
def test_a_page_size_given_twice_is_a_400(regisseur_api, partner_api, path):
    client = partner_api if path == "/api/v1/mijn-meldingen" else regisseur_api
    reasons = _invalid_params(client.get(f"{path}?pageSize=5&pageSize=10"))
    assert reasons == {"pageSize": "Geef deze parameter één keer op."}


@pytest.mark.parametrize("query", ["van=", "tot=", "niveau=", "van=2026-01-01&van=2026-02-01"])
def test_map_figures_refuse_an_empty_or_repeated_parameter(regisseur_api, query):
    name = query.split("=")[0]
    assert name in _invalid_params(regisseur_api.get(f"/api/v1/gebieden?{query}"))


def test_map_figures_without_parameters_still_answer(regisseur_api, signaal):
    response = regisseur_api.get("/api/v1/gebieden?niveau=buurt")
    assert response.status_code == 200
    assert response.json()["type"] == "FeatureCollection"


# --- Request bodies ---------------------------------------------------------------------------------------------


def test_a_multipart_patch_of_an_action_is_415_and_changes_nothing(tenant, regisseur_api, actie):
    response = regisseur_api.patch(
        f"/api/v1/interventies/{actie.pk}", {"status": "afgerond", "resultaat": "rommel"}, format="multipart"
    )
    assert response.status_code == 415
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 415
    actie.refresh_from_db()
    assert actie.status != Interventie.Status.AFGEROND and actie.resultaat == ""


def test_a_form_encoded_signal_is_415_and_stores_nothing(partner_api):
    response = partner_api.post(
        "/api/v1/signalen",
        "omschrijving=Hennepgeur&fenomenen=hennepteelt",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415 and response["Content-Type"] == PROBLEM
    assert not Signaal.objects.exists()


def test_the_same_patch_as_json_is_accepted(regisseur_api, actie):
    response = regisseur_api.patch(
        f"/api/v1/interventies/{actie.pk}", {"status": "afgerond", "resultaat": "Gesprek gevoerd."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["resultaat"] == "Gesprek gevoerd."


def test_a_number_where_text_is_expected_is_a_400_naming_the_field(regisseur_api, actie):
    reasons = _invalid_params(
        regisseur_api.patch(f"/api/v1/interventies/{actie.pk}", {"status": "afgerond", "resultaat": 0}, format="json")
    )
    assert reasons == {"resultaat": "Geef hier tekst (een JSON-string), geen getal, lijst of object."}
    actie.refresh_from_db()
    assert actie.resultaat == ""


def test_a_number_as_a_case_title_is_refused(regisseur_api):
    body = {"titel": 12, "aanpak": "huishouden", "herkomst": 0}
    assert set(_invalid_params(regisseur_api.post("/api/v1/casussen", body, format="json"))) == {"titel", "herkomst"}


# --- The document -----------------------------------------------------------------------------------------------


def test_every_documented_error_is_problem_json(openapi):
    for label, operation in _operations(openapi):
        for code, response in operation["responses"].items():
            if int(code) >= 400:
                assert list(response.get("content", {})) == [PROBLEM], (label, code)


def test_every_operation_documents_the_errors_it_can_give(openapi):
    for label, operation in _operations(openapi):
        codes = set(operation["responses"])
        public = {} in operation.get("security", [{}])
        assert public or {"401", "403"} <= codes, label
        assert "429" in codes, label
        parameters = {parameter["in"] for parameter in operation.get("parameters", [])}
        if parameters & {"path", "query"}:
            assert {"400", "404"} <= codes, label
        if "requestBody" in operation:
            assert {"400", "413", "415"} <= codes, label


def test_request_bodies_are_json_except_the_file_upload(openapi):
    for label, operation in _operations(openapi):
        if "requestBody" in operation:
            expected = ["multipart/form-data"] if label == "POST /api/v1/importen" else ["application/json"]
            assert list(operation["requestBody"]["content"]) == expected, label


def test_a_discriminated_one_of_matches_one_variant(openapi):
    schemas = openapi["components"]["schemas"]
    for name in ("PlanWeergave", "CasusDetail"):
        mapping = schemas[name]["discriminator"]["mapping"]
        for value, ref in mapping.items():
            assert schemas[ref.rsplit("/", 1)[-1]]["properties"]["weergave"]["enum"] == [value]
