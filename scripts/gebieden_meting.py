"""Load a large synthetic area picture into PostgreSQL and time the map, the area view and the hotspots on it.

    export DATABASE_URL=postgres://... REGIEKAMER_DATA_DIR=...   # the database and the folder with its keys
    .venv/bin/regiekamer migrate && .venv/bin/regiekamer seed_demo       # a new database: the default demo first
    .venv/bin/python scripts/gebieden_meting.py --laad 1000000 --geen-meting   # then, once, a million signals
    .venv/bin/python scripts/gebieden_meting.py [--runs 20] [--alleen WORD] [--geen-controle] [--write]

``--laad N`` needs a migrated database with the default demo (``regiekamer migrate``, ``regiekamer seed_demo``: it
imports the demo boundaries) and adds N signals to the first gemeente with COPY: over the last 36 months, every
signal with one to three phenomena and a reporting organisation, most with one or two addresses (which have
coordinates inside the demo buurten and their buurt) and the buurt of their first address; a few hundred busy
addresses get 4 % of the signals from many organisations, with persons registered there (BRP); one buurt rises
over the last 90 days; older signals are mostly decided, recent ones open in steps 1-4 with a deadline; cases per
approach with linked signals and interventions. Then the summary counts are rebuilt (``regiekamer cijfers
--herbereken``), the area summaries too (``regiekamer gebiedstellingen --herbereken``) and the tables analysed.
It is a synthetic loader, not the intake path.

Without ``--laad`` nothing is written except what the pages write themselves (the processing log). Requests go
in-process through Django's test client under the production settings (DEBUG off), as the regisseur (addresses,
no suppression) and the manager (aggregates only, counts below 5 suppressed): the map page and ``GET
/api/v1/gebieden`` per buurt and per wijk for the default period (the last twelve months), 36 months and with a
phenomenon, status or approach filter; the area overview; the area view of the busiest buurt and of its wijk; the
hotspot page and ``GET /api/v1/hotspots``. Per row: one warm-up request, then the median and 95th percentile over the
runs, and the SQL queries of one request. Then the figures are compared with a direct count of the source tables,
written here independently of the selectors, and the summaries are checked (``regiekamer gebiedstellingen
--controleer`` and ``regiekamer cijfers --controleer``); ``--geen-controle`` skips that. ``--write`` puts the
Markdown section into docs/benchmarks.md.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

os.environ.setdefault("API_RATE_LIMIT", "1000000/minute")  # measure the work, not the throttle
os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # Django's test client

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiekamer.conf.settings")

import benchmark  # noqa: E402 - the shared helpers of scripts/benchmark.py (machine, database, writing the doc)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--laad", type=int, metavar="N", help="first add N synthetic signals (PostgreSQL only)")
    parser.add_argument("--gemeente", metavar="CBS", help="CBS code of the gemeente (default: the regisseur's)")
    parser.add_argument("--runs", type=int, default=20, metavar="K", help="measured runs per request (default 20)")
    parser.add_argument("--alleen", metavar="WOORD", help="only the measurements whose name contains this word")
    parser.add_argument("--geen-meting", action="store_true", help="only load (with --laad), do not measure")
    parser.add_argument("--geen-controle", action="store_true", help="skip the comparison with a direct count")
    parser.add_argument(
        "--heading", help="heading of the section (default: '## Areas: <database>, <n> signals, <gemeente>')"
    )
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    return parser.parse_args()


# --- Synthetic data ------------------------------------------------------------------------------------------------


def _copy(cursor, table: str, columns: str, rows) -> int:
    """COPY ``rows`` into ``table``; ``columns``: the column names, separated by spaces."""
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns.split())}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _encrypted(text: str) -> str:
    """One ciphertext, reused for every synthetic description (the column is encrypted text)."""
    from regiekamer.core import crypto

    return crypto.encrypt(text)


def _points_in(geometrie: str, aantal: int, rng: random.Random) -> list[tuple[float, float]]:
    import shapely

    shape = shapely.from_geojson(geometrie)
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    points: list[tuple[float, float]] = []
    while len(points) < aantal:
        lons = [rng.uniform(min_lon, max_lon) for _ in range(aantal)]
        lats = [rng.uniform(min_lat, max_lat) for _ in range(aantal)]
        inside = shapely.contains_xy(shape, lons, lats)
        points += [(lat, lon) for lat, lon, ok in zip(lats, lons, inside, strict=True) if ok]
    return points[:aantal]


def laad(gemeente, signalen: int, seed: int = 20261205, log=print) -> dict:
    """Bulk-load ``signalen`` synthetic signals with addresses, registrations, cases and interventions."""
    from django.db import connection, transaction
    from django.utils import timezone

    from regiekamer.accounts.models import Organisatie, User
    from regiekamer.casussen.models import InterventieSoort
    from regiekamer.gebieden.models import Buurtgrens
    from regiekamer.gebieden.toewijzing import actuele_indeling
    from regiekamer.protocol.machine import FINAL_STATUSES, STEP_OF_STATUS, Aanpak
    from regiekamer.signalen.models import Fenomeen

    if connection.vendor != "postgresql":
        sys.exit("--laad needs PostgreSQL (it uses COPY).")
    rng = random.Random(seed)
    now = timezone.now()
    started = time.monotonic()
    indeling = actuele_indeling(gemeente)
    if indeling is None:
        sys.exit("The gemeente has no boundaries: run `regiekamer seed_demo` (or import_gebieden) first.")
    grenzen = list(Buurtgrens.objects.filter(indeling=indeling, buurt__isnull=False).order_by("code"))
    buurt_ids = [g.buurt_id for g in grenzen]
    # Uneven buurten: the first is busiest; the last rises over the last 90 days.
    gewichten = [3.0, 2.0, 1.5, 1.2, 1.0, 1.0, 0.8, 0.5][: len(grenzen)] + [1.0] * max(0, len(grenzen) - 8)
    organisaties = list(Organisatie.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    fenomenen = list(Fenomeen.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    soorten = list(InterventieSoort.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    if not soorten:
        soorten = list(InterventieSoort.objects.values_list("pk", flat=True))
    regisseur = next(
        u for u in User.objects.filter(organisatie__gemeente=gemeente).order_by("pk") if "regisseur" in u.rollen
    )
    finals = sorted(FINAL_STATUSES)
    opens = sorted(STEP_OF_STATUS)
    omschrijving = _encrypted("Synthetisch signaal voor de meting.")
    bsn = _encrypted("")
    counts = {}
    g = gemeente.pk

    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        # Addresses: a fifth of the number of signals, with coordinates inside their buurt.
        n_adressen = max(100, signalen // 5)
        per_buurt = [round(n_adressen * w / sum(gewichten)) for w in gewichten]
        adressen = []  # (id, buurt id)
        rows = []
        nummer = 0
        for grens, aantal in zip(grenzen, per_buurt, strict=True):
            for lat, lon in _points_in(grens.geometrie, aantal, rng):
                adres_id = uuid.uuid4()
                adressen.append((adres_id, grens.buurt_id))
                postcode = f"{9000 + nummer // 5000:04d}{chr(65 + nummer // 26 % 26)}{chr(65 + nummer % 26)}"
                rows.append(
                    (
                        adres_id,
                        g,
                        grens.buurt_id,
                        postcode,
                        1 + nummer % 4000,
                        "",
                        "",
                        "Meetstraat",
                        "Meetstad",
                        lat,
                        lon,
                        now,
                    )
                )
                nummer += 1
        counts["adressen"] = _copy(
            cursor,
            "subjects_adres",
            (
                "id gemeente_id buurt_id postcode huisnummer huisletter toevoeging straat woonplaats latitude "
                "longitude aangemaakt_op"
            ),
            rows,
        )
        log(f"[{time.monotonic() - started:5.0f} s] {counts['adressen']:,} addresses")
        drukke = adressen[:: max(1, len(adressen) // 300)][:300]  # busy addresses, spread over the buurten

        # Persons registered at addresses (the BRP connector counts them): one per 10 signals, and 6-40 at each
        # busy address.
        personen, relaties = [], []
        for index in range(signalen // 10):
            persoon_id = uuid.uuid4()
            personen.append((persoon_id, g, f"Voornaam{index}", "", f"Meting{index}", bsn, f"meting{index}|v", "", now))
            adres = drukke[index % len(drukke)] if index < len(drukke) * 20 else rng.choice(adressen)
            relaties.append((uuid.uuid4(), g, "ingeschreven-op", "", persoon_id, adres[0]))
        counts["personen"] = _copy(
            cursor,
            "subjects_persoon",
            ("id gemeente_id voornamen tussenvoegsel achternaam bsn naam_sleutel bsn_index aangemaakt_op"),
            personen,
        )
        counts["inschrijvingen"] = _copy(
            cursor,
            "subjects_subjectrelatie",
            "id gemeente_id soort toelichting van_persoon_id naar_adres_id",
            relaties,
        )
        log(f"[{time.monotonic() - started:5.0f} s] {counts['personen']:,} persons registered at addresses")

        # Signals, with their phenomena and addresses.
        per_buurt_adressen = {}
        for adres in adressen:
            per_buurt_adressen.setdefault(adres[1], []).append(adres)
        periode = 3 * 365 * 86400
        stijger = buurt_ids[-1]
        signaal_rows, fenomeen_rows, adres_rows, gekoppeld = [], [], [], []

        def signaal(index):
            seconds_ago = rng.random() * periode
            eerste = None
            keuze = rng.random()
            if keuze < 0.04:
                adreslijst = [rng.choice(drukke)]
            elif keuze < 0.06 and seconds_ago < 90 * 86400:  # the rising buurt
                adreslijst = [rng.choice(per_buurt_adressen[stijger])]
            elif keuze < 0.90:
                adreslijst = [rng.choice(adressen)]
            elif keuze < 0.96:
                adreslijst = rng.sample(adressen, 2)
            else:
                adreslijst = []
            if adreslijst:
                eerste = adreslijst[0][1]
            elif keuze < 0.99:
                eerste = rng.choices(buurt_ids, gewichten)[0]  # a place without an address, buurt chosen
            ontvangen = now - dt.timedelta(seconds=seconds_ago)
            days = seconds_ago / 86400
            if days > 120 or rng.random() < 0.5:
                status, stap, termijn = rng.choice(finals), 0, None
                afgerond = min(now, ontvangen + dt.timedelta(days=rng.uniform(2, 100)))
            else:
                status = rng.choice(opens)
                stap, afgerond = STEP_OF_STATUS[status], None
                termijn = (ontvangen + dt.timedelta(days=rng.uniform(10, 60))).date()
            signaal_id = uuid.uuid4()
            drukte = keuze < 0.04
            organisatie = rng.choice(organisaties) if drukte or rng.random() < 0.3 else organisaties[index % 3]
            signaal_rows.append(
                (
                    signaal_id,
                    g,
                    f"SM-{index:08d}",
                    ontvangen,
                    omschrijving,
                    False,
                    "",
                    "",
                    status,
                    stap,
                    ontvangen,
                    termijn,
                    afgerond,
                    None,
                    now,
                    eerste,
                    organisatie,
                    "handhaving-en-ondermijning",
                )
            )
            aantal = 1 if rng.random() < 0.75 else (2 if rng.random() < 0.8 else 3)
            for fenomeen in rng.sample(fenomenen, aantal) if drukte or aantal > 1 else [fenomenen[index % 4]]:
                fenomeen_rows.append((signaal_id, fenomeen))
            for adres in dict.fromkeys(adreslijst):
                adres_rows.append((signaal_id, adres[0]))
            if rng.random() < 0.08:
                gekoppeld.append((signaal_id, eerste, ontvangen))

        kolommen = (
            "id gemeente_id nummer ontvangen_op omschrijving anoniem anonieme_bron locatie status stap "
            "stap_gestart_op termijn afgerond_op vernietigen_op bijgewerkt_op buurt_id melder_organisatie_id doel"
        )
        counts["signalen"] = counts["fenomeenkoppelingen"] = counts["adreskoppelingen"] = 0
        for first in range(0, signalen, 50_000):
            for index in range(first, min(signalen, first + 50_000)):
                signaal(index)
            counts["signalen"] += _copy(cursor, "signalen_signaal", kolommen, signaal_rows)
            counts["fenomeenkoppelingen"] += _copy(
                cursor, "signalen_signaal_fenomenen", "signaal_id fenomeen_id", fenomeen_rows
            )
            counts["adreskoppelingen"] += _copy(cursor, "signalen_signaal_adressen", "signaal_id adres_id", adres_rows)
            signaal_rows.clear(), fenomeen_rows.clear(), adres_rows.clear()
            log(f"[{time.monotonic() - started:5.0f} s] {counts['signalen']:,} signals")

        # Cases per approach, each opened from one to three of the signals picked above, and interventions.
        casus_rows, link_rows, interventie_rows = [], [], []
        aanpakken = [a.value for a in Aanpak]
        casus = None
        for index, (signaal_id, buurt_id, ontvangen) in enumerate(gekoppeld):
            if casus is None or rng.random() < 0.5:
                casus_id = uuid.uuid4()
                gesloten = ontvangen < now - dt.timedelta(days=365) or rng.random() < 0.3
                geopend = ontvangen + dt.timedelta(days=20)
                sluit = min(now, geopend + dt.timedelta(days=rng.uniform(30, 300))) if gesloten else None
                casus_rows.append(
                    (
                        casus_id,
                        g,
                        f"CM-{index:07d}",
                        "Synthetische casus",
                        omschrijving,
                        rng.choice(aanpakken),
                        "",
                        "gesloten" if gesloten else "open",
                        geopend,
                        sluit or geopend,
                        sluit,
                        "beeindigd" if gesloten else "",
                        "",
                        buurt_id,
                        regisseur.pk,
                        "handhaving-en-ondermijning",
                    )
                )
                casus = casus_id
                for _ in range(rng.randint(0, 3)):
                    status = rng.choice(["afgerond", "afgerond", "lopend", "gepland", "gestopt"])
                    moment = min(now, geopend + dt.timedelta(days=rng.uniform(5, 400)))
                    interventie_rows.append(
                        (
                            uuid.uuid4(),
                            g,
                            casus_id,
                            rng.choice(soorten),
                            rng.choice(organisaties),
                            omschrijving,
                            moment.date(),
                            status,
                            "",
                            "",
                            "",
                            geopend,
                            moment,
                            moment if status == "afgerond" else None,
                        )
                    )
            link_rows.append((uuid.uuid4(), g, casus, signaal_id, "overdracht", ontvangen + dt.timedelta(days=20)))
        counts["casussen"] = _copy(
            cursor,
            "casussen_casus",
            (
                "id gemeente_id nummer titel omschrijving aanpak herkomst status geopend_op laatste_activiteit_op "
                "gesloten_op sluitreden evaluatie buurt_id regisseur_id doel"
            ),
            casus_rows,
        )
        counts["casuskoppelingen"] = _copy(
            cursor,
            "casussen_casussignaal",
            ["id", "gemeente_id", "casus_id", "signaal_id", "soort", "gekoppeld_op"],
            link_rows,
        )
        counts["interventies"] = _copy(
            cursor,
            "casussen_interventie",
            (
                "id gemeente_id casus_id soort_id eigenaar_organisatie_id omschrijving deadline status resultaat "
                "impact_huishouden opvang_gevolgen aangemaakt_op bijgewerkt_op afgerond_op"
            ),
            interventie_rows,
        )
        log(
            f"[{time.monotonic() - started:5.0f} s] {counts['casussen']:,} cases, {counts['interventies']:,} "
            "interventions"
        )
    return counts


# --- Checking the figures against a direct count ------------------------------------------------------------------


def controleer(regisseur, buurt_code: str, wijk_code: str, fenomeen: str) -> list[str]:
    """Every measured figure against a count of the source tables made here (local dates, as the pages count), and
    the stored summaries against the commands' own direct count. Returns the differences found."""
    from django.core.management import call_command
    from django.db.models import Count, Q
    from django.db.models.functions import TruncDate, TruncMonth
    from django.utils import timezone

    from regiekamer.gebieden import selectors, tellingen
    from regiekamer.gebieden.selectors import GebiedFilter
    from regiekamer.protocol.machine import FINAL_STATUSES
    from regiekamer.signalen.models import Signaal
    from regiekamer.subjects.models import Adres, Buurt

    gemeente = regisseur.gemeente
    fouten = []
    vandaag = timezone.localdate()
    van, tot = selectors.standaard_periode()

    def begin(dag):
        return timezone.make_aware(dt.datetime.combine(dag, dt.time.min))

    def signalen(van=None, tot=None):
        rows = Signaal.objects.filter(gemeente=gemeente)
        if van:
            rows = rows.filter(ontvangen_op__gte=begin(van))
        if tot:
            rows = rows.filter(ontvangen_op__lt=begin(tot + dt.timedelta(days=1)))
        return rows

    # The map's counts per buurt for each measured filter.
    drie_jaar = vandaag - dt.timedelta(days=3 * 365)
    for label, filters, rows in [
        ("12 months", GebiedFilter(van=van, tot=tot), signalen(van, tot)),
        ("36 months", GebiedFilter(van=drie_jaar, tot=tot), signalen(drie_jaar, tot)),
        (
            "phenomenon",
            GebiedFilter(van=van, tot=tot, fenomeen=fenomeen),
            signalen(van, tot).filter(fenomenen__code=fenomeen),
        ),
        (
            "phenomenon 36 months",
            GebiedFilter(van=drie_jaar, tot=tot, fenomeen=fenomeen),
            signalen(drie_jaar, tot).filter(fenomenen__code=fenomeen),
        ),
        ("open", GebiedFilter(van=van, tot=tot, status="open"), signalen(van, tot).exclude(status__in=FINAL_STATUSES)),
        (
            "afgerond",
            GebiedFilter(van=van, tot=tot, status="afgerond"),
            signalen(van, tot).filter(status__in=FINAL_STATUSES),
        ),
        ("no period", GebiedFilter(), signalen()),
    ]:
        cijfers = selectors.signalen_per_gebied(regisseur, filters, log=False)
        direct = dict(rows.values_list("buurt_id").annotate(n=Count("id")).order_by())
        for gebied in cijfers.gebieden:
            if gebied.signalen != direct.get(gebied.buurt_ids[0], 0):
                fouten.append(f"map {label} {gebied.code}: {gebied.signalen} != {direct.get(gebied.buurt_ids[0], 0)}")
        if cijfers.totaal != sum(direct.values()):
            fouten.append(f"map {label} total: {cijfers.totaal} != {sum(direct.values())}")

    # The points of the default period: the top 2,000 addresses by their signals in the period.
    links = Signaal.adressen.through.objects.filter(signaal__in=signalen(van, tot).values("pk"))
    top = list(links.values_list("adres_id").annotate(n=Count("id")).order_by("-n", "adres_id")[: selectors.MAX_PUNTEN])
    met_punt = set(
        Adres.objects.filter(pk__in=[a for a, _n in top], latitude__isnull=False, longitude__isnull=False).values_list(
            "pk", flat=True
        )
    )
    punten = selectors.adressen_met_signalen(regisseur, GebiedFilter(van=van, tot=tot))
    if [(p.adres_id, p.signalen) for p in punten] != [(a, n) for a, n in top if a in met_punt]:
        fouten.append("points of the default period differ from the direct count")

    # The address hotspots: their figures over the window's local dates.
    venster = tellingen.actueel_venster(gemeente)
    hotspots, _regels = selectors.adres_hotspots(regisseur)
    ids = [h.adres_id for h in hotspots if h.signalen]
    direct = {
        a: (s, f, o)
        for a, s, f, o in Signaal.adressen.through.objects.filter(
            adres_id__in=ids, signaal__in=signalen(venster.van, venster.tot).values("pk")
        )
        .values_list("adres_id")
        .annotate(
            s=Count("signaal_id", distinct=True),
            f=Count("signaal__fenomenen", distinct=True),
            o=Count("signaal__melder_organisatie_id", distinct=True),
        )
        .order_by()
    }
    for h in hotspots:
        if h.signalen and (h.signalen, h.fenomenen, h.organisaties) != direct.get(h.adres_id):
            fouten.append(
                f"address hotspot {h.adres_id}: {(h.signalen, h.fenomenen, h.organisaties)} != {direct.get(h.adres_id)}"
            )

    # The area view of the busiest buurt and of its wijk: the 24-month trend, the last twelve months, open signals.
    for code in (buurt_code, wijk_code):
        beeld = selectors.gebiedsbeeld(regisseur, code)
        buurt_ids = list(
            Buurt.objects.filter(gemeente=gemeente)
            .filter(Q(code=code) | Q(wijk_code=code))
            .values_list("pk", flat=True)
        )
        rows = Signaal.objects.filter(gemeente=gemeente, buurt_id__in=buurt_ids)
        per_maand = {
            timezone.localtime(m).date() if isinstance(m, dt.datetime) else m: n
            for m, n in rows.filter(ontvangen_op__gte=begin(beeld.maanden[0]))
            .annotate(m=TruncMonth("ontvangen_op"))
            .values_list("m")
            .annotate(n=Count("id"))
            .order_by()
        }
        from regiekamer.core.onderdrukking import onderdruk

        if beeld.trend[0][1] != [onderdruk(per_maand.get(m, 0)) for m in beeld.maanden]:
            fouten.append(f"area view {code}: trend differs")
        recent = rows.filter(ontvangen_op__gte=begin(van), ontvangen_op__lt=begin(tot + dt.timedelta(days=1))).count()
        if beeld.signalen != onderdruk(recent):
            fouten.append(f"area view {code}: {beeld.signalen} signals != {recent}")
        if beeld.open_signalen != onderdruk(rows.exclude(status__in=FINAL_STATUSES).count()):
            fouten.append(f"area view {code}: open signals differ")

    # The buurt hotspots: signals per block of 30 local days.
    buurten, _regels = selectors.buurt_hotspots(regisseur)
    for hotspot in buurten:
        dagen = Counter(
            (vandaag - dag).days
            for dag in Signaal.objects.filter(gemeente=gemeente, buurt__code=hotspot.code)
            .filter(ontvangen_op__gte=begin(vandaag - dt.timedelta(days=449)))
            .annotate(dag=TruncDate("ontvangen_op"))
            .values_list("dag", flat=True)
        )
        recent = sum(n for d, n in dagen.items() if 0 <= d < 90)
        basis = sum(n for d, n in dagen.items() if 90 <= d < 450)
        if (hotspot.recent, hotspot.basis) != (recent, basis):
            fouten.append(f"buurt hotspot {hotspot.code}: {(hotspot.recent, hotspot.basis)} != {(recent, basis)}")

    # The summaries themselves.
    for command in ("gebiedstellingen", "cijfers"):
        try:
            call_command(command, controleer=True, gemeente=gemeente.cbs_code)
        except SystemExit:
            fouten.append(f"regiekamer {command} --controleer found differences")
    return fouten


# --- Measuring -----------------------------------------------------------------------------------------------------


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def fmt(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def main():
    args = parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from regiekamer.accounts.models import Gemeente, User
    from regiekamer.conftest import _force_login_verified
    from regiekamer.signalen.models import Fenomeen, Signaal
    from regiekamer.subjects.models import Adres, Buurt

    if args.gemeente:
        gemeente = Gemeente.objects.get(cbs_code=args.gemeente)
    else:
        gemeente = User.objects.get(username="regisseur").gemeente
    if args.laad:
        started = time.monotonic()
        counts = laad(gemeente, args.laad)
        print(f"Loaded in {time.monotonic() - started:.0f} s: {counts}")
        call_command("cijfers", herbereken=True, gemeente=gemeente.cbs_code, zonder_wegingen=True)
        call_command("gebiedstellingen", herbereken=True, gemeente=gemeente.cbs_code)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"Loaded, counted and analysed in {time.monotonic() - started:.0f} s")
        if args.geen_meting:
            return

    users = {}
    for rol in ("regisseur", "manager"):
        users[rol] = next(
            u for u in User.objects.filter(organisatie__gemeente=gemeente).order_by("pk") if rol in u.rollen
        )
    clients = {}
    for rol, user in users.items():
        clients[rol] = Client()
        _force_login_verified(clients[rol], user)

    signalen = Signaal.objects.filter(gemeente=gemeente)
    busiest = (
        Buurt.objects.filter(gemeente=gemeente, signalen__isnull=False)
        .values_list("code", "wijk_code")
        .annotate(n=django.db.models.Count("signalen"))
        .order_by("-n")
        .first()
    )
    buurt_code, wijk_code, buurt_n = busiest
    fenomeen = Fenomeen.objects.filter(gemeente=gemeente).order_by("code").first()
    today = timezone.localdate()
    drie_jaar = {"van": (today - dt.timedelta(days=3 * 365)).isoformat(), "tot": today.isoformat()}

    kaart, api = reverse("gebieden:kaart"), reverse("api:gebieden")
    measurements = [
        ("Map page, per buurt, last 12 months", "kaart", kaart, {}),
        ("Map page, per wijk, last 12 months", "kaart", kaart, {"niveau": "wijk"}),
        ("Map page, per buurt, 36 months", "kaart", kaart, drie_jaar),
        ("Map page, per buurt, one phenomenon", "kaart", kaart, {"fenomeen": fenomeen.code}),
        ("Map page, per buurt, status open", "kaart", kaart, {"status": "open"}),
        ("Map page, per buurt, status afgerond", "kaart", kaart, {"status": "afgerond"}),
        ("Map page, per buurt, protocol step 2", "kaart", kaart, {"stap": "2"}),
        ("Map page, per buurt, approach persoonsgericht", "kaart", kaart, {"aanpak": "persoonsgericht"}),
        ("API gebieden, per buurt, last 12 months", "api", api, {}),
        ("API gebieden, per wijk, 36 months", "api", api, {"niveau": "wijk", **drie_jaar}),
        ("API gebieden, per buurt, one phenomenon, 36 months", "api", api, {"fenomeen": fenomeen.code, **drie_jaar}),
        ("API gebieden, per buurt, status afgerond", "api", api, {"status": "afgerond"}),
        ("Area overview", "pagina", reverse("gebieden:overzicht"), {}),
        (
            f"Area view of the busiest buurt ({buurt_n:,} signals)",
            "pagina",
            reverse("gebieden:gebiedsbeeld", args=[buurt_code]),
            {},
        ),
        ("Area view of its wijk", "pagina", reverse("gebieden:gebiedsbeeld", args=[wijk_code]), {}),
        ("Hotspots page", "pagina", reverse("gebieden:hotspots"), {}),
        ("API hotspots", "api", reverse("api:hotspots"), {}),
    ]
    if args.alleen:
        measurements = [m for m in measurements if args.alleen.lower() in m[0].lower()]

    rows = []
    print(f"\n  {'':<58} {'role':<10} {'median':>9} {'p95':>9} {'queries':>7}")
    load_before = os.getloadavg()[0]
    for name, _soort, path, params in measurements:
        for rol, client in clients.items():

            def action(client=client, path=path, params=params):
                response = client.get(path, params, secure=True)
                if response.status_code != 200:
                    raise SystemExit(f"GET {path} {params}: {response.status_code}")

            action()
            times, queries = [], []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as captured:
                    begin = time.perf_counter()
                    action()
                    times.append(time.perf_counter() - begin)
                queries.append(len(captured.captured_queries))
            row = (name, rol, statistics.median(times), p95(times), min(queries), max(queries))
            rows.append(row)
            q = str(row[4]) if row[4] == row[5] else f"{row[4]}–{row[5]}"
            print(f"  {name:<58} {rol:<10} {fmt(row[2]):>9} {fmt(row[3]):>9} {q:>7}", flush=True)
    load = (load_before, os.getloadavg()[0])

    controle = ""
    if not args.geen_controle:
        fouten = controleer(users["regisseur"], buurt_code, wijk_code, fenomeen.code)
        controle = "every figure equal to a direct count" if not fouten else f"{len(fouten)} differences"
        for fout in fouten[:20]:
            print("  DIFFERENCE:", fout)
        print(f"Check: {controle}")

    info = benchmark.machine()
    database, version = benchmark.database_name_and_version(connection)
    n_signalen = signalen.count()
    n_adressen = Adres.objects.filter(gemeente=gemeente).count()
    heading = args.heading or f"## Areas: {database}, {n_signalen:,} signals, {gemeente.naam}"
    lines = [
        heading,
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; `scripts/gebieden_meting.py --runs {args.runs}`",
        f"- Machine: {info['cpu']}, {info['ram']} RAM; {info['os']}; Python {info['python']}",
        f"- Database: {database} {version}; {gemeente.naam}: {n_signalen:,} signals, {n_adressen:,} addresses, "
        f"{Buurt.objects.filter(gemeente=gemeente).count()} buurten",
        f"- Load average (1 min) {load[0]:.1f} before and {load[1]:.1f} after the measurements"
        + (f"; check: {controle}" if controle else ""),
        "",
        "| Measurement | Role | Median | p95 | Queries |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for name, rol, median, high, qmin, qmax in rows:
        q = str(qmin) if qmin == qmax else f"{qmin}–{qmax}"
        lines.append(f"| {name} | {rol} | {fmt(median)} | {fmt(high)} | {q} |")
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if args.write:
        benchmark.write_doc(benchmark.DOC, heading, text)
        print(f"Updated {benchmark.DOC}")


if __name__ == "__main__":
    main()
