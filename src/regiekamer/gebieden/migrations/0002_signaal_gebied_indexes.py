"""Covering indexes for counting signals per area (gebieden.selectors): the count per buurt over a period, also
filtered by status or protocol step, is answered from the first index alone (an index-only scan on PostgreSQL); the
area view of one buurt reads the second; a phenomenon filter reads the M2M table by phenomenon and joins on the
signal id that both indexes carry. Created here, beside the selectors that need them, as plain SQL that SQLite and
PostgreSQL both understand."""

from django.db import migrations

INDEXES = [
    ("signaal_gebied_periode", "signalen_signaal", "gemeente_id, ontvangen_op, buurt_id, status, stap, id"),
    ("signaal_buurt_periode", "signalen_signaal", "buurt_id, ontvangen_op, status, id"),
    ("signaal_fenomeen_per_fenomeen", "signalen_signaal_fenomenen", "fenomeen_id, signaal_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("gebieden", "0001_initial"),
        ("signalen", "0005_encrypt_bijlage_bestandsnaam"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
