from django.contrib import admin

from regiekamer.core.admin import TenantAdminMixin
from regiekamer.protocol.models import ProtocolInstelling

# Wegingen are records of decisions about people: never shown or edited in the admin.


@admin.register(ProtocolInstelling)
class ProtocolInstellingAdmin(TenantAdminMixin, admin.ModelAdmin):
    """One row per gemeente, made when the gemeente is created: only changed here."""

    list_display = ("gemeente", "termijn_stap_1", "termijn_stap_2", "termijn_stap_3", "termijn_stap_4")

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser
