"""Pseudonymised reads for pattern analysis. No names, BSNs, birth dates, addresses or free text leave here:
every row holds pseudonyms, the buurt, phenomena, indicators, the month, the status and the kind of reporting
organisation. Persons whose processing is restricted (art. 18 AVG) are left out. The number of queries does not
depend on the number of rows."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from regiekamer.analyse.pseudonyms import pseudonym
from regiekamer.casussen.models import Betrokkene, Casus, CasusSignaal
from regiekamer.inzage.beperking import exclude_restricted, restricted_ids
from regiekamer.signalen.models import Fenomeen, Indicator, Signaal
from regiekamer.subjects.models import Adres, Buurt, Persoon, Rechtspersoon

MAX_SUBJECTS_PER_SIGNAL = 50  # a co-occurrence of more is noise, and would grow quadratically


@dataclass
class AnalyseFilter:
    buurt: str = ""  # id
    fenomeen: str = ""  # code
    van: dt.date | None = None  # first day of a month
    tot: dt.date | None = None  # last day of a month (inclusive)


@dataclass
class Rij:
    pseudoniem: str
    maand: str
    buurt: str
    fenomenen: list[str]
    indicatoren: list[str]
    status: str
    melder_soort: str = ""
    aanpak: str = ""
    personen: list[str] = field(default_factory=list)
    adressen: list[str] = field(default_factory=list)
    ondernemingen: list[str] = field(default_factory=list)
    signalen: list[str] = field(default_factory=list)


def _subjects_only(model):
    return model.objects.only("id", "gemeente_id")


def signalen(gemeente, filters: AnalyseFilter | None = None):
    filters = filters or AnalyseFilter()
    queryset = (
        Signaal.objects.filter(gemeente=gemeente)
        .select_related("buurt", "melder_organisatie")
        .only("id", "gemeente_id", "ontvangen_op", "status", "buurt__naam", "melder_organisatie__soort")
        .prefetch_related(
            Prefetch("fenomenen", queryset=Fenomeen.objects.only("id", "naam")),
            Prefetch("indicatoren", queryset=Indicator.objects.only("id", "omschrijving")),
            Prefetch("personen", queryset=exclude_restricted(_subjects_only(Persoon))),
            Prefetch("adressen", queryset=_subjects_only(Adres)),
            Prefetch("rechtspersonen", queryset=_subjects_only(Rechtspersoon)),
        )
    )
    if filters.buurt:
        queryset = queryset.filter(buurt_id=filters.buurt)
    if filters.fenomeen:
        queryset = queryset.filter(
            Exists(_links_to_fenomeen(gemeente, filters.fenomeen).filter(signaal=OuterRef("pk")))
        )
    if filters.van:
        queryset = queryset.filter(ontvangen_op__gte=_day_start(filters.van))
    if filters.tot:
        queryset = queryset.filter(ontvangen_op__lt=_day_start(filters.tot + dt.timedelta(days=1)))
    # Each filter is a condition on the signal or an EXISTS, never a join: no DISTINCT, and the newest signals are
    # read in index order (gemeente, ontvangen_op).
    return queryset.order_by("-ontvangen_op", "id")


def aantal_signalen(gemeente, filters: AnalyseFilter | None = None) -> int:
    """The number of rows of ``signalen(gemeente, filters)``. Filtered on a phenomenon only, that is the number of
    the phenomenon's links to signals, read from the link table's index (intake links a signal only to phenomena of
    its own gemeente, see signalen.selectors.werkvoorraad_aantal)."""
    filters = filters or AnalyseFilter()
    if filters.fenomeen and filters == AnalyseFilter(fenomeen=filters.fenomeen):
        return _links_to_fenomeen(gemeente, filters.fenomeen).count()
    return signalen(gemeente, filters).count()


def _links_to_fenomeen(gemeente, code: str):
    """The signal links of the gemeente's phenomenon ``code``, its id given as a value so that PostgreSQL's
    statistics see how common it is."""
    ids = list(Fenomeen.objects.filter(gemeente=gemeente, code=code).values_list("pk", flat=True))
    return Signaal.fenomenen.through.objects.filter(fenomeen__in=ids)


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the current time zone: ``moment >= _day_start(day)`` holds exactly when
    the local date of ``moment`` is ``day`` or later, and unlike ``moment__date`` it can be read from an index."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def signaal_rij(signaal) -> Rij:
    g = signaal.gemeente_id
    return Rij(
        pseudoniem=pseudonym(g, "signaal", signaal.pk),
        maand=f"{timezone.localtime(signaal.ontvangen_op):%Y-%m}",
        buurt=signaal.buurt.naam if signaal.buurt_id else "",
        fenomenen=[f.naam for f in signaal.fenomenen.all()],
        indicatoren=[i.omschrijving for i in signaal.indicatoren.all()],
        status=signaal.get_status_display(),
        melder_soort=signaal.melder_organisatie.get_soort_display(),
        personen=[pseudonym(g, "persoon", p.pk) for p in signaal.personen.all()],
        adressen=[pseudonym(g, "adres", a.pk) for a in signaal.adressen.all()],
        ondernemingen=[pseudonym(g, "rechtspersoon", r.pk) for r in signaal.rechtspersonen.all()],
    )


def casussen(gemeente, filters: AnalyseFilter | None = None):
    filters = filters or AnalyseFilter()
    betrokkenen = Betrokkene.objects.exclude(persoon_id__in=restricted_ids()).only(
        "id", "casus_id", "persoon_id", "adres_id", "rechtspersoon_id"
    )
    queryset = (
        Casus.objects.filter(gemeente=gemeente)
        .select_related("buurt")
        .only("id", "gemeente_id", "geopend_op", "status", "aanpak", "buurt__naam")
        .prefetch_related(
            Prefetch("betrokkenen", queryset=betrokkenen),
            Prefetch("casus_signalen__signaal", queryset=Signaal.objects.only("id")),
            Prefetch("casus_signalen__signaal__fenomenen", queryset=Fenomeen.objects.only("id", "naam")),
        )
    )
    if filters.buurt:
        queryset = queryset.filter(buurt_id=filters.buurt)
    if filters.fenomeen:
        signalen = _links_to_fenomeen(gemeente, filters.fenomeen).values("signaal_id")
        koppelingen = CasusSignaal.objects.filter(casus=OuterRef("pk"), signaal__in=signalen)
        queryset = queryset.filter(Exists(koppelingen))
    if filters.van:
        queryset = queryset.filter(geopend_op__gte=_day_start(filters.van))
    if filters.tot:
        queryset = queryset.filter(geopend_op__lt=_day_start(filters.tot + dt.timedelta(days=1)))
    return queryset.order_by("-geopend_op", "id")


def casus_rij(casus) -> Rij:
    g = casus.gemeente_id
    betrokkenen = list(casus.betrokkenen.all())
    koppelingen = list(casus.casus_signalen.all())
    fenomenen = sorted({f.naam for k in koppelingen for f in k.signaal.fenomenen.all()})
    return Rij(
        pseudoniem=pseudonym(g, "casus", casus.pk),
        maand=f"{timezone.localtime(casus.geopend_op):%Y-%m}",
        buurt=casus.buurt.naam if casus.buurt_id else "",
        fenomenen=fenomenen,
        indicatoren=[],
        status=casus.get_status_display(),
        aanpak=casus.get_aanpak_display(),
        personen=[pseudonym(g, "persoon", b.persoon_id) for b in betrokkenen if b.persoon_id],
        adressen=[pseudonym(g, "adres", b.adres_id) for b in betrokkenen if b.adres_id],
        ondernemingen=[pseudonym(g, "rechtspersoon", b.rechtspersoon_id) for b in betrokkenen if b.rechtspersoon_id],
        signalen=[pseudonym(g, "signaal", k.signaal_id) for k in koppelingen],
    )


@dataclass
class Samenhang:
    a: str
    a_soort: str
    b: str
    b_soort: str
    signalen: int
    a_id: str = ""
    b_id: str = ""


def samenhang(gemeente, filters: AnalyseFilter | None = None, minimum: int = 1) -> list[Samenhang]:
    """Pairs of subjects that appear together in signals, with the number of shared signals (most first)."""
    signaal_ids = signalen(gemeente, filters).order_by().values("id")
    per_signaal: dict = defaultdict(set)
    links = (
        ("persoon", Signaal.personen.through.objects.exclude(persoon_id__in=restricted_ids()), "persoon_id"),
        ("adres", Signaal.adressen.through.objects.all(), "adres_id"),
        ("rechtspersoon", Signaal.rechtspersonen.through.objects.all(), "rechtspersoon_id"),
    )
    for soort, queryset, column in links:
        for signaal_id, subject_id in queryset.filter(signaal_id__in=signaal_ids).values_list("signaal_id", column):
            per_signaal[signaal_id].add((soort, str(subject_id)))
    pairs: Counter = Counter()
    for subjects in per_signaal.values():
        if 1 < len(subjects) <= MAX_SUBJECTS_PER_SIGNAL:
            pairs.update(combinations(sorted(subjects), 2))
    g = gemeente.pk
    result = []
    for ((soort_a, id_a), (soort_b, id_b)), count in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if count >= minimum:
            result.append(
                Samenhang(pseudonym(g, soort_a, id_a), soort_a, pseudonym(g, soort_b, id_b), soort_b, count, id_a, id_b)
            )
    return result


def buurten(gemeente):
    return Buurt.objects.filter(gemeente=gemeente).only("id", "naam").order_by("naam")


def fenomenen(gemeente):
    return Fenomeen.objects.filter(gemeente=gemeente).only("id", "code", "naam").order_by("naam")


def heridentificaties(gemeente, limit: int = 500):
    from regiekamer.analyse.models import Heridentificatie

    return Heridentificatie.objects.filter(gemeente=gemeente).select_related("door").order_by("-op")[:limit]
