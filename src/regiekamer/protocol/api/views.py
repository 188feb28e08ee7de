from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.core.api import capability, problem
from regiekamer.protocol.api.serializers import WegingInvoerSerializer, WegingSerializer
from regiekamer.protocol.services import record_weging
from regiekamer.signalen.selectors import get_signaal


class WegingenView(APIView):
    """The weighings of a signal; ``POST`` records the next one (or a correction of the latest)."""

    permission_classes = [capability(permissions.VIEW_SIGNALS)]

    @extend_schema(responses={200: WegingSerializer(many=True), 404: problem("Niet gevonden")})
    def get(self, request, pk):
        signaal = get_signaal(request.user, pk)
        return Response(WegingSerializer(signaal.wegingen.select_related("vastgelegd_door"), many=True).data)

    @extend_schema(
        request=WegingInvoerSerializer,
        responses={
            201: WegingSerializer,
            400: problem("Ongeldige invoer, bijv. zonder toelichting"),
            404: problem("Niet gevonden"),
            409: problem("Weging niet in de volgorde van het protocol"),
        },
        description="Leg een weging vast. Weging `1`: `ondermijning` | `geen-ondermijning`; `2a`: "
        "`gemeentelijke-taak` | `geen-gemeentelijke-taak`; `2b`: `eigen-grondgebied` | `ander-grondgebied`; "
        "`3`: `geen-actie` | `doorzetten-afdeling` | `doorzetten-riec` | `bronnenonderzoek`; `pc1`: "
        "`bronnen-vastgesteld` (met `bronnen`, `grondslag`); `bronnen`: `doorgaan` | `stoppen`; `pc2a`: "
        "`delen` (met `gegevens`, `doel`, `grondslag`) | `niet-delen`; `pc2b`: `delen` (met `ontvangers`, "
        "`categorieen`, `doel`, `grondslag`; `gegevens` als toelichting) | `niet-delen`; `aanpak`: `casus` "
        "(met `aanpak`) | `geen-casus`. Een weging buiten de volgorde geeft 409; er wordt dan niets opgeslagen.",
    )
    def post(self, request, pk):
        signaal = get_signaal(request.user, pk)
        serializer = WegingInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        weging = record_weging(request.user, signaal, serializer.to_invoer())
        return Response(WegingSerializer(weging).data, status=status.HTTP_201_CREATED)
