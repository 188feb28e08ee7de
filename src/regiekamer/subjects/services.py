"""Rules for subjects: validation, normalisation, and linking to existing subjects instead of duplicating.

A reported person links to a known one by probabilistic matching (``koppel_persoon``, the model in
``regiekamer.identiteit.matching``): the same BSN, or names, birth date and address that agree strongly enough;
uncertain pairs go to the review queue. A new address links to the existing one with the same normalised address.
"""

import datetime as dt
import re
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as bsn_number
from stdnum.nl import postcode as postcode_number

from regiekamer.casussen.models import Betrokkene
from regiekamer.core import memo
from regiekamer.core.crypto import blind_index
from regiekamer.core.db import get_or_insert
from regiekamer.core.errors import InvalidInput
from regiekamer.core.text import clean_name_part, fold, has_letter_or_digit, is_ascii_digits
from regiekamer.identiteit import matching
from regiekamer.identiteit.models import Beoordeling, Koppeling, KoppelInstelling
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


@dataclass(frozen=True)
class KoppelContext:
    """Where a reported person comes from. ``kanaal``: "formulier", "api", "import", "casus" (shown with the
    explanation); ``casus``: the case the person is entered on (a betrokkene of that case who fits counts as strong
    evidence, like the same address)."""

    kanaal: str = ""
    casus: object = None


@dataclass(frozen=True)
class Koppelresultaat:
    """The person a report ended with and how: ``koppeling`` is one of "bsn", "automatisch" (linked to a known
    person), "ter-beoordeling" (a new person, offered for review against a known one) and "nieuw"."""

    persoon: Persoon
    koppeling: str
    uitleg: object = None  # identiteit.models.Koppeling, the stored explanation (None for "nieuw")

    @property
    def aangemaakt(self) -> bool:
        return self.koppeling in (matching.TER_BEOORDELING, matching.NIEUW)


def adres_sleutel_van(adres) -> str:
    """The address key of an ``Adres`` or ``AdresGegevens`` (validated), or "" for None."""
    if adres is None:
        return ""
    if isinstance(adres, AdresGegevens):
        adres = validate_adres(adres)
    return matching.adres_sleutel(adres.postcode, adres.huisnummer, adres.huisletter, adres.toevoeging)


# Fields of a person that candidate generation and comparison read: nothing encrypted is decrypted for matching.
_KANDIDAAT_VELDEN = (
    "id",
    "gemeente_id",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "bsn_index",
    "adres_sleutel",
    "vorig_adres_sleutel",
)
MAX_KANDIDATEN = 200


def kenmerken_van_persoon(persoon: Persoon) -> matching.Kenmerken:
    return matching.Kenmerken.van(
        persoon.voornamen,
        persoon.tussenvoegsel,
        persoon.achternaam,
        persoon.geboortedatum,
        persoon.bsn_index,
        persoon.adres_sleutel,
        persoon.vorig_adres_sleutel,
        ident=persoon.pk,
    )


def kandidaten(gemeente, record: matching.Kenmerken) -> list[Persoon]:
    """The known persons a record may be: same BSN, same name key (sound of the surname and first initial), same
    birth date (or with day and month swapped), or the record's address as their current or previous one. One
    indexed query; merged persons are never candidates."""
    terms = []
    if record.bsn_index:
        # With the condition of the partial unique index, so that the planner uses it.
        terms.append(Q(bsn_index=record.bsn_index) & ~Q(bsn_index=""))
    if record.naam_blok:
        terms.append(Q(blok_naam=record.naam_blok))
    if record.geboortedatum:
        datums = [record.geboortedatum]
        if swapped := matching.verwisseld(record.geboortedatum):
            datums.append(swapped)
        terms.append(Q(geboortedatum__in=datums))
    if record.adres:
        terms += [Q(adres_sleutel=record.adres), Q(vorig_adres_sleutel=record.adres)]
    if not terms:
        return []
    base = Persoon.objects.filter(gemeente=gemeente, samengevoegd_in__isnull=True).order_by().only(*_KANDIDAAT_VELDEN)
    # A UNION of one query per key, so that every part uses its own (gemeente, key) index, on SQLite too (an OR
    # of the keys would read every person of the gemeente there).
    parts = [base.filter(term) for term in terms]
    queryset = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return list(queryset[:MAX_KANDIDATEN])


_DREMPELS: dict = {}  # gemeente id -> (valid until, Drempels); cleared when a KoppelInstelling changes
_DREMPELS_SECONDEN = 60


def _drempels(gemeente) -> matching.Drempels:
    """The gemeente's thresholds, kept for a minute per process (bulk intake asks for every row)."""
    gemeente_id = getattr(gemeente, "pk", gemeente)
    cached = _DREMPELS.get(gemeente_id)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    instelling = KoppelInstelling.objects.filter(gemeente_id=gemeente_id).first()
    drempels = instelling.drempels if instelling else matching.Drempels()
    _DREMPELS[gemeente_id] = (time.monotonic() + _DREMPELS_SECONDEN, drempels)
    return drempels


def vergeet_drempels(gemeente_id) -> None:
    _DREMPELS.pop(gemeente_id, None)


def _invoer(data: PersoonGegevens, adres) -> dict:
    """The reported values as shown beside the known person in an explanation: never the BSN itself."""
    return {
        "voornamen": data.voornamen,
        "tussenvoegsel": data.tussenvoegsel,
        "achternaam": data.achternaam,
        "geboortedatum": data.geboortedatum.isoformat() if data.geboortedatum else "",
        "bsn": bool(data.bsn),
        "adres": str(adres) if isinstance(adres, Adres) else (adres_sleutel_van(adres) if adres else ""),
    }


def _verhuis(persoon: Persoon, sleutel: str, changed: list) -> None:
    """Record ``sleutel`` as the person's current address; the former one becomes the previous address."""
    if not sleutel or persoon.adres_sleutel == sleutel:
        return
    if persoon.adres_sleutel:
        persoon.vorig_adres_sleutel = persoon.adres_sleutel
        changed.append("vorig_adres_sleutel")
    persoon.adres_sleutel = sleutel
    changed.append("adres_sleutel")


def _uitleg(gemeente, persoon, vergelijking, besluit, data, adres, context, drempels) -> Koppeling:
    """The explanation of one link or review item (unsaved): the comparison per field, the reported values, the
    channel and the thresholds of this moment."""
    return Koppeling(
        gemeente=gemeente,
        persoon=persoon,
        kandidaat_id=vergelijking.kandidaat.ident,
        uitkomst=besluit.uitkomst,
        gewicht=vergelijking.gewicht,
        velden=vergelijking.als_json(),
        invoer=_invoer(data, adres),
        kanaal=context.kanaal[:40],
        drempel_koppelen=drempels.koppelen,
        drempel_beoordelen=drempels.beoordelen,
    )


def koppel_persoon(gemeente, gegevens: PersoonGegevens, adres=None, context=None) -> Koppelresultaat:
    """Link a reported person to the person already known, or make a new one: the one intake rule for the form,
    the API, bulk files and manual entry on a case.

    ``adres``: the address the report places the person at (an ``Adres`` or ``AdresGegevens``), evidence for the
    match and afterwards the person's current address. ``context``: a ``KoppelContext`` (or a dict with its
    fields). The outcome follows ``regiekamer.identiteit.matching.beslis`` with the gemeente's thresholds; every link
    and every review is stored with its explanation (``identiteit.models.Koppeling``), an uncertain pair is queued
    for review (``identiteit.models.Beoordeling``)."""
    context = _context(context)
    data = validate_persoon(gegevens)
    sleutel = adres_sleutel_van(adres)
    index = blind_index(data.bsn)
    record = matching.Kenmerken.van(
        data.voornamen, data.tussenvoegsel, data.achternaam, data.geboortedatum, index, sleutel
    )
    gevonden = kandidaten(gemeente, record)
    in_context = set()
    if context.casus is not None and gevonden:
        in_context = set(
            Betrokkene.objects.filter(casus=context.casus, persoon_id__in=[p.pk for p in gevonden]).values_list(
                "persoon_id", flat=True
            )
        )
    drempels = _drempels(gemeente)
    besluit = matching.beslis(record, [kenmerken_van_persoon(p) for p in gevonden], drempels, context=in_context)
    per_id = {p.pk: p for p in gevonden}

    def uitleg(persoon, vergelijking):
        koppeling = _uitleg(gemeente, persoon, vergelijking, besluit, data, adres, context, drempels)
        koppeling.save(force_insert=True)
        return koppeling

    if besluit.uitkomst in (matching.BSN, matching.AUTOMATISCH):
        existing = per_id[besluit.beste.kandidaat.ident]  # loaded with the fields matching reads, the BSN deferred
        changed: list[str] = []
        if data.bsn and not existing.bsn_index:
            existing.bsn = data.bsn
            changed.append("bsn")
        if data.geboortedatum and not existing.geboortedatum:
            existing.geboortedatum = data.geboortedatum
            changed.append("geboortedatum")
        _verhuis(existing, sleutel, changed)
        if changed:
            existing.save(update_fields=changed)
        return Koppelresultaat(existing, besluit.uitkomst, uitleg(existing, besluit.beste))
    # With a BSN the unique blind index decides when the same new person is reported twice at the same moment.
    persoon, created = get_or_insert(
        Persoon.objects.filter(gemeente=gemeente, bsn_index=index) if data.bsn else Persoon.objects.none(),
        lambda: Persoon.objects.create(
            gemeente=gemeente,
            voornamen=data.voornamen,
            tussenvoegsel=data.tussenvoegsel,
            achternaam=data.achternaam,
            geboortedatum=data.geboortedatum,
            bsn=data.bsn,
            naam_sleutel=name_key(data.voornamen, data.tussenvoegsel, data.achternaam),
            adres_sleutel=sleutel,
        ),
    )
    if not created:  # the same BSN, stored by a concurrent report a moment ago
        return Koppelresultaat(persoon, matching.BSN)
    if besluit.uitkomst != matching.TER_BEOORDELING:
        return Koppelresultaat(persoon, matching.NIEUW)
    koppeling = uitleg(persoon, besluit.beste)
    # The person was made just now: no pair with it was judged before (a pair judged "verschillend" is never
    # proposed again: it cannot come back, as every item pairs a known person with the person a report became).
    for vergelijking in besluit.ter_beoordeling:
        bekend = per_id[vergelijking.kandidaat.ident]
        Beoordeling.objects.create(
            gemeente=gemeente,
            bekend=bekend,
            nieuw=persoon,
            koppeling=koppeling if vergelijking is besluit.beste else None,
            gewicht=vergelijking.gewicht,
            velden=vergelijking.als_json(),
        )
    return Koppelresultaat(persoon, matching.TER_BEOORDELING, koppeling)


def _context(context) -> KoppelContext:
    if isinstance(context, dict):  # unknown keys (e.g. the organisation of an import) are ignored
        kanaal = context.get("kanaal") or ("import" if "referentie" in context else "")
        context = KoppelContext(kanaal=kanaal, casus=context.get("casus"))
    return context or KoppelContext()


def _kandidaten_voor(gemeente, records: list) -> list[Persoon]:
    """The known persons any of ``records`` may be, read with one query per blocking key for all of them."""
    velden = {"bsn_index": set(), "blok_naam": set(), "geboortedatum": set(), "adres_sleutel": set()}
    for record in records:
        if record.bsn_index:
            velden["bsn_index"].add(record.bsn_index)
        if record.naam_blok:
            velden["blok_naam"].add(record.naam_blok)
        if record.geboortedatum:
            velden["geboortedatum"].add(record.geboortedatum)
            if swapped := matching.verwisseld(record.geboortedatum):
                velden["geboortedatum"].add(swapped)
        if record.adres:
            velden["adres_sleutel"].add(record.adres)
    base = Persoon.objects.filter(gemeente=gemeente, samengevoegd_in__isnull=True).order_by().only(*_KANDIDAAT_VELDEN)
    gevonden: dict = {}
    for veld, waarden in velden.items():
        waarden = sorted(waarden)
        lookups = [veld] + (["vorig_adres_sleutel"] if veld == "adres_sleutel" else [])
        for lookup in lookups:
            for start in range(0, len(waarden), 500):
                for persoon in base.filter(**{f"{lookup}__in": waarden[start : start + 500]}):
                    gevonden.setdefault(persoon.pk, persoon)
    return list(gevonden.values())


def koppel_personen(gemeente, items: list) -> list[Koppelresultaat]:
    """Many reported persons at once, each item ``(gegevens, adres, context)`` as for ``koppel_persoon``, with the
    same rule and the same outcomes, row after row: a person made for one row is found by the later rows.
    Candidates are read with one query per blocking key for the whole batch; new persons, changes, explanations
    and review items are written in bulk. For bulk intake (a chunk of an import file): validate the rows first,
    as one invalid person makes the whole call raise ``InvalidInput`` before anything is written."""
    if not items:
        return []
    drempels = _drempels(gemeente)
    rijen = []
    for gegevens, adres, context in items:
        data = validate_persoon(gegevens)
        sleutel = adres_sleutel_van(adres)
        record = matching.Kenmerken.van(
            data.voornamen, data.tussenvoegsel, data.achternaam, data.geboortedatum, blind_index(data.bsn), sleutel
        )
        rijen.append((data, adres, _context(context), record))
    bekend = {p.pk: p for p in _kandidaten_voor(gemeente, [r[3] for r in rijen])}
    register = matching.Register()
    for persoon in bekend.values():
        register.voeg_toe(kenmerken_van_persoon(persoon))
    nieuw: list[Persoon] = []
    gewijzigd: dict = {}  # pk -> set of changed fields (of persons that existed before the batch)
    koppelingen: list[Koppeling] = []
    beoordelingen: list[Beoordeling] = []
    resultaten = []
    for data, adres, context, record in rijen:
        in_context = set()
        if context.casus is not None:
            in_context = set(
                Betrokkene.objects.filter(casus=context.casus, persoon__isnull=False).values_list(
                    "persoon_id", flat=True
                )
            )
        besluit = matching.beslis(record, register.kandidaten(record), drempels, context=in_context)

        def uitleg(persoon, vergelijking, besluit=besluit, data=data, adres=adres, context=context):
            koppeling = _uitleg(gemeente, persoon, vergelijking, besluit, data, adres, context, drempels)
            koppelingen.append(koppeling)  # written in bulk after the batch
            return koppeling

        if besluit.uitkomst in (matching.BSN, matching.AUTOMATISCH):
            persoon = bekend[besluit.beste.kandidaat.ident]
            voor = register.personen[persoon.pk]
            na = matching.aangevuld(voor, record)
            velden = gewijzigd.setdefault(persoon.pk, set())
            if data.bsn and not voor.bsn_index:
                persoon.bsn, persoon.bsn_index = data.bsn, record.bsn_index
                velden |= {"bsn", "bsn_index"}
            if na.geboortedatum != voor.geboortedatum:
                persoon.geboortedatum = na.geboortedatum
                velden.add("geboortedatum")
            if (na.adres, na.vorig_adres) != (voor.adres, voor.vorig_adres):
                persoon.adres_sleutel, persoon.vorig_adres_sleutel = na.adres, na.vorig_adres
                velden |= {"adres_sleutel", "vorig_adres_sleutel"}
            register.voeg_toe(na)
            resultaten.append(Koppelresultaat(persoon, besluit.uitkomst, uitleg(persoon, besluit.beste)))
            continue
        persoon = Persoon(
            gemeente=gemeente,
            voornamen=data.voornamen,
            tussenvoegsel=data.tussenvoegsel,
            achternaam=data.achternaam,
            geboortedatum=data.geboortedatum,
            bsn=data.bsn,
            bsn_index=record.bsn_index,
            naam_sleutel=name_key(data.voornamen, data.tussenvoegsel, data.achternaam),
            blok_naam=record.naam_blok,
            adres_sleutel=record.adres,
        )
        nieuw.append(persoon)
        bekend[persoon.pk] = persoon
        register.voeg_toe(kenmerken_van_persoon(persoon))
        if besluit.uitkomst != matching.TER_BEOORDELING:
            resultaten.append(Koppelresultaat(persoon, matching.NIEUW))
            continue
        koppeling = uitleg(persoon, besluit.beste)
        for vergelijking in besluit.ter_beoordeling:  # a person made just now: no pair with it was judged before
            beoordelingen.append(
                Beoordeling(
                    gemeente=gemeente,
                    bekend=bekend[vergelijking.kandidaat.ident],
                    nieuw=persoon,
                    koppeling=koppeling if vergelijking is besluit.beste else None,
                    gewicht=vergelijking.gewicht,
                    velden=vergelijking.als_json(),
                )
            )
        resultaten.append(Koppelresultaat(persoon, matching.TER_BEOORDELING, koppeling))
    nieuw_ids = {p.pk for p in nieuw}
    with transaction.atomic():
        Persoon.objects.bulk_create(nieuw, batch_size=500)
        per_velden: dict = {}
        for pk, velden in gewijzigd.items():
            if velden and pk not in nieuw_ids:
                per_velden.setdefault(tuple(sorted(velden)), []).append(bekend[pk])
        for velden, personen in per_velden.items():
            Persoon.objects.bulk_update(personen, list(velden), batch_size=500)
        Koppeling.objects.bulk_create(koppelingen, batch_size=500)
        Beoordeling.objects.bulk_create(beoordelingen, batch_size=500)
    return resultaten


def verschillend_beoordeeld(gemeente, persoon, andere_ids) -> set:
    """Of ``andere_ids``, the persons judged to be another person than ``persoon`` (in either order)."""
    paren = Beoordeling.objects.filter(gemeente=gemeente, status=Beoordeling.Status.VERSCHILLEND).filter(
        Q(bekend=persoon, nieuw_id__in=andere_ids) | Q(nieuw=persoon, bekend_id__in=andere_ids)
    )
    return {b.nieuw_id if b.bekend_id == persoon.pk else b.bekend_id for b in paren}


def find_or_create_persoon(gemeente, data: PersoonGegevens, adres=None, context=None) -> tuple[Persoon, bool]:
    """The existing person this data describes, or a new one. Returns (persoon, created); see ``koppel_persoon``."""
    resultaat = koppel_persoon(gemeente, data, adres=adres, context=context)
    return resultaat.persoon, resultaat.aangemaakt


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
    """The same KvK number is the same legal person. Without one, or when no company has that number yet: the same
    name without its legal form ("Groen B.V." = "groen bv") among companies without a KvK number, whose number is
    then filled in."""
    kvk_nummer = clean_kvk(kvk_nummer)
    if not naam.strip():
        raise InvalidInput.field("rechtspersonen.naam", _("De naam is verplicht."), code="required")
    queryset = Rechtspersoon.objects.filter(gemeente=gemeente)
    if kvk_nummer:
        existing = queryset.filter(kvk_nummer=kvk_nummer).first()
        if existing is not None:
            return existing, False
    sleutel = matching.rechtspersoon_sleutel(naam)
    same_name = queryset.filter(naam_sleutel=sleutel, kvk_nummer="") if sleutel else queryset.none()
    existing = same_name.order_by("aangemaakt_op").first()
    if existing is not None:
        if kvk_nummer:
            existing.kvk_nummer = kvk_nummer
            existing.save(update_fields=["kvk_nummer"])
        return existing, False
    same = queryset.filter(kvk_nummer=kvk_nummer) if kvk_nummer else same_name
    return get_or_insert(
        same, lambda: Rechtspersoon.objects.create(gemeente=gemeente, naam=naam.strip(), kvk_nummer=kvk_nummer)
    )


def find_or_create_voertuig(gemeente, kenteken: str, omschrijving: str = "") -> tuple[Voertuig, bool]:
    kenteken = clean_kenteken(kenteken)
    return Voertuig.objects.get_or_create(gemeente=gemeente, kenteken=kenteken, defaults={"omschrijving": omschrijving})
