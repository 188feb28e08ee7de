"""Fill in the step, step start and lead time of every existing weging, replaying each signal's wegingen the way
record_weging writes them for new ones (protocol/doorlooptijden.py)."""

from django.db import migrations


def fill(apps, schema_editor):
    from regiekamer.inzicht.services import herbereken_wegingen

    herbereken_wegingen(Weging=apps.get_model("protocol", "Weging"))


class Migration(migrations.Migration):
    dependencies = [
        ("protocol", "0003_weging_doorlooptijd"),
        ("signalen", "0005_encrypt_bijlage_bestandsnaam"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
