from django.contrib import admin

from regiekamer.core.admin import TenantAdminMixin
from regiekamer.identiteit.models import KoppelInstelling

# Explanations, review items and merges name persons: they are handled in the application, not the admin.


@admin.register(KoppelInstelling)
class KoppelInstellingAdmin(TenantAdminMixin, admin.ModelAdmin):
    """One row per gemeente: the thresholds of automatic linking and review (defaults when there is none)."""

    list_display = ("gemeente", "drempel_koppelen", "drempel_beoordelen")

    def has_add_permission(self, request, *args):
        if not super().has_add_permission(request, *args):
            return False
        gemeente = self._gemeente(request)
        return gemeente is None or not KoppelInstelling.objects.filter(gemeente=gemeente).exists()
