"""Running the background worker inside a test."""

from unittest import mock

from django.core.management import call_command


def work():
    """What `regiekamer db_worker` does: run every queued task, then stop. The worker checks its database connection
    between tasks (``close_old_connections``), which would close the connection of the test's transaction: not here."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
