"""The dashboards of "regie op resultaat". Thin: the filters are parsed by ``inzicht.filters``, each figure comes
from ``inzicht.selectors.figuur`` (the selector the API serves) and ``inzicht.grafieken`` arranges it into tables
and charts. Downloads are the API's (``/api/v1/cijfers/<figuur>?formaat=csv|xlsx``), with the same filters.

Like the API, the pages show aggregates only and write nothing to the processing log: they process no personal
data. The same holds for the ondermijningsbeeld (``inzicht.beeld``), a report per area served here as a page and a
PDF and by ``GET /api/v1/ondermijningsbeeld``.
"""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.core.errors import InvalidInput
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.inzicht import beeld, filters, grafieken, pdf, selectors
from regiekamer.inzicht.forms import BeeldKeuzeForm, FilterForm

DASHBOARDS = {
    "signalen": ("signalen", "doorlooptijden", "uitkomsten", "werkvoorraad"),
    "casussen": ("casussen", "interventies", "doelen", "terugval", "achterstand"),
}


def _dashboard(request, dashboard: str):
    params = {name: request.GET.get(name, "") for name in filters.PARAMETERS}
    weergaven, parsed, errors = [], None, []
    try:
        parsed = filters.parse(request.user.gemeente, params, strict=False)
    except InvalidInput as error:
        errors = error.invalid_params
    shown = dict(params)
    if parsed is not None:
        shown.update(van=parsed.van.strftime("%Y-%m"), tot=parsed.tot.strftime("%Y-%m"))  # the period in force
    form = FilterForm(shown, gemeente=request.user.gemeente)
    form.is_valid()
    add_invalid_params(errors, simple_resolver(form), form)
    if parsed is not None:
        query = parsed.as_params()
        for naam in DASHBOARDS[dashboard]:
            weergave = grafieken.weergave(selectors.figuur(request.user, naam, parsed))
            api = reverse("api:cijfers", kwargs={"figuur": naam})
            weergave.downloads = {
                formaat: f"{api}?{urlencode({**query, 'formaat': formaat})}" for formaat in ("csv", "xlsx")
            }
            weergaven.append(weergave)
    context = {
        "dashboard": dashboard,
        "form": form,
        "filters": parsed,
        "weergaven": weergaven,
        "onderdrukt": selectors.onderdrukken_voor(request.user),
        "error_summary": error_summary(form),
        "querystring": urlencode(parsed.as_params()) if parsed else "",
        # The ondermijningsbeeld of the area shown (the whole gemeente when no buurt or wijk is chosen).
        "beeld_gebied": parsed.gebied.code if parsed and parsed.gebied.code else request.user.gemeente.cbs_code,
    }
    return render(request, "inzicht/dashboard.html", context)


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def signalen(request):
    return _dashboard(request, "signalen")


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def casussen(request):
    return _dashboard(request, "casussen")


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def overzicht(request):
    """The former "Overzicht" page: its counts are on the dashboards now."""
    return redirect("inzicht:signalen")


# --- The ondermijningsbeeld ----------------------------------------------------------------------------------------


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def beeld_kiezen(request):
    """Choose the area and the period; a valid choice goes to the report."""
    form = BeeldKeuzeForm(request.GET or None, gemeente=request.user.gemeente)
    if form.is_bound and form.is_valid():
        url = reverse("ondermijningsbeeld:rapport", kwargs={"code": form.cleaned_data["gebied"]})
        return redirect(f"{url}?{urlencode({'maanden': form.cleaned_data['maanden']})}")
    return render(
        request, "inzicht/ondermijningsbeeld/kiezen.html", {"form": form, "error_summary": error_summary(form)}
    )


def _beeld_of_keuze(request, code: str):
    """The report for the request, or (None, the choice page with the refused parameters, status 400)."""
    try:
        periode = beeld.lees_periode(request.GET, strict=False)
    except InvalidInput as error:
        form = BeeldKeuzeForm({"gebied": code.upper(), "maanden": "24"}, gemeente=request.user.gemeente)
        form.is_valid()
        for param in error.invalid_params:
            form.add_error(None, param["reason"])
        context = {"form": form, "error_summary": error_summary(form)}
        return None, render(request, "inzicht/ondermijningsbeeld/kiezen.html", context, status=400)
    return beeld.ondermijningsbeeld(request.user, code.upper(), periode), None


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def beeld_rapport(request, code):
    rapport, keuze = _beeld_of_keuze(request, code)
    if rapport is None:
        return keuze
    periode = rapport.periode.as_params()
    gebied = rapport.gebied
    dashboard = {**periode, **({gebied.soort: gebied.code} if gebied.soort in ("buurt", "wijk") else {})}
    context = {
        "beeld": rapport,
        "pdf": False,
        "pdf_url": f"{reverse('ondermijningsbeeld:pdf', kwargs={'code': gebied.code})}?{urlencode(periode)}",
        "dashboard_url": f"{reverse('inzicht:signalen')}?{urlencode(dashboard)}",
    }
    return render(request, "inzicht/ondermijningsbeeld/pagina.html", context)


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def beeld_pdf(request, code):
    rapport, keuze = _beeld_of_keuze(request, code)
    if rapport is None:
        return keuze
    return pdf_response(rapport)


def pdf_response(rapport) -> HttpResponse:
    response = HttpResponse(pdf.render_pdf(rapport), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{rapport.bestandsnaam}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
