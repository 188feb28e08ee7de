from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InzichtConfig(AppConfig):
    name = "regiekamer.inzicht"
    verbose_name = _("Inzicht: cijfers en dashboards")
    default_auto_field = "django.db.models.BigAutoField"
