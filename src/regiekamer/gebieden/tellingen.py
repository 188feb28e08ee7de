"""Summaries of the areas domain, kept current on write: the per-address counts behind the map's points and the
address hotspots, and the signals per day and buurt.

**Per address, in a window of days.** ``AdresTelling`` holds per address the signals linked to it whose local date
of receipt lies in the gemeente's window (``Venster``: the ``dagen`` local dates up to and including ``tot``), with
the number of different phenomena and reporting organisations among them; ``AdresKenmerk`` holds the count per
(address, phenomenon) and (address, organisation) that those distinct counts are taken from. The window is the
hotspot period (``HotspotInstelling.periode_maanden``, 365 days by default, which is also the map's default
period). It is moved forward by :func:`actueel_venster` on the first read of a new day: the signals of the days that
left the window are subtracted and those of the days that entered are added, set-based (about a day's worth of
signals). A window further behind than its length, of another length, or never built is rebuilt.

**Per day.** ``Dagtelling`` counts the signals per local date of receipt and buurt, in total and per phenomenon:
for the buurt hotspots, and for the days at the edges of a period whose whole months come from the summary counts
of ``regiekamer.inzicht``.

**Kept current on write.** The services that change what a signal contributes call :func:`verwerk` with the
signal's contribution before and after (``bijdrage``), in their own transaction: intake (``signalen.services``,
after the addresses are linked) and retention (``retention.services``, before a signal is destroyed). Nothing else
changes a signal's addresses, phenomena, organisation, buurt or date of receipt, except the buurt assignment after
new boundaries (``toewijzing.wijs_buurten_toe``, which rebuilds ``Dagtelling`` in its transaction) and bulk loaders,
which call :func:`herbereken` (``regiekamer gebiedstellingen --herbereken``) afterwards. Every writer first locks the
gemeente's ``Venster`` row, so writes, moves of the window and rebuilds of one gemeente never interleave (intake
is serialised per gemeente already, by its signal numbering). A writer that also changes the summary counts of
``regiekamer.inzicht`` does that first, as intake does, so that two writers never wait for each other's locks.

**Checked.** :func:`controleer` (``regiekamer gebiedstellingen --controleer``) compares every stored row with a
direct count of the source tables; the write path and the count are separate code.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import CharField, Count, Q, UUIDField, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from regiekamer.core.db import locked_row
from regiekamer.gebieden.models import (
    ALLE_FENOMENEN,
    GEEN_BUURT,
    AdresKenmerk,
    AdresTelling,
    Dagtelling,
    HotspotInstelling,
    Venster,
)

FENOMEEN, ORGANISATIE = AdresKenmerk.Soort.FENOMEEN.value, AdresKenmerk.Soort.ORGANISATIE.value
CHUNK = 500


def _signaal_adres():
    from regiekamer.signalen.models import Signaal

    return Signaal.adressen.through


def dag_van(moment: dt.datetime) -> dt.date:
    """The local date of a moment (Europe/Amsterdam)."""
    return timezone.localtime(moment).date()


def begin_van(dag: dt.date) -> dt.datetime:
    """Local midnight at the start of ``dag``."""
    return timezone.make_aware(dt.datetime.combine(dag, dt.time.min))


def venster_dagen(gemeente) -> int:
    """The length in days of the gemeente's window: its hotspot period (12 months: 365 days)."""
    regels = HotspotInstelling.objects.filter(gemeente=gemeente).first() or HotspotInstelling(gemeente=gemeente)
    return max(1, round(regels.periode_maanden * 30.44))


# --- What one signal contributes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bijdrage:
    """A signal as far as these summaries are concerned."""

    gemeente_id: object
    buurt_id: object  # None: no buurt
    dag: dt.date  # local date of receipt
    organisatie_id: object
    adressen: tuple = field(default_factory=tuple)
    fenomenen: tuple = field(default_factory=tuple)


def bijdrage(signaal, adressen=None, fenomenen=None) -> Bijdrage:
    """The contribution of ``signaal``; its linked addresses and phenomena are read unless given (ids)."""
    if adressen is None:
        adressen = signaal.adressen.values_list("pk", flat=True)
    if fenomenen is None:
        fenomenen = signaal.fenomenen.values_list("pk", flat=True)
    return Bijdrage(
        gemeente_id=signaal.gemeente_id,
        buurt_id=signaal.buurt_id,
        dag=dag_van(signaal.ontvangen_op),
        organisatie_id=signaal.melder_organisatie_id,
        adressen=tuple(sorted(set(adressen), key=str)),
        fenomenen=tuple(sorted(set(fenomenen), key=str)),
    )


def _in_venster(venster: Venster, dag: dt.date) -> bool:
    return venster.tot is not None and venster.van <= dag <= venster.tot


def verwerk(voor: Bijdrage | None, na: Bijdrage | None) -> None:
    """Apply the change of one signal from ``voor`` to ``na`` (``None``: not there) to the summaries."""
    verwerk_reeks([(voor, na)])


def verwerk_reeks(wijzigingen: list[tuple[Bijdrage | None, Bijdrage | None]]) -> None:
    """Apply the changes of several signals of one gemeente (pairs ``voor``, ``na``) with one lock and one upsert
    per summary, as :func:`verwerk` does for one (the bulk import: a chunk of new signals)."""
    items = [(teken, item) for voor, na in wijzigingen for teken, item in ((-1, voor), (1, na)) if item is not None]
    if not items:
        return
    gemeente_id = items[0][1].gemeente_id
    venster = locked_row(Venster, gemeente_id=gemeente_id)
    dagen: Counter = Counter()
    signalen: Counter = Counter()
    kenmerken: Counter = Counter()
    for teken, item in items:
        if item.gemeente_id != gemeente_id:
            raise ValueError("verwerk_reeks: signals of one gemeente only")
        for fenomeen_id in (ALLE_FENOMENEN, *item.fenomenen):
            dagen[(fenomeen_id, item.dag, item.buurt_id or GEEN_BUURT)] += teken
        if _in_venster(venster, item.dag):
            for adres_id in item.adressen:
                signalen[adres_id] += teken
                kenmerken[(adres_id, ORGANISATIE, item.organisatie_id)] += teken
                for fenomeen_id in item.fenomenen:
                    kenmerken[(adres_id, FENOMEEN, fenomeen_id)] += teken
    # Only added to (every new signal): no count can have reached zero, so there is nothing to clean up.
    opruimen = any(teken < 0 for teken, _item in items)
    _tel_dagen(gemeente_id, dagen, opruimen)
    _tel_adressen(gemeente_id, signalen, kenmerken, opruimen)


# --- Writing deltas ---------------------------------------------------------------------------------------------------


def _upsert_add(model, keys: list[str], conflict: list[str], value: str, rows: list[tuple]) -> None:
    """Add ``rows`` (key values..., delta) to ``model``'s ``value`` column with one upsert per chunk
    (``INSERT ... ON CONFLICT (conflict) DO UPDATE SET value = value + excluded.value``; PostgreSQL and SQLite share
    the syntax). Rows are written in the order given."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    fields = [meta.get_field(name) for name in keys]
    columns = ", ".join(quote(f.column) for f in fields)
    target = ", ".join(quote(meta.get_field(name).column) for name in conflict)
    column = quote(meta.get_field(value).column)
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        placeholders = ", ".join(["(" + ", ".join(["%s"] * (len(keys) + 1)) + ")"] * len(chunk))
        params = []
        for row in chunk:
            params += [f.get_db_prep_save(v, connection) for f, v in zip(fields, row[:-1], strict=True)]
            params.append(row[-1])
        # Only identifiers are formatted in (this model's table and columns, quoted by the backend); every value is a
        # query parameter.
        sql = (
            f"INSERT INTO {table} ({columns}, {column}) VALUES {placeholders} "  # noqa: S608  # nosec B608
            f"ON CONFLICT ({target}) DO UPDATE SET {column} = {table}.{column} + excluded.{column}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _tel_dagen(gemeente_id, delta: Counter, opruimen: bool) -> None:
    rows = [(gemeente_id, *key, n) for key, n in sorted(delta.items(), key=str) if n]
    keys = ["gemeente", "fenomeen", "dag", "buurt"]
    _upsert_add(Dagtelling, keys, keys, "aantal", rows)
    if not opruimen:
        return
    for start in range(0, len(rows), CHUNK):
        cellen = Q()
        for _g, fenomeen_id, dag, buurt_id, _n in rows[start : start + CHUNK]:
            cellen |= Q(fenomeen=fenomeen_id, dag=dag, buurt=buurt_id)
        Dagtelling.objects.filter(cellen, gemeente_id=gemeente_id, aantal=0).delete()


def _tel_adressen(gemeente_id, signalen: Counter, kenmerken: Counter, opruimen: bool) -> None:
    """Add per-address deltas (the caller holds the gemeente's ``Venster`` lock, so writers do not interleave) and
    work out the distinct counts of the addresses touched again."""
    adressen = sorted(set(signalen) | {key[0] for key in kenmerken}, key=str)
    if not adressen:
        return
    _upsert_add(
        AdresTelling,
        ["gemeente", "adres", "fenomenen", "organisaties"],  # the distinct counts of a new row: worked out below
        ["adres"],
        "signalen",
        [(gemeente_id, adres_id, 0, 0, signalen.get(adres_id, 0)) for adres_id in adressen],
    )
    _upsert_add(
        AdresKenmerk,
        ["gemeente", "adres", "soort", "waarde"],
        ["adres", "soort", "waarde"],
        "aantal",
        [(gemeente_id, *key, n) for key, n in sorted(kenmerken.items(), key=str) if n],
    )
    for start in range(0, len(adressen), CHUNK):
        chunk = adressen[start : start + CHUNK]
        if opruimen:
            AdresKenmerk.objects.filter(adres_id__in=chunk, aantal=0).delete()
        _distinct_opnieuw(chunk)
        if opruimen:
            AdresTelling.objects.filter(adres_id__in=chunk, signalen=0).delete()


def _distinct_opnieuw(adres_ids: list) -> None:
    """Work the distinct counts of these addresses' rows out again from their ``AdresKenmerk`` rows: one statement
    (written out, as ``_upsert_add``: on every intake, building it through the ORM cost more than running it)."""
    if not adres_ids:
        return
    quote = connection.ops.quote_name
    telling, kenmerk = quote(AdresTelling._meta.db_table), quote(AdresKenmerk._meta.db_table)
    adres = quote(AdresTelling._meta.get_field("adres").column)
    k_adres = quote(AdresKenmerk._meta.get_field("adres").column)
    soort, aantal = (quote(AdresKenmerk._meta.get_field(name).column) for name in ("soort", "aantal"))

    def distinct(kolom: str) -> str:
        return (
            f"{quote(AdresTelling._meta.get_field(kolom).column)} = (SELECT COUNT(*) FROM {kenmerk} k "  # noqa: S608  # nosec B608
            f"WHERE k.{k_adres} = {telling}.{adres} AND k.{soort} = %s AND k.{aantal} > 0)"
        )

    field = AdresTelling._meta.get_field("adres")
    placeholders = ", ".join(["%s"] * len(adres_ids))
    # Only identifiers are formatted in (these models' tables and columns, quoted by the backend); every value is a
    # query parameter.
    sql = (
        f"UPDATE {telling} SET {distinct('fenomenen')}, {distinct('organisaties')} "  # noqa: S608  # nosec B608
        f"WHERE {adres} IN ({placeholders})"
    )
    params = [FENOMEEN, ORGANISATIE] + [field.get_db_prep_value(pk, connection) for pk in adres_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- Direct counts over the source tables ---------------------------------------------------------------------------


def _links(gemeente_id, van: dt.date, tot: dt.date):
    """The signal-address links of the gemeente's signals received on the local dates ``van`` to ``tot``."""
    return (
        _signaal_adres()
        .objects.filter(
            signaal__gemeente_id=gemeente_id,
            signaal__ontvangen_op__gte=begin_van(van),
            signaal__ontvangen_op__lt=begin_van(tot + dt.timedelta(days=1)),
        )
        .order_by()
    )


def _adres_rijen(gemeente_id, van, tot):
    """(gemeente, address, signals, distinct phenomena, distinct organisations) per address, over the window."""
    return (
        _links(gemeente_id, van, tot)
        .values("signaal__gemeente_id", "adres_id")
        .annotate(
            s=Count("signaal_id", distinct=True),
            f=Count("signaal__fenomenen", distinct=True),
            o=Count("signaal__melder_organisatie_id", distinct=True),
        )
        .values_list("signaal__gemeente_id", "adres_id", "s", "f", "o")
    )


def _kenmerk_rijen(gemeente_id, van, tot, soort: str):
    column = "signaal__fenomenen" if soort == FENOMEEN else "signaal__melder_organisatie_id"
    return (
        _links(gemeente_id, van, tot)
        .filter(**{f"{column}__isnull": False})
        .values("signaal__gemeente_id", "adres_id", column)
        .annotate(n=Count("signaal_id"), soort=Value(soort, output_field=CharField()))
        .values_list("signaal__gemeente_id", "adres_id", "soort", column, "n")
    )


def _dag_rijen(gemeente_id) -> list:
    """Two querysets of (gemeente, phenomenon, local date, buurt, signals): all signals, and per phenomenon."""
    from regiekamer.signalen.models import Signaal

    geen_buurt = Value(GEEN_BUURT, output_field=UUIDField())
    alle = (
        Signaal.objects.filter(gemeente_id=gemeente_id)
        .order_by()
        .annotate(d=TruncDate("ontvangen_op"), b=Coalesce("buurt_id", geen_buurt))
        .values("gemeente_id", "d", "b")
        .annotate(n=Count("id"), f=Value(ALLE_FENOMENEN, output_field=UUIDField()))
        .values_list("gemeente_id", "f", "d", "b", "n")
    )
    per_fenomeen = (
        Signaal.fenomenen.through.objects.filter(signaal__gemeente_id=gemeente_id)
        .order_by()
        .annotate(d=TruncDate("signaal__ontvangen_op"), b=Coalesce("signaal__buurt_id", geen_buurt))
        .values("signaal__gemeente_id", "fenomeen_id", "d", "b")
        .annotate(n=Count("id"))
        .values_list("signaal__gemeente_id", "fenomeen_id", "d", "b", "n")
    )
    return [alle, per_fenomeen]


def _insert_select(model, columns: list[str], queryset) -> None:
    """``INSERT INTO model (columns) SELECT ...`` with the queryset's compiled SQL: the rows never pass through
    Python."""
    meta = model._meta
    quote = connection.ops.quote_name
    names = ", ".join(quote(meta.get_field(name).column) for name in columns)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The table and columns are this model's own; the SELECT is Django's compiled SQL with its parameters.
        cursor.execute(f"INSERT INTO {quote(meta.db_table)} ({names}) {sql}", params)  # noqa: S608  # nosec B608


# --- The window -------------------------------------------------------------------------------------------------------


def _bouw_venster(gemeente_id, van: dt.date, tot: dt.date) -> None:
    AdresKenmerk.objects.filter(gemeente_id=gemeente_id).delete()
    AdresTelling.objects.filter(gemeente_id=gemeente_id).delete()
    kolommen = ["gemeente", "adres", "signalen", "fenomenen", "organisaties"]
    _insert_select(AdresTelling, kolommen, _adres_rijen(gemeente_id, van, tot))
    for soort in (FENOMEEN, ORGANISATIE):
        _insert_select(
            AdresKenmerk,
            ["gemeente", "adres", "soort", "waarde", "aantal"],
            _kenmerk_rijen(gemeente_id, van, tot, soort),
        )


def _verschuif(gemeente_id, teken: int, van: dt.date, tot: dt.date) -> None:
    """Add (``teken`` 1) or subtract (-1) the signals received on the local dates ``van`` to ``tot``."""
    if van > tot:
        return
    signalen = Counter({adres_id: teken * n for _g, adres_id, n, _f, _o in _adres_rijen(gemeente_id, van, tot)})
    kenmerken: Counter = Counter()
    for soort in (FENOMEEN, ORGANISATIE):
        for _g, adres_id, _s, waarde, n in _kenmerk_rijen(gemeente_id, van, tot, soort):
            kenmerken[(adres_id, soort, waarde)] += teken * n
    _tel_adressen(gemeente_id, signalen, kenmerken, opruimen=teken < 0)


def actueel_venster(gemeente, vandaag: dt.date | None = None) -> Venster:
    """The gemeente's window, moved to end today (and rebuilt when needed) before it is returned."""
    vandaag = vandaag or timezone.localdate()
    dagen = venster_dagen(gemeente)
    venster = Venster.objects.filter(gemeente=gemeente).first()
    if venster is not None and venster.tot == vandaag and venster.dagen == dagen:
        return venster
    with transaction.atomic():
        venster = locked_row(Venster, gemeente_id=gemeente.pk)
        if venster.tot == vandaag and venster.dagen == dagen:
            return venster
        if venster.tot is None or venster.dagen != dagen or not (0 < (vandaag - venster.tot).days < dagen):
            _bouw_venster(gemeente.pk, vandaag - dt.timedelta(days=dagen - 1), vandaag)
        else:
            oud_van = venster.van
            # Days that left the window, then days that entered it.
            _verschuif(gemeente.pk, -1, oud_van, vandaag - dt.timedelta(days=dagen))
            _verschuif(gemeente.pk, 1, venster.tot + dt.timedelta(days=1), vandaag)
        venster.tot, venster.dagen = vandaag, dagen
        venster.save(update_fields=["tot", "dagen"])
    return venster


# --- Rebuild and check ------------------------------------------------------------------------------------------------


@dataclass
class Herberekening:
    dagen: int = 0  # Dagtelling rows
    adressen: int = 0  # AdresTelling rows
    kenmerken: int = 0  # AdresKenmerk rows


def herbereken_dagen(gemeente) -> int:
    """Rebuild the ``Dagtelling`` of one gemeente (after the buurt assignment or a bulk load); in the caller's
    transaction, with the gemeente's window row locked."""
    locked_row(Venster, gemeente_id=gemeente.pk)
    Dagtelling.objects.filter(gemeente=gemeente).delete()
    for rijen in _dag_rijen(gemeente.pk):
        _insert_select(Dagtelling, ["gemeente", "fenomeen", "dag", "buurt", "aantal"], rijen)
    return Dagtelling.objects.filter(gemeente=gemeente).count()


@transaction.atomic
def herbereken(gemeente, vandaag: dt.date | None = None) -> Herberekening:
    """Rebuild every area summary of one gemeente from the source tables; writers wait meanwhile."""
    vandaag = vandaag or timezone.localdate()
    venster = locked_row(Venster, gemeente_id=gemeente.pk)
    result = Herberekening(dagen=herbereken_dagen(gemeente))
    venster.dagen = venster_dagen(gemeente)
    venster.tot = vandaag
    _bouw_venster(gemeente.pk, venster.van, venster.tot)
    venster.save(update_fields=["tot", "dagen"])
    result.adressen = AdresTelling.objects.filter(gemeente=gemeente).count()
    result.kenmerken = AdresKenmerk.objects.filter(gemeente=gemeente).count()
    return result


@dataclass(frozen=True)
class Verschil:
    tabel: str
    sleutel: tuple
    opgeslagen: object
    geteld: object


def controleer(gemeente) -> list[Verschil]:
    """Every stored row that differs from a direct count of the source tables (empty: all exact). The window is
    checked as it stands (its ``tot``), without moving it."""
    verschillen = []

    def vergelijk(tabel, opgeslagen: dict, geteld: dict):
        for key in sorted(set(opgeslagen) | set(geteld), key=str):
            if opgeslagen.get(key) != geteld.get(key):
                sleutel = key if isinstance(key, tuple) else (key,)
                verschillen.append(Verschil(tabel, sleutel, opgeslagen.get(key), geteld.get(key)))

    vergelijk(
        "dagtelling",
        {
            (fenomeen, dag, buurt): n
            for fenomeen, dag, buurt, n in Dagtelling.objects.filter(gemeente=gemeente)
            .exclude(aantal=0)
            .values_list("fenomeen", "dag", "buurt", "aantal")
        },
        {(fenomeen, dag, buurt): n for rijen in _dag_rijen(gemeente.pk) for _g, fenomeen, dag, buurt, n in rijen},
    )
    venster = Venster.objects.filter(gemeente=gemeente).first()
    if venster is None or venster.tot is None:
        stored = AdresTelling.objects.filter(gemeente=gemeente).count()
        if stored:
            verschillen.append(Verschil("adrestelling", ("zonder venster",), stored, 0))
        return verschillen
    vergelijk(
        "adrestelling",
        {
            adres: (s, f, o)
            for adres, s, f, o in AdresTelling.objects.filter(gemeente=gemeente).values_list(
                "adres_id", "signalen", "fenomenen", "organisaties"
            )
        },
        {adres: (s, f, o) for _g, adres, s, f, o in _adres_rijen(gemeente.pk, venster.van, venster.tot)},
    )
    geteld = {}
    for soort in (FENOMEEN, ORGANISATIE):
        for _g, adres, _s, waarde, n in _kenmerk_rijen(gemeente.pk, venster.van, venster.tot, soort):
            geteld[(adres, soort, waarde)] = n
    vergelijk(
        "adreskenmerk",
        {
            (adres, soort, waarde): n
            for adres, soort, waarde, n in AdresKenmerk.objects.filter(gemeente=gemeente).values_list(
                "adres_id", "soort", "waarde", "aantal"
            )
        },
        geteld,
    )
    return verschillen


def venster_filter(venster: Venster) -> Q:
    """The signals of the window, as a filter on ``Signaal``."""
    return Q(ontvangen_op__gte=begin_van(venster.van), ontvangen_op__lt=begin_van(venster.tot + dt.timedelta(days=1)))
