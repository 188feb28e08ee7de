"""What the dashboards show of each figure: its tables (the source of truth, accessible) and the charts drawn from
them. Tables and charts only rearrange the rows of the figure as the selector returned them; nothing is summed or
recomputed here, so a page cannot show a number the API does not serve. A suppressed number ("< 5") stays "< 5" in
the table and is left out of the chart (``None``)."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regiekamer.inzicht.selectors import KLEIN, Figuur, Kolom


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list]  # values in the order of kolommen
    rijkop: int = 1  # how many leading columns are row headers

    @property
    def regels(self) -> list[list[tuple]]:
        """Per row: (value, kolom, is a row header) for each cell, for the template."""
        return [
            [
                (value, kolom, index < self.rijkop)
                for index, (value, kolom) in enumerate(zip(rij, self.kolommen, strict=True))
            ]
            for rij in self.rijen
        ]


@dataclass
class Grafiek:
    id: str
    titel: str
    tabel: str  # id of the table that holds its numbers
    data: dict = field(default_factory=dict)  # for static/inzicht/dashboards.js: soort, labels, reeksen, ...


@dataclass
class Weergave:
    figuur: Figuur
    tabellen: list[Tabel]
    grafieken: list[Grafiek]


def _chart_value(value):
    return None if value == KLEIN else value


def _tabel(figuur: Figuur, suffix: str, titel: str, namen: list[str], rijen: list[dict], rijkop: int = 1) -> Tabel:
    kolommen = {kolom.naam: kolom for kolom in figuur.kolommen}
    return Tabel(
        id=f"tabel-{figuur.naam}-{suffix}",
        titel=titel,
        kolommen=[kolommen[naam] for naam in namen],
        rijen=[[rij[naam] for naam in namen] for rij in rijen],
        rijkop=rijkop,
    )


def _grafiek(tabel: Tabel, soort: str, labels, reeksen, titel=None, **extra) -> Grafiek:
    data = {
        "soort": soort,
        "labels": [str(label) for label in labels],
        "reeksen": [{"label": str(label), "data": [_chart_value(v) for v in values]} for label, values in reeksen],
        **extra,
    }
    return Grafiek(id=tabel.id.replace("tabel-", "grafiek-"), titel=titel or tabel.titel, tabel=tabel.id, data=data)


def _columns_chart(figuur, tabel, rijen, label_key, value_keys, soort="bar", **extra):
    kolommen = {kolom.naam: kolom for kolom in figuur.kolommen}
    return _grafiek(
        tabel,
        soort,
        [rij[label_key] for rij in rijen],
        [(kolommen[key].titel, [rij[key] for rij in rijen]) for key in value_keys],
        **extra,
    )


def _maand_naam(maand: str) -> str:
    """ "2025-03" as "maart 2025"."""
    return date_format(dt.date.fromisoformat(f"{maand}-01"), "F Y")


def _signalen(figuur: Figuur) -> Weergave:
    totals = [{**rij, "maand": _maand_naam(rij["maand"])} for rij in figuur.rijen if rij["fenomeen"] == ""]
    tabel = _tabel(figuur, "totaal", _("Signalen per maand"), ["maand", "ontvangen", "afgerond"], totals)
    tabellen = [tabel]
    grafieken = [_columns_chart(figuur, tabel, totals, "maand", ["ontvangen", "afgerond"], soort="line")]
    namen = list(dict.fromkeys(rij["fenomeen_naam"] for rij in figuur.rijen if rij["fenomeen"]))
    if namen:
        per_maand: dict = {}
        for rij in figuur.rijen:
            if rij["fenomeen"]:
                per_maand.setdefault(_maand_naam(rij["maand"]), {})[rij["fenomeen_naam"]] = rij["ontvangen"]
        kolommen = [Kolom("maand", _("Maand"), "tekst")] + [Kolom(f"f{i}", naam) for i, naam in enumerate(namen)]
        rijen = [[maand] + [waarden.get(naam, 0) for naam in namen] for maand, waarden in per_maand.items()]
        pivot = Tabel(f"tabel-{figuur.naam}-fenomeen", _("Ontvangen signalen per maand en fenomeen"), kolommen, rijen)
        tabellen.append(pivot)
        grafieken.append(
            _grafiek(
                pivot,
                "bar",
                [rij[0] for rij in rijen],
                [(naam, [rij[i + 1] for rij in rijen]) for i, naam in enumerate(namen)],
                gestapeld=True,
            )
        )
    return Weergave(figuur, tabellen, grafieken)


def _doorlooptijden(figuur: Figuur) -> Weergave:
    namen = ["stap_naam", "aantal", "mediaan", "p90", "termijn", "op_tijd", "op_tijd_pct"]
    tabel = _tabel(figuur, "stappen", figuur.titel, namen, figuur.rijen)
    grafiek = _columns_chart(figuur, tabel, figuur.rijen, "stap_naam", ["mediaan", "p90", "termijn"], lijn=[2])
    return Weergave(figuur, [tabel], [grafiek])


def _simple(code_key: str, value_keys: list[str], namen: list[str], **extra):
    """One table with every row; a chart of ``value_keys`` without the total row (``code_key`` empty)."""
    label_key = namen[0]

    def weergave(figuur: Figuur) -> Weergave:
        tabel = _tabel(figuur, "tabel", figuur.titel, namen, figuur.rijen)
        rijen = [rij for rij in figuur.rijen if rij[code_key] != ""]
        return Weergave(figuur, [tabel], [_columns_chart(figuur, tabel, rijen, label_key, value_keys, **extra)])

    return weergave


def _per_indeling(indelingen: list[tuple[str, str]], value_keys: list[str], chart_indeling: str, **extra):
    def weergave(figuur: Figuur) -> Weergave:
        tabellen, grafieken = [], []
        for indeling, titel in indelingen:
            rijen = [rij for rij in figuur.rijen if rij["indeling"] == indeling]
            if not rijen:
                continue
            tabel = _tabel(figuur, indeling, titel, ["naam", *value_keys], rijen)
            tabellen.append(tabel)
            if indeling == chart_indeling:
                chart_keys = [key for key in value_keys if key != "totaal"]
                grafieken.append(_columns_chart(figuur, tabel, rijen, "naam", chart_keys, **extra))
        return Weergave(figuur, tabellen, grafieken)

    return weergave


WEERGAVEN = {
    "signalen": _signalen,
    "doorlooptijden": _doorlooptijden,
    "uitkomsten": _simple("uitkomst", ["aantal"], ["uitkomst_naam", "aantal"], liggend=True),
    "werkvoorraad": _per_indeling(
        [
            ("totaal", _("Totaal")),
            ("stap", _("Open signalen per stap")),
            ("buurt", _("Open signalen per buurt")),
            ("fenomeen", _("Open signalen per fenomeen")),
        ],
        ["open", "te_laat"],
        "stap",
    ),
    "casussen": _simple("aanpak", ["geopend", "gesloten", "open"], ["aanpak_naam", "geopend", "gesloten", "open"]),
    "interventies": _per_indeling(
        [
            ("totaal", _("Alle interventies")),
            ("soort", _("Interventies per soort")),
            ("organisatie", _("Interventies per uitvoerende organisatie")),
        ],
        ["gepland", "lopend", "afgerond", "gestopt", "totaal"],
        "soort",
        gestapeld=True,
        liggend=True,
    ),
    "doelen": _simple(
        "aanpak",
        ["behaald", "deels", "niet"],
        ["aanpak_naam", "behaald", "deels", "niet", "totaal", "behaald_pct"],
        gestapeld=True,
    ),
    "terugval": _simple(
        "aanpak",
        ["gesloten", "met_terugval"],
        ["aanpak_naam", "gesloten", "met_terugval", "terugval_pct", "terugvalsignalen"],
    ),
    "achterstand": _simple(
        "organisatie",
        ["te_late_acties", "stagnerende_casussen"],
        ["organisatie_naam", "te_late_acties", "stagnerende_casussen"],
        liggend=True,
    ),
}


def weergave(figuur: Figuur) -> Weergave:
    return WEERGAVEN[figuur.naam](figuur)
