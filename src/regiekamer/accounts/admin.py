import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiekamer.accounts import two_factor
from regiekamer.accounts.models import ApiToken, Gemeente, Organisatie, User
from regiekamer.accounts.roles import Rol
from regiekamer.core.admin import TenantAdminMixin

logger = logging.getLogger("regiekamer.accounts")


def _rollen_field():
    return forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Rol.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Een functioneel beheerder krijgt automatisch toegang tot dit beheer."),
    )


class GebruikerWijzigenForm(UserChangeForm):
    rollen = _rollen_field()

    class Meta(UserChangeForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "functie", "organisatie", "rollen", "is_active")


class GebruikerToevoegenForm(AdminUserCreationForm):
    rollen = _rollen_field()

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "functie", "organisatie", "rollen")


@admin.register(User)
class GebruikerAdmin(TenantAdminMixin, UserAdmin):
    tenant_field = "organisatie__gemeente"
    audit_reads = True  # names and e-mail addresses of staff and partners
    form = GebruikerWijzigenForm
    add_form = GebruikerToevoegenForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email", "functie")}),
        (_("Organisatie en rollen"), {"fields": ("organisatie", "rollen", "is_active")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "usable_password",
                    "password1",
                    "password2",
                    "first_name",
                    "last_name",
                    "email",
                    "functie",
                    "organisatie",
                    "rollen",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = (
        "username",
        "first_name",
        "last_name",
        "organisatie",
        "rollen_weergave",
        "tweestaps_ingesteld",
        "is_active",
    )
    actions = ["tweestaps_opnieuw_instellen"]
    list_filter = ("is_active", ("organisatie", admin.RelatedOnlyFieldListFilter))
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    filter_horizontal = ()

    def get_readonly_fields(self, request, obj=None):
        # Four eyes: nobody changes their own roles or organisation, so a beheerder cannot grant
        # themselves access to signals or cases.
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return (*fields, "rollen", "organisatie", "is_active")
        return fields

    filter_horizontal = ()

    @admin.display(description=_("rollen"))
    def rollen_weergave(self, obj):
        return ", ".join(str(label) for label in obj.rollen_labels)

    @admin.display(description=_("2FA ingesteld"), boolean=True)
    def tweestaps_ingesteld(self, obj):
        return two_factor.has_confirmed_device(obj)

    @admin.action(description=_("2FA opnieuw instellen"))
    def tweestaps_opnieuw_instellen(self, request, queryset):
        """For a lost or new phone: removes the user's authenticator app and recovery codes. At the next login they
        set up a new app; a session that was verified with the old app must pass the second step again."""
        gebruikers = list(queryset)
        for gebruiker in gebruikers:
            removed = two_factor.reset_devices(gebruiker)
            self.log_change(request, gebruiker, [{"changed": {"fields": [str(_("tweestapsverificatie"))]}}])
            logger.warning(
                "Two-factor devices of user %s reset by %s (%d removed)", gebruiker.pk, request.user.pk, removed
            )
        self.message_user(
            request,
            _(
                "Tweestapsverificatie opnieuw ingesteld voor %(aantal)d gebruiker(s). Bij de volgende keer inloggen "
                "koppelen zij opnieuw een authenticator-app."
            )
            % {"aantal": len(gebruikers)},
            messages.SUCCESS,
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie" and not request.user.is_superuser:
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Entering the admin needs is_staff; it follows the functioneel-beheerder role.
        obj.is_staff = obj.is_superuser or Rol.FUNCTIONEEL_BEHEERDER in (obj.rollen or [])
        super().save_model(request, obj, form, change)


@admin.register(Organisatie)
class OrganisatieAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "soort", "actief")
    list_filter = ("soort", "actief")
    search_fields = ("naam",)


@admin.register(ApiToken)
class ApiTokenAdmin(TenantAdminMixin, admin.ModelAdmin):
    """Tokens are made with ``regiekamer create_api_token`` (the raw token is shown once); here they
    can only be looked at and revoked."""

    tenant_field = "organisatie__gemeente"
    list_display = ("prefix", "organisatie", "user", "omschrijving", "aangemaakt_op", "laatst_gebruikt_op", "actief")
    list_filter = (("organisatie", admin.RelatedOnlyFieldListFilter),)
    readonly_fields = (
        "prefix",
        "token_hash",
        "organisatie",
        "user",
        "omschrijving",
        "aangemaakt_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    )
    fields = readonly_fields
    actions = ["intrekken"]

    @admin.display(description=_("actief"), boolean=True)
    def actief(self, obj):
        return obj.ingetrokken_op is None

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Geselecteerde tokens intrekken"))
    def intrekken(self, request, queryset):
        tokens = list(queryset.filter(ingetrokken_op__isnull=True))
        for token in tokens:
            token.revoke()
        self.message_user(request, _("%(aantal)d token(s) ingetrokken.") % {"aantal": len(tokens)}, messages.SUCCESS)


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    """Tenants are managed by the superuser of the installation only."""

    list_display = ("naam", "cbs_code")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


# django-otp registers its devices in the admin, keys included and across gemeenten. Devices are managed only
# through the action "2FA opnieuw instellen" on the users above.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
