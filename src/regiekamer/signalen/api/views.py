"""Signals API. Thin: parse and shape, then call the same services and selectors as the web UI."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.casussen.api.serializers import CasusLijstSerializer
from regiekamer.casussen.selectors import zoek_casussen
from regiekamer.core.api import capability, problem, query_filters
from regiekamer.core.idempotentie import idempotent
from regiekamer.signalen import selectors
from regiekamer.signalen.api.serializers import (
    EigenMeldingSerializer,
    FenomeenSerializer,
    IndicatorCatalogusSerializer,
    MelderStatusSerializer,
    SignaalAangemaaktSerializer,
    SignaalDetailSerializer,
    SignaalInvoerSerializer,
    SignaalLijstSerializer,
    WerkvoorraadFilterSerializer,
    ZoekVraagSerializer,
)
from regiekamer.signalen.models import Fenomeen, Indicator
from regiekamer.signalen.services import report_signaal
from regiekamer.subjects import selectors as subject_selectors
from regiekamer.subjects.api.serializers import (
    AdresSummarySerializer,
    PersoonSummarySerializer,
    RechtspersoonSummarySerializer,
)


class SignalenView(generics.ListCreateAPIView):
    """``GET``: the worklist (regisseur, ondermijningsteam). ``POST``: report a signal (partners)."""

    def get_permissions(self):
        required = permissions.REPORT_SIGNAL if self.request.method == "POST" else permissions.VIEW_SIGNALS
        return [capability(required)()]

    def get_serializer_class(self):
        return SignaalLijstSerializer

    def get_queryset(self):
        params = query_filters(WerkvoorraadFilterSerializer, self.request)
        filters = selectors.WerkvoorraadFilter(
            stap=params.get("stap"),
            status=params.get("status", ""),
            fenomeen=params.get("fenomeen", ""),
            buurt=str(params["buurt"]) if params.get("buurt") else "",
            organisatie=str(params["organisatie"]) if params.get("organisatie") else "",
            te_laat=params.get("te_laat", False),
            open_only=not params.get("afgerond", False),
        )
        return selectors.werkvoorraad_pagineerbaar(self.request.user, filters, lijst=True)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        audit.log_lijst(self.request.user, "api.signalen.list", "signaal", page if page is not None else queryset)
        return page

    @extend_schema(
        operation_id="signalen_list",
        parameters=[WerkvoorraadFilterSerializer],
        responses={200: SignaalLijstSerializer(many=True), 400: problem("Ongeldig filter")},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="signalen_create",
        request=SignaalInvoerSerializer,
        responses={
            201: SignaalAangemaaktSerializer,
            400: problem("Ongeldige invoer; `invalidParams` noemt de velden"),
            409: problem("Een verzoek met dezelfde Idempotency-Key wordt nog verwerkt"),
            422: problem("De Idempotency-Key is al gebruikt voor een ander verzoek"),
        },
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                required=False,
                description="Optioneel. Met dezelfde sleutel en dezelfde inhoud binnen een dag komt het eerste "
                "antwoord terug (met `Idempotent-Replayed: true`) en wordt er geen tweede signaal gemaakt.",
            )
        ],
        description="Meld een signaal. Met een organisatietoken (partnersysteem) of persoonlijk token. "
        "Bij ongeldige invoer wordt niets opgeslagen. Stuur bij elke nieuwe melding een nieuwe `Idempotency-Key`, "
        "en dezelfde bij een herhaalde poging.",
    )
    @idempotent
    def post(self, request, *args, **kwargs):
        serializer = SignaalInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signaal = report_signaal(request.user, serializer.to_invoer())
        status_url = request.build_absolute_uri(reverse("api:signaal-status", args=[signaal.pk]))
        body = SignaalAangemaaktSerializer({"id": signaal.pk, "nummer": signaal.nummer, "status_url": status_url})
        location = request.build_absolute_uri(reverse("api:signaal-detail", args=[signaal.pk]))
        return Response(body.data, status=status.HTTP_201_CREATED, headers={"Location": location})


class SignaalDetailView(generics.RetrieveAPIView):
    permission_classes = [capability(permissions.VIEW_SIGNALS)]
    serializer_class = SignaalDetailSerializer

    def get_object(self):
        return selectors.get_signaal(self.request.user, self.kwargs["pk"], met_inhoud=True)

    @extend_schema(responses={200: SignaalDetailSerializer, 404: problem("Niet gevonden")})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class SignaalStatusView(APIView):
    """The status of a signal for the organisation that reported it: nothing of content or handling."""

    permission_classes = [capability(permissions.VIEW_OWN_REPORTS)]

    @extend_schema(responses={200: MelderStatusSerializer, 404: problem("Niet gevonden of niet door u gemeld")})
    def get(self, request, pk):
        signaal = selectors.get_eigen_melding(request.user, pk)
        return Response(MelderStatusSerializer(selectors.status_for_reporter(signaal)).data)


class EigenMeldingenView(generics.ListAPIView):
    """The signals the caller reported, with their status only."""

    permission_classes = [capability(permissions.VIEW_OWN_REPORTS)]
    serializer_class = EigenMeldingSerializer

    def get_queryset(self):
        return selectors.eigen_meldingen(self.request.user).order_by("-ontvangen_op")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        audit.log_lijst(self.request.user, "api.mijn-meldingen.list", "signaal", page if page is not None else queryset)
        return page


class FenomenenView(generics.ListAPIView):
    """The gemeente's phenomena with their indicator codes: what a partner system may report."""

    permission_classes = [capability(permissions.REPORT_SIGNAL)]
    serializer_class = FenomeenSerializer
    pagination_class = None

    def get_queryset(self):
        return Fenomeen.objects.filter(gemeente=self.request.user.gemeente, actief=True).prefetch_related("indicatoren")


class IndicatorenView(generics.ListAPIView):
    """Every active indicator of the gemeente: the anchoring ones first, then the red flags by phenomenon."""

    permission_classes = [capability(permissions.REPORT_SIGNAL)]
    serializer_class = IndicatorCatalogusSerializer
    pagination_class = None

    def get_queryset(self):
        return (
            Indicator.objects.filter(gemeente=self.request.user.gemeente, actief=True)
            .select_related("fenomeen")
            .order_by("-soort", "fenomeen__naam", "omschrijving")
        )


class ZoekenView(APIView):
    """Search over signals, cases (number or title, those the user may open) and subjects. POST, so that a search
    term (possibly a BSN) stays out of URLs."""

    permission_classes = [capability(permissions.VIEW_SUBJECTS)]

    @extend_schema(
        request=ZoekVraagSerializer,
        responses={
            200: inline_serializer(
                "Zoekresultaat",
                {
                    "signalen": SignaalLijstSerializer(many=True),
                    "casussen": CasusLijstSerializer(many=True),
                    "personen": PersoonSummarySerializer(many=True),
                    "adressen": AdresSummarySerializer(many=True),
                    "rechtspersonen": RechtspersoonSummarySerializer(many=True),
                },
            ),
            400: problem("Ongeldige invoer"),
        },
    )
    def post(self, request):
        vraag = ZoekVraagSerializer(data=request.data)
        vraag.is_valid(raise_exception=True)
        term = vraag.validated_data["zoekterm"]
        gemeente = request.user.gemeente
        signalen = selectors.als_lijst(
            selectors.werkvoorraad(request.user, selectors.WerkvoorraadFilter(zoek=term, open_only=False))
        )
        gevonden = {
            "signaal": list(signalen[:50]),
            "casus": list(zoek_casussen(request.user, term).select_related("regisseur")),
            "persoon": list(subject_selectors.search_personen(gemeente, term)),
            "adres": list(subject_selectors.search_adressen(gemeente, term)),
            "rechtspersoon": list(subject_selectors.search_rechtspersonen(gemeente, term)),
        }
        audit.log_zoekresultaat(request.user, "api.zoeken", gevonden)
        return Response(
            {
                "signalen": SignaalLijstSerializer(gevonden["signaal"], many=True).data,
                "casussen": CasusLijstSerializer(gevonden["casus"], many=True).data,
                "personen": PersoonSummarySerializer(gevonden["persoon"], many=True).data,
                "adressen": AdresSummarySerializer(gevonden["adres"], many=True).data,
                "rechtspersonen": RechtspersoonSummarySerializer(gevonden["rechtspersoon"], many=True).data,
            }
        )
