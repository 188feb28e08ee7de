"""Building the network around one subject from the database, hop by hop, with set-based queries.

A node is a subject (persoon, adres, rechtspersoon, voertuig), known in this module as ``(soort, uuid)``. From
the nodes found in the previous hop (the frontier) each hop runs a fixed number of queries, however many nodes the
frontier holds:

- relations (``SubjectRelatie``, registrations ``ingeschreven-op`` / ``woont-op`` included): one query;
- shared signals: one query for the signals of the frontier (most recent first, capped) and one per subject kind
  (four) for the other subjects of those signals;
- shared cases: one query for the cases of the frontier (most recent first, capped, within the viewer's scope)
  and one for their betrokkenen.

New nodes per hop are capped (``Limieten.per_stap``), the most strongly linked first. After the last hop a closing
pass runs the same queries from the outermost nodes without adding nodes, so the network holds every link between
its nodes (the induced subgraph), up to the caps. Every cap that was hit is reported as a ``Begrenzing``.

Persons whose processing is restricted (art. 18 AVG) are neither nodes nor passed through. Every query is
limited to one gemeente. Nothing here checks who is asking: ``selectors`` decides the scope (``Reikwijdte``).
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import BooleanField, Expression, F, Q

from regiekamer.casussen.models import Betrokkene
from regiekamer.inzage.beperking import restricted_ids
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import SubjectRelatie

SOORTEN = ("persoon", "adres", "rechtspersoon", "voertuig")
SOORT_VOLGORDE = {soort: index for index, soort in enumerate(SOORTEN)}
SIGNAAL = "signaal"
CASUS = "casus"
RELATIESOORTEN = tuple(SubjectRelatie.Soort.values)

Sleutel = tuple[str, uuid.UUID]

# The M2M tables between signals and subjects, and the column naming the subject.
SIGNAAL_KOPPELINGEN = {
    "persoon": (Signaal.personen.through, "persoon_id"),
    "adres": (Signaal.adressen.through, "adres_id"),
    "rechtspersoon": (Signaal.rechtspersonen.through, "rechtspersoon_id"),
    "voertuig": (Signaal.voertuigen.through, "voertuig_id"),
}
RELATIE_VAN = {"persoon": "van_persoon_id", "rechtspersoon": "van_rechtspersoon_id"}
RELATIE_NAAR = {
    "persoon": "naar_persoon_id",
    "adres": "naar_adres_id",
    "rechtspersoon": "naar_rechtspersoon_id",
    "voertuig": "naar_voertuig_id",
}
BETROKKENE_KOLOMMEN = {"persoon": "persoon_id", "adres": "adres_id", "rechtspersoon": "rechtspersoon_id"}


@dataclass(frozen=True)
class Limieten:
    per_stap: int = 50  # new subjects per hop
    signalen_per_stap: int = 500
    casussen_per_stap: int = 200
    relaties_per_stap: int = 2000


@dataclass(frozen=True)
class Reikwijdte:
    """The links a viewer may follow. ``casus_ids`` None means every case of the gemeente."""

    relaties: bool = True
    signalen: bool = True
    casussen: bool = True
    casus_ids: frozenset | None = None


@dataclass(frozen=True)
class Begrenzing:
    """A cap that was hit: in hop ``stap`` (``diepte + 1`` is the closing pass) only ``limiet`` of ``wat`` were
    used; for subjects ``gevonden`` says how many there were."""

    stap: int
    wat: str  # "subjecten", "signalen", "casussen", "relaties"
    limiet: int
    gevonden: int | None = None


class Link(NamedTuple):
    van: Sleutel
    naar: Sleutel
    soort: str
    ref: tuple | None = None  # (uuid, nummer) of the shared signal or case


@dataclass
class RuweVerbinding:
    van: Sleutel
    naar: Sleutel
    soort: str
    refs: dict = field(default_factory=dict)  # uuid -> nummer of the shared signals or cases


@dataclass
class RuwNetwerk:
    start: Sleutel
    diepte: int
    afstand: dict[Sleutel, int]
    verbindingen: dict[tuple, RuweVerbinding]
    begrenzingen: list[Begrenzing]


class _AnyOf(Expression):
    """``column = ANY(%s)`` with the ids as one array parameter (PostgreSQL): a list of hundreds of ids then costs
    one parameter instead of one each, which is most of the Python time of a hop."""

    output_field = BooleanField()

    def __init__(self, column: str, values):
        super().__init__()
        self.column = F(column)
        self.values = list(values)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        clone.column = self.column.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return clone

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        return f"{sql} = ANY(%s)", [*params, self.values]


def _in(column: str, values):
    """A filter ``column IN values``: one array parameter on PostgreSQL, a plain ``IN`` elsewhere."""
    if connection.vendor == "postgresql":
        return _AnyOf(column, values)
    return Q(**{f"{column}__in": list(values)})


def _per_soort(knopen) -> dict[str, list]:
    result = defaultdict(list)
    for soort, pk in knopen:
        result[soort].append(pk)
    return result


def _capped(rows: list, limiet: int, stap: int, wat: str, begrenzingen: list) -> list:
    if len(rows) > limiet:
        begrenzingen.append(Begrenzing(stap, wat, limiet))
        return rows[:limiet]
    return rows


def _relatie_links(gemeente, frontier: dict, limiet: int, stap: int, begrenzingen: list) -> list[Link]:
    condition = Q()
    for soort, ids in frontier.items():
        if soort in RELATIE_VAN:
            condition |= Q(_in(RELATIE_VAN[soort], ids))
        condition |= Q(_in(RELATIE_NAAR[soort], ids))
    columns = ["soort", *RELATIE_VAN.values(), *RELATIE_NAAR.values()]
    rows = list(
        SubjectRelatie.objects.filter(gemeente=gemeente)
        .filter(condition)
        .order_by("pk")
        .values_list(*columns)[: limiet + 1]
    )
    links = []
    for soort, van_persoon, van_rechtspersoon, *naar in _capped(rows, limiet, stap, "relaties", begrenzingen):
        van = ("persoon", van_persoon) if van_persoon else ("rechtspersoon", van_rechtspersoon)
        doel = next(((s, pk) for s, pk in zip(RELATIE_NAAR, naar, strict=True) if pk), None)
        if doel is not None:
            links.append(Link(van, doel, soort))
    return links


def _gedeeld(leden: dict, nummers: dict, frontier: set, soort: str) -> list[Link]:
    """Links from each frontier node in a group (a signal or a case) to every other member of it."""
    links = []
    for groep, subjecten in leden.items():
        ref = (groep, nummers[groep])
        for eigen in subjecten:
            if eigen in frontier:
                links.extend([Link(eigen, ander, soort, ref) for ander in subjecten if ander != eigen])
    return links


def _newest(querysets: list, limiet: int) -> list[tuple]:
    """``(id, nummer)`` of the newest ``limiet + 1`` groups found by the querysets (each selecting ``gid``, ``op``
    and ``nr``), as one UNION query: every part starts from an indexed subject column, so the database never scans
    all signals or cases of the gemeente."""
    if not querysets:
        return []
    first, *rest = (queryset.order_by() for queryset in querysets)
    union = first.union(*rest) if rest else first.distinct()
    return [(row["gid"], row["nr"]) for row in union.order_by("-op", "gid")[: limiet + 1]]


def _signaal_links(gemeente, frontier: dict, limiet: int, stap: int, begrenzingen: list, alleen=None) -> list[Link]:
    parts = [
        through.objects.filter(_in(column, frontier[soort]), signaal__gemeente=gemeente).values(
            gid=F("signaal_id"), op=F("signaal__ontvangen_op"), nr=F("signaal__nummer")
        )
        for soort, (through, column) in SIGNAAL_KOPPELINGEN.items()
        if frontier.get(soort)
    ]
    rows = _newest(parts, limiet)
    nummers = dict(_capped(rows, limiet, stap, "signalen", begrenzingen))
    if not nummers:
        return []
    leden = defaultdict(list)
    for soort, (through, column) in SIGNAAL_KOPPELINGEN.items():
        rows = through.objects.filter(_in("signaal_id", nummers))
        if alleen is not None:  # the closing pass: only subjects already in the network
            if not alleen.get(soort):
                continue
            rows = rows.filter(_in(column, alleen[soort]))
        for signaal_id, subject_id in rows.values_list("signaal_id", column):
            leden[signaal_id].append((soort, subject_id))
    return _gedeeld(leden, nummers, _flat(frontier), SIGNAAL)


def _casus_links(
    gemeente, frontier: dict, reikwijdte, limiet: int, stap: int, begrenzingen: list, alleen=None
) -> list[Link]:
    betrokkenen = Betrokkene.objects.filter(gemeente=gemeente)
    if reikwijdte.casus_ids is not None:
        betrokkenen = betrokkenen.filter(_in("casus_id", reikwijdte.casus_ids))
    parts = [
        betrokkenen.filter(_in(column, frontier[soort])).values(
            gid=F("casus_id"), op=F("casus__geopend_op"), nr=F("casus__nummer")
        )
        for soort, column in BETROKKENE_KOLOMMEN.items()
        if frontier.get(soort)
    ]
    rows = _newest(parts, limiet)
    nummers = dict(_capped(rows, limiet, stap, "casussen", begrenzingen))
    if not nummers:
        return []
    leden = defaultdict(list)
    rows = Betrokkene.objects.filter(_in("casus_id", nummers))
    if alleen is not None:  # the closing pass: only subjects already in the network
        known = Q()
        for soort, column in BETROKKENE_KOLOMMEN.items():
            if alleen.get(soort):
                known |= Q(_in(column, alleen[soort]))
        rows = rows.filter(known)
    for casus_id, persoon_id, adres_id, rechtspersoon_id in rows.values_list(
        "casus_id", "persoon_id", "adres_id", "rechtspersoon_id"
    ):
        if persoon_id:
            leden[casus_id].append(("persoon", persoon_id))
        elif adres_id:
            leden[casus_id].append(("adres", adres_id))
        elif rechtspersoon_id:
            leden[casus_id].append(("rechtspersoon", rechtspersoon_id))
    return _gedeeld(leden, nummers, _flat(frontier), CASUS)


def _flat(frontier: dict) -> set:
    return {(soort, pk) for soort, ids in frontier.items() for pk in ids}


def links_van(gemeente, knopen, reikwijdte: Reikwijdte, limieten: Limieten, stap: int, begrenzingen: list, alleen=None):
    """Every link from the given nodes that the scope allows: a fixed handful of queries. With ``alleen`` (nodes
    per kind) only the links to those nodes are fetched."""
    frontier = _per_soort(knopen)
    links = []
    if reikwijdte.relaties:
        links += _relatie_links(gemeente, frontier, limieten.relaties_per_stap, stap, begrenzingen)
    if reikwijdte.signalen:
        links += _signaal_links(gemeente, frontier, limieten.signalen_per_stap, stap, begrenzingen, alleen)
    if reikwijdte.casussen:
        links += _casus_links(gemeente, frontier, reikwijdte, limieten.casussen_per_stap, stap, begrenzingen, alleen)
    return links


def _add(verbindingen: dict, link: Link) -> None:
    van, naar = link.van, link.naar
    if link.soort in (SIGNAAL, CASUS):  # undirected: one edge per pair
        van, naar = sorted((van, naar), key=lambda key: (key[0], str(key[1])))
    key = (van, naar, link.soort)
    verbinding = verbindingen.get(key)
    if verbinding is None:
        verbinding = verbindingen[key] = RuweVerbinding(van, naar, link.soort)
    if link.ref is not None:
        verbinding.refs[link.ref[0]] = link.ref[1]


def geblokkeerde_personen(gemeente) -> set[Sleutel]:
    """The persons whose processing is restricted: never a node, never passed through."""
    return {("persoon", pk) for pk in restricted_ids(gemeente).values_list("persoon_id", flat=True)}


def bouw(gemeente, start: Sleutel, diepte: int, reikwijdte: Reikwijdte, limieten: Limieten | None = None):
    """The network of ``start`` up to ``diepte`` hops (see the module docstring)."""
    limieten = limieten or Limieten()
    geblokkeerd = geblokkeerde_personen(gemeente)
    afstand: dict[Sleutel, int] = {start: 0}
    verbindingen: dict[tuple, RuweVerbinding] = {}
    begrenzingen: list[Begrenzing] = []
    frontier = [start]
    for stap in range(1, diepte + 2):
        sluitend = stap > diepte
        alleen = _per_soort(afstand) if sluitend else None
        links = [
            link
            for link in links_van(gemeente, frontier, reikwijdte, limieten, stap, begrenzingen, alleen)
            if link.van != link.naar and link.van not in geblokkeerd and link.naar not in geblokkeerd
        ]
        nieuw = []
        if not sluitend:
            telling = Counter(end for link in links for end in (link.van, link.naar) if end not in afstand)
            gerangschikt = sorted(telling, key=lambda key: (-telling[key], SOORT_VOLGORDE[key[0]], str(key[1])))
            nieuw = gerangschikt[: limieten.per_stap]
            if len(gerangschikt) > limieten.per_stap:
                begrenzingen.append(Begrenzing(stap, "subjecten", limieten.per_stap, len(gerangschikt)))
            for key in nieuw:
                afstand[key] = stap
        for link in links:
            if link.van in afstand and link.naar in afstand:
                _add(verbindingen, link)
        if not nieuw:
            break
        frontier = nieuw
    return RuwNetwerk(start, diepte, afstand, verbindingen, begrenzingen)
