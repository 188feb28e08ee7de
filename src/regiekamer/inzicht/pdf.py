"""The ondermijningsbeeld as an HTML document and as a PDF (WeasyPrint), from one template.

The approach of the meeting PDFs (``overleggen.pdf``): a self-contained stylesheet read from the static files, the
system fonts (Noto Sans, Liberation Sans, DejaVu Sans), and a URL fetcher that reads nothing from disk or network. The
one thing it does serve is the charts: SVG as ``data:image/svg+xml;base64`` URLs that the report embeds itself.
"""

import base64

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

TEMPLATE = "inzicht/ondermijningsbeeld/document.html"
STYLESHEET = "inzicht/ondermijningsbeeld-document.css"
SVG_DATA_URL = "data:image/svg+xml;base64,"


def render_html(beeld, *, pdf: bool, request=None) -> str:
    context = {"beeld": beeld, "pdf": pdf, "gegenereerd_op": timezone.localtime()}
    return render_to_string(TEMPLATE, context, request=request)


def _svg_of(url: str) -> bytes:
    if not url.startswith(SVG_DATA_URL):
        raise ValueError(f"Regiekamer loads no resources into a PDF except its own charts: {url[:40]}")
    return base64.b64decode(url[len(SVG_DATA_URL) :], validate=True)


try:  # WeasyPrint 67 and later
    from weasyprint.urls import URLFetcher as _BaseFetcher
    from weasyprint.urls import URLFetcherResponse as _Response
except ImportError:  # pragma: no cover - older WeasyPrint takes a plain function
    _BaseFetcher = None


if _BaseFetcher is not None:

    class _ChartsOnly(_BaseFetcher):
        """Serves the embedded SVG charts; refuses every other URL (file, network, other data)."""

        def fetch(self, url, headers=None):
            return _Response(url, _svg_of(url), {"Content-Type": "image/svg+xml"})

    def _url_fetcher():
        return _ChartsOnly()

else:  # pragma: no cover

    def _url_fetcher():
        def fetch(url, *args, **kwargs):
            return {"string": _svg_of(url), "mime_type": "image/svg+xml"}

        return fetch


def render_pdf(beeld) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading Pango is only needed for a PDF

    html = render_html(beeld, pdf=True)
    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=_url_fetcher())
    document = HTML(string=html, url_fetcher=_url_fetcher())
    return document.write_pdf(stylesheets=[stylesheet])
