"""Indexes for the search over subjects (subjects.selectors, and the signal search that uses it): postcode and
number-plate prefixes in any collation, and on PostgreSQL trigram indexes for the name keys, street names and
names of legal persons, which the search matches anywhere in the text."""

from django.db import migrations, models

from regiekamer.core.pg import trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("subjects", "0005_name_keys_in_any_script"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="adres",
            index=models.Index(
                fields=["gemeente", "postcode"], name="adres_postcode_zoek", opclasses=["uuid_ops", "varchar_pattern_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="voertuig",
            index=models.Index(
                fields=["gemeente", "kenteken"],
                name="voertuig_kenteken_zoek",
                opclasses=["uuid_ops", "varchar_pattern_ops"],
            ),
        ),
        trigram_index("persoon_naam_sleutel_trgm", "subjects_persoon", "naam_sleutel"),
        trigram_index("adres_straat_trgm", "subjects_adres", "straat", upper=True),
        trigram_index("rechtspersoon_naam_trgm", "subjects_rechtspersoon", "naam", upper=True),
    ]
