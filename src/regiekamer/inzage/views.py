"""The inzage report (art. 15 AVG): find the person (posted, never in a URL), show the report, and for the
regisseur mark parts that are not provided, with the reason. ``?voor=betrokkene`` is the version for the person."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.audit.views import DOEL_TOEZICHT, GRONDSLAG_TOEZICHT
from regiekamer.core.errors import InvalidInput, TransitionRefused
from regiekamer.core.forms import UtrechtFormMixin, error_summary
from regiekamer.core.ids import parse_uuid
from regiekamer.core.text import validate_zoekterm
from regiekamer.inzage import selectors, services
from regiekamer.inzage.beperking import is_restricted
from regiekamer.inzage.models import Rectificatie
from regiekamer.subjects import selectors as subject_selectors
from regiekamer.subjects.models import Persoon


class PersoonZoekForm(UtrechtFormMixin, forms.Form):
    zoekterm = forms.CharField(
        label=gettext_lazy("Naam of BSN"), min_length=2, max_length=100, validators=[validate_zoekterm]
    )
    verplicht = frozenset({"zoekterm"})


class WeigeringForm(UtrechtFormMixin, forms.Form):
    onderdeel = forms.CharField(widget=forms.HiddenInput, max_length=80)
    reden = forms.CharField(
        label=gettext_lazy("Reden (wettelijke grond)"),
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: lopend onderzoek, art. 41 UAVG / art. 23 AVG."),
    )
    verplicht = frozenset({"reden"})


class RectificatieForm(UtrechtFormMixin, forms.Form):
    veld = forms.ChoiceField(label=gettext_lazy("Gegeven"), choices=Rectificatie.Veld.choices)
    nieuwe_waarde = forms.CharField(
        label=gettext_lazy("Juiste waarde"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Geboortedatum als JJJJ-MM-DD."),
    )
    reden = forms.CharField(label=gettext_lazy("Reden"), max_length=300)
    verzoek = forms.CharField(label=gettext_lazy("Kenmerk van het verzoek"), max_length=100, required=False)
    verplicht = frozenset({"veld", "reden"})


class BeperkingForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden van de beperking"),
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: de betrokkene betwist de juistheid van de gegevens."),
    )
    verzoek = forms.CharField(label=gettext_lazy("Kenmerk van het verzoek"), max_length=100, required=False)
    verplicht = frozenset({"reden"})


class OpheffenForm(UtrechtFormMixin, forms.Form):
    opheffen_reden = forms.CharField(label=gettext_lazy("Reden van opheffen"), max_length=300)
    verplicht = frozenset({"opheffen_reden"})


def _persoon(request, pk) -> Persoon:
    persoon = Persoon.objects.filter(gemeente=request.user.gemeente, pk=parse_uuid(pk)).first()
    if persoon is None:
        raise Http404
    while persoon.samengevoegd_in_id is not None:  # merged: the report is that of the remaining person
        persoon = Persoon.objects.get(pk=persoon.samengevoegd_in_id)
    return persoon


@require_http_methods(["GET", "POST"])
@capability_required(permissions.HANDLE_SUBJECT_REQUESTS)
def zoeken(request):
    form = PersoonZoekForm(request.POST if request.method == "POST" else None)
    personen = None
    if form.is_bound and form.is_valid():
        personen = list(
            subject_selectors.search_personen(
                request.user.gemeente, form.cleaned_data["zoekterm"], include_restricted=True
            )
        )
        audit.log_lijst(
            request.user,
            "inzage.zoeken",
            "persoon",
            personen,
            actie=Actie.ZOEKEN,
            doel=services.DOEL_INZAGE,
            grondslag=services.GRONDSLAG_INZAGE,
        )
        form = PersoonZoekForm()  # a BSN searched for is not echoed back into the page
    context = {
        "form": form,
        "personen": personen,
        "beperkt": {p.pk for p in personen if is_restricted(p)} if personen else set(),
        "error_summary": error_summary(form) if form.is_bound else None,
    }
    return render(request, "inzage/zoeken.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET"])
@capability_required(permissions.HANDLE_SUBJECT_REQUESTS)
def rapport(request, pk, weigering_form=None, status=200):
    persoon = _persoon(request, pk)
    voor_betrokkene = request.GET.get("voor") == "betrokkene"
    audit.log(
        request.user,
        Actie.LEZEN,
        "inzage.rapport",
        "persoon",
        [persoon],
        doel=services.DOEL_INZAGE,
        grondslag=services.GRONDSLAG_INZAGE,
    )
    context = {
        "rapport": selectors.rapport(persoon),
        "persoon": persoon,
        "voor_betrokkene": voor_betrokkene,
        "mag_weigeren": services.may_withhold(request.user) and not voor_betrokkene,
        "rectificatie_form": RectificatieForm(auto_id="rect_%s"),
        "beperking_form": BeperkingForm(auto_id="beperk_%s"),
        "opheffen_form": OpheffenForm(auto_id="ophef_%s"),
        "weigering_form": weigering_form,
        "error_summary": error_summary(weigering_form) if weigering_form is not None else None,
    }
    return render(request, "inzage/rapport.html", context, status=status)


@require_POST
@capability_required(permissions.HANDLE_SUBJECT_REQUESTS)
def weigeren(request, pk):
    persoon = _persoon(request, pk)
    if not services.may_withhold(request.user):
        raise PermissionDenied
    form = WeigeringForm(request.POST)
    if form.is_valid():
        try:
            services.withhold(request.user, persoon, form.cleaned_data["onderdeel"], form.cleaned_data["reden"])
        except InvalidInput as error:
            for param in error.invalid_params:
                name = param["name"] if param["name"] in form.fields else None
                form.add_error(name, param["reason"])
        else:
            messages.success(request, _("Het onderdeel wordt niet verstrekt."))
            return redirect("inzage:rapport", pk=persoon.pk)
    request.method = "GET"
    return rapport(request, pk, weigering_form=form, status=400)


@require_POST
@capability_required(permissions.HANDLE_SUBJECT_REQUESTS)
def vrijgeven(request, pk):
    persoon = _persoon(request, pk)
    if not services.may_withhold(request.user):
        raise PermissionDenied
    try:
        services.release(request.user, persoon, request.POST.get("onderdeel", ""))
    except InvalidInput as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het onderdeel wordt weer verstrekt."))
    return redirect("inzage:rapport", pk=persoon.pk)


def _request_action(request, pk, form_class, action, success: str):
    """Handle one posted request of the person concerned (rectification, restriction, lifting)."""
    persoon = _persoon(request, pk)
    if not services.may_withhold(request.user):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(persoon, form.cleaned_data)
        except (InvalidInput, TransitionRefused) as error:
            reasons = [param["reason"] for param in getattr(error, "invalid_params", [])] or [error.message]
            for reason in reasons:
                messages.error(request, reason)
        else:
            messages.success(request, success)
            return redirect("inzage:rapport", pk=persoon.pk)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    request.method = "GET"
    return rapport(request, pk, status=400)


@require_POST
@capability_required(permissions.HANDLE_SUBJECT_REQUESTS)
def rectificeren(request, pk):
    def action(persoon, data):
        services.rectify(request.user, persoon, data["veld"], data["nieuwe_waarde"], data["reden"], data["verzoek"])

    return _request_action(request, pk, RectificatieForm, action, _("Het gegeven is gecorrigeerd en vastgelegd."))


@require_POST
@capability_required(permissions.HANDLE_SUBJECT_REQUESTS)
def beperken(request, pk):
    def action(persoon, data):
        services.restrict(request.user, persoon, data["reden"], data["verzoek"])

    return _request_action(request, pk, BeperkingForm, action, _("De verwerking is beperkt."))


@require_POST
@capability_required(permissions.HANDLE_SUBJECT_REQUESTS)
def opheffen(request, pk):
    def action(persoon, data):
        services.lift(request.user, persoon, data["opheffen_reden"])

    return _request_action(request, pk, OpheffenForm, action, _("De beperking is opgeheven."))


@require_http_methods(["GET"])
@capability_required(permissions.VIEW_PROCESSING_LOG)
def verzoeken(request):
    """For the privacyfunctionaris: every rectification and restriction of the gemeente, without names or values."""
    items = selectors.rechten_trail(request.user.gemeente)
    for objecttype in ("rectificatie", "beperking"):
        audit.log_lijst(
            request.user,
            "verwerkingen.rechtenverzoeken",
            objecttype,
            [item["object"] for item in items if item["objecttype"] == objecttype],
            doel=DOEL_TOEZICHT,
            grondslag=GRONDSLAG_TOEZICHT,
        )
    return render(request, "inzage/verzoeken.html", {"items": items})
