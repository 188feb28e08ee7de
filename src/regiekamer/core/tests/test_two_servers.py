"""Past one machine: two application servers (gunicorn, each with worker processes of its own, on their own ports) and
one background worker (`regiekamer db_worker`) on one PostgreSQL database, as a deployment behind a load balancer
without sticky sessions runs (docs/scaling.md). Nothing may depend on the server that happens to answer: a login and
a logout hold on both, an attachment stored through one opens through the other, signal numbers stay unique and
gap-free with reports arriving at both at once, the processing log stays one unbroken chain, an import uploaded to
one is processed by the worker and read through the other, and a rate limit counts the requests sent to both.

The servers share what a deployment over several machines shares: the database, the secrets and keys (in the
environment), the data folder (``REGIEKAMER_DATA_DIR``, shared storage in production) and the cache behind the rate
limits (``CACHE_URL``, here Django's database cache)."""

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiekamer.accounts import two_factor
from regiekamer.core.tests.served import WebSession, at_once, served_cluster

pytestmark = [
    pytest.mark.served,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Several application servers share one database server (PostgreSQL); the embedded SQLite database "
        "is a file on one machine",
    ),
]

PASSWORD = "twee-servers-wachtwoord-1"
SIGNAAL = {"omschrijving": "Hennepgeur bij de achterdeur.", "fenomenen": ["hennepteelt"]}
VOORBEELDEN = Path(__file__).resolve().parents[4] / "docs" / "voorbeelden"

# The regisseur of SETUP gets a password, an authenticator app and recovery codes (the role must pass two-factor
# authentication); the key of the app and the codes come back, to log in here.
REGISSEUR = f"""
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
from regiekamer.accounts import permissions, two_factor
from regiekamer.accounts.models import User
user = User.objects.get(username="regisseur")
user.set_password({PASSWORD!r})
user.save()
device = TOTPDevice.objects.create(user=user, name=two_factor.TOTP_DEVICE_NAME, confirmed=True)
print(json.dumps({{
    "key": device.key,
    "recovery_codes": two_factor.new_recovery_codes(user),
    "two_factor": permissions.requires_two_factor(user),
}}))
"""


# The API limit per client in this cluster: high enough for the other tests' requests (the import's status is polled
# twice a second for at most 30 s), low enough to reach.
LIMIT = 100
SHARED = {"CACHE_URL": "db://regiekamer_cache", "API_RATE_LIMIT": f"{LIMIT}/minute"}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), served_cluster(tmp_path_factory.mktemp("cluster"), extra_env=SHARED) as served:
        yield served


@pytest.fixture(scope="module")
def servers(cluster):
    return cluster.servers


@pytest.fixture(scope="module")
def regisseur(cluster):
    answer = json.loads(cluster.shell(REGISSEUR).strip().splitlines()[-1])
    assert answer["two_factor"], "a regisseur must pass two-factor authentication"
    return answer


def app_code(regisseur) -> str:
    """The code the regisseur's authenticator app shows now. The device accepts each time step once, so the login
    test uses it once; other logins use a recovery code."""
    return two_factor.acceptable_code(TOTPDevice(key=regisseur["key"]))


def log_in(session, server, regisseur):
    """The password, then a recovery code (single use), on the pages of ``server``."""
    answer = session.post(server, "/inloggen/", {"username": "regisseur", "password": PASSWORD})
    assert answer.status == 302, answer.text[:500]
    answer = session.post(server, "/tweestapsverificatie/", {"code": regisseur["recovery_codes"].pop()})
    assert answer.status == 302 and "/tweestapsverificatie/" not in answer.headers["location"][0], answer.text[:500]


def report(server, tokens, **extra):
    answer = server.request("POST", "/api/v1/signalen", tokens["partner"], {**SIGNAAL, **extra})
    assert answer.status == 201, answer.body[:500]
    return answer.json()


def stored(cluster) -> dict:
    return json.loads(
        cluster.shell(
            "import json\n"
            "from regiekamer.signalen.models import Signaal\n"
            "print(json.dumps({'signalen': [[str(pk), nummer] for pk, nummer in "
            "Signaal.objects.values_list('pk', 'nummer')]}))"
        )
        .strip()
        .splitlines()[-1]
    )


def assert_gap_free(nummers):
    """Every signal number once, and per year S<year>-00001 up to the count: no gaps."""
    assert len(set(nummers)) == len(nummers)
    per_year = {}
    for nummer in nummers:
        jaar, volgnummer = re.fullmatch(r"S(\d{4})-(\d{5})", nummer).groups()
        per_year.setdefault(jaar, []).append(int(volgnummer))
    for volgnummers in per_year.values():
        assert sorted(volgnummers) == list(range(1, len(volgnummers) + 1))


def test_a_login_on_one_server_holds_on_the_other_and_a_logout_on_either_ends_it(servers, regisseur):
    a, b = servers
    session = WebSession()
    answer = session.post(a, "/inloggen/", {"username": "regisseur", "password": PASSWORD})
    assert answer.status == 302, answer.text[:500]
    # Half logged in on A: B asks for the second step too.
    assert "/tweestapsverificatie/" in session.get(b, "/signalen/").headers["location"][0]
    # The second step on B completes the login started on A.
    answer = session.post(b, "/tweestapsverificatie/", {"code": app_code(regisseur)})
    assert answer.status == 302, answer.text[:500]

    for server in (a, b, a):
        page = session.get(server, "/signalen/")
        assert page.status == 200, page.headers
        assert "Uitloggen" in page.text

    # Logging out on B ends the session on A: the old cookie is refused there.
    cookies = dict(session.cookies)
    assert session.post(b, "/uitloggen/", {}, form_page="/signalen/").status == 302
    assert "sessionid" not in session.cookies
    answer = session.get(a, "/signalen/", cookies=cookies)
    assert answer.status == 302 and "/inloggen/" in answer.headers["location"][0]

    # And the other way round: log in on B, log out on A, refused on B.
    session = WebSession()
    log_in(session, b, regisseur)
    assert session.get(a, "/signalen/").status == 200
    cookies = dict(session.cookies)
    assert session.post(a, "/uitloggen/", {}, form_page="/signalen/").status == 302
    answer = session.get(b, "/signalen/", cookies=cookies)
    assert answer.status == 302 and "/inloggen/" in answer.headers["location"][0]


def test_an_attachment_stored_through_one_server_opens_unchanged_through_the_other(servers, regisseur):
    a, b = servers
    signaal = report(a, a.tokens)
    session = WebSession()
    log_in(session, a, regisseur)
    content = "Proces-verbaal van bevindingen — Molenstraat 14, drie keer bezocht.\n".encode() * 50
    stored_answer = session.post(
        a,
        f"/signalen/{signaal['id']}/bijlagen/",
        {},
        {"bijlage-bestand": ("proces-verbaal.txt", content)},
        form_page=f"/signalen/{signaal['id']}/",
    )
    assert stored_answer.status == 302, stored_answer.text[:500]

    detail = session.get(b, f"/signalen/{signaal['id']}/")
    assert detail.status == 200
    link = re.search(rf"/signalen/{signaal['id']}/bijlagen/[0-9a-f-]{{36}}/", detail.text)
    assert link, "the signal page on B lists the attachment"
    download = session.get(b, link.group(0))
    assert download.status == 200
    assert download.body == content
    assert 'filename="proces-verbaal.txt"' in download.headers["content-disposition"][0]


def test_reports_at_both_servers_at_once_are_each_stored_once_with_gap_free_numbers(cluster, servers):
    a, b = servers
    before = b.request("GET", "/api/v1/signalen?pageSize=1", b.tokens["regisseur"]).json()["count"]

    answers = at_once([lambda server=server: report(server, server.tokens) for server in (a, b) * 8])

    created = {answer["id"] for answer in answers}
    assert len(created) == 16
    now = stored(cluster)["signalen"]
    assert len(now) == before + 16 and created <= {pk for pk, _nummer in now}
    nummers = [nummer for _pk, nummer in now]
    assert {answer["nummer"] for answer in answers} <= set(nummers)
    assert_gap_free(nummers)


def test_a_partner_retrying_at_the_other_server_gets_the_first_answer(servers):
    """The answer kept for an ``Idempotency-Key`` is in the database: a retry that the load balancer sends to the
    other server creates nothing new."""
    a, b = servers
    token, key = a.tokens["partner"], {"Idempotency-Key": "melding-2026-0042"}
    first = a.request("POST", "/api/v1/signalen", token, SIGNAAL, headers=key)

    again = b.request("POST", "/api/v1/signalen", token, SIGNAAL, headers=key)

    assert first.status == again.status == 201, again.body[:500]
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == ["true"]
    other = b.request("POST", "/api/v1/signalen", token, {**SIGNAAL, "omschrijving": "Iets anders."}, headers=key)
    assert other.status == 422


def test_an_import_sent_to_one_server_is_processed_by_the_worker_and_read_through_the_other(cluster, servers):
    a, b = servers
    token = a.tokens["partner"]
    bestand = (VOORBEELDEN / "import-woningcorporatie.csv").read_bytes()

    answer = a.request("POST", "/api/v1/importen", token, files={"bestand": ("woningcorporatie.csv", bestand)})

    assert answer.status == 202, answer.body[:500]
    assert answer.json()["status"] == "wachtrij"  # queued for the worker, not processed by the web server
    pad = f"/api/v1/importen/{answer.json()['id']}"
    deadline = time.monotonic() + 30
    while (status := b.request("GET", pad, token).json())["status"] != "klaar" and time.monotonic() < deadline:
        assert cluster.task_worker.poll() is None, (cluster.logs / "db_worker.log").read_text()
        time.sleep(0.5)
    assert status["status"] == "klaar", status
    assert (status["nieuw"], status["fout"]) == (8, 0), status
    resultaat = b.request("GET", f"{pad}/resultaat", token)
    assert resultaat.status == 200
    rows = list(csv.DictReader(io.StringIO(resultaat.body.decode()), delimiter=";"))
    assert [row["status"] for row in rows] == ["nieuw"] * 8
    # The imported signals are there for the regisseur, through the other server.
    nummers = {row["signaal"] for row in rows}
    listed = b.request("GET", "/api/v1/signalen?pageSize=100", b.tokens["regisseur"]).json()
    assert nummers <= {item["nummer"] for item in listed["results"]}


NEW_TOKEN = """
import json
from regiekamer.accounts.models import ApiToken, Organisatie
print(json.dumps(ApiToken.issue(Organisatie.objects.get(naam="Politie basisteam"))[1]))
"""


def test_a_client_spread_over_both_servers_meets_one_rate_limit(cluster, servers):
    """The limit counts in the shared cache: a partner system whose requests the load balancer spreads over two
    servers (of two workers each) is stopped at the limit, not at four times it."""
    a, b = servers
    token = json.loads(cluster.shell(NEW_TOKEN).strip().splitlines()[-1])

    answers = [(a, b)[number % 2].request("GET", "/api/v1/mijn-meldingen", token) for number in range(LIMIT + 1)]

    assert [answer.status for answer in answers[:LIMIT]] == [200] * LIMIT
    refused = answers[-1]
    assert refused.status == 429 and refused.headers["content-type"] == ["application/problem+json"]
    assert int(refused.headers["retry-after"][0]) > 0


def test_afterwards_the_log_is_one_unbroken_chain_and_the_numbers_have_no_gaps(cluster):
    """After the writes of both servers and the worker above: the processing log verifies as one chain in which every
    signal has the entry that created it, and the numbers of every signal, from the API and from the import,
    still run without gaps."""
    verified = cluster.manage("audit", "verify")

    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "hebben een aanmaakverwerking" in verified.stdout
    assert_gap_free([nummer for _pk, nummer in stored(cluster)["signalen"]])
