"""Outages: the database goes away during a request, or the disk for attachments is full. The answer is a clear 503
(507 for the disk), under /api/ problem+json; nothing is half-saved; the next request works without a restart."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from regiekamer.conftest import api_client
from regiekamer.signalen.models import Bijlage, Signaal
from regiekamer.signalen.tests.test_views import PNG, report_data
from regiekamer.subjects.models import Adres, Persoon

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_the_database_going_away_mid_intake_saves_nothing_and_the_next_request_works(tenant, monkeypatch):
    from regiekamer.signalen import services

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    partner = api_client(tenant.corporatie)
    body = {
        "fenomenen": ["hennepteelt"],
        "omschrijving": "Hennepgeur.",
        "personen": [{"voornamen": "Piet", "achternaam": "Pietersen"}],
        "adressen": [{"postcode": "9901 AB", "huisnummer": 40}],
    }
    # After the persons and the address were linked, before the signal is stored.
    monkeypatch.setattr(services, "registreer", database_gone)
    response = partner.post("/api/v1/signalen", body, format="json")
    assert response.status_code == 503 and response["Content-Type"] == PROBLEM
    assert response["Retry-After"] == "30" and response.json()["requestId"] == response["X-Request-ID"]
    assert not Signaal.objects.exists() and not Persoon.objects.exists() and not Adres.objects.exists()

    monkeypatch.undo()
    assert partner.post("/api/v1/signalen", body, format="json").status_code == 201
    assert Signaal.objects.count() == 1


def test_a_page_during_a_database_outage_is_a_dutch_503_that_asks_nothing_of_the_database(client, tenant, monkeypatch):
    from regiekamer.signalen import views

    def database_gone(*args, **kwargs):
        raise OperationalError("could not connect to server")

    client.force_login(tenant.regisseur)
    monkeypatch.setattr(views.selectors, "werkvoorraad_pagineerbaar", database_gone)
    response = client.get("/signalen/")
    assert response.status_code == 503
    assert "Tijdelijk niet beschikbaar" in response.content.decode() and "Uitloggen" not in response.content.decode()


def test_a_full_disk_refuses_the_report_and_keeps_no_file_or_record(client, tenant, monkeypatch):
    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    client.force_login(tenant.partnerprofessional)
    response = client.post(
        "/melden/", report_data(bijlagen=[SimpleUploadedFile("foto.png", PNG, content_type="image/png")])
    )
    assert response.status_code == 507 and "De opslag is vol" in response.content.decode()
    assert not Signaal.objects.exists() and not Bijlage.objects.exists() and not Persoon.objects.exists()
