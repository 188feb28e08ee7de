"""Aggregate figures for managers, analysts and the privacy officer: counts only, never personal data
or descriptions. Always within the user's gemeente."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.core.errors import NotAllowed
from regiekamer.protocol.machine import FINAL_STATUSES, Status
from regiekamer.signalen.models import Signaal


@dataclass(frozen=True)
class Overzicht:
    open_totaal: int
    te_laat: int
    per_stap: list[tuple[int, int]]  # (stap, aantal)
    per_fenomeen: list[tuple[str, int]]  # (fenomeen, aantal)
    per_buurt: list[tuple[str, int]]  # (buurt or "", aantal)
    afgerond: list[tuple[str, int]]  # (status label, aantal), last 12 months
    afgerond_sinds: dt.date


def overzicht(user) -> Overzicht:
    if not permissions.has_capability(user, permissions.VIEW_AGGREGATES):
        raise NotAllowed(_("U mag geen cijfers inzien."))
    signalen = Signaal.objects.filter(gemeente=user.gemeente)
    open_signalen = signalen.exclude(status__in=FINAL_STATUSES)
    per_stap = dict(open_signalen.values_list("stap").annotate(aantal=Count("id")).order_by())
    per_fenomeen = (
        open_signalen.filter(fenomenen__isnull=False)
        .values_list("fenomenen__naam")
        .annotate(aantal=Count("id", distinct=True))
        .order_by("-aantal", "fenomenen__naam")
    )
    per_buurt = open_signalen.values_list("buurt__naam").annotate(aantal=Count("id")).order_by("-aantal", "buurt__naam")
    sinds = timezone.localdate() - dt.timedelta(days=365)
    afgerond = (
        signalen.filter(status__in=FINAL_STATUSES, afgerond_op__date__gte=sinds)
        .values_list("status")
        .annotate(aantal=Count("id"))
        .order_by("-aantal", "status")
    )
    return Overzicht(
        open_totaal=open_signalen.count(),
        te_laat=open_signalen.filter(termijn__lt=timezone.localdate()).count(),
        per_stap=[(stap, per_stap.get(stap, 0)) for stap in (1, 2, 3, 4)],
        per_fenomeen=list(per_fenomeen),
        per_buurt=[(naam or "", aantal) for naam, aantal in per_buurt],
        afgerond=[(Status(status).label, aantal) for status, aantal in afgerond],
        afgerond_sinds=sinds,
    )
