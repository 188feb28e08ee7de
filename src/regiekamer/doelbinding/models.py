"""Compatibility decisions (verenigbaarheidsbesluiten, AVG art. 6(4)) for using a signal for another purpose."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedTextField
from regiekamer.core.models import TenantModel
from regiekamer.doelbinding.doelen import Doel


class Verenigbaarheidsbesluit(TenantModel):
    """The recorded decision that a signal collected for one purpose may be used in a case with another.

    Never changed or deleted; it goes only together with its signal or case when their retention term ends.
    An empty ``casus`` means the case still to be opened from this signal at the end of step 4; the case is
    filled in once when that case is opened.
    """

    class Conclusie(models.TextChoices):
        VERENIGBAAR = "verenigbaar", _("Verenigbaar: het signaal mag voor dit doel worden gebruikt")
        NIET_VERENIGBAAR = "niet-verenigbaar", _("Niet verenigbaar: het signaal wordt niet voor dit doel gebruikt")

    signaal = models.ForeignKey("signalen.Signaal", on_delete=models.CASCADE, related_name="verenigbaarheidsbesluiten")
    casus = models.ForeignKey(
        "casussen.Casus",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verenigbaarheidsbesluiten",
        verbose_name=_("casus (gebruik)"),
    )
    van_doel = models.CharField(_("van doel"), max_length=40, choices=Doel.choices)
    naar_doel = models.CharField(_("naar doel"), max_length=40, choices=Doel.choices)
    verband_doelen = EncryptedTextField(_("verband tussen de doelen"))
    context_verzameling = EncryptedTextField(_("context waarin de gegevens zijn verzameld"))
    aard_gegevens = EncryptedTextField(_("aard van de gegevens"))
    gevolgen_betrokkene = EncryptedTextField(_("gevolgen voor de betrokkene"))
    waarborgen = EncryptedTextField(_("waarborgen"))
    conclusie = models.CharField(_("conclusie"), max_length=20, choices=Conclusie.choices)
    toelichting = EncryptedTextField(_("toelichting op de conclusie"))
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=40)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verenigbaarheidsbesluit")
        verbose_name_plural = _("verenigbaarheidsbesluiten")
        ordering = ["vastgelegd_op"]

    def __str__(self):
        return f"{self.signaal_id}: {self.van_doel} → {self.naar_doel}"

    @property
    def staat_gebruik_toe(self) -> bool:
        return self.conclusie == self.Conclusie.VERENIGBAAR

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A compatibility decision is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A compatibility decision is never deleted on its own.")
