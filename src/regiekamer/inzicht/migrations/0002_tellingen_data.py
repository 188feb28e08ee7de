"""Count the signals and wegingen that already exist into the summary table."""

from django.db import migrations


def fill(apps, schema_editor):
    from regiekamer.inzicht import tellingen
    from regiekamer.inzicht.models import Reeks

    Gemeente = apps.get_model("accounts", "Gemeente")
    Telling = apps.get_model("inzicht", "Telling")
    Signaal, Weging = apps.get_model("signalen", "Signaal"), apps.get_model("protocol", "Weging")
    for gemeente_id in Gemeente.objects.values_list("pk", flat=True):
        for reeks in Reeks:
            cells = tellingen.direct(gemeente_id, reeks, Signaal=Signaal, Weging=Weging)
            Telling.objects.bulk_create(
                [
                    Telling(
                        gemeente_id=gemeente_id,
                        reeks=r,
                        datum=datum,
                        buurt=buurt,
                        fenomeen=fenomeen,
                        sleutel=sleutel,
                        aantal=aantal,
                    )
                    for (r, datum, buurt, fenomeen, sleutel), aantal in cells.items()
                    if aantal
                ],
                batch_size=5000,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("inzicht", "0001_initial"),
        ("protocol", "0004_weging_doorlooptijd_data"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
