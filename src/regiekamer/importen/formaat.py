"""The Regiekamer-importformaat (docs/importformaat.md): its columns, reading CSV and XLSX files as a stream of
records, mapping an organisation's headers to the format, and turning one record into a signal's input.

Nothing here touches the database: a record becomes a :class:`Regel` (the signal's input and, for vroegsignalering,
the arrears) or a Dutch reason why it cannot.
"""

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from regiekamer.core.text import fold, is_ascii_digits
from regiekamer.signalen.services import SignaalInvoer
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

KOLOMMEN = (
    "referentie",
    "fenomeen",
    "omschrijving",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "bsn",
    "postcode",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "straat",
    "woonplaats",
    "bedrag_achterstand",
    "achterstand_sinds",
    "soort_schuldeiser",
)
VERPLICHT = ("referentie",)
VROEGSIGNALERING = ("bedrag_achterstand", "achterstand_sinds", "soort_schuldeiser")
PERSOON = ("voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn")
ADRES = ("postcode", "huisnummer", "huisletter", "toevoeging", "straat", "woonplaats")
SCHULDEISERS = ("energie", "water", "zorgverzekeraar", "verhuurder")
# A row about arrears without a phenomenon is about this one (signalen.catalogue), with the indicator of its creditor.
FENOMEEN_ACHTERSTAND = "betalingsachterstand"
INDICATOR_PER_SCHULDEISER = {
    "energie": "energie-water-achterstand",
    "water": "energie-water-achterstand",
    "zorgverzekeraar": "zorgpremie-achterstand",
    "verhuurder": "huurachterstand",
}
MAX_REFERENTIE = 100
EERSTE_RIJ = 2  # the header is row 1, as a spreadsheet numbers it


class BestandFout(Exception):
    """The file as a whole cannot be read (not CSV or XLSX, no header, not UTF-8, no ``referentie`` column)."""


def kop(naam) -> str:
    """A header as it is compared: accents folded, lower case, spaces and hyphens as underscores."""
    return re.sub(r"[\s\-]+", "_", fold(str(naam or "")).strip())


# --- Reading files ------------------------------------------------------------------------------------------------


def soort_van(begin: bytes) -> str:
    """``xlsx`` for a ZIP container (an XLSX is one), else ``csv``."""
    return "xlsx" if begin[:4] == b"PK\x03\x04" else "csv"


def _cel(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_dialect(sample: str) -> str:
    first_line = sample.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=";,").delimiter
    except csv.Error:
        return ";" if first_line.count(";") >= first_line.count(",") else ","


class _Utf8Lines:
    """Lines of a binary stream decoded as UTF-8 (a byte-order mark dropped), naming the line of a decoding error."""

    def __init__(self, stream):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.regel = 0

    def __iter__(self):
        for raw in self.stream:
            self.regel += 1
            try:
                yield self.decoder.decode(raw)
            except UnicodeDecodeError:
                raise BestandFout(
                    _("Het bestand is geen UTF-8-tekst (regel %(regel)s). Sla het op als CSV UTF-8.")
                    % {"regel": self.regel}
                ) from None


def lees_csv(stream) -> Iterator[list[str]]:
    """Records of a CSV file (UTF-8, ``;`` or ``,``, sniffed from the header line), the header first."""
    buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
    sample = buffered.peek(65536)[:65536]
    try:
        sample_text = sample.decode("utf-8-sig", errors="ignore")
    except UnicodeDecodeError:  # pragma: no cover - errors="ignore"
        sample_text = ""
    delimiter = _csv_dialect(sample_text)
    for record in csv.reader(_Utf8Lines(buffered), delimiter=delimiter):
        yield [value.strip() for value in record]


def lees_xlsx(stream) -> Iterator[list[str]]:
    """Records of the first sheet of an XLSX file (openpyxl in read-only mode: row by row), the header first."""
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise BestandFout(_("Het bestand is geen leesbaar XLSX-bestand.")) from error
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cel(value) for value in row]
    finally:
        workbook.close()


def lees(stream, soort: str) -> Iterator[list[str]]:
    return lees_xlsx(stream) if soort == "xlsx" else lees_csv(stream)


# --- Columns ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolomindeling:
    """Which position in the file holds which format column, from the header and the organisation's mapping."""

    posities: dict  # format column -> index in the record
    koppen: list  # the header as in the file
    ongebruikt: list  # headers that map to no format column

    def waarde(self, record: list[str], kolom: str) -> str:
        index = self.posities.get(kolom)
        if index is None or index >= len(record):
            return ""
        return record[index]


def indeling(koppen: list[str], toewijzing: dict | None = None) -> Kolomindeling:
    """Map a file's header to the format: first the organisation's own mapping (format column -> its header),
    then every header that is a format column's name. Raises :class:`BestandFout` without ``referentie``."""
    genormaliseerd = [kop(naam) for naam in koppen]
    posities: dict[str, int] = {}
    for kolom, naam in (toewijzing or {}).items():
        if kolom in KOLOMMEN and naam and kop(naam) in genormaliseerd:
            posities[kolom] = genormaliseerd.index(kop(naam))
    for index, naam in enumerate(genormaliseerd):
        if naam in KOLOMMEN and naam not in posities and index not in posities.values():
            posities[naam] = index
    ontbrekend = [kolom for kolom in VERPLICHT if kolom not in posities]
    if ontbrekend:
        raise BestandFout(
            _("De kolom %(kolom)s ontbreekt. Geef aan welke kolom van uw bestand de referentie bevat.")
            % {"kolom": ", ".join(ontbrekend)}
        )
    gebruikt = set(posities.values())
    return Kolomindeling(
        posities=posities,
        koppen=list(koppen),
        ongebruikt=[naam for index, naam in enumerate(koppen) if index not in gebruikt and naam],
    )


# --- One record ---------------------------------------------------------------------------------------------------


@dataclass
class Achterstandgegevens:
    soort_schuldeiser: str
    bedrag: Decimal | None
    sinds: dt.date | None


@dataclass
class Regel:
    """One record of the file: the signal it describes, or why not (``fouten``)."""

    rij: int
    referentie: str
    invoer: SignaalInvoer | None = None
    achterstand: Achterstandgegevens | None = None
    fouten: list = field(default_factory=list)  # (column, Dutch reason)

    @property
    def melding(self) -> str:
        return " ".join(f"{kolom}: {reden}" if kolom else reden for kolom, reden in self.fouten)


_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NL = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")


def datum(waarde: str) -> dt.date | None:
    """``JJJJ-MM-DD`` or ``DD-MM-JJJJ`` (ASCII digits; also with ``/`` or ``.``). Empty: ``None``. Else ValueError."""
    waarde = waarde.strip().replace("/", "-").replace(".", "-")
    if not waarde:
        return None
    if match := _ISO.fullmatch(waarde):
        jaar, maand, dag = match.groups()
    elif match := _NL.fullmatch(waarde):
        dag, maand, jaar = match.groups()
    else:
        raise ValueError(waarde)
    return dt.date(int(jaar), int(maand), int(dag))


def bedrag(waarde: str) -> Decimal | None:
    """An amount in euros: ``1234.56``, ``1234,56``, ``1.234,56`` or ``€ 1.234,56``. Empty: ``None``."""
    waarde = waarde.replace("€", "").replace(" ", "").strip()
    if not waarde:
        return None
    if "," in waarde:
        waarde = waarde.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]{1,2})?", waarde):
        raise ValueError(waarde)
    return Decimal(waarde)


def regel(rij: int, record: list[str], kolommen: Kolomindeling) -> Regel | None:
    """The record as a :class:`Regel`; ``None`` for an empty record (skipped without a result line)."""
    if not any(value.strip() for value in record):
        return None
    waarden = {kolom: kolommen.waarde(record, kolom) for kolom in KOLOMMEN}
    referentie = waarden["referentie"]
    result = Regel(rij=rij, referentie=referentie[:MAX_REFERENTIE])
    fouten = result.fouten
    if not referentie:
        fouten.append(("referentie", _("De referentie is verplicht.")))
    elif len(referentie) > MAX_REFERENTIE:
        fouten.append(("referentie", _("De referentie is langer dan %(max)s tekens.") % {"max": MAX_REFERENTIE}))

    geboortedatum = None
    try:
        geboortedatum = datum(waarden["geboortedatum"])
    except ValueError:
        fouten.append(("geboortedatum", _("Ongeldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ.")))

    bsn = waarden["bsn"].replace(" ", "").replace(".", "")
    if is_ascii_digits(bsn, 8):
        bsn = "0" + bsn  # a spreadsheet that held the BSN as a number dropped its leading zero
    personen = []
    if any(waarden[kolom] for kolom in PERSOON):
        personen.append(
            PersoonGegevens(
                voornamen=waarden["voornamen"],
                tussenvoegsel=waarden["tussenvoegsel"],
                achternaam=waarden["achternaam"],
                geboortedatum=geboortedatum,
                bsn=bsn,
            )
        )
    adressen = []
    if any(waarden[kolom] for kolom in ("postcode", "huisnummer", "huisletter", "toevoeging")):
        huisnummer = waarden["huisnummer"].strip()
        if not is_ascii_digits(huisnummer) or not huisnummer:
            fouten.append(("huisnummer", _("Ongeldig huisnummer.")))
        else:
            adressen.append(
                AdresGegevens(
                    postcode=waarden["postcode"],
                    huisnummer=int(huisnummer),
                    huisletter=waarden["huisletter"],
                    toevoeging=waarden["toevoeging"],
                    straat=waarden["straat"],
                    woonplaats=waarden["woonplaats"],
                )
            )

    achterstand = _achterstand(waarden, fouten)
    fenomenen = [code.strip().lower() for code in waarden["fenomeen"].split("|") if code.strip()]
    indicatoren = []
    omschrijving = waarden["omschrijving"]
    if achterstand is not None:
        fenomenen = fenomenen or [FENOMEEN_ACHTERSTAND]
        indicatoren = [INDICATOR_PER_SCHULDEISER[achterstand.soort_schuldeiser]]
        omschrijving = omschrijving or _omschrijving_achterstand(achterstand)
    if not fouten:
        result.invoer = SignaalInvoer(
            omschrijving=omschrijving,
            fenomenen=fenomenen,
            indicatoren=indicatoren,
            personen=personen,
            adressen=adressen,
        )
        result.achterstand = achterstand
    return result


def _achterstand(waarden: dict, fouten: list) -> Achterstandgegevens | None:
    if not any(waarden[kolom] for kolom in VROEGSIGNALERING):
        return None
    soort = waarden["soort_schuldeiser"].strip().lower()
    if soort not in SCHULDEISERS:
        fouten.append(
            (
                "soort_schuldeiser",
                _("Kies energie, water, zorgverzekeraar of verhuurder.")
                if soort
                else _("De soort schuldeiser is verplicht bij een betalingsachterstand."),
            )
        )
    result = Achterstandgegevens(soort_schuldeiser=soort, bedrag=None, sinds=None)
    try:
        result.bedrag = bedrag(waarden["bedrag_achterstand"])
        if result.bedrag is not None and result.bedrag < 0:
            raise ValueError
    except (ValueError, InvalidOperation):
        fouten.append(("bedrag_achterstand", _("Ongeldig bedrag; gebruik bijvoorbeeld 1234,56.")))
    try:
        result.sinds = datum(waarden["achterstand_sinds"])
    except ValueError:
        fouten.append(("achterstand_sinds", _("Ongeldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ.")))
    return result


def _omschrijving_achterstand(achterstand: Achterstandgegevens) -> str:
    tekst = _("Betalingsachterstand (vroegsignalering), schuldeiser: %(soort)s.") % {
        "soort": achterstand.soort_schuldeiser
    }
    if achterstand.bedrag is not None:
        tekst += " " + _("Bedrag: € %(bedrag)s.") % {"bedrag": f"{achterstand.bedrag:.2f}".replace(".", ",")}
    if achterstand.sinds is not None:
        tekst += " " + _("Sinds %(datum)s.") % {"datum": achterstand.sinds.strftime("%d-%m-%Y")}
    return tekst


# Field names of signalen.services.valideer as the columns of the format.
_VELD = re.compile(r"(?:personen|adressen)\.[0-9]+\.(?P<veld>\w+)")
_VELDEN = {"fenomenen": "fenomeen", "indicatoren": "fenomeen", "omschrijving": "omschrijving"}


def kolom_van(veld: str) -> str:
    if match := _VELD.fullmatch(veld):
        return match.group("veld")
    return _VELDEN.get(veld, veld.split(".")[0])
