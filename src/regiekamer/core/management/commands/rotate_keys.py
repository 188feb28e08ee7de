from django.core.management.base import BaseCommand, CommandError

from regiekamer.core import crypto, rotation


class Command(BaseCommand):
    help = (
        "Sleutelrotatie: versleutelt alle versleutelde velden en bijlagen opnieuw met de huidige (eerste) sleutel uit "
        "ENCRYPTION_KEYS. Per rij en per bestand veilig te onderbreken en opnieuw te starten. --check telt alleen."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--check", action="store_true", help="Alleen tellen hoeveel waarden nog onder een oude sleutel staan."
        )
        mode.add_argument(
            "--generate-key", action="store_true", help="Een nieuwe sleutel tonen (voor ENCRYPTION_KEYS) en stoppen."
        )
        mode.add_argument(
            "--reindex",
            action="store_true",
            help="De blinde index van BSN's opnieuw berekenen met de ingestelde BLIND_INDEX_KEY (na het wijzigen "
            "van die sleutel; de applicatie staat dan stil).",
        )
        parser.add_argument("--batch-size", type=int, default=rotation.BATCH_SIZE, help="Rijen per batch.")

    def handle(self, *args, **options):
        if options["generate_key"]:
            self.stdout.write(crypto.generate_key())
            return
        if options["reindex"]:
            from regiekamer.subjects.services import reindex_bsns

            self.stdout.write(f"Blinde index bijgewerkt voor {reindex_bsns(options['batch_size'])} personen.")
            return
        check = options["check"]
        try:
            report = rotation.run(check_only=check, batch_size=options["batch_size"])
        except crypto.DecryptionError as error:
            raise CommandError(str(error)) from None
        for name in report.names:
            parts = [f"{report.current[name]} huidige sleutel"]
            parts.append(f"{report.old[name]} oude sleutel" if check else f"{report.rotated[name]} opnieuw versleuteld")
            if report.undecryptable[name]:
                parts.append(f"{report.undecryptable[name]} met geen enkele sleutel te ontsleutelen")
            if report.missing[name]:
                parts.append(f"{report.missing[name]} bestand ontbreekt")
            if report.plaintext[name]:
                parts.append(f"{report.plaintext[name]} onversleuteld")
            self.stdout.write(f"{name}: " + ", ".join(parts))
        old = sum(report.old.values())
        if check:
            self.stdout.write(f"Nog onder een oude sleutel: {old}.")
        else:
            self.stdout.write(f"Opnieuw versleuteld: {sum(report.rotated.values())}.")
        if report.problems:
            raise CommandError(
                f"{report.problems} waarden zijn onversleuteld of met geen enkele ingestelde sleutel te ontsleutelen: "
                "zet de ontbrekende sleutel terug in ENCRYPTION_KEYS of voer eerst de migraties uit."
            )
        if check and old:
            raise CommandError(f"{old} waarden staan nog onder een oude sleutel; voer `regiekamer rotate_keys` uit.")
