from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    name = "regiekamer.netwerk"
    verbose_name = _("Profielen en netwerken")
    default_auto_field = "django.db.models.BigAutoField"
