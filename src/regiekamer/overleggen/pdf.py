"""Agenda and minutes of a meeting as a document: the print view and the PDF come from one template.

Each participant's copy is built from ``agenda_for(viewer, overleg)``: it holds only the cases that
participant may see (taking part and an active sharing decision), within them only the action points
they may see, and the minutes and decisions only where a sharing decision allows "overleg". Nothing else about the
other cases (not even how many there are) ends up in the copy.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from regiekamer.casussen import selectors as casus_selectors
from regiekamer.casussen.models import Interventie
from regiekamer.delen.models import Categorie
from regiekamer.overleggen.services import agenda_for

TEMPLATE = "overleggen/afdruk.html"
STYLESHEET = "overleggen/afdruk.css"


def actiepunten_for(viewer, punten) -> dict:
    """The action points of each agenda item the viewer may see: all of them on the regisseur side,
    a partner only those assigned to them (as everywhere in a case)."""
    queryset = Interventie.objects.filter(agendapunt__in=punten).select_related(
        "soort", "eigenaar_organisatie", "eigenaar"
    )
    if not casus_selectors.sees_whole_case(viewer):
        queryset = queryset.filter(pk__in=casus_selectors.eigen_acties(viewer).values("pk"))
    per_punt: dict = {}
    for interventie in queryset.order_by("deadline", "aangemaakt_op"):
        per_punt.setdefault(interventie.agendapunt_id, []).append(interventie)
    return per_punt


def agenda_items(viewer, overleg) -> list[dict]:
    """``[{"punt", "actiepunten"}]`` in agenda order, only what the viewer may see."""
    punten = agenda_for(viewer, overleg)
    actiepunten = actiepunten_for(viewer, punten)
    return [
        {
            "punt": punt,
            "actiepunten": actiepunten.get(punt.pk, []),
            "notulen_gedeeld": Categorie.OVERLEG in casus_selectors.allowed_categories(viewer, punt.casus),
        }
        for punt in punten
    ]


def minutes_context(viewer, overleg, *, pdf: bool) -> dict:
    return {
        "overleg": overleg,
        "deelnemers": overleg.deelnemers.select_related("organisatie").order_by("last_name", "first_name"),
        "items": agenda_items(viewer, overleg),
        "viewer": viewer,
        "viewer_naam": viewer.get_full_name() or viewer.username,
        "viewer_organisatie": viewer.organisatie.naam if viewer.organisatie_id else "",
        "gegenereerd_op": timezone.localtime(),
        "pdf": pdf,
    }


def render_minutes_html(viewer, overleg, *, pdf: bool, request=None) -> str:
    return render_to_string(TEMPLATE, minutes_context(viewer, overleg, pdf=pdf), request=request)


try:  # WeasyPrint 67 and later
    from weasyprint.urls import URLFetcher as _BaseFetcher
except ImportError:  # pragma: no cover - older WeasyPrint takes a plain function
    _BaseFetcher = None


def _refuse(url, *args, **kwargs):
    raise ValueError(f"Regiekamer loads no resources into a PDF: {url}")


if _BaseFetcher is not None:

    class _NoFetcher(_BaseFetcher):
        """The document holds only what the template renders: no file, network or data URL is read."""

        def fetch(self, url, headers=None):
            _refuse(url)

    def _url_fetcher():
        return _NoFetcher()

else:  # pragma: no cover

    def _url_fetcher():
        return _refuse


def render_minutes_pdf(overleg, viewer) -> bytes:
    """The viewer's copy of agenda and minutes as PDF bytes."""
    from weasyprint import CSS, HTML  # imported here: loading Pango is only needed for a PDF

    html = render_minutes_html(viewer, overleg, pdf=True)
    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=_url_fetcher())
    document = HTML(string=html, url_fetcher=_url_fetcher())
    return document.write_pdf(stylesheets=[stylesheet])
