from django.contrib import admin

from regiekamer.accounts import permissions
from regiekamer.casussen.models import CasusInstelling, InterventieSoort, Leefgebied
from regiekamer.core.admin import TenantAdminMixin

# Cases, plans and interventions are about people: never shown or edited in the admin.


@admin.register(CasusInstelling)
class CasusInstellingAdmin(TenantAdminMixin, admin.ModelAdmin):
    """One row per gemeente, made with the gemeente: when a case stalls, when and to whom to escalate,
    and the relapse period."""

    list_display = ("gemeente", "stagnatie_dagen", "escalatie_na_dagen_te_laat", "escalatie_naar", "terugval_dagen")

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "escalatie_naar":
            # Only users who may follow up escalations (the model's clean() checks the gemeente too).
            allowed = [
                user.pk
                for user in field.queryset.select_related("organisatie__gemeente")
                if permissions.has_capability(user, permissions.FOLLOW_UP_ESCALATIONS)
            ]
            field.queryset = field.queryset.filter(pk__in=allowed)
        return field


@admin.register(Leefgebied)
class LeefgebiedAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "volgorde", "actief")
    list_editable = ("volgorde", "actief")


@admin.register(InterventieSoort)
class InterventieSoortAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "familie", "repressief", "actief")
    list_filter = ("familie", "repressief", "actief")
