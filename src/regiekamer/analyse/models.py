"""Re-identification of a pseudonym: a recorded, justified act."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedCharField
from regiekamer.core.models import TenantModel


class Heridentificatie(TenantModel):
    """Who re-identified which pseudonym, in which role, when and why. Never changed or deleted one by one.

    The target is kept as kind and id (no foreign key), so the record outlives the destruction of the subject."""

    class Soort(models.TextChoices):
        PERSOON = "persoon", _("persoon")
        ADRES = "adres", _("adres")
        RECHTSPERSOON = "rechtspersoon", _("onderneming")

    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=40)
    op = models.DateTimeField(_("op"), default=timezone.now)
    pseudoniem = models.CharField(_("pseudoniem"), max_length=20)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    object_id = models.UUIDField(_("object"))
    reden = EncryptedCharField(_("reden"), max_length=500)
    referentie = models.CharField(_("referentie"), max_length=200)

    class Meta:
        verbose_name = _("heridentificatie")
        verbose_name_plural = _("heridentificaties")
        ordering = ["-op"]

    def __str__(self):
        return f"{self.pseudoniem} ({self.op:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Een heridentificatie wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Een heridentificatie wordt nooit verwijderd.")
