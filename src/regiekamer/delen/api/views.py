"""Sharing decisions API. Thin: the same services and selectors as the case page.

- ``GET casussen/{id}/delingsbesluiten``: the regisseur side sees every decision about the case (or the signal
  it was handed over from); a participating partner only those to its own organisation. Whoever may not see
  the case gets 404, exactly as on the case itself.
- ``POST casussen/{id}/delingsbesluiten`` and ``POST delingsbesluiten/{id}/intrekken`` need MANAGE_CASES (the
  services check their own capability too, and log both writes).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.accounts.models import Organisatie
from regiekamer.audit import services as audit
from regiekamer.casussen import selectors as casus_selectors
from regiekamer.casussen.api.views import CASE_READERS, NOT_FOUND
from regiekamer.core.api import capability, problem
from regiekamer.core.errors import InvalidInput
from regiekamer.core.ids import parse_uuid
from regiekamer.delen import selectors, services
from regiekamer.delen.api.serializers import (
    DelingsBesluitInvoerSerializer,
    DelingsBesluitSerializer,
    IntrekkenSerializer,
)
from regiekamer.delen.models import DelingsBesluit


def _detail(besluit) -> dict:
    besluit = DelingsBesluit.objects.select_related("ontvanger", "vastgelegd_door", "ingetrokken_door").get(
        pk=besluit.pk
    )
    return DelingsBesluitSerializer(besluit).data


class CasusDelingsbesluitenView(generics.ListAPIView):
    """``GET``: the case's sharing decisions as the caller may see them. ``POST``: record one."""

    serializer_class = DelingsBesluitSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [capability(permissions.MANAGE_CASES)()]
        return [CASE_READERS()]

    def get_queryset(self):
        user = self.request.user
        casus = casus_selectors.get_casus(user, self.kwargs["pk"])
        queryset = selectors.decisions_for_casus(casus)
        if not casus_selectors.sees_whole_case(user):
            queryset = queryset.filter(ontvanger_id=user.organisatie_id)
        return queryset

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "partner": not casus_selectors.sees_whole_case(self.request.user)}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        audit.log_lijst(
            self.request.user,
            "api.delingsbesluiten.list",
            "delingsbesluit",
            page if page is not None else queryset,
        )
        return page

    @extend_schema(
        operation_id="casussen_delingsbesluiten_list",
        responses={200: DelingsBesluitSerializer(many=True), 404: NOT_FOUND},
        description="De delingsbesluiten over de casus of het signaal waaruit zij is overgedragen, actief, "
        "ingetrokken of verlopen, nieuwste eerst. De regie ziet ze alle; een partner die deelneemt alleen de "
        "besluiten voor zijn eigen organisatie (zonder de reden van een intrekking). Wie de casus niet ziet "
        "krijgt 404.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="casussen_delingsbesluiten_create",
        request=DelingsBesluitInvoerSerializer,
        responses={
            201: DelingsBesluitSerializer,
            400: problem("Ongeldige invoer; `invalidParams` noemt de velden. Er wordt niets opgeslagen"),
            404: NOT_FOUND,
            409: problem("De casus is gesloten"),
        },
        description="Leg vast dat een organisatie die deelneemt aan de casus de gekozen onderdelen ziet "
        "(`categorieen`). Omschrijving, doel en grondslag zijn verplicht; `kopgegevens` hoort er altijd bij. "
        "Een besluit wordt nooit gewijzigd, alleen ingetrokken. Alleen voor de regie.",
    )
    def post(self, request, pk):
        casus = casus_selectors.get_casus(request.user, pk)
        serializer = DelingsBesluitInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        deelnemend = casus.deelnemers.values("organisatie")
        ontvanger = Organisatie.objects.filter(gemeente=casus.gemeente, pk__in=deelnemend, pk=data["ontvanger"]).first()
        if ontvanger is None:
            raise InvalidInput.field("ontvanger", _("Kies een organisatie die deelneemt aan de casus."), "onbekend")
        besluit = services.record_delingsbesluit(
            request.user,
            ontvanger=ontvanger,
            casus=casus,
            categorieen=data["categorieen"],
            omschrijving=data["omschrijving"],
            doel=data["doel"],
            grondslag=data["grondslag"],
            geldig_tot=data["geldig_tot"],
        )
        return Response(_detail(besluit), status=status.HTTP_201_CREATED)


class DelingsbesluitIntrekkenView(APIView):
    permission_classes = [capability(permissions.MANAGE_CASES)]

    @extend_schema(
        operation_id="delingsbesluiten_intrekken",
        request=IntrekkenSerializer,
        responses={
            200: DelingsBesluitSerializer,
            400: problem("De reden ontbreekt; `invalidParams` noemt het veld"),
            404: problem("Niet gevonden"),
            409: problem("Het besluit is al ingetrokken"),
        },
        description="Trek een delingsbesluit in, met een reden. Vanaf dat moment ziet de organisatie niets meer "
        "van wat het besluit toestond. Ook mogelijk nadat de casus is gesloten. Alleen voor de regie.",
    )
    def post(self, request, pk):
        besluit = get_object_or_404(DelingsBesluit.objects.filter(gemeente=request.user.gemeente), pk=parse_uuid(pk))
        serializer = IntrekkenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        besluit = services.withdraw(request.user, besluit, serializer.validated_data["reden"])
        return Response(_detail(besluit))
