"""Writing generated rows in bulk: ``COPY ... FROM STDIN`` on PostgreSQL, ``executemany`` elsewhere (SQLite).

Rows are tuples in the column order of a :class:`Table`. Values are what the database column holds after Django's
field preparation, with two exceptions the generator takes care of itself: encrypted fields arrive encrypted (the
generator calls the field's own ``get_db_prep_save``, so the ciphertext is exactly what the application writes) and
JSON columns arrive as JSON text. Ids are UUID strings in the canonical dashed form.
"""

import dataclasses
import datetime as dt

from django.db import connection
from django.db.models import NOT_PROVIDED, JSONField

from regiekamer.core.fields import EncryptedMixin


class Table:
    """The columns the loader writes into one model's table, in order.

    Concrete fields the loader does not name are filled with the field's default on every row, so that a field
    added to the model later (with a default) does not break the loader; a field without a default that may not be
    empty is an error here, not a failed COPY halfway through a load.
    """

    def __init__(self, model, names: tuple[str, ...]):
        meta = model._meta
        self.model = model
        self.name = meta.db_table
        self.fields = [meta.get_field(name) for name in names]
        named = {field.attname for field in self.fields}
        self.default_fields = []
        for field in meta.concrete_fields:
            if field.attname in named or (field.primary_key and field.get_internal_type() in _AUTO_FIELDS):
                continue
            if field.default is NOT_PROVIDED and not field.null:
                raise RuntimeError(f"The bulk loader does not fill {meta.label}.{field.name}, which has no default.")
            self.default_fields.append(field)
        self.all_fields = self.fields + self.default_fields
        self.columns = [field.column for field in self.all_fields]
        # Prepared by the generator itself: ciphertext and JSON text.
        self.raw = [isinstance(field, EncryptedMixin | JSONField) for field in self.all_fields]
        # Where the ciphertext goes when the values were encrypted in a worker (encryption.DeferredEncryptors).
        self.encrypted = [index for index, field in enumerate(self.fields) if isinstance(field, EncryptedMixin)]

    def defaults(self, conn) -> tuple:
        values = []
        for field in self.default_fields:
            value = field.get_default()
            if isinstance(field, EncryptedMixin):
                value = field.get_db_prep_save(value, conn)
            elif isinstance(field, JSONField):
                value = field.get_prep_value(value)
                value = None if value is None else _json_text(field, value)
            values.append(value)
        return tuple(values)


_AUTO_FIELDS = {"AutoField", "BigAutoField", "SmallAutoField"}


def _json_text(field, value) -> str:
    import json

    return json.dumps(value, cls=field.encoder)


class PostgresWriter:
    """COPY in text format through psycopg 3 (``cursor.copy``), inside the current transaction.

    The statements and default values are prepared in the constructor, so :meth:`write` touches only the psycopg
    cursor and may run in a background thread while the thread that owns the connection does not use it."""

    def __init__(self, tables: list[Table], conn=connection):
        quote = conn.ops.quote_name
        self.cursor = conn.cursor()
        self.raw = self.cursor.cursor  # psycopg's own cursor
        self.sql, self.extra = {}, {}
        for table in tables:
            columns = ", ".join(quote(column) for column in table.columns)
            # Only identifiers are formatted in: the model's own table and column names, quoted by the backend.
            self.sql[table.name] = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
            self.extra[table.name] = table.defaults(conn)

    def write(self, table: Table, rows: list[tuple], ciphers: list[str] | None = None) -> None:
        if not rows:
            return
        extra = self.extra[table.name]
        if ciphers is not None and table.encrypted:
            rows = with_ciphertext(rows, table.encrypted, ciphers)
        with self.raw.copy(self.sql[table.name]) as copy:
            write = copy.write_row
            if extra:
                for row in rows:
                    write(row + extra)
            else:
                for row in rows:
                    write(row)

    def close(self) -> None:
        self.cursor.close()


class InsertWriter:
    """``executemany`` of one INSERT per table, values prepared by the model fields (SQLite and others)."""

    def __init__(self, tables: list[Table], conn=connection):
        quote = conn.ops.quote_name
        self.cursor = conn.cursor()
        self.sql, self.extra, self.preparers = {}, {}, {}
        for table in tables:
            columns = ", ".join(quote(column) for column in table.columns)
            placeholders = ", ".join(["%s"] * len(table.columns))
            # Only identifiers are formatted in: the model's own table and column names, quoted by the backend.
            self.sql[table.name] = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608 - identifiers only
            self.extra[table.name] = list(table.defaults(conn))
            self.preparers[table.name] = [
                None if raw else _preparer(field, conn)
                for field, raw in zip(table.fields, table.raw[: len(table.fields)], strict=True)
            ]

    def write(self, table: Table, rows: list[tuple], ciphers: list[str] | None = None) -> None:
        if not rows:
            return
        if ciphers is not None and table.encrypted:
            rows = with_ciphertext(rows, table.encrypted, ciphers)
        preparers, extra = self.preparers[table.name], self.extra[table.name]
        params = [
            [value if prepare is None else prepare(value) for prepare, value in zip(preparers, row, strict=True)]
            + extra
            for row in rows
        ]
        self.cursor.executemany(self.sql[table.name], params)

    def close(self) -> None:
        self.cursor.close()


def with_ciphertext(rows: list[tuple], positions: list[int], ciphers: list[str]) -> list[tuple]:
    """Rows with the job index at ``positions`` replaced by the ciphertext of that job. (A literal empty string is
    what an encrypted field stores for an empty value; it stays.)"""
    result = []
    for row in rows:
        values = list(row)
        for position in positions:
            job = values[position]
            if type(job) is int:
                values[position] = ciphers[job]
        result.append(tuple(values))
    return result


def _preparer(field, conn):
    prepare = field.get_db_prep_save
    return lambda value: None if value is None else prepare(value, conn)


def writer_for(tables: list[Table], conn=connection):
    return PostgresWriter(tables, conn) if conn.vendor == "postgresql" else InsertWriter(tables, conn)


# --- PostgreSQL: keys and indexes built once at the end ------------------------------------------------------------


@dataclasses.dataclass
class Suspended:
    """The constraints and indexes set aside for a load, with their definitions, to add back in this order."""

    keys: list[tuple[str, str, str]] = dataclasses.field(
        default_factory=list
    )  # (table, name, definition): primary and unique
    indexes: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (name, CREATE INDEX statement)
    foreign_keys: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # (table, name, definition)


def suspend_constraints(tables: list[Table], conn=connection) -> Suspended:
    """Drop the keys, indexes and foreign keys of ``tables`` (and the foreign keys that point at them) for the load.

    Every COPY'd row would otherwise fire one check per foreign key (about 3 µs each) and land at a random place in
    every B-tree of its table; with random UUIDs that touches a new page per row, and after each checkpoint every
    page touched goes to the write-ahead log in full (tens of gigabytes for a million signals). Built afterwards,
    each index is one sort and each foreign key one join. All of this happens inside the load's transaction: a
    duplicate key or a dangling reference fails the re-add and rolls the whole load back, and no other session ever
    sees a table without its constraints (they wait for its lock). Check constraints stay. Only on PostgreSQL.
    """
    suspended = Suspended()
    if conn.vendor != "postgresql":
        return suspended
    names = sorted({table.name for table in tables})
    quote = conn.ops.quote_name
    with conn.cursor() as cursor:
        # Check what this transaction wrote before (the default demo): a table with pending deferred checks cannot
        # be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.contype = 'f' AND (c.conrelid = ANY(%s::regclass[]) OR c.confrelid = ANY(%s::regclass[])) "
            "ORDER BY 1, 2",
            [names, names],
        )
        suspended.foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.contype IN ('p', 'u') AND c.conrelid = ANY(%s::regclass[]) ORDER BY c.contype, 1, 2",
            [names],
        )
        suspended.keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x') "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND c.oid IS NULL ORDER BY 1",
            [names],
        )
        suspended.indexes = cursor.fetchall()
        for table, name, _definition in suspended.foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for table, name, _definition in suspended.keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _definition in suspended.indexes:
            cursor.execute(f"DROP INDEX {name}")
    return suspended


def restore_keys_and_indexes(suspended: Suspended, conn=connection) -> None:
    """Build the primary keys, unique constraints and indexes again, with their own names and definitions."""
    if not (suspended.keys or suspended.indexes):
        return
    quote = conn.ops.quote_name
    with conn.cursor() as cursor:
        # Room to sort the larger indexes in memory; for this transaction only.
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for table, name, definition in suspended.keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
        for _name, definition in suspended.indexes:
            cursor.execute(definition)


def restore_foreign_keys(suspended: Suspended, conn=connection) -> None:
    """Add the foreign keys back exactly as they were; PostgreSQL checks every row."""
    per_table: dict[str, list[str]] = {}
    quote = conn.ops.quote_name
    for table, name, definition in suspended.foreign_keys:
        per_table.setdefault(table, []).append(f"ADD CONSTRAINT {quote(name)} {definition}")
    with conn.cursor() as cursor:
        for table, clauses in per_table.items():
            cursor.execute(f"ALTER TABLE {table} {', '.join(clauses)}")


def analyze(tables: list[Table], conn=connection) -> None:
    """Fresh planner statistics for the loaded tables."""
    quote = conn.ops.quote_name
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(sorted({quote(table.name) for table in tables})))
        elif conn.vendor == "sqlite":
            cursor.execute("ANALYZE")


def utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)
