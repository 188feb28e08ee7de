"""Questions the privacyfunctionaris asks of the log. Always within one gemeente; no case or signal content."""

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from regiekamer.audit.models import Verwerking


def gerelateerde_ids(persoon) -> list[str]:
    """The person (and the persons merged into it) and the signals and cases linked to them (as subject of a
    signal or betrokkene of a case)."""
    from regiekamer.casussen.models import Betrokkene, CasusSignaal

    ids = {str(persoon.pk)}
    # Persons merged into this one: what was logged about them was about this person.
    ids |= {str(pk) for pk in persoon.samengevoegde_ids()}
    signalen = list(persoon.signalen.values_list("pk", flat=True))
    ids |= {str(pk) for pk in signalen}
    # The cases as two index reads (betrokkene, signal links), not an OR over joins of every case of the gemeente.
    gemeente = persoon.gemeente
    casussen = set(Betrokkene.objects.filter(persoon=persoon, casus__gemeente=gemeente).values_list("casus", flat=True))
    casussen |= set(
        CasusSignaal.objects.filter(signaal__in=signalen, casus__gemeente=gemeente).values_list("casus", flat=True)
    )
    ids |= {str(pk) for pk in casussen}
    return sorted(ids)


def naming_any(object_ids) -> Q:
    """Log entries that name any of ``object_ids`` (UUIDs as the log stores them: lower case, with dashes).

    On PostgreSQL the entries whose JSON list contains an id (``@>``) are read from the GIN index on ``object_ids``
    (audit migrations 0003-0004), one index read per id, and their ids joined in a ``UNION``. Asked as one ``OR`` of
    all ids, PostgreSQL may instead read the whole log and decompress every entry, as it does not count that cost:
    a log of few but long entries (the load-test database's) made that the estimated cheaper plan. Elsewhere (SQLite) a
    text match on the JSON: a UUID is never part of another string in the list, so the match is just as exact."""
    object_ids = [str(object_id) for object_id in object_ids]
    if not object_ids:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        per_id = [
            Verwerking.objects.filter(object_ids__contains=[object_id]).order_by().values("pk")
            for object_id in object_ids
        ]
        return Q(pk__in=per_id[0].union(*per_id[1:]) if len(per_id) > 1 else per_id[0])
    return reduce(or_, (Q(object_ids__icontains=object_id) for object_id in object_ids))


def verwerkingen_over(persoon, sinds: dt.datetime | None = None):
    """Who processed anything about this person (directly, or one of their signals or cases) since ``sinds``."""
    sinds = sinds or timezone.now() - dt.timedelta(days=365)
    return (
        Verwerking.objects.filter(gemeente=persoon.gemeente, tijdstip__gte=sinds)
        .filter(naming_any(gerelateerde_ids(persoon)))
        .order_by("-tijdstip")
    )


def wegingen_zonder_toelichting(gemeente):
    from regiekamer.protocol.models import Weging

    # The toelichting is encrypted, but an empty one is stored empty (Weging.save strips it first), so the
    # database can find them without decrypting every weging of the gemeente.
    return (
        Weging.objects.filter(gemeente=gemeente, toelichting="")
        .select_related("vastgelegd_door")
        .only("id", "soort", "uitkomst", "vastgelegd_op", "rol", "vastgelegd_door__username", "signaal_id")
        .order_by("-vastgelegd_op")
    )


@dataclass(frozen=True)
class LogFilter:
    """The processing log of a gemeente narrowed down: local dates ``van`` to ``tot`` (inclusive), a user (the
    username the entry keeps), an organisation (its name as logged) and an action."""

    van: dt.date | None = None
    tot: dt.date | None = None
    gebruiker: str = ""
    organisatie: str = ""
    actie: str = ""


def logboek(gemeente, filters: LogFilter):
    """The gemeente's log entries that pass the filters, newest first (the chain's own order)."""
    queryset = Verwerking.objects.filter(gemeente=gemeente)
    if filters.van:
        queryset = queryset.filter(tijdstip__gte=_dagbegin(filters.van))
    if filters.tot:
        queryset = queryset.filter(tijdstip__lt=_dagbegin(filters.tot + dt.timedelta(days=1)))
    if filters.gebruiker:
        queryset = queryset.filter(gebruiker=filters.gebruiker)
    if filters.organisatie:
        queryset = queryset.filter(organisatie=filters.organisatie)
    if filters.actie:
        queryset = queryset.filter(actie=filters.actie)
    return queryset.order_by("-volgnummer")


def _dagbegin(dag: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time.min))


def logkeuzes(gemeente) -> tuple[list[tuple[str, str]], list[str]]:
    """The gemeente's accounts (username, name) and organisations, for the filter's choices: read from the accounts,
    not from the log, which grows without end."""
    from regiekamer.accounts.models import Organisatie, User

    gebruikers = [
        (u.username, f"{u.get_full_name() or u.username} ({u.username})")
        for u in User.objects.filter(organisatie__gemeente=gemeente).order_by("last_name", "first_name", "username")
    ]
    organisaties = list(Organisatie.objects.filter(gemeente=gemeente).order_by("naam").values_list("naam", flat=True))
    return gebruikers, organisaties


def namen_van(gebruikersnamen) -> dict[str, str]:
    """Full names of the accounts behind these usernames (an account removed since keeps its username only)."""
    from regiekamer.accounts.models import User

    return {
        u.username: (u.get_full_name() or u.username)
        for u in User.objects.filter(username__in=set(gebruikersnamen)).only("username", "first_name", "last_name")
    }
