"""The analyst's pages: pseudonymised signals and cases with filters and a CSV export, the co-occurrence of
pseudonyms, re-identification with a recorded reason, and for the privacyfunctionaris the list of
re-identifications. Filters are in the URL: they hold no personal data."""

import calendar
import csv
import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.analyse import selectors, services
from regiekamer.audit import services as audit
from regiekamer.audit.views import DOEL_TOEZICHT, GRONDSLAG_TOEZICHT
from regiekamer.core.errors import InvalidInput, TransitionRefused
from regiekamer.core.forms import UtrechtFormMixin, error_summary
from regiekamer.core.ids import parse_uuid
from regiekamer.core.paging import CountedQuerySet

PAGE_SIZE = 50
MAAND = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class FilterForm(UtrechtFormMixin, forms.Form):
    weergave = forms.ChoiceField(
        label=gettext_lazy("Weergave"),
        choices=[("signalen", gettext_lazy("Signalen")), ("casussen", gettext_lazy("Casussen"))],
        required=False,
    )
    buurt = forms.ChoiceField(label=gettext_lazy("Buurt"), required=False)
    fenomeen = forms.ChoiceField(label=gettext_lazy("Fenomeen"), required=False)
    van = forms.DateField(label=gettext_lazy("Van (maand)"), required=False, input_formats=["%Y-%m"], widget=MAAND)
    tot = forms.DateField(
        label=gettext_lazy("Tot en met (maand)"), required=False, input_formats=["%Y-%m"], widget=MAAND
    )
    verplicht = frozenset()

    def __init__(self, data, gemeente):
        super().__init__(data)
        self.fields["buurt"].choices = [("", _("Alle buurten"))] + [
            (str(b.pk), b.naam) for b in selectors.buurten(gemeente)
        ]
        self.fields["fenomeen"].choices = [("", _("Alle fenomenen"))] + [
            (f.code, f.naam) for f in selectors.fenomenen(gemeente)
        ]

    def filters(self) -> selectors.AnalyseFilter:
        if not self.is_valid():
            return selectors.AnalyseFilter()
        data = self.cleaned_data
        tot = data.get("tot")
        if tot:
            tot = dt.date(tot.year, tot.month, calendar.monthrange(tot.year, tot.month)[1])
        buurt = data.get("buurt") or ""
        return selectors.AnalyseFilter(
            buurt=str(parse_uuid(buurt)) if buurt else "",
            fenomeen=data.get("fenomeen") or "",
            van=data.get("van"),
            tot=tot,
        )


def _filter_form(request):
    return FilterForm(request.GET or None, request.user.gemeente)


def _weergave(form) -> str:
    return (
        "casussen"
        if form.is_bound and form.is_valid() and form.cleaned_data.get("weergave") == "casussen"
        else "signalen"
    )


def _rows(request, form):
    gemeente = request.user.gemeente
    if _weergave(form) == "casussen":
        return selectors.casussen(gemeente, form.filters()), selectors.casus_rij, "casus"
    return selectors.signalen(gemeente, form.filters()), selectors.signaal_rij, "signaal"


def _pagineerbaar(request, form, queryset):
    """The list for the paginator; a signal list is counted by ``selectors.aantal_signalen``."""
    if _weergave(form) == "casussen":
        return queryset
    return CountedQuerySet(queryset, lambda: selectors.aantal_signalen(request.user.gemeente, form.filters()))


@require_http_methods(["GET"])
@capability_required(permissions.ANALYSE_PSEUDONYMISED)
def lijst(request):
    form = _filter_form(request)
    queryset, to_row, objecttype = _rows(request, form)
    page = Paginator(_pagineerbaar(request, form, queryset), PAGE_SIZE).get_page(request.GET.get("pagina"))
    records = list(page.object_list)
    audit.log_lijst(request.user, "analyse.lijst", objecttype, records, doel=services.DOEL_ANALYSE)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "weergave": _weergave(form),
        "rijen": [to_row(record) for record in records],
        "page": page,
        "query": query.urlencode(),
        "mag_heridentificeren": permissions.has_capability(request.user, permissions.REIDENTIFY),
        "error_summary": error_summary(form) if form.is_bound else None,
    }
    return render(request, "analyse/lijst.html", context)


CSV_HEADER = [
    "pseudoniem",
    "maand",
    "buurt",
    "fenomenen",
    "indicatoren",
    "status",
    "soort_melder",
    "aanpak",
    "personen",
    "adressen",
    "ondernemingen",
    "signalen",
]


@require_http_methods(["GET"])
@capability_required(permissions.ANALYSE_PSEUDONYMISED)
def export(request):
    """The same pseudonymised rows as the page, all pages, as CSV. The export is logged with the ids exported."""
    form = _filter_form(request)
    queryset, to_row, objecttype = _rows(request, form)
    records = list(queryset.iterator(chunk_size=1000))
    audit.log_lijst(request.user, "analyse.export", objecttype, records, doel=services.DOEL_ANALYSE)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="analyse-{_weergave(form)}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    for record in records:
        rij = to_row(record)
        writer.writerow(
            [
                rij.pseudoniem,
                rij.maand,
                rij.buurt,
                "|".join(rij.fenomenen),
                "|".join(rij.indicatoren),
                rij.status,
                rij.melder_soort,
                rij.aanpak,
                "|".join(rij.personen),
                "|".join(rij.adressen),
                "|".join(rij.ondernemingen),
                "|".join(rij.signalen),
            ]
        )
    return response


@require_http_methods(["GET"])
@capability_required(permissions.ANALYSE_PSEUDONYMISED)
def samenhang(request):
    form = _filter_form(request)
    try:
        minimum = max(1, int(request.GET.get("minimaal", "1")))
    except ValueError:
        minimum = 1
    paren = selectors.samenhang(request.user.gemeente, form.filters(), minimum)
    page = Paginator(paren, PAGE_SIZE).get_page(request.GET.get("pagina"))
    shown: dict[str, list] = {}
    for paar in page.object_list:
        shown.setdefault(paar.a_soort, []).append(paar.a_id)
        shown.setdefault(paar.b_soort, []).append(paar.b_id)
    for soort, ids in shown.items():
        audit.log_lijst(request.user, "analyse.samenhang", soort, ids, doel=services.DOEL_ANALYSE)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "minimaal": minimum,
        "query": query.urlencode(),
        "mag_heridentificeren": permissions.has_capability(request.user, permissions.REIDENTIFY),
    }
    return render(request, "analyse/samenhang.html", context)


class HeridentificatieForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Waarom is de identiteit nodig voor de aanpak?"),
    )
    referentie = forms.CharField(
        label=gettext_lazy("Referentie"),
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld het verzoek van de regisseur of het nummer van het overleg."),
    )
    verplicht = frozenset({"reden", "referentie"})


@require_http_methods(["GET", "POST"])
@capability_required(permissions.REIDENTIFY)
def heridentificeren(request, pseudoniem):
    """GET: the form, without the identity. POST with reason and reference: record, log, then show."""
    if services.resolve(request.user.gemeente, pseudoniem) is None:
        raise Http404
    form = HeridentificatieForm(request.POST if request.method == "POST" else None)
    context = {"pseudoniem": pseudoniem.upper(), "form": form, "record": None, "subject": None}
    status = 200
    if form.is_bound:
        try:
            if not form.is_valid():
                raise InvalidInput(_("De heridentificatie is niet vastgelegd."), [])
            record, subject = services.reidentify(
                request.user, pseudoniem, form.cleaned_data["reden"], form.cleaned_data["referentie"]
            )
        except InvalidInput as error:
            for param in error.invalid_params:
                form.add_error(param["name"] if param["name"] in form.fields else None, param["reason"])
            status = 400
        except TransitionRefused as error:
            form.add_error(None, error.message)
            status = 409
        else:
            context.update(record=record, subject=subject, soort=record.soort)
    context["error_summary"] = error_summary(form) if form.is_bound and form.errors else None
    response = render(request, "analyse/heridentificeren.html", context, status=status)
    return response


@require_http_methods(["GET"])
@capability_required(permissions.VIEW_PROCESSING_LOG)
def heridentificaties(request):
    """For the privacyfunctionaris: who re-identified which pseudonym, when, in which role, why."""
    heridentificaties = list(selectors.heridentificaties(request.user.gemeente))
    audit.log_lijst(
        request.user,
        "verwerkingen.heridentificaties",
        "heridentificatie",
        heridentificaties,
        doel=DOEL_TOEZICHT,
        grondslag=GRONDSLAG_TOEZICHT,
    )
    return render(request, "analyse/heridentificaties.html", {"heridentificaties": heridentificaties})
