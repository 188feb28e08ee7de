"""The privacyfunctionaris' page: who processed data about a person and why, and weighings without
justification. Shows the log only, never the content of signals or cases."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.audit import selectors, services
from regiekamer.audit.models import Actie
from regiekamer.core.forms import UtrechtFormMixin, error_summary
from regiekamer.core.ids import parse_uuid
from regiekamer.core.text import validate_zoekterm
from regiekamer.subjects import selectors as subject_selectors
from regiekamer.subjects.models import Persoon

DOEL_TOEZICHT = "toezicht op de verwerking van persoonsgegevens"
GRONDSLAG_TOEZICHT = "art. 39 AVG (taken van de functionaris gegevensbescherming)"


class PersoonZoekForm(UtrechtFormMixin, forms.Form):
    naam = forms.CharField(label=_("Naam van de persoon"), min_length=2, max_length=100, validators=[validate_zoekterm])
    verplicht = frozenset({"naam"})


@require_http_methods(["GET", "POST"])
@capability_required(permissions.VIEW_PROCESSING_LOG)
def verwerkingen(request):
    """GET: the form. POST ``naam``: matching persons to choose from. POST ``persoon``: the log entries
    about that person, their signals and cases in the last year. Nothing identifying is put in a URL."""
    gemeente = request.user.gemeente
    form = PersoonZoekForm(request.POST if request.method == "POST" and "naam" in request.POST else None)
    context = {"form": form, "personen": None, "persoon": None, "verwerkingen": None}
    if form.is_bound and form.is_valid():
        personen = list(subject_selectors.search_personen(gemeente, form.cleaned_data["naam"], include_restricted=True))
        services.log_lijst(
            request.user,
            "verwerkingen.zoeken",
            "persoon",
            personen,
            actie=Actie.ZOEKEN,
            doel=DOEL_TOEZICHT,
            grondslag=GRONDSLAG_TOEZICHT,
        )
        context["personen"] = personen
    elif request.method == "POST" and request.POST.get("persoon"):
        persoon = Persoon.objects.filter(gemeente=gemeente, pk=parse_uuid(request.POST["persoon"])).first()
        if persoon is not None:
            services.log(
                request.user,
                Actie.LEZEN,
                "verwerkingen.persoon",
                "persoon",
                [persoon],
                doel=DOEL_TOEZICHT,
                grondslag=GRONDSLAG_TOEZICHT,
            )
            context["persoon"] = persoon
            context["verwerkingen"] = list(selectors.verwerkingen_over(persoon)[:500])
    context["wegingen_zonder_toelichting"] = list(selectors.wegingen_zonder_toelichting(gemeente))
    context["error_summary"] = error_summary(form) if form.is_bound else None
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "audit/verwerkingen.html", context, status=status)
