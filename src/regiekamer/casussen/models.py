from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.models import TenantModel
from regiekamer.protocol.machine import Aanpak


class Casus(TenantModel):
    """A case run by one regisseur, opened from step 4 of the protocol or directly."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Gesloten")

    nummer = models.CharField(_("nummer"), max_length=20)
    titel = models.CharField(_("titel"), max_length=200)
    aanpak = models.CharField(_("aanpak"), max_length=20, choices=Aanpak.choices)
    regisseur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="casussen")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    signalen = models.ManyToManyField("signalen.Signaal", related_name="casussen", blank=True)
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-geopend_op"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "nummer"], name="casus_nummer_per_gemeente")]

    def __str__(self):
        return f"{self.nummer} {self.titel}"
