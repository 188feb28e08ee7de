from django.contrib import admin

from regiekamer.core.admin import TenantAdminMixin
from regiekamer.retention.models import Bewaartermijn

# Legal holds and destruction records are not registered: a hold names a record about people, and the
# destruction records are evidence that nobody may edit.


@admin.register(Bewaartermijn)
class BewaartermijnAdmin(TenantAdminMixin, admin.ModelAdmin):
    """One row per gemeente (made with the defaults on first use)."""

    list_display = ("gemeente", "signaal_dagen", "casus_dagen")

    def has_add_permission(self, request, *args):
        if not super().has_add_permission(request, *args):
            return False
        gemeente = self._gemeente(request)
        # A beheerder adds the row of the own gemeente at most once; a superuser picks the gemeente.
        return gemeente is None or not Bewaartermijn.objects.filter(gemeente=gemeente).exists()
