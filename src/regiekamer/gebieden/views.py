"""The map, the area view without names and the hotspots. Thin: validate, call the selectors, render."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from regiekamer.accounts import permissions
from regiekamer.accounts.decorators import capability_required
from regiekamer.core.onderdrukking import ONDERDRUKT
from regiekamer.gebieden import selectors
from regiekamer.gebieden.forms import GebiedFilterForm
from regiekamer.gebieden.selectors import GebiedFilter, standaard_periode


def tegelhost() -> str:
    """The origin of the background tiles (``KAART_TEGELS_URL``), or "" when tiles are off."""
    if not settings.KAART_TEGELS_URL:
        return ""
    url = urlsplit(settings.KAART_TEGELS_URL)
    if url.scheme not in ("https", "http") or not url.netloc:
        raise ImproperlyConfigured("KAART_TEGELS_URL must be an http(s) URL template, or empty.")
    return f"{url.scheme}://{url.netloc}"


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def kaart(request):
    gemeente = request.user.gemeente
    form = GebiedFilterForm(request.GET, gemeente=gemeente)
    if form.is_valid():
        filters = form.filters()
    else:
        van, tot = standaard_periode()
        filters = GebiedFilter(van=van, tot=tot)
    cijfers = selectors.signalen_per_gebied(request.user, filters)
    punten = None
    if selectors.mag_adressen_zien(request.user):
        punten = [
            {"lat": p.latitude, "lon": p.longitude, "aantal": p.signalen, "adres": p.label}
            for p in selectors.adressen_met_signalen(request.user, filters)
        ]
    kaartdata = {
        "gebieden": cijfers.feature_collection(),
        "punten": punten,
        "tegels": {"url": settings.KAART_TEGELS_URL, "attributie": settings.KAART_TEGELS_ATTRIBUTIE},
        "onderdrukt": ONDERDRUKT if cijfers.onderdrukt else None,
    }
    context = {
        "form": form,
        "cijfers": cijfers,
        "filters": filters,
        "kaartdata": kaartdata,
        "punten_maximum": selectors.MAX_PUNTEN,
        "aantal_punten": len(punten) if punten is not None else None,
        "rijen": [(g, cijfers.toon(g.signalen)) for g in cijfers.gebieden],
        "zonder_gebied": cijfers.toon(cijfers.zonder_gebied),
    }
    response = render(request, "gebieden/kaart.html", context)
    if host := tegelhost():
        # The only widening of the CSP: images from the tile host, on this page only (django-csp's csp_update).
        response._csp_update = {"img-src": [host]}
    return response


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def overzicht(request):
    rijen, jaar = selectors.gebiedsoverzicht(request.user)
    return render(request, "gebieden/overzicht.html", {"rijen": rijen, "jaar": jaar})


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def gebiedsbeeld(request, code: str):
    beeld = selectors.gebiedsbeeld(request.user, code.upper()[:10])
    if beeld is None:
        raise Http404
    return render(request, "gebieden/gebiedsbeeld.html", {"beeld": beeld})


@require_GET
@capability_required(permissions.VIEW_AGGREGATES)
def hotspots(request):
    buurten, regels = selectors.buurt_hotspots(request.user)
    adressen = None
    if selectors.mag_adressen_zien(request.user):
        adressen, regels = selectors.adres_hotspots(request.user)
    context = {"buurten": buurten, "adressen": adressen, "regels": regels}
    return render(request, "gebieden/hotspots.html", context)
