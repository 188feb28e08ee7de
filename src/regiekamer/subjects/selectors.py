"""Reads of subjects, always within one gemeente."""

import re

from django.db.models import Q

from regiekamer.core.crypto import blind_index
from regiekamer.core.text import fold, has_letter_or_digit, is_ascii_digits
from regiekamer.inzage.beperking import exclude_restricted
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie, Voertuig
from regiekamer.subjects.services import TUSSENVOEGSELS

# "9913 LP" as people type a postcode: one search word, as the postcode is stored ("9913LP").
POSTCODE_MET_SPATIE = re.compile(r"\b(\d{4})\s+([A-Za-z]{2})\b")
# "v.d." and "vd", the abbreviated "van der"/"van den", as a tussenvoegsel of their own.
AFGEKORT_TUSSENVOEGSEL = re.compile(r"(?i)(?<!\w)(v\.\s*d\.?|vd)(?!\w)")


def zoekwoorden(query: str) -> list[str]:
    """The words of a search as people type them. A postcode with a space ("9913 LP") is one word, as stored. A
    tussenvoegsel ("de", "van der", "v.d.", "vd") is left out when other words remain: the name keys hold the
    surname without it (``subjects.services.name_key``), so "de Vries", "K. de Vries" and "v.d. Berg" find the
    person; a search for only "van" still searches for "van"."""
    words = POSTCODE_MET_SPATIE.sub(r"\1\2", AFGEKORT_TUSSENVOEGSEL.sub(" van der ", query or "")).split()
    return [word for word in words if fold(word) not in TUSSENVOEGSELS] or words


def naamwoorden(query: str) -> list[str]:
    """The search words folded as the name keys are (accents, case, other scripts; "Jean-Luc" is two words)."""
    return [folded for word in zoekwoorden(query) for folded in fold(word).split()]


def search_personen(gemeente, query: str, limit: int = 25, include_restricted: bool = False):
    """Persons by name or BSN. Persons whose processing is restricted (art. 18 AVG) are left out, except for
    handling the request itself (inzage) and supervision (``include_restricted``)."""
    # A person merged into another is found as that other person only.
    queryset = Persoon.objects.filter(gemeente=gemeente).actief().prefetch_related("signalen")
    if not include_restricted:
        queryset = exclude_restricted(queryset)
    compact = query.strip().replace(" ", "").replace(".", "")
    if is_ascii_digits(compact, 9):
        return queryset.filter(bsn_index=blind_index(compact))[:limit]
    words = naamwoorden(query)
    if not words:
        # Nothing to search for (only punctuation or symbols): nobody, never everybody.
        return queryset.none()
    for word in words:
        queryset = queryset.filter(naam_sleutel__contains=word)
    return queryset[:limit]


def search_adressen(gemeente, query: str, limit: int = 25):
    if not has_letter_or_digit(query):
        return Adres.objects.none()
    compact = query.replace(" ", "").upper()
    queryset = Adres.objects.filter(gemeente=gemeente).select_related("buurt").prefetch_related("signalen")
    return queryset.filter(Q(postcode__startswith=compact[:6]) | Q(straat__icontains=query.strip()))[:limit]


def search_rechtspersonen(gemeente, query: str, limit: int = 25):
    if not has_letter_or_digit(query):
        return Rechtspersoon.objects.none()
    return (
        Rechtspersoon.objects.filter(gemeente=gemeente)
        .prefetch_related("signalen")
        .filter(Q(naam__icontains=query.strip()) | Q(kvk_nummer=query.strip()))[:limit]
    )


def search_voertuigen(gemeente, query: str, limit: int = 25):
    """Vehicles by number plate, ignoring dashes, spaces and case (``XX-123-Y`` finds ``XX123Y``)."""
    compact = re.sub(r"[^A-Za-z0-9]", "", query or "").upper()
    if len(compact) < 2:
        return Voertuig.objects.none()
    return Voertuig.objects.filter(gemeente=gemeente, kenteken__startswith=compact).prefetch_related("signalen")[:limit]


def relaties_van(subject):
    field = {
        "Persoon": ("van_persoon", "naar_persoon"),
        "Adres": (None, "naar_adres"),
        "Rechtspersoon": ("van_rechtspersoon", "naar_rechtspersoon"),
        "Voertuig": (None, "naar_voertuig"),
    }[type(subject).__name__]
    condition = Q()
    for name in field:
        if name:
            condition |= Q(**{name: subject})
    return (
        SubjectRelatie.objects.filter(gemeente=subject.gemeente)
        .filter(condition)
        .select_related(
            "van_persoon", "van_rechtspersoon", "naar_persoon", "naar_adres", "naar_rechtspersoon", "naar_voertuig"
        )
    )
