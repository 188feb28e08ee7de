"""Restriction of processing (art. 18 AVG): the one place that says whether a person is restricted.

Every enforcement point asks here: searches (``subjects.selectors``, the worklist search in
``signalen.selectors``), source queries (``bronnen.services``), suggestions of betrokkenen and the changes in
``inzage.services``. A restricted person's data stays stored; it is only not processed further."""

from regiekamer.inzage.models import Beperking


def actieve_beperking(persoon) -> Beperking | None:
    return Beperking.objects.filter(gemeente_id=persoon.gemeente_id, persoon=persoon, opgeheven_op=None).first()


def is_restricted(persoon) -> bool:
    return Beperking.objects.filter(gemeente_id=persoon.gemeente_id, persoon=persoon, opgeheven_op=None).exists()


def restricted_ids(gemeente=None):
    """A subquery of the ids of restricted persons (of one gemeente, when given)."""
    queryset = Beperking.objects.filter(opgeheven_op=None)
    if gemeente is not None:
        queryset = queryset.filter(gemeente=gemeente)
    return queryset.values("persoon_id")


def exclude_restricted(personen, field: str = "pk"):
    """Leave restricted persons out of a queryset (``field`` names the person id in it)."""
    return personen.exclude(**{f"{field}__in": restricted_ids()})
