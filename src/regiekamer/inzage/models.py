"""Parts of an inzage report (art. 15 AVG) that the regisseur decided not to provide, with the reason."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.core.models import TenantModel


class Weigering(TenantModel):
    """One withheld part of the report about one person.

    ``onderdeel`` is a stable key of a report section or item: ``"persoon"``, ``"verwerkingen"``, or
    ``"<soort>:<uuid>"`` (e.g. ``"signaal:…"``, ``"bronraadpleging:…"``). It holds ids only, no personal data.
    """

    persoon = models.ForeignKey("subjects.Persoon", on_delete=models.CASCADE, related_name="+")
    onderdeel = models.CharField(_("onderdeel"), max_length=80)
    reden = models.CharField(_("reden"), max_length=300)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("weigering (inzage)")
        verbose_name_plural = _("weigeringen (inzage)")
        ordering = ["op"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "persoon", "onderdeel"], name="weigering_uniek"),
        ]

    def __str__(self):
        return f"{self.onderdeel}: {self.reden}"
