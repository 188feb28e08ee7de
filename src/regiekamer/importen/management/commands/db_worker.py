"""``regiekamer db_worker``: django-tasks' database worker (docs/decisions/0011-background-tasks.md), which first
queues again the imports that a stopped worker left unfinished (``services.hervat_onderbroken``): a task a killed
worker had claimed stays marked as running, and the queue never hands it out again."""

from django_tasks_db.management.commands import db_worker

from regiekamer.importen import services


class Command(db_worker.Command):
    help = "Run the background worker; imports that a stopped worker left unfinished are queued again first."

    def handle(self, *args, **options):
        hervat = services.hervat_onderbroken()
        if hervat and options["verbosity"]:
            self.stdout.write(f"Resuming {len(hervat)} unfinished import(s).")
        return super().handle(*args, **options)
