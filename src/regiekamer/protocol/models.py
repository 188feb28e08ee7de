from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedTextField
from regiekamer.core.models import TenantModel
from regiekamer.protocol.machine import MelderStatus, Status, WegingSoort

# The legal bases a gemeente starts with: the pick list of its privacy checks.
STANDAARD_GRONDSLAGEN = "\n".join(
    (
        "Art. 172 Gemeentewet (handhaving van de openbare orde)",
        "Art. 6 lid 1 sub e AVG (taak van algemeen belang) met art. 172 Gemeentewet",
        "Art. 13b Opiumwet (bestuurlijke sluiting van een pand)",
        "Art. 174a Gemeentewet (sluiting van een woning bij verstoring van de openbare orde)",
        "Wet Bibob (integriteitsbeoordeling)",
        "Art. 53a Participatiewet (onderzoek naar de rechtmatigheid van een uitkering)",
        "Wmo 2015, hoofdstuk 6 (toezicht op rechtmatigheid)",
        "Huisvestingswet 2014 (handhaving)",
        "Art. 20 Wet politiegegevens (verstrekking binnen een samenwerkingsverband)",
    )
)


class ProtocolInstelling(models.Model):
    """Per gemeente: deadlines per step, the retention of "geen actie" signals, and the plain
    messages a reporter sees per status."""

    gemeente = models.OneToOneField("accounts.Gemeente", on_delete=models.CASCADE, related_name="protocol")
    termijn_stap_1 = models.PositiveSmallIntegerField(_("termijn stap 1 (werkdagen)"), default=5)
    termijn_stap_2 = models.PositiveSmallIntegerField(_("termijn stap 2 (werkdagen)"), default=10)
    termijn_stap_3 = models.PositiveSmallIntegerField(_("termijn stap 3 (werkdagen)"), default=15)
    termijn_stap_4 = models.PositiveSmallIntegerField(_("termijn stap 4 (werkdagen)"), default=10)
    bewaartermijn_geen_actie_dagen = models.PositiveSmallIntegerField(
        _("bewaartermijn bij 'geen actie' (dagen)"), default=365
    )
    bericht_ontvangen = models.CharField(
        _("bericht bij status ontvangen"),
        max_length=300,
        default="Uw melding is ontvangen. Dank u wel.",
    )
    bericht_in_behandeling = models.CharField(
        _("bericht bij status in behandeling"),
        max_length=300,
        default="Uw melding wordt in behandeling genomen. Over de inhoud kunnen wij u niets vertellen.",
    )
    bericht_afgerond = models.CharField(
        _("bericht bij status afgerond"),
        max_length=300,
        default="De behandeling van uw melding is afgerond. Dank voor uw melding.",
    )
    grondslagen = models.TextField(
        _("grondslagen voor de privacychecks"),
        default=STANDAARD_GRONDSLAGEN,
        blank=True,
        help_text=_(
            "Eén grondslag per regel. De regisseur kiest er een uit deze lijst of typt een andere; "
            "bij de volgende privacycheck staat de vorige grondslag al ingevuld."
        ),
    )

    class Meta:
        verbose_name = _("protocolinstelling")
        verbose_name_plural = _("protocolinstellingen")

    def __str__(self):
        return str(self.gemeente)

    def termijn_voor_stap(self, stap: int) -> int:
        return getattr(self, f"termijn_stap_{stap}")

    @property
    def grondslag_keuzes(self) -> list[str]:
        return [regel.strip() for regel in self.grondslagen.splitlines() if regel.strip()]

    def bericht_voor(self, melder_status: str) -> str:
        return {
            MelderStatus.ONTVANGEN: self.bericht_ontvangen,
            MelderStatus.IN_BEHANDELING: self.bericht_in_behandeling,
            MelderStatus.AFGEROND: self.bericht_afgerond,
        }[melder_status]


class Weging(TenantModel):
    """One recorded weighing or privacy check. Never edited: a correction is a new record that
    refers to the one it corrects."""

    signaal = models.ForeignKey("signalen.Signaal", on_delete=models.CASCADE, related_name="wegingen")
    soort = models.CharField(_("weging"), max_length=10, choices=WegingSoort.choices)
    uitkomst = models.CharField(_("uitkomst"), max_length=40)
    toelichting = EncryptedTextField(_("toelichting"))
    grondslag = models.CharField(_("grondslag"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    status_voor = models.CharField(max_length=30, choices=Status.choices)
    status_na = models.CharField(max_length=30, choices=Status.choices)
    corrigeert = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gecorrigeerd_door",
        verbose_name=_("corrigeert"),
    )
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=30)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now, db_index=True)
    # For the figures (inzicht), written with the record: the step it was recorded in, when that step began, and
    # when it closed the step (to another step or a final status) the step's lead time in working days
    # (protocol/doorlooptijden.py). Empty lead time: the weging did not close its step.
    stap = models.PositiveSmallIntegerField(_("stap"), null=True, blank=True, editable=False)
    stap_gestart_op = models.DateTimeField(_("stap begonnen op"), null=True, blank=True, editable=False)
    doorlooptijd = models.PositiveSmallIntegerField(
        _("doorlooptijd van de stap (werkdagen)"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("weging")
        verbose_name_plural = _("wegingen")
        ordering = ["vastgelegd_op"]
        indexes = [
            # The privacyfunctionaris' list of wegingen without a toelichting (audit.selectors): holds those only,
            # so the list never reads all wegingen.
            models.Index(
                fields=["gemeente", "-vastgelegd_op"],
                condition=models.Q(toelichting=""),
                name="weging_zonder_toelichting",
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.uitkomst}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A weging is never changed; record a correction instead.")
        # Whitespace is no justification: store it empty, so a weging without one can be found (encrypted text
        # cannot be searched, but the empty value can).
        self.toelichting = (self.toelichting or "").strip()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A weging is never deleted.")

    @property
    def uitkomst_label(self) -> str:
        from regiekamer.protocol.machine import WEGINGEN

        outcome = WEGINGEN[self.soort].outcome(self.uitkomst)
        return str(outcome.label) if outcome else self.uitkomst
