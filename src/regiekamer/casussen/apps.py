from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasussenConfig(AppConfig):
    name = "regiekamer.casussen"
    label = "casussen"
    verbose_name = _("Casussen")

    def ready(self):
        from regiekamer.audit import completeness
        from regiekamer.casussen.models import Casus
        from regiekamer.casussen.services import open_casus_from_signaal
        from regiekamer.protocol.services import register_casus_opener

        # The protocol's "Casus starten" opens a case here; the protocol does not import this domain.
        register_casus_opener(open_casus_from_signaal)

        # Every casus has the processing-log entry that created it (`regiekamer audit verify` checks).
        completeness.register("casussen", Casus, {"casus.openen", "signaal.weging"})
