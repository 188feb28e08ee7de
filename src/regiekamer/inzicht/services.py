"""Keeping the summary counts current, rebuilding them and checking them.

Every service that changes what a signal contributes to the figures calls ``verwerk`` with the signal's state
before and after, in its own transaction: intake (``signalen.services``), every weging
(``protocol.services.record_weging``) and retention (``retention.services``). ``verwerk`` adds the difference to
the cells with one upsert (``INSERT ... ON CONFLICT DO UPDATE SET aantal = aantal + excluded.aantal``), in a fixed
order of cells so that concurrent writers cannot deadlock. Code that changes signals in bulk outside these
services (a loader, a re-run of the buurt assignment) calls ``herbereken`` afterwards.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction

from regiekamer.inzicht import tellingen
from regiekamer.inzicht.models import Reeks, Telling
from regiekamer.inzicht.tellingen import Stand

BATCH = 5000


def stand(signaal, fenomenen: tuple[str, ...] | None = None) -> Stand:
    """What ``signaal`` (as it is in memory) contributes; reads its phenomena (unless given) and step closings."""
    from regiekamer.protocol.models import Weging

    if fenomenen is None:
        fenomenen = tuple(sorted(pk.hex for pk in signaal.fenomenen.values_list("pk", flat=True)))
    closings = Weging.objects.filter(
        signaal_id=signaal.pk, doorlooptijd__isnull=False, gecorrigeerd_door__isnull=True
    ).values_list("vastgelegd_op", "stap", "doorlooptijd")
    return Stand(
        gemeente_id=signaal.gemeente_id,
        buurt=tellingen.hex_or_empty(signaal.buurt_id),
        fenomenen=fenomenen,
        ontvangen_op=signaal.ontvangen_op,
        status=signaal.status,
        stap=signaal.stap,
        termijn=signaal.termijn,
        afgerond_op=signaal.afgerond_op,
        doorlooptijden=tuple(sorted(closings)),
    )


def verwerk(voor: Stand | None, na: Stand | None) -> None:
    """Apply the change of one signal from ``voor`` to ``na`` (``None``: not there) to the summary counts."""
    delta: Counter = Counter()
    for cel, aantal in tellingen.bijdragen(na).items():
        delta[cel] += aantal
    for cel, aantal in tellingen.bijdragen(voor).items():
        delta[cel] -= aantal
    changes = {cel: aantal for cel, aantal in delta.items() if aantal}
    if changes:
        _add((na or voor).gemeente_id, changes)


def _add(gemeente_id, delta: dict) -> None:
    if not delta:
        return
    meta = Telling._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    gemeente = meta.get_field("gemeente").get_db_prep_save(gemeente_id, connection)
    datum_field = meta.get_field("datum")
    rows = []
    for (reeks, datum, buurt, fenomeen, sleutel), aantal in sorted(delta.items()):
        rows.append([gemeente, str(reeks), datum_field.get_db_prep_save(datum, connection), buurt, fenomeen, sleutel])
        rows[-1].append(aantal)
    columns = ", ".join(quote(name) for name in ("gemeente_id", "reeks", "datum", "buurt", "fenomeen", "sleutel"))
    conflict = ", ".join(quote(name) for name in ("gemeente_id", "reeks", "buurt", "fenomeen", "datum", "sleutel"))
    aantal = quote("aantal")
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
        # Only identifiers are formatted in (this model's table and columns, quoted by the backend); every value is
        # a query parameter.
        sql = (
            f"INSERT INTO {table} ({columns}, {aantal}) VALUES {values} "  # noqa: S608  # nosec B608 - identifiers only
            f"ON CONFLICT ({conflict}) DO UPDATE SET {aantal} = {table}.{aantal} + excluded.{aantal}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])


# --- Rebuild and check ---------------------------------------------------------------------------------------------


def _lock() -> None:
    """Writers wait while the counts are rebuilt, so none is lost or counted twice (PostgreSQL; SQLite has one
    writer at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(Telling._meta.db_table)} IN EXCLUSIVE MODE")


def herbereken_wegingen(gemeente_id=None, Weging=None, Signaal=None) -> int:  # noqa: N803 - model classes
    """Work out the step start and lead time stored on every weging (of one gemeente) again
    (``protocol.doorlooptijden.replay``); returns how many wegingen changed. For data written around
    ``record_weging`` (a loader, moved timestamps) and the data migration, which passes its historical models."""
    from regiekamer.protocol.doorlooptijden import WegingRij, replay

    if Weging is None:
        from regiekamer.protocol.models import Weging
    if Signaal is None:
        from regiekamer.signalen.models import Signaal
    changed = []
    wegingen_qs, signalen_qs = Weging.objects.all(), Signaal.objects.all()
    if gemeente_id is not None:
        wegingen_qs = wegingen_qs.filter(gemeente_id=gemeente_id)
        signalen_qs = signalen_qs.filter(gemeente_id=gemeente_id)
    rows = wegingen_qs.order_by("signaal_id", "vastgelegd_op").values_list(
        "signaal_id",
        "id",
        "status_voor",
        "status_na",
        "vastgelegd_op",
        "corrigeert_id",
        "stap",
        "stap_gestart_op",
        "doorlooptijd",
    )
    ontvangen = dict(signalen_qs.values_list("id", "ontvangen_op"))

    def flush(signaal_id, wegingen, stored):
        for pk, timing in replay(ontvangen[signaal_id], wegingen).items():
            new = (timing.stap, timing.stap_gestart_op, timing.doorlooptijd)
            if stored[pk] != new:
                changed.append((pk, list(new)))

    current, wegingen, stored = None, [], {}
    for signaal_id, pk, voor, na, op, corrigeert, stap, gestart, dagen in rows.iterator(chunk_size=BATCH):
        if signaal_id != current:
            if wegingen:
                flush(current, wegingen, stored)
            current, wegingen, stored = signaal_id, [], {}
        wegingen.append(WegingRij(pk, voor, na, op, corrigeert))
        stored[pk] = (stap, gestart, dagen)
    if wegingen:
        flush(current, wegingen, stored)
    _set_columns(Weging, ["stap", "stap_gestart_op", "doorlooptijd"], changed)
    return len(changed)


def _set_columns(model, fields: list[str], rows: list[tuple[object, list]]) -> None:
    """``UPDATE table SET ... WHERE pk = %s`` for many rows in one prepared statement."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    # Only identifiers are formatted in; every value is a query parameter.
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608  # nosec B608 - identifiers only
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    [column.get_db_prep_save(value, connection) for column, value in zip(columns, values, strict=True)]
                    + [meta.pk.get_db_prep_value(pk, connection)]
                    for pk, values in rows[start : start + BATCH]
                ],
            )


@dataclass
class Herberekening:
    wegingen: int = 0
    cellen: dict = field(default_factory=dict)  # reeks -> number of cells written


@transaction.atomic
def herbereken(gemeente, wegingen: bool = True) -> Herberekening:
    """Rebuild the summary counts of one gemeente from the source tables (and first, unless ``wegingen`` is False,
    the lead times stored on its wegingen)."""
    _lock()
    result = Herberekening()
    if wegingen:
        result.wegingen = herbereken_wegingen(gemeente.pk)
    Telling.objects.filter(gemeente=gemeente).delete()
    for reeks in Reeks:
        cells = tellingen.direct(gemeente.pk, reeks)
        batch = [
            Telling(
                gemeente=gemeente, reeks=r, datum=datum, buurt=buurt, fenomeen=fenomeen, sleutel=sleutel, aantal=aantal
            )
            for (r, datum, buurt, fenomeen, sleutel), aantal in cells.items()
            if aantal
        ]
        Telling.objects.bulk_create(batch, batch_size=BATCH)
        result.cellen[str(reeks)] = len(batch)
    return result


@dataclass(frozen=True)
class Verschil:
    reeks: str
    datum: dt.date
    buurt: str
    fenomeen: str
    sleutel: str
    opgeslagen: int
    geteld: int


def opgeslagen(gemeente_id, reeks: str) -> Counter:
    cells: Counter = Counter()
    rows = Telling.objects.filter(gemeente_id=gemeente_id, reeks=reeks).exclude(aantal=0)
    for datum, buurt, fenomeen, sleutel, aantal in rows.values_list("datum", "buurt", "fenomeen", "sleutel", "aantal"):
        cells[(reeks, datum, buurt, fenomeen, sleutel)] = aantal
    return cells


def controleer(gemeente) -> list[Verschil]:
    """Every cell whose stored count differs from a direct count (empty: all summaries are exact)."""
    verschillen = []
    for reeks in Reeks:
        stored, counted = opgeslagen(gemeente.pk, reeks), tellingen.direct(gemeente.pk, reeks)
        for cel in sorted(set(stored) | set(counted)):
            if stored.get(cel, 0) != counted.get(cel, 0):
                verschillen.append(Verschil(*cel, opgeslagen=stored.get(cel, 0), geteld=counted.get(cel, 0)))
    return verschillen
