"""Reads for the map, the area view and the hotspots. Figures are counted in the database with set-based queries
(one grouped query per figure, never a query per buurt); boundaries come from the current import.

Privacy: every function checks the capability and stays within the principal's gemeente. Counts from 1 to 4 are
shown as "< 5" (``ONDERDRUKT``) to every principal without ``subject.inzien``, and always on the area view, which is
made to be projected in a room full of partners. Addresses are only returned to principals with ``subject.inzien``.
"""

import datetime as dt
import json
import math
from collections import Counter
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, Exists, OuterRef, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.casussen.models import Casus, CasusSignaal, Interventie
from regiekamer.core.errors import NotAllowed
from regiekamer.core.onderdrukking import onderdruk
from regiekamer.gebieden import tellingen
from regiekamer.gebieden.models import (
    ALLE_FENOMENEN,
    GEEN_BUURT,
    AdresKenmerk,
    AdresTelling,
    Buurtgrens,
    Dagtelling,
    HotspotInstelling,
    Wijkgrens,
)
from regiekamer.gebieden.toewijzing import SignaalAdres, actuele_indeling
from regiekamer.inzicht import per_buurt as inzicht_per_buurt
from regiekamer.protocol.machine import FINAL_STATUSES, STEP_OF_STATUS
from regiekamer.signalen.models import Fenomeen, Signaal
from regiekamer.subjects.models import Adres, Buurt

NIVEAUS = ("buurt", "wijk")
STATUS_OPEN, STATUS_AFGEROND = "open", "afgerond"
MAX_PUNTEN = 2000
OPEN_STATUSES = sorted(STEP_OF_STATUS)
BRON_BOUNDARIES = "Kadaster / Centraal Bureau voor de Statistiek, {jaar}"


def mag_cijfers_zien(principal) -> bool:
    return permissions.has_capability(principal, permissions.VIEW_AGGREGATES)


def mag_adressen_zien(principal) -> bool:  # and so the small numbers too (core.onderdrukking)
    return permissions.has_capability(principal, permissions.VIEW_SUBJECTS)


def _vereist_cijfers(principal):
    if not mag_cijfers_zien(principal):
        raise NotAllowed(_("U mag geen cijfers per gebied inzien."))


# --- Filters ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GebiedFilter:
    """The filters of the map and ``GET /api/v1/gebieden``; validated by ``gebieden.forms.GebiedFilterForm``."""

    niveau: str = "buurt"
    van: dt.date | None = None
    tot: dt.date | None = None
    fenomeen: str = ""  # code
    stap: int | None = None  # the protocol step the signal is in, or ended in
    aanpak: str = ""  # the approach of a case the signal went to
    status: str = ""  # "open", "afgerond", or a protocol status


def standaard_periode(vandaag: dt.date | None = None) -> tuple[dt.date, dt.date]:
    vandaag = vandaag or timezone.localdate()
    return vandaag - dt.timedelta(days=364), vandaag


def _begin_van_dag(dag: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time.min))


def gefilterde_signalen(gemeente, filters: GebiedFilter):
    """The signals of the gemeente that match the filters (a queryset, not evaluated)."""
    signalen = Signaal.objects.filter(gemeente=gemeente)
    if filters.van:
        signalen = signalen.filter(ontvangen_op__gte=_begin_van_dag(filters.van))
    if filters.tot:
        signalen = signalen.filter(ontvangen_op__lt=_begin_van_dag(filters.tot + dt.timedelta(days=1)))
    if filters.fenomeen:
        # The id first: with a literal id the planner knows how selective the phenomenon is.
        fenomeen = (
            Fenomeen.objects.filter(gemeente=gemeente, code=filters.fenomeen).values_list("pk", flat=True).first()
        )
        signalen = signalen.filter(fenomenen=fenomeen) if fenomeen else signalen.none()
    if filters.stap:
        signalen = signalen.filter(stap=filters.stap)
    if filters.aanpak:
        signalen = signalen.filter(
            Exists(CasusSignaal.objects.filter(signaal_id=OuterRef("pk"), casus__aanpak=filters.aanpak))
        )
    if filters.status == STATUS_OPEN:
        # The statuses of the protocol's steps (every other status is final), named so that the index
        # signaal_status_periode serves them.
        signalen = signalen.filter(status__in=OPEN_STATUSES)
    elif filters.status == STATUS_AFGEROND:
        signalen = signalen.filter(status__in=FINAL_STATUSES)
    elif filters.status:
        signalen = signalen.filter(status=filters.status)
    return signalen


def _eerste_van_volgende_maand(dag: dt.date) -> dt.date:
    return (dag.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _fenomeen_id(gemeente, code: str):
    return Fenomeen.objects.filter(gemeente=gemeente, code=code).values_list("pk", flat=True).first()


def _direct_per_buurt(gemeente, filters: GebiedFilter) -> Counter:
    return Counter(
        dict(gefilterde_signalen(gemeente, filters).values_list("buurt_id").annotate(aantal=Count("*")).order_by())
    )


def _per_dag(gemeente, van: dt.date, tot: dt.date, fenomeen_id, per_fenomeen: bool, buurt_ids) -> Counter:
    """Signals received on the local dates ``van`` to ``tot``, from the counts per day (``Dagtelling``)."""
    cellen = Dagtelling.objects.filter(gemeente=gemeente, dag__gte=van, dag__lte=tot)
    if per_fenomeen:
        # Named one by one, so that each is a range of days in the index (gemeente, fenomeen, dag, buurt).
        cellen = cellen.filter(fenomeen__in=Fenomeen.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    else:
        cellen = cellen.filter(fenomeen=fenomeen_id or ALLE_FENOMENEN)
    if buurt_ids is not None:
        cellen = cellen.filter(buurt__in=buurt_ids)
    kolommen = ["buurt", "fenomeen"] if per_fenomeen else ["buurt"]
    result: Counter = Counter()
    for *sleutel, aantal in cellen.values_list(*kolommen).annotate(n=Sum("aantal")).order_by():
        if sleutel[0] == GEEN_BUURT:
            sleutel[0] = None
        result[tuple(sleutel) if per_fenomeen else sleutel[0]] += aantal
    return result


def tel_ontvangen(
    gemeente,
    van: dt.date | None,
    tot: dt.date | None,
    *,
    fenomeen_id=None,
    per_fenomeen: bool = False,
    buurt_ids=None,
) -> Counter:
    """Signals received on the local dates ``van`` to ``tot`` (``None``: no bound) per buurt id (``None``: without a
    buurt), or per (buurt id, phenomenon id) with ``per_fenomeen``; only those with ``fenomeen_id`` and only in
    ``buurt_ids`` if given. The whole calendar months come from the summary counts of ``regiekamer.inzicht``
    (``per_buurt.ontvangen_per_buurt``), the days before the first and after the last whole month from the counts per
    day (``Dagtelling``): a few rows per buurt, whatever the number of signals."""
    # Whole months: from ``eerste`` (a first day) up to but not including ``na`` (a first day); None: unbounded.
    eerste = van if van is None or van.day == 1 else _eerste_van_volgende_maand(van)
    na = None if tot is None else (tot + dt.timedelta(days=1)).replace(day=1)
    per_dag = {"fenomeen_id": fenomeen_id, "per_fenomeen": per_fenomeen, "buurt_ids": buurt_ids}
    if eerste is not None and na is not None and eerste >= na:
        return _per_dag(gemeente, van, tot, **per_dag)
    result = inzicht_per_buurt.ontvangen_per_buurt(
        gemeente,
        eerste,
        None if na is None else na - dt.timedelta(days=1),
        buurt_ids=buurt_ids,
        fenomeen_id=fenomeen_id,
        per_fenomeen=per_fenomeen,
    )
    if van is not None and van < eerste:
        result.update(_per_dag(gemeente, van, eerste - dt.timedelta(days=1), **per_dag))
    if tot is not None and na <= tot:
        result.update(_per_dag(gemeente, na, tot, **per_dag))
    return result


def tel_per_buurt(gemeente, filters: GebiedFilter) -> Counter:
    """Matching signals per buurt id (``None``: without a buurt): for a period and phenomenon from the summary counts
    (``tel_ontvangen``), for the decided signals less the open ones; with a step, approach or other status filter
    counted directly, in one grouped query over an index."""
    afgerond = filters.status == STATUS_AFGEROND
    if filters.stap or filters.aanpak or (filters.status and not afgerond):
        return _direct_per_buurt(gemeente, filters)
    fenomeen_id = None
    if filters.fenomeen:
        fenomeen_id = _fenomeen_id(gemeente, filters.fenomeen)
        if fenomeen_id is None:
            return Counter()
    result = tel_ontvangen(gemeente, filters.van, filters.tot, fenomeen_id=fenomeen_id)
    if afgerond:
        # Decided: all signals of the period less the open ones (few, and counted from an index).
        result.subtract(_direct_per_buurt(gemeente, replace(filters, status=STATUS_OPEN)))
    return result


# --- Signals per area ------------------------------------------------------------------------------------------


@dataclass
class Gebied:
    code: str
    naam: str
    signalen: int
    inwoners: int | None
    kaartgeometrie: str | None  # GeoJSON geometry (WGS84) as text
    buurt_ids: list = field(default_factory=list)

    @property
    def per_1000(self) -> float | None:
        if not self.inwoners:
            return None
        return round(self.signalen * 1000 / self.inwoners, 1)


@dataclass
class GebiedCijfers:
    niveau: str
    filters: GebiedFilter
    gebieden: list[Gebied]
    zonder_gebied: int  # matching signals without a buurt of the current boundaries
    jaar: int | None  # year of the boundaries, None without an import
    onderdrukt: bool  # counts 1-4 are shown as "< 5"

    @property
    def totaal(self) -> int:
        return sum(gebied.signalen for gebied in self.gebieden) + self.zonder_gebied

    @property
    def bronvermelding(self) -> str:
        return BRON_BOUNDARIES.format(jaar=self.jaar) if self.jaar else ""

    def toon(self, aantal: int):
        return onderdruk(aantal, self.onderdrukt)

    def feature_collection(self) -> dict:
        """GeoJSON (RFC 7946, WGS84) with the shown figures as properties."""
        features = []
        for gebied in self.gebieden:
            getoond = self.toon(gebied.signalen)
            features.append(
                {
                    "type": "Feature",
                    "id": gebied.code,
                    "geometry": json.loads(gebied.kaartgeometrie) if gebied.kaartgeometrie else None,
                    "properties": {
                        "code": gebied.code,
                        "naam": gebied.naam,
                        "signalen": getoond,
                        "signalen_per_1000": gebied.per_1000 if isinstance(getoond, int) else None,
                        "inwoners": gebied.inwoners,
                    },
                }
            )
        return {
            "type": "FeatureCollection",
            "features": features,
            "niveau": self.niveau,
            "van": self.filters.van.isoformat() if self.filters.van else None,
            "tot": self.filters.tot.isoformat() if self.filters.tot else None,
            "zonder_gebied": self.toon(self.zonder_gebied),
            "jaar_grenzen": self.jaar,
            "bronvermelding": self.bronvermelding,
        }


def _buurtgebieden(gemeente):
    """The current buurten with their drawing geometry: from the newest boundaries, or all buurten (without
    geometry) when no boundaries were imported. Returns (jaar, [Gebied per buurt], {buurt id: Buurt})."""
    indeling = actuele_indeling(gemeente)
    buurten = {buurt.pk: buurt for buurt in Buurt.objects.filter(gemeente=gemeente)}
    if indeling is None:
        gebieden = [Gebied(b.code, b.naam, 0, b.inwoners, None, [b.pk]) for b in buurten.values()]
        return None, sorted(gebieden, key=lambda g: g.code), buurten
    grenzen = Buurtgrens.objects.filter(indeling=indeling, buurt__isnull=False).values_list(
        "code", "naam", "buurt_id", "kaartgeometrie"
    )
    gebieden = [
        Gebied(code, naam, 0, buurten[buurt_id].inwoners, geometrie, [buurt_id])
        for code, naam, buurt_id, geometrie in grenzen
    ]
    return indeling.jaar, sorted(gebieden, key=lambda g: g.code), buurten


def _wijkgebieden(gemeente, buurtgebieden: list[Gebied], buurten: dict) -> list[Gebied]:
    indeling = actuele_indeling(gemeente)
    geometrie = {}
    if indeling is not None:
        geometrie = dict(Wijkgrens.objects.filter(indeling=indeling).values_list("code", "kaartgeometrie"))
    per_wijk: dict[str, Gebied] = {}
    for buurtgebied in buurtgebieden:
        buurt = buurten[buurtgebied.buurt_ids[0]]
        code = buurt.wijk_code or buurt.wijk or "?"
        wijk = per_wijk.setdefault(code, Gebied(code, buurt.wijk or code, 0, 0, geometrie.get(code), []))
        wijk.buurt_ids.append(buurt.pk)
        wijk.inwoners = None if wijk.inwoners is None or buurt.inwoners is None else wijk.inwoners + buurt.inwoners
    return sorted(per_wijk.values(), key=lambda g: g.code)


def signalen_per_gebied(principal, filters: GebiedFilter, log: bool = True) -> GebiedCijfers:
    """The number of matching signals per buurt or wijk of the current boundaries (``tel_per_buurt``)."""
    _vereist_cijfers(principal)
    gemeente = principal.gemeente
    jaar, gebieden, buurten = _buurtgebieden(gemeente)
    if filters.niveau == "wijk":
        gebieden = _wijkgebieden(gemeente, gebieden, buurten)
    per_buurt = tel_per_buurt(gemeente, filters)
    getoond = set()
    for gebied in gebieden:
        gebied.signalen = sum(per_buurt.get(buurt_id, 0) for buurt_id in gebied.buurt_ids)
        getoond.update(gebied.buurt_ids)
    zonder = sum(aantal for buurt_id, aantal in per_buurt.items() if buurt_id not in getoond)
    cijfers = GebiedCijfers(filters.niveau, filters, gebieden, zonder, jaar, not mag_adressen_zien(principal))
    if log:
        audit.log_lijst(principal, "gebieden.signalen-per-gebied", "buurt", getoond)
    return cijfers


@dataclass(frozen=True)
class AdresPunt:
    adres_id: object
    label: str
    latitude: float
    longitude: float
    signalen: int


def _venster_voor(gemeente, filters: GebiedFilter):
    """The gemeente's per-address window when it is exactly the filters' period and no filter other than the
    phenomenon applies; else None."""
    if filters.stap or filters.aanpak or filters.status or filters.van is None or filters.tot is None:
        return None
    venster = tellingen.actueel_venster(gemeente)
    return venster if (filters.van, filters.tot) == (venster.van, venster.tot) else None


_ADRES_VELDEN = ("straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats", "latitude", "longitude")


def _punten_per_adres(gemeente, filters: GebiedFilter, limiet: int) -> list[tuple]:
    """(address id, matching signals, address fields...) for the ``limiet`` addresses with the most matching
    signals, most first (ties by id)."""
    velden = [f"adres__{veld}" for veld in _ADRES_VELDEN]
    if _venster_voor(gemeente, filters) is not None:
        # The window's counts per address (or per address and phenomenon), read in the order of their index, with
        # the address joined for the top rows only.
        if filters.fenomeen:
            fenomeen_id = _fenomeen_id(gemeente, filters.fenomeen)
            if fenomeen_id is None:
                return []
            rijen = AdresKenmerk.objects.filter(
                gemeente=gemeente, soort=AdresKenmerk.Soort.FENOMEEN, waarde=fenomeen_id, aantal__gt=0
            ).order_by("-aantal", "adres_id")
            return list(rijen.values_list("adres_id", "aantal", *velden)[:limiet])
        rijen = AdresTelling.objects.filter(gemeente=gemeente, signalen__gt=0).order_by("-signalen", "adres_id")
        return list(rijen.values_list("adres_id", "signalen", *velden)[:limiet])
    # Any other filter: grouped on the M2M table alone (the signals come from an index); the addresses are read
    # afterwards for the top rows only.
    signalen = gefilterde_signalen(gemeente, filters).values("pk")
    aantallen = list(
        SignaalAdres.objects.filter(signaal_id__in=signalen)
        .values_list("adres_id")
        .annotate(aantal=Count("*"))
        .order_by("-aantal", "adres_id")[:limiet]
    )
    adressen = {
        pk: rest
        for pk, *rest in Adres.objects.filter(gemeente=gemeente, pk__in=[pk for pk, _ in aantallen]).values_list(
            "pk", *_ADRES_VELDEN
        )
    }
    return [(pk, aantal, *adressen[pk]) for pk, aantal in aantallen if pk in adressen]


def adressen_met_signalen(principal, filters: GebiedFilter, limiet: int = MAX_PUNTEN) -> list[AdresPunt]:
    """The addresses of the matching signals with their number of signals (most first), for the map's points;
    addresses without coordinates are left out. Only for principals with ``subject.inzien``; the addresses shown
    are logged. For the window's period (by default the last twelve months, the map's default) with at most a
    phenomenon filter, the counts come from the per-address summary (``tellingen``); otherwise they are counted
    directly."""
    if not mag_adressen_zien(principal):
        raise NotAllowed(_("U mag geen adressen inzien."))
    gemeente = principal.gemeente
    punten = []
    for adres_id, aantal, *velden in _punten_per_adres(gemeente, filters, limiet):
        # The label as Adres.__str__ writes it, from the fields alone: building 2,000 model instances costs more
        # than the query.
        adres = SimpleNamespace(**dict(zip(_ADRES_VELDEN, velden, strict=True)))
        if adres.latitude is not None and adres.longitude is not None:
            punten.append(AdresPunt(adres_id, Adres.__str__(adres), adres.latitude, adres.longitude, aantal))
    audit.log_lijst(principal, "gebieden.kaart.adressen", "adres", [punt.adres_id for punt in punten])
    return punten


# --- The area view without names -------------------------------------------------------------------------------

MAANDEN_TREND = 24


@dataclass
class GebiedRij:
    """One buurt on the area overview: counts only."""

    code: str
    naam: str
    wijk: str
    signalen: object  # shown value: int or "< 5"
    open_signalen: object
    open_casussen: object
    interventies: object


def _sinds_jaar() -> dt.datetime:
    """The start of the last twelve months (the map's default period): local midnight 364 days before today."""
    return _begin_van_dag(standaard_periode()[0])


def _tel_per(queryset, veld: str) -> dict:
    return dict(queryset.values_list(veld).annotate(aantal=Count("*")).order_by())


def gebiedsoverzicht(principal) -> tuple[list[GebiedRij], int | None]:
    """Per current buurt: signals in the last 12 months, open signals, open cases and interventions carried out in
    the last 12 months; every count suppressed below 5. Signal counts from the summary counts (``tel_ontvangen``,
    ``inzicht.per_buurt.open_per_buurt``), case counts grouped directly."""
    _vereist_cijfers(principal)
    gemeente = principal.gemeente
    jaar, gebieden, buurten = _buurtgebieden(gemeente)
    per_buurt = tel_ontvangen(gemeente, *standaard_periode())
    open_per_buurt = inzicht_per_buurt.open_per_buurt(gemeente)
    casussen = _tel_per(Casus.objects.filter(gemeente=gemeente, status=Casus.Status.OPEN), "buurt_id")
    interventies = _tel_per(
        Interventie.objects.filter(
            gemeente=gemeente, status=Interventie.Status.AFGEROND, afgerond_op__gte=_sinds_jaar()
        ),
        "casus__buurt_id",
    )
    rijen = []
    for gebied in gebieden:
        buurt_id = gebied.buurt_ids[0]
        rijen.append(
            GebiedRij(
                gebied.code,
                gebied.naam,
                buurten[buurt_id].wijk,
                onderdruk(per_buurt.get(buurt_id, 0)),
                onderdruk(open_per_buurt.get(buurt_id, 0)),
                onderdruk(casussen.get(buurt_id, 0)),
                onderdruk(interventies.get(buurt_id, 0)),
            )
        )
    audit.log_lijst(principal, "gebieden.overzicht", "buurt", [g.buurt_ids[0] for g in gebieden])
    return rijen, jaar


@dataclass
class Gebiedsbeeld:
    code: str
    naam: str
    soort: str  # "buurt" or "wijk"
    inwoners: int | None
    signalen: object
    open_signalen: object
    maanden: list[dt.date]
    trend: list[tuple[str, list]]  # (fenomeen, shown count per month), plus a total row first
    per_fenomeen: list[tuple[str, object]]  # last 12 months
    casussen_per_aanpak: list[tuple[str, object]]
    interventies: list[tuple[str, object]]  # carried out in the last 12 months, per kind
    buurten: list[tuple[str, str]] = field(default_factory=list)  # (code, naam) of a wijk's buurten


def _maanden(vandaag: dt.date, aantal: int) -> list[dt.date]:
    eerste = vandaag.replace(day=1)
    maanden = [eerste]
    while len(maanden) < aantal:
        vorige = maanden[-1] - dt.timedelta(days=1)
        maanden.append(vorige.replace(day=1))
    return list(reversed(maanden))


def gebiedsbeeld(principal, code: str) -> Gebiedsbeeld | None:
    """The area view of one buurt (BU code) or wijk (WK code) of the current boundaries, without a person, address
    or description; counts 1-4 shown as "< 5". None when the gemeente has no such area."""
    from regiekamer.protocol.machine import Aanpak

    _vereist_cijfers(principal)
    gemeente = principal.gemeente
    buurten = list(Buurt.objects.filter(gemeente=gemeente).filter(Q(code=code) | Q(wijk_code=code)).order_by("code"))
    if code.startswith("WK"):
        buurten = [b for b in buurten if b.wijk_code == code]
        soort, naam = "wijk", (buurten[0].wijk if buurten else "")
    else:
        buurten = [b for b in buurten if b.code == code]
        soort, naam = "buurt", (buurten[0].naam if buurten else "")
    if not buurten:
        return None
    ids = [b.pk for b in buurten]
    inwoners = None if any(b.inwoners is None for b in buurten) else sum(b.inwoners for b in buurten)
    maanden = _maanden(timezone.localdate(), MAANDEN_TREND)
    fenomeen_namen = dict(Fenomeen.objects.filter(gemeente=gemeente).values_list("pk", "naam"))
    # The trend per whole month, in total and per phenomenon, from the summary counts.
    totaal_per_maand: Counter = Counter()
    for (_buurt, maand), aantal in inzicht_per_buurt.ontvangen_per_buurt(
        gemeente, maanden[0], maanden[-1], buurt_ids=ids, per_maand=True
    ).items():
        totaal_per_maand[maand] += aantal
    per_maand: Counter = Counter()
    for (_buurt, fenomeen_id, maand), aantal in inzicht_per_buurt.ontvangen_per_buurt(
        gemeente, maanden[0], maanden[-1], buurt_ids=ids, per_fenomeen=True, per_maand=True
    ).items():
        per_maand[fenomeen_namen.get(fenomeen_id, "?"), maand] += aantal
    fenomenen = sorted({fenomeen for fenomeen, _ in per_maand})
    trend = [(_("Alle signalen"), [onderdruk(totaal_per_maand.get(m, 0)) for m in maanden])]
    trend += [(f, [onderdruk(per_maand.get((f, m), 0)) for m in maanden]) for f in fenomenen]
    van, tot = standaard_periode()
    recent_per_fenomeen: Counter = Counter()
    for (_buurt, fenomeen_id), aantal in tel_ontvangen(gemeente, van, tot, buurt_ids=ids, per_fenomeen=True).items():
        recent_per_fenomeen[fenomeen_id] += aantal
    per_fenomeen = sorted(
        (
            (fenomeen_namen.get(fenomeen_id, "?"), aantal)
            for fenomeen_id, aantal in recent_per_fenomeen.items()
            if aantal
        ),
        key=lambda item: (-item[1], item[0]),
    )
    casussen = _tel_per(Casus.objects.filter(gemeente=gemeente, buurt_id__in=ids, status=Casus.Status.OPEN), "aanpak")
    interventies = (
        Interventie.objects.filter(
            gemeente=gemeente,
            casus__buurt_id__in=ids,
            status=Interventie.Status.AFGEROND,
            afgerond_op__gte=_sinds_jaar(),
        )
        .values_list("soort__naam")
        .annotate(aantal=Count("*"))
        .order_by("-aantal", "soort__naam")
    )
    beeld = Gebiedsbeeld(
        code=code,
        naam=naam,
        soort=soort,
        inwoners=inwoners,
        signalen=onderdruk(sum(tel_ontvangen(gemeente, van, tot, buurt_ids=ids).values())),
        open_signalen=onderdruk(sum(inzicht_per_buurt.open_per_buurt(gemeente, buurt_ids=ids).values())),
        maanden=maanden,
        trend=trend,
        per_fenomeen=[(naam, onderdruk(aantal)) for naam, aantal in per_fenomeen],
        casussen_per_aanpak=[(a.label, onderdruk(casussen.get(a.value, 0))) for a in Aanpak],
        interventies=[(naam, onderdruk(aantal)) for naam, aantal in interventies],
        buurten=[(b.code, b.naam) for b in buurten] if soort == "wijk" else [],
    )
    audit.log_lijst(principal, "gebieden.gebiedsbeeld", "buurt", ids)
    return beeld


# --- Hotspots --------------------------------------------------------------------------------------------------

TREND_RECENT_BLOKKEN = 3
TREND_BASIS_BLOKKEN = 12
BLOK_DAGEN = 30


def instelling(gemeente) -> HotspotInstelling:
    """The gemeente's hotspot thresholds, or the defaults when none were set."""
    return HotspotInstelling.objects.filter(gemeente=gemeente).first() or HotspotInstelling(gemeente=gemeente)


@dataclass
class AdresHotspot:
    adres_id: object
    adres: str
    buurt: str
    signalen: int
    fenomenen: int
    organisaties: int
    ingeschrevenen: int | None
    redenen: list[str]


def _ingeschrevenen(gemeente, minimum: int) -> dict:
    """Persons registered per address from the BRP connector, for addresses with at least ``minimum``.

    Kept for ``HOTSPOT_BRP_CACHE_SECONDS`` (default five minutes): the answer covers every registration in the
    gemeente (hundreds of thousands in a city, a few hundred milliseconds from a local copy, longer from a remote
    BRP), while registrations change by the day."""
    from regiekamer.bronnen.registry import connector

    bulk = getattr(connector("brp"), "ingeschrevenen_per_adres", None)
    if not bulk:
        return {}
    return _bewaard(f"gebieden:ingeschrevenen:{gemeente.pk}:{minimum}", lambda: bulk(gemeente, minimum))


def _ingeschreven_buurten(gemeente, minimum: int) -> dict:
    """The buurt (id, or None) of each address of :func:`_ingeschrevenen`, kept as long as that answer: a report
    on one buurt then needs no read of those addresses."""

    def buurten():
        adressen = list(_ingeschrevenen(gemeente, minimum))
        return dict(Adres.objects.filter(gemeente=gemeente, pk__in=adressen).values_list("pk", "buurt_id"))

    return _bewaard(f"gebieden:ingeschreven-buurten:{gemeente.pk}:{minimum}", buurten)


def _bewaard(key: str, compute):
    seconds = settings.HOTSPOT_BRP_CACHE_SECONDS
    if not seconds:
        return compute()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


def adres_hotspots(principal, limiet: int = 100) -> tuple[list[AdresHotspot], HotspotInstelling]:
    """Addresses that stand out, each with its reasons: many registered persons (BRP), many signals, several
    phenomena, or signals from several organisations, within the configured period (the local dates of the
    gemeente's window: today and the days before it). ``subject.inzien`` only. The signal figures per address come
    from the window's summary (``tellingen``), so the database returns the top rows without grouping signals."""
    if not mag_adressen_zien(principal):
        raise NotAllowed(_("U mag geen adressen inzien."))
    gemeente = principal.gemeente
    regels = instelling(gemeente)
    tellingen.actueel_venster(gemeente)
    per_adres = {
        adres_id: (signalen, fenomenen, organisaties)
        for adres_id, signalen, fenomenen, organisaties in AdresTelling.objects.filter(gemeente=gemeente)
        .filter(
            Q(signalen__gte=regels.min_signalen)
            | Q(fenomenen__gte=regels.min_fenomenen)
            | Q(organisaties__gte=regels.min_organisaties)
        )
        .annotate(
            # How many of the three signal rules the address meets, so the database returns only the top rows.
            score=Case(When(signalen__gte=regels.min_signalen, then=1), default=0)
            + Case(When(fenomenen__gte=regels.min_fenomenen, then=1), default=0)
            + Case(When(organisaties__gte=regels.min_organisaties, then=1), default=0)
        )
        .order_by("-score", "-signalen", "adres_id")
        .values_list("adres_id", "signalen", "fenomenen", "organisaties")[:limiet]
    }
    ingeschreven = dict(
        sorted(_ingeschrevenen(gemeente, regels.min_ingeschrevenen).items(), key=lambda item: -item[1])[:limiet]
    )
    adressen = Adres.objects.filter(gemeente=gemeente).select_related("buurt").in_bulk([*per_adres, *ingeschreven])
    hotspots = []
    for adres_id, adres in adressen.items():
        signalen, fenomenen, organisaties = per_adres.get(adres_id, (0, 0, 0))
        personen = ingeschreven.get(adres_id)
        redenen = []
        if personen is not None and personen >= regels.min_ingeschrevenen:
            redenen.append(_("%(n)s personen ingeschreven (BRP)") % {"n": personen})
        if signalen >= regels.min_signalen:
            redenen.append(_("%(n)s signalen") % {"n": signalen})
        if fenomenen >= regels.min_fenomenen:
            redenen.append(_("%(n)s verschillende fenomenen") % {"n": fenomenen})
        if organisaties >= regels.min_organisaties:
            redenen.append(_("signalen van %(n)s organisaties") % {"n": organisaties})
        if redenen:
            buurt = adres.buurt.naam if adres.buurt_id else ""
            hotspots.append(
                AdresHotspot(adres_id, str(adres), buurt, signalen, fenomenen, organisaties, personen, redenen)
            )
    hotspots.sort(key=lambda h: (-len(h.redenen), -h.signalen, -(h.ingeschrevenen or 0), h.adres))
    hotspots = hotspots[:limiet]
    audit.log_lijst(principal, "gebieden.hotspots.adressen", "adres", [h.adres_id for h in hotspots])
    return hotspots, regels


def tel_hotspot_adressen(gemeente, buurt_ids=None) -> int:
    """How many addresses (of the given buurten, or all) are hotspots under the rules of ``adres_hotspots``; only
    the number, for reports that show no address. Read from the window's summary, like the hotspot page."""
    regels = instelling(gemeente)
    tellingen.actueel_venster(gemeente)
    signaalregels = AdresTelling.objects.filter(gemeente=gemeente).filter(
        Q(signalen__gte=regels.min_signalen)
        | Q(fenomenen__gte=regels.min_fenomenen)
        | Q(organisaties__gte=regels.min_organisaties)
    )
    if buurt_ids is not None:
        signaalregels = signaalregels.filter(adres__buurt_id__in=buurt_ids)
    adressen = set(signaalregels.values_list("adres_id", flat=True))
    if buurt_ids is None:
        adressen.update(_ingeschrevenen(gemeente, regels.min_ingeschrevenen))  # the BRP answers for the gemeente
    else:
        binnen = set(buurt_ids)
        buurten = _ingeschreven_buurten(gemeente, regels.min_ingeschrevenen)
        adressen.update(adres_id for adres_id, buurt_id in buurten.items() if buurt_id in binnen)
    return len(adressen)


@dataclass
class BuurtHotspot:
    code: str
    naam: str
    recent: int  # signals in the last 3 blocks of 30 days
    basis: int  # signals in the 12 blocks of 30 days before
    gemiddelde: float  # per block of 30 days, baseline
    sd: float
    drempel: float  # per block of 30 days
    recent_per_blok: float
    reden: str
    onderdrukt: bool = False

    @property
    def recent_getoond(self):
        return onderdruk(self.recent, self.onderdrukt)

    @property
    def basis_getoond(self):
        return onderdruk(self.basis, self.onderdrukt)


def buurt_hotspots(principal, nu: dt.datetime | None = None) -> tuple[list[BuurtHotspot], HotspotInstelling]:
    """Buurten whose signals rise clearly above their own trend. Rule: the mean per 30 days over the last 90 days
    (today and the 89 local days before) exceeds the mean of the 12 blocks of 30 days before plus ``trend_sd``
    standard deviations of those blocks, with at least ``trend_min_signalen`` signals in the last 90 days. One
    grouped query over the counts per day and buurt (``Dagtelling``) with a sum per block."""
    _vereist_cijfers(principal)
    gemeente = principal.gemeente
    regels = instelling(gemeente)
    vandaag = timezone.localdate(nu) if nu else timezone.localdate()
    # Block i covers the local dates from grenzen[i + 1] (exclusive) up to and including grenzen[i].
    blokken = TREND_RECENT_BLOKKEN + TREND_BASIS_BLOKKEN
    grenzen = [vandaag - dt.timedelta(days=BLOK_DAGEN * i) for i in range(blokken + 1)]
    sommen = {"recent": Sum("aantal", filter=Q(dag__gt=grenzen[TREND_RECENT_BLOKKEN]), default=0)}
    for i in range(TREND_BASIS_BLOKKEN):
        eind, begin = grenzen[TREND_RECENT_BLOKKEN + i], grenzen[TREND_RECENT_BLOKKEN + i + 1]
        sommen[f"b{i}"] = Sum("aantal", filter=Q(dag__gt=begin, dag__lte=eind), default=0)
    rijen = (
        Dagtelling.objects.filter(gemeente=gemeente, fenomeen=ALLE_FENOMENEN, dag__gt=grenzen[-1], dag__lte=vandaag)
        .exclude(buurt=GEEN_BUURT)
        .values("buurt")
        .annotate(**sommen)
        .order_by()
    )
    buurten = {b.pk: b for b in Buurt.objects.filter(gemeente=gemeente)}
    onderdrukken = not mag_adressen_zien(principal)
    hotspots = []
    for rij in rijen:
        basis = [rij[f"b{i}"] for i in range(TREND_BASIS_BLOKKEN)]
        gemiddelde = sum(basis) / len(basis)
        sd = math.sqrt(sum((x - gemiddelde) ** 2 for x in basis) / len(basis))
        drempel = gemiddelde + regels.trend_sd * sd
        recent_per_blok = rij["recent"] / TREND_RECENT_BLOKKEN
        buurt = buurten.get(rij["buurt"])
        if buurt is not None and rij["recent"] >= regels.trend_min_signalen and recent_per_blok > drempel:
            reden = _(
                "%(recent).1f signalen per 30 dagen in de laatste 90 dagen, tegen gemiddeld %(gem).1f "
                "(drempel %(drempel).1f) in de 12 perioden daarvoor"
            ) % {"recent": recent_per_blok, "gem": gemiddelde, "drempel": drempel}
            hotspots.append(
                BuurtHotspot(
                    buurt.code,
                    buurt.naam,
                    rij["recent"],
                    sum(basis),
                    round(gemiddelde, 1),
                    round(sd, 1),
                    round(drempel, 1),
                    round(recent_per_blok, 1),
                    reden,
                    onderdrukken,
                )
            )
    hotspots.sort(key=lambda h: (-(h.recent_per_blok - h.drempel), h.code))
    audit.log_lijst(
        principal,
        "gebieden.hotspots.buurten",
        "buurt",
        [b.pk for b in buurten.values() if b.code in {h.code for h in hotspots}],
    )
    return hotspots, regels
