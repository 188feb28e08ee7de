"""Database helpers that hold under concurrent requests, on PostgreSQL and on SQLite."""

from django.db import IntegrityError, transaction


def locked_row(model, defaults: dict | None = None, **lookup):
    """The row of ``model`` matching ``lookup`` (a unique key), created if missing, locked until the end of the
    surrounding transaction. Unlike ``select_for_update().get_or_create()`` two requests that both find no row do
    not race to insert it: the insert ignores a conflict and both then lock the one row."""
    rows = model.objects.select_for_update()
    try:
        return rows.get(**lookup)
    except model.DoesNotExist:
        model.objects.bulk_create([model(**lookup, **(defaults or {}))], ignore_conflicts=True)
        return rows.get(**lookup)


def get_or_insert(queryset, create):
    """``queryset.first()``, or the result of ``create()`` when there is none. When a concurrent request inserted
    the same unique key first, the insert fails inside a savepoint and the row that request stored is returned.
    Returns ``(object, created)``."""
    existing = queryset.first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = queryset.first()
        if existing is None:
            raise
        return existing, False
