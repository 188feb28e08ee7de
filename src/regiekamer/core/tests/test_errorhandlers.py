"""Whatever goes wrong, an answer under /api/ is problem+json; a page elsewhere is Dutch."""

import json

import pytest
from django.test import RequestFactory, override_settings

from regiekamer.conftest import api_client
from regiekamer.core import errorhandlers

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_an_unknown_api_path_is_a_problem_and_an_unknown_page_is_dutch(client, tenant):
    api = api_client(tenant.afdeling, tenant.regisseur)
    response = api.get("/api/v1/bestaat-niet")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404 and response.json()["title"] == "Niet gevonden."
    assert client.get("/api/v1/").status_code == 404 and client.get("/api/v1/")["Content-Type"] == PROBLEM
    client.force_login(tenant.regisseur)
    page = client.get("/bestaat-niet/")
    assert page.status_code == 404 and "Pagina niet gevonden" in page.content.decode()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_that_is_too_large_is_refused_with_413(tenant):
    api = api_client(tenant.afdeling, tenant.regisseur)
    response = api.post("/api/v1/signalen", json.dumps({"omschrijving": "x" * 5000}), content_type="application/json")
    assert response.status_code == 413 and response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Het verzoek is te groot."


def test_an_uncaught_error_under_the_api_is_a_problem_without_details():
    request = RequestFactory().get("/api/v1/signalen")
    response = errorhandlers.server_error(request)
    body = json.loads(response.content)
    assert response.status_code == 500 and response["Content-Type"] == PROBLEM
    assert body["status"] == 500 and "Traceback" not in response.content.decode()
    assert errorhandlers.permission_denied(request)["Content-Type"] == PROBLEM
    assert errorhandlers.bad_request(request)["Content-Type"] == PROBLEM
