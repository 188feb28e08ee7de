from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoelbindingConfig(AppConfig):
    name = "regiekamer.doelbinding"
    label = "doelbinding"
    verbose_name = _("Doelbinding")
