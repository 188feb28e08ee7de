"""Bulk intake API: ``POST /api/v1/importen`` (a file, multipart), then ``GET /api/v1/importen/{id}`` until its status
is ``klaar`` and ``GET /api/v1/importen/{id}/resultaat`` for the result per row (CSV). Thin: the same service and
selectors as the web pages and the command line."""

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.core.api import capability, problem
from regiekamer.core.errors import InvalidInput, TransitionRefused
from regiekamer.importen import selectors, services
from regiekamer.importen.api.serializers import ImportInvoerSerializer, ImportSerializer, TerugkoppelingSerializer
from regiekamer.importen.models import Import


class ImportenView(APIView):
    permission_classes = [capability(permissions.IMPORT_SIGNALS)]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="importen_create",
        request={"multipart/form-data": ImportInvoerSerializer},
        responses={
            202: ImportSerializer,
            400: problem("Ongeldig bestand; `invalidParams` noemt de reden"),
        },
        description="Lever een bestand met signalen aan. Het wordt op de achtergrond verwerkt; volg de status via "
        "`status_url` en haal daarna het resultaat per rij op via `resultaat_url`. Een rij met een referentie die "
        "uw organisatie eerder aanleverde, wordt niet opnieuw opgeslagen.",
    )
    def post(self, request):
        serializer = ImportInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["bestand"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise InvalidInput.field(
                "bestand",
                _("Het bestand is te groot (maximaal %(mb)s MB).") % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)},
                code="te-groot",
            )
        import_obj = services.nieuw_import(
            request.user,
            upload.read(),
            upload.name,
            Import.Kanaal.API,
            organisatie=serializer.validated_data.get("organisatie"),
        )
        body = ImportSerializer(import_obj, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]})


class ImportDetailView(APIView):
    permission_classes = [capability(permissions.IMPORT_SIGNALS)]

    @extend_schema(responses={200: ImportSerializer, 404: problem("Niet gevonden")})
    def get(self, request, pk):
        import_obj = selectors.get_import(request.user, pk)
        return Response(ImportSerializer(import_obj, context={"request": request}).data)


class ImportResultaatView(APIView):
    permission_classes = [capability(permissions.IMPORT_SIGNALS)]

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="Per rij: rij;referentie;status;signaal;persoon;koppeling;melding (UTF-8, `;`).",
            ),
            404: problem("Niet gevonden"),
            409: problem("De import is nog niet klaar"),
        }
    )
    def get(self, request, pk):
        import_obj = selectors.resultaat(request.user, pk)
        if import_obj.status != Import.Status.KLAAR:
            raise TransitionRefused(
                _("Het resultaat is er zodra de import klaar is (status %(status)s).") % {"status": import_obj.status}
            )
        response = StreamingHttpResponse(services.resultaat_regels(import_obj), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="importresultaat-{import_obj.pk}.csv"'
        return response


class TerugkoppelingView(generics.ListAPIView):
    """Vroegsignalering: per arrears report of the caller, its reference, the reporter's status and the gemeente's
    outcome (herhaalde-melding, contact-gelegd, geen-contact, onterecht-signaal). Nothing of the content."""

    permission_classes = [capability(permissions.IMPORT_SIGNALS)]
    serializer_class = TerugkoppelingSerializer

    def get_queryset(self):
        return selectors.terugkoppelingen(self.request.user).order_by("-gemeld_op")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        shown = page if page is not None else queryset
        audit.log_lijst(self.request.user, "api.vroegsignalering.terugkoppeling", "signaal", [r.signaal for r in shown])
        return page
