"""The web pages: upload, progress (htmx partial), result download, column mapping; who may do what."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regiekamer.importen.models import Import, Kolomindeling
from regiekamer.importen.tests.werker import work
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[4] / "docs" / "voorbeelden"


def test_upload_progress_and_result(client, tenant, django_capture_on_commit_callbacks):
    client.force_login(tenant.partnerprofessional)
    page = client.get("/importen/")
    assert page.status_code == 200 and "Signalen in bulk aanleveren" in page.content.decode()
    bestand = SimpleUploadedFile("lijst.xlsx", (DOCS / "import-woningcorporatie.xlsx").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/importen/", {"bestand": bestand})
    import_obj = Import.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/importen/{import_obj.pk}/"
    assert import_obj.organisatie == tenant.corporatie and import_obj.kanaal == "web" and import_obj.soort == "xlsx"
    waiting = client.get(f"/importen/{import_obj.pk}/voortgang/").content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "<progress" in waiting
    work()
    done = client.get(f"/importen/{import_obj.pk}/").content.decode()
    assert "hx-trigger" not in done, "polling stops once the import is done"
    assert 'value="100"' in done and "Resultaat per rij downloaden" in done
    result = client.get(f"/importen/{import_obj.pk}/resultaat/")
    assert result["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(b"".join(result.streaming_content).decode()), delimiter=";"))
    assert len(rows) == 8 and Signaal.objects.count() == 8
    # The list shows the import with its counts.
    assert "Klaar" in client.get("/importen/").content.decode()


def test_a_file_without_reference_column_shows_a_dutch_error(client, tenant):
    client.force_login(tenant.partnerprofessional)
    bestand = SimpleUploadedFile("x.csv", b"kenmerk;fenomeen\nR-1;drugshandel\n")
    response = client.post("/importen/", {"bestand": bestand})
    assert response.status_code == 400
    assert "De kolom referentie ontbreekt" in response.content.decode()
    assert not Import.objects.exists()


def test_the_column_mapping_is_remembered_and_used(client, tenant, django_capture_on_commit_callbacks):
    client.force_login(tenant.partnerprofessional)
    response = client.post("/importen/kolommen/", {"referentie": "Dossiernummer", "omschrijving": "Toelichting"})
    assert response.status_code == 302
    indeling = Kolomindeling.objects.get(organisatie=tenant.corporatie)
    assert indeling.kolommen == {"referentie": "Dossiernummer", "omschrijving": "Toelichting"}
    assert 'value="Dossiernummer"' in client.get("/importen/kolommen/").content.decode()
    bestand = SimpleUploadedFile("x.csv", b"Dossiernummer;Fenomeen;Toelichting\nD-1;drugshandel;Aanloop\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/importen/", {"bestand": bestand})
    work()
    assert Import.objects.get().nieuw == 1


def test_beheerder_imports_for_another_organisation(client, tenant, django_capture_on_commit_callbacks):
    beheerder = tenant.users["functioneel-beheerder"]
    client.force_login(beheerder)
    page = client.get("/importen/").content.decode()
    assert tenant.politie.naam in page  # the organisation can be chosen
    bestand = SimpleUploadedFile("x.csv", b"referentie;fenomeen;omschrijving\nP-1;drugshandel;Aanloop\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/importen/", {"bestand": bestand, "organisatie": str(tenant.politie.pk)})
    work()
    assert Signaal.objects.get().melder_organisatie == tenant.politie
    # Mapping for that organisation.
    client.post("/importen/kolommen/", {"organisatie": str(tenant.politie.pk), "referentie": "Registratienummer"})
    assert Kolomindeling.objects.get(organisatie=tenant.politie).kolommen == {"referentie": "Registratienummer"}


def test_who_sees_an_import(client, tenant, other_tenant, django_capture_on_commit_callbacks):
    client.force_login(tenant.partnerprofessional)
    bestand = SimpleUploadedFile("x.csv", b"referentie;fenomeen;omschrijving\nP-1;drugshandel;Aanloop\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/importen/", {"bestand": bestand})
    import_obj = Import.objects.get()
    for user, status in (
        (tenant.wijkagent, 404),
        (tenant.regisseur, 403),
        (tenant.analist, 403),
        (other_tenant.partnerprofessional, 404),
        (other_tenant.users["functioneel-beheerder"], 404),
        (tenant.users["functioneel-beheerder"], 200),
    ):
        client.force_login(user)
        assert client.get(f"/importen/{import_obj.pk}/").status_code == status, user
    # A partner professional's list shows only their own imports.
    client.force_login(tenant.wijkagent)
    assert str(import_obj.pk) not in client.get("/importen/").content.decode()


def test_menu_item_for_those_who_may_import(client, tenant):
    client.force_login(tenant.partnerprofessional)
    assert 'href="/importen/"' in client.get("/mijn-meldingen/").content.decode()
    client.force_login(tenant.regisseur)
    assert 'href="/importen/"' not in client.get("/signalen/").content.decode()
