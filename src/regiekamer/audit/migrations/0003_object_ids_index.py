"""On PostgreSQL a GIN index on the ids each log entry names, so that the entries about a person (their signals and
cases) are found from the index (``object_ids ?| ARRAY[...]``, audit.selectors.naming_any) instead of by matching the
text of every entry. SQLite keeps the text match."""

from django.db import migrations

from regiekamer.core.pg import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_actie_vernietigen"),
    ]

    operations = [
        PostgresOnlySQL(
            sql="CREATE INDEX IF NOT EXISTS verwerking_object_ids ON audit_verwerking USING gin (object_ids)",
            reverse_sql="DROP INDEX IF EXISTS verwerking_object_ids",
        ),
    ]
