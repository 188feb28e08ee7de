"""Areas: the boundaries of buurten and wijken per gemeente and year (CBS wijk- en buurtkaart), and the
per-gemeente settings of the hotspot rules.

Geometries are stored portably, as GeoJSON text in WGS84 with a bounding box in plain columns, so the same
schema works on SQLite and PostgreSQL without PostGIS. ``subjects.Buurt`` stays the stable "current buurt" that
addresses, signals and cases point to; the newest imported year updates it.
"""

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.models import TenantModel


class Indeling(TenantModel):
    """One imported set of boundaries of a gemeente for one year. The newest year is the current one."""

    jaar = models.PositiveSmallIntegerField(_("jaar"))
    bron = models.CharField(_("bron"), max_length=255, help_text=_("Bestandsnaam van de import."))
    bron_crs = models.CharField(_("coördinatenstelsel van de bron"), max_length=20)
    geimporteerd_op = models.DateTimeField(_("ingelezen op"), default=timezone.now)
    geimporteerd_door = models.CharField(_("ingelezen door"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("gebiedsindeling")
        verbose_name_plural = _("gebiedsindelingen")
        ordering = ["-jaar"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="indeling_per_jaar")]

    def __str__(self):
        return f"{self.jaar}"


class Grens(TenantModel):
    """A boundary polygon in WGS84: ``geometrie`` is exact (for point-in-polygon), ``kaartgeometrie`` is
    simplified for drawing; both are GeoJSON geometry objects as text."""

    indeling = models.ForeignKey(Indeling, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=10)
    naam = models.CharField(_("naam"), max_length=100)
    geometrie = models.TextField()
    kaartgeometrie = models.TextField()
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.code} {self.naam}"


class Wijkgrens(Grens):
    class Meta:
        verbose_name = _("wijkgrens")
        verbose_name_plural = _("wijkgrenzen")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["indeling", "code"], name="wijkgrens_code_per_indeling")]


class Buurtgrens(Grens):
    buurt = models.ForeignKey(
        "subjects.Buurt", on_delete=models.SET_NULL, null=True, blank=True, related_name="grenzen"
    )
    wijk_code = models.CharField(_("wijkcode"), max_length=10, blank=True)
    wijk_naam = models.CharField(_("wijk"), max_length=100, blank=True)
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)

    class Meta:
        verbose_name = _("buurtgrens")
        verbose_name_plural = _("buurtgrenzen")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["indeling", "code"], name="buurtgrens_code_per_indeling")]
        indexes = [models.Index(fields=["indeling", "min_lon", "max_lon"], name="buurtgrens_bbox")]


class HotspotInstelling(models.Model):
    """Per gemeente: when an address or a buurt counts as a hotspot (docs/gebruikershandleiding.md, Hotspots)."""

    gemeente = models.OneToOneField("accounts.Gemeente", on_delete=models.CASCADE, related_name="hotspotinstelling")
    periode_maanden = models.PositiveSmallIntegerField(
        _("periode (maanden)"), default=12, help_text=_("Signalen uit deze periode tellen mee voor adressen.")
    )
    min_ingeschrevenen = models.PositiveSmallIntegerField(_("ingeschreven personen (minimaal)"), default=6)
    min_signalen = models.PositiveSmallIntegerField(_("signalen op het adres (minimaal)"), default=3)
    min_fenomenen = models.PositiveSmallIntegerField(_("verschillende fenomenen (minimaal)"), default=3)
    min_organisaties = models.PositiveSmallIntegerField(_("verschillende meldende organisaties (minimaal)"), default=3)
    trend_sd = models.FloatField(
        _("buurt: standaarddeviaties boven het eigen gemiddelde"),
        default=2.0,
        help_text=_(
            "Een buurt is een hotspot als de laatste 3 maanden boven het gemiddelde van de 12 maanden "
            "daarvoor plus zoveel standaarddeviaties liggen."
        ),
    )
    trend_min_signalen = models.PositiveSmallIntegerField(
        _("buurt: signalen in de laatste 3 maanden (minimaal)"), default=5
    )

    class Meta:
        verbose_name = _("hotspotinstelling")
        verbose_name_plural = _("hotspotinstellingen")

    def __str__(self):
        return str(self.gemeente)


# --- Summaries kept current on write (gebieden.tellingen) -----------------------------------------------------------


class Venster(models.Model):
    """Per gemeente: the window of days that the per-address counts cover (``tot`` and the ``dagen`` before it,
    local dates), moved forward on the first read of a new day. Also the lock of the gemeente's area summaries:
    every writer of ``AdresTelling``, ``AdresKenmerk`` and ``Dagtelling`` locks this row first."""

    gemeente = models.OneToOneField("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    tot = models.DateField(null=True, blank=True)  # None: not built yet
    dagen = models.PositiveSmallIntegerField(default=365)

    class Meta:
        verbose_name = _("venster van de adrestellingen")
        verbose_name_plural = _("vensters van de adrestellingen")

    def __str__(self):
        return f"{self.gemeente_id} {self.tot} ({self.dagen} dagen)"

    @property
    def van(self):
        return None if self.tot is None else self.tot - dt.timedelta(days=self.dagen - 1)


class AdresTelling(models.Model):
    """Per address, the signals received in the gemeente's window (``Venster``) that are linked to it, and how many
    different phenomena and reporting organisations those signals have. Rows with no signals are removed."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    adres = models.OneToOneField("subjects.Adres", on_delete=models.CASCADE, related_name="+")
    signalen = models.IntegerField(default=0)
    fenomenen = models.IntegerField(default=0)
    organisaties = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("adrestelling")
        verbose_name_plural = _("adrestellingen")
        indexes = [models.Index(fields=["gemeente", "-signalen", "adres"], name="adrestelling_meeste")]

    def __str__(self):
        return f"{self.adres_id}: {self.signalen}"


class AdresKenmerk(models.Model):
    """Per address and phenomenon (``soort`` "fenomeen") or reporting organisation ("organisatie"): how many of the
    address's signals in the window have it. Behind the distinct counts of ``AdresTelling`` and the map's points for
    one phenomenon. Rows with no signals are removed."""

    class Soort(models.TextChoices):
        FENOMEEN = "fenomeen", _("fenomeen")
        ORGANISATIE = "organisatie", _("organisatie")

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    adres = models.ForeignKey("subjects.Adres", on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(max_length=12, choices=Soort.choices)
    waarde = models.UUIDField()  # the phenomenon's or organisation's id
    aantal = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("kenmerk van een adrestelling")
        verbose_name_plural = _("kenmerken van adrestellingen")
        constraints = [models.UniqueConstraint(fields=["adres", "soort", "waarde"], name="adreskenmerk_eenmaal")]
        indexes = [models.Index(fields=["gemeente", "soort", "waarde", "-aantal", "adres"], name="adreskenmerk_meeste")]

    def __str__(self):
        return f"{self.adres_id} {self.soort} {self.waarde}: {self.aantal}"


# In ``Dagtelling``: the buurt of signals without one, and the phenomenon of the count of all signals.
GEEN_BUURT = ALLE_FENOMENEN = uuid.UUID(int=0)


class Dagtelling(models.Model):
    """Signals received per local date and buurt (``GEEN_BUURT``: without a buurt), in total (fenomeen
    ``ALLE_FENOMENEN``) and per phenomenon. Behind the buurt hotspots (blocks of 30 days back from today) and, for
    the days before the first and after the last whole month of a period, the counts per area (the whole months come
    from the summary counts of ``regiekamer.inzicht``)."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    fenomeen = models.UUIDField()
    dag = models.DateField()
    buurt = models.UUIDField()
    aantal = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("dagtelling")
        verbose_name_plural = _("dagtellingen")
        constraints = [
            # Also the index every read goes through: the phenomenon, then a range of days.
            models.UniqueConstraint(fields=["gemeente", "fenomeen", "dag", "buurt"], name="dagtelling_cel")
        ]

    def __str__(self):
        return f"{self.dag} {self.buurt} {self.fenomeen}: {self.aantal}"
