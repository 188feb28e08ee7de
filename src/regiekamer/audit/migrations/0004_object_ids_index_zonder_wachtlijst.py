"""The GIN index on the log's ids without its pending list (``fastupdate = off``). With the pending list, new entries
wait in an unsorted list that every search reads in full until (auto)vacuum merges it; a busy log made the search for
a person's entries grow from 20 ms to over a second between two vacuums. Without it each new entry goes into the
index at once (a few keys per request; a list of 2,000 addresses takes milliseconds). PostgreSQL only."""

from django.db import migrations

from regiekamer.core.pg import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_object_ids_index"),
    ]

    operations = [
        PostgresOnlySQL(
            sql=[
                "ALTER INDEX verwerking_object_ids SET (fastupdate = off)",
                "SELECT gin_clean_pending_list('verwerking_object_ids'::regclass)",
            ],
            reverse_sql="ALTER INDEX verwerking_object_ids SET (fastupdate = on)",
        ),
    ]
