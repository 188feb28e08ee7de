from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentiteitConfig(AppConfig):
    name = "regiekamer.identiteit"
    label = "identiteit"
    verbose_name = _("Identiteit: koppelen en samenvoegen van personen")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from regiekamer.identiteit.models import KoppelInstelling
        from regiekamer.subjects.services import vergeet_drempels

        def forget(sender, instance, **kwargs):
            vergeet_drempels(instance.gemeente_id)

        post_save.connect(forget, sender=KoppelInstelling, weak=False, dispatch_uid="identiteit-drempels")
        post_delete.connect(forget, sender=KoppelInstelling, weak=False, dispatch_uid="identiteit-drempels-weg")
