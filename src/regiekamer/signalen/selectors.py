"""Reads of signals. Every function takes the acting user (or partner system) and never crosses tenants."""

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.core.ids import parse_uuid
from regiekamer.core.paging import CountedQuerySet
from regiekamer.core.text import fold, has_letter_or_digit
from regiekamer.inzage.beperking import exclude_restricted
from regiekamer.protocol.machine import FINAL_STATUSES, MelderStatus, Status, melder_status
from regiekamer.protocol.models import ProtocolInstelling, Weging
from regiekamer.protocol.services import instellingen
from regiekamer.signalen.models import Fenomeen, Indicator, Signaal
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, Voertuig
from regiekamer.subjects.selectors import zoekwoorden


@dataclass
class WerkvoorraadFilter:
    stap: int | None = None
    status: str = ""
    fenomeen: str = ""  # code
    buurt: str = ""  # id
    organisatie: str = ""  # id of the reporting organisation
    te_laat: bool = False
    open_only: bool = True
    zoek: str = ""
    behandelaar: str = ""  # MIJN (the user's own), NIEMAND (not assigned), or empty: everyone's
    volgorde: str = ""  # a key of VOLGORDES; empty: WERKVOORRAAD_ORDER


MIJN, NIEMAND = "mij", "niemand"


def _base(gemeente):
    return (
        Signaal.objects.filter(gemeente=gemeente)
        .select_related("buurt", "melder_organisatie", "behandelaar")
        .prefetch_related(Prefetch("fenomenen", queryset=Fenomeen.objects.only("id", "code", "naam")))
    )


# The statuses that wait for a weging. Every signal has exactly one status, open or final (protocol.machine), so
# "open" is asked as a positive list: PostgreSQL then reads it from an index, which "not final" cannot.
OPEN_STATUSES = sorted(str(status) for status in Status if status not in FINAL_STATUSES)

# The worklist's order: overdue first, then by deadline, the newest first within one deadline; the id keeps the
# order total, so that pages never overlap. An open signal always has a deadline and a closed one never
# (protocol.services), so "by deadline, signals without one last" puts the overdue signals first. Index
# ``signaal_werkvoorraad`` holds the rows of one gemeente in exactly this order.
WERKVOORRAAD_ORDER = (F("termijn").asc(nulls_last=True), F("ontvangen_op").desc(), F("id").asc())

# The other orders a regisseur can sort the worklist in (by column), each ending in the id so pages never overlap.
VOLGORDES = {
    "termijn": WERKVOORRAAD_ORDER,
    "-termijn": (F("termijn").desc(nulls_last=True), F("ontvangen_op").desc(), F("id").asc()),
    "ontvangen": (F("ontvangen_op").asc(), F("id").asc()),
    "-ontvangen": (F("ontvangen_op").desc(), F("id").asc()),
    "nummer": (F("nummer").asc(), F("id").asc()),
    "-nummer": (F("nummer").desc(), F("id").asc()),
}


def werkvoorraad(user, filters: WerkvoorraadFilter | None = None):
    """The regisseur's worklist: open signals of the user's gemeente, overdue first, then by deadline.

    Each filter is a condition on the signal itself or an ``EXISTS``/``IN`` over a link table, never a join: a
    signal appears once without ``DISTINCT``, so a page is read in index order and the count is a plain count."""
    if not permissions.has_capability(user, permissions.VIEW_SIGNALS):
        return Signaal.objects.none()
    filters = filters or WerkvoorraadFilter()
    gemeente = user.gemeente
    queryset = _base(gemeente)
    # Open only: asked once, also when "overdue" asks it too (twice would halve PostgreSQL's row estimates again).
    if (filters.open_only and not filters.status) or filters.te_laat:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    if filters.stap:
        queryset = queryset.filter(stap=filters.stap)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.fenomeen:
        fenomenen = _fenomeen_ids(gemeente, filters.fenomeen)
        queryset = queryset.filter(
            Exists(Signaal.fenomenen.through.objects.filter(signaal=OuterRef("pk"), fenomeen__in=fenomenen))
        )
    if filters.buurt:
        queryset = queryset.filter(buurt_id=filters.buurt)
    if filters.organisatie:
        queryset = queryset.filter(melder_organisatie_id=filters.organisatie)
    if filters.te_laat:
        queryset = queryset.filter(termijn__lt=timezone.localdate())
    if filters.behandelaar == MIJN:
        queryset = queryset.filter(behandelaar=user)
    elif filters.behandelaar == NIEMAND:
        queryset = queryset.filter(behandelaar__isnull=True)
    if filters.zoek.strip():
        queryset = queryset.filter(_search_condition(gemeente, filters.zoek))
    # The description is not shown in a list; left out, it is neither decrypted nor carried through a sort.
    return queryset.defer("omschrijving").order_by(*VOLGORDES.get(filters.volgorde, WERKVOORRAAD_ORDER))


def voor_start(user) -> dict:
    """The signals on the regisseur's start page: their own open signals, and the new ones nobody took yet (both in
    worklist order, overdue first)."""
    return {
        "mijn": werkvoorraad(user, WerkvoorraadFilter(behandelaar=MIJN)),
        "onverdeeld": werkvoorraad(user, WerkvoorraadFilter(status=Status.WEGING_1, behandelaar=NIEMAND)),
    }


def _fenomeen_ids(gemeente, code: str) -> list:
    # The phenomenon's id as a value, not a subquery: PostgreSQL then knows from its statistics how common the
    # phenomenon is, and reads a common one in worklist order instead of sorting all its signals.
    return list(Fenomeen.objects.filter(gemeente=gemeente, code=code).values_list("pk", flat=True))


def werkvoorraad_aantal(user, filters: WerkvoorraadFilter | None = None) -> int:
    """The number of signals in ``werkvoorraad(user, filters)``.

    Filtered on a phenomenon only (closed signals included), that is the number of the phenomenon's links to
    signals, read from the link table's index alone instead of matching each link with its signal: a phenomenon
    belongs to one gemeente, and intake links a signal only to phenomena of its own gemeente
    (``services.report_signaal``), so every signal linked to it is one of this gemeente."""
    filters = dataclasses.replace(filters or WerkvoorraadFilter(), volgorde="")  # the order does not change a count
    alleen_fenomeen = filters == WerkvoorraadFilter(fenomeen=filters.fenomeen, open_only=False)
    if filters.fenomeen and alleen_fenomeen and permissions.has_capability(user, permissions.VIEW_SIGNALS):
        ids = _fenomeen_ids(user.gemeente, filters.fenomeen)
        return Signaal.fenomenen.through.objects.filter(fenomeen__in=ids).count()
    return werkvoorraad(user, filters).count()


def werkvoorraad_pagineerbaar(
    user, filters: WerkvoorraadFilter | None = None, *, lijst: bool = False
) -> CountedQuerySet:
    """``werkvoorraad(user, filters)`` for a paginator, counted by ``werkvoorraad_aantal``; with ``lijst`` narrowed to
    what an API list shows (``als_lijst``)."""
    signalen = werkvoorraad(user, filters)
    return CountedQuerySet(als_lijst(signalen) if lijst else signalen, lambda: werkvoorraad_aantal(user, filters))


# The columns a list row shows (``api.serializers.SignaalLijstSerializer``); the rest of a signal and its handler
# stay unread.
LIJST_KOLOMMEN = (
    "id",
    "gemeente",
    "nummer",
    "ontvangen_op",
    "doel",
    "status",
    "stap",
    "termijn",
    "anoniem",
    "afgerond_op",
    "buurt__code",
    "melder_organisatie__naam",
)


def als_lijst(signalen):
    """``signalen`` narrowed to ``LIJST_KOLOMMEN``: the API's lists read a page at half the cost."""
    return signalen.select_related(None).select_related("buurt", "melder_organisatie").only(*LIJST_KOLOMMEN)


def _search_condition(gemeente, query: str) -> Q:
    """Search over number, location, linked persons, addresses, legal persons and vehicles. Not over the
    description: it is stored encrypted and cannot be searched in the database.

    Per word the ids of the matching signals are one ``UNION`` of small index reads (the number and location
    through trigram indexes on PostgreSQL, the subjects through their own search indexes, then the link tables), so
    the database never walks all signals to test each against every kind of subject."""
    words = [word for word in zoekwoorden(query) if has_letter_or_digit(word)]
    if not words:
        return Q(pk__in=[])  # nothing to search for: no signal, never every signal
    condition, together = Q(), Q()
    for word in words:
        postcode = word.replace(" ", "").upper()
        # A name word as the name keys hold it; one word may fold into several ("Jean-Luc").
        persons = Persoon.objects.filter(gemeente=gemeente)
        for folded in fold(word).split():
            persons = persons.filter(naam_sleutel__contains=folded)
        signalen = Signaal.objects.filter(gemeente=gemeente)
        links = (
            (Signaal.personen.through, "persoon__in", exclude_restricted(persons).values("pk")),
            (
                Signaal.adressen.through,
                "adres__in",
                Adres.objects.filter(gemeente=gemeente)
                .filter(Q(postcode__startswith=postcode) | Q(straat__icontains=word))
                .values("pk"),
            ),
            (
                Signaal.rechtspersonen.through,
                "rechtspersoon__in",
                Rechtspersoon.objects.filter(gemeente=gemeente, naam__icontains=word).values("pk"),
            ),
            (
                Signaal.voertuigen.through,
                "voertuig__in",
                Voertuig.objects.filter(gemeente=gemeente, kenteken=postcode).values("pk"),
            ),
        )
        ids = signalen.filter(Q(nummer__icontains=word) | Q(locatie__icontains=word)).order_by().values("pk")
        ids = ids.union(
            *(
                through.objects.filter(**{lookup: subjects}).order_by().values("signaal_id")
                for through, lookup, subjects in links
            )
        )
        condition &= Q(pk__in=ids)
        together &= (
            Q(nummer__icontains=word)
            | Q(locatie__icontains=word)
            | Q(personen__in=exclude_restricted(persons))
            | Q(adressen__postcode__startswith=postcode)
            | Q(adressen__straat__icontains=word)
            | Q(rechtspersonen__naam__icontains=word)
            | Q(voertuigen__kenteken=postcode)
        )
    if len(words) > 1:
        # Several words match together as they always have: the words a linked person matches are all matched by
        # one and the same person (and so for an address, legal person or vehicle), not each by another one. The
        # joins that say so only read the few signals every word found.
        return Q(pk__in=Signaal.objects.filter(gemeente=gemeente).filter(condition).filter(together).values("pk"))
    return condition


# What the whole of a signal shows besides its own row, each read in one query however many there are.
INHOUD = (
    Prefetch("indicatoren", queryset=Indicator.objects.select_related("fenomeen")),
    Prefetch("adressen", queryset=Adres.objects.select_related("buurt")),
    "personen",
    "rechtspersonen",
    "voertuigen",
)


def get_signaal(user, pk, *, log: bool = True, met_inhoud: bool = False) -> Signaal:
    """A signal the user may see in full, or 404 (also for another tenant's signal). ``log=False`` only for a
    view that logs its own, more precise entry for this read (an attachment download). ``met_inhoud`` reads the
    indicators and subjects along, for a view that shows all of them."""
    if not permissions.has_capability(user, permissions.VIEW_SIGNALS):
        raise Http404
    queryset = _base(user.gemeente)
    if met_inhoud:
        queryset = queryset.select_related("melder").prefetch_related(*INHOUD)
    signaal = get_object_or_404(queryset, pk=parse_uuid(pk))
    if log:
        audit.log(user, "lezen", "signaal.detail", "signaal", [signaal], doel=signaal.doel)
    return signaal


def eigen_meldingen(principal):
    """The signals this user (or partner system's organisation) reported. Status only is shown of them."""
    if not permissions.has_capability(principal, permissions.VIEW_OWN_REPORTS):
        return Signaal.objects.none()
    eerste_weging = Weging.objects.filter(signaal=OuterRef("pk")).order_by("vastgelegd_op").values("vastgelegd_op")[:1]
    queryset = (
        Signaal.objects.filter(gemeente=principal.gemeente)
        .select_related("gemeente__protocol")
        # The first weging's moment per signal as a subquery, not a join with GROUP BY over all the reporter's signals.
        .annotate(eerste_weging_op=Subquery(eerste_weging))
    )
    if getattr(principal, "is_partner_system", False):
        # A partner system speaks for its whole organisation.
        return queryset.filter(melder_organisatie=principal.organisatie)
    return queryset.filter(melder=principal)


def get_eigen_melding(principal, pk) -> Signaal:
    signaal = get_object_or_404(eigen_meldingen(principal), pk=parse_uuid(pk))
    audit.log(principal, "lezen", "signaal.status", "signaal", [signaal])
    return signaal


@dataclass(frozen=True)
class MelderStatusView:
    """What a reporter may know: received, being handled or finished, when, and a plain message."""

    status: MelderStatus
    bijgewerkt: dt.datetime
    bericht: str


def status_for_reporter(signaal) -> MelderStatusView:
    """While the signal's case runs, the reporter sees "in behandeling"; once every case it was
    handed to is closed, "afgerond"."""
    status = melder_status(signaal.status)
    if status == MelderStatus.ONTVANGEN:
        moment = signaal.ontvangen_op
    elif status == MelderStatus.AFGEROND:
        moment = signaal.afgerond_op
    else:
        moment = None
        if signaal.status == Status.CASUS:
            casussen = [k.casus for k in signaal.casus_koppelingen.filter(soort="overdracht").select_related("casus")]
            if casussen and all(not casus.is_open for casus in casussen):
                status = MelderStatus.AFGEROND
                moment = max(casus.gesloten_op for casus in casussen)
        if moment is None:
            if hasattr(signaal, "eerste_weging_op"):
                first = signaal.eerste_weging_op
            else:
                first = signaal.wegingen.order_by("vastgelegd_op").values_list("vastgelegd_op", flat=True).first()
            moment = first or signaal.ontvangen_op
    return MelderStatusView(status, moment, _protocol_settings(signaal.gemeente).bericht_voor(status))


def _protocol_settings(gemeente):
    try:
        return gemeente.protocol  # loaded with select_related on lists
    except ProtocolInstelling.DoesNotExist:
        return instellingen(gemeente)


@dataclass(frozen=True)
class TimelineEvent:
    moment: dt.datetime
    soort: str  # "ontvangen" | "weging" | "bronraadpleging" | "bijlage"
    object: object


def timeline(signaal) -> list[TimelineEvent]:
    events = [TimelineEvent(signaal.ontvangen_op, "ontvangen", signaal)]
    events += [
        TimelineEvent(w.vastgelegd_op, "weging", w)
        for w in signaal.wegingen.select_related("vastgelegd_door", "corrigeert")
    ]
    events += [
        TimelineEvent(r.uitgevoerd_op, "bronraadpleging", r)
        for r in signaal.bronraadplegingen.select_related("uitgevoerd_door", "persoon", "adres", "rechtspersoon")
    ]
    events += [TimelineEvent(b.toegevoegd_op, "bijlage", b) for b in signaal.bijlagen.select_related("toegevoegd_door")]
    return sorted(events, key=lambda event: event.moment)
