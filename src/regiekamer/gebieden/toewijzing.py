"""Which buurt an address and a signal belong to, and re-running that after a boundary import.

An address gets the buurt whose current boundary contains its coordinates (point-in-polygon with shapely); an
address without coordinates, or whose point falls outside every buurt, gets the buurt of its four-digit postcode
(``subjects.services.buurt_for_postcode``). A signal gets the buurt of its first address that has one, unless its
buurt was chosen explicitly (a signal about a place without an address). Intake applies these rules to each new
address (the locator below is registered with ``subjects.services``); :func:`wijs_buurten_toe` applies them again to
every address and signal of a gemeente after new boundaries, in set-based updates.
"""

from collections import defaultdict
from dataclasses import dataclass

import shapely
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.dispatch import Signal

from regiekamer.core import memo
from regiekamer.gebieden import tellingen
from regiekamer.gebieden.models import Buurtgrens, Indeling
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Adres, Buurt

BATCH = 2000

SignaalAdres = Signaal.adressen.through


# Sent (with ``gemeente``) when signals moved to another buurt, so that anything counted per buurt is recomputed.
buurten_toegewezen = Signal()


def actuele_indeling(gemeente) -> Indeling | None:
    """The current boundaries of a gemeente: the newest imported year (read once inside ``core.memo.onthouden``)."""
    return memo.onthoud(
        ("actuele_indeling", gemeente.pk), lambda: Indeling.objects.filter(gemeente=gemeente).order_by("-jaar").first()
    )


def buurt_op_punt(gemeente, latitude: float, longitude: float) -> Buurt | None:
    """The buurt whose current boundary covers the point, or None. Candidates come from the bounding boxes in the
    database; shapely decides. On a shared border the buurt with the lowest code wins (as in the bulk run)."""
    indeling = actuele_indeling(gemeente)
    if indeling is None:
        return None
    candidates = (
        Buurtgrens.objects.filter(
            indeling=indeling,
            buurt__isnull=False,
            min_lon__lte=longitude,
            max_lon__gte=longitude,
            min_lat__lte=latitude,
            max_lat__gte=latitude,
        )
        .select_related("buurt")
        .order_by("code")
    )
    point = shapely.Point(longitude, latitude)
    for grens in candidates:
        if shapely.from_geojson(grens.geometrie).covers(point):
            return grens.buurt
    return None


def postcode_buurten(gemeente) -> dict[str, object]:
    """Four-digit postcode -> buurt id, with the same precedence as ``buurt_for_postcode`` (buurt name order)."""
    result: dict[str, object] = {}
    for buurt in Buurt.objects.filter(gemeente=gemeente).order_by("naam").only("pk", "postcodes"):
        for pc4 in buurt.postcode_list:
            result.setdefault(pc4, buurt.pk)
    return result


@dataclass(frozen=True)
class Toewijzing:
    adressen: int  # addresses whose buurt changed
    signalen: int  # signals whose buurt changed


def _eerste_adres_buurt():
    """The buurt of a signal's first address that has one (the order in which the addresses were linked)."""
    return Subquery(
        SignaalAdres.objects.filter(signaal_id=OuterRef("pk"), adres__buurt__isnull=False)
        .order_by("pk")
        .values("adres__buurt_id")[:1]
    )


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _gekoppelde_signalen(adres_ids: list):
    """Batches of the ids of the signals linked to these addresses. The ids are fetched first, so that each UPDATE
    names its rows and PostgreSQL evaluates the first-address subquery only for them (not for every signal of the
    gemeente, which it otherwise may plan)."""
    for chunk in _chunks(adres_ids):
        ids = list(SignaalAdres.objects.filter(adres_id__in=chunk).values_list("signaal_id", flat=True).distinct())
        yield from _chunks(ids)


def nieuwe_adresbuurten(gemeente) -> dict:
    """Address id -> new buurt id (or None) for every address of the gemeente whose buurt would change."""
    indeling = actuele_indeling(gemeente)
    grenzen = []
    if indeling is not None:
        grenzen = list(
            Buurtgrens.objects.filter(indeling=indeling, buurt__isnull=False)
            .order_by("code")
            .values_list("buurt_id", "geometrie")
        )
    tree = shapely.STRtree([shapely.from_geojson(geometrie) for _, geometrie in grenzen]) if grenzen else None
    per_postcode = postcode_buurten(gemeente)
    changes = {}
    rows = Adres.objects.filter(gemeente=gemeente).values_list("pk", "postcode", "latitude", "longitude", "buurt_id")
    batch = []

    def flush():
        hits: dict[int, int] = {}
        located = [(index, row) for index, row in enumerate(batch) if row[2] is not None and row[3] is not None]
        if tree is not None and located:
            points = shapely.points([row[3] for _, row in located], [row[2] for _, row in located])
            inputs, found = tree.query(points, predicate="intersects")
            for input_index, tree_index in zip(inputs.tolist(), found.tolist(), strict=True):
                index = located[input_index][0]
                # The tree holds the boundaries in code order: the lowest index is the lowest code.
                if index not in hits or tree_index < hits[index]:
                    hits[index] = tree_index
        for index, (pk, postcode, _lat, _lon, huidig) in enumerate(batch):
            nieuw = grenzen[hits[index]][0] if index in hits else per_postcode.get(postcode[:4])
            if nieuw != huidig:
                changes[pk] = nieuw
        batch.clear()

    for row in rows.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    flush()
    return changes


@transaction.atomic
def wijs_buurten_toe(gemeente) -> Toewijzing:
    """Apply the assignment rules to every address and signal of the gemeente. Only what changes is written, in
    set-based UPDATEs per batch of addresses; signals whose buurt was chosen explicitly keep it.

    Signals follow their first address in three steps, all in one transaction: (1) a signal linked to a changing
    address whose buurt equals its first address's old buurt (it follows its addresses) is set to no buurt;
    (2) the addresses get their new buurt; (3) every signal linked to a changed address that now has no buurt
    gets its first address's new buurt. A signal whose buurt differs from its addresses' was chosen explicitly
    and is left alone."""
    changes = nieuwe_adresbuurten(gemeente)
    if not changes:
        return Toewijzing(0, 0)
    changed_ids = list(changes)
    signalen = Signaal.objects.filter(gemeente=gemeente)
    for ids in _gekoppelde_signalen(changed_ids):
        signalen.filter(pk__in=ids, buurt__isnull=False, buurt_id=_eerste_adres_buurt()).update(buurt=None)
    per_buurt = defaultdict(list)
    for adres_id, buurt_id in changes.items():
        per_buurt[buurt_id].append(adres_id)
    for buurt_id, adres_ids in per_buurt.items():
        for chunk in _chunks(adres_ids):
            Adres.objects.filter(pk__in=chunk).update(buurt_id=buurt_id)
    signalen_gewijzigd = 0
    for ids in _gekoppelde_signalen(changed_ids):
        signalen_gewijzigd += signalen.filter(pk__in=ids, buurt__isnull=True).update(buurt_id=_eerste_adres_buurt())
    if signalen_gewijzigd:
        # The figures kept per buurt elsewhere (the summary counts of regiekamer.inzicht) follow, and so do the counts
        # per day and buurt, in this transaction; in the order intake locks them (the summary counts, then this
        # domain's), so that a concurrent intake cannot deadlock with it.
        buurten_toegewezen.send(sender=Signaal, gemeente=gemeente)
        tellingen.herbereken_dagen(gemeente)
    return Toewijzing(adressen=len(changes), signalen=signalen_gewijzigd)
