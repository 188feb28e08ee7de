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

from regiekamer.core.db import ColumnWriter
from regiekamer.inzicht import tellingen
from regiekamer.inzicht.models import CasusFenomeen, Reeks, Telling
from regiekamer.inzicht.tellingen import Stand

BATCH = 5000


def stand(signaal, fenomenen: tuple[str, ...] | None = None, nieuw: bool = False) -> Stand:
    """What ``signaal`` (as it is in memory) contributes; reads its phenomena (unless given) and step closings (a
    ``nieuw`` signal, just received, has none)."""
    from regiekamer.protocol.models import Weging

    if fenomenen is None:
        fenomenen = tuple(sorted(pk.hex for pk in signaal.fenomenen.values_list("pk", flat=True)))
    closings = (
        ()
        if nieuw
        else Weging.objects.filter(
            signaal_id=signaal.pk, doorlooptijd__isnull=False, gecorrigeerd_door__isnull=True
        ).values_list("vastgelegd_op", "stap", "doorlooptijd")
    )
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


def verwerk_nieuw(standen: list[Stand]) -> None:
    """New signals of one gemeente (nothing before): their cells added with one upsert, as ``verwerk(None, na)``
    does for each."""
    delta: Counter = Counter()
    for na in standen:
        for cel, aantal in tellingen.bijdragen(na).items():
            delta[cel] += aantal
    changes = {cel: aantal for cel, aantal in delta.items() if aantal}
    if changes:
        _add(standen[0].gemeente_id, changes)


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


# --- The phenomena of cases -----------------------------------------------------------------------------------------


def signaal_gekoppeld(casus_signaal) -> None:
    """A signal was linked to a case: unless as a relapse signal, its phenomena become the case's (once each)."""
    from regiekamer.casussen.models import CasusSignaal

    if casus_signaal.soort == CasusSignaal.Soort.TERUGVAL:
        return
    fenomenen = casus_signaal.signaal.fenomenen.values_list("pk", flat=True)
    CasusFenomeen.objects.bulk_create(
        [
            CasusFenomeen(gemeente_id=casus_signaal.gemeente_id, casus_id=casus_signaal.casus_id, fenomeen_id=pk)
            for pk in fenomenen
        ],
        ignore_conflicts=True,
    )


def casus_fenomenen_direct(gemeente_id, CasusSignaal=None, koppeling=None) -> set:  # noqa: N803 - model classes
    """(case id, phenomenon id) for every case of the gemeente, from its signals (a data migration passes its
    historical models)."""
    if CasusSignaal is None:
        from regiekamer.casussen.models import CasusSignaal
    if koppeling is None:
        from regiekamer.signalen.models import Signaal

        koppeling = Signaal.fenomenen.through
    links = CasusSignaal.objects.filter(gemeente_id=gemeente_id).exclude(soort="terugval")
    rows = koppeling.objects.filter(signaal_id__in=links.values("signaal_id")).values_list("signaal_id", "fenomeen_id")
    per_signaal: dict = {}
    for signaal_id, fenomeen_id in rows.iterator(chunk_size=BATCH):
        per_signaal.setdefault(signaal_id, []).append(fenomeen_id)
    return {
        (casus_id, fenomeen_id)
        for casus_id, signaal_id in links.values_list("casus_id", "signaal_id").iterator(chunk_size=BATCH)
        for fenomeen_id in per_signaal.get(signaal_id, ())
    }


def _herbereken_casus_fenomenen(gemeente) -> int:
    CasusFenomeen.objects.filter(gemeente=gemeente).delete()
    pairs = casus_fenomenen_direct(gemeente.pk)
    CasusFenomeen.objects.bulk_create(
        [CasusFenomeen(gemeente=gemeente, casus_id=casus, fenomeen_id=fenomeen) for casus, fenomeen in pairs],
        batch_size=BATCH,
    )
    return len(pairs)


# --- Rebuild and check ---------------------------------------------------------------------------------------------


def _lock() -> None:
    """Writers wait while the counts are rebuilt, so none is lost or counted twice (PostgreSQL; SQLite has one
    writer at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(Telling._meta.db_table)} IN EXCLUSIVE MODE")


def herbereken_wegingen(gemeente_id=None, Weging=None) -> int:  # noqa: N803 - a model class
    """Work out the step start and lead time stored on every weging (of one gemeente) again
    (``protocol.doorlooptijden.replay``); returns how many wegingen changed. For data written around
    ``record_weging`` (a loader, moved timestamps) and the data migration, which passes its historical models.
    Streams the wegingen signal by signal; on PostgreSQL the changes go through COPY and one UPDATE."""
    from regiekamer.protocol.doorlooptijden import WegingRij, replay

    if Weging is None:
        from regiekamer.protocol.models import Weging
    wegingen_qs = Weging.objects.all()
    if gemeente_id is not None:
        wegingen_qs = wegingen_qs.filter(gemeente_id=gemeente_id)
    rows = wegingen_qs.order_by("signaal_id", "vastgelegd_op").values_list(
        "signaal_id",
        "signaal__ontvangen_op",
        "id",
        "status_voor",
        "status_na",
        "vastgelegd_op",
        "corrigeert_id",
        "stap",
        "stap_gestart_op",
        "doorlooptijd",
    )
    writer = ColumnWriter(Weging, ["stap", "stap_gestart_op", "doorlooptijd"])

    def flush(ontvangen_op, wegingen, stored):
        for pk, timing in replay(ontvangen_op, wegingen).items():
            new = (timing.stap, timing.stap_gestart_op, timing.doorlooptijd)
            if stored[pk] != new:
                writer.add(pk, new)

    current, ontvangen, wegingen, stored = None, None, [], {}
    for signaal_id, ontvangen_op, pk, voor, na, op, corrigeert, stap, gestart, dagen in rows.iterator(chunk_size=BATCH):
        if signaal_id != current:
            if wegingen:
                flush(ontvangen, wegingen, stored)
            current, ontvangen, wegingen, stored = signaal_id, ontvangen_op, [], {}
        wegingen.append(WegingRij(pk, voor, na, op, corrigeert))
        stored[pk] = (stap, gestart, dagen)
    if wegingen:
        flush(ontvangen, wegingen, stored)
    return writer.finish()


def _insert_tellingen(gemeente_id, cells) -> int:
    """Write cells as new rows (the gemeente's rows were just deleted): COPY on PostgreSQL, else bulk_create."""
    rows = [(cel, aantal) for cel, aantal in cells.items() if aantal]
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        columns = ", ".join(
            quote(c) for c in ("gemeente_id", "reeks", "datum", "buurt", "fenomeen", "sleutel", "aantal")
        )
        sql = f"COPY {quote(Telling._meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for (reeks, datum, buurt, fenomeen, sleutel), aantal in rows:
                copy.write_row((gemeente_id, str(reeks), datum, buurt, fenomeen, sleutel, aantal))
    else:
        Telling.objects.bulk_create(
            [
                Telling(
                    gemeente_id=gemeente_id,
                    reeks=reeks,
                    datum=datum,
                    buurt=buurt,
                    fenomeen=fenomeen,
                    sleutel=sleutel,
                    aantal=aantal,
                )
                for (reeks, datum, buurt, fenomeen, sleutel), aantal in rows
            ],
            batch_size=BATCH,
        )
    return len(rows)


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
        result.cellen[str(reeks)] = _insert_tellingen(gemeente.pk, tellingen.direct(gemeente.pk, reeks))
    result.cellen["casusfenomenen"] = _herbereken_casus_fenomenen(gemeente)
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
    stored_pairs = set(CasusFenomeen.objects.filter(gemeente=gemeente).values_list("casus_id", "fenomeen_id"))
    for casus_id, fenomeen_id in sorted(stored_pairs ^ casus_fenomenen_direct(gemeente.pk), key=str):
        present = (casus_id, fenomeen_id) in stored_pairs
        # A case's phenomenon stored without a signal for it, or missing: one cell of the "casusfenomenen" series.
        verschillen.append(
            Verschil("casusfenomenen", dt.date.min, casus_id.hex, fenomeen_id.hex, "", int(present), int(not present))
        )
    for reeks in Reeks:
        stored, counted = opgeslagen(gemeente.pk, reeks), tellingen.direct(gemeente.pk, reeks)
        for cel in sorted(set(stored) | set(counted)):
            if stored.get(cel, 0) != counted.get(cel, 0):
                verschillen.append(Verschil(*cel, opgeslagen=stored.get(cel, 0), geteld=counted.get(cel, 0)))
    return verschillen
