from django.core.management.base import BaseCommand, CommandError

from regiekamer.gebieden.bestanden import BestandFout
from regiekamer.gebieden.services import importeer_bestand


class Command(BaseCommand):
    help = (
        "Import the CBS wijk- en buurtkaart (GeoPackage or GeoJSON; RD New or WGS84) as the boundaries of one year. "
        "Re-importing a year replaces it; the newest year becomes current, updates the buurten and re-assigns "
        "addresses and signals. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", metavar="FILE", help="A .gpkg or .geojson file.")
        parser.add_argument("--jaar", type=int, help="Year of the boundaries (default: the year in the file name).")
        parser.add_argument(
            "--gemeente", metavar="CBS", help="CBS code of the gemeente, e.g. GM0363 (default: every known gemeente)."
        )

    def handle(self, *args, **options):
        try:
            resultaten = importeer_bestand(options["bestand"], jaar=options["jaar"], gemeente_code=options["gemeente"])
        except BestandFout as exc:
            raise CommandError(f"Niets ingelezen. {exc.message}") from None
        for r in resultaten:
            regel = f"{r.gemeente.naam} ({r.gemeente.cbs_code}) {r.jaar}: {r.buurten} buurten, {r.wijken} wijken"
            regel += " (vervangen)" if r.vervangen else ""
            if r.actueel and r.toewijzing is not None:
                regel += (
                    f"; actuele indeling, {r.toewijzing.adressen} adressen en {r.toewijzing.signalen} signalen "
                    "opnieuw toegewezen"
                )
            elif not r.actueel:
                regel += "; er is een nieuwer jaar, de actuele indeling blijft ongewijzigd"
            self.stdout.write(regel)
