"""Monitoring and escalation ("opschalen"): the daily run of reminders and escalations.

Safe to run more than once a day: a reminder is recorded per action per day, and an escalation is
only raised while no open escalation for the same action or stalled case exists.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit.services import gelogd
from regiekamer.casussen.models import Casus, Escalatie, Herinnering, Interventie
from regiekamer.casussen.services import instellingen, stalled_cutoff
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.delen import selectors as delen_selectors
from regiekamer.delen.models import Categorie
from regiekamer.notifications.services import notify


@dataclass
class DailyRunResult:
    herinneringen: int = 0
    escalaties: list[Escalatie] = field(default_factory=list)


def _reminder_recipients(interventie):
    """The named owner, when an active sharing decision lets them see their own actions in this case;
    otherwise the regisseur (a reminder names the case and the action: case content)."""
    if interventie.eigenaar_id and Categorie.EIGEN_ACTIES in delen_selectors.allowed_categories(
        interventie.eigenaar, interventie.casus
    ):
        return [interventie.eigenaar]
    return [interventie.casus.regisseur]


@transaction.atomic
def run_daily(gemeente, today: dt.date | None = None, now: dt.datetime | None = None) -> DailyRunResult:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    settings_row = instellingen(gemeente)
    result = DailyRunResult()
    overdue = Interventie.objects.filter(
        gemeente=gemeente, status__in=Interventie.OPEN_STATUSES, deadline__lt=today, casus__status=Casus.Status.OPEN
    ).select_related("casus__regisseur", "eigenaar", "soort")
    for interventie in overdue:
        _herinnering, created = Herinnering.objects.get_or_create(interventie=interventie, datum=today)
        if created:
            result.herinneringen += 1
            days = (today - interventie.deadline).days
            for recipient in _reminder_recipients(interventie):
                notify(
                    recipient,
                    _("Herinnering: actie in casus %(nummer)s is %(dagen)d dagen te laat")
                    % {"nummer": interventie.casus.nummer, "dagen": days},
                    _("De actie '%(soort)s' had op %(deadline)s klaar moeten zijn.")
                    % {"soort": interventie.soort.naam, "deadline": interventie.deadline.strftime("%d-%m-%Y")},
                    "/acties/",
                )
        if (today - interventie.deadline).days >= settings_row.escalatie_na_dagen_te_laat:
            escalatie = _escalate(interventie.casus, Escalatie.Reden.ACTIE_TE_LAAT, settings_row, now, interventie)
            if escalatie:
                result.escalaties.append(escalatie)
    stalled = Casus.objects.filter(
        gemeente=gemeente, status=Casus.Status.OPEN, laatste_activiteit_op__lt=stalled_cutoff(gemeente, now)
    ).select_related("regisseur")
    for casus in stalled:
        escalatie = _escalate(casus, Escalatie.Reden.CASUS_STAGNEERT, settings_row, now)
        if escalatie:
            result.escalaties.append(escalatie)
    return result


def _escalate(casus, reden, settings_row, now, interventie=None) -> Escalatie | None:
    earlier = Escalatie.objects.filter(casus=casus, reden=reden, interventie=interventie)
    if earlier.filter(afgehandeld_op__isnull=True).exists():
        return None
    # An action still overdue after a follow-up gets the escalation term again before it is raised anew.
    # (A stalled case needs no pause: the follow-up itself is activity on the case.)
    pause = dt.timedelta(days=settings_row.escalatie_na_dagen_te_laat)
    if interventie is not None and earlier.filter(afgehandeld_op__gt=now - pause).exists():
        return None
    target = settings_row.escalatie_naar
    if (
        target is None
        or not may_receive_escalations(target)
        or getattr(target.gemeente, "pk", None) != casus.gemeente_id
    ):
        # Never escalate case content to someone who may not follow it up (e.g. after a change of role).
        target = casus.regisseur
    escalatie = Escalatie.objects.create(
        gemeente=casus.gemeente, casus=casus, interventie=interventie, reden=reden, naar=target, aangemaakt_op=now
    )
    link = f"/casussen/{casus.pk}/"
    notify(
        target,
        _("Opgeschaald: casus %(nummer)s — %(reden)s")
        % {"nummer": casus.nummer, "reden": escalatie.get_reden_display()},
        _("Een casus vraagt uw aandacht. Leg de opvolging vast bij de escalatie."),
        "/escalaties/",
    )
    if target != casus.regisseur:
        notify(
            casus.regisseur,
            _("Casus %(nummer)s is opgeschaald") % {"nummer": casus.nummer},
            escalatie.get_reden_display(),
            link,
        )
    return escalatie


def may_follow_up(user, escalatie) -> bool:
    """The addressee, or case management, and only with the capability to follow up escalations."""
    return (
        escalatie.gemeente_id == getattr(user.gemeente, "pk", None)
        and permissions.has_capability(user, permissions.FOLLOW_UP_ESCALATIONS)
        and (escalatie.naar_id == user.pk or permissions.has_capability(user, permissions.MANAGE_CASES))
    )


def may_receive_escalations(user) -> bool:
    """Whether escalations may be addressed to this user (``CasusInstelling.escalatie_naar``)."""
    return user is not None and user.is_active and permissions.has_capability(user, permissions.FOLLOW_UP_ESCALATIONS)


@gelogd("wijzigen", "casus.escalatie", "casus", lambda result, arguments: [arguments["escalatie"].casus_id])
def follow_up(user, escalatie, opvolging: str) -> Escalatie:
    """Record the follow-up of an escalation; it is then closed."""
    if not may_follow_up(user, escalatie):
        raise NotAllowed(_("U kunt deze escalatie niet afhandelen."))
    if not escalatie.is_open:
        raise TransitionRefused(_("Deze escalatie is al afgehandeld."))
    if not opvolging.strip():
        raise InvalidInput.field("opvolging", _("Beschrijf de opvolging."), "required")
    escalatie.opvolging = opvolging.strip()
    escalatie.afgehandeld_door = user
    escalatie.afgehandeld_op = timezone.now()
    escalatie.save(update_fields=["opvolging", "afgehandeld_door", "afgehandeld_op"])
    Casus.objects.filter(pk=escalatie.casus_id).update(laatste_activiteit_op=escalatie.afgehandeld_op)
    return escalatie
