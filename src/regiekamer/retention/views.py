"""Legal holds (bewaarplichten) on a page: the regisseur side places and lifts them, the privacyfunctionaris
sees the list. Every view and change is logged."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.audit import services as audit
from regiekamer.audit.views import DOEL_TOEZICHT, GRONDSLAG_TOEZICHT
from regiekamer.casussen.models import Casus
from regiekamer.core.errors import DomainError
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.core.ids import parse_uuid
from regiekamer.retention import services
from regiekamer.retention.forms import HoldForm, OpheffenForm
from regiekamer.retention.models import LegalHold
from regiekamer.signalen.models import Signaal


def _may_manage(user) -> bool:
    return permissions.has_capability(user, permissions.MANAGE_CASES)


def _log_list(user, holds) -> None:
    """The list shows which cases and signals are held: log their ids (as toezicht for the privacy officer)."""
    extra = {} if _may_manage(user) else {"doel": DOEL_TOEZICHT, "grondslag": GRONDSLAG_TOEZICHT}
    audit.log_lijst(user, "bewaarplichten.lijst", "casus", [h.casus_id for h in holds if h.casus_id], **extra)
    audit.log_lijst(user, "bewaarplichten.lijst", "signaal", [h.signaal_id for h in holds if h.signaal_id], **extra)


def _render(request, form=None, opheffen=None, status=200):
    may_manage = _may_manage(request.user)
    holds = list(services.active_holds(request.user.gemeente))
    _log_list(request.user, holds)
    if may_manage:
        form = form or HoldForm()
        rows = [
            (hold, opheffen[1] if opheffen and opheffen[0] == hold.pk else OpheffenForm(prefix=f"h-{hold.pk}"))
            for hold in holds
        ]
    else:
        rows = [(hold, None) for hold in holds]
    context = {
        "rows": rows,
        "form": form,
        "may_manage": may_manage,
        "error_summary": error_summary(form, *(row[1] for row in rows)),
    }
    return render(request, "retention/bewaarplichten.html", context, status=status)


def _record(gemeente, soort: str, nummer: str):
    model = Casus if soort == "casus" else Signaal
    return model.objects.filter(gemeente=gemeente, nummer=nummer.strip().upper()).first()


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MANAGE_CASES, permissions.VIEW_PROCESSING_LOG)
def bewaarplichten(request):
    """GET: the active holds. POST (regisseur side): place a hold."""
    if request.method == "GET":
        return _render(request)
    if not _may_manage(request.user):
        raise PermissionDenied
    form = HoldForm(request.POST)
    if not form.is_valid():
        return _render(request, form=form, status=400)
    data = form.cleaned_data
    record = _record(request.user.gemeente, data["soort"], data["nummer"])
    if record is None:
        form.add_error("nummer", _("Geen casus of signaal met dit nummer in uw gemeente."))
        return _render(request, form=form, status=400)
    try:
        services.place_hold(request.user, record, data["reden"])
    except DomainError as error:
        add_invalid_params(error.invalid_params or [{"reason": error.message}], simple_resolver(form), form)
        return _render(request, form=form, status=error.status_code)
    messages.success(request, _("Bewaarplicht geplaatst op %(nummer)s.") % {"nummer": record.nummer})
    return redirect("retention:bewaarplichten")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def opheffen(request, pk):
    if request.user.gemeente is None:
        raise Http404
    hold = get_object_or_404(
        LegalHold.objects.select_related("signaal", "casus"), gemeente=request.user.gemeente, pk=parse_uuid(pk)
    )
    if not hold.is_actief:
        messages.info(request, _("Deze bewaarplicht was al opgeheven."))
        return redirect("retention:bewaarplichten")
    form = OpheffenForm(request.POST, prefix=f"h-{hold.pk}")
    if not form.is_valid():
        return _render(request, opheffen=(hold.pk, form), status=400)
    try:
        services.lift_hold(request.user, hold, form.cleaned_data["reden"])
    except DomainError as error:
        add_invalid_params(error.invalid_params or [{"reason": error.message}], simple_resolver(form), form)
        return _render(request, opheffen=(hold.pk, form), status=error.status_code)
    record = hold.signaal or hold.casus
    messages.success(request, _("Bewaarplicht op %(nummer)s opgeheven.") % {"nummer": record.nummer})
    return redirect("retention:bewaarplichten")
