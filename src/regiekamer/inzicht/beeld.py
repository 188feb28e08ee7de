"""The ondermijningsbeeld: a report per buurt, wijk or the whole gemeente for the periodic wijkscan, as an HTML page,
an HTML document and a PDF. Numbers only: no person, address, description, signal or case number, and every count
from 1 to 4 shown as "< 5" to every reader, because the report is made to be shared.

Everything comes from what the rest of the insight layer already serves, so the report agrees with the dashboards, the
figures API and the hotspot page:

- signals per month and phenomenon, lead times, cases, interventions and goals: ``inzicht.selectors.bereken`` (the
  figures of regie op resultaat, read from the summary counts ``Telling`` or from grouped counts of the case tables);
- signals per buurt for the comparison between buurten or wijken: one grouped read of the same summary counts;
- buurten above their own trend: ``gebieden.selectors.buurt_hotspots``;
- the number of hotspot addresses: one grouped count under the rules of the hotspot page
  (``gebieden.selectors.instelling``), of which only the number leaves this module.

The comparison with the municipal average is per 1,000 inhabitants when the inhabitants of the area and of the whole
gemeente are known (every buurt has them), else by share: the phenomenon's share of the area's signals against its
share of the gemeente's, and the course of the area's signals over time as an index against the gemeente's. A
statistic computed from a suppressed count (a rate, a share, a change) is left out (``None``).

The summary (``samenvatting``) is written by fixed rules from the shown numbers only, so it can never reveal a
suppressed count; the rules are listed there.
"""

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regiekamer.accounts import permissions
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.core.onderdrukking import ONDERDRUKT, is_klein, onderdruk
from regiekamer.inzicht import filters as F
from regiekamer.inzicht import grafieken_svg as svg
from regiekamer.inzicht import selectors
from regiekamer.inzicht.models import ALLE, Reeks, Telling

MAANDEN_KEUZES = (24, 36)
STANDAARD_MAANDEN = 24
MAX_MAANDEN = 36
BLOK = 3  # months per point in the charts per phenomenon
PARAMETERS = ("maanden", "van", "tot")

# The rules of the summary (see ``samenvatting``).
DREMPEL_VERHOUDING = 1.5  # "clearly above the municipal average": at least 1.5 times the municipal rate or share
DREMPEL_VERANDERING = 0.25  # a rise or fall of at least 25% against the 12 months before ...
DREMPEL_VERSCHIL = 5  # ... and of at least 5 signals
DREMPEL_OP_TIJD = 70.0  # a protocol step is slow when its median exceeds the term or less than 70% is in time

PER_1000, AANDEEL = "per-1000", "aandeel"

_GEBIED = re.compile(r"^(?:BU[0-9]{8}|WK[0-9]{6}|GM[0-9]{4})$", re.ASCII)


# --- Area and period -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    van: dt.date  # first day of a month
    tot: dt.date  # last day of a month

    @property
    def maanden(self) -> list[dt.date]:
        return F.months(self.van, self.tot)

    @property
    def jaar(self) -> tuple[dt.date, dt.date]:
        """The last twelve months of the period (the whole period when shorter)."""
        return max(self.van, F.add_months(F.first_of_month(self.tot), -11)), self.tot

    @property
    def vorig_jaar(self) -> tuple[dt.date, dt.date]:
        """The twelve months before ``jaar`` (partly or wholly before the period)."""
        begin = self.jaar[0]
        return F.add_months(begin, -12), begin - dt.timedelta(days=1)

    def as_params(self) -> dict[str, str]:
        return {"van": self.van.strftime("%Y-%m"), "tot": self.tot.strftime("%Y-%m")}


def standaard_periode(vandaag: dt.date | None = None, maanden: int = STANDAARD_MAANDEN) -> Periode:
    """The last ``maanden`` whole months before this one: a report on complete months."""
    vandaag = vandaag or timezone.localdate()
    tot = F.first_of_month(vandaag) - dt.timedelta(days=1)
    return Periode(F.add_months(F.first_of_month(tot), -(maanden - 1)), tot)


def lees_periode(params, vandaag: dt.date | None = None, strict: bool = True, andere: tuple = ()) -> Periode:
    """The period from query parameters: ``maanden`` (24 or 36: the last whole months), or ``van`` and/or ``tot`` as
    ``JJJJ-MM`` or ``JJJJ-MM-DD`` (whole months, at most 36), as the figures API reads them. Default: the last 24
    whole months. ``strict``: unknown parameters (other than ``andere``) are refused too. ``InvalidInput`` names
    every invalid parameter."""
    errors: list[dict] = []
    if strict:
        for name in sorted(set(params) - set(PARAMETERS) - set(andere)):
            errors.append({"name": name, "code": "onbekend", "reason": _("Onbekende parameter.")})
    value = {name: (params.get(name) or "").strip() for name in PARAMETERS}
    periode = None
    if value["maanden"]:
        if value["van"] or value["tot"]:
            errors.append(
                {"name": "maanden", "code": "ongeldig", "reason": _("Geef maanden of van/tot, niet allebei.")}
            )
        elif value["maanden"] not in {str(m) for m in MAANDEN_KEUZES}:
            errors.append({"name": "maanden", "code": "ongeldig", "reason": _("Kies 24 of 36 maanden.")})
        else:
            periode = standaard_periode(vandaag, int(value["maanden"]))
    else:
        standaard = standaard_periode(vandaag)
        van = F._parse_date("van", value["van"], errors, end=False) if value["van"] else None
        tot = F._parse_date("tot", value["tot"], errors, end=True) if value["tot"] else None
        if not errors:
            tot = tot or (standaard.tot if van is None else F.last_of_month(F.add_months(van, STANDAARD_MAANDEN - 1)))
            van = van or F.add_months(F.first_of_month(tot), -(STANDAARD_MAANDEN - 1))
            if van > tot:
                errors.append({"name": "tot", "code": "ongeldig", "reason": _("De einddatum ligt vóór de begindatum.")})
            elif len(F.months(van, tot)) > MAX_MAANDEN:
                errors.append(
                    {
                        "name": "van",
                        "code": "te-lang",
                        "reason": _("Kies een periode van hoogstens %(maanden)d maanden.") % {"maanden": MAX_MAANDEN},
                    }
                )
            else:
                periode = Periode(van, tot)
    if errors:
        raise InvalidInput(_("Een of meer parameters zijn ongeldig."), errors)
    return periode


def geldige_code(code: str) -> bool:
    return bool(_GEBIED.match(code or ""))


def gebied_voor(gemeente, code: str) -> F.Gebied:
    """The area for a CBS code: a buurt (BU), a wijk (WK) or the gemeente itself (GM). ``LookupError`` when the
    gemeente has no such area (also for another gemeente's code)."""
    if code.startswith("GM"):
        if code != gemeente.cbs_code:
            raise LookupError(code)
        return F.Gebied("gemeente", code, gemeente.naam, None)
    if code.startswith("BU"):
        return F.gebied_voor(gemeente, buurt=code)
    return F.gebied_voor(gemeente, wijk=code)


def gebieden_om_te_kiezen(gemeente) -> list[tuple[str, list[tuple[str, str]]]]:
    """The areas of the gemeente for a choice list: the gemeente, its wijken, its buurten (code, label)."""
    from regiekamer.subjects.models import Buurt

    buurten = list(Buurt.objects.filter(gemeente=gemeente).order_by("naam").values_list("code", "naam", "wijk"))
    wijken: dict[str, str] = {}
    for code, _naam, wijk in buurten:
        wijken.setdefault(f"WK{code[2:8]}", wijk or f"WK{code[2:8]}")
    return [
        (_("Gemeente"), [(gemeente.cbs_code, _("Gemeente %(naam)s") % {"naam": gemeente.naam})]),
        (_("Wijken"), [(code, naam) for code, naam in sorted(wijken.items(), key=lambda item: item[1])]),
        (_("Buurten"), [(code, f"{naam}{f' ({wijk})' if wijk else ''}") for code, naam, wijk in buurten]),
    ]


# --- The report ----------------------------------------------------------------------------------------------------


@dataclass
class Grafiek:
    id: str
    titel: str
    beschrijving: str  # the alternative text
    tabel: str  # id of the table with its numbers
    svg: str = ""

    @property
    def data_url(self) -> str:
        return svg.data_url(self.svg)


@dataclass
class Verlooprij:
    """One point of the course over time: a month, or a block of ``BLOK`` months."""

    label: str
    maanden: list[dt.date]
    aantal: object  # shown count
    maat: float | None  # per 1,000 inhabitants, or the index (share mode)
    gemeente_maat: float | None


@dataclass
class Fenomeenrij:
    code: str
    naam: str
    aantal: object  # last 12 months, shown
    vorig_jaar: object  # the 12 months before, shown
    verandering: float | None  # percent change, None when a count is suppressed or the previous year is 0
    maat: float | None  # per 1,000 inhabitants per year, or share of the area's signals (%)
    gemeente_aantal: object
    gemeente_maat: float | None
    verhouding: float | None  # maat / gemeente_maat
    blokken: list = field(default_factory=list)  # shown count per block of months
    blok_maten: list = field(default_factory=list)
    gemeente_blok_maten: list = field(default_factory=list)


@dataclass
class Deelgebied:
    code: str
    naam: str
    inwoners: int | None
    aantal: object  # last 12 months, shown
    maat: float | None  # per 1,000 inhabitants per year, or share of the gemeente's signals (%)
    verhouding: float | None
    boven_trend: list[str]  # names of its buurten above their own trend


@dataclass
class Ondermijningsbeeld:
    gemeente: str
    gebied: F.Gebied
    periode: Periode
    peildatum: dt.date
    vergelijking: str  # PER_1000 or AANDEEL
    inwoners: int | None
    inwoners_gemeente: int | None
    totaal: Fenomeenrij  # all signals, last 12 months, against the gemeente
    verloop: list[Verlooprij]
    per_maand: bool  # the course per month, or per block of BLOK months
    blokken: list[str]  # labels of the blocks of months
    fenomenen: list[Fenomeenrij]
    deelgebieden: list[Deelgebied]  # wijken of the gemeente, or buurten of a wijk
    deelgebied_soort: str  # "wijk", "buurt" or ""
    buurten_boven_trend: list[tuple[str, str]]  # (code, naam)
    hotspot_adressen: object  # shown count
    hotspot_periode_maanden: int
    casussen: list[dict]
    interventies: list[dict]
    doelen: list[dict]
    doorlooptijden: list[dict]
    samenvatting: list[str] = field(default_factory=list)
    grafieken: list[Grafiek] = field(default_factory=list)

    @property
    def titel(self) -> str:
        return _("Ondermijningsbeeld %(gebied)s, %(periode)s") % {
            "gebied": self.gebied.naam,
            "periode": self.periode_tekst,
        }

    @property
    def periode_tekst(self) -> str:
        return _maandbereik(self.periode.van, self.periode.tot)

    @property
    def jaar_tekst(self) -> str:
        return _maandbereik(*self.periode.jaar)

    @property
    def vorig_jaar_tekst(self) -> str:
        return _maandbereik(*self.periode.vorig_jaar)

    @property
    def met_vergelijking(self) -> bool:
        return self.gebied.soort != "gemeente"

    @property
    def soort_naam(self) -> str:
        return {"buurt": _("Buurt"), "wijk": _("Wijk"), "gemeente": _("Gemeente")}[self.gebied.soort]

    @property
    def maat_eenheid_jaar(self) -> str:
        return _("per 1.000 inwoners per jaar") if self.vergelijking == PER_1000 else _("% van de signalen")

    @property
    def bestandsnaam(self) -> str:
        return f"ondermijningsbeeld-{self.gebied.code}-{self.periode.van:%Y-%m}-{self.periode.tot:%Y-%m}"


def _maandbereik(van: dt.date, tot: dt.date) -> str:
    if (van.year, van.month) == (tot.year, tot.month):
        return date_format(van, "F Y")
    return f"{date_format(van, 'F Y')} – {date_format(tot, 'F Y')}"


def _blokken(maanden: list[dt.date]) -> list[list[dt.date]]:
    """The months in blocks of ``BLOK``, counted back from the last month (the first block may be shorter)."""
    blokken = []
    einde = len(maanden)
    while einde > 0:
        blokken.insert(0, maanden[max(0, einde - BLOK) : einde])
        einde -= BLOK
    return blokken


def _blok_label(blok: list[dt.date]) -> str:
    """ "K2 2025" for a calendar quarter, else e.g. "mrt–mei 2025" or "dec ’24–feb ’25"."""
    eerste, laatste = blok[0], blok[-1]
    if len(blok) == 3 and eerste.month in (1, 4, 7, 10):
        return f"K{(eerste.month - 1) // 3 + 1} {eerste.year}"
    if eerste == laatste:
        return date_format(eerste, "b Y")
    if eerste.year == laatste.year:
        return f"{date_format(eerste, 'b')}–{date_format(laatste, 'b Y')}"
    return f"{date_format(eerste, 'b')} ’{eerste:%y}–{date_format(laatste, 'b')} ’{laatste:%y}"


def _per_1000(aantal: int, inwoners: int | None) -> float | None:
    """Signals per 1,000 inhabitants, or None when the count is small or the inhabitants are unknown."""
    if is_klein(aantal) or not inwoners:
        return None
    return round(aantal * 1000 / inwoners, 2)


def _aandeel(deel: int, geheel: int) -> float | None:
    if is_klein(deel) or is_klein(geheel) or not geheel:
        return None
    return round(100 * deel / geheel, 1)


def _verhouding(maat: float | None, referentie: float | None) -> float | None:
    if maat is None or not referentie:
        return None
    return round(maat / referentie, 2)


def _verandering(nu: int, vorig: int) -> float | None:
    if is_klein(nu) or is_klein(vorig) or not vorig:
        return None
    return round(100 * (nu - vorig) / vorig, 1)


def _som(counts: dict, maanden) -> int:
    return sum(counts.get(maand, 0) for maand in maanden)


def _signalen(gemeente, gebied: F.Gebied, van: dt.date, tot: dt.date, vandaag) -> tuple[dict, dict]:
    """Received signals per (phenomenon code or "", month) from the ``signalen`` figure, and the phenomenon names."""
    rows = selectors.bereken("signalen", gemeente, F.Filters(van=van, tot=tot, gebied=gebied), vandaag)
    counts: dict[str, dict] = defaultdict(dict)
    namen = {}
    for row in rows:
        counts[row["fenomeen"]][dt.date.fromisoformat(f"{row['maand']}-01")] = row["ontvangen"]
        if row["fenomeen"]:
            namen[row["fenomeen"]] = row["fenomeen_naam"]
    return counts, namen


def _signalen_per_buurt(gemeente, van: dt.date, tot: dt.date) -> dict[str, int]:
    """Received signals per buurt (id hex) in the months from ``van`` to ``tot``: one grouped read of the counts."""
    return dict(
        Telling.objects.filter(gemeente=gemeente, reeks=Reeks.ONTVANGEN, fenomeen=ALLE, datum__gte=van, datum__lte=tot)
        .exclude(buurt=ALLE)
        .values_list("buurt")
        .annotate(n=Sum("aantal"))
        .order_by()
    )


def _hotspot_adressen(gemeente, buurt_ids) -> tuple[int, int]:
    """How many addresses in the area are hotspots under the rules of the hotspot page, and that period in months.
    Only the number leaves this function."""
    from regiekamer.gebieden import selectors as gebieden

    return gebieden.tel_hotspot_adressen(gemeente, buurt_ids), gebieden.instelling(gemeente).periode_maanden


def _inwoners(gemeente, gebied: F.Gebied) -> tuple[int | None, int | None, dict]:
    """Inhabitants of the area and of the gemeente (None unless every buurt has them), and the buurten by id."""
    from regiekamer.subjects.models import Buurt

    buurten = {b.pk: b for b in Buurt.objects.filter(gemeente=gemeente).only("pk", "code", "naam", "wijk", "inwoners")}

    def som(ids):
        waarden = [buurten[pk].inwoners for pk in ids if pk in buurten]
        return None if not waarden or any(w is None for w in waarden) else sum(waarden)

    gemeente_inwoners = som(list(buurten))
    area = gemeente_inwoners if gebied.buurt_ids is None else som(gebied.buurt_ids)
    return area, gemeente_inwoners, buurten


def _deelgebieden(beeld_gebied, vergelijking, per_buurt, gemeente_totaal, gemeente_maat, buurten, boven_trend):
    """The wijken of the gemeente or the buurten of a wijk, with their signals of the last 12 months."""
    groepen: dict[str, dict] = {}
    if beeld_gebied.soort == "gemeente":
        soort = "wijk"
        for buurt in buurten.values():
            code = f"WK{buurt.code[2:8]}"
            groep = groepen.setdefault(code, {"naam": buurt.wijk or code, "ids": []})
            groep["ids"].append(buurt.pk)
    elif beeld_gebied.soort == "wijk":
        soort = "buurt"
        for pk in beeld_gebied.buurt_ids:
            if pk in buurten:
                groepen[buurten[pk].code] = {"naam": buurten[pk].naam, "ids": [pk]}
    else:
        return [], ""
    rijen = []
    for code, groep in groepen.items():
        aantal = sum(per_buurt.get(pk.hex, 0) for pk in groep["ids"])
        inwoners_lijst = [buurten[pk].inwoners for pk in groep["ids"]]
        inwoners = None if any(w is None for w in inwoners_lijst) else sum(inwoners_lijst)
        maat = _per_1000(aantal, inwoners) if vergelijking == PER_1000 else _aandeel(aantal, gemeente_totaal)
        rijen.append(
            Deelgebied(
                code=code,
                naam=groep["naam"],
                inwoners=inwoners,
                aantal=onderdruk(aantal),
                maat=maat,
                verhouding=_verhouding(maat, gemeente_maat) if vergelijking == PER_1000 else None,
                boven_trend=sorted(buurten[pk].naam for pk in groep["ids"] if buurten[pk].code in boven_trend),
            )
        )
    rijen.sort(key=lambda rij: (rij.naam, rij.code))
    return rijen, soort


def _onderdrukt(naam: str, rows: list[dict]) -> list[dict]:
    return selectors.onderdruk(selectors.FIGUREN[naam].kolommen, rows)


def bereken_beeld(principal, gebied: F.Gebied, periode: Periode, vandaag: dt.date | None = None) -> Ondermijningsbeeld:
    """The report for ``gebied`` (of ``principal``'s gemeente) over ``periode``, every count suppressed below 5.
    The charts are drawn too (``Ondermijningsbeeld.grafieken``)."""
    gemeente = principal.gemeente
    vandaag = vandaag or timezone.localdate()
    maanden = periode.maanden
    jaar = F.months(*periode.jaar)
    vorig = F.months(*periode.vorig_jaar)
    begin = min(periode.van, periode.vorig_jaar[0])
    inwoners, inwoners_gemeente, buurten = _inwoners(gemeente, gebied)
    vergelijking = PER_1000 if inwoners and inwoners_gemeente else AANDEEL

    hier, namen = _signalen(gemeente, gebied, begin, periode.tot, vandaag)
    if gebied.soort == "gemeente":
        daar = hier
    else:
        daar, gemeente_namen = _signalen(gemeente, F.Gebied(), begin, periode.tot, vandaag)
        namen = {**gemeente_namen, **namen}

    # --- The course of all signals: per month, or per block of months when more than a quarter of the months
    # would show "< 5" (a small buurt), so that the chart is not mostly gaps.
    totaal_hier, totaal_daar = hier.get("", {}), daar.get("", {})
    periode_hier, periode_daar = _som(totaal_hier, maanden), _som(totaal_daar, maanden)
    blokken = _blokken(maanden)
    klein = sum(1 for maand in maanden if is_klein(totaal_hier.get(maand, 0)))
    per_maand = klein * 4 <= len(maanden)
    verloop = []
    for deel in [[maand] for maand in maanden] if per_maand else blokken:
        aantal, referentie = _som(totaal_hier, deel), _som(totaal_daar, deel)
        if vergelijking == PER_1000:
            maat, gemeente_maat = _per_1000(aantal, inwoners), _per_1000(referentie, inwoners_gemeente)
        else:  # an index: 100 is the area's (the gemeente's) average month in the period
            maat = _index(aantal, len(deel), periode_hier, len(maanden))
            gemeente_maat = _index(referentie, len(deel), periode_daar, len(maanden))
        label = date_format(deel[0], "F Y") if per_maand else _blok_label(deel)
        verloop.append(Verlooprij(label, deel, onderdruk(aantal), maat, gemeente_maat))

    # --- Per phenomenon: the last 12 months against the 12 before and against the gemeente, and per block.
    jaar_hier_totaal, jaar_daar_totaal = _som(totaal_hier, jaar), _som(totaal_daar, jaar)

    def rij(code, naam, reeks_hier, reeks_daar) -> Fenomeenrij:
        nu, voor, ref = _som(reeks_hier, jaar), _som(reeks_hier, vorig), _som(reeks_daar, jaar)
        if vergelijking == PER_1000:
            maat, gemeente_maat = _per_1000(nu, inwoners), _per_1000(ref, inwoners_gemeente)
            blok_maten = [_per_1000(_som(reeks_hier, b), inwoners) for b in blokken]
            gemeente_blok_maten = [_per_1000(_som(reeks_daar, b), inwoners_gemeente) for b in blokken]
        else:
            maat, gemeente_maat = _aandeel(nu, jaar_hier_totaal), _aandeel(ref, jaar_daar_totaal)
            if not code:  # all signals: their share of the gemeente's (no average to compare with)
                maat, gemeente_maat = _aandeel(nu, ref), None
            blok_maten = [_aandeel(_som(reeks_hier, b), _som(totaal_hier, b)) for b in blokken]
            gemeente_blok_maten = [_aandeel(_som(reeks_daar, b), _som(totaal_daar, b)) for b in blokken]
        return Fenomeenrij(
            code=code,
            naam=naam,
            aantal=onderdruk(nu),
            vorig_jaar=onderdruk(voor),
            verandering=_verandering(nu, voor),
            maat=maat,
            gemeente_aantal=onderdruk(ref),
            gemeente_maat=gemeente_maat,
            verhouding=_verhouding(maat, gemeente_maat),
            blokken=[onderdruk(_som(reeks_hier, b)) for b in blokken],
            blok_maten=blok_maten,
            gemeente_blok_maten=gemeente_blok_maten,
        )

    totaal = rij("", _("Alle signalen"), totaal_hier, totaal_daar)
    aanwezig = [code for code in hier if code and (_som(hier[code], maanden) or _som(hier[code], vorig))]
    fenomenen = [rij(code, namen.get(code, code), hier.get(code, {}), daar.get(code, {})) for code in aanwezig]
    fenomenen.sort(key=lambda r: (-_sorteerwaarde(r.aantal), r.naam))

    # --- Buurten and wijken, hotspots.
    from regiekamer.gebieden import selectors as gebieden

    trend, _regels = gebieden.buurt_hotspots(principal)
    codes = {buurt.code for pk, buurt in buurten.items() if gebied.buurt_ids is None or pk in gebied.buurt_ids}
    boven_trend = sorted(((h.code, h.naam) for h in trend if h.code in codes), key=lambda item: item[1])
    per_buurt = _signalen_per_buurt(gemeente, jaar[0], jaar[-1]) if gebied.soort != "buurt" else {}
    gemeente_jaar_maat = _per_1000(jaar_daar_totaal, inwoners_gemeente) if vergelijking == PER_1000 else None
    deelgebieden, deelgebied_soort = _deelgebieden(
        gebied, vergelijking, per_buurt, jaar_daar_totaal, gemeente_jaar_maat, buurten, {c for c, _n in boven_trend}
    )
    hotspot_adressen, hotspot_maanden = _hotspot_adressen(gemeente, gebied.buurt_ids)

    # --- Cases, interventions, goals and lead times in the period, as the figures count them.
    filters = F.Filters(van=periode.van, tot=periode.tot, gebied=gebied)

    def figuur(naam):
        return _onderdrukt(naam, selectors.bereken(naam, gemeente, filters, vandaag))

    beeld = Ondermijningsbeeld(
        gemeente=gemeente.naam,
        gebied=gebied,
        periode=periode,
        peildatum=vandaag,
        vergelijking=vergelijking,
        inwoners=inwoners,
        inwoners_gemeente=inwoners_gemeente,
        totaal=totaal,
        verloop=verloop,
        per_maand=per_maand,
        blokken=[_blok_label(blok) for blok in blokken],
        fenomenen=fenomenen,
        deelgebieden=deelgebieden,
        deelgebied_soort=deelgebied_soort,
        buurten_boven_trend=boven_trend,
        hotspot_adressen=onderdruk(hotspot_adressen),
        hotspot_periode_maanden=hotspot_maanden,
        casussen=figuur("casussen"),
        interventies=[r for r in figuur("interventies") if r["indeling"] in ("totaal", "soort")],
        doelen=figuur("doelen"),
        doorlooptijden=figuur("doorlooptijden"),
    )
    beeld.samenvatting = samenvatting(beeld)
    beeld.grafieken = grafieken(beeld)
    return beeld


def _index(aantal: int, maanden: int, totaal: int, maanden_totaal: int) -> float | None:
    """Signals per month in a part of the period as a percentage of the average month of the whole period."""
    if is_klein(aantal) or is_klein(totaal) or not totaal:
        return None
    return round(100 * (aantal / maanden) / (totaal / maanden_totaal), 1)


def _sorteerwaarde(getoond) -> int:
    return 4 if getoond == ONDERDRUKT else getoond


# --- The selector --------------------------------------------------------------------------------------------------


def ondermijningsbeeld(user, code: str, periode: Periode) -> Ondermijningsbeeld:
    """The report for the area with CBS code ``code`` in ``user``'s gemeente over ``periode`` (``lees_periode``).
    ``NotAllowed`` without ``overzicht.cijfers``; ``Http404`` for an unknown area, or another gemeente's.
    Aggregates only, so nothing is written to the processing log (as on the dashboards)."""
    if not permissions.has_capability(user, permissions.VIEW_AGGREGATES):
        raise NotAllowed(_("U mag geen cijfers inzien."))
    if not geldige_code(code):
        raise Http404(_("Onbekend gebied."))
    try:
        gebied = gebied_voor(user.gemeente, code)
    except LookupError:
        raise Http404(_("Onbekend gebied.")) from None
    return bereken_beeld(user, gebied, periode)


# --- The summary ---------------------------------------------------------------------------------------------------


def _getal(waarde, decimalen: int = 1) -> str:
    return number_format(waarde, decimal_pos=decimalen, use_l10n=True)


def _aantal_tekst(getoond) -> str:
    if getoond == ONDERDRUKT:
        return _("minder dan 5")
    return _getal(getoond, 0)


def _bovengrens(getoond) -> int:
    """The highest value a shown count can stand for ("< 5" can be 4)."""
    return 4 if getoond == ONDERDRUKT else getoond


def _ondergrens(getoond) -> int:
    return 1 if getoond == ONDERDRUKT else getoond


def _gestegen(rij: Fenomeenrij) -> bool:
    """At least 5 more signals and at least 25% more than the 12 months before, whatever a "< 5" stands for."""
    nu, vorig = _ondergrens(rij.aantal), _bovengrens(rij.vorig_jaar)
    return nu - vorig >= DREMPEL_VERSCHIL and nu >= vorig * (1 + DREMPEL_VERANDERING)


def _gedaald(rij: Fenomeenrij) -> bool:
    nu, vorig = _bovengrens(rij.aantal), _ondergrens(rij.vorig_jaar)
    return vorig - nu >= DREMPEL_VERSCHIL and nu <= vorig * (1 - DREMPEL_VERANDERING)


def _opsomming(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(eerste)s en %(laatste)s") % {"eerste": ", ".join(items[:-1]), "laatste": items[-1]}


def _in_zin(naam: str) -> str:
    """A phenomenon's name within a sentence: "Hennepteelt" becomes "hennepteelt", "RIEC-zaak" stays."""
    return naam[:1].lower() + naam[1:] if naam[1:2].islower() else naam


def _van_naar(rij: Fenomeenrij) -> str:
    return _("%(naam)s (van %(vorig)s naar %(nu)s)") % {
        "naam": _in_zin(rij.naam),
        "vorig": _aantal_tekst(rij.vorig_jaar),
        "nu": _aantal_tekst(rij.aantal),
    }


def samenvatting(beeld: Ondermijningsbeeld) -> list[str]:
    """What stands out, in a few Dutch sentences, by fixed rules on the shown numbers (never on a suppressed one):

    1. the signals of the last 12 months, per 1,000 inhabitants or as a share of the gemeente's, and whether they
       rose or fell against the 12 months before (at least 25% and at least 5 signals, counting "< 5" as whichever
       of 1 to 4 makes the change smallest);
    2. (buurt or wijk) the phenomena at least 1.5 times the municipal average, largest first;
    3. and 4. the phenomena that rose or fell by the rule of 1;
    5. the buurten above their own trend (the hotspot rule);
    6. the number of hotspot addresses;
    7. the protocol steps whose median lead time exceeds the term or of which less than 70% was decided in time
       (steps with at least 5 decisions);
    8. the cases running at the end of the period, and the share of goals achieved (at least 5 goals).
    """
    zinnen = []
    t = beeld.totaal
    gebied = beeld.gebied.naam if beeld.gebied.soort != "gemeente" else _("de gemeente")
    if t.aantal == 0:
        zin = _("In de laatste 12 maanden (%(jaar)s) kwamen er geen signalen binnen over %(gebied)s.")
    else:
        zin = _("In de laatste 12 maanden (%(jaar)s) kwamen er %(aantal)s signalen binnen over %(gebied)s")
        if beeld.vergelijking == PER_1000 and t.maat is not None:
            if beeld.met_vergelijking and t.gemeente_maat is not None:
                zin += _(": %(maat)s per 1.000 inwoners, tegen %(gemeente)s gemiddeld in de gemeente.")
            else:
                zin += _(": %(maat)s per 1.000 inwoners.")
        elif beeld.vergelijking == AANDEEL and beeld.met_vergelijking and t.maat is not None:
            zin += _(", %(aandeel)s%% van alle signalen in de gemeente.")
        else:
            zin += "."
    zin %= {
        "jaar": beeld.jaar_tekst,
        "aantal": _aantal_tekst(t.aantal),
        "gebied": gebied,
        "maat": _getal(t.maat) if t.maat is not None else "",
        "gemeente": _getal(t.gemeente_maat) if t.gemeente_maat is not None else "",
        "aandeel": _getal(t.maat) if t.maat is not None else "",
    }
    if _gestegen(t):
        zin += " " + _("Dat is een duidelijke stijging: in de 12 maanden daarvoor waren het er %(vorig)s.") % {
            "vorig": _aantal_tekst(t.vorig_jaar)
        }
    elif _gedaald(t):
        zin += " " + _("Dat is een duidelijke daling: in de 12 maanden daarvoor waren het er %(vorig)s.") % {
            "vorig": _aantal_tekst(t.vorig_jaar)
        }
    zinnen.append(zin)

    if beeld.met_vergelijking:
        boven = sorted(
            (r for r in beeld.fenomenen if r.verhouding is not None and r.verhouding >= DREMPEL_VERHOUDING),
            key=lambda r: (-r.verhouding, r.naam),
        )
        vergeleken = [r for r in beeld.fenomenen if r.verhouding is not None]
        if boven and beeld.vergelijking == PER_1000:
            delen = [
                _("%(naam)s (%(keer)s keer zo vaak)") % {"naam": _in_zin(r.naam), "keer": _getal(r.verhouding)}
                for r in boven
            ]
            zinnen.append(
                _("Per inwoner duidelijk vaker dan gemiddeld in de gemeente: %(lijst)s.") % {"lijst": _opsomming(delen)}
            )
        elif boven:
            delen = [
                _("%(naam)s (%(hier)s%% van de signalen, in de gemeente %(daar)s%%)")
                % {"naam": _in_zin(r.naam), "hier": _getal(r.maat), "daar": _getal(r.gemeente_maat)}
                for r in boven
            ]
            zinnen.append(
                _("Verhoudingsgewijs duidelijk meer signalen dan in de gemeente over %(lijst)s.")
                % {"lijst": _opsomming(delen)}
            )
        elif vergeleken:
            zinnen.append(_("Geen fenomeen komt hier duidelijk vaker voor dan gemiddeld in de gemeente."))
        elif beeld.fenomenen:
            zinnen.append(
                _("Er zijn te weinig signalen om de fenomenen met het gemeentelijk gemiddelde te vergelijken.")
            )

    gestegen = sorted((r for r in beeld.fenomenen if _gestegen(r)), key=lambda r: r.naam)
    if gestegen:
        zinnen.append(
            _("Duidelijk gestegen ten opzichte van de 12 maanden daarvoor: %(lijst)s.")
            % {"lijst": _opsomming([_van_naar(r) for r in gestegen])}
        )
    gedaald = sorted((r for r in beeld.fenomenen if _gedaald(r)), key=lambda r: r.naam)
    if gedaald:
        zinnen.append(_("Duidelijk gedaald: %(lijst)s.") % {"lijst": _opsomming([_van_naar(r) for r in gedaald])})

    if beeld.buurten_boven_trend:
        namen = [naam for _code, naam in beeld.buurten_boven_trend]
        if beeld.gebied.soort == "buurt":
            zinnen.append(_("De signalen in deze buurt liggen de laatste 90 dagen duidelijk boven de eigen trend."))
        else:
            zinnen.append(
                ngettext(
                    "De signalen in de buurt %(lijst)s liggen de laatste 90 dagen duidelijk boven de eigen trend.",
                    "De signalen in de buurten %(lijst)s liggen de laatste 90 dagen duidelijk boven hun eigen trend.",
                    len(namen),
                )
                % {"lijst": _opsomming(namen)}
            )

    if beeld.hotspot_adressen == ONDERDRUKT:
        zinnen.append(_("Minder dan 5 adressen gelden als hotspot."))
    elif beeld.hotspot_adressen:
        zinnen.append(
            ngettext(
                "%(aantal)s adres geldt als hotspot.", "%(aantal)s adressen gelden als hotspot.", beeld.hotspot_adressen
            )
            % {"aantal": _getal(beeld.hotspot_adressen, 0)}
        )

    traag = []
    for stap in beeld.doorlooptijden:
        if stap["aantal"] == ONDERDRUKT or not stap["aantal"]:
            continue
        naam = str(selectors.STAPPEN[stap["stap"]]).split("·")[-1].strip()
        if stap["mediaan"] is not None and stap["mediaan"] > stap["termijn"]:
            traag.append(
                _("%(stap)s (mediaan %(mediaan)s werkdagen, termijn %(termijn)s)")
                % {"stap": naam, "mediaan": stap["mediaan"], "termijn": stap["termijn"]}
            )
        elif stap["op_tijd_pct"] is not None and stap["op_tijd_pct"] < DREMPEL_OP_TIJD:
            traag.append(
                _("%(stap)s (%(pct)s%% binnen de termijn van %(termijn)s werkdagen)")
                % {"stap": naam, "pct": _getal(stap["op_tijd_pct"], 0), "termijn": stap["termijn"]}
            )
    if traag:
        zinnen.append(_("Protocolstappen die te lang duren: %(lijst)s.") % {"lijst": _opsomming(traag)})

    totaal_casussen = next((r for r in beeld.casussen if r["aanpak"] == ""), None)
    if totaal_casussen is not None and totaal_casussen["open"] != 0:
        zin = _("Aan het eind van de periode liepen er %(aantal)s casussen.") % {
            "aantal": _aantal_tekst(totaal_casussen["open"])
        }
        zinnen.append(zin)
    totaal_doelen = next((r for r in beeld.doelen if r["aanpak"] == ""), None)
    if totaal_doelen is not None and totaal_doelen["behaald_pct"] is not None:
        zinnen.append(
            _("Van de %(totaal)s doelen van de casussen die in de periode zijn gesloten, is %(pct)s%% behaald.")
            % {"totaal": _aantal_tekst(totaal_doelen["totaal"]), "pct": _getal(totaal_doelen["behaald_pct"], 0)}
        )
    return zinnen


# --- The charts ----------------------------------------------------------------------------------------------------

MAX_PANELEN = 9


def grafieken(beeld: Ondermijningsbeeld) -> list[Grafiek]:
    """The charts of the report (SVG), each with the id of the table that holds its numbers."""
    naam = beeld.gebied.naam
    result = []
    per_1000 = beeld.vergelijking == PER_1000
    labels = [rij.label if not beeld.per_maand else date_format(rij.maanden[0], "b Y") for rij in beeld.verloop]
    reeksen = [svg.Reeks(naam, tuple(rij.maat for rij in beeld.verloop))]
    if beeld.met_vergelijking:
        reeksen.append(
            svg.Reeks(_("Gemeente (gemiddelde)"), tuple(rij.gemeente_maat for rij in beeld.verloop), "gemeente")
        )
    per = _("per maand") if beeld.per_maand else _("per %(maanden)s maanden") % {"maanden": BLOK}
    y_titel = _("per 1.000 inwoners") if per_1000 else _("index (gemiddelde maand = 100)")
    result.append(
        Grafiek(
            "grafiek-verloop",
            _("Signalen %(per)s") % {"per": per},
            (
                _("Lijngrafiek: signalen %(per)s per 1.000 inwoners in %(gebied)s")
                if per_1000
                else _("Lijngrafiek: het verloop van de signalen %(per)s in %(gebied)s als index")
            )
            % {"per": per, "gebied": naam}
            + (_(", tegen het gemeentelijk gemiddelde.") if beeld.met_vergelijking else ".")
            + " "
            + _("De cijfers staan in de tabel ‘Signalen %(per)s’.") % {"per": per},
            "tabel-verloop",
            svg.teken(svg.lijnen(labels, reeksen, y_titel)),
        )
    )
    if beeld.fenomenen:
        panelen = []
        for rij in beeld.fenomenen[:MAX_PANELEN]:
            paneel = [svg.Reeks(naam, tuple(rij.blok_maten))]
            if beeld.met_vergelijking:
                paneel.append(svg.Reeks(_("Gemeente (gemiddelde)"), tuple(rij.gemeente_blok_maten), "gemeente"))
            panelen.append((rij.naam, paneel))
        eenheid = (
            _("per 1.000 inwoners per %(maanden)s maanden") % {"maanden": BLOK} if per_1000 else _("% van de signalen")
        )
        result.append(
            Grafiek(
                "grafiek-fenomenen",
                _("Signalen per fenomeen per %(maanden)s maanden (%(eenheid)s)")
                % {"maanden": BLOK, "eenheid": eenheid},
                _("Kleine lijngrafieken, één per fenomeen: %(eenheid)s in %(gebied)s")
                % {"eenheid": eenheid, "gebied": naam}
                + (_(", tegen het gemeentelijk gemiddelde.") if beeld.met_vergelijking else ".")
                + " "
                + _("De cijfers staan in de tabel ‘Signalen per fenomeen per periode’."),
                "tabel-fenomeen-blokken",
                svg.teken(svg.panelen(beeld.blokken, panelen, _("alleen aantallen onder de 5"))),
            )
        )
    eenheid_jaar = beeld.maat_eenheid_jaar
    if beeld.met_vergelijking and beeld.fenomenen:
        rijen = beeld.fenomenen
        result.append(
            Grafiek(
                "grafiek-vergelijking",
                _("Fenomenen in de laatste 12 maanden tegen het gemeentelijk gemiddelde (%(eenheid)s)")
                % {"eenheid": eenheid_jaar},
                _("Staafgrafiek: per fenomeen %(eenheid)s in %(gebied)s en in de gemeente.")
                % {"eenheid": eenheid_jaar, "gebied": naam}
                + " "
                + _("De cijfers staan in de tabel ‘Fenomenen in de laatste 12 maanden’."),
                "tabel-fenomenen",
                svg.teken(
                    svg.staven(
                        [r.naam for r in rijen],
                        [
                            svg.Reeks(naam, tuple(r.maat for r in rijen)),
                            svg.Reeks(_("Gemeente (gemiddelde)"), tuple(r.gemeente_maat for r in rijen), "gemeente"),
                        ],
                        eenheid_jaar,
                    )
                ),
            )
        )
    if beeld.deelgebieden:
        soort = _("wijk") if beeld.deelgebied_soort == "wijk" else _("buurt")
        eenheid = _("per 1.000 inwoners per jaar") if per_1000 else _("% van alle signalen in de gemeente")
        result.append(
            Grafiek(
                "grafiek-deelgebieden",
                _("Signalen per %(soort)s in de laatste 12 maanden (%(eenheid)s)")
                % {"soort": soort, "eenheid": eenheid},
                _("Staafgrafiek: per %(soort)s de signalen %(eenheid)s") % {"soort": soort, "eenheid": eenheid}
                + (_(", met een stippellijn voor het gemeentelijk gemiddelde.") if per_1000 else ".")
                + " "
                + _("De cijfers staan in de tabel eronder."),
                "tabel-deelgebieden",
                svg.teken(
                    svg.staven(
                        [d.naam for d in beeld.deelgebieden],
                        [svg.Reeks(_("Signalen"), tuple(d.maat for d in beeld.deelgebieden))],
                        eenheid,
                        referentie=beeld.totaal.gemeente_maat if per_1000 else None,
                    )
                ),
            )
        )
    return result
