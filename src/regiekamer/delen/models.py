"""Sharing decisions (delingsbesluiten): what of a case a partner organisation may see, recorded by the
regisseur side in privacy check 2B or on the case page. A decision is never edited; it can only be
withdrawn, and that withdrawal is itself recorded (who, when, why) and logged."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedTextField
from regiekamer.core.models import TenantModel


class Categorie(models.TextChoices):
    """The parts of a case a partner can be given. Each maps to one section of the partner's case page,
    the API's ``deelnemer`` view and the meeting minutes."""

    KOPGEGEVENS = "kopgegevens", _("Kopgegevens (nummer, titel, aanpak, status, regisseur)")
    BETROKKENEN = "betrokkenen", _("Betrokkenen (huishouden, rol en problematiek)")
    PLAN = "plan", _("Plan van aanpak: doelen en afspraken")
    EIGEN_ACTIES = "eigen-acties", _("Eigen acties (aan de partner toegewezen interventies)")
    OVERLEG = "overleg", _("Notulen en besluiten uit overleggen")


# Every decision includes the header: without it a partner cannot tell which case the rest is about.
VERPLICHT = (Categorie.KOPGEGEVENS,)
# The default of privacy check 2B when nothing is chosen: the header and the partner's own actions.
MINIMAAL = (Categorie.KOPGEGEVENS, Categorie.EIGEN_ACTIES)


class DelingsBesluitQuerySet(models.QuerySet):
    def actief(self, today=None):
        """Not withdrawn and not past ``geldig_tot`` (checked when asked, so expiry needs no job)."""
        today = today or timezone.localdate()
        return self.filter(ingetrokken_op__isnull=True).filter(
            models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=today)
        )


class DelingsBesluit(TenantModel):
    """One recorded decision to share part of a case (or of what a signal leads to) with one organisation."""

    ontvanger = models.ForeignKey(
        "accounts.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("ontvanger")
    )
    casus = models.ForeignKey(
        "casussen.Casus",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="delingsbesluiten",
        verbose_name=_("casus"),
    )
    signaal = models.ForeignKey(
        "signalen.Signaal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="delingsbesluiten",
        verbose_name=_("signaal"),
        help_text=_("Een besluit uit privacycheck 2B geldt voor de casus waar dit signaal toe leidt."),
    )
    categorieen = models.JSONField(_("categorieën"), default=list)
    omschrijving = EncryptedTextField(_("welke gegevens precies"))
    doel = models.TextField(_("doel"))
    grondslag = models.CharField(_("grondslag"), max_length=300)
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    weging = models.ForeignKey(
        "protocol.Weging",
        # Wegingen are only ever removed by retention, with their signal; the decisions go with them.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="delingsbesluiten",
        verbose_name=_("privacycheck 2B"),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    rol = models.CharField(_("rol"), max_length=40, blank=True)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    reden_intrekking = EncryptedTextField(_("reden van intrekking"), blank=True)

    objects = DelingsBesluitQuerySet.as_manager()

    class Meta:
        verbose_name = _("delingsbesluit")
        verbose_name_plural = _("delingsbesluiten")
        ordering = ["-vastgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(casus__isnull=False) | models.Q(signaal__isnull=False),
                name="delingsbesluit_casus_of_signaal",
            )
        ]

    def __str__(self):
        return f"{self.ontvanger} ({self.vastgelegd_op:%Y-%m-%d})"

    INTREKKING_FIELDS = frozenset({"ingetrokken_op", "ingetrokken_door", "reden_intrekking"})

    def save(self, *args, **kwargs):
        # Never edited: after creation only the withdrawal may be written, once.
        fields = set(kwargs.get("update_fields") or ())
        if not self._state.adding and (not fields or not fields <= self.INTREKKING_FIELDS):
            raise ValueError("Een delingsbesluit wordt nooit gewijzigd, alleen ingetrokken.")
        super().save(*args, **kwargs)

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    @property
    def is_verlopen(self) -> bool:
        return self.geldig_tot is not None and self.geldig_tot < timezone.localdate()

    @property
    def is_actief(self) -> bool:
        return not self.is_ingetrokken and not self.is_verlopen

    @property
    def categorie_labels(self) -> list[str]:
        labels = dict(Categorie.choices)
        return [str(labels.get(code, code)) for code in self.categorieen]
