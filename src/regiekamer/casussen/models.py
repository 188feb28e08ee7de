"""Casusregie: the case, its household or group, one plan, interventions, escalations and closure."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts import permissions
from regiekamer.core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from regiekamer.core.models import TenantModel
from regiekamer.doelbinding.doelen import Doel as Verwerkingsdoel
from regiekamer.protocol.machine import Aanpak


class CasusInstelling(models.Model):
    """Per gemeente: when a case counts as stalled, when an overdue action escalates and to whom,
    and how long after closing a new signal flags possible relapse."""

    gemeente = models.OneToOneField("accounts.Gemeente", on_delete=models.CASCADE, related_name="casusinstelling")
    stagnatie_dagen = models.PositiveSmallIntegerField(_("casus stagneert na (dagen zonder activiteit)"), default=30)
    escalatie_na_dagen_te_laat = models.PositiveSmallIntegerField(
        _("opschalen als een actie zoveel dagen te laat is"), default=10
    )
    escalatie_naar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opschalen naar"),
        help_text=_("Bijvoorbeeld de manager of directeur."),
    )
    terugval_dagen = models.PositiveSmallIntegerField(_("terugvalperiode na sluiten (dagen)"), default=365)

    class Meta:
        verbose_name = _("casusinstelling")
        verbose_name_plural = _("casusinstellingen")

    def __str__(self):
        return str(self.gemeente)

    def clean(self):
        """Escalations carry case content: only to a user of this gemeente who may follow them up."""
        user = self.escalatie_naar
        if user is None:
            return
        if getattr(user.gemeente, "pk", None) != self.gemeente_id or not permissions.has_capability(
            user, permissions.FOLLOW_UP_ESCALATIONS
        ):
            raise ValidationError(
                {
                    "escalatie_naar": _(
                        "Kies een gebruiker van deze gemeente die escalaties mag opvolgen (bijvoorbeeld de manager)."
                    )
                }
            )


class Leefgebied(TenantModel):
    """A life domain of the plan's analysis (financiën, wonen, ...), configurable per gemeente."""

    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["volgorde", "naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "code"], name="leefgebied_code_per_gemeente")]

    def __str__(self):
        return self.naam


class InterventieSoort(TenantModel):
    """An intervention from the catalogue, in one of the families."""

    class Familie(models.TextChoices):
        BESTUURLIJK = "bestuurlijk", _("Bestuurlijk")
        ZORG = "zorg", _("Zorg en ondersteuning")
        STRAFRECHTELIJK = "strafrechtelijk", _("Strafrechtelijk")
        FISCAAL = "fiscaal", _("Fiscaal")
        PREVENTIEF = "preventief", _("Preventief")

    code = models.SlugField(_("code"), max_length=60)
    naam = models.CharField(_("naam"), max_length=150)
    familie = models.CharField(_("familie"), max_length=20, choices=Familie.choices)
    repressief = models.BooleanField(
        _("repressief"),
        default=False,
        help_text=_("Vraagt vooraf een vastgelegde impact op het huishouden en wie de gevolgen opvangt."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("interventiesoort")
        verbose_name_plural = _("interventiecatalogus")
        ordering = ["familie", "naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "code"], name="interventiesoort_per_gemeente")]

    def __str__(self):
        return self.naam


class Casus(TenantModel):
    """A case run by one regisseur, opened from step 4 of the protocol or directly."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Gesloten")

    class Sluitreden(models.TextChoices):
        AFGESCHAALD = "afgeschaald", _("Afgeschaald")
        OVERGEDRAGEN = "overgedragen", _("Overgedragen")
        BEEINDIGD = "beeindigd", _("Beëindigd")

    nummer = models.CharField(_("nummer"), max_length=20)
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = EncryptedTextField(_("omschrijving"), blank=True)
    aanpak = models.CharField(_("aanpak"), max_length=20, choices=Aanpak.choices)
    doel = models.CharField(
        _("doel van de verwerking"),
        max_length=40,
        choices=Verwerkingsdoel.choices,
        default=Verwerkingsdoel.HANDHAVING,
        help_text=_("Het doel waarvoor de gegevens in deze casus worden gebruikt (doelbinding)."),
    )
    herkomst = models.CharField(
        _("herkomst"),
        max_length=200,
        blank=True,
        help_text=_("Bij een direct geopende casus: wie bracht hem in, bijv. het Zorg- en Veiligheidshuis."),
    )
    regisseur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="casussen")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    buurt = models.ForeignKey(
        "subjects.Buurt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="casussen",
        verbose_name=_("buurt"),
    )
    signalen = models.ManyToManyField("signalen.Signaal", through="CasusSignaal", related_name="casussen", blank=True)
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)
    laatste_activiteit_op = models.DateTimeField(_("laatste activiteit"), default=timezone.now, db_index=True)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    sluitreden = models.CharField(_("reden van sluiten"), max_length=20, choices=Sluitreden.choices, blank=True)
    evaluatie = EncryptedTextField(_("evaluatie"), blank=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-geopend_op"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "nummer"], name="casus_nummer_per_gemeente")]
        indexes = [
            # The case list and the start page, last active first: all open cases, or one regisseur's.
            models.Index(fields=["gemeente", "status", "-laatste_activiteit_op"], name="casus_lijst"),
            models.Index(fields=["regisseur", "status", "-laatste_activiteit_op"], name="casus_lijst_regisseur"),
        ]

    def __str__(self):
        return f"{self.nummer} {self.titel}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class CasusSignaal(TenantModel):
    """A signal on a case: the one it was opened from, a new one about its subjects, or a relapse signal
    after closing."""

    class Soort(models.TextChoices):
        OVERDRACHT = "overdracht", _("Overgedragen uit het protocol")
        NIEUW = "nieuw", _("Nieuw signaal over betrokkenen")
        TERUGVAL = "terugval", _("Mogelijke terugval na sluiten")
        HANDMATIG = "handmatig", _("Handmatig gekoppeld")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="casus_signalen")
    signaal = models.ForeignKey("signalen.Signaal", on_delete=models.CASCADE, related_name="casus_koppelingen")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    gekoppeld_op = models.DateTimeField(default=timezone.now)
    gezien_op = models.DateTimeField(_("gezien op"), null=True, blank=True)

    class Meta:
        verbose_name = _("signaal van casus")
        verbose_name_plural = _("signalen van casussen")
        ordering = ["gekoppeld_op"]
        constraints = [models.UniqueConstraint(fields=["casus", "signaal"], name="signaal_eenmaal_per_casus")]
        indexes = [
            # The unseen new and relapse signals of the start page: few among all links.
            models.Index(
                fields=["soort", "gekoppeld_op"],
                condition=models.Q(gezien_op__isnull=True),
                name="casussignaal_ongezien",
            )
        ]

    def __str__(self):
        return f"{self.casus.nummer} ← {self.signaal.nummer} ({self.soort})"


class Betrokkene(TenantModel):
    """A subject in the case: a household member, group member, address or company."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="betrokkenen")
    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    adres = models.ForeignKey("subjects.Adres", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rechtspersoon = models.ForeignKey(
        "subjects.Rechtspersoon", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rol = models.CharField(
        _("rol"), max_length=100, blank=True, help_text=_("Bijv. moeder, zoon, groepslid, ronselaar, hotspotadres.")
    )
    dader = models.BooleanField(_("dader"), default=False)
    slachtoffer = models.BooleanField(_("slachtoffer"), default=False)
    problematiek = EncryptedTextField(_("problematiek"), blank=True)
    toegevoegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        ordering = ["toegevoegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(persoon__isnull=False, adres__isnull=True, rechtspersoon__isnull=True)
                    | models.Q(persoon__isnull=True, adres__isnull=False, rechtspersoon__isnull=True)
                    | models.Q(persoon__isnull=True, adres__isnull=True, rechtspersoon__isnull=False)
                ),
                name="betrokkene_precies_een_subject",
            ),
        ]

    @property
    def subject(self):
        return self.persoon or self.adres or self.rechtspersoon

    @property
    def dader_en_slachtoffer(self) -> bool:
        return self.dader and self.slachtoffer

    def __str__(self):
        return str(self.subject)


class Deelnemer(TenantModel):
    """A partner organisation, and optionally one of its professionals, taking part in the case."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="deelnemers")
    organisatie = models.ForeignKey("accounts.Organisatie", on_delete=models.PROTECT, related_name="+")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="casus_deelnames"
    )
    rol = models.CharField(_("rol in de casus"), max_length=100, blank=True)
    toegevoegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["toegevoegd_op"]

    def __str__(self):
        return f"{self.gebruiker or self.organisatie}"


class Analyse(TenantModel):
    """The plan's analysis of one life domain."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="analyses")
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+")
    tekst = EncryptedTextField(_("analyse"))

    class Meta:
        verbose_name = _("analyse")
        verbose_name_plural = _("analyses")
        ordering = ["leefgebied__volgorde"]
        constraints = [models.UniqueConstraint(fields=["casus", "leefgebied"], name="analyse_per_leefgebied")]

    def __str__(self):
        return str(self.leefgebied)


class Doel(TenantModel):
    class Resultaat(models.TextChoices):
        BEHAALD = "behaald", _("Behaald")
        DEELS = "deels", _("Deels behaald")
        NIET = "niet", _("Niet behaald")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="doelen")
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    omschrijving = EncryptedCharField(_("doel"), max_length=300)
    resultaat = models.CharField(_("resultaat"), max_length=10, choices=Resultaat.choices, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["aangemaakt_op"]

    def __str__(self):
        return self.omschrijving


class Afspraak(TenantModel):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="afspraken")
    omschrijving = EncryptedTextField(_("afspraak"))
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["aangemaakt_op"]

    def __str__(self):
        return self.omschrijving[:60]


class Interventie(TenantModel):
    """An action of the plan, owned by a partner organisation (and person), serving one goal."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        LOPEND = "lopend", _("Lopend")
        AFGEROND = "afgerond", _("Afgerond")
        GESTOPT = "gestopt", _("Gestopt")

    OPEN_STATUSES = (Status.GEPLAND, Status.LOPEND)

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="interventies")
    soort = models.ForeignKey(InterventieSoort, on_delete=models.PROTECT, related_name="interventies")
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, null=True, blank=True, related_name="interventies")
    omschrijving = EncryptedTextField(_("omschrijving"), blank=True)
    eigenaar_organisatie = models.ForeignKey(
        "accounts.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("uitvoerende organisatie")
    )
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventies",
        verbose_name=_("uitvoerder"),
    )
    deadline = models.DateField(_("uiterste datum"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND, db_index=True)
    resultaat = EncryptedTextField(_("resultaat"), blank=True)
    impact_huishouden = EncryptedTextField(
        _("verwachte impact op het huishouden"),
        blank=True,
        help_text=_("Verplicht vóór een repressieve interventie, zoals sluiting van een woning."),
    )
    opvang_gevolgen = EncryptedCharField(
        _("wie vangt de gevolgen op"),
        max_length=300,
        blank=True,
        help_text=_("Verplicht vóór een repressieve interventie."),
    )
    agendapunt = models.ForeignKey(
        "overleggen.Agendapunt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actiepunten",
        verbose_name=_("actiepunt uit overleg"),
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    bijgewerkt_op = models.DateTimeField(default=timezone.now)
    afgerond_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["deadline"]
        indexes = [
            # Open actions by deadline (overdue ones on the start page, reminders): few among all actions.
            models.Index(
                fields=["deadline"], condition=models.Q(status__in=["gepland", "lopend"]), name="interventie_open"
            )
        ]

    def __str__(self):
        return f"{self.soort} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_te_laat(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class PlanVersie(TenantModel):
    """A snapshot of the plan after each change: what changed, when, by whom. Never edited."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="planversies")
    versie = models.PositiveIntegerField(_("versie"))
    wijziging = EncryptedCharField(_("wat is gewijzigd"), max_length=300)
    inhoud = EncryptedJSONField(_("plan"))
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        ordering = ["versie"]
        constraints = [models.UniqueConstraint(fields=["casus", "versie"], name="planversie_uniek")]

    def __str__(self):
        return f"{self.casus.nummer} v{self.versie}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A plan version is never changed.")
        super().save(*args, **kwargs)


class Escalatie(TenantModel):
    """Opschaling: an overdue action or a stalled case raised to a configured person, with its follow-up."""

    class Reden(models.TextChoices):
        ACTIE_TE_LAAT = "actie-te-laat", _("Actie al te lang te laat")
        CASUS_STAGNEERT = "casus-stagneert", _("Casus stagneert")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="escalaties")
    interventie = models.ForeignKey(
        Interventie, on_delete=models.CASCADE, null=True, blank=True, related_name="escalaties"
    )
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices)
    naar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="escalaties",
        verbose_name=_("opgeschaald naar"),
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    opvolging = EncryptedTextField(_("opvolging"), blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.casus.nummer}: {self.get_reden_display()}"

    @property
    def is_open(self) -> bool:
        return self.afgehandeld_op is None


class Herinnering(models.Model):
    """One reminder sent for an overdue action on one day, so the daily run is safe to repeat."""

    interventie = models.ForeignKey(Interventie, on_delete=models.CASCADE, related_name="herinneringen")
    datum = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["interventie", "datum"], name="een_herinnering_per_dag")]

    def __str__(self):
        return f"{self.interventie_id} {self.datum}"
