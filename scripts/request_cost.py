"""What one API request of the load mix costs the application, measured in-process: CPU time, wall time and
database queries per request, without a web server, network or load generator in between.

    DATABASE_URL=URL REGIEKAMER_DATA_DIR=DIR .venv/bin/python scripts/request_cost.py [--runs 60]

Use the database that ``scripts/load.py`` loads (seeded with ``regiekamer seed_demo``): the same requests as its mix
(a partner system's signal POST with an ``Idempotency-Key``, a worklist page, a signal's detail), and for scale an
authenticated request that does almost nothing (``GET /api/v1/leefgebieden``) and ``/health/``. The CPU time is this
process's, so it does not include PostgreSQL's share. Each signal POST adds a signal, as in the load run.
"""

import argparse
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiekamer.conf.settings")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The limits protect production; here one client makes every request.
os.environ.setdefault("API_RATE_LIMIT", "1000000/minute")
os.environ.setdefault("API_ADDRESS_RATE_LIMIT", "1000000/minute")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=60, help="measured requests per kind (after 5 warm-up requests)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from regiekamer.accounts.models import ApiToken, Organisatie, User
    from regiekamer.core.runtime import prepare_server_process
    from regiekamer.signalen.models import Signaal

    regisseur = User.objects.get(username="regisseur")
    partner = Organisatie.objects.filter(gemeente=regisseur.gemeente).exclude(soort="gemeente-afdeling").first()
    regisseur_token, regisseur_raw = ApiToken.issue(regisseur.organisatie, user=regisseur, omschrijving="request_cost")
    partner_token, partner_raw = ApiToken.issue(partner, omschrijving="request_cost")
    ids = [str(pk) for pk in Signaal.objects.filter(gemeente=regisseur.gemeente).values_list("pk", flat=True)[:200]]
    prepare_server_process()
    client = Client(HTTP_HOST="127.0.0.1")
    as_regisseur = {"HTTP_AUTHORIZATION": f"Token {regisseur_raw}"}

    def report():
        body = {
            "fenomenen": ["hennepteelt"],
            "omschrijving": "Belastingtest: hennepgeur en lampen.",
            "adressen": [{"postcode": "9901 AB", "huisnummer": random.randint(1, 400)}],
        }
        return client.post(
            "/api/v1/signalen",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {partner_raw}",
            HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
        )

    requests = {
        "GET /health/": lambda: client.get("/health/"),
        "GET /api/v1/leefgebieden": lambda: client.get("/api/v1/leefgebieden", **as_regisseur),
        "POST /api/v1/signalen": report,
        "GET /api/v1/signalen": lambda: client.get(f"/api/v1/signalen?page={random.randint(1, 3)}", **as_regisseur),
        "GET /api/v1/signalen/{id}": lambda: client.get(f"/api/v1/signalen/{random.choice(ids)}", **as_regisseur),
    }
    try:
        measure(requests, args.runs)
    finally:
        regisseur_token.revoke()
        partner_token.revoke()


def measure(requests: dict, runs: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regiekamer.signalen.models import Signaal

    print(f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, {Signaal.objects.count()} signals")
    print("| Request | CPU per request | Wall per request | Queries |")
    print("|---|---|---|---|")
    for name, send in requests.items():
        for _warm_up in range(5):
            answer = send()
            if answer.status_code >= 400:
                sys.exit(f"{name}: {answer.status_code} {answer.content[:300]!r}")
        with CaptureQueriesContext(connection) as queries:
            send()
        count = len(queries)  # read now: the next request clears the log
        cpu, wall = time.process_time(), time.perf_counter()
        for _run in range(runs):
            send()
        cpu = (time.process_time() - cpu) / runs * 1000
        wall = (time.perf_counter() - wall) / runs * 1000
        print(f"| {name} | {cpu:.1f} ms | {wall:.1f} ms | {count} |")


if __name__ == "__main__":
    main()
