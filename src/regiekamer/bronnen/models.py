from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedJSONField, EncryptedTextField
from regiekamer.core.models import TenantModel


class Bronraadpleging(TenantModel):
    """One query of a source during bronnenonderzoek (step 3). Hit/no-hit queries and content queries
    are both recorded; a content query carries its justification."""

    class Soort(models.TextChoices):
        HIT_NO_HIT = "hit-no-hit", _("Hit/no-hit")
        INHOUD = "inhoud", _("Inhoud")

    signaal = models.ForeignKey("signalen.Signaal", on_delete=models.CASCADE, related_name="bronraadplegingen")
    bron = models.CharField(_("bron"), max_length=30)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    adres = models.ForeignKey("subjects.Adres", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    rechtspersoon = models.ForeignKey(
        "subjects.Rechtspersoon", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    hit = models.BooleanField(_("bekend in bron"))
    inhoud = EncryptedJSONField(_("inhoud"), default=dict, blank=True)
    motivering = EncryptedTextField(_("motivering"), blank=True)
    uitgevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=30)
    uitgevoerd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bronraadpleging")
        verbose_name_plural = _("bronraadplegingen")
        ordering = ["uitgevoerd_op"]

    @property
    def subject(self):
        return self.persoon or self.adres or self.rechtspersoon

    def __str__(self):
        return f"{self.bron} {self.soort} {self.uitgevoerd_op:%Y-%m-%d}"
