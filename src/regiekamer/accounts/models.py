import datetime as dt
import hashlib
import secrets
import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts.roles import Rol


class Gemeente(models.Model):
    """A municipality: the tenant that owns every record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0363."))

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["cbs_code"]

    def __str__(self):
        return self.naam


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTE_AFDELING = "gemeente-afdeling", _("Gemeentelijke afdeling")
        POLITIE = "politie", _("Politie")
        WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
        WIJKTEAM = "wijkteam", _("Wijkteam / sociaal team")
        SCHULDHULPVERLENING = "schuldhulpverlening", _("Schuldhulpverlening")
        GGD = "ggd", _("GGD")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        JONGERENWERK = "jongerenwerk", _("Jongerenwerk")
        ZORG_EN_VEILIGHEIDSHUIS = "zorg-en-veiligheidshuis", _("Zorg- en Veiligheidshuis")
        RIEC = "riec", _("RIEC")
        RECLASSERING = "reclassering", _("Reclassering")
        BELASTINGDIENST = "belastingdienst", _("Belastingdienst")
        NUTSBEDRIJF_VERHUURDER = "nutsbedrijf-verhuurder", _("Nutsbedrijf / verhuurder (vroegsignalering)")
        ANDERS = "anders", _("Anders")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="organisaties")
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="organisatie_naam_per_gemeente")]

    def __str__(self):
        return self.naam


class User(AbstractUser):
    """A person who logs in. Belongs to one organisation (and so to one gemeente) and holds roles."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="medewerkers",
        null=True,
        blank=True,
        verbose_name=_("organisatie"),
    )
    rollen = models.JSONField(_("rollen"), default=list, blank=True)
    functie = models.CharField(_("functie"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def gemeente(self):
        return self.organisatie.gemeente if self.organisatie_id else None

    def has_rol(self, *rollen: str) -> bool:
        return any(rol in self.rollen for rol in rollen)

    @property
    def rollen_labels(self) -> list[str]:
        return [Rol(rol).label for rol in self.rollen if rol in Rol.values]

    def __str__(self):
        return self.get_full_name() or self.username


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ingetrokken_op__isnull=True)


class ApiToken(models.Model):
    """A token for the API. Only its SHA-256 hash is stored; the raw token is shown once.

    An organisation token (``user`` empty) is for a partner system; a personal token acts as its user.
    """

    PREFIX_LENGTH = 8

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="api_tokens")
    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="api_tokens")
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    laatst_gebruikt_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self):
        owner = self.user.username if self.user_id else self.organisatie.naam
        return f"{self.prefix}… ({owner})"

    @classmethod
    def issue(cls, organisatie, user=None, omschrijving="") -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            organisatie=organisatie,
            user=user,
            prefix=raw[: cls.PREFIX_LENGTH],
            token_hash=_hash_token(raw),
            omschrijving=omschrijving,
        )
        return token, raw

    # How precisely the last use is kept: a write per request would make every API read compete for the database.
    LAST_USE_RESOLUTION = dt.timedelta(minutes=1)

    def mark_used(self, now=None) -> None:
        """Record that the token was used now, at most once per ``LAST_USE_RESOLUTION``."""
        now = now or timezone.now()
        if self.laatst_gebruikt_op is not None and now - self.laatst_gebruikt_op < self.LAST_USE_RESOLUTION:
            return
        ApiToken.objects.filter(pk=self.pk).update(laatst_gebruikt_op=now)
        self.laatst_gebruikt_op = now

    @classmethod
    def find_active(cls, raw: str):
        return (
            cls.objects.active()
            .select_related("organisatie__gemeente", "user__organisatie__gemeente")
            .filter(token_hash=_hash_token(raw))
            .first()
        )

    def revoke(self):
        self.ingetrokken_op = timezone.now()
        self.save(update_fields=["ingetrokken_op"])


class IdempotenteAanvraag(models.Model):
    """The answer to a POST that carried an ``Idempotency-Key``, kept for a day: the same key with the same body gets
    this answer again instead of a second signal; the same key with another body is refused (``core.idempotentie``).
    The answer holds ids and URLs only, no personal data."""

    afzender = models.CharField(max_length=60)  # "token:<id>" or "user:<id>"
    sleutel = models.CharField(max_length=100)
    pad = models.CharField(max_length=200)
    inhoud_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True)  # empty while the first request is being handled
    antwoord = models.JSONField(null=True)
    headers = models.JSONField(default=dict)
    aangemaakt_op = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["afzender", "sleutel"], name="idempotentie_sleutel_uniek")]

    def __str__(self):
        return f"{self.afzender} {self.sleutel}"
