"""Writing, checking and exporting the processing log.

One mechanism for every domain: selectors call :func:`log` (or :func:`log_lijst` after pagination) for
reads, services are wrapped in :func:`gelogd` for changes. The acting principal is always passed in;
where the processing came from (screen or API route) is taken from the current request
(``audit.context``), never from a URL with its query string.
"""

import datetime as dt
import inspect
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import wraps

from django.db import transaction
from django.utils import timezone

from regiekamer.audit import context
from regiekamer.audit.models import Actie, Ketenkop, Verwerking
from regiekamer.core.db import locked_row

# The purpose and legal basis of processing in Regiekamer unless a call names its own (a weighing does).
DOEL_ONDERMIJNING = "handhaving/ondermijning"
GRONDSLAG_STANDAARD = "art. 172 Gemeentewet; model privacyprotocol ondermijning"

APPLICATIE = "Regiekamer"
VERWERKINGSNAAM = "Integrale aanpak ondermijning (regie op signalen en casussen)"
BEWAARTERMIJN = "P5Y"  # ISO 8601 duration, as the VNG standard asks


def _principal_fields(principal) -> dict:
    if principal is None:
        return {"gemeente_id": None, "gebruiker": "", "organisatie": "", "rol": ""}
    if getattr(principal, "is_partner_system", False):
        return {
            "gemeente_id": principal.organisatie.gemeente_id,
            "gebruiker": principal.username,
            "organisatie": principal.organisatie.naam,
            "rol": "partnersysteem",
        }
    organisatie = principal.organisatie if principal.organisatie_id else None
    return {
        "gemeente_id": organisatie.gemeente_id if organisatie else None,
        "gebruiker": principal.username,
        "organisatie": organisatie.naam if organisatie else "",
        "rol": ",".join(principal.rollen),
    }


def _ids(object_ids: Iterable) -> list[str]:
    result = []
    for item in object_ids:
        value = getattr(item, "pk", item)
        if value is None:
            continue
        # Only identifiers go in: anything that is not a UUID (a BSN, a name) is refused loudly.
        result.append(str(uuid.UUID(str(value))))
    return list(dict.fromkeys(result))


def object_uuid(obj) -> uuid.UUID:
    """The id of ``obj`` as the log stores it. Records keyed by a UUID keep it; for the few keyed by a number
    (user accounts) it is the name-based UUID5 of ``regiekamer:<app_label>.<model>:<pk>``, which can be
    recomputed to find them in the log without a number ever being stored."""
    if isinstance(obj.pk, uuid.UUID):
        return obj.pk
    return uuid.uuid5(uuid.NAMESPACE_URL, f"regiekamer:{obj._meta.label_lower}:{obj.pk}")


def log(
    principal,
    actie: str,
    handeling: str,
    objecttype: str,
    object_ids: Iterable,
    doel: str = DOEL_ONDERMIJNING,
    grondslag: str = GRONDSLAG_STANDAARD,
    bron: str | None = None,
    kanaal: str | None = None,
    gemeente=None,
    gebruiker: str = "",
) -> Verwerking:
    """Append one entry to the chain. Safe with concurrent writers: the chain head is locked.

    Without a principal (a scheduled command), ``gemeente`` and ``gebruiker`` say for which gemeente and by
    what the processing ran."""
    if actie not in Actie.values:
        raise ValueError(f"Onbekende actie: {actie}")
    herkomst = context.current()
    fields = _principal_fields(principal)
    if principal is None:
        fields.update(gemeente_id=getattr(gemeente, "pk", gemeente), gebruiker=gebruiker)
    entry = Verwerking(
        tijdstip=timezone.now(),
        actie=actie,
        handeling=handeling,
        objecttype=objecttype,
        object_ids=_ids(object_ids),
        doel=doel or "",
        grondslag=grondslag or "",
        bron=bron or herkomst.bron,
        kanaal=kanaal if kanaal is not None else herkomst.kanaal,
        **fields,
    )
    with transaction.atomic():
        kop = locked_row(Ketenkop, pk=1)
        entry.volgnummer = kop.laatste_volgnummer + 1
        entry.vorige_hash = kop.laatste_hash
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
        Ketenkop.objects.filter(pk=1).update(laatste_volgnummer=entry.volgnummer, laatste_hash=entry.hash)
    return entry


def log_lijst(principal, handeling: str, objecttype: str, objects: Iterable, actie: str = Actie.LEZEN, **kwargs):
    """A list or search result: log the ids of what was shown (nothing when it showed nothing)."""
    ids = _ids(objects)
    if ids:
        log(principal, actie, handeling, objecttype, ids, **kwargs)


def log_zoekresultaat(principal, handeling: str, resultaten: dict[str, Iterable]):
    """A search over several kinds of objects: one entry per kind that showed something.
    The search term itself is never logged (it may be a BSN)."""
    for objecttype, objects in resultaten.items():
        if objects is not None:
            log_lijst(principal, handeling, objecttype, objects, actie=Actie.ZOEKEN)


def gelogd(actie: str, handeling: str, objecttype: str | Callable, ids: Callable, principal="user", **log_kwargs):
    """Decorate a service that changes personal data: run it and log ``ids(result, arguments)`` for the principal
    argument in one transaction, so the change and its log entry are stored together or not at all.
    ``objecttype``, ``doel`` and ``grondslag`` may be given as callables of ``(result, arguments)`` too."""

    def decorator(func):
        signature = inspect.signature(func)

        @wraps(func)
        def wrapper(*args, **kwargs):
            with transaction.atomic():
                result = func(*args, **kwargs)
                arguments = signature.bind(*args, **kwargs).arguments
                extra = {
                    key: value(result, arguments) if callable(value) else value for key, value in log_kwargs.items()
                }
                soort = objecttype(result, arguments) if callable(objecttype) else objecttype
                log(arguments[principal], actie, handeling, soort, ids(result, arguments), **extra)
            return result

        return wrapper

    return decorator


# --- Verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Controle:
    ok: bool
    aantal: int
    volgnummer: int | None = None
    melding: str = ""


def verify() -> Controle:
    """Walk the chain in order. Reports the first changed entry (its hash does not match its
    contents), removed entries (a gap in the numbering, or the head names a later entry than the
    last one present) and inserted entries (its previous hash does not match, or it lies beyond the
    head)."""
    expected, previous_hash, count = 1, "", 0
    for entry in Verwerking.objects.order_by("volgnummer").iterator(chunk_size=2000):
        if entry.volgnummer != expected:
            if entry.volgnummer > expected:
                melding = f"verwerking(en) {expected} t/m {entry.volgnummer - 1} ontbreken (verwijderd)"
            else:
                melding = f"onverwacht volgnummer (verwacht {expected})"
            return Controle(False, count, entry.volgnummer, melding)
        if entry.vorige_hash != previous_hash:
            return Controle(
                False, count, entry.volgnummer, "vorige hash klopt niet: verwerking ingevoegd of ervoor verwijderd"
            )
        if entry.compute_hash() != entry.hash:
            return Controle(False, count, entry.volgnummer, "inhoud gewijzigd (hash klopt niet)")
        previous_hash, expected, count = entry.hash, expected + 1, count + 1
    kop = Ketenkop.objects.filter(pk=1).first()
    head_number, head_hash = (kop.laatste_volgnummer, kop.laatste_hash) if kop else (0, "")
    if head_number > count:
        return Controle(False, count, count + 1, f"verwerking(en) {count + 1} t/m {head_number} ontbreken (verwijderd)")
    if head_number < count or head_hash != previous_hash:
        return Controle(False, count, head_number + 1, "verwerking(en) na de kop van de keten ingevoegd")
    return Controle(True, count)


# --- Anchoring the head outside the database ------------------------------------------------------


def head_anchor() -> dict:
    """The current head of the chain as a record to keep outside the database: entry id, sequence number,
    hash and time of the last entry, and when the anchor was taken. Holds no personal data."""
    kop = Ketenkop.objects.filter(pk=1).first()
    entry = None
    if kop is not None and kop.laatste_volgnummer:
        entry = Verwerking.objects.filter(volgnummer=kop.laatste_volgnummer).first()
    return {
        "id": entry.pk if entry else None,
        "volgnummer": entry.volgnummer if entry else 0,
        "hash": entry.hash if entry else "",
        "tijdstip": entry.tijdstip.isoformat() if entry else None,
        "verankerd_op": timezone.now().isoformat(),
    }


def write_anchor(path) -> dict:
    """Append the current head as one JSON line to ``path`` (made if missing)."""
    from pathlib import Path

    anchor = head_anchor()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(anchor, sort_keys=True) + "\n")
    return anchor


def verify_anchors(lines: Iterable[str]) -> Controle:
    """Check the chain (as :func:`verify`) and that every anchored head is still in it with the same hash.

    A complete rewrite of the entries together with the chain head passes :func:`verify`, but not this: an
    anchor kept elsewhere names a hash that the rewritten chain no longer has at that number."""
    result = verify()
    if not result.ok:
        return result
    checked = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            anchor = json.loads(line)
            volgnummer, expected_hash = int(anchor["volgnummer"]), str(anchor["hash"])
        except (ValueError, KeyError, TypeError):
            return Controle(False, result.aantal, None, f"anker op regel {number} is onleesbaar")
        label = f"anker op regel {number} (volgnummer {volgnummer}, verankerd op {anchor.get('verankerd_op', '?')})"
        checked += 1
        if volgnummer == 0:
            continue
        entry = Verwerking.objects.filter(volgnummer=volgnummer).first()
        if entry is None:
            return Controle(False, result.aantal, volgnummer, f"{label}: verwerking ontbreekt in de keten")
        if entry.hash != expected_hash:
            return Controle(False, result.aantal, volgnummer, f"{label}: hash klopt niet (keten herschreven)")
        if anchor.get("id") is not None and anchor["id"] != entry.pk:
            return Controle(False, result.aantal, volgnummer, f"{label}: verwerking heeft een ander id")
    return Controle(True, result.aantal, melding=f"{checked} ankers")


# --- VNG export --------------------------------------------------------------------------------

ACTIENAMEN = {
    Actie.LEZEN: "Raadplegen",
    Actie.WIJZIGEN: "Wijzigen",
    Actie.AANMAKEN: "Toevoegen",
    Actie.VERWIJDEREN: "Verwijderen",
    Actie.ZOEKEN: "Zoeken",
    Actie.VERNIETIGEN: "Vernietigen",
}


def to_vng(entry: Verwerking) -> dict:
    """One entry in the shape of a VNG Verwerkingenlogging "verwerkingsactie"."""
    return {
        "actieId": str(uuid.uuid5(uuid.NAMESPACE_URL, f"regiekamer:verwerking:{entry.volgnummer}:{entry.hash}")),
        "actieNaam": ACTIENAMEN.get(entry.actie, entry.actie),
        "handelingNaam": entry.handeling,
        "verwerkingId": str(uuid.uuid5(uuid.NAMESPACE_URL, f"regiekamer:{entry.hash}")),
        "verwerkingNaam": VERWERKINGSNAAM,
        "verwerkingsactiviteitId": entry.handeling,
        "verwerkingsactiviteitUrl": "",
        "vertrouwelijkheid": "vertrouwelijk",
        "bewaartermijn": BEWAARTERMIJN,
        "uitvoerder": entry.organisatie,
        "systeem": APPLICATIE,
        "gebruiker": entry.gebruiker,
        "gegevensbron": APPLICATIE,
        "soortAfnemerId": "",
        "afnemerId": "",
        "tijdstip": entry.tijdstip.isoformat(),
        "tijdstipRegistratie": entry.tijdstip.isoformat(),
        "verwerkteObjecten": [
            {
                "objecttype": entry.objecttype,
                "soortObjectId": "regiekamer-uuid",
                "objectId": object_id,
                "betrokkenheid": "",
                "verwerkteSoortenGegevens": [],
            }
            for object_id in entry.object_ids
        ],
        # Regiekamer extensions (not in the VNG model) kept with a clear prefix.
        "x-regiekamer": {
            "volgnummer": entry.volgnummer,
            "rol": entry.rol,
            "doel": entry.doel,
            "grondslag": entry.grondslag,
            "bron": entry.bron,
            "kanaal": entry.kanaal,
            "hash": entry.hash,
            "vorigeHash": entry.vorige_hash,
        },
    }


def export_vng(since: dt.datetime | None = None, gemeente=None) -> Iterator[str]:
    queryset = Verwerking.objects.order_by("volgnummer")
    if since is not None:
        queryset = queryset.filter(tijdstip__gte=since)
    if gemeente is not None:
        queryset = queryset.filter(gemeente=gemeente)
    for entry in queryset.iterator(chunk_size=2000):
        yield json.dumps(to_vng(entry), ensure_ascii=False, sort_keys=True)
