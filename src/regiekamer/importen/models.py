"""Bulk intake: imports of partner files in the Regiekamer-importformaat, their results per row, the partner's own
references that make a re-import create nothing twice, the column mapping per organisation, and the arrears lines of
vroegsignalering."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedCharField, EncryptedFileField, EncryptedTextField
from regiekamer.core.models import TenantModel


def import_pad(instance, filename):
    # The stored name reveals nothing: no original file name.
    return f"importen/{instance.gemeente_id}/{instance.pk.hex}"


class Import(TenantModel):
    """One file of signals delivered by one organisation. Processed in chunks; each chunk commits its rows, its
    results and its processing-log entry together, so an import that is stopped resumes at the next chunk."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("In de wachtrij")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    class Kanaal(models.TextChoices):
        WEB = "web", _("Webapplicatie")
        API = "api", _("API")
        COMMANDO = "commando", _("Commando")

    class Soort(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    organisatie = models.ForeignKey(
        "accounts.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_token = models.ForeignKey(
        "accounts.ApiToken", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    bestandsnaam = EncryptedCharField(_("bestandsnaam"), max_length=200, blank=True)
    # The uploaded file, encrypted, kept only until the import is done.
    bestand = EncryptedFileField(upload_to=import_pad, max_length=255, blank=True)
    bestand_hash = models.CharField(max_length=64, db_index=True)
    soort = models.CharField(_("soort bestand"), max_length=4, choices=Soort.choices)
    kolommen = models.JSONField(_("kolomindeling"), default=dict, blank=True)  # format column -> header in the file
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WACHTRIJ)
    totaal = models.PositiveIntegerField(_("rijen"), null=True, blank=True)
    verwerkt = models.PositiveIntegerField(_("verwerkt"), default=0)  # data records handled: where to resume
    delen = models.PositiveIntegerField(default=0)  # chunks committed
    nieuw = models.PositiveIntegerField(default=0)
    al_ontvangen = models.PositiveIntegerField(default=0)
    fout = models.PositiveIntegerField(default=0)
    melding = models.TextField(_("melding"), blank=True)  # why the whole file could not be read
    aangemaakt_op = models.DateTimeField(default=timezone.now, db_index=True)
    gestart_op = models.DateTimeField(null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    taak_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importen")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.organisatie} {self.aangemaakt_op:%Y-%m-%d %H:%M}"

    @property
    def is_afgerond(self) -> bool:
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)

    @property
    def percentage(self) -> int:
        if self.status == self.Status.KLAAR:
            return 100
        if not self.totaal:
            return 0
        return min(100, int(100 * self.verwerkt / self.totaal))


class ImportDeel(models.Model):
    """The result lines of one committed chunk of an import (CSV lines without the header), in file order."""

    id = models.BigAutoField(primary_key=True)
    import_obj = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="deel_resultaten")
    nummer = models.PositiveIntegerField()
    eerste_record = models.PositiveIntegerField()
    records = models.PositiveIntegerField()
    resultaat = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["import_obj", "nummer"]
        constraints = [models.UniqueConstraint(fields=["import_obj", "nummer"], name="importdeel_uniek")]

    def __str__(self):
        return f"{self.import_obj_id} #{self.nummer}"


class Bronreferentie(TenantModel):
    """The partner's own id of a row (``referentie``) and the signal it became. Unique per organisation: the same
    row delivered again is recognised and creates nothing."""

    organisatie = models.ForeignKey("accounts.Organisatie", on_delete=models.PROTECT, related_name="+")
    referentie = models.CharField(_("referentie"), max_length=100)
    signaal = models.ForeignKey("signalen.Signaal", on_delete=models.CASCADE, related_name="bronreferenties")
    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    import_obj = models.ForeignKey(Import, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    rij = models.PositiveIntegerField(null=True, blank=True)
    ontvangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bronreferentie")
        verbose_name_plural = _("bronreferenties")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "referentie"], name="bronreferentie_per_organisatie")
        ]

    def __str__(self):
        return self.referentie


class Kolomindeling(TenantModel):
    """Which column of an organisation's files holds which column of the format: set once, used for every file."""

    organisatie = models.OneToOneField("accounts.Organisatie", on_delete=models.CASCADE, related_name="+")
    kolommen = models.JSONField(default=dict)  # format column -> header as it appears in the organisation's files
    bijgewerkt_op = models.DateTimeField(default=timezone.now)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kolomindeling")
        verbose_name_plural = _("kolomindelingen")


class ImportInstelling(models.Model):
    """Per gemeente: the period within which arrears signals about the same household are combined."""

    gemeente = models.OneToOneField("accounts.Gemeente", on_delete=models.CASCADE, related_name="import_instelling")
    vroegsignalering_dagen = models.PositiveIntegerField(
        _("periode vroegsignalering (dagen)"),
        default=90,
        help_text=_("Betalingsachterstanden over hetzelfde huishouden binnen deze periode worden één signaal."),
    )

    class Meta:
        verbose_name = _("instelling importen")
        verbose_name_plural = _("instellingen importen")

    def __str__(self):
        return str(self.gemeente)


class SoortSchuldeiser(models.TextChoices):
    ENERGIE = "energie", _("Energieleverancier")
    WATER = "water", _("Drinkwaterbedrijf")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
    VERHUURDER = "verhuurder", _("Verhuurder")


class Terugkoppeling(models.TextChoices):
    """What the creditor hears back: a status, never the content of the signal."""

    HERHAALDE_MELDING = "herhaalde-melding", _("Herhaalde melding")
    CONTACT_GELEGD = "contact-gelegd", _("Contact gelegd")
    GEEN_CONTACT = "geen-contact", _("Geen contact")
    ONTERECHT = "onterecht-signaal", _("Onterecht signaal")


class Achterstand(TenantModel):
    """One creditor's arrears on a (combined) vroegsignalering signal."""

    signaal = models.ForeignKey("signalen.Signaal", on_delete=models.CASCADE, related_name="achterstanden")
    organisatie = models.ForeignKey("accounts.Organisatie", on_delete=models.PROTECT, related_name="+")
    bronreferentie = models.OneToOneField(
        Bronreferentie, on_delete=models.CASCADE, null=True, blank=True, related_name="achterstand"
    )
    soort_schuldeiser = models.CharField(_("soort schuldeiser"), max_length=20, choices=SoortSchuldeiser.choices)
    bedrag = models.DecimalField(_("bedrag achterstand"), max_digits=12, decimal_places=2, null=True, blank=True)
    sinds = models.DateField(_("achterstand sinds"), null=True, blank=True)
    adres = models.ForeignKey("subjects.Adres", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    gemeld_op = models.DateTimeField(default=timezone.now)
    terugkoppeling = models.CharField(_("terugkoppeling"), max_length=20, choices=Terugkoppeling.choices, blank=True)
    terugkoppeling_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("betalingsachterstand")
        verbose_name_plural = _("betalingsachterstanden")
        ordering = ["gemeld_op"]
        indexes = [models.Index(fields=["gemeente", "adres", "gemeld_op"])]
