"""Reads of the summary counts per buurt for other domains (the map and the area view of ``regiekamer.gebieden``),
so that they need not know the layout of ``Telling``.

Months are calendar months in local time, as everywhere in the counts: a signal received on a month's first day
at 00:30 local time belongs to that month. Keys are buurt ids (``None`` for signals without a buurt) and phenomenon
ids, as UUIDs.
"""

import datetime as dt
import uuid
from collections import Counter

from django.db.models import Sum

from regiekamer.inzicht.models import ALLE, Reeks, Telling


def _id(key: str):
    return uuid.UUID(key) if key else None


def _buurten(cells, buurt_ids):
    """Every buurt's cells (and those of the signals without a buurt), or only those of ``buurt_ids``."""
    if buurt_ids is None:
        return cells.exclude(buurt=ALLE)
    return cells.filter(buurt__in=[pk.hex for pk in buurt_ids])


def ontvangen_per_buurt(
    gemeente,
    van: dt.date | None = None,
    tot: dt.date | None = None,
    *,
    buurt_ids=None,
    fenomeen_id=None,
    per_fenomeen: bool = False,
    per_maand: bool = False,
) -> Counter:
    """Signals received per buurt in the whole months from the month of ``van`` up to and including the month of
    ``tot`` (``None``: no bound). ``buurt_ids``: only these buurten (default all, and the signals without a buurt
    under ``None``). ``fenomeen_id``: only signals with that phenomenon; ``per_fenomeen``: one count per
    (buurt, phenomenon) instead, a signal with two phenomena counted under each. ``per_maand`` adds the month (its
    first day) to the key. Keys: ``buurt_id``, then the phenomenon id, then the month, as far as asked for."""
    cells = Telling.objects.filter(gemeente=gemeente, reeks=Reeks.ONTVANGEN)
    cells = _buurten(cells, buurt_ids)
    if per_fenomeen:
        cells = cells.exclude(fenomeen=ALLE)
    else:
        cells = cells.filter(fenomeen=fenomeen_id.hex if fenomeen_id else ALLE)
    if van is not None:
        cells = cells.filter(datum__gte=van.replace(day=1))
    if tot is not None:
        cells = cells.filter(datum__lte=tot.replace(day=1))
    columns = ["buurt", *(["fenomeen"] if per_fenomeen else []), *(["datum"] if per_maand else [])]
    result: Counter = Counter()
    for *key, aantal in cells.values_list(*columns).annotate(n=Sum("aantal")).order_by():
        if not aantal:
            continue
        key[0] = _id(key[0])
        if per_fenomeen:
            key[1] = _id(key[1])
        result[tuple(key) if len(key) > 1 else key[0]] += aantal
    return result


def open_per_buurt(gemeente, buurt_ids=None) -> Counter:
    """Signals open now (not in a final status) per buurt id (``None``: without a buurt)."""
    cells = Telling.objects.filter(gemeente=gemeente, reeks=Reeks.OPEN, fenomeen=ALLE)
    cells = _buurten(cells, buurt_ids)
    result: Counter = Counter()
    for buurt, aantal in cells.values_list("buurt").annotate(n=Sum("aantal")).order_by():
        if aantal:
            result[_id(buurt)] += aantal
    return result
