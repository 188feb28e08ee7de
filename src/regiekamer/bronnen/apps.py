from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BronnenConfig(AppConfig):
    name = "regiekamer.bronnen"
    label = "bronnen"
    verbose_name = _("Bronnen")

    def ready(self):
        from regiekamer.audit import completeness
        from regiekamer.bronnen.models import Bronraadpleging

        # Every bronraadpleging has the processing-log entry that created it (`regiekamer audit verify` checks).
        completeness.register("bronraadplegingen", Bronraadpleging, {"bron.hit", "bron.inhoud"})
