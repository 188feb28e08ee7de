"""``POST /api/v1/importen``, its status and its result; the background worker; roles and tenants; problem+json."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regiekamer.accounts.models import ApiToken
from regiekamer.audit.models import Verwerking
from regiekamer.conftest import api_client
from regiekamer.importen.models import Import
from regiekamer.importen.tests.werker import work
from regiekamer.notifications.models import Notificatie
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[4] / "docs" / "voorbeelden"


def upload(name="import-woningcorporatie.csv"):
    return SimpleUploadedFile(name, (DOCS / name).read_bytes())


def test_partner_system_imports_polls_and_fetches_the_result(tenant, django_capture_on_commit_callbacks):
    client = api_client(tenant.corporatie)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/importen", {"bestand": upload()}, format="multipart")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "wachtrij" and response["Location"] == body["status_url"]
    # Not done yet: the result is refused with a problem.
    early = client.get(body["resultaat_url"])
    assert early.status_code == 409 and early["Content-Type"] == "application/problem+json"
    work()
    status = client.get(body["status_url"]).json()
    assert (status["status"], status["nieuw"], status["al_ontvangen"], status["fout"]) == ("klaar", 8, 0, 0)
    assert status["percentage"] == 100 and status["totaal"] == status["verwerkt"] == 8
    result = client.get(body["resultaat_url"])
    assert result.status_code == 200 and result["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(result.streaming_content).decode()), delimiter=";"))
    assert [row["status"] for row in rows] == ["nieuw"] * 8
    signaal = Signaal.objects.get(nummer=rows[0]["signaal"])
    assert signaal.melder_organisatie == tenant.corporatie and signaal.api_token is not None
    # The uploaded file is gone once processed; the result stays.
    import_obj = Import.objects.get(pk=body["id"])
    assert not import_obj.bestand
    # The log names the partner system.
    entry = Verwerking.objects.filter(handeling="signaal.importeren").get()
    assert entry.rol == "partnersysteem" and entry.bron == "api"


def test_the_same_file_again_creates_nothing(tenant, django_capture_on_commit_callbacks):
    client = api_client(tenant.corporatie)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/v1/importen", {"bestand": upload()}, format="multipart")
        work()
    status = client.get(response.json()["status_url"]).json()
    assert (status["nieuw"], status["al_ontvangen"]) == (0, 8)
    assert Signaal.objects.count() == 8


def test_the_importer_is_notified_when_done(tenant, django_capture_on_commit_callbacks):
    client = api_client(tenant.corporatie, user=tenant.partnerprofessional)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/importen", {"bestand": upload()}, format="multipart")
    work()
    notificatie = Notificatie.objects.get(ontvanger=tenant.partnerprofessional)
    assert "8 nieuw" in notificatie.onderwerp
    assert notificatie.link == f"/importen/{response.json()['id']}/"


@pytest.mark.parametrize(
    ("bestand", "fragment"),
    [
        (b"", "leeg"),
        (b"kenmerk;fenomeen\nR-1;drugshandel\n", "referentie ontbreekt"),
        (b"PK\x03\x04 geen echte xlsx", "XLSX"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_problem(tenant, bestand, fragment):
    client = api_client(tenant.corporatie)
    response = client.post("/api/v1/importen", {"bestand": SimpleUploadedFile("x.csv", bestand)}, format="multipart")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert fragment in str(response.json()["invalidParams"])
    assert not Import.objects.exists()


def test_roles_and_tenants(tenant, other_tenant, django_capture_on_commit_callbacks):
    client = api_client(tenant.corporatie, user=tenant.partnerprofessional)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/importen", {"bestand": upload()}, format="multipart")
    work()
    url = response.json()["status_url"]
    # Roles without signaal.importeren: 403 on POST and GET.
    for user in (tenant.regisseur, tenant.analist, tenant.privacyfunctionaris, tenant.manager):
        other = api_client(user.organisatie, user=user)
        assert other.get(url).status_code == 403
        assert other.post("/api/v1/importen", {"bestand": upload()}, format="multipart").status_code == 403
    # Another partner professional (the police) and another tenant's partner system: 404.
    assert api_client(tenant.politie, user=tenant.wijkagent).get(url).status_code == 404
    assert api_client(other_tenant.corporatie).get(url).status_code == 404
    # The beheerder sees it, and imports on behalf of an organisation of the gemeente, not of another gemeente.
    beheerder = api_client(tenant.afdeling, user=tenant.users["functioneel-beheerder"])
    assert beheerder.get(url).status_code == 200
    response = beheerder.post(
        "/api/v1/importen", {"bestand": upload(), "organisatie": str(tenant.politie.pk)}, format="multipart"
    )
    assert response.status_code == 202 and Import.objects.get(pk=response.json()["id"]).organisatie == tenant.politie
    response = beheerder.post(
        "/api/v1/importen", {"bestand": upload(), "organisatie": str(other_tenant.politie.pk)}, format="multipart"
    )
    assert response.status_code == 400
    # A partner professional cannot import on behalf of another organisation.
    response = client.post(
        "/api/v1/importen", {"bestand": upload(), "organisatie": str(tenant.politie.pk)}, format="multipart"
    )
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"


def test_unknown_and_malformed_ids_are_404(tenant):
    client = api_client(tenant.corporatie)
    for pk in ("niet-een-id", "00000000-0000-0000-0000-000000000000"):
        response = client.get(f"/api/v1/importen/{pk}")
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_revoked_token_is_401(tenant):
    token, raw = ApiToken.issue(tenant.corporatie)
    token.revoke()
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.post("/api/v1/importen", {"bestand": upload()}, format="multipart").status_code == 401


def test_a_starting_worker_queues_again_only_the_imports_a_stopped_worker_left(
    tenant, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from regiekamer.importen import services

    client = api_client(tenant.corporatie)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/importen", {"bestand": upload()}, format="multipart")
    import_obj = Import.objects.get(pk=response.json()["id"])
    eerste_taak = import_obj.taak_id
    assert services.hervat_onderbroken() == []  # still in the queue
    DBTaskResult.objects.filter(pk=eerste_taak).update(status="RUNNING")  # claimed by a worker
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict
        with psycopg.connect(
            host=params["HOST"],
            port=params["PORT"] or 5432,
            user=params["USER"],
            password=params["PASSWORD"] or None,
            dbname=params["NAME"],
            autocommit=True,
        ) as worker:  # a living worker's session, processing it
            worker.execute("SELECT pg_advisory_lock(%s, %s)", services._slot(import_obj))
            assert services.hervat_onderbroken() == []
    # The worker is gone (on SQLite, with its one worker, the one starting is the only one).
    assert services.hervat_onderbroken() == [import_obj]
    import_obj.refresh_from_db()
    assert DBTaskResult.objects.get(pk=eerste_taak).status == "FAILED"
    assert DBTaskResult.objects.get(pk=import_obj.taak_id).status == "READY"
    work()
    status = client.get(response.json()["status_url"]).json()
    assert (status["status"], status["nieuw"]) == ("klaar", 8)
