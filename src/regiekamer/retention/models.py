"""Retention terms per gemeente, legal holds, and the records kept of what was destroyed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.models import TenantModel

# Default terms. "Geen actie" signals are not covered here: they carry their own ``vernietigen_op``
# (decision date + ProtocolInstelling.bewaartermijn_geen_actie_dagen, one year by default).
DEFAULT_SIGNAAL_DAGEN = 730  # two years after a signal was finished without a case
DEFAULT_CASUS_DAGEN = 1826  # five years after a case was closed


class Bewaartermijn(models.Model):
    """Per gemeente: how long finished signals and closed cases are kept before they are destroyed."""

    gemeente = models.OneToOneField("accounts.Gemeente", on_delete=models.CASCADE, related_name="bewaartermijn")
    signaal_dagen = models.PositiveIntegerField(
        _("signalen zonder casus (dagen na afronden)"),
        default=DEFAULT_SIGNAAL_DAGEN,
        help_text=_(
            "Voor signalen die zijn afgerond zonder casus, behalve 'geen actie': die worden vernietigd op de "
            "datum uit de protocolinstelling."
        ),
    )
    casus_dagen = models.PositiveIntegerField(
        _("casussen (dagen na sluiten)"),
        default=DEFAULT_CASUS_DAGEN,
        help_text=_("De signalen van een casus worden samen met de casus vernietigd."),
    )

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self):
        return str(self.gemeente)


class LegalHold(TenantModel):
    """A hold on one signal or case: while active, it is not destroyed. A hold on a signal also keeps
    the cases it belongs to; a hold on a case also keeps its signals."""

    signaal = models.ForeignKey(
        "signalen.Signaal", on_delete=models.CASCADE, null=True, blank=True, related_name="legal_holds"
    )
    casus = models.ForeignKey(
        "casussen.Casus", on_delete=models.CASCADE, null=True, blank=True, related_name="legal_holds"
    )
    reden = models.TextField(_("reden"))
    # Empty when placed or lifted with the management command (the processing log names the command).
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sinds = models.DateTimeField(_("sinds"), default=timezone.now)
    opgeheven_op = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    opgeheven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opheffingsreden = models.TextField(_("reden van opheffen"), blank=True)

    class Meta:
        verbose_name = _("bewaarplicht (legal hold)")
        verbose_name_plural = _("bewaarplichten (legal holds)")
        ordering = ["-sinds"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(signaal__isnull=False, casus__isnull=True))
                | (models.Q(signaal__isnull=True, casus__isnull=False)),
                name="legal_hold_signaal_of_casus",
            ),
        ]

    def __str__(self):
        record = self.signaal or self.casus
        return f"{getattr(record, 'nummer', '')} ({'actief' if self.is_actief else 'opgeheven'})"

    @property
    def is_actief(self) -> bool:
        return self.opgeheven_op is None


class VernietigingsRecord(TenantModel):
    """Evidence that a record was destroyed: which number, on what ground, when, by what, and how many derived
    records went with it. Holds no personal data: no names, descriptions or subject ids."""

    class Soort(models.TextChoices):
        SIGNAAL = "signaal", _("Signaal")
        CASUS = "casus", _("Casus")

    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    nummer = models.CharField(_("nummer"), max_length=20)
    grondslag = models.CharField(_("grondslag"), max_length=200)
    vernietigd_op = models.DateTimeField(_("vernietigd op"), default=timezone.now)
    door = models.CharField(_("door"), max_length=100)
    aantallen = models.JSONField(_("aantallen"), default=dict)

    class Meta:
        verbose_name = _("vernietigingsrecord")
        verbose_name_plural = _("vernietigingsrecords")
        ordering = ["-vernietigd_op"]
        indexes = [models.Index(fields=["gemeente", "soort", "nummer"])]

    def __str__(self):
        return f"{self.soort} {self.nummer} {self.vernietigd_op:%Y-%m-%d}"
