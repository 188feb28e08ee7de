"""Cases API. Thin: parse and shape, then call the same services and selectors as the web UI.

Who sees what follows casussen.selectors:
- the regisseur side (VIEW_CASES) sees every case of its gemeente, whole;
- a partner professional (UPDATE_OWN_ACTIONS) sees only the cases it takes part in and that an active
  sharing decision for its organisation covers, and of those the header and only the sections the decisions
  allow (betrokkenen, goals and agreements, the actions assigned to it). Of the plan, a participating partner
  whose decisions include "plan" gets the goals and agreements (as on its case page); without it 403. Plan
  versions are the regie's (403 for a participating partner). Anyone who does not take part gets 404 (the
  case's existence is not disclosed).
Writes (open, add or edit a betrokkene, add a participant, a goal, an agreement or an action, edit the analysis,
close) need MANAGE_CASES; updating an action needs it to be the caller's own (or the regisseur side). The list of
betrokkenen follows the case detail (a participating partner gets it when a decision shares "betrokkenen", else
403); participants and the analysis are the regie's (403 for a participating partner).
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.accounts.models import Organisatie
from regiekamer.audit import services as audit
from regiekamer.casussen import selectors, services
from regiekamer.casussen.api.serializers import (
    SUBJECT_SOORTEN,
    AfspraakInvoerSerializer,
    AfspraakSerializer,
    BetrokkeneGegevensSerializer,
    BetrokkeneInvoerSerializer,
    BetrokkeneSerializer,
    CasusDeelnemerSerializer,
    CasusDoelSerializer,
    CasusFilterSerializer,
    CasusInvoerSerializer,
    CasusLijstSerializer,
    CasusVolledigSerializer,
    DeelnemerInvoerSerializer,
    DeelnemerSerializer,
    DoelInvoerSerializer,
    GebruikerRefSerializer,
    InterventieFilterSerializer,
    InterventieInvoerSerializer,
    InterventieSerializer,
    InterventieSoortRefSerializer,
    InterventieWijzigingSerializer,
    LeefgebiedSerializer,
    OrganisatieSerializer,
    PlanAnalyseInvoerSerializer,
    PlanAnalyseWeergaveSerializer,
    PlanDeelnemerSerializer,
    PlanSerializer,
    PlanVersieDetailSerializer,
    PlanVersieSerializer,
    SluitenSerializer,
)
from regiekamer.casussen.models import (
    Betrokkene,
    CasusSignaal,
    Deelnemer,
    Escalatie,
    Interventie,
    InterventieSoort,
    Leefgebied,
)
from regiekamer.core.api import capability, problem, query_filters
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.core.ids import parse_uuid
from regiekamer.core.parsers import JSONParser
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


def _whole_case(user, pk, refusal: str = ""):
    """A case for the regisseur side; a participating partner gets 403 (only its own actions are its
    business), anyone else 404."""
    casus = selectors.get_casus(user, pk)
    if not selectors.sees_whole_case(user):
        raise NotAllowed(refusal or _("Als partner ziet u alleen uw eigen acties in deze casus, niet het plan."))
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
        responses={200: CasusLijstSerializer(many=True), 400: problem("Ongeldig filter")},
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
        responses={200: CASUS_DETAIL, 404: NOT_FOUND},
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
        responses={200: InterventieSerializer(many=True), 400: problem("Ongeldig filter")},
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


class OrganisatieMedewerkersView(generics.ListAPIView):
    """The active professionals of one organisation of the gemeente: the ids a participant (``gebruiker``) and the
    owner of an action (``eigenaar``) are given by, as the case page's forms offer them."""

    permission_classes = [capability(permissions.MANAGE_CASES)]
    serializer_class = GebruikerRefSerializer
    pagination_class = None

    def get_queryset(self):
        organisatie = get_object_or_404(
            Organisatie.objects.filter(gemeente=self.request.user.gemeente), pk=parse_uuid(self.kwargs["pk"])
        )
        return organisatie.medewerkers.filter(is_active=True).order_by("last_name", "first_name", "username")

    @extend_schema(
        operation_id="organisaties_medewerkers_list",
        responses={
            200: GebruikerRefSerializer(many=True),
            404: problem("Niet gevonden: geen organisatie van uw gemeente"),
        },
        description="De actieve medewerkers van een organisatie van de gemeente, met hun id: de `gebruiker` van "
        "een deelnemer en de `eigenaar` van een actie. Alleen voor de regie.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class InterventieSoortenView(generics.ListAPIView):
    """The gemeente's catalogue of interventions: the codes ``POST casussen/{id}/interventies`` takes as ``soort``."""

    permission_classes = [capability(permissions.MANAGE_CASES)]
    serializer_class = InterventieSoortRefSerializer
    pagination_class = None

    def get_queryset(self):
        return InterventieSoort.objects.filter(gemeente=self.request.user.gemeente, actief=True).order_by("naam")


class LeefgebiedenView(generics.ListAPIView):
    """The gemeente's active life domains: the codes goals and the analysis are given by."""

    permission_classes = [capability(permissions.MANAGE_CASES)]
    serializer_class = LeefgebiedSerializer
    pagination_class = None

    @extend_schema(
        operation_id="leefgebieden_list",
        responses={200: LeefgebiedSerializer(many=True)},
        description="De actieve leefgebieden van de gemeente: de codes waarmee doelen en de analyse van het plan "
        "een leefgebied noemen. Alleen voor de regie.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Leefgebied.objects.filter(gemeente=self.request.user.gemeente, actief=True).order_by("volgorde", "naam")


# --- Betrokkenen, deelnemers, goals, agreements and the analysis ----------------------------------------------------
# The case page's forms over the API: the same services, which check the capability, the tenant and that the case is
# open, and log the change. Input is validated whole before anything is saved (``InvalidInput`` names every field).

INVALID = problem("Ongeldige invoer; `invalidParams` noemt elk ongeldig veld. Er wordt niets opgeslagen")
CLOSED = problem("De casus is gesloten")
# These take JSON only: a form or multipart body cannot carry their nested fields and lists.
JSON_ONLY = [JSONParser]
UNSUPPORTED = problem("Alleen `application/json` wordt aangenomen")


def _write_permissions(view):
    if view.request.method == "GET":
        return [CASE_READERS()]
    return [capability(permissions.MANAGE_CASES)()]


def _betrokkene(betrokkene) -> dict:
    betrokkene = Betrokkene.objects.select_related("persoon", "adres__buurt", "rechtspersoon").get(pk=betrokkene.pk)
    return BetrokkeneSerializer(betrokkene).data


def _gegevens(data, betrokkene=None) -> dict:
    """The betrokkene's fields from the input; an omitted field keeps its value (or its default for a new one)."""
    return {
        name: data.get(name, getattr(betrokkene, name) if betrokkene else default)
        for name, default in (("rol", ""), ("dader", False), ("slachtoffer", False), ("problematiek", ""))
    }


class CasusBetrokkenenView(APIView):
    get_permissions = _write_permissions
    parser_classes = JSON_ONLY

    @extend_schema(
        operation_id="casussen_betrokkenen_list",
        responses={
            200: BetrokkeneSerializer(many=True),
            403: problem("Geen toegang; de betrokkenen zijn niet met de organisatie van deze partner gedeeld"),
            404: NOT_FOUND,
        },
        description="De betrokkenen van de casus: personen, adressen en ondernemingen met hun rol, of zij dader "
        "en/of slachtoffer zijn en hun problematiek. De regie ziet ze alle; een partner die deelneemt alleen als een "
        "geldig delingsbesluit voor zijn organisatie `betrokkenen` deelt (zonder personen van wie de verwerking "
        "is beperkt), anders 403. Wie niet deelneemt krijgt 404.",
    )
    def get(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        if selectors.sees_whole_case(request.user):
            betrokkenen = list(casus.betrokkenen.select_related("persoon", "adres__buurt", "rechtspersoon"))
        else:
            betrokkenen = selectors.partner_deel(request.user, casus).betrokkenen
            if betrokkenen is None:
                raise NotAllowed(
                    _(
                        "De betrokkenen zijn niet met uw organisatie gedeeld; u ziet alleen wat de delingsbesluiten "
                        "toestaan."
                    )
                )
        for soort in SUBJECT_SOORTEN:
            ids = [getattr(b, f"{soort}_id") for b in betrokkenen if getattr(b, f"{soort}_id")]
            audit.log_lijst(request.user, "api.casus.betrokkenen", soort, ids, doel=casus.doel)
        return Response(BetrokkeneSerializer(betrokkenen, many=True).data)

    @extend_schema(
        operation_id="casussen_betrokkenen_create",
        request=BetrokkeneInvoerSerializer,
        responses={
            201: BetrokkeneSerializer,
            200: OpenApiResponse(
                BetrokkeneSerializer, description="De `nieuwe_persoon` bleek al betrokkene; er is niets toegevoegd."
            ),
            400: INVALID,
            415: UNSUPPORTED,
            404: NOT_FOUND,
            409: problem("De casus is gesloten, of de verwerking van gegevens over deze persoon is beperkt"),
        },
        description="Voeg een betrokkene toe: precies één van `persoon`, `adres` of `rechtspersoon` (het id van "
        "een bekend subject van de gemeente, bijv. uit `POST zoeken` of het signaal) of `nieuwe_persoon` (met de "
        "hand ingevoerd; gekoppeld aan een bekende persoon als de gegevens sterk genoeg overeenkomen, anders een "
        "nieuwe persoon). Met `rol`, `dader`, `slachtoffer` en `problematiek`. Staat het subject al in de casus: "
        "400. Alleen voor de regie.",
    )
    def post(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        serializer = BetrokkeneInvoerSerializer(data=request.data, context={"casus": casus})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("nieuwe_persoon") is not None:
            betrokkene, koppeling = services.add_gemelde_persoon(
                request.user, casus, data["nieuwe_persoon"], **_gegevens(data)
            )
            if betrokkene is None:
                return Response(_betrokkene(casus.betrokkenen.get(persoon=koppeling.persoon)))
        else:
            soort = next(soort for soort in SUBJECT_SOORTEN if data.get(soort) is not None)
            try:
                betrokkene = services.add_betrokkene(request.user, casus, data[soort], **_gegevens(data))
            except InvalidInput as error:  # the service names the subject "subject"; here it is the field given
                params = [{**p, "name": soort if p["name"] == "subject" else p["name"]} for p in error.invalid_params]
                raise InvalidInput(error.message, params) from None
        return Response(_betrokkene(betrokkene), status=status.HTTP_201_CREATED)


class CasusBetrokkeneView(APIView):
    permission_classes = [capability(permissions.MANAGE_CASES)]
    parser_classes = JSON_ONLY

    @extend_schema(
        operation_id="casussen_betrokkenen_partial_update",
        request=BetrokkeneGegevensSerializer,
        responses={
            200: BetrokkeneSerializer,
            400: INVALID,
            415: UNSUPPORTED,
            404: problem("Niet gevonden: onbekende casus of betrokkene"),
            409: CLOSED,
        },
        description="Wijzig wat de casus over een betrokkene vastlegt: `rol`, `dader`, `slachtoffer`, "
        "`problematiek`. Een weggelaten veld blijft. Alleen voor de regie.",
    )
    def patch(self, request, pk, betrokkene_id):
        casus = selectors.get_casus(request.user, pk)
        betrokkene = get_object_or_404(casus.betrokkenen, pk=parse_uuid(betrokkene_id))
        betrokkene.casus = casus
        serializer = BetrokkeneGegevensSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gegevens = _gegevens(serializer.validated_data, betrokkene)
        services.update_betrokkene(request.user, betrokkene, **gegevens)
        return Response(_betrokkene(betrokkene))


class CasusDeelnemersView(APIView):
    get_permissions = _write_permissions
    parser_classes = JSON_ONLY

    @extend_schema(
        operation_id="casussen_deelnemers_list",
        responses={
            200: DeelnemerSerializer(many=True),
            403: problem("Geen toegang; een partner ziet de deelnemers niet"),
            404: NOT_FOUND,
        },
        description="De organisaties (en eventueel hun professionals) die aan de casus deelnemen. Alleen voor de "
        "regie; een partner die deelneemt krijgt 403, wie niet deelneemt 404.",
    )
    def get(self, request, pk):
        casus = _whole_case(request.user, pk, _("Als partner ziet u de deelnemers van deze casus niet."))
        deelnemers = casus.deelnemers.select_related("organisatie", "gebruiker")
        return Response(DeelnemerSerializer(deelnemers, many=True).data)

    @extend_schema(
        operation_id="casussen_deelnemers_create",
        request=DeelnemerInvoerSerializer,
        responses={
            201: DeelnemerSerializer,
            200: OpenApiResponse(DeelnemerSerializer, description="Deze deelnemer nam al deel; er is niets gewijzigd."),
            400: INVALID,
            415: UNSUPPORTED,
            404: NOT_FOUND,
            409: CLOSED,
        },
        description="Laat een organisatie deelnemen, of een professional van die organisatie (`gebruiker`, moet "
        "er werken). Een professional krijgt een melding. Deelnemen geeft nog geen inzage: daarvoor is een "
        "delingsbesluit nodig (`POST casussen/{id}/delingsbesluiten`). Alleen voor de regie.",
    )
    def post(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        serializer = DeelnemerInvoerSerializer(data=request.data, context={"casus": casus})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        bestaand = set(casus.deelnemers.values_list("pk", flat=True))
        deelnemer = services.add_deelnemer(
            request.user, casus, data["organisatie"], gebruiker=data["gebruiker"], rol=data["rol"]
        )
        deelnemer = Deelnemer.objects.select_related("organisatie", "gebruiker").get(pk=deelnemer.pk)
        nieuw = deelnemer.pk not in bestaand
        return Response(
            DeelnemerSerializer(deelnemer).data, status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK
        )


class PlanDoelenView(APIView):
    permission_classes = [capability(permissions.MANAGE_CASES)]
    parser_classes = JSON_ONLY

    @extend_schema(
        operation_id="casussen_plan_doelen_create",
        request=DoelInvoerSerializer,
        responses={
            201: CasusDoelSerializer,
            400: INVALID,
            415: UNSUPPORTED,
            404: NOT_FOUND,
            409: CLOSED,
        },
        description="Voeg een doel toe aan het plan, eventueel bij een leefgebied (code uit `GET leefgebieden`). "
        "Er wordt een nieuwe planversie vastgelegd. Alleen voor de regie.",
    )
    def post(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        serializer = DoelInvoerSerializer(data=request.data, context={"casus": casus})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        doel = services.add_doel(request.user, casus, data["omschrijving"], leefgebied=data["leefgebied"])
        return Response(CasusDoelSerializer(doel).data, status=status.HTTP_201_CREATED)


class PlanAfsprakenView(APIView):
    permission_classes = [capability(permissions.MANAGE_CASES)]
    parser_classes = JSON_ONLY

    @extend_schema(
        operation_id="casussen_plan_afspraken_create",
        request=AfspraakInvoerSerializer,
        responses={
            201: AfspraakSerializer,
            400: INVALID,
            415: UNSUPPORTED,
            404: NOT_FOUND,
            409: CLOSED,
        },
        description="Voeg een afspraak toe aan het plan. Er wordt een nieuwe planversie vastgelegd. Alleen voor "
        "de regie.",
    )
    def post(self, request, pk):
        casus = selectors.get_casus(request.user, pk)
        serializer = AfspraakInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        afspraak = services.add_afspraak(request.user, casus, serializer.validated_data["omschrijving"])
        return Response(AfspraakSerializer(afspraak).data, status=status.HTTP_201_CREATED)


def _analyse(casus) -> dict:
    stored = dict(casus.analyses.values_list("leefgebied_id", "tekst"))
    versie = services.current_version(casus)
    leefgebieden = Leefgebied.objects.filter(gemeente=casus.gemeente, actief=True).order_by("volgorde", "naam")
    return {
        "versie": versie.versie if versie else 0,
        "leefgebieden": [{"code": lg.code, "naam": lg.naam, "tekst": stored.get(lg.pk, "")} for lg in leefgebieden],
    }


ANALYSE_OPSLAAN_ANTWOORDEN = {
    200: PlanAnalyseWeergaveSerializer,
    400: INVALID,
    415: UNSUPPORTED,
    404: NOT_FOUND,
    409: CLOSED,
}


class PlanAnalyseView(APIView):
    get_permissions = _write_permissions
    parser_classes = JSON_ONLY

    @extend_schema(
        operation_id="casussen_plan_analyse_retrieve",
        responses={
            200: PlanAnalyseWeergaveSerializer,
            403: problem("Geen toegang; een partner ziet de analyse niet"),
            404: NOT_FOUND,
        },
        description="De analyse van het plan: elk actief leefgebied met zijn tekst (leeg: nog geen analyse), en "
        "het nummer van de huidige planversie. Alleen voor de regie.",
    )
    def get(self, request, pk):
        return Response(PlanAnalyseWeergaveSerializer(_analyse(_whole_case(request.user, pk))).data)

    def _save(self, request, pk, replace: bool):
        casus = selectors.get_casus(request.user, pk)
        serializer = PlanAnalyseInvoerSerializer(data=request.data, context={"casus": casus})
        serializer.is_valid(raise_exception=True)
        services.update_analyse(request.user, casus, serializer.validated_data["leefgebieden"], geheel=replace)
        return Response(PlanAnalyseWeergaveSerializer(_analyse(casus)).data)

    @extend_schema(
        operation_id="casussen_plan_analyse_update",
        request=PlanAnalyseInvoerSerializer,
        responses=ANALYSE_OPSLAAN_ANTWOORDEN,
        description="Vervang de hele analyse: elk actief leefgebied dat niet in `leefgebieden` staat, krijgt een "
        "lege analyse. Elk leefgebied waarvan de tekst wijzigt, krijgt een nieuwe planversie; wijzigt er niets, dan "
        "blijft de versie. Alles of niets. Alleen voor de regie.",
    )
    def put(self, request, pk):
        return self._save(request, pk, replace=True)

    @extend_schema(
        operation_id="casussen_plan_analyse_partial_update",
        request=PlanAnalyseInvoerSerializer,
        responses=ANALYSE_OPSLAAN_ANTWOORDEN,
        description="Wijzig de analyse van alleen de genoemde leefgebieden (een lege `tekst` haalt die analyse "
        "weg); de andere blijven. Elk leefgebied waarvan de tekst wijzigt, krijgt een nieuwe planversie. Alles of "
        "niets. Alleen voor de regie.",
    )
    def patch(self, request, pk):
        return self._save(request, pk, replace=False)
