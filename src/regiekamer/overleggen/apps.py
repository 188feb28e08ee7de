from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverleggenConfig(AppConfig):
    name = "regiekamer.overleggen"
    label = "overleggen"
    verbose_name = _("Overleggen")
