import datetime as dt
import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regiekamer.accounts.models import Gemeente
from regiekamer.audit import completeness, services


def _date(value: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ongeldige datum {value!r}; gebruik JJJJ-MM-DD.") from error
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def default_anchor_file() -> Path:
    return Path(settings.DATA_DIR) / "audit-ankers.jsonl"


class Command(BaseCommand):
    help = (
        "Verwerkingenlogging: `verify` controleert de hashketen (optioneel tegen ankers), `anchor` legt de kop van "
        "de keten vast buiten de database, `export` schrijft verwerkingen als JSON-regels."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser(
            "verify",
            help="Controleer de keten en dat elk signaal, elke weging, bronraadpleging en casus de verwerking heeft "
            "die hem aanmaakte; exitcode 1 bij een gewijzigde, ingevoegde of verwijderde verwerking of een record "
            "zonder aanmaakverwerking.",
        )
        verify.add_argument(
            "--anchors",
            metavar="PAD",
            default=None,
            help="Controleer ook dat elke verankerde kop (uit `audit anchor`) nog met dezelfde hash in de keten staat.",
        )
        anchor = sub.add_parser(
            "anchor", help="Voeg de huidige kop van de keten als JSON-regel toe aan een bestand buiten de database."
        )
        anchor.add_argument(
            "--file",
            metavar="PAD",
            default=None,
            help="Ankerbestand (standaard DATA_DIR/audit-ankers.jsonl); `-` schrijft alleen naar standaarduitvoer.",
        )
        export = sub.add_parser("export", help="Exporteer verwerkingen als JSON-regels (VNG Verwerkingenlogging).")
        export.add_argument("--since", type=_date, default=None, help="Vanaf deze datum (JJJJ-MM-DD).")
        export.add_argument("--gemeente", metavar="CBS", default=None, help="Alleen deze gemeente (bijv. GM0363).")
        export.add_argument("--format", choices=["vng"], default="vng")

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            self._verify(options["anchors"])
        elif subcommand == "anchor":
            self._anchor(options["file"])
        else:
            gemeente = None
            if options["gemeente"]:
                code = options["gemeente"].strip().upper()
                if not re.fullmatch(r"GM\d{4}", code):
                    raise CommandError(f"Ongeldige CBS-code {options['gemeente']!r}: verwacht GM en vier cijfers.")
                gemeente = Gemeente.objects.filter(cbs_code=code).first()
                if gemeente is None:
                    raise CommandError(f"Onbekende gemeente: {code}.")
            for line in services.export_vng(since=options["since"], gemeente=gemeente):
                self.stdout.write(line)

    def _verify(self, anchors):
        if anchors is None:
            result = services.verify()
        else:
            path = Path(anchors)
            if not path.is_file():
                raise CommandError(f"Ankerbestand niet gevonden: {path}")
            with path.open(encoding="utf-8") as handle:
                result = services.verify_anchors(handle)
        if not result.ok:
            where = f" bij volgnummer {result.volgnummer}" if result.volgnummer is not None else ""
            self.stderr.write(f"FOUT{where}: {result.melding}")
            raise SystemExit(1)
        suffix = f", {result.melding} in orde" if result.melding else ""
        self.stdout.write(f"OK: {result.aantal} entries{suffix}")
        self._verify_completeness()

    def _verify_completeness(self):
        result = completeness.missing()
        for item in result:
            if item.aantal:
                self.stderr.write(
                    f"FOUT: {item.soort} zonder aanmaakverwerking: {item.aantal}, bijv. {', '.join(item.voorbeelden)}"
                )
        if any(item.aantal for item in result):
            raise SystemExit(1)
        self.stdout.write(f"OK: alle {', '.join(item.soort for item in result)} hebben een aanmaakverwerking")

    def _anchor(self, file):
        if file == "-":
            self.stdout.write(json.dumps(services.head_anchor(), sort_keys=True))
            return
        path = Path(file) if file else default_anchor_file()
        anchor = services.write_anchor(path)
        self.stdout.write(json.dumps(anchor, sort_keys=True))
        self.stderr.write(f"Anker toegevoegd aan {path}")
