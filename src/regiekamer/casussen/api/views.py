"""Cases API. Thin: parse and shape, then call the same services and selectors as the web UI.

Who sees what follows casussen.selectors:
- the regisseur side (VIEW_CASES) sees every case of its gemeente, whole;
- a partner professional (UPDATE_OWN_ACTIONS) sees only the cases it takes part in and that an active
  sharing decision for its organisation covers, and of those the header and only the sections the decisions
  allow (betrokkenen, goals and agreements, the actions assigned to it). Of the plan, a participating partner
  whose decisions include "plan" gets the goals and agreements (as on its case page); without it 403. Plan
  versions are the regie's (403 for a participating partner). Anyone who does not take part gets 404 (the
  case's existence is not disclosed).
Writes (open, add an action, close) need MANAGE_CASES; updating an action needs it to be the caller's own
(or the regisseur side).
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.accounts.models import Organisatie
from regiekamer.audit import services as audit
from regiekamer.casussen import selectors, services
from regiekamer.casussen.api.serializers import (
    CasusDeelnemerSerializer,
    CasusFilterSerializer,
    CasusInvoerSerializer,
    CasusLijstSerializer,
    CasusVolledigSerializer,
    InterventieFilterSerializer,
    InterventieInvoerSerializer,
    InterventieSerializer,
    InterventieSoortRefSerializer,
    InterventieWijzigingSerializer,
    OrganisatieSerializer,
    PlanDeelnemerSerializer,
    PlanSerializer,
    PlanVersieDetailSerializer,
    PlanVersieSerializer,
    SluitenSerializer,
)
from regiekamer.casussen.models import Betrokkene, CasusSignaal, Deelnemer, Escalatie, Interventie, InterventieSoort
from regiekamer.core.api import COMMON_PROBLEMS, capability, problem, query_filters
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.core.ids import parse_uuid
from regiekamer.subjects.models import Buurt


def any_capability(*required: str) -> type[BasePermission]:
    """Admits principals holding any of ``required``; refuses with the same message as capability()."""
    checks = [capability(name) for name in required]

    class HasAnyCapability(BasePermission):
        message = checks[0].message

        def has_permission(self, request, view):
            return any(check().has_permission(request, view) for check in checks)

    return HasAnyCapability


# Read access: the regisseur side, or a partner professional (scoped to its own part by the selectors).
CASE_READERS = any_capability(permissions.VIEW_CASES, permissions.UPDATE_OWN_ACTIONS)
ACTION_UPDATERS = any_capability(permissions.MANAGE_CASES, permissions.UPDATE_OWN_ACTIONS)

NOT_FOUND = problem("Niet gevonden of u neemt geen deel aan deze casus")

CASUS_DETAIL = PolymorphicProxySerializer(
    component_name="CasusDetail",
    serializers={"volledig": CasusVolledigSerializer, "deelnemer": CasusDeelnemerSerializer},
    resource_type_field_name="weergave",
    many=False,
)

PLAN = PolymorphicProxySerializer(
    component_name="PlanWeergave",
    serializers={"volledig": PlanSerializer, "deelnemer": PlanDeelnemerSerializer},
    resource_type_field_name="weergave",
    many=False,
)


def _with_details(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "betrokkenen",
            queryset=Betrokkene.objects.select_related("persoon", "adres__buurt", "rechtspersoon"),
        ),
        Prefetch("deelnemers", queryset=Deelnemer.objects.select_related("organisatie", "gebruiker")),
        Prefetch("casus_signalen", queryset=CasusSignaal.objects.select_related("signaal")),
        Prefetch(
            "escalaties",
            queryset=Escalatie.objects.select_related("naar", "afgehandeld_door").order_by("aangemaakt_op"),
        ),
    )


def _interventies(queryset):
    return queryset.select_related("casus", "soort", "doel", "eigenaar_organisatie", "eigenaar")


def casus_detail(user, casus) -> dict:
    """The case as the user may see it: whole for the regisseur side, header and own actions for a partner."""
    context = {
        "interventies": _interventies(selectors.interventies_voor(user, casus)).order_by("deadline", "aangemaakt_op")
    }
    if selectors.sees_whole_case(user):
        casus = _with_details(type(casus).objects.filter(pk=casus.pk).select_related("regisseur", "buurt")).get()
        return CasusVolledigSerializer(casus, context=context).data
    context["deel"] = selectors.partner_deel(user, casus)
    return CasusDeelnemerSerializer(casus, context=context).data


def _whole_case(user, pk):
    """A case for the regisseur side; a participating partner gets 403 (only its own actions are its
    business), anyone else 404."""
    casus = selectors.get_casus(user, pk)
    if not selectors.sees_whole_case(user):
        raise NotAllowed(_("Als partner ziet u alleen uw eigen acties in deze casus, niet het plan."))
    return casus


class CasussenView(generics.ListCreateAPIView):
    """``GET``: the cases the caller may see. ``POST``: open a case directly (regisseur side)."""

    serializer_class = CasusLijstSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [capability(permissions.MANAGE_CASES)()]
        return [CASE_READERS()]

    def get_queryset(self):
        filters = query_filters(CasusFilterSerializer, self.request)
        queryset = selectors.zichtbare_casussen(self.request.user)
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        if "aanpak" in filters:
            queryset = queryset.filter(aanpak=filters["aanpak"])
        return queryset.order_by("-geopend_op", "-nummer")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        audit.log_lijst(self.request.user, "api.casussen.list", "casus", page if page is not None else queryset)
        return page

    @extend_schema(
        operation_id="casussen_list",
        parameters=[CasusFilterSerializer],
        responses={200: CasusLijstSerializer(many=True), 400: problem("Ongeldig filter"), **COMMON_PROBLEMS},
        description="De regie ziet alle casussen van de gemeente; een partner alleen de casussen waaraan hij "
        "deelneemt.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="casussen_create",
        request=CasusInvoerSerializer,
        responses={
            201: CasusVolledigSerializer,
            400: problem("Ongeldige invoer; `invalidParams` noemt de velden"),
            **COMMON_PROBLEMS,
        },
        description="Open direct een casus, bijv. ingebracht door het Zorg- en Veiligheidshuis. De aanroeper "
        "wordt regisseur. Een gebiedsgerichte casus vraagt een `buurt`.",
    )
    def post(self, request, *args, **kwargs):
        serializer = CasusInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        buurt = None
        if data["buurt"]:
            buurt = Buurt.objects.filter(gemeente=request.user.gemeente, code=data["buurt"]).first()
            if buurt is None:
                raise InvalidInput.field("buurt", _("Onbekende buurt."), "onbekend")
        casus = services.open_casus(
            request.user, data["titel"], data["aanpak"], data["omschrijving"], data["herkomst"], buurt, data["doel"]
        )
        location = request.build_absolute_uri(reverse("api:casus-detail", args=[casus.pk]))
        return Response(
            casus_detail(request.user, casus), status=status.HTTP_201_CREATED, headers={"Location": location}
        )


class CasusDetailView(APIView):
    permission_classes = [CASE_READERS]

    @extend_schema(
        responses={200: CASUS_DETAIL, 404: NOT_FOUND, **COMMON_PROBLEMS},
        description="`weergave` zegt welke vorm terugkomt: `volledig` voor de regie (betrokkenen, deelnemers, "
        "signalen, alle acties, escalaties, sluitreden en evaluatie), `deelnemer` voor een partner die deelneemt "
        "en voor wiens organisatie een geldig delingsbesluit bestaat: kopgegevens en alleen wat de besluiten "
        "toestaan (`gedeeld`; een niet-gedeeld onderdeel is `null`). Wie niet deelneemt of geen geldig "
        "delingsbesluit heeft krijgt 404.",
    )
    def get(self, request, pk):
        return Response(casus_detail(request.user, selectors.get_casus(request.user, pk)))


class CasusPlanView(APIView):
    permission_classes = [CASE_READERS]

    @extend_schema(
        responses={
            200: PLAN,
            403: problem("Geen toegang; het plan is niet met de organisatie van deze partner gedeeld"),
            404: NOT_FOUND,
            401: COMMON_PROBLEMS[401],
        },
        description="Het huidige plan van aanpak. `weergave` zegt welke vorm terugkomt: `volledig` voor de regie "
        "(analyse per leefgebied, doelen, afspraken, interventies, met het nummer van de huidige versie), "
        "`deelnemer` voor een partner die deelneemt en voor wiens organisatie een geldig delingsbesluit met "
        "`plan` bestaat: alleen de doelen en de afspraken. Een deelnemende partner zonder zo'n besluit krijgt "
        "403; wie niet deelneemt 404.",
    )
    def get(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        if not selectors.sees_whole_case(request.user):
            deel = selectors.partner_deel(request.user, casus)
            if deel.doelen is None:
                raise NotAllowed(
                    _(
                        "Het plan is niet met uw organisatie gedeeld; u ziet alleen uw eigen acties en wat de "
                        "delingsbesluiten verder toestaan."
                    )
                )
            plan = {"doelen": deel.doelen, "afspraken": [afspraak.omschrijving for afspraak in deel.afspraken]}
            return Response(PlanDeelnemerSerializer(plan).data)
        versie = services.current_version(casus)
        plan = {
            **services.plan_snapshot(casus),
            "versie": versie.versie if versie else 0,
            "gewijzigd_op": versie.gewijzigd_op if versie else casus.geopend_op,
        }
        return Response(PlanSerializer(plan).data)


class PlanVersiesView(generics.ListAPIView):
    permission_classes = [CASE_READERS]
    serializer_class = PlanVersieSerializer

    def get_queryset(self):
        casus = _whole_case(self.request.user, self.kwargs["pk"])
        return casus.planversies.select_related("gewijzigd_door").order_by("-versie")

    @extend_schema(
        responses={
            200: PlanVersieSerializer(many=True),
            403: problem("Geen toegang; een partner ziet het plan niet"),
            404: NOT_FOUND,
            401: COMMON_PROBLEMS[401],
        },
        description="Alle versies van het plan, nieuwste eerst: wat er wijzigde, wanneer en door wie.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PlanVersieDetailView(APIView):
    permission_classes = [CASE_READERS]

    @extend_schema(
        responses={
            200: PlanVersieDetailSerializer,
            403: problem("Geen toegang; een partner ziet het plan niet"),
            404: problem("Niet gevonden: onbekende casus of versie"),
            401: COMMON_PROBLEMS[401],
        },
        description="Het plan zoals het na deze versie luidde, ongewijzigd zoals toen vastgelegd.",
    )
    def get(self, request, pk, versie):
        casus = _whole_case(request.user, pk)
        planversie = get_object_or_404(casus.planversies.select_related("gewijzigd_door"), versie=versie)
        body = PlanVersieSerializer(planversie).data
        body["inhoud"] = planversie.inhoud  # exactly as recorded then
        audit.log(request.user, "lezen", "casus.planversie", "planversie", [planversie])
        return Response(body)


class CasusInterventiesView(APIView):
    permission_classes = [capability(permissions.MANAGE_CASES)]

    @extend_schema(
        request=InterventieInvoerSerializer,
        responses={
            201: InterventieSerializer,
            400: problem("Ongeldige invoer; bijv. een repressieve interventie zonder impact en opvang"),
            404: NOT_FOUND,
            409: problem("De casus is gesloten"),
            **COMMON_PROBLEMS,
        },
        description="Voeg een actie toe aan het plan. Een repressieve interventie (bijv. `sluiting-13b`) vraagt "
        "vooraf `impact_huishouden` en `opvang_gevolgen`. De uitvoerder moet bij de uitvoerende organisatie "
        "werken; het doel moet bij de casus horen. Bij ongeldige invoer wordt niets opgeslagen.",
    )
    def post(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        serializer = InterventieInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interventie = services.add_interventie(request.user, casus, serializer.to_invoer())
        interventie = _interventies(Interventie.objects.filter(pk=interventie.pk)).get()
        return Response(InterventieSerializer(interventie).data, status=status.HTTP_201_CREATED)


class CasusSluitenView(APIView):
    permission_classes = [capability(permissions.MANAGE_CASES)]

    @extend_schema(
        request=SluitenSerializer,
        responses={
            200: CasusVolledigSerializer,
            400: problem("Ongeldige invoer; bijv. een doel zonder resultaat"),
            404: NOT_FOUND,
            409: problem("Er staan nog open acties, of de casus is al gesloten"),
            **COMMON_PROBLEMS,
        },
        description="Sluit de casus met per doel een resultaat (`behaald` | `deels` | `niet`), een reden "
        "(`afgeschaald` | `overgedragen` | `beeindigd`) en een evaluatie. Met open acties: 409.",
    )
    def post(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        serializer = SluitenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.close_casus(request.user, casus, data["resultaten"], data["sluitreden"], data["evaluatie"])
        return Response(casus_detail(request.user, casus))


class InterventiesView(generics.ListAPIView):
    """A partner's own actions, or all actions of the gemeente for the regisseur side."""

    permission_classes = [CASE_READERS]
    serializer_class = InterventieSerializer

    def get_queryset(self):
        user = self.request.user
        filters = query_filters(InterventieFilterSerializer, self.request)
        if selectors.sees_whole_case(user):
            queryset = Interventie.objects.filter(gemeente=user.gemeente)
        else:
            queryset = selectors.eigen_acties(user)
        if "casus" in filters:
            queryset = queryset.filter(casus=filters["casus"])
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        if filters.get("te_laat"):
            queryset = queryset.filter(status__in=Interventie.OPEN_STATUSES, deadline__lt=timezone.localdate())
        return _interventies(queryset).order_by("deadline", "aangemaakt_op", "pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        shown = list(page if page is not None else queryset)
        audit.log_lijst(self.request.user, "api.interventies.list", "interventie", shown)
        audit.log_lijst(self.request.user, "api.interventies.list", "casus", [i.casus_id for i in shown])
        return page

    @extend_schema(
        operation_id="interventies_list",
        parameters=[InterventieFilterSerializer],
        responses={200: InterventieSerializer(many=True), 400: problem("Ongeldig filter"), **COMMON_PROBLEMS},
        description="Voor een partner alleen de acties die aan hem (of zijn organisatie, zonder uitvoerder) zijn "
        "toegewezen; voor de regie alle acties van de gemeente. Op deadline gesorteerd.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class InterventieDetailView(APIView):
    permission_classes = [ACTION_UPDATERS]

    @extend_schema(
        request=InterventieWijzigingSerializer,
        responses={
            200: InterventieSerializer,
            400: problem("Ongeldige invoer; bijv. afronden zonder resultaat"),
            403: problem("Geen toegang: de actie is niet aan u toegewezen, of alleen de regie verzet een deadline"),
            404: problem("Niet gevonden"),
            409: problem("De casus is gesloten"),
            401: COMMON_PROBLEMS[401],
        },
        description="Werk de status en het resultaat van een actie bij. Een partner alleen zijn eigen acties, "
        "zonder de deadline te verzetten. `afgerond` en `gestopt` vragen een resultaat.",
    )
    def patch(self, request, pk):
        user = request.user
        interventie = get_object_or_404(
            _interventies(Interventie.objects.filter(gemeente=user.gemeente)), pk=parse_uuid(pk)
        )
        if not selectors.sees_whole_case(user) and services.may_update_interventie(user, interventie):
            # The partner's own action, but in a case no active sharing decision lets them see: not disclosed.
            get_object_or_404(selectors.eigen_acties(user), pk=interventie.pk)
        serializer = InterventieWijzigingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        interventie = services.update_interventie(
            user,
            interventie,
            data.get("status", interventie.status),
            data.get("resultaat", interventie.resultaat),
            data.get("deadline"),
        )
        return Response(InterventieSerializer(interventie).data)


class OrganisatiesView(generics.ListAPIView):
    """The active organisations of the gemeente, by name: the ids that recipients and action owners are given by."""

    permission_classes = [capability(permissions.MANAGE_CASES)]
    serializer_class = OrganisatieSerializer
    pagination_class = None

    def get_queryset(self):
        return Organisatie.objects.filter(gemeente=self.request.user.gemeente, actief=True).order_by("naam")


class InterventieSoortenView(generics.ListAPIView):
    """The gemeente's catalogue of interventions: the codes ``POST casussen/{id}/interventies`` takes as ``soort``."""

    permission_classes = [capability(permissions.MANAGE_CASES)]
    serializer_class = InterventieSoortRefSerializer
    pagination_class = None

    def get_queryset(self):
        return InterventieSoort.objects.filter(gemeente=self.request.user.gemeente, actief=True).order_by("naam")
