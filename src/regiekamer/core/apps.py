from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "regiekamer.core"
    label = "core"

    def ready(self):
        from regiekamer.core import (
            checks,  # noqa: F401 - registers the system checks
            metrics,
        )

        metrics.register()

        from regiekamer.core.api import text_fields_take_only_text

        text_fields_take_only_text()
