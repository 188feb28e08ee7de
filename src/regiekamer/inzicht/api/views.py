"""``GET /api/v1/cijfers/<figuur>``: a figure of "regie op resultaat" as JSON, CSV or XLSX. Thin: the filters are
parsed by ``inzicht.filters`` and the figure comes from ``inzicht.selectors.figuur``, as on the dashboards.

``GET /api/v1/ondermijningsbeeld``: the report of ``inzicht.beeld`` as an HTML document or a PDF, as on the pages."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.core.api import capability, problem
from regiekamer.core.errors import InvalidInput
from regiekamer.inzicht import beeld, exports, filters, pdf, selectors
from regiekamer.inzicht.api.serializers import CijferSerializer
from regiekamer.inzicht.views import pdf_response

FORMATEN = ("json", "csv", "xlsx")

FIGUUR_BESCHRIJVING = "\n".join(f"- `{naam}`: {spec.titel}" for naam, spec in selectors.FIGUREN.items())


class CijferView(APIView):
    permission_classes = [capability(permissions.VIEW_AGGREGATES)]

    @extend_schema(
        operation_id="cijfers_retrieve",
        summary="Een cijfer van regie op resultaat",
        description=(
            "Eén cijfer als tabel (`kolommen`, `rijen`): alleen aantallen en kengetallen, nooit namen, adressen of "
            "omschrijvingen. Dezelfde cijfers als op de dashboards. Wie geen persoonsgegevens mag inzien krijgt "
            "aantallen van 1 tot en met 4 als `< 5`.\n\nCijfers:\n" + FIGUUR_BESCHRIJVING
        ),
        parameters=[
            OpenApiParameter(
                "figuur", str, OpenApiParameter.PATH, enum=list(selectors.FIGUREN), description="Het cijfer."
            ),
            OpenApiParameter(
                "van", str, description="Begin: `JJJJ-MM-DD` of `JJJJ-MM`; telt vanaf de eerste dag van die maand."
            ),
            OpenApiParameter(
                "tot", str, description="Eind: `JJJJ-MM-DD` of `JJJJ-MM`; telt tot en met de laatste dag van die maand."
            ),
            OpenApiParameter("buurt", str, description="CBS-buurtcode (`BU` en 8 cijfers)."),
            OpenApiParameter("wijk", str, description="CBS-wijkcode (`WK` en 6 cijfers); niet samen met `buurt`."),
            OpenApiParameter("fenomeen", str, description="Code van een fenomeen."),
            OpenApiParameter("formaat", str, enum=list(FORMATEN), description="Standaard `json`."),
        ],
        responses={
            (200, "application/json"): CijferSerializer,
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="De rijen als CSV."),
            (200, exports.CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY, description="Als XLSX."),
            400: problem("Ongeldige parameter; `invalidParams` noemt ze"),
            404: problem("Onbekend cijfer"),
        },
    )
    def get(self, request, figuur):
        selectors.definitie(figuur)  # an unknown figure is 404 before anything else
        params = {name: request.query_params.get(name, "") for name in request.query_params}
        formaat = params.pop("formaat", "") or "json"
        errors = []
        if formaat not in FORMATEN:
            errors.append({"name": "formaat", "code": "onbekend", "reason": "Kies json, csv of xlsx."})
        try:
            parsed = filters.parse(request.user.gemeente, params)
        except InvalidInput as error:
            errors = errors + error.invalid_params
        if errors:
            raise InvalidInput("Een of meer parameters zijn ongeldig.", errors)
        result = selectors.figuur(request.user, figuur, parsed)
        if formaat == "json":
            return Response(exports.als_json(result))
        content = exports.als_csv(result) if formaat == "csv" else exports.als_xlsx(result)
        response = HttpResponse(content, content_type=exports.CONTENT_TYPES[formaat])
        response["Content-Disposition"] = f'attachment; filename="{exports.bestandsnaam(result, formaat)}"'
        return response


class _IgnoreAccept(BaseContentNegotiation):
    """The answer is HTML or PDF by ``formaat``, not by the Accept header; errors are always problem+json."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


BEELD_FORMATEN = ("html", "pdf")


class OndermijningsbeeldView(APIView):
    permission_classes = [capability(permissions.VIEW_AGGREGATES)]
    content_negotiation_class = _IgnoreAccept

    @extend_schema(
        operation_id="ondermijningsbeeld_retrieve",
        summary="Het ondermijningsbeeld van een buurt, wijk of de gemeente",
        description=(
            "Een rapport voor de wijkscan: signalen per fenomeen over de tijd tegen het gemeentelijk gemiddelde "
            "(per 1.000 inwoners, of naar aandeel als de inwoners niet bekend zijn), hotspots als aantallen, "
            "casussen per aanpak, interventies en hun resultaat, behaalde doelen en een automatisch geschreven "
            "samenvatting, met grafieken (SVG). Als HTML-document of als PDF. Zonder persoonsgegevens: aantallen van "
            "1 tot en met 4 staan voor iedereen als `< 5`. Dezelfde cijfers als `GET /api/v1/cijfers/<figuur>`."
        ),
        parameters=[
            OpenApiParameter(
                "gebied",
                str,
                required=True,
                description="CBS-code van een buurt (`BU` en 8 cijfers), een wijk (`WK` en 6 cijfers) of de eigen "
                "gemeente (`GM` en 4 cijfers).",
            ),
            OpenApiParameter("formaat", str, enum=list(BEELD_FORMATEN), description="Standaard `html`."),
            OpenApiParameter(
                "maanden",
                str,
                enum=["24", "36"],
                description="De laatste 24 of 36 hele maanden; niet samen met van/tot.",
            ),
            OpenApiParameter(
                "van", str, description="Begin: `JJJJ-MM-DD` of `JJJJ-MM`; telt vanaf de eerste dag van die maand."
            ),
            OpenApiParameter(
                "tot",
                str,
                description="Eind: `JJJJ-MM-DD` of `JJJJ-MM`; telt tot en met de laatste dag van die maand. Standaard "
                "de vorige maand; de periode is hoogstens 36 maanden, standaard 24.",
            ),
        ],
        responses={
            (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="Het beeld als HTML-document."),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Het beeld als PDF."),
            400: problem("Ongeldige parameter; `invalidParams` noemt ze"),
            404: problem("Onbekend gebied (of een gebied van een andere gemeente)"),
        },
    )
    def get(self, request):
        params = {name: request.query_params.get(name, "") for name in request.query_params}
        errors = [
            {"name": name, "code": "dubbel", "reason": "Geef deze parameter één keer op."}
            for name in sorted(request.query_params)
            if len(request.query_params.getlist(name)) > 1
        ]
        code = params.pop("gebied", "").strip()
        formaat = params.pop("formaat", "") or "html"
        if not code:
            errors.append({"name": "gebied", "code": "verplicht", "reason": "Geef een CBS-code van een gebied."})
        elif not beeld.geldige_code(code):
            errors.append(
                {
                    "name": "gebied",
                    "code": "ongeldig",
                    "reason": "Geef een CBS-code: BU en 8 cijfers, WK en 6 cijfers of GM en 4 cijfers.",
                }
            )
        if formaat not in BEELD_FORMATEN:
            errors.append({"name": "formaat", "code": "onbekend", "reason": "Kies html of pdf."})
        periode = None
        try:
            periode = beeld.lees_periode(params)
        except InvalidInput as error:
            errors += error.invalid_params
        if errors:
            raise InvalidInput("Een of meer parameters zijn ongeldig.", errors)
        rapport = beeld.ondermijningsbeeld(request.user, code, periode)
        if formaat == "pdf":
            return pdf_response(rapport)
        response = HttpResponse(pdf.render_html(rapport, pdf=False, request=request), content_type="text/html")
        response["Content-Type"] = "text/html; charset=utf-8"
        return response
