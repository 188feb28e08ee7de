"""Covering indexes for the counts that are not summarised, created beside the selectors that need them as plain
SQL that SQLite and PostgreSQL both understand (as in 0002):

- ``signaal_status_periode``: the map filtered on a status (one status, or the open ones) counts the signals of
  the period per buurt from this index alone (an index-only scan on PostgreSQL);
- ``relatie_ingeschreven_per_adres``: the address hotspots' count of persons registered per address (the
  synthetic BRP connector's ``ingeschrevenen_per_adres`` groups the registration relations by address). Partial,
  so it holds only registrations.
"""

from django.db import migrations

INDEXES = [
    ("signaal_status_periode", "signalen_signaal", "gemeente_id, status, ontvangen_op, buurt_id", ""),
    (
        "relatie_ingeschreven_per_adres",
        "subjects_subjectrelatie",
        "gemeente_id, naar_adres_id, van_persoon_id",
        " WHERE soort IN ('ingeschreven-op', 'woont-op')",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("gebieden", "0004_dagtelling_data"),
        ("signalen", "0005_encrypt_bijlage_bestandsnaam"),
        ("subjects", "0005_name_keys_in_any_script"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}){where}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns, where in INDEXES
    ]
