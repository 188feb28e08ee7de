"""Text as people type it: names in any script, search terms, and digits that must be ASCII digits.

Matching and searching compare a *folded* form: case, accents and script ignored. Letters of other scripts are
transliterated with anyascii ("Иванов" -> "ivanov", "王伟" -> "wangwei"), never dropped: a name that folds to
nothing would match every other such name.
"""

import re
import unicodedata

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = "'’‘`´"  # noqa: RUF001 - the apostrophes people type in names
# Characters a name may hold besides letters, combining marks and spaces, as in the BRP: hyphen, apostrophe, the
# period of an initial.
_NAME_PUNCTUATION = set("-.") | set(_APOSTROPHES)


def _fold_char(char: str) -> str:
    category = unicodedata.category(char)
    if category[0] in "LN":
        ascii_form = anyascii(char)
        if ascii_form:
            # A transliteration without letters (a soft sign becomes "'") adds nothing to match on.
            return _ASCII_ALNUM.sub("", ascii_form.lower())
        return char.casefold()  # no transliteration known: the letter itself
    if char in _APOSTROPHES:
        return "'"
    return " "


def fold(text: str) -> str:
    """Lower-case ASCII words for matching: accents and case dropped, other scripts transliterated, punctuation
    and symbols become spaces (the apostrophe of 't and O'Brien stays)."""
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join("".join(_fold_char(char) for char in text).split())


def has_letter_or_digit(text: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" for char in text or "")


def is_ascii_digits(value: str, length: int | None = None) -> bool:
    """Only the digits 0-9 ("²" and "٣" are digits to ``str.isdigit`` but not in a BSN, KvK number or page size)."""
    return bool(re.fullmatch(r"[0-9]+", value or "")) and (length is None or len(value) == length)


def validate_zoekterm(value: str) -> None:
    """A search term must hold something to search for: a term of only punctuation, symbols or emoji would match
    everything or nothing."""
    if not has_letter_or_digit(value):
        raise ValidationError(_("Een zoekterm moet ten minste één letter of cijfer bevatten."), code="zoekterm")


def clean_name_part(value: str) -> str:
    """A name as the BRP would hold it: letters of any script with their accents, spaces, hyphens, apostrophes and
    the period of an initial. Returns it NFC-normalised with single spaces; raises ``ValueError`` with a Dutch
    message for control and invisible formatting characters (right-to-left overrides, zero-width spaces, a byte
    order mark), digits, symbols and emoji."""
    value = unicodedata.normalize("NFC", value or "")
    for char in value:
        category = unicodedata.category(char)
        if category[0] in "LM" or category == "Zs" or char in _NAME_PUNCTUATION:
            continue
        if category[0] == "C":
            raise ValueError(_("bevat een onzichtbaar teken of stuurteken"))
        raise ValueError(_("bevat een teken dat niet in een naam hoort: %(teken)s") % {"teken": char})
    return " ".join(value.split())
