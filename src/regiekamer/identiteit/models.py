"""Entity resolution: thresholds per gemeente, the explanation of every link, the review queue and merges."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedCharField, EncryptedJSONField
from regiekamer.core.models import TenantModel
from regiekamer.identiteit import matching


class KoppelInstelling(models.Model):
    """Per gemeente: from which match weight a reported person is linked automatically, and from which weight an
    uncertain pair is offered for review. Below the review threshold the person is new."""

    gemeente = models.OneToOneField("accounts.Gemeente", on_delete=models.CASCADE, related_name="koppelinstelling")
    drempel_koppelen = models.FloatField(
        _("drempel automatisch koppelen (bits)"),
        default=matching.DEFAULT_DREMPEL_KOPPELEN,
        help_text=_(
            "Vanaf dit gewicht wordt een gemelde persoon automatisch gekoppeld aan een bekende persoon, als geen "
            "regel dat verbiedt (ander BSN, andere voornaam of geboortedatum, huisgenoot, geen geboortedatum)."
        ),
    )
    drempel_beoordelen = models.FloatField(
        _("drempel ter beoordeling (bits)"),
        default=matching.DEFAULT_DREMPEL_BEOORDELEN,
        help_text=_(
            "Vanaf dit gewicht komt een twijfelachtig paar op de beoordelingslijst; daaronder: nieuwe persoon."
        ),
    )

    class Meta:
        verbose_name = _("koppelinstelling")
        verbose_name_plural = _("koppelinstellingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(drempel_beoordelen__lte=models.F("drempel_koppelen")),
                name="koppelinstelling_drempels_oplopend",
            )
        ]

    def __str__(self):
        return str(self.gemeente)

    @property
    def drempels(self) -> matching.Drempels:
        return matching.Drempels(koppelen=self.drempel_koppelen, beoordelen=self.drempel_beoordelen)


class Uitkomst(models.TextChoices):
    BSN = matching.BSN, _("gekoppeld op BSN")
    AUTOMATISCH = matching.AUTOMATISCH, _("automatisch gekoppeld")
    TER_BEOORDELING = matching.TER_BEOORDELING, _("ter beoordeling")
    NIEUW = matching.NIEUW, _("nieuwe persoon")


class Koppeling(TenantModel):
    """The explanation of one link: a reported person (``invoer``, as given) compared with a known person
    (``kandidaat``), field by field, and the outcome. ``persoon`` is the person the report ended with: the candidate
    (linked) or a new person (ter beoordeling)."""

    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="koppelingen")
    kandidaat = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    gewicht = models.FloatField(_("gewicht"))
    # [{"veld": "voornamen", "niveau": "initialen", "gewicht": 0.26}, ...] (matching.Vergelijking.als_json)
    velden = models.JSONField(_("vergelijking per veld"), default=list)
    # The reported values as given (names, birth date, address; never the BSN, only whether one was given).
    invoer = EncryptedJSONField(_("gemelde gegevens"), default=dict)
    kanaal = models.CharField(_("kanaal"), max_length=40, blank=True)
    drempel_koppelen = models.FloatField(_("drempel koppelen"))
    drempel_beoordelen = models.FloatField(_("drempel beoordelen"))
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("koppeling (uitleg)")
        verbose_name_plural = _("koppelingen (uitleg)")
        ordering = ["-op"]
        indexes = [models.Index(fields=["gemeente", "persoon", "op"])]

    def __str__(self):
        return f"{self.get_uitkomst_display()} ({self.gewicht:.1f})"


class Beoordeling(TenantModel):
    """An uncertain pair in the review queue: the known person ``bekend`` and the person the report became,
    ``nieuw``. Judged once (same, different, unsure) with a reason; a pair judged different is never proposed
    again."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ZELFDE = "zelfde", _("dezelfde persoon")
        VERSCHILLEND = "verschillend", _("verschillende personen")
        ONZEKER = "onzeker", _("onzeker")
        VERVALLEN = "vervallen", _("vervallen")

    bekend = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    nieuw = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    koppeling = models.ForeignKey(Koppeling, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    gewicht = models.FloatField(_("gewicht"))
    velden = models.JSONField(_("vergelijking per veld"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # Blind review: the model's weight is shown only after the first judgement is recorded.
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rol = models.CharField(_("rol"), max_length=40, blank=True)
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reden = EncryptedCharField(_("reden"), max_length=500, blank=True)
    samenvoeging = models.ForeignKey(
        "identiteit.Samenvoeging", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["aangemaakt_op"]
        indexes = [models.Index(fields=["gemeente", "status", "aangemaakt_op"])]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "bekend", "nieuw"],
                condition=models.Q(status="open"),
                name="beoordeling_een_open_per_paar",
            ),
            models.CheckConstraint(condition=~models.Q(bekend=models.F("nieuw")), name="beoordeling_twee_personen"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.aangemaakt_op:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Samenvoeging(TenantModel):
    """One merge: ``opgeheven`` was merged into ``blijvend``. ``verplaatst`` lists every row that was moved from the
    one to the other (model, id, field), ``verwijderd`` the link rows that were dropped because the remaining person
    had them already, ``aangevuld`` the fields of the remaining person filled from the other (with their old
    values): everything an unmerge needs to restore both persons exactly."""

    blijvend = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    opgeheven = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    reden = EncryptedCharField(_("reden"), max_length=500)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=40, blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)
    verplaatst = models.JSONField(default=list)
    verwijderd = models.JSONField(default=list)
    aangevuld = EncryptedJSONField(default=dict)
    ongedaan_op = models.DateTimeField(_("ongedaan gemaakt op"), null=True, blank=True)
    ongedaan_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ongedaan_reden = EncryptedCharField(_("reden van ongedaan maken"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("samenvoeging")
        verbose_name_plural = _("samenvoegingen")
        ordering = ["-op"]

    def __str__(self):
        return f"{self.op:%Y-%m-%d}{' (ongedaan)' if self.ongedaan_op else ''}"

    @property
    def actief(self) -> bool:
        return self.ongedaan_op is None
