"""A partial index of the wegingen without a toelichting, for the privacyfunctionaris' list (audit.selectors)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("protocol", "0004_weging_doorlooptijd_data"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="weging",
            index=models.Index(
                condition=models.Q(("toelichting", "")),
                fields=["gemeente", "-vastgelegd_op"],
                name="weging_zonder_toelichting",
            ),
        ),
    ]
