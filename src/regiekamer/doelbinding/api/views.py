from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.core.api import COMMON_PROBLEMS, capability, problem
from regiekamer.doelbinding.api.serializers import BesluitInvoerSerializer, VerenigbaarheidsbesluitSerializer
from regiekamer.doelbinding.services import leg_besluit_vast


class VerenigbaarheidsbesluitenView(APIView):
    """Record a compatibility decision (art. 6 lid 4 AVG) for using a signal for another purpose."""

    permission_classes = [capability(permissions.MANAGE_CASES)]

    @extend_schema(
        request=BesluitInvoerSerializer,
        responses={
            201: VerenigbaarheidsbesluitSerializer,
            400: problem("Ongeldige invoer, bijv. een ontbrekende overweging of een onbekend signaal"),
            **COMMON_PROBLEMS,
        },
        description="Leg een verenigbaarheidsbesluit vast: een signaal dat voor het ene doel is verzameld, wordt "
        "gebruikt in een casus met een ander doel. Alle overwegingen van art. 6 lid 4 AVG en de toelichting zijn "
        "verplicht. Een koppeling van een signaal aan een casus met een ander doel zonder besluit geeft 409 "
        "`verenigbaarheidsbesluit-ontbreekt` met `ontbrekendBesluit` (signaal, vanDoel, naarDoel, casus). Een "
        "besluit wordt nooit gewijzigd.",
    )
    def post(self, request):
        serializer = BesluitInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        besluit = leg_besluit_vast(request.user, serializer.to_invoer())
        return Response(VerenigbaarheidsbesluitSerializer(besluit).data, status=status.HTTP_201_CREATED)
