import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regiekamer.audit import services


def _date(value: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ongeldige datum {value!r}; gebruik JJJJ-MM-DD.") from error
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class Command(BaseCommand):
    help = "Verwerkingenlogging: `verify` controleert de hashketen, `export` schrijft verwerkingen als JSON-regels."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser(
            "verify", help="Controleer de keten; exitcode 1 bij een gewijzigde, ingevoegde of verwijderde verwerking."
        )
        export = sub.add_parser("export", help="Exporteer verwerkingen als JSON-regels (VNG Verwerkingenlogging).")
        export.add_argument("--since", type=_date, default=None, help="Vanaf deze datum (JJJJ-MM-DD).")
        export.add_argument("--format", choices=["vng"], default="vng")

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            result = services.verify()
            if not result.ok:
                self.stderr.write(f"FOUT bij volgnummer {result.volgnummer}: {result.melding}")
                raise SystemExit(1)
            self.stdout.write(f"OK: {result.aantal} entries")
        else:
            for line in services.export_vng(since=options["since"]):
                self.stdout.write(line)
