from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyseConfig(AppConfig):
    name = "regiekamer.analyse"
    verbose_name = _("Analyse (gepseudonimiseerd)")
    default_auto_field = "django.db.models.BigAutoField"
