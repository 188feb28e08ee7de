"""How a person named in an imported row is linked to the persons the gemeente knows: the one place that decides.

``subjects.services.koppel_persoon`` (entity resolution: link, review or new, with its explanation) is used when
it is there. Without it the existing rule of intake applies (``find_or_create_persoon``: the same BSN, or the same
normalised name and birth date) and its outcome is named in the terms of the import's result file.
"""

from dataclasses import dataclass

from regiekamer.core.crypto import blind_index
from regiekamer.subjects import services as subjects
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import name_key

BSN = "bsn"
AUTOMATISCH = "automatisch"
TER_BEOORDELING = "ter-beoordeling"
NIEUW = "nieuw"
KOPPELINGEN = (BSN, AUTOMATISCH, TER_BEOORDELING, NIEUW)


@dataclass(frozen=True)
class Koppelresultaat:
    persoon: Persoon
    koppeling: str  # one of KOPPELINGEN


def koppel_persoon(gemeente, gegevens: subjects.PersoonGegevens, adres=None, context=None) -> Koppelresultaat:
    """The person ``gegevens`` describe (validated by ``subjects.validate_persoon``), and how it was found.
    ``adres``: the row's address (an ``Adres``), as evidence; ``context``: what else the row says (a dict)."""
    koppel = getattr(subjects, "koppel_persoon", None)
    if koppel is not None:
        result = koppel(gemeente, gegevens, adres=adres, context=context)
        koppeling = str(getattr(result.koppeling, "value", result.koppeling))
        if koppeling not in KOPPELINGEN:
            raise ValueError(f"unknown koppeling {koppeling!r}")
        return Koppelresultaat(result.persoon, koppeling)
    bekend_bsn = bool(gegevens.bsn) and (
        Persoon.objects.filter(gemeente=gemeente, bsn_index=blind_index(gegevens.bsn)).exists()
    )
    persoon, created = subjects.find_or_create_persoon(gemeente, gegevens)
    if created:
        return Koppelresultaat(persoon, NIEUW)
    return Koppelresultaat(persoon, BSN if bekend_bsn else AUTOMATISCH)


def koppel_personen(gemeente, items: list) -> list[Koppelresultaat]:
    """The persons of many rows at once, each item ``(gegevens, adres, context)`` as for :func:`koppel_persoon`.

    ``subjects.services.koppel_personen`` when entity resolution offers a batch; ``koppel_persoon`` row by row when
    it offers only that; otherwise the existing rule of intake (that of ``find_or_create_persoon``: the same BSN, or
    without a BSN match the same normalised name and birth date unless the stored person has another BSN; a missing
    BSN or birth date is filled in) applied to the whole chunk with two reads and one insert. A person created for
    one row is found by the later rows of the chunk."""
    batch = getattr(subjects, "koppel_personen", None)
    if batch is not None:
        results = batch(gemeente, items)
        return [Koppelresultaat(r.persoon, str(getattr(r.koppeling, "value", r.koppeling))) for r in results]
    if getattr(subjects, "koppel_persoon", None) is not None:
        return [koppel_persoon(gemeente, gegevens, adres=adres, context=context) for gegevens, adres, context in items]
    return _bestaande_regel(gemeente, [subjects.validate_persoon(gegevens) for gegevens, _adres, _context in items])


def _bestaande_regel(gemeente, personen: list) -> list[Koppelresultaat]:
    indexen = {p.bsn: blind_index(p.bsn) for p in personen if p.bsn}
    sleutels = {name_key(p.voornamen, p.tussenvoegsel, p.achternaam) for p in personen if p.geboortedatum}
    sleutels.discard("")
    op_index = {}
    op_sleutel: dict = {}
    if indexen:
        op_index = {p.bsn_index: p for p in Persoon.objects.filter(gemeente=gemeente, bsn_index__in=indexen.values())}
    if sleutels:
        for persoon in Persoon.objects.filter(
            gemeente=gemeente, naam_sleutel__in=sleutels, geboortedatum__isnull=False
        ):
            op_sleutel.setdefault((persoon.naam_sleutel, persoon.geboortedatum), []).append(persoon)
    nieuw, gewijzigd, results = [], {}, []
    for data in personen:
        key = name_key(data.voornamen, data.tussenvoegsel, data.achternaam)
        index = indexen.get(data.bsn, "")
        existing = op_index.get(index) if data.bsn else None
        koppeling = BSN
        if existing is None and data.geboortedatum and key:
            candidates = op_sleutel.get((key, data.geboortedatum), [])
            if data.bsn:
                candidates = [c for c in candidates if c.bsn_index in ("", index)]
            existing = candidates[0] if candidates else None
            koppeling = AUTOMATISCH
        if existing is None:
            existing = Persoon(
                gemeente=gemeente,
                voornamen=data.voornamen,
                tussenvoegsel=data.tussenvoegsel,
                achternaam=data.achternaam,
                geboortedatum=data.geboortedatum,
                bsn=data.bsn,
                naam_sleutel=key,
            )
            existing.bsn_index = index
            nieuw.append(existing)
            koppeling = NIEUW
        else:
            if data.bsn and not existing.bsn:
                existing.bsn, existing.bsn_index = data.bsn, index
                gewijzigd.setdefault(existing.pk, (existing, set()))[1].add("bsn")
            if data.geboortedatum and not existing.geboortedatum:
                existing.geboortedatum = data.geboortedatum
                gewijzigd.setdefault(existing.pk, (existing, set()))[1].add("geboortedatum")
        if existing.bsn_index:
            op_index[existing.bsn_index] = existing
        if existing.geboortedatum and existing.naam_sleutel:
            lijst = op_sleutel.setdefault((existing.naam_sleutel, existing.geboortedatum), [])
            if existing not in lijst:
                lijst.append(existing)
        results.append(Koppelresultaat(existing, koppeling))
    nieuw_ids = {id(p) for p in nieuw}
    for persoon, velden in gewijzigd.values():
        if id(persoon) not in nieuw_ids:
            persoon.save(update_fields=sorted(velden))
    if nieuw:
        Persoon.objects.bulk_create(nieuw)  # bsn_index set above, as Persoon.save sets it
    return results
