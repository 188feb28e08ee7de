from django.contrib import admin

from regiekamer.core.admin import TenantAdminMixin
from regiekamer.importen.models import ImportInstelling

# Imports, their results and the arrears hold personal data and are never shown in the admin.


@admin.register(ImportInstelling)
class ImportInstellingAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("gemeente", "vroegsignalering_dagen")
    fields = ("vroegsignalering_dagen",)
