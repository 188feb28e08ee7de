"""Migration operations for what only PostgreSQL has, such as trigram indexes: on SQLite (the demo) they do
nothing, and the code that the index serves runs there as it is, without the index.

A trigram index (``pg_trgm``, shipped with PostgreSQL and trusted since version 13, so a database owner may
create it) answers ``LIKE '%term%'``, which is how ``contains`` and ``icontains`` are written in SQL, from the index
instead of reading every row. The index is on the expression exactly as Django writes the lookup: ``icontains`` on
PostgreSQL compares ``UPPER(column::text)``, ``contains`` the column itself.
"""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """``RunSQL`` that runs on PostgreSQL only. Nothing in the model state changes."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def trigram_index(name: str, table: str, column: str, upper: bool = False) -> PostgresOnlySQL:
    """A GIN trigram index on ``column`` (``upper``: on ``UPPER(column::text)``, for ``icontains``)."""
    expression = f"UPPER(({column})::text)" if upper else column
    return PostgresOnlySQL(
        sql=[
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)",
        ],
        reverse_sql=f"DROP INDEX IF EXISTS {name}",
    )
