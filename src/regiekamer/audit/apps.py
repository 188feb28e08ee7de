from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "regiekamer.audit"
    label = "audit"
    verbose_name = _("Verwerkingenlogging")

    def ready(self):
        from django.core.signals import request_finished, request_started

        from regiekamer.audit import context

        request_started.connect(context.on_request_started, dispatch_uid="audit-request-started")
        request_finished.connect(context.on_request_finished, dispatch_uid="audit-request-finished")
