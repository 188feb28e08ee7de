"""Remembering lookups for the length of one unit of work (a bulk import), so that reference data that cannot
change meanwhile (the buurt of a postcode area, the current boundaries) is read once instead of once per row.

Outside :func:`onthouden` nothing is remembered: every call computes, as before."""

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("regiekamer_memo", default=None)


@contextmanager
def onthouden():
    """Within this block, :func:`onthoud` remembers what it computed."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def onthoud(sleutel: Hashable, bereken: Callable):
    """``bereken()``, remembered under ``sleutel`` inside an :func:`onthouden` block."""
    memo = _memo.get()
    if memo is None:
        return bereken()
    if sleutel not in memo:
        memo[sleutel] = bereken()
    return memo[sleutel]
