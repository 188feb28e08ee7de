"""Indexes for a reporter's own signals, newest first, per user and per reporting organisation
(signalen.selectors.eigen_meldingen); the worklist's filter on the reporting organisation counts from the second."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("signalen", "0006_werkvoorraad_en_zoeken"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="signaal",
            index=models.Index(fields=["gemeente", "melder", "-ontvangen_op"], name="signaal_melder"),
        ),
        migrations.AddIndex(
            model_name="signaal",
            index=models.Index(
                fields=["gemeente", "melder_organisatie", "-ontvangen_op"], name="signaal_melder_organisatie"
            ),
        ),
    ]
