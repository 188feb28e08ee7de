from django.contrib import admin

from regiekamer.core.admin import TenantAdminMixin
from regiekamer.subjects.models import Buurt

# Persons, addresses, legal persons and vehicles are personal data and stay out of the admin.


@admin.register(Buurt)
class BuurtAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "wijk", "postcodes")
    search_fields = ("naam", "code", "wijk")
