"""Paging a large list whose number of rows is worked out more cheaply than by ``COUNT(*)`` over the list's own
query. Django's ``Paginator`` and DRF's page-number pagination only count, slice and check the order of what they
are given, so a queryset wrapped here pages exactly as the queryset itself would."""

from collections.abc import Callable
from functools import cached_property


class CountedQuerySet:
    """``queryset`` for a paginator, with ``count`` the exact number of its rows."""

    def __init__(self, queryset, count: Callable[[], int]):
        self.queryset = queryset
        self._count = count

    @property
    def ordered(self) -> bool:
        return self.queryset.ordered

    @cached_property
    def _number(self) -> int:
        return self._count()

    def count(self) -> int:
        return self._number

    def __len__(self) -> int:
        return self._number

    def __getitem__(self, key):
        return self.queryset[key]

    def __iter__(self):
        return iter(self.queryset)
