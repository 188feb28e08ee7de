from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regiekamer.accounts.models import Gemeente
from regiekamer.retention import services


class Command(BaseCommand):
    help = (
        "Bewaartermijnen: --dry-run toont wat vernietigd moet worden, --apply vernietigt het. "
        "Elk item wordt in een eigen transactie vernietigd; opnieuw uitvoeren is veilig en hervat een onderbroken run."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true", help="Alleen tonen wat vernietigd moet worden.")
        mode.add_argument("--apply", action="store_true", help="Vernietigen wat vernietigd moet worden.")
        parser.add_argument("--gemeente", metavar="CBS", help="Alleen deze gemeente (CBS-code, bijv. GM0363).")

    def handle(self, *args, **options):
        gemeenten = Gemeente.objects.all()
        if options["gemeente"]:
            gemeenten = gemeenten.filter(cbs_code=options["gemeente"].upper())
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {options['gemeente']}")
        today = timezone.localdate()
        for gemeente in gemeenten:
            if options["apply"]:
                self._apply(gemeente, today)
            else:
                self._dry_run(gemeente, today)

    def _line(self, item) -> str:
        return f"  {item.soort:<8} {item.nummer:<14} vervallen op {item.vervaldatum:%d-%m-%Y}  {item.reden}"

    def _dry_run(self, gemeente, today):
        items = services.due(gemeente, today)
        self.stdout.write(f"{gemeente.cbs_code} {gemeente.naam}: {len(items)} te vernietigen")
        for item in items:
            self.stdout.write(self._line(item))

    def _apply(self, gemeente, today):
        items = services.due(gemeente, today)
        destroyed = 0
        for item in items:
            try:
                record = services.destroy(item, today)
            except Exception as error:
                raise CommandError(
                    f"Vernietigen van {item.soort} {item.nummer} mislukt ({type(error).__name__}); "
                    "eerder vernietigde items blijven vernietigd, dit item is ongewijzigd. "
                    "Voer het commando opnieuw uit om verder te gaan."
                ) from error
            if record is not None:
                destroyed += 1
                self.stdout.write(self._line(item) + "  -> vernietigd")
        files = services.sweep_orphan_files(gemeente)
        self.stdout.write(
            f"{gemeente.cbs_code} {gemeente.naam}: {destroyed} vernietigd, {files} achtergebleven bestanden opgeruimd"
        )
