"""Building blocks for the configuration admin ("beheer") of functioneel beheerders.

Access comes from the MANAGE_CONFIGURATION capability (no Django permission rows needed; the user
needs ``is_staff`` to enter the admin at all). Every tenant model is filtered to the beheerder's own
gemeente, new records get that gemeente, and foreign-key choices stay within it. Personal data
(signals, wegingen, subjects) is never registered here.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts import permissions

admin.site.site_header = _("Regiekamer – beheer")
admin.site.site_title = _("Regiekamer beheer")
admin.site.index_title = _("Configuratie van uw gemeente")


def _one_login(request, extra_context=None):
    """The beheer pages have no login of their own: the application's login (with its two-factor step and lockout)
    is the only one. Signed in without the right to configure, the answer is the application's 403 page."""
    if request.user.is_authenticated:
        raise PermissionDenied
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    return redirect_to_login(target or reverse("admin:index"), reverse("accounts:login"))


admin.site.login = _one_login


def may_configure(request) -> bool:
    user = request.user
    return bool(
        user.is_active and (user.is_superuser or permissions.has_capability(user, permissions.MANAGE_CONFIGURATION))
    )


def _gemeente_filter(model, gemeente):
    """Lookup that keeps ``model`` rows within ``gemeente``, or None when the model is not tenant-bound."""
    from regiekamer.accounts.models import Gemeente, User

    if model is Gemeente:
        return {"pk": gemeente.pk}
    if issubclass(model, User):
        return {"organisatie__gemeente": gemeente}
    if any(field.name == "gemeente" for field in model._meta.get_fields()):
        return {"gemeente": gemeente}
    return None


def tenant_form(form_class, gemeente):
    """A model form whose instance belongs to ``gemeente`` before validation, so unique constraints
    that include the (hidden) gemeente field are checked instead of failing in the database."""

    class TenantForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if gemeente is not None and getattr(self.instance, "gemeente_id", None) is None:
                self.instance.gemeente = gemeente

        def _get_validation_exclusions(self):
            exclusions = super()._get_validation_exclusions()
            exclusions.discard("gemeente")
            return exclusions

    TenantForm.__name__ = form_class.__name__
    return TenantForm


class ConfigurationPermissionMixin:
    """Admin permissions from the capability instead of Django permission rows. Nothing is deleted
    in beheer (records are set inactive instead); only a superuser may delete."""

    def has_module_permission(self, request):
        return may_configure(request)

    def has_view_permission(self, request, obj=None):
        return may_configure(request)

    def has_add_permission(self, request, *args):
        return may_configure(request)

    def has_change_permission(self, request, obj=None):
        return may_configure(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class AuditedAdminMixin:
    """Every addition, change and deletion in beheer goes into the processing log (besides Django's own
    admin history): who, which model, which record. The change message is not logged (it may name people).
    Admins of models holding personal data (``audit_reads``) also log what was opened or listed."""

    audit_reads = False

    def _audit(self, request, actie: str, objects) -> None:
        from regiekamer.audit import services as audit

        objects = list(objects)
        if objects:
            audit.log(
                request.user,
                actie,
                f"beheer.{self.model._meta.label_lower}",
                self.model._meta.model_name,
                [audit.object_uuid(obj) for obj in objects],
            )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if self.audit_reads and response.status_code == 200 and changelist is not None:
            self._audit(request, "lezen", changelist.result_list)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if self.audit_reads and request.method == "GET" and response.status_code == 200 and original is not None:
            self._audit(request, "lezen", [original])
        return response

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, "aanmaken", [obj])
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, "wijzigen", [obj])
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        self._audit(request, "verwijderen", queryset)
        return entries


class TenantAdminMixin(AuditedAdminMixin, ConfigurationPermissionMixin):
    # The lookup from the model to its gemeente.
    tenant_field = "gemeente"

    def _gemeente(self, request):
        return None if request.user.is_superuser else request.user.gemeente

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        gemeente = request.user.gemeente
        if gemeente is None:
            return queryset.none()
        return queryset.filter(**{self.tenant_field: gemeente})

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and self.tenant_field == "gemeente":
            exclude.append("gemeente")
        return exclude

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.tenant_field == "gemeente":
            return tenant_form(form, self._gemeente(request))
        return form

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and self.tenant_field == "gemeente":
            obj.gemeente = request.user.gemeente
        super().save_model(request, obj, form, change)

    def _restrict(self, db_field, request, kwargs):
        gemeente = self._gemeente(request)
        if gemeente is None:
            return kwargs
        lookup = _gemeente_filter(db_field.related_model, gemeente)
        if lookup is not None:
            kwargs["queryset"] = db_field.related_model._default_manager.filter(**lookup)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._restrict(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._restrict(db_field, request, kwargs))


class TenantInlineMixin(TenantAdminMixin):
    """For inlines of a tenant model: the rows get the parent's gemeente."""

    def get_formset(self, request, obj=None, **kwargs):
        gemeente = self._gemeente(request) or (getattr(obj, "gemeente", None) if obj is not None else None)
        kwargs["form"] = tenant_form(kwargs.get("form", self.form), gemeente)
        return super(TenantAdminMixin, self).get_formset(request, obj, **kwargs)


def save_tenant_formset(request, form, formset):
    """Give new inline rows the gemeente of their parent, then save."""
    instances = formset.save(commit=False)
    for instance in instances:
        if getattr(instance, "gemeente_id", None) is None:
            instance.gemeente = form.instance.gemeente
        instance.save()
    for deleted in formset.deleted_objects:
        deleted.delete()
    formset.save_m2m()
