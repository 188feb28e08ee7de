from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InzageConfig(AppConfig):
    name = "regiekamer.inzage"
    verbose_name = _("Inzage (art. 15 AVG)")
    default_auto_field = "django.db.models.BigAutoField"
