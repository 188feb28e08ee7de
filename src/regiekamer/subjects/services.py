"""Rules for subjects: validation, normalisation, and linking to existing subjects instead of duplicating.

A new person links to an existing one with the same BSN, or, failing a BSN, with the same normalised
name and birth date. A new address links to the existing one with the same normalised address.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as bsn_number
from stdnum.nl import postcode as postcode_number

from regiekamer.core import memo
from regiekamer.core.crypto import blind_index
from regiekamer.core.db import get_or_insert
from regiekamer.core.errors import InvalidInput
from regiekamer.core.text import clean_name_part, fold, has_letter_or_digit, is_ascii_digits
from regiekamer.subjects.models import Adres, Buurt, Persoon, Rechtspersoon, Voertuig

TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ten", "ter", "te", "op", "in", "'t", "la", "le", "da", "el"}


def name_key(voornamen: str, tussenvoegsel: str, achternaam: str) -> str:
    """Normalised name for matching: accents folded, other scripts transliterated, case and spacing ignored, the
    tussenvoegsel counted once whether it was typed in its own field or in front of the surname. Empty when the
    surname holds nothing to match on; an empty key never matches."""
    words = (fold(tussenvoegsel) + " " + fold(achternaam)).split()
    surname = " ".join(word for word in words if word not in TUSSENVOEGSELS) or " ".join(words)
    if not surname:
        return ""
    return f"{surname}|{fold(voornamen)}"


def clean_bsn(value: str, field: str = "bsn") -> str:
    value = (value or "").strip().replace(".", "").replace(" ", "")
    if not value:
        return ""
    if not (is_ascii_digits(value, 9) and bsn_number.is_valid(value)):
        raise InvalidInput.field(field, _("Het BSN voldoet niet aan de elfproef."), code="bsn-elfproef")
    return value


def clean_postcode(value: str, field: str = "postcode") -> str:
    try:
        return postcode_number.compact(postcode_number.validate(value or ""))
    except StdnumError:
        raise InvalidInput.field(
            field, _("Ongeldige postcode; gebruik vier cijfers en twee letters, bijv. 1234 AB."), code="postcode"
        ) from None


def clean_kenteken(value: str, field: str = "kenteken") -> str:
    value = re.sub(r"[^A-Za-z0-9]", "", value or "").upper()
    if not 4 <= len(value) <= 8:
        raise InvalidInput.field(field, _("Ongeldig kenteken."), code="kenteken")
    return value


def clean_kvk(value: str, field: str = "kvk_nummer") -> str:
    value = (value or "").strip()
    if value and not is_ascii_digits(value, 8):
        raise InvalidInput.field(field, _("Een KvK-nummer bestaat uit acht cijfers."), code="kvk")
    return value


@dataclass(frozen=True)
class PersoonGegevens:
    voornamen: str
    achternaam: str
    tussenvoegsel: str = ""
    geboortedatum: dt.date | None = None
    bsn: str = ""


@dataclass(frozen=True)
class AdresGegevens:
    postcode: str
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""
    straat: str = ""
    woonplaats: str = ""


# The earliest birth date accepted: nobody alive was born before it.
EARLIEST_BIRTH_DATE = dt.date(1890, 1, 1)
NAME_LABELS = {
    "voornamen": gettext_lazy("De voornamen"),
    "tussenvoegsel": gettext_lazy("Het tussenvoegsel"),
    "achternaam": gettext_lazy("De achternaam"),
}


def validate_persoon(data: PersoonGegevens, field: str = "personen") -> PersoonGegevens:
    """Every invalid part is reported at once."""
    errors, names = [], {}
    for part, label in NAME_LABELS.items():
        try:
            names[part] = clean_name_part(getattr(data, part))
        except ValueError as error:
            errors.append({"name": f"{field}.{part}", "code": "naam", "reason": f"{label} {error}."})
    if "achternaam" in names and not has_letter_or_digit(names["achternaam"]):
        errors.append({"name": f"{field}.achternaam", "code": "required", "reason": _("De achternaam is verplicht.")})
    if data.geboortedatum and data.geboortedatum > dt.date.today():
        errors.append(
            {"name": f"{field}.geboortedatum", "code": "invalid", "reason": _("De geboortedatum ligt in de toekomst.")}
        )
    elif data.geboortedatum and data.geboortedatum < EARLIEST_BIRTH_DATE:
        errors.append(
            {
                "name": f"{field}.geboortedatum",
                "code": "invalid",
                "reason": _("De geboortedatum ligt te ver in het verleden."),
            }
        )
    bsn = ""
    try:
        bsn = clean_bsn(data.bsn, f"{field}.bsn")
    except InvalidInput as error:
        errors.extend(error.invalid_params)
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    return PersoonGegevens(geboortedatum=data.geboortedatum, bsn=bsn, **names)


def validate_adres(data: AdresGegevens, field: str = "adressen") -> AdresGegevens:
    if not isinstance(data.huisnummer, int) or not 1 <= data.huisnummer <= 99999:
        raise InvalidInput.field(f"{field}.huisnummer", _("Ongeldig huisnummer."), code="huisnummer")
    huisletter = (data.huisletter or "").strip().upper()
    if huisletter and not re.fullmatch(r"[A-Z]", huisletter):
        raise InvalidInput.field(f"{field}.huisletter", _("Een huisletter is één letter."), code="huisletter")
    toevoeging = re.sub(r"\s+", "", data.toevoeging or "").upper()
    if toevoeging and not re.fullmatch(r"[A-Z0-9]{1,4}", toevoeging):
        raise InvalidInput.field(f"{field}.toevoeging", _("Ongeldige toevoeging."), code="toevoeging")
    return AdresGegevens(
        postcode=clean_postcode(data.postcode, f"{field}.postcode"),
        huisnummer=data.huisnummer,
        huisletter=huisletter,
        toevoeging=toevoeging,
        straat=data.straat.strip(),
        woonplaats=data.woonplaats.strip(),
    )


def find_or_create_persoon(gemeente, data: PersoonGegevens) -> tuple[Persoon, bool]:
    """The existing person this data describes, or a new one. Returns (persoon, created)."""
    data = validate_persoon(data)
    key = name_key(data.voornamen, data.tussenvoegsel, data.achternaam)
    persons = Persoon.objects.filter(gemeente=gemeente)
    index = blind_index(data.bsn)
    existing = persons.filter(bsn_index=index).first() if data.bsn else None
    if existing is None and data.geboortedatum and key:
        candidates = persons.filter(naam_sleutel=key, geboortedatum=data.geboortedatum)
        # A person with another BSN is somebody else, even with the same name and birth date.
        existing = candidates.filter(bsn_index__in=["", index]).first() if data.bsn else candidates.first()
    if existing is not None:
        changed = []
        if data.bsn and not existing.bsn:
            existing.bsn = data.bsn
            changed.append("bsn")
        if data.geboortedatum and not existing.geboortedatum:
            existing.geboortedatum = data.geboortedatum
            changed.append("geboortedatum")
        if changed:
            existing.save(update_fields=changed)
        return existing, False
    # With a BSN the unique blind index decides when the same new person is reported twice at the same moment.
    return get_or_insert(
        persons.filter(bsn_index=index) if data.bsn else persons.none(),
        lambda: Persoon.objects.create(
            gemeente=gemeente,
            voornamen=data.voornamen,
            tussenvoegsel=data.tussenvoegsel,
            achternaam=data.achternaam,
            geboortedatum=data.geboortedatum,
            bsn=data.bsn,
            naam_sleutel=key,
        ),
    )


def reindex_bsns(batch_size: int = 500) -> int:
    """Recompute every person's blind index under the configured BLIND_INDEX_KEY (after changing that key)."""
    count = 0
    for persoon in Persoon.objects.exclude(bsn="").only("pk", "bsn", "bsn_index").iterator(chunk_size=batch_size):
        index = blind_index(persoon.bsn)
        if persoon.bsn_index != index:
            Persoon.objects.filter(pk=persoon.pk).update(bsn_index=index)
            count += 1
    return count


def buurt_for_postcode(gemeente, postcode: str) -> Buurt | None:
    pc4 = postcode[:4]

    def find():
        for buurt in Buurt.objects.filter(gemeente=gemeente, postcodes__contains=pc4):
            if pc4 in buurt.postcode_list:
                return buurt
        return None

    return memo.onthoud(("buurt_for_postcode", gemeente.pk, pc4), find)


# Ways to find the buurt of a point, registered by the domain that keeps the boundaries (regiekamer.gebieden
# registers point-in-polygon in its AppConfig.ready). This module does not import that domain: no import cycle.
_buurt_locators: list = []


def register_buurt_locator(locator) -> None:
    """Register ``locator(gemeente, latitude, longitude) -> Buurt | None``, asked before the postcode fallback."""
    if locator not in _buurt_locators:
        _buurt_locators.append(locator)


def locate_buurt(gemeente, postcode: str, latitude: float | None, longitude: float | None) -> Buurt | None:
    """The buurt of an address: by point-in-polygon when its coordinates are known and fall inside a buurt,
    else by its four-digit postcode."""
    if latitude is not None and longitude is not None:
        for locator in _buurt_locators:
            buurt = locator(gemeente, latitude, longitude)
            if buurt is not None:
                return buurt
    return buurt_for_postcode(gemeente, postcode)


def find_or_create_adres(gemeente, data: AdresGegevens) -> tuple[Adres, bool]:
    data = validate_adres(data)
    same = Adres.objects.filter(
        gemeente=gemeente,
        postcode=data.postcode,
        huisnummer=data.huisnummer,
        huisletter=data.huisletter,
        toevoeging=data.toevoeging,
    )
    existing = same.first()
    if existing is not None:
        return existing, False

    def create():
        adres = nieuw_adres(gemeente, data)
        adres.save(force_insert=True)
        return adres

    return get_or_insert(same, create)


def nieuw_adres(gemeente, data: AdresGegevens) -> Adres:
    """A new (unsaved) address for validated ``data``: street, place and coordinates from the BAG connector when it
    can tell, and its buurt. Saved by ``find_or_create_adres``, or with others at once by a bulk import."""
    from regiekamer.bronnen.registry import bag_lookup

    straat, woonplaats, latitude, longitude = data.straat, data.woonplaats, None, None
    bag = bag_lookup(gemeente, data.postcode, data.huisnummer)
    if bag is not None:
        straat = straat or bag.straat
        woonplaats = woonplaats or bag.woonplaats
        latitude, longitude = bag.latitude, bag.longitude
    return Adres(
        gemeente=gemeente,
        postcode=data.postcode,
        huisnummer=data.huisnummer,
        huisletter=data.huisletter,
        toevoeging=data.toevoeging,
        straat=straat,
        woonplaats=woonplaats,
        buurt=locate_buurt(gemeente, data.postcode, latitude, longitude),
        latitude=latitude,
        longitude=longitude,
    )


def find_or_create_rechtspersoon(gemeente, naam: str, kvk_nummer: str = "") -> tuple[Rechtspersoon, bool]:
    kvk_nummer = clean_kvk(kvk_nummer)
    if not naam.strip():
        raise InvalidInput.field("rechtspersonen.naam", _("De naam is verplicht."), code="required")
    queryset = Rechtspersoon.objects.filter(gemeente=gemeente)
    same = (
        queryset.filter(kvk_nummer=kvk_nummer)
        if kvk_nummer
        else queryset.filter(naam__iexact=naam.strip(), kvk_nummer="")
    )
    return get_or_insert(
        same, lambda: Rechtspersoon.objects.create(gemeente=gemeente, naam=naam.strip(), kvk_nummer=kvk_nummer)
    )


def find_or_create_voertuig(gemeente, kenteken: str, omschrijving: str = "") -> tuple[Voertuig, bool]:
    kenteken = clean_kenteken(kenteken)
    return Voertuig.objects.get_or_create(gemeente=gemeente, kenteken=kenteken, defaults={"omschrijving": omschrijving})
