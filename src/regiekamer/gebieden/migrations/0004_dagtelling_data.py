"""Count the signals that already exist per day, buurt and phenomenon. The per-address window needs no data here:
it is built on its first read (``tellingen.actueel_venster``)."""

import uuid

from django.db import migrations
from django.db.models import Count, UUIDField, Value
from django.db.models.functions import Coalesce, TruncDate

NUL = uuid.UUID(int=0)  # models.GEEN_BUURT and models.ALLE_FENOMENEN


def fill(apps, schema_editor):
    Signaal = apps.get_model("signalen", "Signaal")
    Dagtelling = apps.get_model("gebieden", "Dagtelling")
    nul = Value(NUL, output_field=UUIDField())
    alle = (
        Signaal.objects.order_by()
        .annotate(d=TruncDate("ontvangen_op"), b=Coalesce("buurt_id", nul))
        .values_list("gemeente_id", "d", "b")
        .annotate(n=Count("id"))
    )
    per_fenomeen = (
        Signaal.fenomenen.through.objects.order_by()
        .annotate(d=TruncDate("signaal__ontvangen_op"), b=Coalesce("signaal__buurt_id", nul))
        .values_list("signaal__gemeente_id", "fenomeen_id", "d", "b")
        .annotate(n=Count("id"))
    )
    rows = [Dagtelling(gemeente_id=g, fenomeen=NUL, dag=d, buurt=b, aantal=n) for g, d, b, n in alle.iterator()]
    rows += [
        Dagtelling(gemeente_id=g, fenomeen=f, dag=d, buurt=b, aantal=n) for g, f, d, b, n in per_fenomeen.iterator()
    ]
    Dagtelling.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("gebieden", "0003_gebiedstellingen"),
        ("signalen", "0005_encrypt_bijlage_bestandsnaam"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
