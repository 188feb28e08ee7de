"""The processing log (verwerkingenlogging): append-only and hash-chained.

Field meanings follow the VNG standard "Verwerkingenlogging" (see ``services.to_vng``). No BSN or other
identifying value is ever stored: objects are referred to by their UUIDs only.
"""

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    LEZEN = "lezen", _("Lezen")
    WIJZIGEN = "wijzigen", _("Wijzigen")
    AANMAKEN = "aanmaken", _("Aanmaken")
    VERWIJDEREN = "verwijderen", _("Verwijderen")
    ZOEKEN = "zoeken", _("Zoeken")
    VERNIETIGEN = "vernietigen", _("Vernietigen")


class Bron(models.TextChoices):
    WEB = "web", _("Webapplicatie")
    API = "api", _("API")
    COMMANDO = "commando", _("Commando")


HASHED_FIELDS = (
    "volgnummer",
    "gemeente_id",
    "tijdstip",
    "gebruiker",
    "organisatie",
    "rol",
    "actie",
    "handeling",
    "objecttype",
    "object_ids",
    "doel",
    "grondslag",
    "bron",
    "kanaal",
    "vorige_hash",
)


class Verwerking(models.Model):
    """One processing of personal data. Never changed, never deleted one by one.

    ``hash`` is SHA-256 over a canonical JSON of the fields in ``HASHED_FIELDS`` (which include the
    previous entry's hash), so any change, insertion or removal breaks the chain at that point.
    A queryset ``delete()`` is not blocked (retention may thin the log later); ``audit verify`` then
    reports the gap.
    """

    volgnummer = models.PositiveBigIntegerField(_("volgnummer"), unique=True)
    gemeente = models.ForeignKey(
        "accounts.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    tijdstip = models.DateTimeField(_("tijdstip"), db_index=True)
    gebruiker = models.CharField(_("gebruiker"), max_length=150, blank=True)  # username: outlives the account
    organisatie = models.CharField(_("organisatie"), max_length=200, blank=True)
    rol = models.CharField(_("rol"), max_length=40, blank=True)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    handeling = models.CharField(_("handeling"), max_length=80)
    objecttype = models.CharField(_("objecttype"), max_length=40)
    object_ids = models.JSONField(_("object-ids"), default=list, blank=True)
    doel = models.CharField(_("doel"), max_length=200, blank=True)
    grondslag = models.CharField(_("grondslag"), max_length=300, blank=True)
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices)
    kanaal = models.CharField(_("kanaal"), max_length=120, blank=True)
    vorige_hash = models.CharField(_("vorige hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingen")
        ordering = ["volgnummer"]
        indexes = [models.Index(fields=["gemeente", "tijdstip"])]

    def __str__(self):
        return f"#{self.volgnummer} {self.actie} {self.handeling}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Een verwerking wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Een verwerking wordt nooit afzonderlijk verwijderd.")

    def canonical(self) -> str:
        values = {}
        for name in HASHED_FIELDS:
            value = getattr(self, name)
            if name == "tijdstip":
                value = value.isoformat()
            elif name == "gemeente_id":
                value = str(value) if value else ""
            elif name == "object_ids":
                value = [str(item) for item in value]
            values[name] = value
        return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode()).hexdigest()


class Ketenkop(models.Model):
    """A single row holding the head of the chain. Writers lock it, so entries get consecutive
    numbers and each one names the hash of the one before, also with concurrent writers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    laatste_volgnummer = models.PositiveBigIntegerField(default=0)
    laatste_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("kop van de keten")

    def __str__(self):
        return f"#{self.laatste_volgnummer}"
