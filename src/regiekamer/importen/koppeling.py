"""How a person named in an imported row is linked to the persons the gemeente knows: the one place that decides.

``subjects.services.koppel_persoon`` (entity resolution: link, review or new, with its explanation) is used when
it is there. Without it the existing rule of intake applies (``find_or_create_persoon``: the same BSN, or the same
normalised name and birth date) and its outcome is named in the terms of the import's result file.
"""

from dataclasses import dataclass

from regiekamer.core.crypto import blind_index
from regiekamer.subjects import services as subjects
from regiekamer.subjects.models import Persoon

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
