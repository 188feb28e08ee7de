"""Whatever a partner system sends, the API answers with a clear 400 problem, never a 500, and stores nothing."""

import json

import pytest

from regiekamer.conftest import api_client
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Rechtspersoon

pytestmark = pytest.mark.django_db


@pytest.fixture
def regisseur_api(tenant):
    return api_client(tenant.afdeling, tenant.regisseur)


@pytest.fixture
def partner_api(tenant):
    return api_client(tenant.politie)


def _assert_problem(response, *names):
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    invalid = {param["name"] for param in response.json().get("invalidParams", [])}
    assert set(names) <= invalid, invalid


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("stap=%C2%B2", "stap"),  # superscript two: str.isdigit() says yes
        ("stap=%D9%A3", "stap"),  # Arabic-Indic three: int() says 3
        ("stap=5", "stap"),
        ("stap=1&stap=2", "stap"),
        ("status=%00", "status"),
        ("status=bestaat-niet", "status"),
        ("fenomeen=%00", "fenomeen"),
        ("fenomeen=hennep%27teelt", "fenomeen"),
        ("buurt=geen-uuid", "buurt"),
        ("organisatie=%00", "organisatie"),
        ("te_laat=-1", "te_laat"),
        ("afgerond=misschien", "afgerond"),
        ("pageSize=%C2%B2", "pageSize"),
        ("pageSize=0", "pageSize"),
        ("pageSize=10&pageSize=20", "pageSize"),
        ("page=%D9%A3", "page"),
    ],
)
def test_invalid_worklist_parameters_are_a_400_problem(regisseur_api, signaal, query, name):
    _assert_problem(regisseur_api.get(f"/api/v1/signalen?{query}"), name)


def test_valid_worklist_parameters_still_filter(regisseur_api, signaal):
    assert regisseur_api.get("/api/v1/signalen?stap=1&te_laat=nee&afgerond=ja&pageSize=5").json()["count"] == 1
    assert regisseur_api.get("/api/v1/signalen?stap=2").json()["count"] == 0
    assert regisseur_api.get("/api/v1/signalen?fenomeen=hennepteelt&status=weging-1").json()["count"] == 1


@pytest.mark.parametrize(
    "query", ["status=%00", "casus=%00", "te_laat=-1", "casus=nope", "status=open&status=afgerond"]
)
def test_invalid_action_filters_are_a_400_problem(regisseur_api, query):
    response = regisseur_api.get(f"/api/v1/interventies?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"rechtspersonen": [{"naam": "Shishalounge", "kvk_nummer": "²²²²²²²²"}]}, "rechtspersonen.0.kvk_nummer"),
        ({"rechtspersonen": [{"naam": "Shishalounge", "kvk_nummer": "١٢٣٤٥٦٧٨"}]}, "rechtspersonen.0.kvk_nummer"),
        ({"adressen": [{"postcode": "9901AB", "huisnummer": "٣"}]}, "adressen.0.huisnummer"),
        ({"personen": [{"achternaam": "Jansen", "geboortedatum": "١٩٩٠-٠١-٠١"}]}, "personen.0.geboortedatum"),
        ({"personen": [{"achternaam": "Jansen", "bsn": "²²²²²²²²²"}]}, "personen.0.bsn"),
    ],
)
def test_digits_must_be_ascii_digits(partner_api, change, name):
    body = {"omschrijving": "Hennepgeur.", "fenomenen": ["hennepteelt"], **change}
    _assert_problem(partner_api.post("/api/v1/signalen", body, format="json"), name)
    assert not Signaal.objects.exists()
    assert not Rechtspersoon.objects.exists()


def test_a_deeply_nested_body_is_a_400_problem(partner_api):
    body = '{"omschrijving": "diep", "fenomenen": ["hennepteelt"], "personen": ' + "[" * 1000 + "]" * 1000 + "}"
    response = partner_api.post("/api/v1/signalen", body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "te diep genest" in response.json()["detail"]
    assert not Signaal.objects.exists()


def test_a_body_nested_within_the_limit_is_read_normally(partner_api):
    body = {"omschrijving": "Hennepgeur.", "fenomenen": ["hennepteelt"]}
    response = partner_api.post("/api/v1/signalen", json.dumps(body), content_type="application/json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ('{"omschrijving": "x",\n "fenomenen": [}', "De inhoud is geen geldige JSON (regel 2, kolom 16)."),
        ('{"omschrijving": NaN, "fenomenen": []}', "De inhoud is geen geldige JSON."),
        (b'{"omschrijving": "\\xff"}'.decode("unicode_escape").encode("latin-1"), "De inhoud is geen geldige JSON."),
    ],
)
def test_a_body_that_is_not_json_is_told_in_dutch_where_it_breaks(partner_api, body, detail):
    response = partner_api.post("/api/v1/signalen", body, content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == detail
    assert not Signaal.objects.exists()


def test_a_user_id_outside_the_database_range_is_refused_before_the_database():
    from rest_framework import serializers

    from regiekamer.core.api import UserIdField

    field = UserIdField()
    assert field.run_validation(2**63 - 1) == 2**63 - 1
    assert field.run_validation(None) is None
    for out_of_range in (2**63, 0, -1, "1e3", True):
        with pytest.raises(serializers.ValidationError):
            field.run_validation(out_of_range)
