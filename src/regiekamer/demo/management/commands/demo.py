import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from regiekamer.accounts.models import Gemeente
from regiekamer.demo.devices import give_demo_devices


class Command(BaseCommand):
    help = "Run the demo: migrate, load demo data (once), print the demo accounts and serve on localhost."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--reset", action="store_true", help="Throw away the demo database and start again.")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the demo but do not start the server.")

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("The demo only runs in demo mode (REGIEKAMER_DEMO=1).")
        if os.environ.get("DATABASE_URL"):
            # The demo flushes and fills its database with published passwords: never a real one.
            raise CommandError("The demo uses its own embedded SQLite database; unset DATABASE_URL.")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        if not Gemeente.objects.exists():
            self.stdout.write("Loading demo data...")
            call_command("seed_demo")
        else:
            # A database from before two-factor authentication, or a device reset in the admin: the demo key again.
            give_demo_devices()
            call_command("seed_demo", accounts_only=True)
        if not options["no_serve"]:
            host_port = options["addrport"]
            worker = self._start_worker()
            self.stdout.write(self.style.SUCCESS(f"Regiekamer demo: http://{host_port}/"))
            # Stopped with SIGTERM as with Ctrl+C: the worker is stopped too (below), not left running.
            signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
            try:
                # DEBUG is off in the demo too: runserver serves the static files only when asked.
                call_command("runserver", host_port, use_reloader=False, insecure_serving=True)
            finally:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _start_worker(self) -> subprocess.Popen:
        """The background worker of the demo (django-tasks' database worker: imports run there), as a child process
        that ends with the demo. It first queues again the imports an earlier run left unfinished."""
        self.stdout.write("Background worker: regiekamer db_worker")
        return subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "-m", "regiekamer.manage", "db_worker", "--no-reload", "--interval", "1", "-v", "0"],
            env={**os.environ, "REGIEKAMER_DEMO": "1"},
        )
