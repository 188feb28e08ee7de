"""The background worker (``regiekamer db_worker``) killed (SIGKILL) in the middle of an import uploaded through the
API: a new worker resumes the import at its first uncommitted chunk and finishes it, with every row's result once and
nothing created twice, the same outcome as a delivery that was never interrupted.

Served for real (gunicorn, the worker as a process of its own) on the database the suite runs on. On PostgreSQL the
worker is killed at a known point: inside a chunk's transaction, after its signals and results were written and
before they were committed (the test holds the head of the processing-log chain, which the chunk writes last). On
SQLite, which has no row locks, it is killed as soon as a chunk has been committed, wherever it is then."""

import csv
import io
import signal
import subprocess
import sys
import uuid

import pytest

from regiekamer.core.tests.served import served_app, until
from regiekamer.importen.tests.test_hervatten import make_file

pytestmark = [pytest.mark.served, pytest.mark.django_db]

RIJEN = 600
DEEL = 20


@pytest.fixture
def app(tmp_path, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), served_app(tmp_path, workers=1) as served:
        yield served


def start_worker(app, log):
    return subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "regiekamer.manage", "db_worker", "--no-reload", "--interval", "0.2"]
        + ["--no-startup-delay"],
        env={**app.env, "IMPORT_CHUNK": str(DEEL)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def upload(app, path) -> str:
    grens = uuid.uuid4().hex
    body = (
        (
            f'--{grens}\r\nContent-Disposition: form-data; name="bestand"; filename="signalen.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + path.read_bytes()
        + f"\r\n--{grens}--\r\n".encode()
    )
    answer = app.request(
        "POST",
        "/api/v1/importen",
        app.tokens["partner"],
        body,
        headers={"Content-Type": f"multipart/form-data; boundary={grens}"},
    )
    assert answer.status == 202, answer.body
    return answer.json()["id"]


def voortgang(app) -> tuple:
    rows = app.query("SELECT status, delen, verwerkt FROM importen_import")
    return rows[0] if rows else None


def kill_inside_a_chunk(app, worker) -> None:
    """PostgreSQL: hold the processing log's chain head, so the worker stops at the end of its next chunk (written,
    not committed), and kill it there."""
    import psycopg

    with psycopg.connect(app.env["DATABASE_URL"]) as slot:
        slot.execute("SELECT * FROM audit_ketenkop FOR UPDATE")
        [(backend,)] = until(
            lambda: app.query(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ),
            "the worker to reach the end of a chunk",
        )
        geschreven = {
            name
            for (name,) in app.query(
                "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE l.pid = %s AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r'",
                (backend,),
            )
        }
        assert {"signalen_signaal", "importen_bronreferentie", "importen_importdeel", "importen_import"} <= geschreven
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        slot.rollback()
    until(
        lambda: not app.query("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (backend,)),
        "the killed worker's database session to end",
    )


def test_a_worker_killed_mid_import_is_resumed_by_the_next_worker_without_loss_or_doubles(app, tmp_path):
    from django.db import connection

    path = tmp_path / "signalen.csv"
    expected = make_file(path, RIJEN)
    import_id = upload(app, path)
    log = (tmp_path / "worker.log").open("w")
    try:
        worker = start_worker(app, log)
        until(lambda: (voortgang(app) or (None, 0))[1] >= 1, "a first committed chunk", timeout=120)
        if connection.vendor == "postgresql":
            kill_inside_a_chunk(app, worker)
        else:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)

        status, delen, verwerkt = voortgang(app)
        assert status == "bezig" and 1 <= delen < RIJEN // DEEL and verwerkt == delen * DEEL, (status, delen)
        [(taak,)] = app.query("SELECT status FROM django_tasks_database_dbtaskresult")
        assert taak == "RUNNING"  # left so by the killed worker; the queue does not hand it out again

        worker = start_worker(app, log)
        until(lambda: voortgang(app)[0] == "klaar", "the import to finish", timeout=120)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
        log.close()

    detail = app.request("GET", f"/api/v1/importen/{import_id}", app.tokens["partner"]).json()
    soorten = [status for _referentie, status in expected.values()]
    assert (detail["status"], detail["verwerkt"]) == ("klaar", RIJEN), detail
    assert (detail["nieuw"], detail["al_ontvangen"], detail["fout"]) == (
        soorten.count("nieuw"),
        soorten.count("al-ontvangen"),
        soorten.count("fout"),
    )
    resultaat = app.request("GET", f"/api/v1/importen/{import_id}/resultaat", app.tokens["partner"])
    regels = list(csv.DictReader(io.StringIO(resultaat.body.decode()), delimiter=";"))
    assert [int(regel["rij"]) for regel in regels] == sorted(expected), "every row exactly once, in file order"
    for regel in regels:
        assert (regel["referentie"], regel["status"]) == expected[int(regel["rij"])], regel["melding"]
    nieuw = {regel["referentie"]: regel["signaal"] for regel in regels if regel["status"] == "nieuw"}
    assert sorted(nummer for (nummer,) in app.query("SELECT nummer FROM signalen_signaal")) == sorted(nieuw.values())
    assert sorted(ref for (ref,) in app.query("SELECT referentie FROM importen_bronreferentie")) == sorted(nieuw)
    delen = app.query("SELECT nummer FROM importen_importdeel ORDER BY nummer")
    assert [nummer for (nummer,) in delen] == list(range(RIJEN // DEEL))
    # The killed worker's task is marked failed, the one that resumed it succeeded.
    assert sorted(status for (status,) in app.query("SELECT status FROM django_tasks_database_dbtaskresult")) == [
        "FAILED",
        "SUCCESSFUL",
    ]
    verified = app.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
