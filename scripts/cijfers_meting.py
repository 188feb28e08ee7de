"""Time every figure of "regie op resultaat" (API, JSON and files) and both dashboards on an existing database, and
check that the summary counts equal a direct count.

    DATABASE_URL=postgres://... .venv/bin/python scripts/cijfers_meting.py --gemeente GM0363 [--runs 20]

Requests go in-process through Django's test client under the production settings (DEBUG off), as the manager
(small numbers suppressed) and the regisseur of the gemeente, for several filters: the default period (the last twelve
months), 36 months, one buurt, one wijk, one phenomenon, and a wijk with a phenomenon. Per row: one warm-up request,
then the median and 95th percentile over the runs, and the SQL queries of one request. Finally
``regiekamer cijfers --controleer`` compares every summary cell with a direct count of the source tables.
Nothing is written to the database except what the pages themselves write.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("API_RATE_LIMIT", "1000000/minute")  # measure the work, not the throttle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiekamer.conf.settings")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--gemeente", required=True, metavar="CBS", help="CBS code of the gemeente to measure")
    parser.add_argument("--runs", type=int, default=20, metavar="K")
    parser.add_argument("--geen-controle", action="store_true", help="skip the check against a direct count")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from regiekamer.accounts.models import Gemeente, User
    from regiekamer.conftest import _force_login_verified
    from regiekamer.inzicht.filters import add_months, first_of_month
    from regiekamer.inzicht.selectors import FIGUREN
    from regiekamer.signalen.models import Fenomeen, Signaal
    from regiekamer.subjects.models import Buurt

    gemeente = Gemeente.objects.get(cbs_code=args.gemeente)
    users = {}
    for rol in ("manager", "regisseur"):
        users[rol] = next(
            u for u in User.objects.filter(organisatie__gemeente=gemeente).order_by("pk") if rol in u.rollen
        )
    buurt = Buurt.objects.filter(gemeente=gemeente).order_by("code").first()
    wijk = f"WK{buurt.code[2:8]}"
    fenomeen = Fenomeen.objects.filter(gemeente=gemeente).order_by("code").first()
    today = timezone.localdate()
    van36 = add_months(first_of_month(today), -35).strftime("%Y-%m")
    filters = {
        "standaard": {},
        "36 maanden": {"van": van36},
        "buurt": {"buurt": buurt.code},
        "wijk": {"wijk": wijk},
        "fenomeen": {"fenomeen": fenomeen.code},
        "wijk+fenomeen 36 mnd": {"wijk": wijk, "fenomeen": fenomeen.code, "van": van36},
    }
    print(
        f"{connection.vendor} {connection.Database.__name__}; {Signaal.objects.filter(gemeente=gemeente).count()} "
        f"signals; buurt {buurt.code}, wijk {wijk}, fenomeen {fenomeen.code}; {args.runs} runs"
    )

    results = []

    def measure(label, client, path, params):
        def get():
            response = client.get(path, params, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"{path} {params}: {response.status_code}")

        get()
        times, queries = [], []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                get()
                times.append(time.perf_counter() - started)
            queries.append(len(captured.captured_queries))
        row = (label, statistics.median(times) * 1000, p95(times) * 1000, max(queries))
        results.append(row)
        print(f"  {label:<58} {row[1]:7.1f} ms {row[2]:7.1f} ms {row[3]:4d} q", flush=True)

    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False):
        settings.DEBUG = False
        for rol, user in users.items():
            client = Client()
            _force_login_verified(client, user)
            print(f"As {rol} ({user.username}):")
            for filter_label, params in filters.items():
                for naam in FIGUREN:
                    measure(f"{rol} api {naam} [{filter_label}]", client, f"/api/v1/cijfers/{naam}", params)
                for dashboard, path in (
                    ("signalen", "/regie-op-resultaat/"),
                    ("casussen", "/regie-op-resultaat/casussen/"),
                ):
                    measure(f"{rol} dashboard {dashboard} [{filter_label}]", client, path, params)
            for formaat in ("csv", "xlsx"):
                measure(
                    f"{rol} api signalen {formaat} [36 maanden]",
                    client,
                    "/api/v1/cijfers/signalen",
                    {**filters["36 maanden"], "formaat": formaat},
                )
    worst = max(results, key=lambda row: row[2])
    print(f"Slowest p95: {worst[0]} {worst[2]:.1f} ms")
    if not args.geen_controle:
        started = time.perf_counter()
        call_command("cijfers", "--controleer", "--gemeente", args.gemeente)
        print(f"Check against a direct count took {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
