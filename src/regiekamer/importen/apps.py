from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportenConfig(AppConfig):
    name = "regiekamer.importen"
    label = "importen"
    verbose_name = _("Importen")

    def ready(self):
        from regiekamer.audit import completeness
        from regiekamer.importen.services import HANDELING

        # A signal from an import has the entry of the chunk that created it (`regiekamer audit verify` checks).
        completeness.also_created_by("signalen", {HANDELING})
