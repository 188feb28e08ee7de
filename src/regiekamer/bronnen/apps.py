from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BronnenConfig(AppConfig):
    name = "regiekamer.bronnen"
    label = "bronnen"
    verbose_name = _("Bronnen")
