"""``GET /api/v1/cijfers/<figuur>``: a figure of "regie op resultaat" as JSON, CSV or XLSX. Thin: the filters are
parsed by ``inzicht.filters`` and the figure comes from ``inzicht.selectors.figuur``, as on the dashboards."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.core.api import COMMON_PROBLEMS, capability, problem
from regiekamer.core.errors import InvalidInput
from regiekamer.inzicht import exports, filters, selectors
from regiekamer.inzicht.api.serializers import CijferSerializer

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
            **COMMON_PROBLEMS,
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
