"""Case meetings: planning, the agenda built from the cases that need discussion, minutes per case,
decisions and action points that become interventions in the plan."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.accounts.models import User
from regiekamer.audit.services import gelogd
from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import Casus, CasusSignaal, Interventie
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.notifications.services import notify
from regiekamer.overleggen.models import Agendapunt, BesprekingsVerzoek, Overleg


def _require_regie(user, gemeente=None):
    if not permissions.has_capability(user, permissions.MANAGE_CASES):
        raise NotAllowed(_("U mag geen overleggen plannen of notuleren."))
    if gemeente is not None and gemeente.pk != user.gemeente.pk:
        raise NotAllowed(_("Dit overleg hoort niet bij uw gemeente."))


@gelogd("aanmaken", "overleg.plannen", "overleg", lambda overleg, _arguments: [overleg])
def plan_overleg(user, soort: str, titel: str, datum: dt.datetime, deelnemer_ids: list) -> Overleg:
    _require_regie(user)
    errors = []
    if soort not in Overleg.Soort.values:
        errors.append({"name": "soort", "code": "invalid", "reason": _("Kies een soort overleg.")})
    if not titel.strip():
        errors.append({"name": "titel", "code": "required", "reason": _("Geef het overleg een titel.")})
    if not isinstance(datum, dt.datetime):
        errors.append({"name": "datum", "code": "required", "reason": _("Geef datum en tijd.")})
    deelnemers = list(
        User.objects.filter(
            pk__in=[int(i) for i in deelnemer_ids if str(i).isdigit()], organisatie__gemeente=user.gemeente
        )
    )
    if len(deelnemers) != len(set(deelnemer_ids)):
        errors.append({"name": "deelnemers", "code": "invalid", "reason": _("Onbekende deelnemers.")})
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    overleg = Overleg.objects.create(
        gemeente=user.gemeente, soort=soort, titel=titel.strip(), datum=datum, voorzitter=user
    )
    overleg.deelnemers.set(deelnemers)
    for deelnemer in deelnemers:
        if deelnemer != user:
            notify(
                deelnemer,
                _("Uitnodiging: %(titel)s") % {"titel": overleg.titel},
                _("U bent uitgenodigd voor een overleg op %(datum)s.")
                % {"datum": timezone.localtime(datum).strftime("%d-%m-%Y %H:%M")},
                f"/overleggen/{overleg.pk}/",
            )
    return overleg


@gelogd("wijzigen", "casus.bespreking", "casus", lambda verzoek, _arguments: [verzoek.casus_id])
def request_bespreking(user, casus, reden: str) -> BesprekingsVerzoek:
    from regiekamer.casussen.selectors import zichtbare_casussen

    if not zichtbare_casussen(user).filter(pk=casus.pk).exists():
        raise NotAllowed(_("U neemt geen deel aan deze casus."))
    if not reden.strip():
        raise InvalidInput.field("reden", _("Waarom moet de casus besproken worden?"), "required")
    return BesprekingsVerzoek.objects.create(
        gemeente=casus.gemeente, casus=casus, aangevraagd_door=user, reden=reden.strip()[:300]
    )


def agenda_candidates(gemeente, now=None) -> list[tuple[Casus, str]]:
    """Open cases that need discussion and why: requested, actions overdue, stalled, new signal, new case
    (one that was never on an agenda)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_cases = Casus.objects.filter(gemeente=gemeente, status=Casus.Status.OPEN)
    reasons: dict = {}

    def add(cases, reden):
        for casus in cases:
            reasons.setdefault(casus.pk, (casus, reden))

    # Both conditions on the same join: a case with an open request (not every case without one).
    add(
        open_cases.filter(besprekingsverzoeken__isnull=False, besprekingsverzoeken__agendapunt__isnull=True).distinct(),
        Agendapunt.Reden.AANGEVRAAGD,
    )
    add(
        open_cases.filter(
            interventies__status__in=Interventie.OPEN_STATUSES, interventies__deadline__lt=today
        ).distinct(),
        Agendapunt.Reden.TE_LAAT,
    )
    add(
        open_cases.filter(laatste_activiteit_op__lt=casus_services.stalled_cutoff(gemeente, now)),
        Agendapunt.Reden.STAGNEERT,
    )
    add(
        open_cases.filter(
            casus_signalen__soort=CasusSignaal.Soort.NIEUW, casus_signalen__gezien_op__isnull=True
        ).distinct(),
        Agendapunt.Reden.NIEUW_SIGNAAL,
    )
    add(open_cases.filter(agendapunten__isnull=True), Agendapunt.Reden.NIEUW)
    return sorted(reasons.values(), key=lambda item: (list(Agendapunt.Reden.values).index(item[1]), item[0].nummer))


@transaction.atomic
def build_agenda(user, overleg) -> list[Agendapunt]:
    """Put every case that needs discussion on the agenda (once)."""
    _require_regie(user, overleg.gemeente)
    if overleg.gehouden:
        raise TransitionRefused(_("Dit overleg is al gehouden."))
    already = set(overleg.agendapunten.values_list("casus_id", flat=True))
    start = (overleg.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    added = []
    for offset, (casus, reden) in enumerate(
        [(c, r) for c, r in agenda_candidates(overleg.gemeente) if c.pk not in already]
    ):
        added.append(add_agendapunt(user, overleg, casus, reden, volgorde=start + offset))
    return added


@gelogd("wijzigen", "overleg.agendapunt", "casus", lambda punt, _arguments: [punt.casus_id])
def add_agendapunt(user, overleg, casus, reden=Agendapunt.Reden.AANGEVRAAGD, volgorde=None) -> Agendapunt:
    _require_regie(user, overleg.gemeente)
    if casus.gemeente_id != overleg.gemeente_id:
        raise InvalidInput.field("casus", _("Onbekende casus."), "invalid")
    if volgorde is None:
        volgorde = (overleg.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    punt, _created = Agendapunt.objects.get_or_create(
        overleg=overleg, casus=casus, defaults={"gemeente": overleg.gemeente, "reden": reden, "volgorde": volgorde}
    )
    BesprekingsVerzoek.objects.filter(casus=casus, agendapunt__isnull=True).update(agendapunt=punt)
    return punt


@gelogd("wijzigen", "overleg.notulen", "casus", lambda punt, _arguments: [punt.casus_id])
def record_notulen(
    user, punt, notulen: str, besluiten: str, actiepunten: list[casus_services.InterventieInvoer] | None = None
) -> Agendapunt:
    """Minutes and decisions for one case; action points become interventions in its plan. The plan
    version after this discussion is recorded as the plan agreed in this meeting."""
    _require_regie(user, punt.overleg.gemeente)
    if not (notulen.strip() or besluiten.strip()):
        raise InvalidInput.field("notulen", _("Leg notulen of besluiten vast."), "required")
    for index, actiepunt in enumerate(actiepunten or []):
        try:
            casus_services.add_interventie(user, punt.casus, actiepunt, agendapunt=punt)
        except InvalidInput as error:
            # Say which action point was refused, so a form can show the reason on that row.
            error.invalid_params = [{**param, "actiepunt": index} for param in error.invalid_params]
            raise
    punt.notulen, punt.besluiten = notulen.strip(), besluiten.strip()
    punt.planversie = casus_services._record_version(
        punt.casus, user, _("Besproken in %(overleg)s") % {"overleg": punt.overleg.titel}
    )
    punt.save(update_fields=["notulen", "besluiten", "planversie"])
    punt.casus.casus_signalen.filter(gezien_op__isnull=True).update(gezien_op=timezone.now())
    if not punt.overleg.gehouden:
        punt.overleg.gehouden = True
        punt.overleg.save(update_fields=["gehouden"])
    return punt


def agenda_for(viewer, overleg) -> list[Agendapunt]:
    """The agenda items a participant may see: the regisseur side sees all; a partner only the cases
    their organisation or they themselves take part in. Each participant's copy of the agenda and
    the minutes is built from this, so nobody reads about cases they have no part in."""
    from regiekamer.casussen.selectors import zichtbare_casussen

    punten = overleg.agendapunten.select_related("casus", "planversie").order_by("volgorde")
    visible = set(zichtbare_casussen(viewer).filter(pk__in=[p.casus_id for p in punten]).values_list("pk", flat=True))
    return [punt for punt in punten if punt.casus_id in visible]


def may_view_overleg(viewer, overleg) -> bool:
    if viewer.gemeente is None or overleg.gemeente_id != viewer.gemeente.pk:
        return False
    return (
        permissions.has_capability(viewer, permissions.VIEW_CASES) or overleg.deelnemers.filter(pk=viewer.pk).exists()
    )
