from django.contrib import admin

from regiekamer.core.admin import TenantAdminMixin, TenantInlineMixin, save_tenant_formset
from regiekamer.signalen.models import Fenomeen, Indicator

# Signals themselves hold personal data and are never shown in the admin.


class IndicatorInline(TenantInlineMixin, admin.TabularInline):
    model = Indicator
    fk_name = "fenomeen"
    fields = ("code", "omschrijving", "soort", "actief")
    extra = 0


@admin.register(Fenomeen)
class FenomeenAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "eigenaar", "actief")
    list_filter = ("actief",)
    search_fields = ("naam", "code")
    inlines = [IndicatorInline]

    def save_formset(self, request, form, formset, change):
        save_tenant_formset(request, form, formset)


@admin.register(Indicator)
class IndicatorAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("omschrijving", "code", "soort", "fenomeen", "actief")
    fields = ("code", "omschrijving", "soort", "fenomeen", "actief", "betekenis", "nagaan", "vervolg")
    list_filter = ("soort", "actief", ("fenomeen", admin.RelatedOnlyFieldListFilter))
    search_fields = ("omschrijving", "code")
