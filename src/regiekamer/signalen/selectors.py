"""Reads of signals. Every function takes the acting user (or partner system) and never crosses tenants."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Min, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.core.ids import parse_uuid
from regiekamer.core.text import fold, has_letter_or_digit
from regiekamer.inzage.beperking import exclude_restricted
from regiekamer.protocol.machine import FINAL_STATUSES, MelderStatus, Status, melder_status
from regiekamer.protocol.models import ProtocolInstelling
from regiekamer.protocol.services import instellingen
from regiekamer.signalen.models import Fenomeen, Signaal
from regiekamer.subjects.models import Persoon


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


def _base(gemeente):
    return (
        Signaal.objects.filter(gemeente=gemeente)
        .select_related("buurt", "melder_organisatie")
        .prefetch_related(Prefetch("fenomenen", queryset=Fenomeen.objects.only("id", "code", "naam")))
    )


def werkvoorraad(user, filters: WerkvoorraadFilter | None = None):
    """The regisseur's worklist: open signals of the user's gemeente, overdue first, then by deadline."""
    if not permissions.has_capability(user, permissions.VIEW_SIGNALS):
        return Signaal.objects.none()
    filters = filters or WerkvoorraadFilter()
    today = timezone.localdate()
    queryset = _base(user.gemeente)
    if filters.open_only and not filters.status:
        queryset = queryset.exclude(status__in=FINAL_STATUSES)
    if filters.stap:
        queryset = queryset.filter(stap=filters.stap)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.fenomeen:
        queryset = queryset.filter(fenomenen__code=filters.fenomeen)
    if filters.buurt:
        queryset = queryset.filter(buurt_id=filters.buurt)
    if filters.organisatie:
        queryset = queryset.filter(melder_organisatie_id=filters.organisatie)
    if filters.te_laat:
        queryset = queryset.filter(termijn__lt=today).exclude(status__in=FINAL_STATUSES)
    if filters.zoek.strip():
        queryset = queryset.filter(_search_condition(filters.zoek))
    return (
        queryset.annotate(
            overdue=Case(When(termijn__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("overdue", "termijn", "-ontvangen_op")
        .distinct()
    )


def _search_condition(query: str) -> Q:
    """Search over number, location, linked persons, addresses and legal persons. Not over the description: it is
    stored encrypted and cannot be searched in the database."""
    words = [word for word in query.split() if has_letter_or_digit(word)]
    if not words:
        return Q(pk__in=[])  # nothing to search for: no signal, never every signal
    condition = Q()
    for word in words:
        postcode = word.replace(" ", "").upper()
        # A name word as the name keys hold it; one word may fold into several ("Jean-Luc").
        persons = Persoon.objects.all()
        for folded in fold(word).split():
            persons = persons.filter(naam_sleutel__contains=folded)
        condition &= (
            Q(nummer__icontains=word)
            | Q(locatie__icontains=word)
            | Q(personen__in=exclude_restricted(persons))
            | Q(adressen__postcode__startswith=postcode)
            | Q(adressen__straat__icontains=word)
            | Q(rechtspersonen__naam__icontains=word)
            | Q(voertuigen__kenteken=postcode)
        )
    return condition


def get_signaal(user, pk, *, log: bool = True) -> Signaal:
    """A signal the user may see in full, or 404 (also for another tenant's signal). ``log=False`` only for a
    view that logs its own, more precise entry for this read (an attachment download)."""
    if not permissions.has_capability(user, permissions.VIEW_SIGNALS):
        raise Http404
    signaal = get_object_or_404(_base(user.gemeente), pk=parse_uuid(pk))
    if log:
        audit.log(user, "lezen", "signaal.detail", "signaal", [signaal], doel=signaal.doel)
    return signaal


def eigen_meldingen(principal):
    """The signals this user (or partner system's organisation) reported. Status only is shown of them."""
    if not permissions.has_capability(principal, permissions.VIEW_OWN_REPORTS):
        return Signaal.objects.none()
    queryset = (
        Signaal.objects.filter(gemeente=principal.gemeente)
        .select_related("gemeente__protocol")
        .annotate(eerste_weging_op=Min("wegingen__vastgelegd_op"))
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
