"""Recompute every person's name key: names in other scripts are now transliterated instead of folded to nothing.

Persons that the old key wrongly matched into one stay one record; the new key only keeps it from happening again.
"""

from django.db import migrations


def recompute(apps, schema_editor):
    from regiekamer.subjects.services import name_key

    Persoon = apps.get_model("subjects", "Persoon")
    changed = []
    for persoon in Persoon.objects.only("pk", "voornamen", "tussenvoegsel", "achternaam", "naam_sleutel").iterator(
        chunk_size=2000
    ):
        key = name_key(persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam)
        if key != persoon.naam_sleutel:
            persoon.naam_sleutel = key
            changed.append(persoon)
        if len(changed) >= 2000:
            Persoon.objects.bulk_update(changed, ["naam_sleutel"])
            changed = []
    Persoon.objects.bulk_update(changed, ["naam_sleutel"])


class Migration(migrations.Migration):
    dependencies = [("subjects", "0004_buurt_wijk_code_inwoners")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
