"""Parts of an inzage report (art. 15 AVG) that the regisseur decided not to provide, with the reason."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedCharField
from regiekamer.core.models import TenantModel


class Weigering(TenantModel):
    """One withheld part of the report about one person.

    ``onderdeel`` is a stable key of a report section or item: ``"persoon"``, ``"verwerkingen"``, or
    ``"<soort>:<uuid>"`` (e.g. ``"signaal:…"``, ``"bronraadpleging:…"``). It holds ids only, no personal data.
    """

    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    onderdeel = models.CharField(_("onderdeel"), max_length=80)
    reden = EncryptedCharField(_("reden"), max_length=300)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("weigering (inzage)")
        verbose_name_plural = _("weigeringen (inzage)")
        ordering = ["op"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "persoon", "onderdeel"], name="weigering_uniek"),
        ]

    def __str__(self):
        return f"{self.onderdeel}: {self.reden}"


class Rectificatie(TenantModel):
    """One corrected field of a person (art. 16 AVG): the old and new value, why, on whose request, by whom.

    Never changed or deleted on its own; it goes only together with the person."""

    class Veld(models.TextChoices):
        VOORNAMEN = "voornamen", _("voornamen")
        TUSSENVOEGSEL = "tussenvoegsel", _("tussenvoegsel")
        ACHTERNAAM = "achternaam", _("achternaam")
        GEBOORTEDATUM = "geboortedatum", _("geboortedatum")

    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    veld = models.CharField(_("veld"), max_length=30, choices=Veld.choices)
    oude_waarde = EncryptedCharField(_("oude waarde"), max_length=200, blank=True)
    nieuwe_waarde = EncryptedCharField(_("nieuwe waarde"), max_length=200, blank=True)
    reden = EncryptedCharField(_("reden"), max_length=300)
    verzoek = models.CharField(_("verzoek (kenmerk)"), max_length=100, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=40, blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("rectificatie")
        verbose_name_plural = _("rectificaties")
        ordering = ["op"]

    def __str__(self):
        return f"{self.get_veld_display()} ({self.op:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Een rectificatie wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Een rectificatie wordt nooit los verwijderd.")


class Beperking(TenantModel):
    """Restriction of processing (art. 18 AVG) of one person: placed with a reason, lifted with a reason.

    While ``opgeheven_op`` is empty the restriction is active (see ``inzage.beperking``)."""

    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    reden = EncryptedCharField(_("reden"), max_length=300)
    verzoek = models.CharField(_("verzoek (kenmerk)"), max_length=100, blank=True)
    geplaatst_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geplaatst_rol = models.CharField(_("rol"), max_length=40, blank=True)
    geplaatst_op = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    opheffen_reden = EncryptedCharField(_("reden van opheffen"), max_length=300, blank=True)
    opgeheven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opgeheven_rol = models.CharField(_("rol bij opheffen"), max_length=40, blank=True)
    opgeheven_op = models.DateTimeField(_("opgeheven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("beperking van de verwerking")
        verbose_name_plural = _("beperkingen van de verwerking")
        ordering = ["geplaatst_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "persoon"],
                condition=models.Q(opgeheven_op__isnull=True),
                name="een_actieve_beperking_per_persoon",
            )
        ]

    def __str__(self):
        return f"{self.reden} ({self.geplaatst_op:%Y-%m-%d})"

    @property
    def actief(self) -> bool:
        return self.opgeheven_op is None

    def delete(self, *args, **kwargs):
        raise ValueError("Een beperking wordt nooit verwijderd, alleen opgeheven.")
