from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GebiedenConfig(AppConfig):
    name = "regiekamer.gebieden"
    label = "gebieden"
    verbose_name = _("Gebieden")

    def ready(self):
        # Intake (subjects.services.find_or_create_adres) asks registered locators for the buurt of a point;
        # subjects never imports this domain.
        from regiekamer.gebieden import toewijzing
        from regiekamer.subjects import services as subject_services

        subject_services.register_buurt_locator(toewijzing.buurt_op_punt)
