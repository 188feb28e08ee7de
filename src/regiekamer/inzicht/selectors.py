"""The figures of "regie op resultaat". One selector per figure; the dashboards, the CSV and XLSX downloads and the
API (``/api/v1/cijfers/<figuur>``) all call ``figuur``, so every number on every page is the number the API serves.

A figure is one flat table (``kolommen`` and ``rijen``) of counts and statistics: never a name, an address or a
description. Small numbers (1 to 4) are shown as "< 5" to whoever may not see personal data (``subject.inzien``);
a statistic computed from such a small number (a median, a percentage) is then left out (``None``). 0 stays 0.

Signal figures read the summary counts (``models.Telling``, kept current by the services); case figures count the
case tables directly (tens of thousands of rows, indexed). See docs/architecture.md, "Figures at scale".
"""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regiekamer.accounts import permissions
from regiekamer.core.errors import NotAllowed
from regiekamer.core.onderdrukking import ONDERDRUKT as KLEIN
from regiekamer.core.onderdrukking import is_klein, onderdrukken_voor
from regiekamer.inzicht.filters import Filters
from regiekamer.inzicht.models import ALLE, CasusFenomeen, Reeks, Telling
from regiekamer.inzicht.tellingen import lees_doorlooptijd_sleutel

STAPPEN = {
    1: gettext_lazy("Stap 1 · ontvangst en intake"),
    2: gettext_lazy("Stap 2 · zwaarte bepalen"),
    3: gettext_lazy("Stap 3 · bronnenonderzoek"),
    4: gettext_lazy("Stap 4 · signaaloverleg en aanpak"),
}


@dataclass(frozen=True)
class Kolom:
    naam: str
    titel: str
    soort: str = "aantal"  # "tekst", "aantal" (a count), "getal" (a statistic) or "percentage"
    basis: tuple[str, ...] = ()  # for a statistic: the counts it is computed from


@dataclass
class Figuur:
    naam: str
    titel: str
    omschrijving: str
    kolommen: list[Kolom]
    rijen: list[dict]
    filters: Filters
    peildatum: dt.date
    periode: bool = True  # False: a snapshot of today; the period filter does not apply
    onderdrukt: bool = False  # small numbers shown as "< 5"
    extra: dict = field(default_factory=dict)

    @property
    def telkolommen(self) -> list[Kolom]:
        return [kolom for kolom in self.kolommen if kolom.soort != "tekst"]


@dataclass(frozen=True)
class Definitie:
    naam: str
    titel: str
    omschrijving: str
    kolommen: tuple[Kolom, ...]
    bereken: Callable
    periode: bool = True


# --- Helpers -------------------------------------------------------------------------------------------------------


def _moment(day: dt.date) -> dt.datetime:
    """Local midnight at the start of ``day``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _range(filters: Filters) -> tuple[dt.datetime, dt.datetime]:
    return _moment(filters.van), _moment(filters.tot + dt.timedelta(days=1))


def _buurt_keys(filters: Filters) -> list[str]:
    if filters.buurt_ids is None:
        return [ALLE]
    return [pk.hex for pk in filters.buurt_ids]


def _fenomeen_key(filters: Filters) -> str:
    return filters.fenomeen.pk.hex if filters.fenomeen is not None else ALLE


def _cellen(gemeente, reeksen, filters: Filters, fenomeen=None, by_month=True):
    """The summary cells of ``reeksen`` for the filters' area and period. ``fenomeen``: the phenomenon key to read
    (default: the filter's, or ``*``); ``any`` reads every key, for a breakdown per phenomenon."""
    cells = Telling.objects.filter(gemeente=gemeente, reeks__in=reeksen, buurt__in=_buurt_keys(filters))
    if fenomeen != "any":
        cells = cells.filter(fenomeen=fenomeen or _fenomeen_key(filters))
    if by_month:
        cells = cells.filter(datum__gte=filters.van, datum__lte=filters.tot)
    return cells


def _fenomeen_namen(gemeente) -> dict[str, tuple[str, str]]:
    from regiekamer.signalen.models import Fenomeen

    return {
        pk.hex: (code, naam)
        for pk, code, naam in Fenomeen.objects.filter(gemeente=gemeente).values_list("pk", "code", "naam")
    }


def _casus_filter(gemeente, filters: Filters, prefix: str = "") -> Q:
    """The condition on a case (``prefix`` the path to it, e.g. ``"casus__"``) for the filters' area (the case's
    buurt) and phenomenon (a signal of it opened the case or was linked to it while open: ``CasusFenomeen``)."""
    condition = Q()
    if filters.buurt_ids is not None:
        condition &= Q(**{f"{prefix}buurt_id__in": filters.buurt_ids})
    if filters.fenomeen is not None:
        met_fenomeen = CasusFenomeen.objects.filter(gemeente=gemeente, fenomeen=filters.fenomeen).values("casus_id")
        condition &= Q(**{f"{prefix[:-2]}_id__in" if prefix else "pk__in": met_fenomeen})
    return condition


def _casussen(gemeente, filters: Filters):
    """The cases a case figure counts: of the gemeente, in the area and with the phenomenon."""
    from regiekamer.casussen.models import Casus

    return Casus.objects.filter(_casus_filter(gemeente, filters), gemeente=gemeente)


def _pct(deel: int, geheel: int):
    return round(100 * deel / geheel, 1) if geheel else None


def percentile(histogram: dict[int, int], fraction: float):
    """The nearest-rank percentile of a histogram {value: count}: the smallest value with at least ``fraction`` of
    the observations at or below it. Exact, and a whole number of working days."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, math.ceil(fraction * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None  # unreachable


def _aanpakken():
    from regiekamer.protocol.machine import Aanpak

    return list(Aanpak.choices)


# --- Signal figures (summary counts) --------------------------------------------------------------------------------


def _signalen(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    per_fenomeen = filters.fenomeen is None
    cells = _cellen(gemeente, [Reeks.ONTVANGEN, Reeks.AFGEROND], filters, fenomeen="any" if per_fenomeen else None)
    counts: dict = defaultdict(int)
    rows = cells.values_list("reeks", "datum", "fenomeen").annotate(n=Sum("aantal")).order_by()
    for reeks, datum, fenomeen, aantal in rows:
        counts[(datum, fenomeen if per_fenomeen else ALLE, reeks)] += aantal
    namen = _fenomeen_namen(gemeente)
    # Phenomena with a signal in the period (a cell can hold 0 after a correction or a destruction).
    present = sorted(
        {key[1] for key, aantal in counts.items() if key[1] != ALLE and aantal},
        key=lambda hex_: namen.get(hex_, ("", ""))[1],
    )
    rows = []
    for maand in filters.maanden:
        for fenomeen in [ALLE, *present]:
            code, naam = ("", _("Alle fenomenen")) if fenomeen == ALLE else namen.get(fenomeen, ("", "?"))
            rows.append(
                {
                    "maand": maand.strftime("%Y-%m"),
                    "fenomeen": code,
                    "fenomeen_naam": naam,
                    "ontvangen": counts[(maand, fenomeen, Reeks.ONTVANGEN)],
                    "afgerond": counts[(maand, fenomeen, Reeks.AFGEROND)],
                }
            )
    return rows


def _doorlooptijden(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    from regiekamer.protocol.services import instellingen

    histograms: dict[int, dict[int, int]] = {stap: defaultdict(int) for stap in STAPPEN}
    cells = _cellen(gemeente, [Reeks.DOORLOOPTIJD], filters).values_list("sleutel").annotate(n=Sum("aantal"))
    for sleutel, aantal in cells.order_by():
        stap, dagen = lees_doorlooptijd_sleutel(sleutel)
        if stap in histograms:
            histograms[stap][dagen] += aantal
    settings_row = instellingen(gemeente)
    rows = []
    for stap, naam in STAPPEN.items():
        histogram = histograms[stap]
        termijn = settings_row.termijn_voor_stap(stap)
        aantal = sum(histogram.values())
        op_tijd = sum(n for dagen, n in histogram.items() if dagen <= termijn)
        rows.append(
            {
                "stap": stap,
                "stap_naam": str(naam),
                "aantal": aantal,
                "mediaan": percentile(histogram, 0.5),
                "p90": percentile(histogram, 0.9),
                "termijn": termijn,
                "op_tijd": op_tijd,
                "op_tijd_pct": _pct(op_tijd, aantal),
            }
        )
    return rows


def _uitkomsten(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    from regiekamer.protocol.machine import FINAL_STATUSES, Status

    counts = dict(
        _cellen(gemeente, [Reeks.AFGEROND], filters).values_list("sleutel").annotate(n=Sum("aantal")).order_by()
    )
    rows = [
        {"uitkomst": status.value, "uitkomst_naam": str(status.label), "aantal": counts.get(status.value, 0)}
        for status in Status
        if status in FINAL_STATUSES
    ]
    rows.append({"uitkomst": "", "uitkomst_naam": _("Totaal"), "aantal": sum(counts.values())})
    return rows


def _werkvoorraad(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    """Open signals now, per step, per buurt and per phenomenon, and how many are past their deadline."""
    from regiekamer.subjects.models import Buurt

    late = Q(datum__lt=today)

    def grouped(cells, column):
        result: dict = defaultdict(lambda: [0, 0])
        rows = cells.values_list(column).annotate(n=Sum("aantal"), te_laat=Sum("aantal", filter=late))
        for key, n, te_laat in rows.order_by():
            result[key][0] += n
            result[key][1] += te_laat or 0
        return result

    rows = []
    per_stap = grouped(_cellen(gemeente, [Reeks.OPEN], filters, by_month=False), "sleutel")
    totaal = [sum(v[0] for v in per_stap.values()), sum(v[1] for v in per_stap.values())]
    rows.append(
        {"indeling": "totaal", "code": "", "naam": _("Alle open signalen"), "open": totaal[0], "te_laat": totaal[1]}
    )
    for stap, naam in STAPPEN.items():
        open_, te_laat = per_stap.get(str(stap), (0, 0))
        rows.append({"indeling": "stap", "code": str(stap), "naam": str(naam), "open": open_, "te_laat": te_laat})
    buurt_cells = Telling.objects.filter(gemeente=gemeente, reeks=Reeks.OPEN, fenomeen=_fenomeen_key(filters)).exclude(
        buurt=ALLE
    )
    if filters.buurt_ids is not None:
        buurt_cells = buurt_cells.filter(buurt__in=_buurt_keys(filters))
    per_buurt = grouped(buurt_cells, "buurt")
    buurten = {
        pk.hex: (code, naam)
        for pk, code, naam in Buurt.objects.filter(gemeente=gemeente).values_list("pk", "code", "naam")
    }
    present = [key for key, (open_, _te_laat) in per_buurt.items() if open_]
    for key in sorted(present, key=lambda hex_: (hex_ == "", buurten.get(hex_, ("", ""))[1])):
        code, naam = buurten.get(key, ("", _("Onbekende buurt")))
        open_, te_laat = per_buurt[key]
        rows.append({"indeling": "buurt", "code": code, "naam": naam, "open": open_, "te_laat": te_laat})
    fenomeen_cells = _cellen(gemeente, [Reeks.OPEN], filters, by_month=False, fenomeen="any")
    if filters.fenomeen is not None:
        fenomeen_cells = fenomeen_cells.filter(fenomeen=_fenomeen_key(filters))
    else:
        fenomeen_cells = fenomeen_cells.exclude(fenomeen=ALLE)
    per_fenomeen = grouped(fenomeen_cells, "fenomeen")
    namen = _fenomeen_namen(gemeente)
    present = [key for key, (open_, _te_laat) in per_fenomeen.items() if open_]
    for key in sorted(present, key=lambda hex_: namen.get(hex_, ("", ""))[1]):
        code, naam = namen.get(key, ("", "?"))
        open_, te_laat = per_fenomeen[key]
        rows.append({"indeling": "fenomeen", "code": code, "naam": naam, "open": open_, "te_laat": te_laat})
    return rows


# --- Case figures (direct counts) -----------------------------------------------------------------------------------


def _per_aanpak(counts: dict, fields: tuple[str, ...]) -> list[dict]:
    rows = []
    totaal = dict.fromkeys(fields, 0)
    for aanpak, label in _aanpakken():
        values = counts.get(aanpak, dict.fromkeys(fields, 0))
        rows.append({"aanpak": aanpak, "aanpak_naam": str(label), **{name: values[name] for name in fields}})
        for name in fields:
            totaal[name] += values[name]
    rows.append({"aanpak": "", "aanpak_naam": _("Totaal"), **totaal})
    return rows


def _casussen_figuur(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    start, end = _range(filters)
    rows = (
        _casussen(gemeente, filters)
        .values("aanpak")
        .annotate(
            geopend=Count("id", filter=Q(geopend_op__gte=start, geopend_op__lt=end)),
            gesloten=Count("id", filter=Q(gesloten_op__gte=start, gesloten_op__lt=end)),
            open=Count("id", filter=Q(geopend_op__lt=end) & (Q(gesloten_op__isnull=True) | Q(gesloten_op__gte=end))),
        )
        .order_by()
    )
    return _per_aanpak({row["aanpak"]: row for row in rows}, ("geopend", "gesloten", "open"))


def _interventies(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    from regiekamer.accounts.models import Organisatie
    from regiekamer.casussen.models import Interventie, InterventieSoort

    start, end = _range(filters)
    grouped = (
        Interventie.objects.filter(
            _casus_filter(gemeente, filters, "casus__"),
            gemeente=gemeente,
            aangemaakt_op__gte=start,
            aangemaakt_op__lt=end,
        )
        .values_list("soort_id", "eigenaar_organisatie_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    statussen = [status.value for status in Interventie.Status]
    soorten = {
        pk: (code, naam)
        for pk, code, naam in InterventieSoort.objects.filter(gemeente=gemeente).values_list("pk", "code", "naam")
    }
    organisaties = dict(Organisatie.objects.filter(gemeente=gemeente).values_list("pk", "naam"))
    per: dict = {}
    totaal = {"indeling": "totaal", "code": "", "naam": _("Alle interventies"), **dict.fromkeys(statussen, 0)}
    for soort_id, organisatie_id, status, n in grouped:
        code, naam = soorten.get(soort_id, (str(soort_id), "?"))
        for key, entry in (
            (("soort", code), {"indeling": "soort", "code": code, "naam": naam}),
            (
                ("organisatie", organisatie_id),
                {"indeling": "organisatie", "code": str(organisatie_id), "naam": organisaties.get(organisatie_id, "?")},
            ),
        ):
            row = per.setdefault(key, {**entry, **dict.fromkeys(statussen, 0)})
            row[status] += n
        totaal[status] += n
    rows = [totaal]
    for indeling in ("soort", "organisatie"):
        rows += sorted((row for key, row in per.items() if key[0] == indeling), key=lambda row: row["naam"])
    for row in rows:
        row["totaal"] = sum(row[status] for status in statussen)
    return rows


def _doelen(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    from regiekamer.casussen.models import Casus, Doel

    start, end = _range(filters)
    doelen = Doel.objects.filter(
        _casus_filter(gemeente, filters, "casus__"),
        gemeente=gemeente,
        casus__status=Casus.Status.GESLOTEN,
        casus__gesloten_op__gte=start,
        casus__gesloten_op__lt=end,
    ).exclude(resultaat="")
    counts: dict = {}
    for aanpak, resultaat, n in doelen.values_list("casus__aanpak", "resultaat").annotate(n=Count("id")).order_by():
        counts.setdefault(aanpak, {"behaald": 0, "deels": 0, "niet": 0})[resultaat] = n
    for values in counts.values():
        values["totaal"] = values["behaald"] + values["deels"] + values["niet"]
    rows = _per_aanpak(counts, ("behaald", "deels", "niet", "totaal"))
    for row in rows:
        row["behaald_pct"] = _pct(row["behaald"], row["totaal"])
    return rows


def _terugval(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    from regiekamer.casussen.models import Casus, CasusSignaal

    start, end = _range(filters)
    gesloten = _casussen(gemeente, filters).filter(
        status=Casus.Status.GESLOTEN, gesloten_op__gte=start, gesloten_op__lt=end
    )
    per_aanpak = dict(gesloten.values_list("aanpak").annotate(n=Count("id")).order_by())
    met_terugval, signalen = {}, {}
    relapses = (
        CasusSignaal.objects.filter(
            _casus_filter(gemeente, filters, "casus__"),
            gemeente=gemeente,
            soort=CasusSignaal.Soort.TERUGVAL,
            casus__status=Casus.Status.GESLOTEN,
            casus__gesloten_op__gte=start,
            casus__gesloten_op__lt=end,
        )
        .values_list("casus__aanpak")
        .annotate(cases=Count("casus_id", distinct=True), n=Count("id"))
        .order_by()
    )
    for aanpak, cases, n in relapses:
        met_terugval[aanpak], signalen[aanpak] = cases, n
    counts = {
        aanpak: {
            "gesloten": n,
            "met_terugval": met_terugval.get(aanpak, 0),
            "terugvalsignalen": signalen.get(aanpak, 0),
        }
        for aanpak, n in per_aanpak.items()
    }
    result = _per_aanpak(counts, ("gesloten", "met_terugval", "terugvalsignalen"))
    for row in result:
        row["terugval_pct"] = _pct(row["met_terugval"], row["gesloten"])
    return result


def _achterstand(gemeente, filters: Filters, today: dt.date) -> list[dict]:
    """Today: overdue actions per executing organisation, and stalled cases per organisation taking part."""
    from regiekamer.accounts.models import Organisatie
    from regiekamer.casussen.models import Casus, Deelnemer, Interventie
    from regiekamer.casussen.services import stalled_cutoff

    casussen = _casussen(gemeente, filters).filter(status=Casus.Status.OPEN)
    te_laat = Interventie.objects.filter(
        _casus_filter(gemeente, filters, "casus__"),
        gemeente=gemeente,
        status__in=Interventie.OPEN_STATUSES,
        deadline__lt=today,
        casus__status=Casus.Status.OPEN,
    )
    cutoff = stalled_cutoff(gemeente)
    stalled = casussen.filter(laatste_activiteit_op__lt=cutoff)
    acties = dict(te_laat.values_list("eigenaar_organisatie_id").annotate(n=Count("id")).order_by())
    stagnerend = dict(
        Deelnemer.objects.filter(
            _casus_filter(gemeente, filters, "casus__"),
            gemeente=gemeente,
            casus__status=Casus.Status.OPEN,
            casus__laatste_activiteit_op__lt=cutoff,
        )
        .values_list("organisatie_id")
        .annotate(n=Count("casus_id", distinct=True))
        .order_by()
    )
    namen = dict(Organisatie.objects.filter(gemeente=gemeente, pk__in={*acties, *stagnerend}).values_list("pk", "naam"))
    rows = [
        {
            "organisatie": "",
            "organisatie_naam": _("Alle organisaties"),
            "te_late_acties": sum(acties.values()),  # every action has one executing organisation
            "stagnerende_casussen": stalled.count(),
        }
    ]
    for pk in sorted(namen, key=lambda key: namen[key]):
        rows.append(
            {
                "organisatie": str(pk),
                "organisatie_naam": namen[pk],
                "te_late_acties": acties.get(pk, 0),
                "stagnerende_casussen": stagnerend.get(pk, 0),
            }
        )
    return rows


# --- The register ---------------------------------------------------------------------------------------------------

T = gettext_lazy

FIGUREN: dict[str, Definitie] = {
    definitie.naam: definitie
    for definitie in (
        Definitie(
            "signalen",
            T("Signalen binnen en afgerond"),
            T(
                "Per maand het aantal ontvangen signalen en het aantal signalen met een eindbesluit, in totaal en per "
                "fenomeen. Een signaal met twee fenomenen telt bij elk fenomeen en één keer in het totaal."
            ),
            (
                Kolom("maand", T("Maand"), "tekst"),
                Kolom("fenomeen", T("Fenomeen (code)"), "tekst"),
                Kolom("fenomeen_naam", T("Fenomeen"), "tekst"),
                Kolom("ontvangen", T("Ontvangen")),
                Kolom("afgerond", T("Afgerond")),
            ),
            _signalen,
        ),
        Definitie(
            "doorlooptijden",
            T("Doorlooptijd per protocolstap"),
            T(
                "Per stap de stappen die in de periode zijn afgerond: de mediaan en het 90e percentiel van de "
                "doorlooptijd in werkdagen, de ingestelde termijn en het deel dat binnen de termijn is afgerond."
            ),
            (
                Kolom("stap", T("Stap (nummer)"), "tekst"),
                Kolom("stap_naam", T("Stap"), "tekst"),
                Kolom("aantal", T("Afgerond")),
                Kolom("mediaan", T("Mediaan (werkdagen)"), "getal", ("aantal",)),
                Kolom("p90", T("90e percentiel (werkdagen)"), "getal", ("aantal",)),
                Kolom("termijn", T("Termijn (werkdagen)"), "getal"),
                Kolom("op_tijd", T("Binnen de termijn")),
                Kolom("op_tijd_pct", T("Binnen de termijn (%)"), "percentage", ("aantal", "op_tijd")),
            ),
            _doorlooptijden,
        ),
        Definitie(
            "uitkomsten",
            T("Afgeronde signalen per uitkomst"),
            T("Signalen die in de periode een eindbesluit kregen, per uitkomst."),
            (
                Kolom("uitkomst", T("Uitkomst (code)"), "tekst"),
                Kolom("uitkomst_naam", T("Uitkomst"), "tekst"),
                Kolom("aantal", T("Aantal")),
            ),
            _uitkomsten,
        ),
        Definitie(
            "werkvoorraad",
            T("Werkvoorraad"),
            T("Open signalen op dit moment, per stap, per buurt en per fenomeen, en hoeveel daarvan te laat zijn."),
            (
                Kolom("indeling", T("Indeling"), "tekst"),
                Kolom("code", T("Code"), "tekst"),
                Kolom("naam", T("Naam"), "tekst"),
                Kolom("open", T("Open")),
                Kolom("te_laat", T("Te laat")),
            ),
            _werkvoorraad,
            periode=False,
        ),
        Definitie(
            "casussen",
            T("Casussen per aanpak en status"),
            T(
                "Per aanpak de casussen die in de periode zijn geopend en gesloten, en de casussen die aan het eind "
                "van de periode open waren."
            ),
            (
                Kolom("aanpak", T("Aanpak (code)"), "tekst"),
                Kolom("aanpak_naam", T("Aanpak"), "tekst"),
                Kolom("geopend", T("Geopend")),
                Kolom("gesloten", T("Gesloten")),
                Kolom("open", T("Open aan het eind")),
            ),
            _casussen_figuur,
        ),
        Definitie(
            "interventies",
            T("Interventies per soort, uitvoerder en status"),
            T(
                "Interventies die in de periode zijn afgesproken, per soort en per uitvoerende organisatie, naar hun "
                "huidige status."
            ),
            (
                Kolom("indeling", T("Indeling"), "tekst"),
                Kolom("code", T("Code"), "tekst"),
                Kolom("naam", T("Naam"), "tekst"),
                Kolom("gepland", T("Gepland")),
                Kolom("lopend", T("Lopend")),
                Kolom("afgerond", T("Afgerond")),
                Kolom("gestopt", T("Gestopt")),
                Kolom("totaal", T("Totaal")),
            ),
            _interventies,
        ),
        Definitie(
            "doelen",
            T("Doelen behaald"),
            T("De doelen van de casussen die in de periode zijn gesloten, naar resultaat, per aanpak."),
            (
                Kolom("aanpak", T("Aanpak (code)"), "tekst"),
                Kolom("aanpak_naam", T("Aanpak"), "tekst"),
                Kolom("behaald", T("Behaald")),
                Kolom("deels", T("Deels behaald")),
                Kolom("niet", T("Niet behaald")),
                Kolom("totaal", T("Totaal")),
                Kolom("behaald_pct", T("Behaald (%)"), "percentage", ("totaal", "behaald")),
            ),
            _doelen,
        ),
        Definitie(
            "terugval",
            T("Terugval na sluiten"),
            T(
                "De casussen die in de periode zijn gesloten en hoeveel daarvan een nieuw signaal over dezelfde "
                "betrokkenen kregen binnen de terugvalperiode (mogelijke terugval)."
            ),
            (
                Kolom("aanpak", T("Aanpak (code)"), "tekst"),
                Kolom("aanpak_naam", T("Aanpak"), "tekst"),
                Kolom("gesloten", T("Gesloten")),
                Kolom("met_terugval", T("Met terugval")),
                Kolom("terugval_pct", T("Met terugval (%)"), "percentage", ("gesloten", "met_terugval")),
                Kolom("terugvalsignalen", T("Terugvalsignalen")),
            ),
            _terugval,
        ),
        Definitie(
            "achterstand",
            T("Te late acties en stagnerende casussen"),
            T(
                "Op dit moment: open acties in open casussen waarvan de deadline verstreken is, per uitvoerende "
                "organisatie, en stagnerende casussen per deelnemende organisatie."
            ),
            (
                Kolom("organisatie", T("Organisatie (id)"), "tekst"),
                Kolom("organisatie_naam", T("Organisatie"), "tekst"),
                Kolom("te_late_acties", T("Te late acties")),
                Kolom("stagnerende_casussen", T("Stagnerende casussen")),
            ),
            _achterstand,
            periode=False,
        ),
    )
}


def definitie(naam: str) -> Definitie:
    try:
        return FIGUREN[naam]
    except KeyError:
        raise Http404(_("Onbekend cijfer.")) from None


def bereken(naam: str, gemeente, filters: Filters, today: dt.date | None = None) -> list[dict]:
    """The raw rows of a figure, without suppression: for code that checks the figures (tests, the rebuild check)
    and for reports that apply their own suppression. Callers on behalf of a user use ``figuur``."""
    return definitie(naam).bereken(gemeente, filters, today or timezone.localdate())


def onderdruk(kolommen, rijen: list[dict]) -> list[dict]:
    """Small numbers (1 to 4) become "< 5"; statistics computed from a small number are left out."""
    result = []
    for rij in rijen:
        new = dict(rij)
        for kolom in kolommen:
            if kolom.soort == "aantal" and is_klein(rij[kolom.naam]):
                new[kolom.naam] = KLEIN
            elif kolom.basis and any(is_klein(rij[basis]) for basis in kolom.basis):
                new[kolom.naam] = None
        result.append(new)
    return result


def figuur(user, naam: str, filters: Filters, today: dt.date | None = None) -> Figuur:
    """A figure for ``user``: within their gemeente, with small numbers suppressed where they must be."""
    if not permissions.has_capability(user, permissions.VIEW_AGGREGATES):
        raise NotAllowed(_("U mag geen cijfers inzien."))
    spec = definitie(naam)
    today = today or timezone.localdate()
    rijen = spec.bereken(user.gemeente, filters, today)
    suppress = onderdrukken_voor(user)
    if suppress:
        rijen = onderdruk(spec.kolommen, rijen)
    return Figuur(
        naam=spec.naam,
        titel=str(spec.titel),
        omschrijving=str(spec.omschrijving),
        kolommen=list(spec.kolommen),
        rijen=rijen,
        filters=filters,
        peildatum=today,
        periode=spec.periode,
        onderdrukt=suppress,
    )
