"""On PostgreSQL a GIN index on the ids each log entry names, so that the entries about a person (their signals and
cases) are found from the index (``object_ids @> '["<id>"]'`` per id, audit.selectors.naming_any) instead of by
matching the text of every entry. ``jsonb_path_ops`` keeps the index small and makes PostgreSQL prefer it even when
the log has few but long entries. Built concurrently: the log is written by every request. SQLite keeps the text
match."""

from django.db import migrations

from regiekamer.core.pg import PostgresOnlySQL


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("audit", "0002_actie_vernietigen"),
    ]

    operations = [
        PostgresOnlySQL(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS verwerking_object_ids "
            "ON audit_verwerking USING gin (object_ids jsonb_path_ops)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS verwerking_object_ids",
        ),
    ]
