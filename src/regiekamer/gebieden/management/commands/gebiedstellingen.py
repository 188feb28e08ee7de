"""``regiekamer gebiedstellingen --herbereken`` / ``--controleer`` / ``--bijwerken``: rebuild or check the area
summaries (per address in the hotspot window; per day, buurt and phenomenon), or move the window to today (as the
first read of a day otherwise does; schedule it just after midnight so that no page waits for it)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from regiekamer.accounts.models import Gemeente
from regiekamer.gebieden import tellingen


class Command(BaseCommand):
    help = (
        "De tellingen achter de kaart en de hotspots: per adres in het venster van de hotspotperiode, en per dag, "
        "buurt en fenomeen. --controleer vergelijkt elke telling met een directe telling in de brontabellen (exit "
        "status 1 bij een verschil); --herbereken bouwt ze opnieuw op (schrijvers wachten zolang). Nodig na het "
        "rechtstreeks laden of wijzigen van signalen buiten de services om."
    )

    def add_arguments(self, parser):
        parser.add_argument("--herbereken", action="store_true", help="De tellingen opnieuw opbouwen.")
        parser.add_argument(
            "--controleer", action="store_true", help="De tellingen vergelijken met een directe telling."
        )
        parser.add_argument(
            "--bijwerken",
            action="store_true",
            help="Het venster van de adrestellingen naar vandaag verschuiven (anders doet de eerste pagina van de dag "
            "dat); bijvoorbeeld elke nacht kort na middernacht.",
        )
        parser.add_argument("--gemeente", metavar="CBS", help="Alleen deze gemeente (CBS-code, bijv. GM0363).")

    def handle(self, *args, **options):
        if not (options["herbereken"] or options["controleer"] or options["bijwerken"]):
            raise CommandError("Kies --herbereken, --controleer of --bijwerken.")
        gemeenten = Gemeente.objects.order_by("cbs_code")
        if options["gemeente"]:
            gemeenten = gemeenten.filter(cbs_code=options["gemeente"].upper())
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {options['gemeente']}")
        verschillen = 0
        for gemeente in gemeenten:
            if options["bijwerken"] and not options["herbereken"]:
                started = time.monotonic()
                venster = tellingen.actueel_venster(gemeente)
                self.stdout.write(
                    f"{gemeente.cbs_code} {gemeente.naam}: venster {venster.van} t/m {venster.tot} "
                    f"({time.monotonic() - started:.1f} s)"
                )
            if options["herbereken"]:
                started = time.monotonic()
                result = tellingen.herbereken(gemeente)
                self.stdout.write(
                    f"{gemeente.cbs_code} {gemeente.naam}: {result.dagen} dagtellingen, {result.adressen} adressen, "
                    f"{result.kenmerken} adreskenmerken ({time.monotonic() - started:.1f} s)"
                )
            if options["controleer"]:
                found = tellingen.controleer(gemeente)
                verschillen += len(found)
                if not found:
                    self.stdout.write(f"{gemeente.cbs_code} {gemeente.naam}: geen verschillen")
                for verschil in found[:50]:
                    sleutel = " ".join(str(deel) for deel in verschil.sleutel)
                    self.stdout.write(
                        f"{gemeente.cbs_code} verschil: {verschil.tabel} {sleutel}: opgeslagen {verschil.opgeslagen}, "
                        f"geteld {verschil.geteld}"
                    )
                if len(found) > 50:
                    self.stdout.write(f"{gemeente.cbs_code}: en nog {len(found) - 50} verschillen")
        if verschillen:
            self.stdout.write(f"{verschillen} verschil(len); herstel met: regiekamer gebiedstellingen --herbereken")
            sys.exit(1)
