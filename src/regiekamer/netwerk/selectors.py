"""Reads of profiles and networks, with need to know decided here and every read written to the processing log.

Who sees what (``weergave_voor``):

- ``volledig``: holders of ``subject.inzien`` (regisseur, ondermijningsteam) see the network of their gemeente with
  names, addresses, company names and number plates, following relations, registrations, shared signals and
  shared cases;
- ``pseudoniem``: analysts (``analyse.gepseudonimiseerd``) see the same network with pseudonyms as labels and ids
  (signals and cases in the reasons too) and start from a pseudonym;
- ``deelnemer``: a partner professional (``actie.eigen-bijwerken``) sees only the betrokkenen of the cases they
  take part in whose active sharing decisions include ``betrokkenen``, linked through those cases; nothing else;
- everyone else: no network (403).

Persons whose processing is restricted (art. 18 AVG) are left out for every viewer. A subject of another gemeente,
or one outside the viewer's scope, is 404. The web page, its exports and the API all call ``netwerk``.
"""

import re
import threading
import uuid
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regiekamer.accounts import permissions
from regiekamer.analyse.pseudonyms import PREFIX, pseudonym
from regiekamer.analyse.pseudonyms import find as find_pseudoniem
from regiekamer.analyse.services import DOEL_ANALYSE
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.inzage.beperking import is_restricted, restricted_ids
from regiekamer.netwerk import analysis, builder
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie, Voertuig

VOLLEDIG = "volledig"
PSEUDONIEM = "pseudoniem"
DEELNEMER = "deelnemer"

# Any of these lets a user ask for a network; ``weergave_voor`` decides which one they get.
NETWERK_CAPABILITIES = (permissions.VIEW_SUBJECTS, permissions.ANALYSE_PSEUDONYMISED, permissions.UPDATE_OWN_ACTIONS)

MODELS = {"persoon": Persoon, "adres": Adres, "rechtspersoon": Rechtspersoon, "voertuig": Voertuig}
SOORT_LABELS = {
    "persoon": gettext_lazy("persoon"),
    "adres": gettext_lazy("adres"),
    "rechtspersoon": gettext_lazy("rechtspersoon / onderneming"),
    "voertuig": gettext_lazy("voertuig"),
}
DIEPTES = (1, 2, 3)
STANDAARD_DIEPTE = 2
MAX_REDENEN = 5  # signal or case numbers named in one reason
KLEUREN = 8  # cluster colours in the graph; beyond that they repeat (the tables give the cluster number)

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_PSEUDONIEM = re.compile(r"[A-Za-z]-[0-9A-Fa-f]{12}")
_DIEPTE = re.compile(r"[1-3]")


# --- Parameters ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verwijzing:
    """A parsed ``subject`` parameter: ``<soort>:<uuid>`` or, for analysts, ``<soort>:<pseudoniem>``."""

    soort: str
    waarde: str
    is_pseudoniem: bool

    def __str__(self):
        return f"{self.soort}:{self.waarde}"


def _subject_error(value: str) -> dict | None:
    soort, sep, rest = value.partition(":")
    if not value:
        return {"name": "subject", "code": "required", "reason": _("Geef het subject op als <soort>:<id>.")}
    if not sep or soort not in MODELS:
        return {
            "name": "subject",
            "code": "invalid",
            "reason": _(
                "Het subject moet de vorm <soort>:<id> hebben, met soort persoon, adres, rechtspersoon of voertuig."
            ),
        }
    if _UUID.fullmatch(rest):
        return None
    if _PSEUDONIEM.fullmatch(rest) and rest[0].upper() == PREFIX[soort]:
        return None
    return {
        "name": "subject",
        "code": "invalid",
        "reason": _("Het id van het subject is geen geldige UUID (of pseudoniem van deze soort)."),
    }


def parse_params(subject, diepte) -> tuple[Verwijzing, int]:
    """Validate ``subject`` and ``diepte`` (default 2); one ``InvalidInput`` naming every invalid parameter."""
    subject = subject if isinstance(subject, str) else ""
    errors = []
    error = _subject_error(subject)
    if error:
        errors.append(error)
    if diepte is None or diepte == "":
        diepte_value = STANDAARD_DIEPTE
    elif isinstance(diepte, str) and _DIEPTE.fullmatch(diepte):
        diepte_value = int(diepte)
    else:
        diepte_value = None
        errors.append({"name": "diepte", "code": "invalid", "reason": _("De diepte is 1, 2 of 3.")})
    if errors:
        raise InvalidInput(_("Ongeldige parameters voor het netwerk."), errors)
    soort, _sep, rest = subject.partition(":")
    if _UUID.fullmatch(rest):
        return Verwijzing(soort, rest.lower(), False), diepte_value
    return Verwijzing(soort, rest.upper(), True), diepte_value


# --- Need to know ------------------------------------------------------------------------------------------------


def weergave_voor(user) -> str | None:
    """Which network the user gets: ``volledig``, ``pseudoniem``, ``deelnemer`` or None (no network)."""
    if user is None or not user.is_authenticated or getattr(user, "is_partner_system", False):
        return None
    if user.gemeente is None:
        return None
    can = permissions.capabilities_of(user)
    if permissions.VIEW_SUBJECTS in can:
        return VOLLEDIG
    if permissions.ANALYSE_PSEUDONYMISED in can:
        return PSEUDONIEM
    if permissions.UPDATE_OWN_ACTIONS in can and user.organisatie_id:
        return DEELNEMER
    return None


def _partner_casus_ids(user) -> frozenset:
    from regiekamer.casussen.selectors import gedeelde_casussen
    from regiekamer.delen.models import Categorie

    return frozenset(gedeelde_casussen(user, Categorie.BETROKKENEN).values_list("pk", flat=True))


def _reikwijdte(user, weergave) -> builder.Reikwijdte:
    if weergave == DEELNEMER:
        return builder.Reikwijdte(relaties=False, signalen=False, casussen=True, casus_ids=_partner_casus_ids(user))
    return builder.Reikwijdte()


# Pseudonyms resolved or shown in this process, so that "Netwerk vanaf hier" and repeated views need no scan: a
# bounded map (gemeente id, pseudonym) -> subject id, only ever filled from ids the server computed itself.
_BEKENDE_PSEUDONIEMEN: OrderedDict = OrderedDict()
_MAX_BEKEND = 20_000
_bekend_lock = threading.Lock()


def _onthoud(gemeente_id, paren) -> None:
    with _bekend_lock:
        for waarde, pk in paren:
            _BEKENDE_PSEUDONIEMEN[gemeente_id, waarde] = pk
            _BEKENDE_PSEUDONIEMEN.move_to_end((gemeente_id, waarde))
        while len(_BEKENDE_PSEUDONIEMEN) > _MAX_BEKEND:
            _BEKENDE_PSEUDONIEMEN.popitem(last=False)


def _resolve_pseudoniem(gemeente, soort: str, waarde: str):
    """The id of the gemeente's subject behind a pseudonym, or None. Unless it was seen recently, the pseudonyms of
    the gemeente's subjects of that kind are recomputed (there is no way back without the key); on PostgreSQL the
    ids come as text, which saves making a UUID object of each."""
    model = MODELS[soort]
    with _bekend_lock:
        pk = _BEKENDE_PSEUDONIEMEN.get((gemeente.pk, waarde))
    if pk is not None and pseudonym(gemeente.pk, soort, pk) == waarde:
        return pk if model.objects.filter(gemeente=gemeente, pk=pk).exists() else None
    ids = model.objects.filter(gemeente=gemeente).order_by()
    if connection.vendor == "postgresql":
        ids = ids.annotate(tekst=Cast("pk", output_field=CharField())).values_list("tekst", flat=True)
    else:
        ids = ids.values_list("pk", flat=True)
    found = find_pseudoniem(gemeente.pk, soort, waarde, ids.iterator(chunk_size=5000))
    if found is None:
        return None
    pk = uuid.UUID(str(found))
    _onthoud(gemeente.pk, [(waarde, pk)])
    return pk


def _start(user, weergave, verwijzing: Verwijzing, reikwijdte) -> builder.Sleutel:
    gemeente = user.gemeente
    soort = verwijzing.soort
    # The regie side and partners address subjects by id, analysts by pseudonym; the other form is unknown to them.
    if verwijzing.is_pseudoniem != (weergave == PSEUDONIEM):
        raise Http404
    if verwijzing.is_pseudoniem:
        pk = _resolve_pseudoniem(gemeente, soort, verwijzing.waarde)
    else:
        pk = MODELS[soort].objects.filter(gemeente=gemeente, pk=verwijzing.waarde).values_list("pk", flat=True).first()
    if pk is None:
        raise Http404
    if soort == "persoon" and restricted_ids(gemeente).filter(persoon_id=pk).exists():
        raise Http404
    if weergave == DEELNEMER:
        from regiekamer.casussen.models import Betrokkene

        column = builder.BETROKKENE_KOLOMMEN.get(soort)
        if column is None or not Betrokkene.objects.filter(casus_id__in=reikwijdte.casus_ids, **{column: pk}).exists():
            raise Http404
    return (soort, pk)


# --- The network -------------------------------------------------------------------------------------------------


@dataclass
class Knoop:
    id: str
    soort: str
    label: str
    afstand: int
    pk: uuid.UUID  # internal: for links and the log; never shown to analysts
    cluster: int = 0
    verbinder: bool = False
    scharnierpunt: bool = False
    tussenliggendheid: float = 0.0
    gedeeld_met: list[str] = field(default_factory=list)  # labels of the unrelated persons sharing it
    gedeeld_met_ids: list[str] = field(default_factory=list)
    profiel_url: str = ""
    netwerk_url: str = ""

    @property
    def soort_label(self) -> str:
        return str(SOORT_LABELS[self.soort])

    @property
    def gedeeld(self) -> bool:
        return bool(self.gedeeld_met)

    @property
    def kleur(self) -> int:
        return (self.cluster - 1) % KLEUREN


@dataclass
class Verbinding:
    bron: str
    doel: str
    soort: str
    reden: str
    gewicht: int = 1
    bron_label: str = ""
    doel_label: str = ""


@dataclass
class Netwerk:
    weergave: str
    diepte: int
    start: Knoop
    knopen: list[Knoop]
    verbindingen: list[Verbinding]
    clusters: list[list[Knoop]]
    verbinders: list[Knoop]
    gedeeld: list[Knoop]
    begrenzingen: list[str]
    # The ids of the signals and cases named in the reasons of the edges shown, for the processing log.
    genoemd: dict[str, set] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return self.start.id

    @property
    def begrensd(self) -> bool:
        return bool(self.begrenzingen)

    @property
    def cluster_rijen(self) -> list[dict]:
        return [
            {"nummer": nummer, "kleur": (nummer - 1) % KLEUREN, "leden": leden}
            for nummer, leden in enumerate(self.clusters, start=1)
        ]

    def als_json(self) -> dict:
        """The API answer: ``nodes`` and ``edges`` in the agreed shape, then the structure."""
        return {
            "subject": self.subject,
            "diepte": self.diepte,
            "weergave": self.weergave,
            "begrensd": self.begrensd,
            "begrenzingen": self.begrenzingen,
            "nodes": [{"id": k.id, "soort": k.soort, "label": k.label} for k in self.knopen],
            "edges": [{"bron": v.bron, "doel": v.doel, "soort": v.soort, "reden": v.reden} for v in self.verbindingen],
            "analyse": {
                "clusters": [
                    {"nummer": nummer, "leden": [k.id for k in leden]}
                    for nummer, leden in enumerate(self.clusters, start=1)
                ],
                "verbinders": [
                    {"id": k.id, "tussenliggendheid": round(k.tussenliggendheid, 4), "scharnierpunt": k.scharnierpunt}
                    for k in self.verbinders
                ],
                "gedeeld": [{"id": k.id, "personen": list(k.gedeeld_met_ids)} for k in self.gedeeld],
            },
        }


def _labels(gemeente, weergave, sleutels) -> dict:
    if weergave == PSEUDONIEM:
        return {(soort, pk): pseudonym(gemeente.pk, soort, pk) for soort, pk in sleutels}
    per_soort = builder._per_soort(sleutels)
    labels = {}
    if per_soort.get("persoon"):
        for persoon in Persoon.objects.filter(gemeente=gemeente, pk__in=per_soort["persoon"]).only(
            "id", "voornamen", "tussenvoegsel", "achternaam"
        ):
            labels["persoon", persoon.pk] = persoon.volledige_naam
    if per_soort.get("adres"):
        for adres in Adres.objects.filter(gemeente=gemeente, pk__in=per_soort["adres"]).only(
            "id", "postcode", "huisnummer", "huisletter", "toevoeging", "straat", "woonplaats"
        ):
            labels["adres", adres.pk] = str(adres)
    if per_soort.get("rechtspersoon"):
        for rechtspersoon in Rechtspersoon.objects.filter(gemeente=gemeente, pk__in=per_soort["rechtspersoon"]).only(
            "id", "naam", "kvk_nummer"
        ):
            labels["rechtspersoon", rechtspersoon.pk] = str(rechtspersoon)
    if per_soort.get("voertuig"):
        for voertuig in Voertuig.objects.filter(gemeente=gemeente, pk__in=per_soort["voertuig"]).only("id", "kenteken"):
            labels["voertuig", voertuig.pk] = voertuig.kenteken
    return labels


def _node_id(gemeente, weergave, sleutel) -> str:
    soort, pk = sleutel
    return f"{soort}:{pseudonym(gemeente.pk, soort, pk) if weergave == PSEUDONIEM else pk}"


def _reden(gemeente, weergave, verbinding: builder.RuweVerbinding) -> str:
    if verbinding.soort in builder.RELATIESOORTEN:
        return str(SubjectRelatie.Soort(verbinding.soort).label)
    if weergave == PSEUDONIEM:
        namen = sorted(pseudonym(gemeente.pk, verbinding.soort, pk) for pk in verbinding.refs)
    else:
        namen = sorted(verbinding.refs.values())
    aantal = len(namen)
    genoemd = ", ".join(namen[:MAX_REDENEN])
    if verbinding.soort == builder.SIGNAAL:
        if aantal == 1:
            return _("samen in signaal %(nummers)s") % {"nummers": genoemd}
        if aantal <= MAX_REDENEN:
            return _("samen in signalen %(nummers)s") % {"nummers": genoemd}
        return _("samen in %(aantal)d signalen, o.a. %(nummers)s") % {"aantal": aantal, "nummers": genoemd}
    if aantal == 1:
        return _("samen betrokkene in casus %(nummers)s") % {"nummers": genoemd}
    if aantal <= MAX_REDENEN:
        return _("samen betrokkene in casussen %(nummers)s") % {"nummers": genoemd}
    return _("samen betrokkene in %(aantal)d casussen, o.a. %(nummers)s") % {"aantal": aantal, "nummers": genoemd}


BEGRENZING_TEKSTEN = {
    "subjecten": gettext_lazy(
        "%(waar)s: %(gevonden)d nieuwe subjecten gevonden; de %(limiet)d sterkst verbonden worden getoond."
    ),
    "signalen": gettext_lazy("%(waar)s: alleen de %(limiet)d meest recente signalen zijn gevolgd."),
    "casussen": gettext_lazy("%(waar)s: alleen de %(limiet)d meest recente casussen zijn gevolgd."),
    "relaties": gettext_lazy("%(waar)s: alleen de eerste %(limiet)d relaties zijn gevolgd."),
}


def _begrenzing_tekst(begrenzing: builder.Begrenzing, diepte: int) -> str:
    if begrenzing.stap > diepte:
        waar = _("Bij de verbindingen tussen de buitenste subjecten")
    else:
        waar = _("Stap %(stap)d") % {"stap": begrenzing.stap}
    values = {"waar": waar, "limiet": begrenzing.limiet, "gevonden": begrenzing.gevonden or 0}
    return str(BEGRENZING_TEKSTEN[begrenzing.wat]) % values


def netwerk_url(node_id: str, diepte: int) -> str:
    return f"{reverse('netwerk:netwerk')}?{urlencode({'subject': node_id, 'diepte': diepte})}"


def _samenstellen(gemeente, weergave, ruw: builder.RuwNetwerk) -> Netwerk:
    labels = _labels(gemeente, weergave, ruw.afstand)
    ids = {sleutel: _node_id(gemeente, weergave, sleutel) for sleutel in ruw.afstand}
    knopen = {}
    for sleutel, afstand in sorted(ruw.afstand.items(), key=lambda item: (item[1], ids[item[0]])):
        if sleutel not in labels:  # vanished between the queries: leave it out
            continue
        soort, pk = sleutel
        knoop = Knoop(ids[sleutel], soort, labels[sleutel], afstand, pk)
        knoop.netwerk_url = netwerk_url(knoop.id, ruw.diepte)
        if weergave == VOLLEDIG:
            knoop.profiel_url = reverse("netwerk:profiel", kwargs={"soort": soort, "pk": pk})
        knopen[sleutel] = knoop
    verbindingen = []
    genoemd = {builder.SIGNAAL: set(), builder.CASUS: set()}
    for ruwe in ruw.verbindingen.values():
        if ruwe.van not in knopen or ruwe.naar not in knopen:
            continue
        if ruwe.soort in genoemd:
            genoemd[ruwe.soort].update(ruwe.refs)
        bron, doel = knopen[ruwe.van], knopen[ruwe.naar]
        verbindingen.append(
            Verbinding(
                bron=bron.id,
                doel=doel.id,
                soort=ruwe.soort,
                reden=_reden(gemeente, weergave, ruwe),
                gewicht=max(1, len(ruwe.refs)),
                bron_label=bron.label,
                doel_label=doel.label,
            )
        )
    verbindingen.sort(key=lambda v: (v.bron, v.doel, v.soort))
    if weergave == PSEUDONIEM:
        _onthoud(gemeente.pk, [(knoop.label, knoop.pk) for knoop in knopen.values()])
    per_id = {knoop.id: knoop for knoop in knopen.values()}
    structuur = analysis.analyseer(
        analysis.graaf(per_id, ((v.bron, v.doel) for v in verbindingen)),
        {knoop.id: knoop.soort for knoop in per_id.values()},
    )
    for knoop in per_id.values():
        knoop.cluster = structuur.cluster_van.get(knoop.id, 0)
        knoop.tussenliggendheid = structuur.tussenliggendheid.get(knoop.id, 0.0)
        knoop.scharnierpunt = knoop.id in structuur.scharnierpunten
        knoop.verbinder = knoop.id in structuur.verbinders
        knoop.gedeeld_met_ids = structuur.gedeeld.get(knoop.id, [])
        knoop.gedeeld_met = [per_id[other].label for other in knoop.gedeeld_met_ids]
    return Netwerk(
        weergave=weergave,
        diepte=ruw.diepte,
        start=knopen[ruw.start],
        knopen=list(knopen.values()),
        verbindingen=verbindingen,
        clusters=[[per_id[node] for node in leden] for leden in structuur.clusters],
        verbinders=[per_id[node] for node in structuur.verbinders],
        gedeeld=[per_id[node] for node in sorted(structuur.gedeeld, key=lambda node: per_id[node].label)],
        begrenzingen=[_begrenzing_tekst(b, ruw.diepte) for b in ruw.begrenzingen],
        genoemd=genoemd,
    )


def _log(user, netwerk: Netwerk, handeling: str) -> None:
    """One entry per kind of object shown: the subjects, and the signals and cases named in the reasons."""
    doel = DOEL_ANALYSE if netwerk.weergave == PSEUDONIEM else audit.DOEL_ONDERMIJNING
    per_soort = defaultdict(list)
    for knoop in netwerk.knopen:
        per_soort[knoop.soort].append(knoop.pk)
    with transaction.atomic():  # one commit for the entries of one view
        for soort in builder.SOORTEN:
            audit.log_lijst(user, handeling, soort, per_soort.get(soort, []), doel=doel)
        for soort in (builder.SIGNAAL, builder.CASUS):
            audit.log_lijst(user, handeling, soort, sorted(netwerk.genoemd.get(soort, ()), key=str), doel=doel)


def netwerk(user, subject, diepte, handeling: str = "netwerk.bekijken", limieten=None) -> Netwerk:
    """The network the user may see around ``subject`` (``<soort>:<id>``) to ``diepte`` hops, logged.

    Raises ``NotAllowed`` (403) without a network capability, ``InvalidInput`` (400) for invalid parameters and
    ``Http404`` for a subject that is not there for this user (another gemeente, outside their scope, restricted)."""
    weergave = weergave_voor(user)
    if weergave is None:
        raise NotAllowed(_("U mag geen netwerken bekijken."))
    verwijzing, diepte = parse_params(subject, diepte)
    reikwijdte = _reikwijdte(user, weergave)
    start = _start(user, weergave, verwijzing, reikwijdte)
    ruw = builder.bouw(user.gemeente, start, diepte, reikwijdte, limieten)
    result = _samenstellen(user.gemeente, weergave, ruw)
    _log(user, result, handeling)
    return result


# --- Profiles ----------------------------------------------------------------------------------------------------

MAX_PROFIEL_RIJEN = 100
INSCHRIJVINGEN = (SubjectRelatie.Soort.INGESCHREVEN_OP, SubjectRelatie.Soort.WOONT_OP)
# How a relation reads from the subject it points to ("Jan is eigenaar van XX-12-YY": on the vehicle, "eigenaar").
INKOMEND = {
    SubjectRelatie.Soort.WOONT_OP: gettext_lazy("bewoner"),
    SubjectRelatie.Soort.INGESCHREVEN_OP: gettext_lazy("ingeschreven"),
    SubjectRelatie.Soort.EIGENAAR: gettext_lazy("eigenaar"),
    SubjectRelatie.Soort.BESTUURDER: gettext_lazy("bestuurder"),
    SubjectRelatie.Soort.FAMILIE: gettext_lazy("familie van"),
}


@dataclass
class RelatieRij:
    relatie: str
    ander: object
    ander_soort: str
    toelichting: str
    inschrijving: bool

    @property
    def ander_url(self) -> str:
        return reverse("netwerk:profiel", kwargs={"soort": self.ander_soort, "pk": self.ander.pk})


@dataclass
class Profiel:
    soort: str
    subject: object
    signalen: list | None = None
    signalen_totaal: int = 0
    casussen: list | None = None
    relaties: list[RelatieRij] = field(default_factory=list)
    inschrijvingen: list[RelatieRij] = field(default_factory=list)
    bronraadplegingen: list | None = None
    bronraadplegingen_totaal: int = 0

    @property
    def soort_label(self) -> str:
        return str(SOORT_LABELS[self.soort])

    @property
    def netwerk_id(self) -> str:
        return f"{self.soort}:{self.subject.pk}"


def _relatie_rijen(subject, soort) -> list[RelatieRij]:
    from regiekamer.subjects.selectors import relaties_van

    blocked = set(restricted_ids(subject.gemeente).values_list("persoon_id", flat=True))
    rijen = []
    for relatie in relaties_van(subject):
        uitgaand = relatie.van == subject
        ander = relatie.naar if uitgaand else relatie.van
        if ander is None or (isinstance(ander, Persoon) and ander.pk in blocked):
            continue
        label = SubjectRelatie.Soort(relatie.soort).label if uitgaand else INKOMEND[relatie.soort]
        rijen.append(
            RelatieRij(
                relatie=str(label),
                ander=ander,
                ander_soort=type(ander).__name__.lower(),
                toelichting=relatie.toelichting,
                inschrijving=relatie.soort in INSCHRIJVINGEN,
            )
        )
    return sorted(rijen, key=lambda rij: (rij.relatie, str(rij.ander)))


def profiel(user, soort: str, pk) -> Profiel:
    """The profile of one subject for the regie side (``subject.inzien``): its signals, cases, relations,
    registrations and source queries as far as the user's other capabilities reach. 404 for another gemeente's
    subject or a restricted person; every object shown is logged."""
    from regiekamer.bronnen.models import Bronraadpleging
    from regiekamer.bronnen.registry import connector
    from regiekamer.casussen.models import Betrokkene
    from regiekamer.core.ids import parse_uuid

    if not permissions.has_capability(user, permissions.VIEW_SUBJECTS) or user.gemeente is None:
        raise NotAllowed(_("U mag geen profielen bekijken."))
    model = MODELS.get(soort)
    if model is None:
        raise Http404
    subject = model.objects.filter(gemeente=user.gemeente, pk=parse_uuid(pk)).first()
    if subject is None or (soort == "persoon" and is_restricted(subject)):
        raise Http404
    result = Profiel(soort=soort, subject=subject)
    can = permissions.capabilities_of(user)
    if permissions.VIEW_SIGNALS in can:
        # Only what the table shows: nothing encrypted is decrypted for it.
        signalen = (
            subject.signalen.only("id", "gemeente_id", "nummer", "ontvangen_op", "status")
            .prefetch_related("fenomenen")
            .order_by("-ontvangen_op")
        )
        result.signalen_totaal = signalen.count()
        result.signalen = list(signalen[:MAX_PROFIEL_RIJEN])
    if permissions.VIEW_CASES in can and soort in builder.BETROKKENE_KOLOMMEN:
        result.casussen = list(
            Betrokkene.objects.filter(gemeente=user.gemeente, **{soort: subject})
            .select_related("casus")
            .only(
                "id",
                "rol",
                "dader",
                "slachtoffer",
                "casus_id",
                "casus__id",
                "casus__nummer",
                "casus__titel",
                "casus__aanpak",
                "casus__status",
                "casus__gemeente_id",
            )
            .order_by("-casus__geopend_op")
        )
    for rij in _relatie_rijen(subject, soort):
        (result.inschrijvingen if rij.inschrijving else result.relaties).append(rij)
    if permissions.CONSULT_SOURCES in can and soort in builder.BETROKKENE_KOLOMMEN:
        raadplegingen = (
            Bronraadpleging.objects.filter(gemeente=user.gemeente, **{soort: subject})
            .select_related("signaal", "uitgevoerd_door")
            .order_by("-uitgevoerd_op")
        )
        result.bronraadplegingen_totaal = raadplegingen.count()
        result.bronraadplegingen = list(raadplegingen[:MAX_PROFIEL_RIJEN])
        for raadpleging in result.bronraadplegingen:
            bron = connector(raadpleging.bron)
            raadpleging.bron_naam = bron.naam if bron else raadpleging.bron
    _log_profiel(user, result)
    return result


@transaction.atomic  # one commit for the entries of one view
def _log_profiel(user, result: Profiel) -> None:
    audit.log(user, Actie.LEZEN, "profiel.detail", result.soort, [result.subject])
    anderen = defaultdict(list)
    for rij in result.relaties + result.inschrijvingen:
        anderen[rij.ander_soort].append(rij.ander)
    for soort in builder.SOORTEN:
        audit.log_lijst(user, "profiel.detail", soort, anderen.get(soort, []))
    audit.log_lijst(user, "profiel.detail", "signaal", result.signalen or [])
    audit.log_lijst(user, "profiel.detail", "casus", [b.casus for b in result.casussen or []])
    audit.log_lijst(user, "profiel.detail", "bronraadpleging", result.bronraadplegingen or [])
