"""``regiekamer cijfers --herbereken`` / ``--controleer``: rebuild or check the summary counts behind the figures."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from regiekamer.accounts.models import Gemeente
from regiekamer.inzicht import services


class Command(BaseCommand):
    help = (
        "De tellingen achter de cijfers van regie op resultaat. --controleer vergelijkt elke telling met een directe "
        "telling in de brontabellen (exit status 1 bij een verschil); --herbereken bouwt ze opnieuw op, en eerst de "
        "doorlooptijden op de wegingen (schrijvers wachten zolang). Nodig na het rechtstreeks laden of wijzigen van "
        "signalen of wegingen buiten de services om."
    )

    def add_arguments(self, parser):
        parser.add_argument("--herbereken", action="store_true", help="De tellingen opnieuw opbouwen.")
        parser.add_argument(
            "--controleer", action="store_true", help="De tellingen vergelijken met een directe telling."
        )
        parser.add_argument("--gemeente", metavar="CBS", help="Alleen deze gemeente (CBS-code, bijv. GM0363).")
        parser.add_argument(
            "--zonder-wegingen",
            action="store_true",
            help="Bij --herbereken: de doorlooptijden op de wegingen niet opnieuw uitrekenen.",
        )

    def handle(self, *args, **options):
        if not (options["herbereken"] or options["controleer"]):
            raise CommandError("Kies --herbereken of --controleer (of beide).")
        gemeenten = Gemeente.objects.order_by("cbs_code")
        if options["gemeente"]:
            gemeenten = gemeenten.filter(cbs_code=options["gemeente"].upper())
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {options['gemeente']}")
        verschillen = 0
        for gemeente in gemeenten:
            if options["herbereken"]:
                started = time.monotonic()
                result = services.herbereken(gemeente, wegingen=not options["zonder_wegingen"])
                cellen = ", ".join(f"{reeks} {aantal}" for reeks, aantal in result.cellen.items())
                self.stdout.write(
                    f"{gemeente.cbs_code} {gemeente.naam}: {result.wegingen} wegingen bijgewerkt; cellen: {cellen} "
                    f"({time.monotonic() - started:.1f} s)"
                )
            if options["controleer"]:
                found = services.controleer(gemeente)
                verschillen += len(found)
                if not found:
                    self.stdout.write(f"{gemeente.cbs_code} {gemeente.naam}: geen verschillen")
                for verschil in found[:50]:
                    self.stdout.write(
                        f"{gemeente.cbs_code} verschil: {verschil.reeks} {verschil.datum} "
                        f"buurt={verschil.buurt or '-'} "
                        f"fenomeen={verschil.fenomeen} {verschil.sleutel}: opgeslagen {verschil.opgeslagen}, "
                        f"geteld {verschil.geteld}"
                    )
                if len(found) > 50:
                    self.stdout.write(f"{gemeente.cbs_code}: en nog {len(found) - 50} verschillen")
        if verschillen:
            self.stdout.write(f"{verschillen} verschil(len); herstel met: regiekamer cijfers --herbereken")
            sys.exit(1)
