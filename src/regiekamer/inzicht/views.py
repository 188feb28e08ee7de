"""The dashboards of "regie op resultaat". Thin: the filters are parsed by ``inzicht.filters``, each figure comes
from ``inzicht.selectors.figuur`` (the selector the API serves) and ``inzicht.grafieken`` arranges it into tables
and charts. Downloads are the API's (``/api/v1/cijfers/<figuur>?formaat=csv|xlsx``), with the same filters.

Like the API, the pages show aggregates only and write nothing to the processing log: they process no personal
data.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.core.errors import InvalidInput
from regiekamer.core.forms import add_invalid_params, error_summary, simple_resolver
from regiekamer.inzicht import filters, grafieken, selectors
from regiekamer.inzicht.forms import FilterForm

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
