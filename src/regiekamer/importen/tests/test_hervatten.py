"""Kill and resume: ``regiekamer import_signalen`` killed (SIGKILL) at several points of an import and started again
completes with no row missing and none doubled, on SQLite and on PostgreSQL.

Each run works on a database of its own, outside the test database (the command runs in a subprocess): a SQLite file
in a temporary data folder, or a new database on the PostgreSQL server of ``DATABASE_URL`` (skipped without one)."""

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from urllib.parse import urlparse, urlunparse

import pytest

ROWS = 1200
CHUNK = 20
SETUP = """
from regiekamer.accounts.models import Organisatie
from regiekamer.accounts.services import create_gemeente
gemeente = create_gemeente("Zuiderveen", "GM9901")
Organisatie.objects.create(gemeente=gemeente, naam="Woonstichting", soort="woningcorporatie")
"""
BSNS = ["908301662", "131860914", "390996038", "948219932", "518190936", "786579754"]


def naam(number: int) -> str:
    return "N" + "".join("abcdefghij"[int(digit)] for digit in str(number))


def make_file(path, rows=ROWS):
    """``rows`` rows: mostly good, every 50th refers to an earlier row's reference (al-ontvangen), every 37th is bad;
    persons and addresses repeat, so later rows link to subjects of earlier chunks."""
    expected, landed = {}, set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            ["referentie", "fenomeen", "omschrijving", "voornamen", "achternaam", "geboortedatum", "bsn"]
            + ["postcode", "huisnummer"]
        )
        for index in range(rows):
            rij = index + 2
            referentie = f"R-{index:05d}"
            status = "nieuw"
            if index and index % 50 == 0:
                referentie, status = f"R-{index - 25:05d}", "al-ontvangen"
            bsn = BSNS[index % len(BSNS)] if index % 3 == 0 else ""
            geboortedatum = f"19{60 + index % 40}-0{1 + index % 9}-1{index % 10}"
            fenomeen = "hennepteelt|drugshandel" if index % 7 == 0 else "woonfraude"
            if index % 37 == 0:
                fenomeen, status = "onbekend-fenomeen", "fout"
            elif status == "al-ontvangen" and referentie not in landed:
                status = "nieuw"  # the row it repeats was refused: this one lands
            if status == "nieuw":
                landed.add(referentie)
            writer.writerow(
                [
                    referentie,
                    fenomeen,
                    f"Signaal {index}",
                    naam(index % 97),
                    naam(index % 89),
                    geboortedatum,
                    bsn,
                    f"99{index % 10:02d}AB",
                    str(1 + index % 60),
                ]
            )
            expected[rij] = (referentie, status)
    return expected


class Database:
    def __init__(self, kind, tmp_path):
        self.kind = kind
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTEST_VERSION")}
        self.env.update(REGIEKAMER_DATA_DIR=str(tmp_path / "data"), IMPORT_CHUNK=str(CHUNK), PYTHONUNBUFFERED="1")
        self.cwd = tmp_path
        if kind == "postgresql":
            server = os.environ.get("DATABASE_URL", "")
            if not server.startswith("postgres"):
                pytest.skip("needs DATABASE_URL of a PostgreSQL server")
            import psycopg

            self.name = f"regiekamer_hervatten_{uuid.uuid4().hex[:8]}"
            parts = urlparse(server)
            self.admin_url = urlunparse(parts._replace(path="/postgres"))
            with psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{self.name}"')
            self.env["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{self.name}"))

    def drop(self):
        if self.kind == "postgresql":
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def command(self, *args, **kwargs):
        return [sys.executable, "-m", "regiekamer.manage", *args]

    def run(self, *args):
        return subprocess.run(  # noqa: S603 - our own command line
            self.command(*args), env=self.env, cwd=self.cwd, capture_output=True, text=True, timeout=600
        )

    def start(self, *args):
        return subprocess.Popen(  # noqa: S603 - our own command line
            self.command(*args), env=self.env, cwd=self.cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def query(self, sql):
        if self.kind == "postgresql":
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as connection:
                return connection.execute(sql).fetchall()
        path = self.cwd / "data" / "regiekamer.sqlite3"
        connection = sqlite3.connect(path, timeout=30)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()


def wait_for(database, sql, predicate, process, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            rows = database.query(sql)
        except Exception:  # noqa: BLE001 - the table may not be there yet, or the file locked for a moment
            rows = None
        if rows is not None and predicate(rows):
            return rows
        if process.poll() is not None:
            raise AssertionError(f"the import ended before it could be killed: {process.communicate()}")
        time.sleep(0.05)
    raise AssertionError("the import made no progress")


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    database = Database(request.param, tmp_path)
    try:
        result = database.run("migrate", "-v0")
        assert result.returncode == 0, result.stderr
        result = database.run("shell", "-c", SETUP)
        assert result.returncode == 0, result.stderr
        yield database
    finally:
        database.drop()


def test_an_import_killed_at_any_point_resumes_without_loss_or_doubles(database, tmp_path):
    path = tmp_path / "signalen.csv"
    expected = make_file(path)
    result_path = tmp_path / "resultaat.csv"
    arguments = ("import_signalen", str(path), "--organisatie", "Woonstichting", "--resultaat", str(result_path))
    progress = "SELECT delen FROM importen_import"
    # Killed before the first chunk (while counting the rows), then after a few chunks, then further on.
    for predicate in (
        lambda rows: len(rows) == 1,
        lambda rows: rows and rows[0][0] >= 3,
        lambda rows: rows and rows[0][0] >= 12,
        lambda rows: rows and rows[0][0] >= 25,
    ):
        process = database.start(*arguments)
        wait_for(database, progress, predicate, process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    done = database.run(*arguments)
    assert done.returncode == 0, done.stderr
    assert "Resuming import" in done.stderr

    with result_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [int(row["rij"]) for row in rows] == sorted(expected), "every row exactly once, in file order"
    for row in rows:
        assert (row["referentie"], row["status"]) == expected[int(row["rij"])], row["melding"]
    new = {row["referentie"]: row["signaal"] for row in rows if row["status"] == "nieuw"}
    for row in rows:
        if row["status"] == "al-ontvangen":
            assert row["signaal"] == new[row["referentie"]]

    assert database.query("SELECT COUNT(*), MIN(status), MAX(verwerkt) FROM importen_import") == [(1, "klaar", ROWS)]
    signals = database.query("SELECT nummer FROM signalen_signaal")
    assert sorted(number for (number,) in signals) == sorted(new.values()), "no signal missing, none doubled"
    references = database.query("SELECT referentie FROM importen_bronreferentie")
    assert sorted(ref for (ref,) in references) == sorted(new)
    parts = database.query("SELECT nummer FROM importen_importdeel ORDER BY nummer")
    assert [number for (number,) in parts] == list(range(ROWS // CHUNK))
    # One processing-log entry per committed chunk with signals; chain and completeness hold.
    verify = database.run("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
