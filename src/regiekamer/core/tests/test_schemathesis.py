"""The API keeps the promises of its OpenAPI document, checked by Schemathesis over every operation in the schema.

Once with a regisseur's personal token and once with a partner organisation's token, Schemathesis sends examples,
boundary cases (the coverage phase, including invalid values and repeated query parameters) and generated requests,
valid and invalid, to the application in this process. Every answer must be no 5xx, documented (status code, content
type, body and headers valid against the schema), an error as ``application/problem+json``, and an invalid request
refused. The operations come from the schema itself, so a new endpoint is covered without listing it here.

The number of examples is small and generation is deterministic, so the run is reproducible and bounded.
"""

import json
import zlib

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from regiekamer.accounts.models import ApiToken
from regiekamer.casussen import services
from regiekamer.casussen.models import PlanVersie
from regiekamer.casussen.tests.test_services import add_actie, new_casus
from regiekamer.conftest import make_signaal
from regiekamer.core.problems import PROBLEM_CONTENT_TYPE
from regiekamer.delen.testing import share

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 3
SEED = 20261206

CONFIG = {
    "seed": SEED,
    "suppress-health-check": ["all"],
    "generation": {
        "mode": "all",
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        "database": "none",
        "with-security-parameters": False,
    },
    "phases": {
        "examples": {"enabled": True},
        "coverage": {"enabled": True, "generate-duplicate-query-parameters": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
}


def errors_are_problems(ctx, response, case):
    """Every error answer is an RFC 9457 problem document (``core.problems``)."""
    if response.status_code >= 400:
        content_type = (response.headers.get("content-type") or [""])[0].split(";")[0].strip()
        assert content_type == PROBLEM_CONTENT_TYPE, f"{response.status_code} answered as {content_type!r}"
        body = response.json()
        assert body["status"] == response.status_code and body["title"], body


CHECKS = [
    not_a_server_error,
    errors_are_problems,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    unsupported_method,
]


@pytest.fixture
def demo_data(tenant):
    """A little of everything, so the detail endpoints have something to find: a signal about a person, an address
    and a company, a case with a goal (and so a plan version), actions for the police and the housing corporation,
    and a sharing decision for the police."""
    signaal = make_signaal(tenant, rechtspersonen=[("Shishalounge De Hoek", "12345678")])
    casus = new_casus(tenant)
    doel = services.add_doel(tenant.regisseur, casus, "Woning hennepvrij")
    actie = add_actie(tenant, casus, tenant.politie, soort="gesprek", doel=doel)
    add_actie(tenant, casus, tenant.corporatie, soort="huisvesting", doel=doel)
    besluit = share(casus, tenant.politie)
    return {
        "signalen": str(signaal.pk),
        "casussen": str(casus.pk),
        "interventies": str(actie.pk),
        "delingsbesluiten": str(besluit.pk),
        "personen": str(signaal.personen.first().pk),
        "adressen": str(signaal.adressen.first().pk),
        "rechtspersonen": str(signaal.rechtspersonen.first().pk),
        "versie": PlanVersie.objects.filter(casus=casus).values_list("versie", flat=True).first() or 1,
    }


@pytest.fixture
def _in_process_requests():
    """Requests served in this process stay in the test's transaction: as Django's test client does, the
    connection is not closed at the end of a request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _openapi_document() -> dict:
    """The OpenAPI document the application serves at /api/v1/schema/."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(_openapi_document(), config=schemathesis.Config.from_dict(CONFIG))
schema.app = get_wsgi_application()


def with_demo_ids(case, demo_data):
    """Three in four cases get the ids of the demo data for their path parameters, by parameter name or by the
    collection before it in the path (``/casussen/{id}/plan``: a case's id); the others keep what was generated."""
    segments = case.operation.path.split("/")
    for name, value in (case.path_parameters or {}).items():
        if zlib.crc32(repr(value).encode()) % 4 == 0:
            continue
        collection = segments[segments.index("{" + name + "}") - 1]
        if name in demo_data:
            case.path_parameters[name] = demo_data[name]
        elif collection in demo_data:
            case.path_parameters[name] = demo_data[collection]


@pytest.fixture
def tokens(settings, tenant, _in_process_requests):
    """The Authorization headers of a regisseur's personal token and of the police's organisation token."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # the host Schemathesis's WSGI client sends
    regisseur = ApiToken.issue(tenant.afdeling, user=tenant.regisseur)[1]
    partner = ApiToken.issue(tenant.politie)[1]
    return {"regisseur": {"Authorization": f"Token {regisseur}"}, "partner": {"Authorization": f"Token {partner}"}}


@schema.parametrize()
def test_the_api_keeps_its_openapi_contract(case, tokens, demo_data):
    """Each case is sent twice: with the regisseur's token and with the partner's."""
    with_demo_ids(case, demo_data)
    for role, authorization in tokens.items():
        try:
            case.call_and_validate(headers=authorization, checks=CHECKS)
        except Exception as failure:
            failure.add_note(f"With the {role}'s token.")
            raise
