"""Concurrent requests against Regiekamer served by gunicorn with four worker processes, on the database the suite
runs on (PostgreSQL, or an SQLite file for the embedded default): nothing fails, nothing is lost or stored twice,
and every stored signal has its processing-log entry."""

import json

import pytest

from regiekamer.core.tests.served import served_app

pytestmark = [pytest.mark.served, pytest.mark.django_db]

SIGNAAL = {"omschrijving": "duplicaat-par", "fenomenen": ["hennepteelt"]}


def _stored(app) -> dict:
    return json.loads(
        app.shell(
            "import json\n"
            "from regiekamer.signalen.models import Signaal\n"
            "from regiekamer.subjects.models import Adres\n"
            "print(json.dumps({'signalen': sorted(str(pk) for pk in Signaal.objects.values_list('pk', flat=True)),"
            " 'nummers': sorted(Signaal.objects.values_list('nummer', flat=True)),"
            " 'adressen': Adres.objects.count()}))"
        )
        .strip()
        .splitlines()[-1]
    )


@pytest.fixture(scope="module")
def app(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), served_app(tmp_path_factory.mktemp("served")) as served:
        yield served


def test_parallel_identical_reports_are_all_stored_once_with_their_log_entry(app):
    before = _stored(app)["signalen"]
    answers = app.at_once([("POST", "/api/v1/signalen", app.tokens["partner"], SIGNAAL)] * 10)

    assert [answer.status for answer in answers] == [201] * 10, [answer.body[:300] for answer in answers]
    created = {answer.json()["id"] for answer in answers}
    stored = _stored(app)
    assert set(stored["signalen"]) - set(before) == created and len(created) == 10
    assert len(set(stored["nummers"])) == len(stored["nummers"])
    # The chain holds, and every signal has the entry that created it.
    verified = app.manage("audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "hebben een aanmaakverwerking" in verified.stdout


def test_parallel_reports_about_one_new_address_share_it(app):
    body = {**SIGNAAL, "adressen": [{"postcode": "9901 AB", "huisnummer": 7}]}
    before = _stored(app)["adressen"]

    answers = app.at_once([("POST", "/api/v1/signalen", app.tokens["partner"], body)] * 6)

    assert [answer.status for answer in answers] == [201] * 6, [answer.body[:300] for answer in answers]
    assert _stored(app)["adressen"] == before + 1


def test_reads_and_writes_at_once_all_succeed(app):
    """The mix a busy morning brings: partner systems reporting while the regisseur reads the worklist (every read
    also writes its processing-log entry)."""
    calls = [("POST", "/api/v1/signalen", app.tokens["partner"], SIGNAAL)] * 8
    calls += [("GET", "/api/v1/signalen?pageSize=50", app.tokens["regisseur"], None)] * 8
    calls += [("GET", "/api/v1/mijn-meldingen", app.tokens["partner"], None)] * 4

    answers = app.at_once(calls)

    assert [answer.status for answer in answers] == [201] * 8 + [200] * 12, [a.body[:300] for a in answers]
    verified = app.manage("audit", "verify")
    assert verified.returncode == 0, verified.stderr
