from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentiteitConfig(AppConfig):
    name = "regiekamer.identiteit"
    label = "identiteit"
    verbose_name = _("Identiteit: koppelen en samenvoegen van personen")
