"""The filters every figure takes: a period of whole calendar months, a buurt or a wijk, and a phenomenon.

The dashboards (query string of the filter form) and the API (query parameters) parse them here, so both accept and
refuse exactly the same values. Refusals are ``InvalidInput`` naming every invalid parameter.

- ``van`` and ``tot``: ISO dates (``2025-03-01``) or months (``2025-03``), ASCII digits only. Figures are counted
  per calendar month, so ``van`` counts from the first day of its month and ``tot`` up to the last day of its
  month; the answer states the period used. Default: the last twelve months, this month included.
- ``buurt``: a CBS buurt code (``BU`` and 8 digits) of the gemeente; ``wijk``: a CBS wijk code (``WK`` and 6
  digits): the buurten whose code starts with the wijk's (CBS codes nest: ``BU`` + gemeente + wijk + buurt).
  Not both at once.
- ``fenomeen``: the code of one of the gemeente's phenomena.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.core.errors import InvalidInput

PARAMETERS = ("van", "tot", "buurt", "wijk", "fenomeen")
MAX_MAANDEN = 120

_DATUM = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$", re.ASCII)
_BUURT = re.compile(r"^BU[0-9]{8}$", re.ASCII)
_WIJK = re.compile(r"^WK[0-9]{6}$", re.ASCII)
_FENOMEEN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$", re.ASCII)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months(van: dt.date, tot: dt.date) -> list[dt.date]:
    """The first days of the months from ``van`` to ``tot``, both included."""
    result, current = [], first_of_month(van)
    while current <= tot:
        result.append(current)
        current = add_months(current, 1)
    return result


@dataclass(frozen=True)
class Gebied:
    """The area a figure is about: the whole gemeente (``buurt_ids`` None), one buurt or one wijk."""

    soort: str = "gemeente"  # "gemeente", "buurt" or "wijk"
    code: str = ""
    naam: str = ""
    buurt_ids: tuple | None = None


@dataclass(frozen=True)
class Filters:
    van: dt.date  # the first day of a month
    tot: dt.date  # the last day of a month
    gebied: Gebied = Gebied()
    fenomeen: object = None  # a signalen.Fenomeen, or None for all

    @property
    def maanden(self) -> list[dt.date]:
        return months(self.van, self.tot)

    @property
    def buurt_ids(self):
        return self.gebied.buurt_ids

    def as_params(self) -> dict[str, str]:
        """The query parameters that give these filters again (for links and downloads)."""
        params = {"van": self.van.strftime("%Y-%m"), "tot": self.tot.strftime("%Y-%m")}
        if self.gebied.soort in ("buurt", "wijk"):
            params[self.gebied.soort] = self.gebied.code
        if self.fenomeen is not None:
            params["fenomeen"] = self.fenomeen.code
        return params

    def beschrijving(self) -> dict:
        return {
            "van": self.van.isoformat(),
            "tot": self.tot.isoformat(),
            "buurt": self.gebied.code if self.gebied.soort == "buurt" else None,
            "wijk": self.gebied.code if self.gebied.soort == "wijk" else None,
            "fenomeen": self.fenomeen.code if self.fenomeen is not None else None,
        }


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    return add_months(first_of_month(today), -11), last_of_month(today)


def gebied_voor(gemeente, buurt: str = "", wijk: str = "") -> Gebied:
    """The area for a CBS buurt or wijk code of the gemeente (the whole gemeente for neither); ``LookupError`` when
    the gemeente has no such buurt or wijk. Reusable by anything that reports per buurt, wijk or gemeente."""
    from regiekamer.subjects.models import Buurt

    if buurt:
        rows = list(Buurt.objects.filter(gemeente=gemeente, code=buurt).values_list("pk", "naam"))
        if not rows:
            raise LookupError(buurt)
        return Gebied("buurt", buurt, rows[0][1], tuple(pk for pk, _naam in rows))
    if wijk:
        rows = list(Buurt.objects.filter(gemeente=gemeente, code__startswith=f"BU{wijk[2:]}").values_list("pk", "wijk"))
        if not rows:
            raise LookupError(wijk)
        return Gebied("wijk", wijk, next((naam for _pk, naam in rows if naam), wijk), tuple(pk for pk, _n in rows))
    return Gebied()


def _parse_date(name: str, value: str, errors: list, end: bool) -> dt.date | None:
    match = _DATUM.match(value)
    day = None
    if match:
        year, month, day_of_month = match.groups()
        try:
            day = dt.date(int(year), int(month), int(day_of_month or 1))
        except ValueError:
            day = None
    if day is None:
        errors.append(
            {
                "name": name,
                "code": "ongeldige-datum",
                "reason": _("Geef een datum als JJJJ-MM-DD of een maand als JJJJ-MM."),
            }
        )
        return None
    return last_of_month(day) if end else first_of_month(day)


def parse(gemeente, params, today: dt.date | None = None, strict: bool = True) -> Filters:
    """Filters from query parameters (a mapping of str to str). ``strict``: unknown parameters are refused too
    (the API); the pages ignore them."""
    from regiekamer.signalen.models import Fenomeen

    errors: list[dict] = []
    if strict:
        for name in sorted(set(params) - set(PARAMETERS)):
            errors.append({"name": name, "code": "onbekend", "reason": _("Onbekende parameter.")})
    value = {name: (params.get(name) or "").strip() for name in PARAMETERS}
    default_van, default_tot = default_period(today)
    van = _parse_date("van", value["van"], errors, end=False) if value["van"] else default_van
    tot = _parse_date("tot", value["tot"], errors, end=True) if value["tot"] else default_tot
    if van and tot:
        if van > tot:
            errors.append({"name": "tot", "code": "ongeldig", "reason": _("De einddatum ligt vóór de begindatum.")})
        elif len(months(van, tot)) > MAX_MAANDEN:
            errors.append(
                {
                    "name": "van",
                    "code": "te-lang",
                    "reason": _("Kies een periode van hoogstens %(maanden)d maanden.") % {"maanden": MAX_MAANDEN},
                }
            )
    gebied = Gebied()
    if value["buurt"] and value["wijk"]:
        errors.append({"name": "wijk", "code": "ongeldig", "reason": _("Kies een buurt of een wijk, niet allebei.")})
    elif value["buurt"]:
        if not _BUURT.match(value["buurt"]):
            errors.append(
                {"name": "buurt", "code": "ongeldig", "reason": _("Geef een CBS-buurtcode, bijv. BU03630001.")}
            )
        else:
            try:
                gebied = gebied_voor(gemeente, buurt=value["buurt"])
            except LookupError:
                errors.append({"name": "buurt", "code": "onbekend", "reason": _("Onbekende buurt.")})
    elif value["wijk"]:
        if not _WIJK.match(value["wijk"]):
            errors.append({"name": "wijk", "code": "ongeldig", "reason": _("Geef een CBS-wijkcode, bijv. WK036300.")})
        else:
            try:
                gebied = gebied_voor(gemeente, wijk=value["wijk"])
            except LookupError:
                errors.append({"name": "wijk", "code": "onbekend", "reason": _("Onbekende wijk.")})
    fenomeen = None
    if value["fenomeen"]:
        if _FENOMEEN.match(value["fenomeen"]):
            fenomeen = Fenomeen.objects.filter(gemeente=gemeente, code=value["fenomeen"]).first()
        if fenomeen is None:
            errors.append({"name": "fenomeen", "code": "onbekend", "reason": _("Onbekend fenomeen.")})
    if errors:
        raise InvalidInput(_("Een of meer filters zijn ongeldig."), errors)
    return Filters(van=van, tot=tot, gebied=gebied, fenomeen=fenomeen)


def voor_gebied(gemeente, van: dt.date, tot: dt.date, buurt: str = "", wijk: str = "", fenomeen=None) -> Filters:
    """Filters for code that reports on one area (a buurt, a wijk or the whole gemeente) without a query string."""
    return Filters(
        van=first_of_month(van), tot=last_of_month(tot), gebied=gebied_voor(gemeente, buurt, wijk), fenomeen=fenomeen
    )
