from django.contrib import admin

from regiekamer.core.admin import TenantAdminMixin
from regiekamer.gebieden.models import HotspotInstelling, Indeling


@admin.register(HotspotInstelling)
class HotspotInstellingAdmin(TenantAdminMixin, admin.ModelAdmin):
    """The hotspot thresholds of the gemeente (one row; without it the defaults apply)."""

    list_display = ("gemeente", "periode_maanden", "min_ingeschrevenen", "min_signalen", "min_fenomenen", "trend_sd")


@admin.register(Indeling)
class IndelingAdmin(TenantAdminMixin, admin.ModelAdmin):
    """The imported boundary sets, for reference: imported with `regiekamer import_gebieden`, never edited here."""

    list_display = ("jaar", "bron", "bron_crs", "geimporteerd_op", "geimporteerd_door")
    readonly_fields = ("jaar", "bron", "bron_crs", "geimporteerd_op", "geimporteerd_door")

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
