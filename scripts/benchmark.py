"""Measure the main pages, the API, one intake and the maintenance commands on a freshly seeded demo database.

    .venv/bin/python scripts/benchmark.py [--scale N] [--runs K] [--database-url URL | --postgres]
    .venv/bin/python scripts/benchmark.py --scale N --existing --database-url URL --data-dir DIR

A new data folder and database are made (SQLite in the data folder by default; the empty database at
``--database-url``; or, with ``--postgres``, a throwaway PostgreSQL cluster started here the way scripts/test.sh
does), migrated and seeded with ``seed_demo --scale N``. Pages are then requested in-process with Django's test
client, logged in as the demo users (second login step passed as in the test fixtures), under the production
settings (DEBUG off). With ``--existing`` the database at ``--database-url`` was seeded before (``seed_demo --scale
N`` with the data folder ``--data-dir``, whose keys decrypt it) and is measured as it is. Per measurement: median
and p95 wall time over K runs after one warm-up run, and the number of SQL queries. The results replace the
section for the same database and scale in docs/benchmarks.md.
"""

import argparse
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
PG_OPTIONS = "-c listen_addresses=''"

DOC_INTRO = """# Benchmarks

Measured with `scripts/benchmark.py` on a freshly migrated database seeded with `regiekamer seed_demo --scale N`
(up to 300: N signals for the first gemeente through the service layer; beyond the default demo's 320: N signals in
all, the rest from the synthetic bulk loader, see "A load-test database" in docs/operations.md). Pages are requested
in-process with Django's test client under the production settings (DEBUG off), in a process prepared as the WSGI
entry point prepares a server's (`core/runtime.py`: lazily loaded modules loaded, the objects alive at start frozen
out of the garbage collector), so the times include the middleware, the view, the processing log and the template,
but no web server or network. Each row: one warm-up request, then the
median and 95th percentile wall time over the runs, and the SQL queries of one request (a range when the runs differ).
Detail pages use the heaviest records of the first gemeente (most signals per case and per person, most wegingen
per signal; ties are broken by id, so those query counts can differ by one or two between runs). The processing log
grows during a run, as every page logs what it shows.

Rerun after changes that touch the pages below and compare with the same machine, database and scale:

```bash
.venv/bin/python scripts/benchmark.py --scale 5000             # SQLite
.venv/bin/python scripts/benchmark.py --scale 5000 --postgres  # a throwaway PostgreSQL cluster
```
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000, metavar="N", help="seed_demo --scale N (default 1000)")
    parser.add_argument("--runs", type=int, default=20, metavar="K", help="measured runs per page (default 20)")
    parser.add_argument(
        "--command-runs", type=int, default=3, metavar="K", help="measured runs of the management commands (default 3)"
    )
    database = parser.add_mutually_exclusive_group()
    database.add_argument("--database-url", metavar="URL", help="an empty database to use instead of SQLite")
    database.add_argument(
        "--postgres", action="store_true", help="start a throwaway PostgreSQL cluster (needs initdb and pg_ctl)"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the database at --database-url as it is (seeded before with the data folder --data-dir)",
    )
    parser.add_argument("--data-dir", type=Path, help="with --existing: the data folder the database was seeded with")
    parser.add_argument("--pg-bin", metavar="DIR", help="PostgreSQL binaries (default: newest /usr/lib/postgresql/*)")
    parser.add_argument("--output", type=Path, default=DOC, help="Markdown file to update (default docs/benchmarks.md)")
    parser.add_argument("--no-write", action="store_true", help="only print the results")
    parser.add_argument(
        "--only",
        metavar="REGEX",
        help="measure only the rows whose name matches, then check the figures; no commands, nothing written",
    )
    args = parser.parse_args()
    if args.scale < 1 or args.runs < 1 or args.command_runs < 1:
        parser.error("--scale, --runs and --command-runs must be positive")
    if args.existing and not (args.database_url and args.data_dir):
        parser.error("--existing needs --database-url and --data-dir")
    return args


# --- A throwaway PostgreSQL cluster ---------------------------------------------------------------------------------


def pg_bin_dir(given):
    if given:
        return Path(given)
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)]
    )
    if not found:
        sys.exit("No PostgreSQL binaries in /usr/lib/postgresql; install postgresql or pass --pg-bin.")
    return found[-1]


@contextmanager
def postgres_cluster(bin_dir):
    """A cluster on a Unix socket in a new folder; as root it belongs to the postgres system user (initdb refuses
    root). Default durability settings: only TCP is turned off. Yields the database URL."""
    pg_dir = Path(tempfile.mkdtemp(prefix="regiekamer-bench-pg."))
    as_pg = []
    if os.getuid() == 0:
        shutil.chown(pg_dir, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]

    # The commands are the PostgreSQL binaries with arguments made here, never user input.
    def run(*command):
        subprocess.run([*as_pg, *command], check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    data = pg_dir / "data"
    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(pg_dir / "server.log"), "-w", "-o",
            f"-k {pg_dir} {PG_OPTIONS}", "start")  # fmt: skip
        run(str(bin_dir / "createdb"), "-h", str(pg_dir), "-U", "postgres", "regiekamer")
        yield f"postgres://postgres@{urllib.parse.quote(str(pg_dir), safe='')}/regiekamer"
    finally:
        subprocess.run(  # noqa: S603
            [*as_pg, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(pg_dir, ignore_errors=True)


# --- Machine ----------------------------------------------------------------------------------------------------------


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    cpu = f"{models[0].strip()} × {len(models)}" if models else (platform.processor() or platform.machine())
    mhz = re.search(r"^cpu MHz\s*:\s*([\d.]+)", cpuinfo, re.M)
    if mhz:
        cpu += f" ({float(mhz.group(1)) / 1000:.1f} GHz)"
    ram = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.M)
        if match:
            ram = f"{int(match.group(1)) / 1024 / 1024:.1f} GiB"
    os_name = platform.platform()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', os_release.read_text(), re.M)
        if match:
            os_name = f"{match.group(1)} (Linux {platform.release()})"
    return {"cpu": cpu, "ram": ram, "os": os_name, "python": platform.python_version()}


def database_name_and_version(connection):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return "PostgreSQL", cursor.fetchone()[0].split()[0]
    if connection.vendor == "sqlite":
        import sqlite3

        return "SQLite", sqlite3.sqlite_version
    return connection.vendor, ""


# --- Measuring ----------------------------------------------------------------------------------------------------


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def measure(name, action, runs, connection):
    """One warm-up call, then ``runs`` timed calls, each counting its queries."""
    from django.test.utils import CaptureQueriesContext

    action()
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        queries.append(len(captured.captured_queries))
    row = {
        "name": name,
        "median": statistics.median(times),
        "p95": p95(times),
        "queries": (min(queries), max(queries)),
    }
    print(f"  {name:<62} {format_ms(row['median']):>9} {format_ms(row['p95']):>9} {format_queries(row['queries']):>7}")
    return row


def format_ms(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def format_queries(span):
    low, high = span
    return str(low) if low == high else f"{low}–{high}"


def run_benchmark(args):
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from regiekamer.accounts.models import User
    from regiekamer.casussen.models import Casus
    from regiekamer.conftest import _force_login_verified
    from regiekamer.core.runtime import prepare_server_process
    from regiekamer.protocol.models import Weging
    from regiekamer.signalen.models import Fenomeen, Signaal
    from regiekamer.signalen.services import SignaalInvoer, report_signaal
    from regiekamer.subjects.models import Persoon
    from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

    load_at_start = os.getloadavg()[0]
    database, database_version = database_name_and_version(connection)
    print(f"{database} {database_version}, data folder {os.environ['REGIEKAMER_DATA_DIR']}")
    seeding, phases = None, None
    if not args.existing:
        call_command("migrate", verbosity=0)
        print(f"Seeding the demo at scale {args.scale}...")
        started = time.perf_counter()
        seed_output = io.StringIO()
        call_command("seed_demo", scale=args.scale, force=True, stdout=seed_output)
        seeding = time.perf_counter() - started
        # Beyond the default demo the bulk loader reports its phases (seed_demo's output).
        phases = re.search(r"^Default demo .*$", seed_output.getvalue(), re.M)
    counts = {
        "signalen": Signaal.objects.count(),
        "casussen": Casus.objects.count(),
        "personen": Persoon.objects.count(),
    }
    from regiekamer.audit.models import Verwerking

    counts["wegingen"] = Weging.objects.count()
    counts["verwerkingen"] = Verwerking.objects.count()
    print(f"Seeded in {seeding:.1f} s: {counts}" if seeding is not None else f"Existing database: {counts}")

    names = ["regisseur", "analist", "privacyfunctionaris", "manager", "wijkagent", "partnerprofessional"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    reporter = User.objects.get(username="partnerprofessional")
    gemeente = users["regisseur"].gemeente

    def client_for(username):
        client = Client()
        _force_login_verified(client, users[username])
        return client

    clients = {username: client_for(username) for username in users}

    # The heaviest records of the first gemeente: most signals per person and case, most steps per signal.
    persoon = (
        Persoon.objects.filter(gemeente=gemeente).annotate(n=Count("signalen")).order_by("-n", "achternaam").first()
    )
    casus = Casus.objects.filter(gemeente=gemeente).annotate(n=Count("signalen")).order_by("-n", "pk").first()
    signaal = Signaal.objects.filter(gemeente=gemeente).annotate(n=Count("wegingen")).order_by("-n", "pk").first()
    # The same filter at every scale, so that query counts compare.
    fenomeen = Fenomeen.objects.get(gemeente=gemeente, code="hennepteelt")
    print(
        f"Person with most signals: {persoon.n}; case with most signals: {casus.n}; "
        f"signal with most wegingen: {signaal.n}"
    )

    def page(username, path, method="get", data=None, expected=200):
        client = clients[username]

        extra = {}
        if method == "post" and path.startswith("/api/"):
            extra = {"data": json.dumps(data), "content_type": "application/json"}
        else:
            extra = {"data": data}

        def action():
            response = getattr(client, method)(path, secure=True, **extra)
            if response.status_code != expected:
                raise SystemExit(f"{method.upper()} {path} as {username}: {response.status_code}, not {expected}")

        return action

    intake_number = iter(range(10**6))

    def letters(number):
        # A name holds letters only (names with digits are refused at intake).
        text = ""
        while True:
            number, rest = divmod(number, 26)
            text = "abcdefghijklmnopqrstuvwxyz"[rest] + text
            if not number:
                return text.capitalize()

    def intake():
        n = next(intake_number)
        report_signaal(
            reporter,
            SignaalInvoer(
                omschrijving="Lampen en potgrond naar binnen gedragen, sterke hennepgeur bij de achterdeur.",
                fenomenen=["hennepteelt"],
                indicatoren=["lampen-planten"],
                personen=[
                    PersoonGegevens(
                        voornamen="Bram",
                        achternaam=f"Benchmark {letters(n)}",
                        geboortedatum=dt.date(1985, 3, 1 + n % 28),
                    )
                ],
                adressen=[AdresGegevens(postcode="9901AB", huisnummer=100 + n)],
            ),
        )

    zoekterm = persoon.achternaam
    measurements = [
        ("Werkvoorraad `/signalen/`, first page (regisseur)", page("regisseur", reverse("signalen:werkvoorraad"))),
        (
            f"Werkvoorraad filtered: fenomeen {fenomeen.code}, closed included, page 2",
            page(
                "regisseur",
                reverse("signalen:werkvoorraad") + f"?fenomeen={fenomeen.code}&afgerond=on&page=2",
            ),
        ),
        ("Search `/zoeken/` on a surname (regisseur)", page("regisseur", reverse("zoeken"), "post", {"q": zoekterm})),
        ("Case list `/casussen/` (regisseur)", page("regisseur", reverse("casussen:lijst"))),
        ("Start page `/start/` (regisseur)", page("regisseur", reverse("casussen:start"))),
        (f"Case detail, case with {casus.n} signals", page("regisseur", reverse("casussen:detail", args=[casus.pk]))),
        (
            f"Signal detail, signal with {signaal.n} wegingen",
            page("regisseur", reverse("signalen:detail", args=[signaal.pk])),
        ),
        ("API `GET /api/v1/signalen`, first page (regisseur session)", page("regisseur", reverse("api:signalen"))),
        ("Analysis `/analyse/` (analist)", page("analist", reverse("analyse:lijst"))),
        (
            f"Inzage report of the person with {persoon.n} signals",
            page("regisseur", reverse("inzage:rapport", args=[persoon.pk])),
        ),
        (
            "`/verwerkingen/` person search on a surname (privacyfunctionaris)",
            page("privacyfunctionaris", reverse("audit:verwerkingen"), "post", {"naam": zoekterm}),
        ),
        (
            "`/verwerkingen/` log of that person (privacyfunctionaris)",
            page("privacyfunctionaris", reverse("audit:verwerkingen"), "post", {"persoon": str(persoon.pk)}),
        ),
        ("Actions `/acties/` (wijkagent)", page("wijkagent", reverse("casussen:acties"))),
        ("API `GET /api/v1/casussen`, first page (regisseur session)", page("regisseur", reverse("api:casussen"))),
        (
            "API `GET /api/v1/interventies`, first page (regisseur session)",
            page("regisseur", reverse("api:interventies")),
        ),
        (
            "API `GET /api/v1/mijn-meldingen`, first page (partnerprofessional)",
            page("partnerprofessional", reverse("api:mijn-meldingen")),
        ),
        (
            "API `POST /api/v1/zoeken` on a surname (regisseur session)",
            page("regisseur", reverse("api:zoeken"), "post", {"zoekterm": zoekterm}),
        ),
        (
            f"API `GET /api/v1/signalen/<id>/wegingen`, signal with {signaal.n} wegingen",
            page("regisseur", reverse("api:signaal-wegingen", args=[signaal.pk])),
        ),
        (
            f"API `GET /api/v1/casussen/<id>/plan`, case with {casus.n} signals",
            page("regisseur", reverse("api:casus-plan", args=[casus.pk])),
        ),
        ("Intake: one `report_signaal` (service call)", intake),
        *insight_measurements(page, gemeente),
    ]
    if args.only:
        measurements = [(name, action) for name, action in measurements if re.search(args.only, name)]
    # The process as the WSGI entry point leaves a server's (regiekamer.conf.wsgi): lazily loaded modules loaded,
    # the objects alive at start frozen out of the garbage collector's full collections.
    prepare_server_process()
    print(f"\n  {'':<62} {'median':>9} {'p95':>9} {'queries':>7}")
    rows = [measure(name, action, args.runs, connection) for name, action in measurements]

    def command(*arguments):
        def action():
            call_command(*arguments, stdout=io.StringIO(), stderr=io.StringIO())

        return action

    checks = insight_checks(users["regisseur"])
    print(f"Figures: {checks}")
    if args.only:
        return None
    verwerkingen_now = Verwerking.objects.count()
    command_rows = [
        measure(
            f"`regiekamer audit verify` ({verwerkingen_now:,} log entries)",
            command("audit", "verify"),
            args.command_runs,
            connection,
        ),  # fmt: skip
        measure("`regiekamer rotate_keys --check`", command("rotate_keys", "--check"), args.command_runs, connection),
    ]
    return {
        "database": database,
        "database_version": database_version,
        "seeding": seeding,
        "phases": phases.group(0) if phases else "",
        "existing": args.existing,
        "counts": counts,
        "rows": rows,
        "command_rows": command_rows,
        "checks": checks,
        "load": (load_at_start, os.getloadavg()[0]),
    }


def busiest_buurt(gemeente):
    """The buurt with most signals, and that number."""
    from django.db.models import Count

    from regiekamer.signalen.models import Signaal
    from regiekamer.subjects.models import Buurt

    busiest = (
        Signaal.objects.filter(gemeente=gemeente, buurt__isnull=False)
        .values("buurt")
        .annotate(n=Count("id"))
        .order_by("-n", "buurt")
        .first()
    )
    return Buurt.objects.get(pk=busiest["buurt"]), busiest["n"]


def insight_measurements(page, gemeente):
    """The insight layer: map, area view, hotspots, a network from the busiest address, the dashboards and every
    figure, and the ondermijningsbeeld of the busiest buurt (the buurt and address with most signals)."""
    from django.db.models import Count
    from django.urls import reverse

    from regiekamer.inzicht.selectors import FIGUREN
    from regiekamer.subjects.models import Adres

    buurt, signalen = busiest_buurt(gemeente)
    wijk = f"WK{buurt.code[2:8]}"
    adres = Adres.objects.filter(gemeente=gemeente).annotate(n=Count("signalen")).order_by("-n", "pk").first()
    print(f"Busiest buurt {buurt.code}: {signalen} signals; busiest address: {adres.n} signals")
    subject = f"adres:{adres.pk}"
    rows = [
        ("Map `/kaart/` (regisseur)", page("regisseur", reverse("gebieden:kaart"))),
        (
            "Map per buurt: API `GET /api/v1/gebieden?niveau=buurt` (regisseur)",
            page("regisseur", reverse("api:gebieden") + "?niveau=buurt"),
        ),
        (
            "Map per wijk, suppressed: API `GET /api/v1/gebieden?niveau=wijk` (manager)",
            page("manager", reverse("api:gebieden") + "?niveau=wijk"),
        ),
        (
            f"Area view `/gebieden/<code>/`, busiest buurt ({signalen:,} signals; manager)",
            page("manager", reverse("gebieden:gebiedsbeeld", args=[buurt.code])),
        ),
        ("Area view of its wijk (manager)", page("manager", reverse("gebieden:gebiedsbeeld", args=[wijk]))),
        ("Hotspots `/hotspots/` (regisseur)", page("regisseur", reverse("gebieden:hotspots"))),
        ("API `GET /api/v1/hotspots` (regisseur)", page("regisseur", reverse("api:hotspots"))),
        (
            f"Network depth 2 from the busiest address ({adres.n:,} signals): API `GET /api/v1/netwerk` (regisseur)",
            page("regisseur", reverse("api:netwerk") + f"?subject={subject}&diepte=2"),
        ),
        (
            "Network page `/netwerk/`, the same address, depth 2 (regisseur)",
            page("regisseur", reverse("netwerk:netwerk") + f"?subject={subject}&diepte=2"),
        ),
        ("Dashboard `/regie-op-resultaat/` (manager)", page("manager", reverse("inzicht:signalen"))),
        ("Dashboard `/regie-op-resultaat/casussen/` (manager)", page("manager", reverse("inzicht:casussen"))),
        ("Dashboard `/regie-op-resultaat/` (regisseur)", page("regisseur", reverse("inzicht:signalen"))),
    ]
    rows += [
        (f"API `GET /api/v1/cijfers/{naam}` (manager)", page("manager", reverse("api:cijfers", args=[naam])))
        for naam in FIGUREN
    ]
    rows += [
        (
            "API `GET /api/v1/cijfers/signalen?formaat=xlsx` (manager)",
            page("manager", reverse("api:cijfers", args=["signalen"]) + "?formaat=xlsx"),
        ),
        (
            f"Ondermijningsbeeld page of the busiest buurt {buurt.code} (manager)",
            page("manager", reverse("ondermijningsbeeld:rapport", args=[buurt.code])),
        ),
        (
            "Ondermijningsbeeld PDF of the busiest buurt: API `GET /api/v1/ondermijningsbeeld?formaat=pdf` (manager)",
            page("manager", reverse("api:ondermijningsbeeld") + f"?gebied={buurt.code}&formaat=pdf"),
        ),
        (
            "Ondermijningsbeeld of the whole gemeente, HTML (manager)",
            page("manager", reverse("api:ondermijningsbeeld") + f"?gebied={gemeente.cbs_code}&formaat=html"),
        ),
    ]
    return rows


def insight_checks(regisseur):
    """Every area figure measured above against a direct count of the source tables, and every summary cell behind
    the figures and the area pages against the commands' own direct count (scripts/gebieden_meting.py)."""
    from gebieden_meting import controleer

    from regiekamer.signalen.models import Fenomeen

    gemeente = regisseur.gemeente
    buurt, signalen = busiest_buurt(gemeente)
    fenomeen = Fenomeen.objects.get(gemeente=gemeente, code="hennepteelt")
    started = time.perf_counter()
    differences = controleer(regisseur, buurt.code, f"WK{buurt.code[2:8]}", fenomeen.code)
    seconds = time.perf_counter() - started
    for difference in differences[:20]:
        print(f"  DIFFERENCE: {difference}")
    verdict = (
        "every figure equal to a direct count"
        if not differences
        else f"{len(differences)} differences from a direct count"
    )
    return f"{verdict} (map, area views, hotspots, and every summary cell of figures and areas; {seconds:.0f} s)"


# --- The Markdown file ------------------------------------------------------------------------------------------------


def section(args, result, info):
    database = result["database"]
    lines = [
        f"## {database}, scale {args.scale}",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {info['cpu']}, {info['ram']} RAM; {info['os']}; Python {info['python']}; load average "
        f"{result['load'][0]:.1f} at the start, {result['load'][1]:.1f} at the end (1 minute)",
        f"- Database: {database} {result['database_version']}"
        + (" (throwaway local cluster, default settings, Unix socket)" if args.postgres else ""),
        (
            f"- Seeding (`seed_demo --scale {args.scale}`): {result['seeding']:.1f} s; "
            if result["seeding"] is not None
            else f"- Seeded before (`seed_demo --scale {args.scale}`, see the seeding section); "
        )
        + ", ".join(f"{n:,} {what}" for what, n in result["counts"].items()),
        *([f"- Seeding phases: {result['phases']}"] if result.get("phases") else []),
        f"- Figures: {result['checks']}",
        f"- Runs per page: {args.runs} (commands: {args.command_runs}), after one warm-up run",
        "",
        "| Measurement | Median | p95 | Queries |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in result["rows"] + result["command_rows"]:
        lines.append(
            f"| {row['name']} | {format_ms(row['median'])} | {format_ms(row['p95'])} | "
            f"{format_queries(row['queries'])} |"
        )
    return "\n".join(lines) + "\n"


def write_doc(path, heading, text):
    """Replace the section with the same heading (database and scale), or add it; keep the others."""
    content = path.read_text() if path.exists() else DOC_INTRO
    parts = re.split(r"(?m)^(?=## )", content)
    intro, sections = parts[0], parts[1:]
    for index, existing in enumerate(sections):
        if existing.splitlines()[0].strip() == heading:
            sections[index] = text + "\n"
            break
    else:
        sections.append(text + "\n")
    if not intro.endswith("\n\n"):
        intro = intro.rstrip("\n") + "\n\n"
    body = "".join(part.rstrip("\n") + "\n\n" for part in sections)
    path.write_text((intro + body).rstrip("\n") + "\n")


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    data_dir = args.data_dir.resolve() if args.existing else Path(tempfile.mkdtemp(prefix="regiekamer-bench."))
    # Production settings (DEBUG off); the test client's host; no mail from the services' notifications.
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
    info = machine()
    try:
        if args.postgres:
            with postgres_cluster(pg_bin_dir(args.pg_bin)) as url:
                os.environ["DATABASE_URL"] = url
                result = run_benchmark(args)
                from django.db import connections

                connections.close_all()
        else:
            if args.database_url:
                os.environ["DATABASE_URL"] = args.database_url
            result = run_benchmark(args)
    finally:
        if not args.existing:
            shutil.rmtree(data_dir, ignore_errors=True)
    if result is None:
        return
    text = section(args, result, info)
    print()
    print(text)
    if not args.no_write:
        write_doc(args.output, f"## {result['database']}, scale {args.scale}", text)
        print(f"Updated {args.output}")


if __name__ == "__main__":
    main()
