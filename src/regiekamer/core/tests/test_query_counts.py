"""The hot paths of the API and the worklist, with their number of database queries pinned: a change that adds
queries per request (an N+1, a lost select_related) fails here. Counts are on a database with more than one of
everything, so that a query per row would show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regiekamer.conftest import api_client, make_signaal
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db


def count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code < 400, response.content[:300]
    return len(queries)


@pytest.fixture
def druk(tenant):
    """Ten signals, each about two persons at one address, so that a query per signal or per person would show."""
    for index in range(10):
        make_signaal(
            tenant,
            personen=[
                PersoonGegevens(voornamen="Jan", achternaam=f"Jansen{'abcdefghij'[index]}"),
                PersoonGegevens(voornamen="Els", achternaam=f"Bakker{'abcdefghij'[index]}"),
            ],
            adressen=[AdresGegevens(postcode="9901AB", huisnummer=index + 1)],
        )
    return tenant


def test_the_query_counts_of_the_hot_paths(druk, client):
    tenant = druk
    partner = api_client(tenant.corporatie)
    regisseur = api_client(tenant.afdeling, tenant.regisseur)
    body = {
        "fenomenen": ["hennepteelt"],
        "indicatoren": ["hennepgeur"],
        "omschrijving": "Hennepgeur.",
        "personen": [{"voornamen": "Piet", "achternaam": "Pietersen"}],
        "adressen": [{"postcode": "9901 AB", "huisnummer": 40}],
    }
    from regiekamer.signalen.models import Signaal

    eerste = Signaal.objects.order_by("ontvangen_op").first()
    client.force_login(tenant.regisseur)
    measured = {
        "POST /api/v1/signalen": count(lambda: partner.post("/api/v1/signalen", body, format="json")),
        "POST /api/v1/signalen with an Idempotency-Key": count(
            lambda: partner.post("/api/v1/signalen", body, format="json", HTTP_IDEMPOTENCY_KEY="melding-1")
        ),
        "GET /api/v1/signalen": count(lambda: regisseur.get("/api/v1/signalen")),
        "GET /api/v1/signalen/{id}": count(lambda: regisseur.get(f"/api/v1/signalen/{eerste.pk}")),
        "GET /signalen/": count(lambda: client.get("/signalen/")),
        "GET /signalen/{id}/": count(lambda: client.get(f"/signalen/{eerste.pk}/")),
        "POST /api/v1/zoeken": count(lambda: regisseur.post("/api/v1/zoeken", {"zoekterm": "Jansen"}, format="json")),
    }
    # Exact, as Open Zaak pins them: fewer is welcome, and then the number here goes down with the change.
    assert measured == {
        "POST /api/v1/signalen": 34,
        "POST /api/v1/signalen with an Idempotency-Key": 30,
        "GET /api/v1/signalen": 10,
        "GET /api/v1/signalen/{id}": 14,
        "GET /signalen/": 22,
        "GET /signalen/{id}/": 36,
        "POST /api/v1/zoeken": 18,
    }


def test_a_signal_page_asks_no_question_per_person(tenant, client):
    """The restriction badge (art. 18) is read with the list of persons, not once per person."""
    klein = make_signaal(tenant, personen=[PersoonGegevens(voornamen="Jan", achternaam="Jansen")])
    groot = make_signaal(
        tenant, personen=[PersoonGegevens(voornamen="Jan", achternaam=f"Jansen{letter}") for letter in "abcde"]
    )
    client.force_login(tenant.regisseur)
    assert count(lambda: client.get(f"/signalen/{groot.pk}/")) == count(lambda: client.get(f"/signalen/{klein.pk}/"))


def test_a_signal_in_the_api_costs_no_question_per_indicator_or_address(tenant):
    """The detail of a signal reads indicators with their phenomenon, and addresses with their buurt, in one go."""
    regisseur = api_client(tenant.afdeling, tenant.regisseur)
    klein = make_signaal(tenant, fenomenen=["hennepteelt"], indicatoren=["lampen-planten"])
    groot = make_signaal(
        tenant,
        fenomenen=["hennepteelt", "drugslab", "witwassen"],
        indicatoren=["lampen-planten", "chemische-lucht", "contante-aankoop", "verankering-woning"],
        adressen=[AdresGegevens(postcode="9901AB", huisnummer=number) for number in (12, 14, 16)],
    )
    assert groot.indicatoren.count() == 4 and groot.adressen.count() == 3
    regisseur.get(f"/api/v1/signalen/{klein.pk}")  # the token's first use writes its last-use time
    assert count(lambda: regisseur.get(f"/api/v1/signalen/{groot.pk}")) == count(
        lambda: regisseur.get(f"/api/v1/signalen/{klein.pk}")
    )
