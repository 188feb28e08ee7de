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


def test_every_answer_carries_a_request_id_that_problems_and_logs_name(client, tenant):
    import logging

    from regiekamer.core.requestid import RequestIdFilter

    api = api_client(tenant.afdeling, tenant.regisseur)
    response = api.get("/api/v1/bestaat-niet")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and response.json()["requestId"] == request_id
    # A well-formed id from a proxy in front is kept; anything else is replaced.
    assert api.get("/api/v1/signalen", HTTP_X_REQUEST_ID="proxy-1234-abcd")["X-Request-ID"] == "proxy-1234-abcd"
    assert api.get("/api/v1/signalen", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"
    assert client.get("/health/")["X-Request-ID"]
    # Outside a request a log record has an empty id.
    record = logging.LogRecord("regiekamer", logging.INFO, __file__, 1, "bericht", (), None)
    assert RequestIdFilter().filter(record) and record.request_id == ""


def test_the_json_log_line_holds_the_request_id_and_no_bsn():
    import io
    import logging
    import logging.config

    from django.conf import settings

    from regiekamer.core import requestid

    stream = io.StringIO()
    config = {**settings.LOGGING, "root": {"handlers": ["test"], "level": "INFO"}}
    config["handlers"] = {**settings.LOGGING["handlers"], "test": {**settings.LOGGING["handlers"]["console"]}}
    config["handlers"]["test"]["formatter"] = "json"
    config["handlers"]["test"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        token = requestid._current.set("abc12345")
        logging.getLogger("regiekamer.test").info("Gezocht op 111222333")
        requestid._current.reset(token)
    finally:
        logging.config.dictConfig(settings.LOGGING)
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["request_id"] == "abc12345" and line["level"] == "INFO" and line["logger"] == "regiekamer.test"
    assert "111222333" not in stream.getvalue()


def test_one_address_over_its_limit_gets_429_problem_json_whatever_its_tokens(tenant, settings):
    from django.core.cache import cache
    from rest_framework.settings import api_settings

    from regiekamer.core.api import AddressRateThrottle

    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "adres": "3/minute"}
    original = AddressRateThrottle.THROTTLE_RATES
    AddressRateThrottle.THROTTLE_RATES = rates
    try:
        eerste, tweede = api_client(tenant.corporatie), api_client(tenant.politie)
        statuses = [client.get("/api/v1/fenomenen").status_code for client in (eerste, tweede, eerste, tweede)]
        assert statuses == [200, 200, 200, 429]
        response = eerste.get("/api/v1/fenomenen", HTTP_X_FORWARDED_FOR="10.9.9.9")  # a header chooses nothing
        assert response.status_code == 429 and response["Content-Type"] == PROBLEM
        assert response["Retry-After"] and response.json()["status"] == 429
    finally:
        AddressRateThrottle.THROTTLE_RATES = original
        cache.clear()


def test_a_request_id_of_digits_only_is_replaced_it_could_be_a_bsn(client):
    assert client.get("/health/", HTTP_X_REQUEST_ID="111222333")["X-Request-ID"] != "111222333"
