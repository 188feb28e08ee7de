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
