"""Time the ondermijningsbeeld (page, API document and PDF) of the busiest buurt, its wijk and the whole gemeente on
an existing database, optionally after bulk-loading synthetic signals into it (PostgreSQL only).

    DATABASE_URL=postgres://... .venv/bin/python scripts/ondermijningsbeeld_meting.py --gemeente GM9901 \\
        [--laad 300000] [--runs 20]

``--laad N`` adds N signals to the gemeente with COPY (36 months, rising towards today; the buurt with the most
inhabitants takes three quarters of them, a harsher case than the busiest of 40 buurten; one or two phenomena each;
one address each out of N/12 new addresses; most of the older ones decided), N/30 cases with three interventions and
two goals each, and then rebuilds the summary counts (``regiekamer cijfers --herbereken``), as anything that writes
around the services must. It is a synthetic loader for measuring, not the intake path: no subjects, wegingen or
processing-log entries are made for these signals.

Requests go in-process through Django's test client under the production settings (DEBUG off), as the manager of
the gemeente. Per row: one warm-up request, then the median and 95th percentile over the runs and the SQL queries of
one request. "warm" is the normal case (the charts of the same numbers come from the in-process SVG cache);
"koud" empties that cache before every request, so every chart is drawn again; "zonder hotspottellingen" leaves out
the two counts that follow the hotspot rules (buurten above their trend, hotspot addresses), which read the signal
tables directly. The default period is the last 24 whole months. Nothing is written to the database except what
the pages themselves write.
"""

import argparse
import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

os.environ.setdefault("API_RATE_LIMIT", "1000000/minute")  # measure the work, not the throttle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiekamer.conf.settings")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def gebruiker(gemeente, rol: str):
    from regiekamer.accounts.models import User

    return next(u for u in User.objects.filter(organisatie__gemeente=gemeente).order_by("pk") if rol in u.rollen)


def laad(gemeente, aantal: int, seed: int = 9):
    """Bulk-load ``aantal`` synthetic signals, their addresses, and cases into ``gemeente`` (PostgreSQL)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from regiekamer.accounts.models import Organisatie
    from regiekamer.protocol.machine import FINAL_STATUSES
    from regiekamer.signalen.models import Fenomeen, Signaal
    from regiekamer.subjects.models import Buurt

    if connection.vendor != "postgresql":
        raise SystemExit("--laad needs PostgreSQL (COPY).")
    rng = random.Random(seed)
    now = timezone.now()
    buurten = list(Buurt.objects.filter(gemeente=gemeente).order_by("code"))
    drukste = max(buurten, key=lambda b: b.inwoners or 0)
    # The busiest buurt (most inhabitants) takes three quarters: harsher than a busiest buurt among 40.
    gewichten = [3 * (len(buurten) - 1) if b == drukste else 1 for b in buurten]
    fenomenen = list(Fenomeen.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    fenomeen_gewichten = [1 / (index + 1) for index in range(len(fenomenen))]
    organisaties = list(Organisatie.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    omschrijving = Signaal.objects.filter(gemeente=gemeente).values_list("omschrijving", flat=True).first()
    versleuteld = Signaal._meta.get_field("omschrijving").get_db_prep_value(omschrijving, connection)
    finaal = sorted(FINAL_STATUSES)
    started = time.perf_counter()

    adressen: dict = {}
    adres_rijen = []
    for buurt, gewicht in zip(buurten, gewichten, strict=True):
        postcode = (buurt.postcodes.split(",")[0].strip() or "9999")[:4]
        ids = [uuid.uuid4() for _ in range(max(1, aantal * gewicht // (sum(gewichten) * 12)))]
        adressen[buurt.pk] = ids
        for nummer, pk in enumerate(ids, start=1):
            adres_rijen.append((pk, gemeente.pk, f"{postcode}ZZ", nummer, "", "", "Meetstraat", "", buurt.pk, now))
    signaal_rijen, fenomeen_rijen, koppel_rijen = [], [], []
    for index in range(aantal):
        buurt = rng.choices(buurten, gewichten)[0]
        # Rising towards today: more signals in recent months.
        dagen = 1095 * (1 - rng.random() ** 0.8)
        ontvangen = now - dt.timedelta(days=dagen, seconds=rng.randrange(86400))
        pk = uuid.uuid4()
        if dagen > 60 and rng.random() < 0.9:
            status, stap = rng.choice(finaal), 4
            afgerond = ontvangen + dt.timedelta(days=rng.randrange(5, 40))
            termijn = None
        else:
            status, stap, afgerond = "weging-1", 1, None
            termijn = (ontvangen + dt.timedelta(days=7)).date()
        signaal_rijen.append(
            (
                pk,
                f"M{index:08d}",
                ontvangen,
                versleuteld,
                False,
                "",
                "",
                status,
                stap,
                ontvangen,
                termijn,
                afgerond,
                now,
                buurt.pk,
                gemeente.pk,
                rng.choice(organisaties),
                "handhaving",
            )
        )
        gekozen = {rng.choices(fenomenen, fenomeen_gewichten)[0] for _ in range(1 if rng.random() < 0.75 else 2)}
        fenomeen_rijen += [(pk, fenomeen) for fenomeen in gekozen]
        koppel_rijen.append((pk, rng.choice(adressen[buurt.pk])))

    with transaction.atomic():
        connection.ensure_connection()
        raw = connection.connection
        with raw.cursor() as cursor:
            with cursor.copy(
                "COPY subjects_adres (id, gemeente_id, postcode, huisnummer, huisletter, toevoeging, straat, "
                "woonplaats, buurt_id, aangemaakt_op) FROM STDIN"
            ) as copy:
                for rij in adres_rijen:
                    copy.write_row(rij)
            with cursor.copy(
                "COPY signalen_signaal (id, nummer, ontvangen_op, omschrijving, anoniem, anonieme_bron, locatie, "
                "status, stap, stap_gestart_op, termijn, afgerond_op, bijgewerkt_op, buurt_id, gemeente_id, "
                "melder_organisatie_id, doel) FROM STDIN"
            ) as copy:
                for rij in signaal_rijen:
                    copy.write_row(rij)
            with cursor.copy("COPY signalen_signaal_fenomenen (signaal_id, fenomeen_id) FROM STDIN") as copy:
                for rij in fenomeen_rijen:
                    copy.write_row(rij)
            with cursor.copy("COPY signalen_signaal_adressen (signaal_id, adres_id) FROM STDIN") as copy:
                for rij in koppel_rijen:
                    copy.write_row(rij)
    print(f"  {aantal} signals, {len(adres_rijen)} addresses in {time.perf_counter() - started:.0f} s", flush=True)
    laad_casussen(gemeente, aantal // 30, buurten, gewichten, organisaties, rng)
    herbereken(gemeente)


def laad_casussen(gemeente, aantal: int, buurten, gewichten, organisaties, rng):
    """``aantal`` cases in the buurten (same weights), three interventions and two goals each."""
    from django.db import transaction
    from django.utils import timezone

    from regiekamer.casussen.models import Casus, Doel, Interventie, InterventieSoort
    from regiekamer.protocol.machine import Aanpak

    now = timezone.now()
    started = time.perf_counter()
    regisseur = gebruiker(gemeente, "regisseur")
    soorten = list(InterventieSoort.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    aanpakken = [a.value for a in Aanpak]
    casussen, interventies, doelen = [], [], []
    for index in range(aantal):
        geopend = now - dt.timedelta(days=rng.randrange(1, 1095))
        gesloten = geopend + dt.timedelta(days=rng.randrange(30, 400))
        dicht = gesloten < now and rng.random() < 0.7
        casus = Casus(
            gemeente=gemeente,
            nummer=f"M{index:07d}",
            titel="Meetcasus",
            aanpak=rng.choice(aanpakken),
            regisseur=regisseur,
            status=Casus.Status.GESLOTEN if dicht else Casus.Status.OPEN,
            buurt=rng.choices(buurten, gewichten)[0],
            geopend_op=geopend,
            laatste_activiteit_op=geopend,
            gesloten_op=gesloten if dicht else None,
        )
        casussen.append(casus)
        for _ in range(3):
            interventies.append(
                Interventie(
                    gemeente=gemeente,
                    casus=casus,
                    soort_id=rng.choice(soorten),
                    eigenaar_organisatie_id=rng.choice(organisaties),
                    deadline=(geopend + dt.timedelta(days=60)).date(),
                    status=rng.choice(["gepland", "lopend", "afgerond", "gestopt"]),
                    aangemaakt_op=geopend + dt.timedelta(days=3),
                )
            )
        for _ in range(2):
            doelen.append(
                Doel(
                    gemeente=gemeente,
                    casus=casus,
                    omschrijving="Meetdoel",
                    resultaat=rng.choice(["behaald", "deels", "niet"]) if dicht else "",
                )
            )
    with transaction.atomic():
        Casus.objects.bulk_create(casussen, batch_size=2000)
        Interventie.objects.bulk_create(interventies, batch_size=2000)
        Doel.objects.bulk_create(doelen, batch_size=2000)
    print(f"  {len(casussen)} cases, {len(interventies)} interventions in {time.perf_counter() - started:.0f} s")


def herbereken(gemeente):
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("cijfers", "--herbereken", "--gemeente", gemeente.cbs_code)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  summary counts rebuilt in {time.perf_counter() - started:.0f} s", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--gemeente", required=True, metavar="CBS", help="CBS code of the gemeente to measure")
    parser.add_argument("--runs", type=int, default=20, metavar="K")
    parser.add_argument("--laad", type=int, default=0, metavar="N", help="bulk-load N synthetic signals first")
    parser.add_argument("--buurt", action="append", default=[], metavar="BU", help="measure this buurt too")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from regiekamer.accounts.models import Gemeente
    from regiekamer.conftest import _force_login_verified
    from regiekamer.inzicht import grafieken_svg
    from regiekamer.signalen.models import Signaal
    from regiekamer.subjects.models import Buurt

    gemeente = Gemeente.objects.get(cbs_code=args.gemeente)
    if args.laad:
        print(f"Loading {args.laad} synthetic signals into {gemeente.cbs_code}:")
        laad(gemeente, args.laad)
    manager = gebruiker(gemeente, "manager")
    per_buurt = dict(
        Signaal.objects.filter(gemeente=gemeente, buurt__isnull=False)
        .values_list("buurt_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    drukste = Buurt.objects.get(pk=max(per_buurt, key=per_buurt.get))
    wijk = f"WK{drukste.code[2:8]}"
    print(
        f"{connection.vendor}; {Signaal.objects.filter(gemeente=gemeente).count()} signals in {gemeente.cbs_code}; "
        f"busiest buurt {drukste.code} ({per_buurt[drukste.pk]} signals), wijk {wijk}; {args.runs} runs"
    )
    for code in args.buurt:
        buurt = Buurt.objects.get(gemeente=gemeente, code=code)
        print(f"also buurt {code} ({per_buurt.get(buurt.pk, 0)} signals)")

    def measure(label, client, path, params, voor=None):
        def get():
            if voor:
                voor()
            response = client.get(path, params, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"{path} {params}: {response.status_code}")
            return response

        get()
        times, queries = [], []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                get()
                times.append(time.perf_counter() - started)
            queries.append(len(captured.captured_queries))
        print(
            f"  {label:<52} {statistics.median(times) * 1000:7.0f} ms {p95(times) * 1000:7.0f} ms {max(queries):4d} q",
            flush=True,
        )

    def koud():
        grafieken_svg._cache.clear()

    @contextlib.contextmanager
    def zonder_hotspottellingen():
        from regiekamer.gebieden import selectors as gebieden
        from regiekamer.inzicht import beeld

        originals = gebieden.buurt_hotspots, beeld._hotspot_adressen
        gebieden.buurt_hotspots = lambda principal: ([], None)
        beeld._hotspot_adressen = lambda gemeente, buurt_ids: (0, 12)
        try:
            yield
        finally:
            gebieden.buurt_hotspots, beeld._hotspot_adressen = originals

    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False):
        settings.DEBUG = False
        client = Client()
        _force_login_verified(client, manager)
        print(f"  {'':<52} {'p50':>10} {'p95':>10} {'queries':>6}")
        for code in (drukste.code, *args.buurt, wijk, gemeente.cbs_code):
            pagina = f"/ondermijningsbeeld/{code}/"
            measure(f"{code} pagina (warm)", client, pagina, {})
            measure(f"{code} pagina (koud)", client, pagina, {}, voor=koud)
            measure(f"{code} API html (warm)", client, "/api/v1/ondermijningsbeeld", {"gebied": code})
            measure(f"{code} PDF (koud)", client, f"{pagina}pdf/", {}, voor=koud)
            measure(f"{code} PDF 36 maanden (koud)", client, f"{pagina}pdf/", {"maanden": "36"}, voor=koud)
            # Without the two counts borrowed from the hotspot rules (the buurt trend and the hotspot addresses),
            # which read the signal tables directly: what the report costs once those come from summaries.
            with zonder_hotspottellingen():
                measure(f"{code} pagina (warm, zonder hotspottellingen)", client, pagina, {})


if __name__ == "__main__":
    main()
