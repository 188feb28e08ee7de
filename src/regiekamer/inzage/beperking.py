"""Restriction of processing (art. 18 AVG): the one place that says whether a person is restricted.

Every enforcement point asks here: searches (``subjects.selectors``, the worklist search in
``signalen.selectors``), source queries (``bronnen.services``), suggestions of betrokkenen and the changes in
``inzage.services``. A restricted person's data stays stored; it is only not processed further."""

from django.db.models import Exists, OuterRef

from regiekamer.inzage.models import Beperking


def actieve_beperking(persoon) -> Beperking | None:
    return Beperking.objects.filter(gemeente_id=persoon.gemeente_id, persoon=persoon, opgeheven_op=None).first()


def is_restricted(persoon) -> bool:
    if hasattr(persoon, "is_beperkt"):  # read with the list (met_beperking)
        return persoon.is_beperkt
    return Beperking.objects.filter(gemeente_id=persoon.gemeente_id, persoon=persoon, opgeheven_op=None).exists()


def met_beperking(personen):
    """``personen`` with ``is_beperkt`` read in the same query, so a list of names asks no question per person."""
    actief = Beperking.objects.filter(persoon=OuterRef("pk"), opgeheven_op=None)
    return personen.annotate(is_beperkt=Exists(actief))


def restricted_ids(gemeente=None):
    """A subquery of the ids of restricted persons (of one gemeente, when given)."""
    queryset = Beperking.objects.filter(opgeheven_op=None)
    if gemeente is not None:
        queryset = queryset.filter(gemeente=gemeente)
    return queryset.values("persoon_id")


def exclude_restricted(personen, field: str = "pk"):
    """Leave restricted persons out of a queryset (``field`` names the person id in it)."""
    return personen.exclude(**{f"{field}__in": restricted_ids()})
