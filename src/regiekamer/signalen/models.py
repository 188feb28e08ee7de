"""Signals ("signalen") from partners, with their phenomena, red-flag indicators and attachments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.fields import EncryptedCharField, EncryptedFileField, EncryptedTextField
from regiekamer.core.models import TenantModel
from regiekamer.doelbinding.doelen import Doel
from regiekamer.protocol.machine import Status


class Fenomeen(TenantModel):
    """A phenomenon of undermining crime, configurable per gemeente."""

    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=120)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verantwoordelijke"),
        help_text=_("Krijgt bericht bij elk nieuw signaal over dit fenomeen, bijv. de aandachtsfunctionaris."),
    )
    bronnen = models.CharField(
        _("voorgestelde bronnen"),
        max_length=200,
        blank=True,
        help_text=_(
            "Codes van de bronnen die privacycheck 1 voorstelt bij dit fenomeen, gescheiden door komma's "
            "(brp, bag, kvk, vergunningen, uitkeringen)."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("fenomeen")
        verbose_name_plural = _("fenomenen")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "code"], name="fenomeen_code_per_gemeente")]

    def __str__(self):
        return self.naam

    @property
    def bron_codes(self) -> list[str]:
        return [code.strip() for code in self.bronnen.split(",") if code.strip()]


class Indicator(TenantModel):
    """An item of the red-flag checklist. Anchoring indicators ("situationele en lokale verankering")
    are generic; red flags belong to a phenomenon."""

    class Soort(models.TextChoices):
        VERANKERING = "verankering", _("Situationele en lokale verankering")
        RODE_VLAG = "rode-vlag", _("Rode vlag")

    code = models.SlugField(_("code"), max_length=60)
    omschrijving = models.CharField(_("omschrijving"), max_length=250)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.RODE_VLAG)
    fenomeen = models.ForeignKey(Fenomeen, on_delete=models.CASCADE, null=True, blank=True, related_name="indicatoren")
    actief = models.BooleanField(_("actief"), default=True)
    # Guidance shown with the indicator in the report form and at weging 1 (signalen.duiding for the seed text).
    betekenis = models.TextField(_("wat het betekent"), blank=True)
    nagaan = models.TextField(_("hoe u het nagaat of verrijkt"), blank=True)
    vervolg = models.TextField(_("waarschijnlijke volgende stap"), blank=True)

    @property
    def heeft_duiding(self) -> bool:
        return bool(self.betekenis or self.nagaan or self.vervolg)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["soort", "omschrijving"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "code"], name="indicator_code_per_gemeente")]

    def __str__(self):
        return self.omschrijving


class SignaalNummering(models.Model):
    """Per gemeente and year the last signal number handed out, so numbers are gap-free and unique."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE)
    jaar = models.PositiveIntegerField()
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="nummering_per_jaar")]

    def __str__(self):
        return f"{self.jaar}: {self.laatste}"


class AnoniemeBron(models.TextChoices):
    MELD_MISDAAD_ANONIEM = "meld-misdaad-anoniem", _("Meld Misdaad Anoniem")
    ANONIEME_MELDER = "anonieme-melder", _("Anonieme melder (overig)")


class Signaal(TenantModel):
    nummer = models.CharField(_("nummer"), max_length=20, editable=False)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    omschrijving = EncryptedTextField(_("omschrijving"))
    fenomenen = models.ManyToManyField(Fenomeen, related_name="signalen", verbose_name=_("fenomenen"))
    indicatoren = models.ManyToManyField(Indicator, blank=True, related_name="signalen", verbose_name=_("indicatoren"))

    melder_organisatie = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="gemelde_signalen",
        verbose_name=_("meldende organisatie"),
    )
    melder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldingen",
        verbose_name=_("melder"),
    )
    api_token = models.ForeignKey(
        "accounts.ApiToken", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anoniem = models.BooleanField(
        _("anonieme bron"),
        default=False,
        help_text=_("De oorspronkelijke melder is anoniem; de organisatie brengt het signaal in."),
    )
    anonieme_bron = models.CharField(_("anonieme bron"), max_length=30, choices=AnoniemeBron.choices, blank=True)

    personen = models.ManyToManyField("subjects.Persoon", blank=True, related_name="signalen")
    adressen = models.ManyToManyField("subjects.Adres", blank=True, related_name="signalen")
    rechtspersonen = models.ManyToManyField("subjects.Rechtspersoon", blank=True, related_name="signalen")
    voertuigen = models.ManyToManyField("subjects.Voertuig", blank=True, related_name="signalen")
    locatie = models.CharField(
        _("locatie"),
        max_length=250,
        blank=True,
        help_text=_("Plaats van het signaal als er geen adres is, bijv. 'hangplek speeltuin'."),
    )
    buurt = models.ForeignKey(
        "subjects.Buurt", on_delete=models.SET_NULL, null=True, blank=True, related_name="signalen"
    )
    doel = models.CharField(
        _("doel"),
        max_length=40,
        choices=Doel.choices,
        default=Doel.HANDHAVING,
        help_text=_("Het doel waarvoor de gegevens zijn verzameld (doelbinding)."),
    )

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.WEGING_1, db_index=True
    )
    stap = models.PositiveSmallIntegerField(_("stap"), default=1, db_index=True)
    stap_gestart_op = models.DateTimeField(default=timezone.now)
    termijn = models.DateField(_("termijn"), null=True, blank=True, db_index=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    vernietigen_op = models.DateField(_("vernietigen op"), null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    # The reporter's own short title, to tell their reports apart; shown only to the reporting organisation.
    melder_titel = EncryptedCharField(
        _("eigen titel van de melder"), max_length=80, blank=True, default="", db_default=""
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandelaar"),
        help_text=_("De regisseur die het signaal door de stappen brengt."),
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-ontvangen_op"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "nummer"], name="signaal_nummer_per_gemeente")]
        indexes = [
            # Per status by deadline, with the id: the worklist's counts (open, overdue) from the index alone.
            models.Index(fields=["gemeente", "status", "termijn", "id"], name="signaal_status_termijn"),
            # The worklist in its own order (signalen.selectors.WERKVOORRAAD_ORDER): a page is read from here.
            models.Index(fields=["gemeente", "termijn", "-ontvangen_op", "id"], name="signaal_werkvoorraad"),
            # A reporter's own signals, newest first (also the worklist's filter on the reporting organisation).
            models.Index(fields=["gemeente", "melder", "-ontvangen_op"], name="signaal_melder"),
            models.Index(fields=["gemeente", "melder_organisatie", "-ontvangen_op"], name="signaal_melder_organisatie"),
            # "Mijn werkvoorraad" and the start page: one regisseur's signals in worklist order.
            models.Index(fields=["gemeente", "behandelaar", "termijn", "id"], name="signaal_behandelaar"),
        ]

    def __str__(self):
        return self.nummer

    @property
    def is_afgerond(self) -> bool:
        return self.afgerond_op is not None

    @property
    def is_te_laat(self) -> bool:
        return not self.is_afgerond and self.termijn is not None and self.termijn < timezone.localdate()


def bijlage_pad(instance, filename):
    # The stored name reveals nothing: no original file name, no subject.
    return f"{instance.gemeente_id}/{instance.signaal_id}/{uuid.uuid4().hex}"


class Bijlage(TenantModel):
    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="bijlagen")
    # Room for "<gemeente uuid>/<signaal uuid>/<random hex>" without truncating the random part.
    bestand = EncryptedFileField(upload_to=bijlage_pad, max_length=255)
    bestandsnaam = EncryptedCharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    toegevoegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["toegevoegd_op"]

    def __str__(self):
        return self.bestandsnaam


class OpgeslagenFilter(models.Model):
    """A named set of worklist filters a user keeps for themselves ("Mijn te late hennepsignalen"). The filters are
    choices only (no free text), so the stored query holds no personal data."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signaalfilters")
    naam = models.CharField(_("naam"), max_length=60)
    query = models.CharField(_("filters"), max_length=500)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("opgeslagen filter")
        verbose_name_plural = _("opgeslagen filters")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["gebruiker", "naam"], name="filternaam_per_gebruiker")]

    def __str__(self):
        return self.naam
