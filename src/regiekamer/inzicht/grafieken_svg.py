"""Charts as SVG, drawn on the server with matplotlib's SVG backend, for the ondermijningsbeeld (the HTML page, the
API's HTML document and the PDF all embed the same SVG as a ``data:`` URL, so the CSP stays as it is and WeasyPrint
reads nothing from disk or network).

Only numbers go in: labels of months, phenomena, approaches and areas, and values that are already suppressed
(``None`` is drawn as a gap, never as 0). The figures in a chart are always also in a table next to it.

Drawing is the slow part of the report (matplotlib builds every tick and text as an object: tens of milliseconds per
chart, a few hundred for a grid of panels), so each SVG is kept in a small in-process cache keyed by everything that
goes into it. The key is the content itself, so a cached chart is never stale: other numbers are another chart.
"""

import base64
import io
import json
import math
import textwrap
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass

# Colours with a contrast of at least 3:1 on white; the series also differ in line style and marker, not in colour
# alone.
KLEUR_GEBIED = "#24578f"
KLEUR_GEMEENTE = "#5c5c5c"
KLEUR_AS = "#4c4c4c"
LETTERTYPE = "DejaVu Sans"  # ships with matplotlib; the SVG names it, so browsers and WeasyPrint use it or a sans
BREEDTE = 7.2  # inches: the text width of an A4 page with 18 mm margins, about

_CACHE_GROOTTE = 256
_cache: OrderedDict[str, str] = OrderedDict()
_cache_lock = threading.Lock()
_matplotlib_lock = threading.Lock()


@dataclass(frozen=True)
class Reeks:
    label: str
    waarden: tuple  # float or None per label
    soort: str = "gebied"  # "gebied" (solid, filled markers) or "gemeente" (dashed, the reference)


def _rc() -> dict:
    return {
        "svg.fonttype": "none",  # text stays text: small, selectable, and no glyphs to draw
        "svg.hashsalt": "regiekamer",  # fixed ids: the same numbers give the same SVG (and the same cache key)
        "font.family": "sans-serif",
        "font.sans-serif": [LETTERTYPE, "Liberation Sans", "Arial"],
        "font.size": 8,
        "axes.edgecolor": KLEUR_AS,
        "axes.labelcolor": KLEUR_AS,
        "xtick.color": KLEUR_AS,
        "ytick.color": KLEUR_AS,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "path.simplify": True,
    }


def _figure(hoogte: float):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(BREEDTE, hoogte))
    FigureCanvasSVG(figure)
    return figure


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _waarden(reeks) -> list[float]:
    return [math.nan if waarde is None else float(waarde) for waarde in reeks["waarden"]]


def _stijl(soort: str) -> dict:
    if soort == "gemeente":
        return {"color": KLEUR_GEMEENTE, "linestyle": (0, (4, 2)), "linewidth": 1.3, "marker": None}
    return {"color": KLEUR_GEBIED, "linestyle": "-", "linewidth": 1.8, "marker": "o", "markersize": 2.5}


def _labels_om_de(labels: list[str], maximum: int) -> list[int]:
    """Positions of at most ``maximum`` tick labels, evenly spread and always with the last one."""
    if len(labels) <= maximum:
        return list(range(len(labels)))
    stap = math.ceil(len(labels) / maximum)
    posities = list(range(len(labels) - 1, -1, -stap))
    return sorted(posities)


def _x_labels(as_, labels: list[str], posities: list[int]):
    """Tick labels at ``posities``; the first aligned left and the last right, so neither runs off its panel."""
    as_.set_xticks(posities, [labels[i] for i in posities])
    ticks = as_.get_xticklabels()
    if len(ticks) > 1:
        ticks[0].set_horizontalalignment("left")
        ticks[-1].set_horizontalalignment("right")


def _y_as(as_, maximum_ticks: int = 4):
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    as_.yaxis.set_major_locator(MaxNLocator(maximum_ticks, min_n_ticks=2))
    as_.yaxis.set_major_formatter(FuncFormatter(_getal))
    as_.set_ylim(bottom=0)
    as_.grid(axis="y", color="#d9d9d9", linewidth=0.6)
    as_.set_axisbelow(True)


def _getal(waarde, _positie=None) -> str:
    """A tick value the Dutch way: a decimal comma, no trailing zeros."""
    tekst = f"{waarde:.2f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def _teken_lijnen(spec: dict) -> str:
    labels, reeksen = spec["labels"], spec["reeksen"]
    figure = _figure(spec.get("hoogte", 2.6))
    as_ = figure.add_subplot()
    figure.subplots_adjust(left=0.08, right=0.98, top=0.88, bottom=0.14)
    x = list(range(len(labels)))
    for reeks in reeksen:
        as_.plot(x, _waarden(reeks), label=reeks["label"], **_stijl(reeks["soort"]))
    _x_labels(as_, labels, _labels_om_de(labels, 7))
    as_.set_xlim(-0.5, len(labels) - 0.5)
    _y_as(as_)
    as_.set_ylabel(spec["y_titel"])
    as_.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(reeksen), borderaxespad=0.2)
    return _svg(figure)


def _teken_panelen(spec: dict) -> str:
    labels, panelen = spec["labels"], spec["panelen"]
    kolommen = 3
    rijen = max(1, math.ceil(len(panelen) / kolommen))
    kop, voet, per_rij = 0.55, 0.3, 1.55
    hoogte = kop + voet + per_rij * rijen
    figure = _figure(hoogte)
    assen = figure.subplots(rijen, kolommen, squeeze=False, sharex=True)
    figure.subplots_adjust(left=0.06, right=0.98, top=1 - kop / hoogte, bottom=voet / hoogte, hspace=0.6, wspace=0.25)
    x = list(range(len(labels)))
    posities = [0, len(labels) - 1] if len(labels) > 1 else [0]
    for index, as_ in enumerate(assen.flat):
        if index >= len(panelen):
            as_.set_visible(False)
            continue
        paneel = panelen[index]
        for reeks in paneel["reeksen"]:
            as_.plot(x, _waarden(reeks), label=reeks["label"], **_stijl(reeks["soort"]))
        if paneel["reeksen"] and all(waarde is None for waarde in paneel["reeksen"][0]["waarden"]):
            as_.text(0.5, 0.5, spec["leeg"], transform=as_.transAxes, ha="center", va="center", color=KLEUR_AS)
        as_.set_title(textwrap.shorten(paneel["titel"], 38, placeholder="…"), fontsize=8, loc="left", pad=3)
        _y_as(as_, 3)
        as_.tick_params(labelsize=7)
        _x_labels(as_, labels, posities)
        as_.set_xlim(-0.3, len(labels) - 0.7)
    handles, namen = assen.flat[0].get_legend_handles_labels()
    if handles:
        figure.legend(handles, namen, loc="upper left", bbox_to_anchor=(0.05, 1.0), ncol=len(handles))
    return _svg(figure)


def _teken_staven(spec: dict) -> str:
    reeksen = spec["reeksen"]
    categorieen = [textwrap.fill(naam, 26, max_lines=2, placeholder="…") for naam in spec["categorieen"]]
    regels = max((len(naam.splitlines()) for naam in categorieen), default=1)
    hoogte = 0.8 + (0.22 + 0.12 * regels) * len(categorieen) * max(1, len(reeksen)) ** 0.5
    breedste = max((len(regel) for naam in categorieen for regel in naam.splitlines()), default=10)
    figure = _figure(hoogte)
    as_ = figure.add_subplot()
    figure.subplots_adjust(
        left=min(0.4, (0.25 + 0.062 * breedste) / BREEDTE), right=0.97, top=1 - 0.4 / hoogte, bottom=0.45 / hoogte
    )
    dikte = 0.8 / max(1, len(reeksen))
    y = list(range(len(categorieen)))
    for index, reeks in enumerate(reeksen):
        verschuiving = index * dikte - (len(reeksen) - 1) / 2 * dikte  # the first series on top (y is inverted)
        waarden = _waarden(reeks)
        kleur = KLEUR_GEMEENTE if reeks["soort"] == "gemeente" else KLEUR_GEBIED
        as_.barh(
            [positie + verschuiving for positie in y],
            [0 if math.isnan(waarde) else waarde for waarde in waarden],
            height=dikte * 0.92,
            color=kleur,
            hatch="////" if reeks["soort"] == "gemeente" else None,
            edgecolor="white" if reeks["soort"] == "gemeente" else kleur,
            linewidth=0,
            label=reeks["label"],
        )
    if spec.get("referentie") is not None:
        as_.axvline(spec["referentie"], color=KLEUR_GEMEENTE, linestyle=(0, (4, 2)), linewidth=1.2)
    as_.set_yticks(y, categorieen)
    as_.invert_yaxis()
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    as_.xaxis.set_major_locator(MaxNLocator(5))
    as_.xaxis.set_major_formatter(FuncFormatter(_getal))
    as_.grid(axis="x", color="#d9d9d9", linewidth=0.6)
    as_.set_axisbelow(True)
    as_.set_xlabel(spec["x_titel"])
    if len(reeksen) > 1:
        as_.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(reeksen), borderaxespad=0.2)
    return _svg(figure)


TEKENAARS = {"lijnen": _teken_lijnen, "panelen": _teken_panelen, "staven": _teken_staven}


def teken(spec: dict) -> str:
    """The SVG of a chart spec (``soort`` one of ``TEKENAARS``); from the cache when drawn before."""
    from django.utils.translation import get_language

    sleutel = json.dumps({"taal": get_language(), **spec}, sort_keys=True, default=str)
    with _cache_lock:
        if sleutel in _cache:
            _cache.move_to_end(sleutel)
            return _cache[sleutel]
    import matplotlib

    # matplotlib's settings are global: one chart at a time, each under the same fixed settings.
    with _matplotlib_lock, matplotlib.rc_context(_rc()):
        svg = TEKENAARS[spec["soort"]](spec)
    with _cache_lock:
        _cache[sleutel] = svg
        while len(_cache) > _CACHE_GROOTTE:
            _cache.popitem(last=False)
    return svg


def data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def lijnen(labels, reeksen: list[Reeks], y_titel: str) -> dict:
    return {"soort": "lijnen", "labels": list(labels), "reeksen": [asdict(r) for r in reeksen], "y_titel": y_titel}


def panelen(labels, panelen_: list[tuple[str, list[Reeks]]], leeg: str = "") -> dict:
    """Small multiples; ``leeg`` is written in a panel whose first series has no value at all."""
    return {
        "soort": "panelen",
        "leeg": leeg,
        "labels": list(labels),
        "panelen": [{"titel": titel, "reeksen": [asdict(r) for r in reeksen]} for titel, reeksen in panelen_],
    }


def staven(categorieen, reeksen: list[Reeks], x_titel: str, referentie: float | None = None) -> dict:
    return {
        "soort": "staven",
        "categorieen": list(categorieen),
        "reeksen": [asdict(r) for r in reeksen],
        "x_titel": x_titel,
        "referentie": referentie,
    }
