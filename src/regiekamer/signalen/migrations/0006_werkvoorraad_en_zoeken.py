"""Indexes for the worklist and the search over signals (signalen.selectors): the worklist in its own order; per
status by deadline with the id (superseding the index without the id), so the worklist's counts are read from the
index alone; and on PostgreSQL trigram indexes for the number and location that the search matches anywhere in
the text."""

from django.db import migrations, models

from regiekamer.core.pg import trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("signalen", "0005_encrypt_bijlage_bestandsnaam"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="signaal",
            index=models.Index(fields=["gemeente", "status", "termijn", "id"], name="signaal_status_termijn"),
        ),
        migrations.RemoveIndex(model_name="signaal", name="signalen_si_gemeent_02f02e_idx"),
        migrations.AddIndex(
            model_name="signaal",
            index=models.Index(fields=["gemeente", "termijn", "-ontvangen_op", "id"], name="signaal_werkvoorraad"),
        ),
        trigram_index("signaal_nummer_trgm", "signalen_signaal", "nummer", upper=True),
        trigram_index("signaal_locatie_trgm", "signalen_signaal", "locatie", upper=True),
    ]
