"""The privacyfunctionaris' page: who processed data about a person and why, and weighings without
justification. Shows the log only, never the content of signals or cases."""

import csv

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.accounts.roles import Rol
from regiekamer.audit import selectors, services
from regiekamer.audit.models import Actie, Verwerking
from regiekamer.audit.omschrijving import omschrijving
from regiekamer.core.forms import UtrechtFormMixin, error_summary
from regiekamer.core.ids import parse_uuid
from regiekamer.core.text import validate_zoekterm
from regiekamer.doelbinding.doelen import Doel
from regiekamer.subjects import selectors as subject_selectors
from regiekamer.subjects.models import Persoon

DOEL_TOEZICHT = "toezicht op de verwerking van persoonsgegevens"
GRONDSLAG_TOEZICHT = "art. 39 AVG (taken van de functionaris gegevensbescherming)"


PAGINA = 50
CSV_KOLOMMEN = [
    "volgnummer", "tijdstip", "gebruiker", "naam", "organisatie", "rol", "actie", "omschrijving", "handeling",
    "objecttype", "aantal_objecten", "doel", "grondslag", "via",
]  # fmt: skip
DATUM = forms.DateInput(attrs={"type": "date", "class": "rk-textbox--short"}, format="%Y-%m-%d")


class LogFilterForm(UtrechtFormMixin, forms.Form):
    van = forms.DateField(label=_("Van"), required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y"], widget=DATUM)
    tot = forms.DateField(label=_("Tot en met"), required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y"], widget=DATUM)
    gebruiker = forms.ChoiceField(label=_("Medewerker"), required=False)
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    actie = forms.ChoiceField(label=_("Soort verwerking"), required=False)
    verplicht = frozenset()

    def __init__(self, data, gemeente):
        super().__init__(data)
        gebruikers, organisaties = selectors.logkeuzes(gemeente)
        self.fields["gebruiker"].choices = [("", _("Iedereen"))] + gebruikers
        self.fields["organisatie"].choices = [("", _("Alle organisaties"))] + [(o, o) for o in organisaties]
        self.fields["actie"].choices = [("", _("Alle soorten"))] + list(Actie.choices)

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("Kies een datum op of na de begindatum."))
        return cleaned

    def filters(self) -> selectors.LogFilter:
        if not self.is_valid():
            return selectors.LogFilter()
        data = self.cleaned_data
        return selectors.LogFilter(
            van=data.get("van"),
            tot=data.get("tot"),
            gebruiker=data.get("gebruiker") or "",
            organisatie=data.get("organisatie") or "",
            actie=data.get("actie") or "",
        )


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
            context["verwerkingen"] = _regels(selectors.verwerkingen_over(persoon)[:500])
    context["wegingen_zonder_toelichting"] = list(selectors.wegingen_zonder_toelichting(gemeente))
    filter_form = LogFilterForm(request.GET or None, gemeente)
    page = Paginator(selectors.logboek(gemeente, filter_form.filters()), PAGINA).get_page(request.GET.get("page"))
    context.update(
        filter_form=filter_form,
        page_obj=page,
        regels=_regels(page.object_list),
        csv_query=request.GET.urlencode(),
    )
    bound = [f for f in (form, filter_form) if f.is_bound]
    context["error_summary"] = next((error_summary(f) for f in bound if f.errors), None)
    status = 400 if any(f.errors for f in bound) else 200
    return render(request, "audit/verwerkingen.html", context, status=status)


class Regel:
    """One log entry as the page and the CSV show it."""

    def __init__(self, verwerking: Verwerking, naam: str):
        self.verwerking = verwerking
        self.naam = naam
        self.omschrijving = omschrijving(verwerking.handeling)
        self.aantal = len(verwerking.object_ids or [])
        self.via = verwerking.get_bron_display()
        self.rol = Rol(verwerking.rol).label if verwerking.rol in Rol.values else verwerking.rol
        # A purpose of doelbinding by its name; a purpose written out (inzage, supervision) as it is.
        self.doel = str(Doel(verwerking.doel).label) if verwerking.doel in Doel.values else verwerking.doel


def _regels(verwerkingen) -> list[Regel]:
    verwerkingen = list(verwerkingen)
    namen = selectors.namen_van(v.gebruiker for v in verwerkingen)
    return [Regel(v, namen.get(v.gebruiker, v.gebruiker)) for v in verwerkingen]


@require_http_methods(["GET"])
@capability_required(permissions.VIEW_PROCESSING_LOG)
def verwerkingen_csv(request):
    """The filtered log as CSV (semicolon-separated, for a spreadsheet), every page. No object ids: which persons
    an entry is about is asked per person on the page."""
    gemeente = request.user.gemeente
    filter_form = LogFilterForm(request.GET or None, gemeente)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verwerkingen-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_KOLOMMEN)
    if filter_form.is_bound and not filter_form.is_valid():
        # Never the whole log for a filter that could not be read.
        return HttpResponse(_("De filter is ongeldig; pas hem aan op de pagina Verwerkingen."), status=400)
    queryset = selectors.logboek(gemeente, filter_form.filters())
    # Newest first, 2,000 at a time, each batch after the last volgnummer of the one before (no OFFSET).
    batch = list(queryset[:2000])
    while batch:
        for regel in _regels(batch):
            v = regel.verwerking
            writer.writerow(
                [
                    v.volgnummer, timezone.localtime(v.tijdstip).strftime("%d-%m-%Y %H:%M:%S"), v.gebruiker, regel.naam,
                    v.organisatie, v.rol, v.get_actie_display(), regel.omschrijving, v.handeling, v.objecttype,
                    regel.aantal, regel.doel, v.grondslag, regel.via,
                ]
            )  # fmt: skip
        batch = list(queryset.filter(volgnummer__lt=batch[-1].volgnummer)[:2000])
    return response
