from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regiekamer.accounts.models import Gemeente
from regiekamer.casussen.models import Casus
from regiekamer.core import idempotentie
from regiekamer.core.errors import DomainError
from regiekamer.core.ids import uuid_or_none
from regiekamer.inzage.models import Beperking
from regiekamer.retention import services
from regiekamer.retention.models import LegalHold, VernietigingsRecord
from regiekamer.signalen.models import Signaal


def _uuid(value: str, what: str):
    parsed = uuid_or_none(value)
    if parsed is None:
        raise CommandError(f"Ongeldig id voor {what}: {value!r}")
    return parsed


class Command(BaseCommand):
    help = (
        "Bewaartermijnen: --dry-run toont wat vernietigd moet worden, --apply vernietigt het. "
        "Elk item wordt in een eigen transactie vernietigd; opnieuw uitvoeren is veilig en hervat een onderbroken run. "
        "`hold` legt een bewaarplicht (legal hold) op een casus of signaal, `release` heft er een op, "
        "`holds` toont de actieve bewaarplichten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "actie",
            nargs="?",
            choices=["hold", "release", "holds"],
            help="hold: bewaarplicht plaatsen; release: opheffen; holds: actieve bewaarplichten tonen.",
        )
        parser.add_argument("hold_id", nargs="?", help="Id van de bewaarplicht (bij release).")
        parser.add_argument("--dry-run", action="store_true", help="Alleen tonen wat vernietigd moet worden.")
        parser.add_argument("--apply", action="store_true", help="Vernietigen wat vernietigd moet worden.")
        parser.add_argument("--gemeente", metavar="CBS", help="Alleen deze gemeente (CBS-code, bijv. GM0363).")
        parser.add_argument("--casus", metavar="ID", help="Bij hold: id van de casus.")
        parser.add_argument("--signaal", metavar="ID", help="Bij hold: id van het signaal.")
        parser.add_argument("--reden", help="Bij hold en release: de reden (verplicht).")

    def handle(self, *args, **options):
        actie = options["actie"]
        if actie == "hold":
            return self._hold(options)
        if actie == "release":
            return self._release(options)
        if options["dry_run"] == options["apply"] and actie is None:
            raise CommandError("Kies --dry-run of --apply (of hold, release of holds).")
        gemeenten = Gemeente.objects.all()
        if options["gemeente"]:
            gemeenten = gemeenten.filter(cbs_code=options["gemeente"].upper())
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {options['gemeente']}")
        if actie == "holds":
            for gemeente in gemeenten:
                self._holds(gemeente)
            return
        today = timezone.localdate()
        for gemeente in gemeenten:
            if options["apply"]:
                self._apply(gemeente, today)
            else:
                self._dry_run(gemeente, today)
        if options["apply"]:
            self.stdout.write(f"{idempotentie.verwijder_verlopen()} verlopen Idempotency-Keys verwijderd")

    # --- Legal holds -----------------------------------------------------------------------------

    def _hold(self, options):
        if bool(options["casus"]) == bool(options["signaal"]):
            raise CommandError("Geef precies een van --casus of --signaal.")
        if not (options["reden"] or "").strip():
            raise CommandError("Geef de reden van de bewaarplicht met --reden.")
        if options["casus"]:
            record = Casus.objects.filter(pk=_uuid(options["casus"], "de casus")).first()
        else:
            record = Signaal.objects.filter(pk=_uuid(options["signaal"], "het signaal")).first()
        if record is None:
            raise CommandError("Casus of signaal niet gevonden.")
        hold = services.place_hold(None, record, options["reden"], door_commando=True)
        self.stdout.write(f"Bewaarplicht {hold.pk} geplaatst op {record.nummer}.")

    def _release(self, options):
        if not options["hold_id"]:
            raise CommandError("Geef het id van de bewaarplicht: retention release <id> --reden ...")
        if not (options["reden"] or "").strip():
            raise CommandError("Geef de reden voor het opheffen met --reden.")
        hold = LegalHold.objects.filter(pk=_uuid(options["hold_id"], "de bewaarplicht")).first()
        if hold is None:
            raise CommandError("Bewaarplicht niet gevonden.")
        if not hold.is_actief:
            raise CommandError("Deze bewaarplicht is al opgeheven.")
        try:
            services.lift_hold(None, hold, options["reden"], door_commando=True)
        except DomainError as error:  # pragma: no cover - the checks above come first
            raise CommandError(error.message) from error
        self.stdout.write(f"Bewaarplicht {hold.pk} opgeheven.")

    def _holds(self, gemeente):
        holds = list(services.active_holds(gemeente))
        self.stdout.write(f"{gemeente.cbs_code} {gemeente.naam}: {len(holds)} actieve bewaarplicht(en)")
        for hold in holds:
            record = hold.signaal or hold.casus
            soort = "signaal" if hold.signaal_id else "casus"
            self.stdout.write(
                f"  {hold.pk}  {soort:<8} {record.nummer:<14} sinds {timezone.localtime(hold.sinds):%d-%m-%Y}"
            )

    # --- Destruction -----------------------------------------------------------------------------

    def _line(self, item) -> str:
        return f"  {item.soort:<8} {item.nummer:<14} vervallen op {item.vervaldatum:%d-%m-%Y}  {item.reden}"

    def _dry_run(self, gemeente, today):
        items = services.due(gemeente, today)
        self.stdout.write(f"{gemeente.cbs_code} {gemeente.naam}: {len(items)} te vernietigen")
        for item in items:
            self.stdout.write(self._line(item))
        beperkt = Beperking.objects.filter(gemeente=gemeente, opgeheven_op=None).count()
        if beperkt:
            self.stdout.write(
                f"{beperkt} persoon/personen met een actieve beperking van de verwerking blijven bewaard "
                "(art. 18 AVG), ook als hun signalen of casussen worden vernietigd."
            )

    def _apply(self, gemeente, today):
        items = services.due(gemeente, today)
        aantallen = {"signalen": 0, "casussen": 0, "bestanden": 0}
        records = []
        try:
            for item in items:
                try:
                    record = services.destroy(item, today)
                except Exception as error:
                    aantallen["mislukt"] = 1
                    raise CommandError(
                        f"Vernietigen van {item.soort} {item.nummer} mislukt ({type(error).__name__}); "
                        "eerder vernietigde items blijven vernietigd, dit item is ongewijzigd. "
                        "Voer het commando opnieuw uit om verder te gaan."
                    ) from error
                if record is not None:
                    aantallen["signalen" if item.soort == "signaal" else "casussen"] += 1
                    records.extend(
                        VernietigingsRecord.objects.filter(
                            gemeente=gemeente, vernietigd_op=record.vernietigd_op
                        ).values_list("pk", flat=True)
                    )
                    self.stdout.write(self._line(item) + "  -> vernietigd")
            aantallen["bestanden"] = services.sweep_orphan_files(gemeente)
        finally:
            # One entry per gemeente per run, also for a run that destroyed nothing or stopped on an error.
            services.log_run(gemeente, aantallen, records)
        destroyed = aantallen["signalen"] + aantallen["casussen"]
        self.stdout.write(
            f"{gemeente.cbs_code} {gemeente.naam}: {destroyed} vernietigd, "
            f"{aantallen['bestanden']} achtergebleven bestanden opgeruimd"
        )
