"""``regiekamer import_signalen FILE --organisatie ORG [--resultaat RESULT.csv]``: import a file of signals in the
Regiekamer-importformaat for an organisation, with a progress bar. Run it again after a stop: it resumes."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from regiekamer.accounts.models import Organisatie
from regiekamer.core.ids import uuid_or_none
from regiekamer.importen import formaat, services
from regiekamer.importen.models import Import


class Command(BaseCommand):
    help = (
        "Import signals from a CSV or XLSX file in the Regiekamer-importformaat for an organisation. Running it "
        "again on the same file resumes an import that was stopped; rows already delivered are not created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="CSV (UTF-8, ';' or ',') or XLSX file")
        parser.add_argument("--organisatie", required=True, help="the reporting organisation: its id or exact name")
        parser.add_argument("--resultaat", help="write the result per row to this CSV file")
        parser.add_argument("--gemeente", help="CBS code of the gemeente, when the name exists in several")
        parser.add_argument("--geen-voortgang", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        pad = Path(options["bestand"])
        if not pad.is_file():
            raise CommandError(f"File not found: {pad}")
        organisatie = self._organisatie(options["organisatie"], options.get("gemeente"))
        try:
            import_obj, hervat = services.import_voor_bestand(organisatie, pad)
        except formaat.BestandFout as error:
            raise CommandError(str(error)) from None
        if hervat:
            self.stderr.write(f"Resuming import {import_obj.pk} at record {import_obj.verwerkt}.")
        bar = None
        if not options["geen_voortgang"]:
            bar = tqdm(
                total=import_obj.totaal,
                initial=import_obj.verwerkt,
                unit="rij",
                file=sys.stderr,
                dynamic_ncols=True,
                desc="import",
            )

        def voortgang(stand: Import):
            if bar is not None:
                if bar.total != stand.totaal:
                    bar.total = stand.totaal
                bar.update(stand.verwerkt - bar.n)

        import_obj = services.verwerk(import_obj.pk, open_bestand=lambda: pad.open("rb"), voortgang=voortgang)
        if bar is not None:
            bar.close()
        if options.get("resultaat"):
            with open(options["resultaat"], "w", encoding="utf-8", newline="") as handle:
                for regel in services.resultaat_regels(import_obj):
                    handle.write(regel)
        if import_obj.status == Import.Status.MISLUKT:
            raise CommandError(f"Import {import_obj.pk} failed: {import_obj.melding}")
        self.stdout.write(
            f"Import {import_obj.pk}: {import_obj.nieuw} nieuw, {import_obj.al_ontvangen} al-ontvangen, "
            f"{import_obj.fout} fout"
        )

    def _organisatie(self, waarde: str, gemeente: str | None) -> Organisatie:
        organisaties = Organisatie.objects.select_related("gemeente")
        if gemeente:
            organisaties = organisaties.filter(gemeente__cbs_code=gemeente)
        pk = uuid_or_none(waarde)
        matches = list(organisaties.filter(Q(pk=pk) if pk else Q(naam=waarde)))
        if not matches:
            raise CommandError(f"Unknown organisation: {waarde} (list them with `regiekamer create_api_token --list`)")
        if len(matches) > 1:
            raise CommandError(f"Several organisations are called {waarde}; add --gemeente CBS-code")
        if not matches[0].actief:
            raise CommandError(f"Organisation {waarde} is not active")
        return matches[0]
