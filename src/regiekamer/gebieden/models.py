"""Areas: the boundaries of buurten and wijken per gemeente and year (CBS wijk- en buurtkaart), and the
per-gemeente settings of the hotspot rules.

Geometries are stored portably, as GeoJSON text in WGS84 with a bounding box in plain columns, so the same
schema works on SQLite and PostgreSQL without PostGIS. ``subjects.Buurt`` stays the stable "current buurt" that
addresses, signals and cases point to; the newest imported year updates it.
"""

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
