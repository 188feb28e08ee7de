"""The phenomena of the cases that already exist, from the signals linked to them."""

from django.db import migrations


def fill(apps, schema_editor):
    from regiekamer.inzicht.services import casus_fenomenen_direct

    Gemeente = apps.get_model("accounts", "Gemeente")
    CasusFenomeen = apps.get_model("inzicht", "CasusFenomeen")
    CasusSignaal = apps.get_model("casussen", "CasusSignaal")
    koppeling = apps.get_model("signalen", "Signaal").fenomenen.through
    for gemeente_id in Gemeente.objects.values_list("pk", flat=True):
        pairs = casus_fenomenen_direct(gemeente_id, CasusSignaal=CasusSignaal, koppeling=koppeling)
        CasusFenomeen.objects.bulk_create(
            [CasusFenomeen(gemeente_id=gemeente_id, casus_id=casus, fenomeen_id=fenomeen) for casus, fenomeen in pairs],
            batch_size=5000,
        )


class Migration(migrations.Migration):
    dependencies = [("inzicht", "0003_casusfenomeen")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
