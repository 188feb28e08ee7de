from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelenConfig(AppConfig):
    name = "regiekamer.delen"
    label = "delen"
    verbose_name = _("Delen met partners")
