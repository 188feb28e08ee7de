"""A gunicorn worker killed (SIGKILL) in the middle of a signal intake, inside its transaction: nothing of the
request is stored, gunicorn starts a new worker and the server keeps answering, and the partner system's retry with
the same ``Idempotency-Key`` is first told the request is still being handled (409) and, once the key of the
cut-off request has expired, stores the signal once.

PostgreSQL only: to stop the request at a known point inside its transaction the test holds a row lock the request
needs (the head of the processing-log chain, written last); SQLite has no row locks, and there a writer waits for
the database lock before its transaction writes anything."""

import os
import signal
from concurrent.futures import ThreadPoolExecutor

import pytest

from regiekamer.core.tests.served import served_app, until

pytestmark = [pytest.mark.served, pytest.mark.django_db]

PROBLEM = "application/problem+json"
MELDING = {
    "fenomenen": ["hennepteelt"],
    "omschrijving": "Hennepgeur op de zolder.",
    "personen": [{"voornamen": "Piet", "achternaam": "Pietersen"}],
    "adressen": [{"postcode": "9901 AB", "huisnummer": 40}],
}
TELLINGEN = {
    "signalen": "SELECT COUNT(*) FROM signalen_signaal",
    "personen": "SELECT COUNT(*) FROM subjects_persoon",
    "adressen": "SELECT COUNT(*) FROM subjects_adres",
    "verwerkingen": "SELECT COUNT(*) FROM audit_verwerking",
}


@pytest.fixture
def app(tmp_path, django_db_setup, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the request is held inside its transaction by a row lock")
    with django_db_blocker.unblock(), served_app(tmp_path, workers=2) as served:
        yield served


def tellingen(app) -> dict:
    return {naam: app.query(sql)[0][0] for naam, sql in TELLINGEN.items()}


def waiting_on_a_lock(app) -> list:
    return app.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")


def tables_written(app, backend: int) -> set[str]:
    """The tables the (uncommitted) transaction of ``backend`` has inserted into or updated."""
    rows = app.query(
        "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE l.pid = %s AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r'",
        (backend,),
    )
    return {name for (name,) in rows}


def test_a_worker_killed_inside_the_intake_transaction_stores_nothing_and_the_retry_stores_it_once(app):
    import psycopg

    partner = app.tokens["partner"]
    # One report first, so that the numbering and the head of the processing log exist.
    assert app.request("POST", "/api/v1/signalen", partner, {**MELDING, "personen": [], "adressen": []}).status == 201
    voor = tellingen(app)
    sleutel = {"Idempotency-Key": "lvs-2026-000417"}
    workers = app.workers()
    assert len(workers) == 2

    with psycopg.connect(app.env["DATABASE_URL"]) as slot, ThreadPoolExecutor(max_workers=1) as pool:
        slot.execute("SELECT * FROM audit_ketenkop FOR UPDATE")  # held until the rollback below
        verzonden = pool.submit(app.request, "POST", "/api/v1/signalen", partner, MELDING, headers=sleutel)
        [(backend,)] = until(lambda: waiting_on_a_lock(app), "the request to reach the processing log")
        # Inside its transaction: the signal, the person and the address are written, not committed.
        assert {"signalen_signaal", "subjects_persoon", "subjects_adres"} <= tables_written(app, backend)
        [werker] = app.workers_serving()
        os.kill(werker, signal.SIGKILL)
        with pytest.raises(OSError):  # the connection closes without an answer
            verzonden.result(timeout=60)
        slot.rollback()
    until(
        lambda: not app.query("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (backend,)),
        "the killed worker's database session to end",
    )

    # Nothing of the request was stored, and the processing log is whole.
    assert tellingen(app) == voor
    verified = app.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    # gunicorn replaced the worker; the server answers.
    nieuw = until(lambda: (app.workers() - workers) if len(app.workers()) == 2 else set(), "a new worker")
    assert werker not in app.workers() and len(nieuw) == 1
    assert app.request("GET", "/health/", partner).status == 200

    # The retry: the key of the cut-off request is held as "being handled" ...
    bezig = app.request("POST", "/api/v1/signalen", partner, MELDING, headers=sleutel)
    assert bezig.status == 409 and bezig.headers["content-type"] == [PROBLEM], bezig.body
    assert tellingen(app) == voor
    # ... for five minutes (core.idempotentie.VERLATEN); the key's record is made five minutes older instead of
    # waiting for them.
    app.query(
        "UPDATE accounts_idempotenteaanvraag SET aangemaakt_op = aangemaakt_op - interval '5 minutes 1 second' "
        "WHERE sleutel = 'lvs-2026-000417' RETURNING 1"
    )
    opgeslagen = app.request("POST", "/api/v1/signalen", partner, MELDING, headers=sleutel)
    assert opgeslagen.status == 201, opgeslagen.body
    herhaald = app.request("POST", "/api/v1/signalen", partner, MELDING, headers=sleutel)
    assert herhaald.status == 201 and herhaald.headers.get("idempotent-replayed") == ["true"]
    assert herhaald.json()["id"] == opgeslagen.json()["id"]

    na = tellingen(app)
    assert (na["signalen"], na["personen"], na["adressen"]) == (voor["signalen"] + 1, voor["personen"] + 1, 1)
    verified = app.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
