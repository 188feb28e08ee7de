"""``GET /api/v1/netwerk``: the same network, need to know and logging as the web page (``selectors.netwerk``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.core.api import problem
from regiekamer.netwerk import selectors
from regiekamer.netwerk.api.serializers import NetwerkSerializer


class _MagNetwerk(BasePermission):
    """Admits the principals that can get some network (``selectors.weergave_voor``); others get 403."""

    message = "U heeft geen toegang tot deze functie."

    def has_permission(self, request, view):
        return any(permissions.has_capability(request.user, name) for name in selectors.NETWERK_CAPABILITIES)


class NetwerkView(APIView):
    permission_classes = [_MagNetwerk]

    @extend_schema(
        operation_id="netwerk_retrieve",
        summary="Netwerk rond een subject",
        description=(
            "Personen, adressen, rechtspersonen en voertuigen die via inschrijvingen, relaties, gedeelde signalen "
            "en gedeelde casussen met het subject verbonden zijn, tot `diepte` stappen, met per verbinding de reden "
            "en een analyse (clusters, verbinders, gedeelde adressen en ondernemingen). Het aantal nieuwe subjecten "
            "per stap is begrensd (`begrensd`). Wie wat ziet: `subject.inzien` alles van de gemeente, analisten "
            "alleen pseudoniemen (en beginnen bij een pseudoniem), partnerprofessionals alleen de betrokkenen van "
            "casussen waaraan zij deelnemen en waarvan de betrokkenen met hun organisatie zijn gedeeld. Personen "
            "met een beperking van de verwerking (AVG art. 18) ontbreken. Elke opvraging wordt vastgelegd."
        ),
        parameters=[
            OpenApiParameter(
                "subject",
                OpenApiTypes.STR,
                required=True,
                pattern=r"^(persoon|adres|rechtspersoon|voertuig):[0-9A-Za-z-]+$",
                description="`<soort>:<uuid>`, bijv. `persoon:3f2c…`; analisten geven `<soort>:<pseudoniem>`, "
                "bijv. `persoon:P-1A2B3C4D5E6F`.",
            ),
            OpenApiParameter(
                "diepte", OpenApiTypes.INT, enum=[1, 2, 3], default=2, description="Aantal stappen (1, 2 of 3)."
            ),
        ],
        responses={
            200: NetwerkSerializer,
            400: problem("Ongeldige parameters"),
            404: problem("Subject niet gevonden"),
        },
    )
    def get(self, request):
        netwerk = selectors.netwerk(
            request.user, request.query_params.get("subject", ""), request.query_params.get("diepte"), "api.netwerk"
        )
        return Response(NetwerkSerializer(netwerk.als_json()).data)
