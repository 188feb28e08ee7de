"""Indexes for the case list and the regisseur's start page (casussen.selectors): cases by last activity per
gemeente and per regisseur, the unseen new and relapse signals, and the open actions by deadline."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casussen", "0004_encrypt_sensitive_fields"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="casus",
            index=models.Index(fields=["gemeente", "status", "-laatste_activiteit_op"], name="casus_lijst"),
        ),
        migrations.AddIndex(
            model_name="casus",
            index=models.Index(fields=["regisseur", "status", "-laatste_activiteit_op"], name="casus_lijst_regisseur"),
        ),
        migrations.AddIndex(
            model_name="casussignaal",
            index=models.Index(
                condition=models.Q(("gezien_op__isnull", True)),
                fields=["soort", "gekoppeld_op"],
                name="casussignaal_ongezien",
            ),
        ),
        migrations.AddIndex(
            model_name="interventie",
            index=models.Index(
                condition=models.Q(("status__in", ["gepland", "lopend"])), fields=["deadline"], name="interventie_open"
            ),
        ),
    ]
