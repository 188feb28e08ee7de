"""The summary cells, two ways: what one signal contributes (``bijdragen``, used on every write) and a direct count
over the source tables (``direct``, used by the rebuild, the check and the tests). Both give cells keyed
``(reeks, datum, buurt, fenomeen, sleutel)``; see ``models.Telling`` for what the columns mean.

The two are written independently on purpose: ``regiekamer cijfers --controleer`` compares the cells the services
kept current with a direct count, so a mistake in either shows up as a difference.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, DateField
from django.db.models.functions import TruncMonth
from django.utils import timezone

from regiekamer.inzicht.models import ALLE, Reeks
from regiekamer.protocol.machine import FINAL_STATUSES, is_final

# An open signal without a deadline (never the case through the services) is counted open and never overdue.
GEEN_TERMIJN = dt.date(9999, 12, 31)

Cel = tuple[str, dt.date, str, str, str]  # (reeks, datum, buurt, fenomeen, sleutel)


def maand(moment: dt.datetime) -> dt.date:
    """The first day of the local calendar month of ``moment``."""
    return timezone.localtime(moment).date().replace(day=1)


def hex_or_empty(value) -> str:
    return value.hex if value is not None else ""


def doorlooptijd_sleutel(stap: int, dagen: int) -> str:
    return f"{stap}:{dagen}"


def lees_doorlooptijd_sleutel(sleutel: str) -> tuple[int, int]:
    stap, dagen = sleutel.split(":")
    return int(stap), int(dagen)


# --- Per signal: what it contributes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Stand:
    """The state of one signal as far as the figures are concerned."""

    gemeente_id: object
    buurt: str
    fenomenen: tuple[str, ...]
    ontvangen_op: dt.datetime
    status: str
    stap: int
    termijn: dt.date | None
    afgerond_op: dt.datetime | None
    # The step closings that stand (not corrected since): (moment, stap, werkdagen).
    doorlooptijden: tuple[tuple[dt.datetime, int, int], ...]


def bijdragen(stand: Stand | None) -> Counter:
    cells: Counter = Counter()
    if stand is None:
        return cells
    buurten = (stand.buurt, ALLE)
    fenomenen = (*stand.fenomenen, ALLE)

    def add(reeks: str, datum: dt.date, sleutel: str) -> None:
        for buurt in buurten:
            for fenomeen in fenomenen:
                cells[(reeks, datum, buurt, fenomeen, sleutel)] += 1

    add(Reeks.ONTVANGEN, maand(stand.ontvangen_op), "")
    if is_final(stand.status):
        if stand.afgerond_op is not None:
            add(Reeks.AFGEROND, maand(stand.afgerond_op), stand.status)
    else:
        add(Reeks.OPEN, stand.termijn or GEEN_TERMIJN, str(stand.stap))
    for moment, stap, dagen in stand.doorlooptijden:
        add(Reeks.DOORLOOPTIJD, maand(moment), doorlooptijd_sleutel(stap, dagen))
    return cells


# --- Over the source tables: a direct count --------------------------------------------------------------------


def _month(field: str):
    return TruncMonth(field, output_field=DateField())


def _levels(per_buurt: Counter, per_buurt_fenomeen: Counter) -> Counter:
    """All four levels from the counts per buurt and per (buurt, phenomenon): a signal has one buurt, so summing
    over buurten is exact; it may have several phenomena, so the ``*`` phenomenon level is counted on its own."""
    cells: Counter = Counter()
    for (reeks, datum, buurt, sleutel), aantal in per_buurt.items():
        cells[(reeks, datum, buurt, ALLE, sleutel)] += aantal
        cells[(reeks, datum, ALLE, ALLE, sleutel)] += aantal
    for (reeks, datum, buurt, fenomeen, sleutel), aantal in per_buurt_fenomeen.items():
        cells[(reeks, datum, buurt, fenomeen, sleutel)] += aantal
        cells[(reeks, datum, ALLE, fenomeen, sleutel)] += aantal
    return cells


def direct(gemeente_id, reeks: str, Signaal=None, Weging=None) -> Counter:  # noqa: N803 - model classes
    """The cells of one series for one gemeente, counted from the source tables (a data migration passes its
    historical models)."""
    if Signaal is None:
        from regiekamer.signalen.models import Signaal
    if Weging is None:
        from regiekamer.protocol.models import Weging

    koppeling = Signaal.fenomenen.through
    per_buurt: Counter = Counter()
    per_buurt_fenomeen: Counter = Counter()
    signalen = Signaal.objects.filter(gemeente_id=gemeente_id)
    fenomenen = koppeling.objects.filter(signaal__gemeente_id=gemeente_id)
    if reeks == Reeks.ONTVANGEN:
        rows = signalen.annotate(d=_month("ontvangen_op")).values_list("d", "buurt_id").annotate(n=Count("id"))
        for datum, buurt, n in rows.order_by():
            per_buurt[(reeks, datum, hex_or_empty(buurt), "")] += n
        rows = fenomenen.annotate(d=_month("signaal__ontvangen_op")).values_list(
            "d", "signaal__buurt_id", "fenomeen_id"
        )
        for datum, buurt, fenomeen, n in rows.annotate(n=Count("id")).order_by():
            per_buurt_fenomeen[(reeks, datum, hex_or_empty(buurt), fenomeen.hex, "")] += n
    elif reeks == Reeks.AFGEROND:
        final = [str(status) for status in FINAL_STATUSES]
        rows = signalen.filter(status__in=final, afgerond_op__isnull=False).annotate(d=_month("afgerond_op"))
        for datum, buurt, status, n in rows.values_list("d", "buurt_id", "status").annotate(n=Count("id")).order_by():
            per_buurt[(reeks, datum, hex_or_empty(buurt), status)] += n
        rows = fenomenen.filter(signaal__status__in=final, signaal__afgerond_op__isnull=False)
        rows = rows.annotate(d=_month("signaal__afgerond_op")).values_list(
            "d", "signaal__buurt_id", "fenomeen_id", "signaal__status"
        )
        for datum, buurt, fenomeen, status, n in rows.annotate(n=Count("id")).order_by():
            per_buurt_fenomeen[(reeks, datum, hex_or_empty(buurt), fenomeen.hex, status)] += n
    elif reeks == Reeks.OPEN:
        final = [str(status) for status in FINAL_STATUSES]
        rows = signalen.exclude(status__in=final).values_list("termijn", "buurt_id", "stap").annotate(n=Count("id"))
        for termijn, buurt, stap, n in rows.order_by():
            per_buurt[(reeks, termijn or GEEN_TERMIJN, hex_or_empty(buurt), str(stap))] += n
        rows = fenomenen.exclude(signaal__status__in=final).values_list(
            "signaal__termijn", "signaal__buurt_id", "fenomeen_id", "signaal__stap"
        )
        for termijn, buurt, fenomeen, stap, n in rows.annotate(n=Count("id")).order_by():
            per_buurt_fenomeen[(reeks, termijn or GEEN_TERMIJN, hex_or_empty(buurt), fenomeen.hex, str(stap))] += n
    elif reeks == Reeks.DOORLOOPTIJD:
        closings = Weging.objects.filter(
            gemeente_id=gemeente_id, doorlooptijd__isnull=False, gecorrigeerd_door__isnull=True
        ).annotate(d=_month("vastgelegd_op"))
        rows = closings.values_list("d", "signaal__buurt_id", "stap", "doorlooptijd").annotate(n=Count("id"))
        for datum, buurt, stap, dagen, n in rows.order_by():
            per_buurt[(reeks, datum, hex_or_empty(buurt), doorlooptijd_sleutel(stap, dagen))] += n
        rows = closings.filter(signaal__fenomenen__isnull=False).values_list(
            "d", "signaal__buurt_id", "signaal__fenomenen", "stap", "doorlooptijd"
        )
        for datum, buurt, fenomeen, stap, dagen, n in rows.annotate(n=Count("id")).order_by():
            key = (reeks, datum, hex_or_empty(buurt), fenomeen.hex, doorlooptijd_sleutel(stap, dagen))
            per_buurt_fenomeen[key] += n
    else:
        raise ValueError(f"Unknown series: {reeks}")
    return _levels(per_buurt, per_buurt_fenomeen)
