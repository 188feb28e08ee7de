"""Probabilistic matching of a reported person with the persons already known (entity resolution).

The model is Fellegi–Sunter, as in Splink: each field of a pair of records is compared at one of a few *levels*
("gelijk", "klank", "typo", "verschillend", ...). Each level has an m-probability (how often a true match shows this
level) and a u-probability (how often two different persons do); its weight is log2(m/u) bits. The weights of the
fields add up to the match weight of the pair. Dutch rules sit on top of the sum (``beslis``): a different BSN is a
different person, household members (same surname and address, another first name or birth date) never link, a
person without a birth date links only on strong evidence, and two candidates that fit equally well go to review.

This module holds no database code: ``subjects.services.koppel_persoon`` fetches the candidates through the
blocking keys computed here, and the quality benchmark (``scripts/benchmark_identiteit.py``) runs the very same
comparison and decision on its synthetic population.
"""

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA, JaroWinkler

from regiekamer.core.text import fold as _fold_text
from regiekamer.identiteit.roepnamen import zelfde_groep

# Words in front of a Dutch surname, written out or abbreviated ("v.d." folds to "v d", "vd", "v/d" to "v d").
TUSSENVOEGSELS = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "op",
        "in",
        "'t",
        "t",
        "van't",
        "la",
        "le",
        "da",
        "el",
        "al",
        "v",
        "d",
        "vd",
        "vdr",
        "vden",
        "uit",
        "aan",
        "bij",
        "onder",
        "over",
        "voor",
        "von",
        "zu",
        "du",
        "des",
        "di",
        "del",
        "della",
        "dos",
        "do",
        "l'",
        "d'",
        "'s",
    }
)

# --- Normalisation -------------------------------------------------------------------------------------------------

# Names repeat a lot (a gemeente has a few thousand surnames and first names): fold each once.
fold = lru_cache(maxsize=200_000)(_fold_text)


@lru_cache(maxsize=200_000)
def achternaam_sleutel(tussenvoegsel: str, achternaam: str) -> str:
    """The surname without its tussenvoegsel, folded, spaces and hyphens dropped: "v.d. Berg", "van den Berg" and
    ("van der", "Berg") all give "berg". Empty when nothing is left to match on."""
    words = (fold(tussenvoegsel) + " " + fold(achternaam)).split()
    kern = [word for word in words if word not in TUSSENVOEGSELS] or words
    return "".join(kern).replace("'", "")


_KLANK_REGELS = (
    ("sch", "s"),
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("ck", "k"),
    ("ch", "g"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("ou", "au"),
    ("ae", "a"),
    ("oo", "o"),
    ("ee", "e"),
    ("uu", "u"),
    ("aa", "a"),
    ("w", "v"),
)


@lru_cache(maxsize=65536)
def klank(text: str) -> str:
    """A rough Dutch sound key of a folded name: ij, ei and y alike, c/k, z/s, ph/f, dt/t, final d as t, a final y
    after a consonant as i, double letters single. "Kitty" and "Kitti" give "kiti"; "Meijer", "Meyer" and "Meier"
    give "myer"."""
    text = text.replace(" ", "").replace("-", "").replace("'", "")
    if len(text) > 1 and text.endswith("y") and text[-2] not in "aeiou":
        text = text[:-1] + "i"
    for old, new in _KLANK_REGELS:
        text = text.replace(old, new)
    if text.endswith("d"):
        text = text[:-1] + "t"
    return re.sub(r"(.)\1+", r"\1", text)


_TOKEN = re.compile(r"[^\s.]+\.?")


@lru_cache(maxsize=200_000)
def voornamen_delen(voornamen: str) -> tuple[tuple[str, ...], str]:
    """The given names written out and the initials of all given names: "Jan Pieter" -> (("jan", "pieter"), "jp"),
    "J.P." -> ((), "jp"), "K." -> ((), "k"), "JP" -> ((), "jp"). A name cut short to an initial ends the names
    written out ("Jan P." -> (("jan",), "jp"))."""
    raw = unicodedata.normalize("NFKC", voornamen or "")
    names: list[str] = []
    initialen = ""
    written_out = True
    for token in _TOKEN.findall(raw):
        bare = token.rstrip(".")
        folded = fold(bare).replace(" ", "")
        if not folded:
            continue
        if token.endswith(".") or len(folded) == 1:
            initialen += folded[0]
            written_out = False
        elif bare.isupper() and bare.isalpha() and 1 < len(bare) <= 3:
            initialen += folded  # "JP": initials without periods
            written_out = False
        else:
            # A hyphenated name ("Jan-Willem") counts as its parts.
            for part in fold(bare).split():
                if written_out:
                    names.append(part)
                initialen += part[0]
    return tuple(names), initialen


RECHTSVORMEN = frozenset({"bv", "nv", "vof", "cv", "bvba", "gmbh", "ltd", "eenmanszaak", "vennootschap"})


def rechtspersoon_sleutel(naam: str) -> str:
    """The name of a legal person for matching: folded, the legal form left out ("B.V.", "BV", "b.v." alike),
    spaces dropped: "Kweekhandel Groen B.V." and "kweekhandel groen bv" give "kweekhandelgroen"."""
    words = fold(naam).replace("'", "").split()
    # Initials of a legal form ("b v", "v o f") fold to single letters: join them first.
    joined: list[str] = []
    for word in words:
        if (
            len(word) == 1
            and joined
            and len(joined[-1]) <= 3
            and joined[-1].isalpha()
            and joined[-1] not in RECHTSVORMEN
        ):
            joined[-1] += word
        else:
            joined.append(word)
    kern = [word for word in joined if word not in RECHTSVORMEN] or joined
    return "".join(kern)[:200]


def adres_sleutel(postcode: str, huisnummer, huisletter: str = "", toevoeging: str = "") -> str:
    """The address as one key: postcode, number, letter and addition ("1234AB12A-2"). Its first six characters are
    the postcode."""
    if not postcode or not huisnummer:
        return ""
    sleutel = f"{postcode.replace(' ', '').upper()}{int(huisnummer)}{(huisletter or '').upper()}"
    return f"{sleutel}-{toevoeging.upper()}" if toevoeging else sleutel


def naam_blok(achternaam: str, initialen: str) -> str:
    """The name blocking key: the sound of the surname and the first initial ("vries|k")."""
    if not achternaam:
        return ""
    return f"{klank(achternaam)}|{initialen[:1]}"[:64]


def verwisseld(datum: dt.date | None) -> dt.date | None:
    """The date with day and month swapped, when that is another valid date."""
    if datum is None or datum.day > 12 or datum.day == datum.month:
        return None
    return dt.date(datum.year, datum.day, datum.month)


@dataclass(frozen=True, slots=True)
class Kenmerken:
    """The comparable features of one record (a reported person) or one known person."""

    achternaam: str
    voornamen: tuple[str, ...]
    initialen: str
    geboortedatum: dt.date | None = None
    bsn_index: str = ""
    adres: str = ""
    vorig_adres: str = ""
    ident: object = None  # the person's id (a known person) or None (a record)

    @classmethod
    def van(
        cls,
        voornamen: str,
        tussenvoegsel: str,
        achternaam: str,
        geboortedatum=None,
        bsn_index: str = "",
        adres: str = "",
        vorig_adres: str = "",
        ident=None,
    ) -> "Kenmerken":
        names, initialen = voornamen_delen(voornamen)
        return cls(
            achternaam=achternaam_sleutel(tussenvoegsel, achternaam),
            voornamen=names,
            initialen=initialen,
            geboortedatum=geboortedatum,
            bsn_index=bsn_index,
            adres=adres,
            vorig_adres=vorig_adres,
            ident=ident,
        )

    @property
    def naam_blok(self) -> str:
        return naam_blok(self.achternaam, self.initialen)


# --- Comparison ----------------------------------------------------------------------------------------------------

# (m, u) per field and level. m: share of true matches at this level; u: share of different persons among the
# candidates of one block at this level. Set by hand from Dutch registration habits and checked with the benchmark
# (docs/benchmarks.md); a level that is not listed (e.g. "onbekend", a missing value) weighs nothing.
PARAMETERS: dict[str, dict[str, tuple[float, float]]] = {
    "bsn": {"gelijk": (0.99, 0.000001), "verschillend": (0.002, 0.999)},
    "achternaam": {
        "gelijk": (0.90, 0.01),
        "klank": (0.05, 0.002),
        "typo": (0.04, 0.004),
        "verschillend": (0.01, 0.984),
    },
    "voornamen": {
        "gelijk": (0.75, 0.005),
        "roepnaam": (0.15, 0.005),
        "klank": (0.03, 0.001),
        "bijnaam": (0.04, 0.002),
        "typo": (0.03, 0.003),
        "initialen": (0.06, 0.05),
        "verschillend": (0.01, 0.93),
    },
    "geboortedatum": {
        "gelijk": (0.92, 0.0005),
        "verwisseld": (0.03, 0.0002),
        "typo": (0.03, 0.003),
        "verschillend": (0.01, 0.9973),
    },
    "adres": {
        "gelijk": (0.60, 0.005),
        "vorig": (0.15, 0.004),
        "postcode": (0.05, 0.01),
        "verschillend": (0.20, 0.976),
    },
    "context": {"gelijk": (0.40, 0.002)},
}

VELDEN = ("bsn", "achternaam", "voornamen", "geboortedatum", "adres", "context")
_POSITIE = {veld: index for index, veld in enumerate(VELDEN)}  # the order of Vergelijking.velden


_GEWICHTEN = {
    (veld, niveau): round(math.log2(m / u), 2)
    for veld, niveaus in PARAMETERS.items()
    for niveau, (m, u) in niveaus.items()
}


def gewicht(veld: str, niveau: str) -> float:
    """log2(m/u) of the level, in bits; 0 for a level without parameters (a missing value)."""
    return _GEWICHTEN.get((veld, niveau), 0.0)


def vergelijk_bsn(a: Kenmerken, b: Kenmerken) -> str:
    if not a.bsn_index or not b.bsn_index:
        return "onbekend"
    return "gelijk" if a.bsn_index == b.bsn_index else "verschillend"


def vergelijk_achternaam(a: str, b: str) -> str:
    if not a or not b:
        return "onbekend"
    if a == b:
        return "gelijk"
    if klank(a) == klank(b):
        return "klank"
    if (min(len(a), len(b)) >= 4 and OSA.distance(a, b) <= 1) or JaroWinkler.similarity(a, b) >= 0.94:
        return "typo"
    return "verschillend"


def vergelijk_voornamen(a: Kenmerken, b: Kenmerken) -> str:
    if not a.initialen or not b.initialen:
        return "onbekend"
    if a.voornamen and b.voornamen:
        if a.voornamen == b.voornamen:
            return "gelijk"
        fa, fb = a.voornamen[0], b.voornamen[0]
        if fa == fb or fa in b.voornamen or fb in a.voornamen:
            return "roepnaam"
        if klank(fa) == klank(fb):
            return "klank"
        if zelfde_groep(fa, fb):
            return "bijnaam"
        if min(len(fa), len(fb)) >= 5 and fa[0] == fb[0] and OSA.distance(fa, fb) <= 1:
            return "typo"
        return "verschillend"
    # One side (or both) gives initials only: they agree when one list of initials starts the other.
    ia, ib = a.initialen, b.initialen
    if ia.startswith(ib) or ib.startswith(ia):
        return "initialen"
    return "verschillend"


def vergelijk_geboortedatum(a: dt.date | None, b: dt.date | None) -> str:
    if a is None or b is None:
        return "onbekend"
    if a == b:
        return "gelijk"
    if verwisseld(a) == b:
        return "verwisseld"
    sa, sb = f"{a.year:04d}{a.month:02d}{a.day:02d}", f"{b.year:04d}{b.month:02d}{b.day:02d}"
    if OSA.distance(sa, sb) <= 1:
        return "typo"
    return "verschillend"


def vergelijk_adres(a: Kenmerken, b: Kenmerken) -> str:
    if not a.adres or not (b.adres or b.vorig_adres):
        return "onbekend"
    if a.adres == b.adres:
        return "gelijk"
    if a.adres == b.vorig_adres or (a.vorig_adres and a.vorig_adres == b.adres):
        return "vorig"
    if b.adres and a.adres[:6] == b.adres[:6]:
        return "postcode"
    return "verschillend"


class Veldoordeel(NamedTuple):
    veld: str
    niveau: str
    gewicht: float

    @property
    def oordeel(self) -> str:
        """ "eens", "deels", "oneens" or "onbekend": how the explanation shows the level."""
        if self.niveau == "onbekend":
            return "onbekend"
        if self.niveau == "verschillend":
            return "oneens"
        if self.niveau == "gelijk":
            return "eens"
        return "deels"


@dataclass(slots=True)
class Vergelijking:
    """A record compared with one candidate: the level and weight per field, and their sum."""

    kandidaat: Kenmerken
    velden: list[Veldoordeel]
    gewicht: float

    def niveau(self, veld: str) -> str:
        return self.velden[_POSITIE[veld]].niveau

    def als_json(self) -> list[dict]:
        return [{"veld": v.veld, "niveau": v.niveau, "gewicht": v.gewicht} for v in self.velden]


def _niveaus(record: Kenmerken, kandidaat: Kenmerken, context: bool) -> tuple[str, ...]:
    """The level per field, in the order of ``VELDEN``."""
    return (
        vergelijk_bsn(record, kandidaat),
        vergelijk_achternaam(record.achternaam, kandidaat.achternaam),
        vergelijk_voornamen(record, kandidaat),
        vergelijk_geboortedatum(record.geboortedatum, kandidaat.geboortedatum),
        vergelijk_adres(record, kandidaat),
        "gelijk" if context else "onbekend",
    )


# Per field (in the order of VELDEN) the weight of each level: summing six lookups is the hot path of matching.
_PER_VELD = tuple({n: w for (v, n), w in _GEWICHTEN.items() if v == veld} for veld in VELDEN)


def _som(niveaus: tuple[str, ...]) -> float:
    b, a, v, g, d, c = _PER_VELD
    n = niveaus
    return round(b.get(n[0], 0.0) + a.get(n[1], 0.0) + v.get(n[2], 0.0) + g.get(n[3], 0.0) + d.get(n[4], 0.0)
                 + c.get(n[5], 0.0), 2)  # fmt: skip


def _vergelijking(kandidaat: Kenmerken, niveaus: tuple[str, ...]) -> Vergelijking:
    velden = [
        Veldoordeel(veld, niveau, _GEWICHTEN.get((veld, niveau), 0.0))
        for veld, niveau in zip(VELDEN, niveaus, strict=True)
    ]
    return Vergelijking(kandidaat, velden, _som(niveaus))


def vergelijk(record: Kenmerken, kandidaat: Kenmerken, context: bool = False) -> Vergelijking:
    """Compare a record with a candidate. ``context``: the candidate shares the record's context (e.g. is a
    betrokkene of the case the record is entered on)."""
    return _vergelijking(kandidaat, _niveaus(record, kandidaat, context))


# --- Decision ------------------------------------------------------------------------------------------------------

BSN = "bsn"
AUTOMATISCH = "automatisch"
TER_BEOORDELING = "ter-beoordeling"
NIEUW = "nieuw"
UITKOMSTEN = (BSN, AUTOMATISCH, TER_BEOORDELING, NIEUW)

DEFAULT_DREMPEL_KOPPELEN = 17.5
DEFAULT_DREMPEL_BEOORDELEN = 12.0
# Two candidates above the link threshold whose weights differ less than this are ambiguous: review.
MARGE = 6.0
MAX_TER_BEOORDELING = 2

STERKE_VOORNAAM = frozenset({"gelijk", "klank", "roepnaam", "bijnaam"})
STERKE_ACHTERNAAM = frozenset({"gelijk", "klank"})


@dataclass(frozen=True, slots=True)
class Drempels:
    koppelen: float = DEFAULT_DREMPEL_KOPPELEN
    beoordelen: float = DEFAULT_DREMPEL_BEOORDELEN


@dataclass(slots=True)
class Besluit:
    """The outcome for one record: link to ``beste`` (bsn, automatisch), a new person offered for review against
    ``ter_beoordeling`` (ter-beoordeling), or a new person (nieuw). ``beste`` is the best candidate, if any."""

    uitkomst: str
    beste: Vergelijking | None = None
    ter_beoordeling: list[Vergelijking] = field(default_factory=list)
    reden: str = ""


def huisgenoot(v: Vergelijking) -> bool:
    """Same surname and address but another first name or birth date: a parent, child, brother, sister or twin."""
    return (
        v.niveau("achternaam") in STERKE_ACHTERNAAM
        and v.niveau("adres") == "gelijk"
        and (v.niveau("voornamen") == "verschillend" or v.niveau("geboortedatum") == "verschillend")
    )


def veto(v: Vergelijking, record: Kenmerken) -> str:
    """Why this candidate may not be linked automatically whatever its weight, or "" when it may."""
    if v.niveau("voornamen") == "verschillend":
        return "voornamen"
    if v.niveau("geboortedatum") == "verschillend":
        return "geboortedatum"
    if v.niveau("achternaam") == "verschillend":
        return "achternaam"
    if record.geboortedatum is None or v.kandidaat.geboortedatum is None:
        # Without a birth date: only the same name at the same address (or in the same context) is strong enough.
        sterk = (
            v.niveau("voornamen") in STERKE_VOORNAAM
            and v.niveau("achternaam") in STERKE_ACHTERNAAM
            and (v.niveau("adres") == "gelijk" or v.niveau("context") == "gelijk")
        )
        if not sterk:
            return "geen-geboortedatum"
    return ""


def _linkdrempel(v: Vergelijking, record: Kenmerken, drempels: Drempels) -> float:
    """The weight a candidate needs to be linked. Without a birth date on either side the birth date's evidence
    (about 11 bits) cannot be there: the rule for persons without one (the same name at the same address or in the
    same case, ``veto``) decides instead, above the review threshold."""
    if record.geboortedatum is None or v.kandidaat.geboortedatum is None:
        return drempels.beoordelen
    return drempels.koppelen


def beslis(
    record: Kenmerken,
    kandidaten: Iterable[Kenmerken],
    drempels: Drempels = Drempels(),
    context: Iterable = (),
    verschillend: Iterable = (),
) -> Besluit:
    """Compare a record with its candidates and decide. ``context``: ids of candidates sharing the record's
    context; ``verschillend``: ids of candidates the record may not be linked to."""
    context, verschillend = set(context), set(verschillend)
    gescoord = []
    for kandidaat in kandidaten:
        niveaus = _niveaus(record, kandidaat, kandidaat.ident in context)
        if niveaus[0] == "gelijk":
            return Besluit(BSN, _vergelijking(kandidaat, niveaus), reden="bsn")
        if niveaus[0] == "verschillend" or kandidaat.ident in verschillend:
            continue  # a different BSN is a different person
        gescoord.append((_som(niveaus), niveaus, kandidaat))
    if not gescoord:
        return Besluit(NIEUW, reden="geen-kandidaten")
    gescoord.sort(key=lambda item: item[0], reverse=True)
    # Only candidates above the review threshold can change the outcome: the others are not explained in full.
    vergelijkingen = [_vergelijking(k, n) for gewicht, n, k in gescoord if gewicht >= drempels.beoordelen]
    vergelijkingen = vergelijkingen or [_vergelijking(gescoord[0][2], gescoord[0][1])]
    beste = vergelijkingen[0]
    if beste.gewicht < drempels.beoordelen:
        return Besluit(NIEUW, beste, reden="te-zwak")
    koppelbaar = [v for v in vergelijkingen if v.gewicht >= _linkdrempel(v, record, drempels) and not veto(v, record)]
    if koppelbaar and koppelbaar[0] is beste:
        rivalen = [v for v in vergelijkingen[1:] if v.gewicht >= max(drempels.beoordelen, beste.gewicht - MARGE)]
        rivalen = [v for v in rivalen if not huisgenoot(v)]
        if not rivalen:
            return Besluit(AUTOMATISCH, beste, reden="sterk")
        return Besluit(TER_BEOORDELING, beste, [beste, *rivalen][:MAX_TER_BEOORDELING], reden="meerdere-kandidaten")
    twijfel = [v for v in vergelijkingen if v.gewicht >= drempels.beoordelen and not huisgenoot(v)]
    if not twijfel:
        return Besluit(NIEUW, beste, reden="huisgenoot")
    return Besluit(
        TER_BEOORDELING, twijfel[0], twijfel[:MAX_TER_BEOORDELING], reden=veto(twijfel[0], record) or "twijfel"
    )


# --- Known persons in memory ---------------------------------------------------------------------------------------

MAX_KANDIDATEN = 200


def aangevuld(kandidaat: Kenmerken, record: Kenmerken) -> Kenmerken:
    """The known person after a link: an empty BSN or birth date filled from the record, the record's address as
    the current one (the former one becomes the previous address)."""
    bsn = kandidaat.bsn_index or record.bsn_index
    geboortedatum = kandidaat.geboortedatum or record.geboortedatum
    adres, vorig = kandidaat.adres, kandidaat.vorig_adres
    if record.adres and record.adres != adres:
        adres, vorig = record.adres, (adres or vorig)
    return Kenmerken(
        kandidaat.achternaam,
        kandidaat.voornamen,
        kandidaat.initialen,
        geboortedatum,
        bsn,
        adres,
        vorig,
        kandidaat.ident,
    )


class Register:
    """Known persons in memory, indexed on the blocking keys the database indexes (BSN, name block, birth date,
    current and previous address): the candidate lookup of intake for a batch of records, where a person made for
    one record must be found by the next. Also what the quality benchmark links with."""

    def __init__(self):
        self.personen: dict = {}
        self._index: dict = {}

    def _sleutels(self, k: Kenmerken):
        if k.bsn_index:
            yield ("bsn", k.bsn_index)
        if k.naam_blok:
            yield ("naam", k.naam_blok)
        if k.geboortedatum:
            yield ("datum", k.geboortedatum)
        if k.adres:
            yield ("adres", k.adres)
        if k.vorig_adres:
            yield ("vorig", k.vorig_adres)

    def voeg_toe(self, k: Kenmerken) -> None:
        """Add a person, or update one (new keys are added; an old key keeps pointing to it, harmless: candidates
        are compared on their current features)."""
        self.personen[k.ident] = k
        for sleutel in self._sleutels(k):
            lijst = self._index.setdefault(sleutel, [])
            if k.ident not in lijst[-3:]:  # re-adding an unchanged key after an update is the common case
                lijst.append(k.ident)

    def kandidaten(self, record: Kenmerken, limit: int = MAX_KANDIDATEN) -> list[Kenmerken]:
        gevonden: dict = {}
        sleutels = [("bsn", record.bsn_index), ("naam", record.naam_blok)]
        if record.geboortedatum:
            sleutels += [("datum", record.geboortedatum), ("datum", verwisseld(record.geboortedatum))]
        if record.adres:
            sleutels += [("adres", record.adres), ("vorig", record.adres)]
        for sleutel in sleutels:
            if sleutel[1]:
                for ident in self._index.get(sleutel, ()):
                    gevonden[ident] = None
        return [self.personen[ident] for ident in list(gevonden)[:limit]]
