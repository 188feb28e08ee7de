"""Measure profiles and networks (page, API, export) on a large database.

    .venv/bin/python scripts/benchmark_netwerk.py [--signalen N] [--runs K] [--postgres | --database-url URL]
    .venv/bin/python scripts/benchmark_netwerk.py --existing --database-url URL --data-dir DIR  # seeded elsewhere

Without ``--existing`` a new database is made (SQLite in a temporary data folder, the empty database at
``--database-url``, or with ``--postgres`` a throwaway PostgreSQL cluster, as ``scripts/benchmark.py`` does),
migrated, seeded with the default demo, and then N synthetic signals are bulk-inserted into the first gemeente with
persons, addresses, companies, vehicles, registrations, relations and cases. One address is busy: 0.2 % of the
signals mention it and 300 persons are registered there. With ``--existing`` nothing is added: the busiest address
of the demo user ``regisseur``'s gemeente is used.

Requests are made in-process with Django's test client as the demo users, under the production settings (DEBUG
off). Per measurement: median and p95 wall time over K runs after one warm-up run, and the SQL queries of a run.
The script prints a Markdown section; ``--write`` puts it into docs/benchmarks.md (replacing the section with the
same heading).
"""

import argparse
import datetime as dt
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import benchmark  # noqa: E402 - the shared helpers of scripts/benchmark.py (cluster, machine, measuring)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--signalen", type=int, default=200_000, metavar="N", help="synthetic signals (default 200000)")
    parser.add_argument("--runs", type=int, default=20, metavar="K", help="measured runs per request (default 20)")
    parser.add_argument("--existing", action="store_true", help="measure an existing, seeded database as it is")
    database = parser.add_mutually_exclusive_group()
    database.add_argument("--database-url", metavar="URL", help="the database to use instead of a new SQLite one")
    database.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL cluster")
    parser.add_argument("--pg-bin", metavar="DIR", help="PostgreSQL binaries (default: newest /usr/lib/postgresql/*)")
    parser.add_argument(
        "--data-dir", type=Path, help="with --existing: the data folder holding that database's keys (else a new one)"
    )
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if args.existing and not args.database_url:
        parser.error("--existing needs --database-url")
    return args


# --- Synthetic data ------------------------------------------------------------------------------------------------


def bulk_world(gemeente, regisseur, organisatie, signalen: int, seed: int = 20260) -> dict:
    """N signals with their subjects, registrations, relations and cases, bulk-inserted. Returns counts."""
    from django.db import transaction
    from django.utils import timezone

    from regiekamer.casussen.models import Betrokkene, Casus
    from regiekamer.signalen.models import Signaal
    from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie, Voertuig

    rng = random.Random(seed)
    batch = 5000
    n_personen, n_adressen = max(10, signalen // 2), max(5, signalen // 4)
    n_bedrijven, n_voertuigen = max(2, signalen // 50), max(2, signalen // 50)
    now = timezone.now()

    def chunks(objects, model):
        for start in range(0, len(objects), batch):
            model.objects.bulk_create(objects[start : start + batch], batch_size=batch)

    with transaction.atomic():
        personen = [
            Persoon(
                gemeente=gemeente,
                voornamen=f"Voornaam{i}",
                achternaam=f"Synthetisch{i}",
                naam_sleutel=f"synthetisch{i}|voornaam{i}",
                geboortedatum=dt.date(1950 + i % 55, 1 + i % 12, 1 + i % 28),
            )
            for i in range(n_personen)
        ]
        chunks(personen, Persoon)
        adressen = [
            Adres(
                gemeente=gemeente,
                postcode=f"{8000 + i // 2000:04d}{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}",
                huisnummer=1 + i % 2000,
                straat="Synthetische straat",
                woonplaats="Benchmarkstad",
            )
            for i in range(n_adressen)
        ]
        chunks(adressen, Adres)
        bedrijven = [Rechtspersoon(gemeente=gemeente, naam=f"Bedrijf {i} B.V.") for i in range(n_bedrijven)]
        chunks(bedrijven, Rechtspersoon)
        voertuigen = [Voertuig(gemeente=gemeente, kenteken=f"ZZ{i:06d}") for i in range(n_voertuigen)]
        chunks(voertuigen, Voertuig)
        busy = adressen[0]

        def relatie(soort, **ends):
            return SubjectRelatie(gemeente=gemeente, soort=soort, **ends)

        relaties = []
        for index, persoon in enumerate(personen):
            adres = busy if index < 300 else rng.choice(adressen)
            relaties.append(
                SubjectRelatie(gemeente=gemeente, soort="ingeschreven-op", van_persoon=persoon, naar_adres=adres)
            )
        for _ in range(signalen // 20):
            a, b = rng.sample(personen, 2)
            relaties.append(relatie("familie", van_persoon=a, naar_persoon=b))
        for voertuig in voertuigen:
            relaties.append(
                SubjectRelatie(
                    gemeente=gemeente, soort="eigenaar", van_persoon=rng.choice(personen), naar_voertuig=voertuig
                )
            )
        for bedrijf in bedrijven:
            for persoon in rng.sample(personen, rng.randint(1, 2)):
                relaties.append(
                    SubjectRelatie(
                        gemeente=gemeente, soort="bestuurder", van_persoon=persoon, naar_rechtspersoon=bedrijf
                    )
                )
        chunks(relaties, SubjectRelatie)

        hot = personen[: max(1, n_personen // 20)]
        start = now - dt.timedelta(days=3 * 365)
        throughs = {
            "personen": (Signaal.personen.through, "persoon_id"),
            "adressen": (Signaal.adressen.through, "adres_id"),
            "rechtspersonen": (Signaal.rechtspersonen.through, "rechtspersoon_id"),
            "voertuigen": (Signaal.voertuigen.through, "voertuig_id"),
        }
        aantal_links = 0
        # In batches, so that a million signals never sit in memory at once.
        for first in range(0, signalen, batch):
            objects = [
                Signaal(
                    gemeente=gemeente,
                    nummer=f"SB-{i:08d}",
                    ontvangen_op=start + dt.timedelta(seconds=i * (3 * 365 * 86400) // signalen),
                    omschrijving="Synthetisch signaal voor de meting.",
                    melder_organisatie=organisatie,
                    status="geen-actie",
                    stap=2,
                )
                for i in range(first, min(first + batch, signalen))
            ]
            Signaal.objects.bulk_create(objects, batch_size=batch)
            links = {name: [] for name in throughs}
            for offset, signaal in enumerate(objects):
                i = first + offset
                gekozen = {
                    rng.choice(hot) if rng.random() < 0.2 else rng.choice(personen) for _ in range(rng.randint(1, 3))
                }
                links["personen"] += [(signaal.pk, p.pk) for p in gekozen]
                if i % 500 == 0:  # the busy address: 0.2 % of the signals
                    links["adressen"].append((signaal.pk, busy.pk))
                elif rng.random() < 0.7:
                    links["adressen"].append((signaal.pk, rng.choice(adressen).pk))
                if rng.random() < 0.1:
                    links["rechtspersonen"].append((signaal.pk, rng.choice(bedrijven).pk))
                if rng.random() < 0.1:
                    links["voertuigen"].append((signaal.pk, rng.choice(voertuigen).pk))
            for name, (through, column) in throughs.items():
                through.objects.bulk_create(
                    [through(signaal_id=s, **{column: o}) for s, o in links[name]], batch_size=batch
                )
                aantal_links += len(links[name])

        casussen = [
            Casus(
                gemeente=gemeente,
                nummer=f"CB-{i:07d}",
                titel=f"Synthetische casus {i}",
                aanpak="huishouden",
                regisseur=regisseur,
                geopend_op=start + dt.timedelta(days=i % 1000),
            )
            for i in range(signalen // 25)
        ]
        chunks(casussen, Casus)
        betrokkenen = []
        for casus in casussen:
            for persoon in rng.sample(personen, rng.randint(2, 5)):
                betrokkenen.append(Betrokkene(gemeente=gemeente, casus=casus, persoon=persoon))
            if rng.random() < 0.3:
                betrokkenen.append(Betrokkene(gemeente=gemeente, casus=casus, adres=rng.choice(adressen)))
        chunks(betrokkenen, Betrokkene)
    return {
        "signalen": signalen,
        "personen": n_personen,
        "adressen": n_adressen,
        "relaties": len(relaties),
        "koppelingen signaal–subject": aantal_links,
        "casussen": len(casussen),
        "betrokkenen": len(betrokkenen),
    }


# --- Measuring -----------------------------------------------------------------------------------------------------


def run(args):
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from regiekamer.accounts.models import User
    from regiekamer.analyse.pseudonyms import pseudonym
    from regiekamer.conftest import _force_login_verified
    from regiekamer.netwerk import selectors
    from regiekamer.subjects.models import Adres, Persoon

    database, version = benchmark.database_name_and_version(connection)
    print(f"{database} {version}")
    counts, seeding = {}, 0.0
    if not args.existing:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", force=True, verbosity=0)
        regisseur = User.objects.get(username="regisseur")
        print(f"Bulk-inserting {args.signalen:,} synthetic signals...")
        counts = bulk_world(regisseur.gemeente, regisseur, regisseur.organisatie, args.signalen)
        seeding = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"Seeded in {seeding:.1f} s: {counts}")
    users = {u.username: u for u in User.objects.filter(username__in=["regisseur", "analist"])}
    gemeente = users["regisseur"].gemeente
    if args.existing:
        from regiekamer.signalen.models import Signaal

        counts = {
            "signalen": Signaal.objects.filter(gemeente=gemeente).count(),
            "personen": Persoon.objects.filter(gemeente=gemeente).count(),
            "adressen": Adres.objects.filter(gemeente=gemeente).count(),
        }
    adres = Adres.objects.filter(gemeente=gemeente).annotate(n=Count("signalen")).order_by("-n", "pk").first()
    persoon = Persoon.objects.filter(gemeente=gemeente).annotate(n=Count("signalen")).order_by("-n", "pk").first()
    print(f"Busiest address: {adres.n} signals; busiest person: {persoon.n} signals")

    clients = {}
    for username, user in users.items():
        clients[username] = Client()
        _force_login_verified(clients[username], user)

    def get(username, path, params):
        def action():
            response = clients[username].get(path, params, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"GET {path} {params} as {username}: {response.status_code}")
            action.response = response

        return action

    def cold(action):
        """Forget the pseudonyms this process has seen, so that the start is found by a scan."""

        def run():
            selectors._BEKENDE_PSEUDONIEMEN.clear()
            action()
            run.response = action.response

        return run

    n_adressen = Adres.objects.filter(gemeente=gemeente).count()
    netwerk, api, export = reverse("netwerk:netwerk"), reverse("api:netwerk"), reverse("netwerk:export")
    adres_id, persoon_id = f"adres:{adres.pk}", f"persoon:{persoon.pk}"
    adres_pseudo = f"adres:{pseudonym(gemeente.pk, 'adres', adres.pk)}"
    measurements = [
        (f"Profile of the busiest address ({adres.n} signals)", get("regisseur", reverse(
            "netwerk:profiel", kwargs={"soort": "adres", "pk": adres.pk}), {})),
        ("Network page, busiest address, depth 1", get("regisseur", netwerk, {"subject": adres_id, "diepte": "1"})),
        ("Network page, busiest address, depth 2", get("regisseur", netwerk, {"subject": adres_id, "diepte": "2"})),
        ("Network page, busiest address, depth 3", get("regisseur", netwerk, {"subject": adres_id, "diepte": "3"})),
        ("API `GET /api/v1/netwerk`, busiest address, depth 2", get("regisseur", api, {"subject": adres_id})),
        ("GEXF export, busiest address, depth 2", get("regisseur", export, {"subject": adres_id, "formaat": "gexf"})),
        (f"Network page, busiest person ({persoon.n} signals), depth 2", get(
            "regisseur", netwerk, {"subject": persoon_id, "diepte": "2"})),
        ("API, analyst, busiest address by pseudonym, depth 2", get("analist", api, {"subject": adres_pseudo})),
        (f"The same, first use of the pseudonym (scan of {n_adressen:,} addresses)", cold(
            get("analist", api, {"subject": adres_pseudo}))),
    ]  # fmt: skip
    print(f"\n  {'':<62} {'median':>9} {'p95':>9} {'queries':>7}")
    load_before = os.getloadavg()[0]
    rows = []
    for name, action in measurements:
        row = benchmark.measure(name, action, args.runs, connection)
        data = action.response
        if "json" in data.get("Content-Type", ""):
            body = data.json()
            capped = ", capped" if body["begrensd"] else ""
            row["size"] = f"{len(body['nodes'])} nodes, {len(body['edges'])} edges{capped}"
        else:
            html = data.content.decode()
            found = re.search(r"(\d+) subjecten? · (\d+) verbinding", html)
            row["size"] = f"{found[1]} nodes, {found[2]} edges" if found else ""
            if found and 'id="begrensd"' in html:
                row["size"] += ", capped"
        rows.append(row)
    load = (load_before, os.getloadavg()[0])
    return {"database": database, "version": version, "counts": counts, "seeding": seeding, "rows": rows, "load": load}


def section(args, result, info):
    if args.existing:
        scale = f"{result['counts']['signalen']:,} signals (existing database)"
    else:
        scale = f"{args.signalen:,} synthetic signals"
    lines = [
        f"## Networks: {result['database']}, {scale}",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; `scripts/benchmark_netwerk.py`",
        f"- Machine: {info['cpu']}, {info['ram']} RAM; {info['os']}; Python {info['python']}",
        f"- Database: {result['database']} {result['version']}",
    ]
    if result["counts"]:
        loaded = "" if args.existing else f" ({result['seeding']:.0f} s to load)"
        lines.append(
            f"- Data of the first gemeente{loaded}: "
            + ", ".join(f"{n:,} {what}" for what, n in result["counts"].items())
        )
    lines += [
        f"- Runs per request: {args.runs}, after one warm-up run; load average (1 min) {result['load'][0]:.1f} before "
        f"and {result['load'][1]:.1f} after the measurements",
        "",
        "| Measurement | Median | p95 | Queries | Network |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['name']} | {benchmark.format_ms(row['median'])} | {benchmark.format_ms(row['p95'])} | "
            f"{benchmark.format_queries(row['queries'])} | {row['size']} |"
        )
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="regiekamer-bench-netwerk."))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regiekamer.conf.settings",
            "REGIEKAMER_DATA_DIR": str(data_dir),
            "ALLOWED_HOSTS": "testserver",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in ("REGIEKAMER_DEMO", "DEBUG", "DATABASE_URL"):
        os.environ.pop(name, None)
    info = benchmark.machine()
    try:
        if args.postgres:
            with benchmark.postgres_cluster(benchmark.pg_bin_dir(args.pg_bin)) as url:
                os.environ["DATABASE_URL"] = url
                result = run(args)
                from django.db import connections

                connections.close_all()
        else:
            if args.database_url:
                os.environ["DATABASE_URL"] = args.database_url
            result = run(args)
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)
    text = section(args, result, info)
    print()
    print(text)
    if args.write:
        heading = text.splitlines()[0]
        benchmark.write_doc(benchmark.DOC, heading, text)
        print(f"Updated {benchmark.DOC}")


if __name__ == "__main__":
    main()
