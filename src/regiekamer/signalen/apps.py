from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalenConfig(AppConfig):
    name = "regiekamer.signalen"
    label = "signalen"
    verbose_name = _("Signalen")

    def ready(self):
        from regiekamer.audit import completeness
        from regiekamer.signalen.models import Signaal

        # Every signaal has the processing-log entry that created it (`regiekamer audit verify` checks).
        completeness.register("signalen", Signaal, {"signaal.melden"})
