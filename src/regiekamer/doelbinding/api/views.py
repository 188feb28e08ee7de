from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.casussen import selectors
from regiekamer.casussen import services as casus_services
from regiekamer.casussen.api.serializers import CasusSignaalSerializer
from regiekamer.core.api import capability, problem
from regiekamer.core.errors import InvalidInput
from regiekamer.doelbinding.api.serializers import (
    BesluitInvoerSerializer,
    KoppelInvoerSerializer,
    VerenigbaarheidsbesluitSerializer,
)
from regiekamer.doelbinding.services import leg_besluit_vast
from regiekamer.signalen.models import Signaal


class VerenigbaarheidsbesluitenView(APIView):
    """Record a compatibility decision (art. 6 lid 4 AVG) for using a signal for another purpose."""

    permission_classes = [capability(permissions.MANAGE_CASES)]

    @extend_schema(
        request=BesluitInvoerSerializer,
        responses={
            201: VerenigbaarheidsbesluitSerializer,
            400: problem("Ongeldige invoer, bijv. een ontbrekende overweging of een onbekend signaal"),
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


class CasusSignalenView(APIView):
    """Link a signal to a case by hand (e.g. one not linked automatically because its purpose differs)."""

    permission_classes = [capability(permissions.MANAGE_CASES)]

    @extend_schema(
        request=KoppelInvoerSerializer,
        responses={
            201: CasusSignaalSerializer,
            400: problem("Onbekend signaal, of het signaal staat al bij de casus"),
            404: problem("Niet gevonden"),
            409: problem("Het signaal is voor een ander doel verzameld en er is geen verenigbaarheidsbesluit"),
        },
        description="Koppel een signaal aan de casus. Is het signaal verzameld voor een ander doel dan dat van de "
        "casus, dan is een verenigbaarheidsbesluit voor dit signaal en deze casus nodig; zonder besluit: 409 "
        "`verenigbaarheidsbesluit-ontbreekt` met `ontbrekendBesluit`. Op een gesloten casus wordt het signaal als "
        "mogelijke terugval gekoppeld.",
    )
    def post(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        serializer = KoppelInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signaal = Signaal.objects.filter(
            gemeente=request.user.gemeente, pk=serializer.validated_data["signaal"]
        ).first()
        if signaal is None:
            raise InvalidInput.field("signaal", "Onbekend signaal.", "onbekend")
        koppeling = casus_services.koppel_signaal(request.user, casus, signaal)
        return Response(CasusSignaalSerializer(koppeling).data, status=status.HTTP_201_CREATED)
