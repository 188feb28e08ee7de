"""The roles a user can hold. Codes are stable identifiers; labels are Dutch for users."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    REGISSEUR = "regisseur", _("Regisseur")
    ONDERMIJNINGSTEAM = "ondermijningsteam", _("Ondermijningsteam")
    PARTNERPROFESSIONAL = "partnerprofessional", _("Partnerprofessional")
    ANALIST = "analist", _("Analist")
    MANAGER = "manager", _("Manager")
    PRIVACYFUNCTIONARIS = "privacyfunctionaris", _("Privacyfunctionaris")
    FUNCTIONEEL_BEHEERDER = "functioneel-beheerder", _("Functioneel beheerder")
