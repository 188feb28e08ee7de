"""The purposes (doelen) information in Regiekamer is collected and used for, in one place.

Every signal and every case is marked with one of these. Using a signal for a case with another purpose is
a new processing for another purpose (AVG art. 6(4)): it needs a recorded compatibility decision
(``Verenigbaarheidsbesluit``) unless the pair is compatible by law (``VERENIGBAAR_BIJ_WET``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Doel(models.TextChoices):
    ZORG = "zorg-en-ondersteuning", _("Zorg en ondersteuning")
    HANDHAVING = "handhaving-en-ondermijning", _("Handhaving en ondermijning (bestuurlijk)")
    STRAFRECHTELIJK = "strafrechtelijke-aanpak", _("Strafrechtelijke aanpak / opsporing")
    OPENBARE_ORDE = "openbare-orde-en-veiligheid", _("Openbare orde en veiligheid")


# The typical legal basis of each purpose (shown with the purpose; a privacy check records its own basis).
GRONDSLAGEN = {
    Doel.ZORG: "Wmo 2015, Jeugdwet, Participatiewet, Wet gemeentelijke schuldhulpverlening",
    Doel.HANDHAVING: "art. 125 Gemeentewet, art. 13b Opiumwet, Wet Bibob; model privacyprotocol ondermijning",
    Doel.STRAFRECHTELIJK: "Wetboek van Strafvordering, Wet politiegegevens, Wjsg",
    Doel.OPENBARE_ORDE: "art. 172 en 174 Gemeentewet (bevoegdheden burgemeester openbare orde)",
}

# Pairs (from, to) that the law itself makes compatible, so no decision is needed. The domain brief names
# none: care data and enforcement data are different purposes and each crossing is an explicit decision.
VERENIGBAAR_BIJ_WET: frozenset[tuple[str, str]] = frozenset()

# The purpose a signal gets at intake when the reporter names none: from the kind of reporting organisation.
# Care and early-warning partners collect for care and support; police, housing corporations, the RIEC and
# municipal departments report for the administrative approach; the probation service works in criminal law.
DOEL_PER_ORGANISATIESOORT = {
    "wijkteam": Doel.ZORG,
    "schuldhulpverlening": Doel.ZORG,
    "ggd": Doel.ZORG,
    "onderwijs": Doel.ZORG,
    "jongerenwerk": Doel.ZORG,
    "zorg-en-veiligheidshuis": Doel.ZORG,
    "nutsbedrijf-verhuurder": Doel.ZORG,
    "politie": Doel.HANDHAVING,
    "woningcorporatie": Doel.HANDHAVING,
    "gemeente-afdeling": Doel.HANDHAVING,
    "riec": Doel.HANDHAVING,
    "belastingdienst": Doel.HANDHAVING,
    "reclassering": Doel.STRAFRECHTELIJK,
}
STANDAARD_DOEL = Doel.HANDHAVING

# The purpose a case gets from its approach unless the regisseur chooses another. Every approach of the
# regiekamer is part of the administrative approach to undermining; an area approach rests on the mayor's
# public-order powers.
DOEL_PER_AANPAK = {
    "persoonsgericht": Doel.HANDHAVING,
    "huishouden": Doel.HANDHAVING,
    "groepsgericht": Doel.HANDHAVING,
    "gebiedsgericht": Doel.OPENBARE_ORDE,
}


def doel_voor_organisatie(organisatie) -> str:
    soort = getattr(organisatie, "soort", "")
    return DOEL_PER_ORGANISATIESOORT.get(soort, STANDAARD_DOEL)


def doel_voor_aanpak(aanpak: str) -> str:
    return DOEL_PER_AANPAK.get(aanpak, STANDAARD_DOEL)


def is_verenigbaar_bij_wet(van_doel: str, naar_doel: str) -> bool:
    """The same purpose, or a pair the law makes compatible: no decision needed."""
    return van_doel == naar_doel or (van_doel, naar_doel) in VERENIGBAAR_BIJ_WET


def label(doel: str) -> str:
    return str(Doel(doel).label) if doel in Doel.values else doel


def grondslag(doel: str) -> str:
    return GRONDSLAGEN.get(doel, "")
