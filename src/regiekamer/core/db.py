"""Database helpers that hold under concurrent requests, on PostgreSQL and on SQLite."""

from django.db import IntegrityError, connection, transaction


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


class ColumnWriter:
    """Sets columns of many rows by primary key: on PostgreSQL COPY into a temporary table and one ``UPDATE ...
    FROM``; elsewhere ``UPDATE ... WHERE pk = %s`` in prepared batches."""

    BATCH = 20_000

    def __init__(self, model, fields: list[str]):
        self.meta = model._meta
        self.columns = [self.meta.get_field(name) for name in fields]
        self.rows: list = []
        self.count = 0
        self.postgres = connection.vendor == "postgresql"
        quote = connection.ops.quote_name
        self.table = quote(self.meta.db_table)
        self.pk = quote(self.meta.pk.column)
        self.names = [quote(column.column) for column in self.columns]
        if self.postgres:
            with connection.cursor() as cursor:
                # Only identifiers are formatted in (this model's own table and columns, quoted).
                cursor.execute(
                    f"CREATE TEMPORARY TABLE kolommen_bijwerken ON COMMIT DROP AS "  # noqa: S608  # nosec B608
                    f"SELECT {self.pk}, {', '.join(self.names)} FROM {self.table} LIMIT 0"
                )

    def add(self, pk, values) -> None:
        self.rows.append((pk, values))
        if len(self.rows) >= self.BATCH:
            self._write()

    def _write(self) -> None:
        if not self.rows:
            return
        self.count += len(self.rows)
        with connection.cursor() as cursor:
            if self.postgres:
                columns = ", ".join([self.pk, *self.names])
                with cursor.cursor.copy(f"COPY kolommen_bijwerken ({columns}) FROM STDIN") as copy:
                    for pk, values in self.rows:
                        copy.write_row((pk, *values))
            else:
                assignments = ", ".join(f"{name} = %s" for name in self.names)
                # Only identifiers are formatted in; every value is a query parameter.
                sql = f"UPDATE {self.table} SET {assignments} WHERE {self.pk} = %s"  # noqa: S608  # nosec B608
                cursor.executemany(
                    sql,
                    [
                        [c.get_db_prep_save(v, connection) for c, v in zip(self.columns, values, strict=True)]
                        + [self.meta.pk.get_db_prep_value(pk, connection)]
                        for pk, values in self.rows
                    ],
                )
        self.rows = []

    def finish(self) -> int:
        self._write()
        if self.postgres:
            assignments = ", ".join(f"{name} = k.{name}" for name in self.names)
            with connection.cursor() as cursor:
                # Only identifiers are formatted in.
                cursor.execute(
                    f"UPDATE {self.table} t SET {assignments} FROM kolommen_bijwerken k "  # noqa: S608  # nosec B608
                    f"WHERE t.{self.pk} = k.{self.pk}"
                )
                cursor.execute("DROP TABLE kolommen_bijwerken")
        return self.count
