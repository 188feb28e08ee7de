from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.bronnen import services
from regiekamer.bronnen.api.serializers import (
    BronraadplegingInvoerSerializer,
    BronraadplegingSerializer,
    BronSerializer,
)
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.bronnen.registry import connectors
from regiekamer.core.api import capability, problem
from regiekamer.core.errors import InvalidInput
from regiekamer.signalen.selectors import get_signaal


class BronnenView(APIView):
    permission_classes = [capability(permissions.CONSULT_SOURCES)]

    @extend_schema(responses={200: BronSerializer(many=True)})
    def get(self, request):
        return Response(
            BronSerializer(
                [
                    {"code": code, "naam": c.naam, "subject_soorten": list(c.subject_soorten)}
                    for code, c in connectors().items()
                ],
                many=True,
            ).data
        )


class BronraadplegingenView(APIView):
    """Source queries of bronnenonderzoek (step 3): hit/no-hit first, content only with a justification."""

    permission_classes = [capability(permissions.CONSULT_SOURCES)]

    @extend_schema(responses={200: BronraadplegingSerializer(many=True), 404: problem("Niet gevonden")})
    def get(self, request, pk):
        signaal = get_signaal(request.user, pk)
        queryset = signaal.bronraadplegingen.select_related("uitgevoerd_door", "persoon", "adres", "rechtspersoon")
        return Response(BronraadplegingSerializer(queryset, many=True).data)

    @extend_schema(
        request=BronraadplegingInvoerSerializer,
        responses={
            201: BronraadplegingSerializer,
            400: problem("Ongeldige invoer"),
            404: problem("Niet gevonden"),
            409: problem("Niet toegestaan in deze stap of zonder eerdere hit"),
        },
    )
    def post(self, request, pk):
        signaal = get_signaal(request.user, pk)
        serializer = BronraadplegingInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        subject = _linked_subject(signaal, data["subject"]["soort"], data["subject"]["id"])
        if data["soort"] == Bronraadpleging.Soort.HIT_NO_HIT:
            raadpleging = services.query_hit(request.user, signaal, data["bron"], subject)
        else:
            raadpleging = services.query_inhoud(request.user, signaal, data["bron"], subject, data["motivering"])
        return Response(BronraadplegingSerializer(raadpleging).data, status=status.HTTP_201_CREATED)


def _linked_subject(signaal, soort, pk):
    related = {"persoon": signaal.personen, "adres": signaal.adressen, "rechtspersoon": signaal.rechtspersonen}[soort]
    subject = related.filter(pk=pk).first()
    if subject is None:
        raise InvalidInput.field("subject", "Dit subject hoort niet bij het signaal.", "subject")
    return subject
