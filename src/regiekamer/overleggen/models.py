"""Case meetings: triage, casusoverleg, handhavingstafel, signaaloverleg."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedCharField, EncryptedTextField
from regiekamer.core.models import TenantModel


class Overleg(TenantModel):
    class Soort(models.TextChoices):
        TRIAGE = "triage", _("Triage")
        CASUSOVERLEG = "casusoverleg", _("Casusoverleg")
        HANDHAVINGSTAFEL = "handhavingstafel", _("Handhavingstafel")
        SIGNAALOVERLEG = "signaaloverleg", _("Signaaloverleg")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    datum = models.DateTimeField(_("datum en tijd"), db_index=True)
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorzitter")
    )
    deelnemers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="overleggen", blank=True, verbose_name=_("deelnemers")
    )
    gehouden = models.BooleanField(_("gehouden"), default=False)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-datum"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"


class Agendapunt(TenantModel):
    """A case on the agenda of a meeting, with why it is there, the minutes and decisions for it."""

    class Reden(models.TextChoices):
        NIEUW = "nieuw", _("Nieuwe casus")
        TE_LAAT = "te-laat", _("Acties te laat")
        STAGNEERT = "stagneert", _("Casus stagneert")
        AANGEVRAAGD = "aangevraagd", _("Bespreking aangevraagd")
        NIEUW_SIGNAAL = "nieuw-signaal", _("Nieuw signaal over betrokkenen")

    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="agendapunten")
    casus = models.ForeignKey("casussen.Casus", on_delete=models.PROTECT, related_name="agendapunten")
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices)
    volgorde = models.PositiveSmallIntegerField(default=0)
    notulen = EncryptedTextField(_("notulen"), blank=True)
    besluiten = EncryptedTextField(_("besluiten"), blank=True)
    planversie = models.ForeignKey(
        "casussen.PlanVersie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld plan"),
        help_text=_("De versie van het plan zoals in dit overleg afgesproken."),
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["volgorde"]
        constraints = [models.UniqueConstraint(fields=["overleg", "casus"], name="casus_eenmaal_per_overleg")]

    def __str__(self):
        return f"{self.overleg}: {self.casus.nummer}"


class BesprekingsVerzoek(TenantModel):
    """A request to discuss a case at the next meeting, so it lands on the agenda."""

    casus = models.ForeignKey("casussen.Casus", on_delete=models.CASCADE, related_name="besprekingsverzoeken")
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reden = EncryptedCharField(_("reden"), max_length=300)
    aangevraagd_op = models.DateTimeField(default=timezone.now)
    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("besprekingsverzoek")
        verbose_name_plural = _("besprekingsverzoeken")

    def __str__(self):
        return self.reden
