"""Subjects that signals are about: persons, addresses, legal persons and vehicles, and their relations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regiekamer.core.crypto import blind_index
from regiekamer.core.fields import EncryptedCharField
from regiekamer.core.models import TenantModel, TenantQuerySet
from regiekamer.identiteit.matching import achternaam_sleutel, naam_blok, rechtspersoon_sleutel, voornamen_delen


class Buurt(TenantModel):
    """A neighbourhood (CBS buurt) of the gemeente."""

    code = models.CharField(_("buurtcode"), max_length=10, help_text=_("CBS-buurtcode, bijv. BU03630001."))
    naam = models.CharField(_("naam"), max_length=100)
    wijk = models.CharField(_("wijk"), max_length=100, blank=True)
    wijk_code = models.CharField(_("wijkcode"), max_length=10, blank=True, help_text=_("CBS-wijkcode, bijv. WK036300."))
    inwoners = models.PositiveIntegerField(
        _("inwoners"), null=True, blank=True, help_text=_("Aantal inwoners volgens de laatst ingelezen buurtgrenzen.")
    )
    postcodes = models.CharField(
        _("postcodegebieden"), max_length=200, blank=True, help_text=_("Viercijferige postcodes, komma-gescheiden.")
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "code"], name="buurt_code_per_gemeente")]

    def __str__(self):
        return self.naam

    @property
    def postcode_list(self) -> list[str]:
        return [pc.strip() for pc in self.postcodes.split(",") if pc.strip()]


class PersoonQuerySet(TenantQuerySet):
    def actief(self):
        """Persons that were not merged into another."""
        return self.filter(samengevoegd_in__isnull=True)


class Persoon(TenantModel):
    voornamen = models.CharField(_("voornamen"), max_length=200)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    # Never put a BSN in a URL, log line or error report; it is only shown on authorised pages. Stored encrypted;
    # found through bsn_index, a keyed hash (blind index) that the model keeps in step on every save.
    bsn = EncryptedCharField(_("BSN"), max_length=9, blank=True)
    bsn_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    naam_sleutel = models.CharField(max_length=300, db_index=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = PersoonQuerySet.as_manager()
    # Blocking keys for entity resolution (regiekamer.identiteit.matching): the sound of the surname with the first
    # initial, and the current and previous address ("1234AB12A-2"). Candidates for a reported person are found
    # through these indexes and the birth date, never by scanning all persons.
    blok_naam = models.CharField(max_length=64, blank=True, editable=False, db_default="", default="")
    adres_sleutel = models.CharField(max_length=20, blank=True, editable=False, db_default="", default="")
    vorig_adres_sleutel = models.CharField(max_length=20, blank=True, editable=False, db_default="", default="")
    # Set when this person was merged into another (regiekamer.identiteit.samenvoegen): the record is kept, hidden,
    # so that the merge can be undone and the processing log's ids still lead to the person.
    samengevoegd_in = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="samengevoegd", editable=False
    )

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["achternaam", "voornamen"]
        indexes = [
            models.Index(fields=["gemeente", "blok_naam"], name="persoon_blok_naam"),
            models.Index(fields=["gemeente", "geboortedatum"], name="persoon_blok_geboortedatum"),
            models.Index(fields=["gemeente", "adres_sleutel"], name="persoon_blok_adres"),
            models.Index(fields=["gemeente", "vorig_adres_sleutel"], name="persoon_blok_vorig_adres"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "bsn_index"],
                condition=~models.Q(bsn_index=""),
                name="persoon_bsn_index_per_gemeente",
            )
        ]

    def __str__(self):
        return self.volledige_naam

    def save(self, *args, **kwargs):
        self.bsn_index = blind_index(self.bsn)
        self.blok_naam = naam_blok(
            achternaam_sleutel(self.tussenvoegsel, self.achternaam), voornamen_delen(self.voornamen)[1]
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "bsn" in update_fields:
            kwargs["update_fields"] = update_fields = {*update_fields, "bsn_index"}
        if update_fields is not None and {"voornamen", "tussenvoegsel", "achternaam"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "blok_naam"}
        super().save(*args, **kwargs)

    @property
    def volledige_naam(self) -> str:
        return " ".join(part for part in (self.voornamen, self.tussenvoegsel, self.achternaam) if part)

    def samengevoegde_ids(self) -> list:
        """The ids of the persons merged into this one, also those merged into them before."""
        result, todo = [], [self.pk]
        while todo:
            todo = list(Persoon.objects.filter(samengevoegd_in__in=todo).values_list("pk", flat=True))
            result.extend(todo)
        return result


class Adres(TenantModel):
    postcode = models.CharField(_("postcode"), max_length=6)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    toevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    buurt = models.ForeignKey(Buurt, on_delete=models.SET_NULL, null=True, blank=True, related_name="adressen")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        ordering = ["postcode", "huisnummer", "huisletter", "toevoeging"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "postcode", "huisnummer", "huisletter", "toevoeging"], name="adres_uniek"
            )
        ]
        indexes = [
            # Search by postcode prefix (``LIKE 'X%'``) in any collation; SQLite ignores the operator class.
            models.Index(
                fields=["gemeente", "postcode"],
                opclasses=["uuid_ops", "varchar_pattern_ops"],
                name="adres_postcode_zoek",
            )
        ]

    def __str__(self):
        nummer = f"{self.huisnummer}{self.huisletter}"
        if self.toevoeging:
            nummer += f"-{self.toevoeging}"
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}"
        if self.straat:
            return f"{self.straat} {nummer}, {postcode} {self.woonplaats}".strip()
        return f"{postcode} {nummer}"


class Rechtspersoon(TenantModel):
    kvk_nummer = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    naam = models.CharField(_("naam"), max_length=200)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # The name without legal form, folded (identiteit.matching.rechtspersoon_sleutel): links "Groen B.V." and
    # "groen bv" without a KvK number. Kept in step on every save.
    naam_sleutel = models.CharField(max_length=200, blank=True, editable=False, db_default="", default="")

    class Meta:
        verbose_name = _("rechtspersoon / onderneming")
        verbose_name_plural = _("rechtspersonen / ondernemingen")
        ordering = ["naam"]
        indexes = [models.Index(fields=["gemeente", "naam_sleutel"], name="rechtspersoon_naam_sleutel")]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "kvk_nummer"], condition=~models.Q(kvk_nummer=""), name="kvk_per_gemeente"
            )
        ]

    def __str__(self):
        return f"{self.naam} (KvK {self.kvk_nummer})" if self.kvk_nummer else self.naam

    def save(self, *args, **kwargs):
        self.naam_sleutel = rechtspersoon_sleutel(self.naam)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "naam" in update_fields:
            kwargs["update_fields"] = {*update_fields, "naam_sleutel"}
        super().save(*args, **kwargs)


class Voertuig(TenantModel):
    kenteken = models.CharField(_("kenteken"), max_length=8)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voertuig")
        verbose_name_plural = _("voertuigen")
        constraints = [models.UniqueConstraint(fields=["gemeente", "kenteken"], name="kenteken_per_gemeente")]
        indexes = [
            # Search by number-plate prefix (``LIKE 'X%'``) in any collation; SQLite ignores the operator class.
            models.Index(
                fields=["gemeente", "kenteken"],
                opclasses=["uuid_ops", "varchar_pattern_ops"],
                name="voertuig_kenteken_zoek",
            )
        ]

    def __str__(self):
        return self.kenteken


class SubjectRelatie(TenantModel):
    """A relation from a person or legal person to another subject."""

    class Soort(models.TextChoices):
        WOONT_OP = "woont-op", _("woont op")
        INGESCHREVEN_OP = "ingeschreven-op", _("ingeschreven op")
        EIGENAAR = "eigenaar", _("eigenaar van")
        BESTUURDER = "bestuurder", _("bestuurder van")
        FAMILIE = "familie", _("familie van")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    van_persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    van_rechtspersoon = models.ForeignKey(
        Rechtspersoon, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    naar_persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    naar_adres = models.ForeignKey(Adres, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    naar_rechtspersoon = models.ForeignKey(
        Rechtspersoon, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    naar_voertuig = models.ForeignKey(Voertuig, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    toelichting = EncryptedCharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(van_persoon__isnull=False) & models.Q(van_rechtspersoon__isnull=True))
                | (models.Q(van_persoon__isnull=True) & models.Q(van_rechtspersoon__isnull=False)),
                name="relatie_een_van",
            ),
        ]

    @property
    def van(self):
        return self.van_persoon or self.van_rechtspersoon

    @property
    def naar(self):
        return self.naar_persoon or self.naar_adres or self.naar_rechtspersoon or self.naar_voertuig

    def __str__(self):
        return f"{self.van} {self.get_soort_display()} {self.naar}"
