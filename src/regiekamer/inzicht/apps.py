from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InzichtConfig(AppConfig):
    name = "regiekamer.inzicht"
    verbose_name = _("Inzicht: cijfers en dashboards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from regiekamer.gebieden.toewijzing import buurten_toegewezen
        from regiekamer.inzicht import services

        def recount(sender, gemeente, **kwargs):
            services.herbereken(gemeente, wegingen=False)

        buurten_toegewezen.connect(recount, dispatch_uid="inzicht-herbereken-na-toewijzing", weak=False)
