"""Web pages of purpose binding: record a compatibility decision, set a case's purpose, link a signal."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import Casus
from regiekamer.casussen.selectors import get_casus
from regiekamer.core.errors import DomainError, TransitionRefused
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.core.ids import parse_uuid
from regiekamer.doelbinding import services
from regiekamer.doelbinding.doelen import Doel, label
from regiekamer.doelbinding.forms import BesluitForm, CasusDoelForm
from regiekamer.signalen.models import Signaal


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MANAGE_CASES)
def nieuw(request):
    """The form to record a compatibility decision, reached from a refusal (signal, case and purposes in the
    query string: ids and purpose codes only)."""
    gemeente = request.user.gemeente
    signaal = get_object_or_404(Signaal, gemeente=gemeente, pk=parse_uuid(request.GET.get("signaal", "")))
    casus = None
    if request.GET.get("casus"):
        casus = get_object_or_404(Casus, gemeente=gemeente, pk=parse_uuid(request.GET["casus"]))
    naar_doel = casus.doel if casus is not None else request.GET.get("naar_doel", "")
    if naar_doel not in Doel.values:
        naar_doel = ""
    form = BesluitForm(request.POST or None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            invoer = services.BesluitInvoer(
                signaal=str(signaal.pk),
                casus=str(casus.pk) if casus is not None else None,
                naar_doel=naar_doel,
                **form.cleaned_data,
            )
            try:
                besluit = services.leg_besluit_vast(request.user, invoer)
            except DomainError as error:
                add_invalid_params(error.invalid_params or [{"reason": error.message}], simple_resolver(form), form)
                status = error.status_code
            else:
                messages.success(
                    request,
                    _("Verenigbaarheidsbesluit vastgelegd: %(conclusie)s.")
                    % {"conclusie": besluit.get_conclusie_display()},
                )
                if casus is not None:
                    return redirect(reverse("casussen:sectie", args=[casus.pk, "delen"]) + "#doelbinding")
                return redirect(reverse("signalen:detail", args=[signaal.pk]))
    context = {
        "form": form,
        "signaal": signaal,
        "casus": casus,
        "van_doel": label(signaal.doel),
        "naar_doel": label(naar_doel) if naar_doel else "",
        "error_summary": error_summary(form),
    }
    return render(request, "doelbinding/nieuw.html", context, status=status)


def _refused(request, casus, error: TransitionRefused):
    from regiekamer.casussen.views import _render_detail

    return _render_detail(
        request,
        casus,
        refusal=error.message,
        besluit_url=getattr(error, "formulier_url", ""),
        status=error.status_code,
    )


@require_POST
@capability_required(permissions.MANAGE_CASES)
def casus_doel(request, pk):
    casus = get_casus(request.user, pk)
    form = CasusDoelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een doel."))
        return redirect(reverse("casussen:sectie", args=[casus.pk, "delen"]) + "#doelbinding")
    try:
        casus_services.wijzig_doel(request.user, casus, form.cleaned_data["doel"])
    except TransitionRefused as error:
        return _refused(request, casus, error)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het doel van de casus is %(doel)s.") % {"doel": label(casus.doel)})
    return redirect(reverse("casussen:sectie", args=[casus.pk, "delen"]) + "#doelbinding")


@require_POST
@capability_required(permissions.MANAGE_CASES)
def signaal_koppelen(request, pk):
    casus = get_casus(request.user, pk)
    signaal = get_object_or_404(Signaal, gemeente=request.user.gemeente, pk=parse_uuid(request.POST.get("signaal", "")))
    try:
        casus_services.koppel_signaal(request.user, casus, signaal)
    except TransitionRefused as error:
        return _refused(request, casus, error)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Signaal %(nummer)s is gekoppeld.") % {"nummer": signaal.nummer})
    return redirect(reverse("casussen:sectie", args=[casus.pk, "signalen"]) + "#signalen")
