from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolConfig(AppConfig):
    name = "regiekamer.protocol"
    label = "protocol"
    verbose_name = _("Modelprotocol")

    def ready(self):
        from regiekamer.audit import completeness
        from regiekamer.protocol.models import Weging

        # Every weging has the processing-log entry that created it (`regiekamer audit verify` checks).
        completeness.register("wegingen", Weging, {"signaal.weging"})
