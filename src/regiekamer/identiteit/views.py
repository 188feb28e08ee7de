"""The review queue (beoordelingslijst) and merging from a profile, for the regisseur. Thin: selectors read and
log, services decide and record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.core.errors import DomainError, NotAllowed
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.core.ids import parse_uuid
from regiekamer.identiteit import selectors, services
from regiekamer.identiteit.forms import OntvlechtenForm, OordeelForm, SamenvoegenForm
from regiekamer.identiteit.models import Samenvoeging
from regiekamer.subjects.models import Persoon


def _profiel_url(persoon_pk) -> str:
    return reverse("netwerk:profiel", kwargs={"soort": "persoon", "pk": persoon_pk})


@capability_required(permissions.MERGE_PERSONS)
def beoordelingen(request):
    try:
        context = {"open": selectors.wachtrij(request.user), "afgehandeld": selectors.afgehandeld(request.user)}
    except NotAllowed:
        raise PermissionDenied from None
    return render(request, "identiteit/beoordelingen.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MERGE_PERSONS)
def beoordeling(request, pk):
    """GET: the pair side by side, blind (the model's weight is shown once judged). POST: the judgement."""
    result = selectors.paar(request.user, pk)
    form = OordeelForm(request.POST or None)
    status = 200
    if request.method == "POST" and result.beoordeling.is_open:
        if form.is_valid():
            try:
                services.beoordeel(
                    request.user, result.beoordeling, form.cleaned_data["oordeel"], form.cleaned_data["reden"]
                )
            except DomainError as error:
                add_invalid_params(error.invalid_params or [{"reason": error.message}], simple_resolver(form), form)
                status = error.status_code
            else:
                messages.success(request, _("Uw oordeel is vastgelegd."))
                return redirect("identiteit:beoordeling", pk=result.beoordeling.pk)
        else:
            status = 400
    context = {
        "paar": result,
        "beoordeling": result.beoordeling,
        "form": form,
        "error_summary": error_summary(form),
        "toon_gewicht": not result.beoordeling.is_open,
    }
    return render(request, "identiteit/beoordeling.html", context, status=status)


@require_POST
@capability_required(permissions.MERGE_PERSONS)
def samenvoegen(request, pk):
    """Merge another person (the form's ``ander``) into this one, from the profile."""
    gemeente = request.user.gemeente
    blijvend = Persoon.objects.filter(gemeente=gemeente, pk=parse_uuid(pk), samengevoegd_in__isnull=True).first()
    if blijvend is None:
        raise Http404
    form = SamenvoegenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden om de personen samen te voegen."))
        return redirect(_profiel_url(blijvend.pk) + "#identiteit")
    opgeheven = Persoon.objects.filter(gemeente=gemeente, pk=form.cleaned_data["ander"]).first()
    if opgeheven is None:
        raise Http404
    try:
        services.merge(request.user, blijvend, opgeheven, form.cleaned_data["reden"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De personen zijn samengevoegd. U kunt dit ongedaan maken."))
    return redirect(_profiel_url(blijvend.pk) + "#identiteit")


@require_POST
@capability_required(permissions.MERGE_PERSONS)
def ontvlechten(request, pk):
    """Undo a merge."""
    samenvoeging = Samenvoeging.objects.filter(gemeente=request.user.gemeente, pk=parse_uuid(pk)).first()
    if samenvoeging is None:
        raise Http404
    form = OntvlechtenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden om de samenvoeging ongedaan te maken."))
        return redirect(_profiel_url(samenvoeging.blijvend_id) + "#identiteit")
    try:
        services.unmerge(request.user, samenvoeging, form.cleaned_data["reden"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De samenvoeging is ongedaan gemaakt: het zijn weer twee personen."))
    return redirect(_profiel_url(samenvoeging.blijvend_id) + "#identiteit")
