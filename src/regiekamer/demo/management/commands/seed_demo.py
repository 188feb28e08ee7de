import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings

from regiekamer.accounts.models import Gemeente
from regiekamer.demo import data
from regiekamer.demo.builder import DEFAULT_SEED, DemoBuilder, demo_accounts
from regiekamer.demo.bulk import loader as bulk
from regiekamer.demo.devices import DEMO_TOTP_SECRET, give_demo_devices

# The default demo: generated signals of the first gemeente, and signals in all.
FIRST_DEFAULT = data.DEFAULT_SIGNALEN[data.GEMEENTEN[0].key]
DEFAULT_TOTAL = sum(data.DEFAULT_SIGNALEN.values())


class Command(BaseCommand):
    help = (
        "Build the demo municipalities (Zuiderveen, Noorderhaven) with organisations, accounts, signals and the "
        "casework on them (plans, interventions, meetings, escalations, closed cases), all through the service layer, "
        "and print the demo accounts. With --scale N beyond the default demo, a synthetic bulk loader adds the rest "
        "(a load-test database). Refuses when the demo data already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help=f"Up to {FIRST_DEFAULT}: the number of signals of the first gemeente (a smaller demo, for quick "
            f"tests). Above {DEFAULT_TOTAL} (the default demo): N signals in all, the default demo plus N - "
            f"{DEFAULT_TOTAL} synthetic ones over both gemeenten, written in bulk (COPY on PostgreSQL); for load "
            "tests.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same demo).")
        parser.add_argument(
            "--accounts-only", action="store_true", help="Only print the demo accounts; create nothing."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also outside demo mode (e.g. a load-test database on PostgreSQL). Never on production: the demo "
            "accounts have published passwords.",
        )

    def handle(self, *args, **options):
        if options["accounts_only"]:
            self.print_accounts()
            return
        if not (settings.DEMO_MODE or settings.DEBUG or options["force"]):
            raise CommandError(
                "seed_demo creates accounts with published passwords, so it only runs in demo mode "
                "(REGIEKAMER_DEMO=1) or with DEBUG on. For a load-test database that is not production, add --force."
            )
        existing = (
            Gemeente.objects.filter(
                Q(cbs_code__in=[g.cbs_code for g in data.GEMEENTEN]) | Q(naam__in=[g.naam for g in data.GEMEENTEN])
            )
            .order_by("cbs_code")
            .first()
        )
        if existing is not None:
            raise CommandError(
                f"The demo data already exists (gemeente {existing.naam}, {existing.cbs_code}); nothing was changed. "
                "Use --accounts-only to print the demo accounts, or `regiekamer demo --reset` to start again."
            )
        scale = options["scale"]
        if scale is not None and scale < 1:
            raise CommandError("--scale must be a positive number of signals.")
        extra = 0
        if scale is not None and scale > FIRST_DEFAULT:
            extra, scale = max(0, scale - DEFAULT_TOTAL), None

        started = time.monotonic()
        progress = self._progress(options["verbosity"])
        builder = DemoBuilder(seed=options["seed"], scale=scale, log=progress)
        # One transaction: a load that fails halfway leaves no demo behind (it can simply be run again).
        with transaction.atomic():
            # No e-mail for the notifications the services send while the demo is built (owners of phenomena).
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                result = builder.build()
            give_demo_devices()
            demo_seconds = time.monotonic() - started
            loaded = bulk.load(extra, seed=options["seed"], log_progress=progress) if extra else None
        if loaded is not None:
            bulk.rebuild_summaries(loaded)
            progress("Lead times, figures and area summaries rebuilt.")
        elapsed = time.monotonic() - started
        gemeenten = ", ".join(f"{g.naam} ({g.cbs_code})" for g in result["gemeenten"])
        signalen, wegingen, casussen = result["signalen"], result["wegingen"], result["casussen"]
        if loaded is not None:
            signalen += loaded.signalen
            wegingen += loaded.rows.get("weging", 0)
            casussen += loaded.rows.get("casus", 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data created in {elapsed:.1f} s: {gemeenten}; {signalen} signals, "
                f"{wegingen} wegingen, {casussen} casussen."
            )
        )
        if loaded is not None:
            phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in loaded.seconds.items())
            rows = ", ".join(f"{key} {count}" for key, count in sorted(loaded.rows.items()))
            self.stdout.write(
                f"Default demo {demo_seconds:.1f} s; bulk load of {loaded.signalen} signals: {phases}; "
                f"{loaded.log_entries} processing-log entries."
            )
            self.stdout.write(f"Rows written in bulk: {rows}.")
        self.print_accounts()

    def _progress(self, verbosity):
        def log(message):
            if verbosity >= 2:
                self.stdout.write(message)

        return log

    def print_accounts(self):
        rows = demo_accounts()
        if not rows:
            self.stdout.write("No demo data found. Run `regiekamer seed_demo` (or `regiekamer demo`) to create it.")
            return
        columns = (("username", "Username"), ("password", "Password"), ("rol", "Role"), ("organisatie", "Organisation"))
        widths = {key: max(len(label), *(len(row[key]) for row in rows)) for key, label in columns}

        def line(values):
            return "  ".join(str(values[key]).ljust(widths[key]) for key, _label in columns).rstrip()

        self.stdout.write("")
        self.stdout.write("Demo accounts (demo passwords; never use these outside the demo):")
        gemeente = None
        for row in rows:
            if row["gemeente"] != gemeente:
                gemeente = row["gemeente"]
                self.stdout.write("")
                self.stdout.write(self.style.MIGRATE_HEADING(f"Gemeente {gemeente}"))
                self.stdout.write(line(dict(columns)))
                self.stdout.write(line({key: "-" * widths[key] for key, _label in columns}))
            self.stdout.write(line(row))
        self.stdout.write("")
        self.stdout.write(
            "Two-factor authentication: demo accounts that see personal data share the authenticator key "
            f"{DEMO_TOTP_SECRET}; in demo mode the code page shows the current code."
        )
        partner = next((o.naam for o in data.ZUIDERVEEN.organisaties if o.key == "corporatie"), "")
        self.stdout.write("")
        self.stdout.write("API tokens (printed once, stored hashed):")
        for command, what in (
            (f'regiekamer create_api_token "{partner}"', "organisation token for a partner system"),
            ("regiekamer create_api_token --user regisseur", "personal token of a staff member"),
            ("regiekamer create_api_token --list", "all organisations (id, name, gemeente)"),
        ):
            self.stdout.write(f"  {command:<58}  # {what}")
