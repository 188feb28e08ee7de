"""Summary counts ("tellingen") behind the figures, kept current on write by the services (see services.py).

One row is one cell: how many signals (or step closings) of a gemeente fall in one series, on one date, in one
buurt and under one phenomenon, with one key. ``buurt`` and ``fenomeen`` hold the id (hex) of a buurt or phenomenon,
or ``*`` for "all"; ``buurt`` is empty for signals without a buurt. Every signal is counted in four levels: (its
buurt, each of its phenomena), (its buurt, ``*``), (``*``, each phenomenon) and (``*``, ``*``), so that a figure for
the whole gemeente reads a handful of rows and a signal with two phenomena is still one signal under ``*``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

ALLE = "*"


class Reeks(models.TextChoices):
    """The series, and what ``datum`` and ``sleutel`` mean in each."""

    ONTVANGEN = "ontvangen", _("Signalen ontvangen")  # datum: month of receipt; sleutel: empty
    AFGEROND = "afgerond", _("Signalen afgerond")  # datum: month of the final decision; sleutel: final status
    DOORLOOPTIJD = "doorlooptijd", _("Afgeronde protocolstappen")  # datum: month decided; sleutel: "<stap>:<werkdagen>"
    OPEN = "open", _("Open signalen")  # datum: the step's deadline (termijn); sleutel: the step


class Telling(models.Model):
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    reeks = models.CharField(max_length=20, choices=Reeks.choices)
    datum = models.DateField()
    buurt = models.CharField(max_length=32)
    fenomeen = models.CharField(max_length=32)
    sleutel = models.CharField(max_length=40, blank=True)
    aantal = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("telling")
        verbose_name_plural = _("tellingen")
        constraints = [
            # Also the index every figure reads through: equality on the first four columns, a range on datum.
            models.UniqueConstraint(
                fields=["gemeente", "reeks", "buurt", "fenomeen", "datum", "sleutel"], name="telling_cel"
            )
        ]

    def __str__(self):
        return f"{self.reeks} {self.datum} {self.buurt} {self.fenomeen} {self.sleutel}: {self.aantal}"


class CasusFenomeen(models.Model):
    """The phenomena of a case: those of the signals it was opened from or that were linked to it while open (not
    the relapse signals). Written by the case services when a signal is linked, so the case figures filter on a
    phenomenon through one indexed table instead of joining cases, their signals and the signals' phenomena."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    casus = models.ForeignKey("casussen.Casus", on_delete=models.CASCADE, related_name="+")
    fenomeen = models.ForeignKey("signalen.Fenomeen", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("fenomeen van een casus")
        verbose_name_plural = _("fenomenen van casussen")
        constraints = [models.UniqueConstraint(fields=["casus", "fenomeen"], name="casusfenomeen_eenmaal")]
        indexes = [models.Index(fields=["gemeente", "fenomeen", "casus"], name="casusfenomeen_filter")]

    def __str__(self):
        return f"{self.casus_id} {self.fenomeen_id}"
