"""Reads of subjects, always within one gemeente."""

import re

from django.db.models import Q

from regiekamer.core.crypto import blind_index
from regiekamer.core.text import fold, has_letter_or_digit, is_ascii_digits
from regiekamer.inzage.beperking import exclude_restricted
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie, Voertuig


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
    words = fold(query).split()
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
