from django.core.management.base import BaseCommand

from regiekamer.accounts.models import Gemeente
from regiekamer.casussen.monitoring import run_daily


class Command(BaseCommand):
    help = (
        "Daily run: reminders for overdue actions and escalation of long-overdue actions and stalled cases. "
        "Safe to run more than once a day."
    )

    def handle(self, *args, **options):
        for gemeente in Gemeente.objects.all():
            result = run_daily(gemeente)
            self.stdout.write(
                f"{gemeente.naam}: {result.herinneringen} herinneringen, {len(result.escalaties)} escalaties"
            )
