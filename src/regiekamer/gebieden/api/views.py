"""Areas API: the map figures as GeoJSON and the hotspot list. Thin: validate, then the same selectors as the
pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from regiekamer.accounts import permissions
from regiekamer.core.api import capability, problem, refuse_empty_or_repeated
from regiekamer.core.onderdrukking import ONDERDRUKT
from regiekamer.gebieden import selectors
from regiekamer.gebieden.forms import filters_uit

GEBIEDEN_PARAMETERS = [
    OpenApiParameter("niveau", str, enum=["buurt", "wijk"], description="Per buurt (standaard) of per wijk."),
    OpenApiParameter("van", OpenApiTypes.DATE, description="Ontvangen vanaf (JJJJ-MM-DD); standaard 12 maanden terug."),
    OpenApiParameter("tot", OpenApiTypes.DATE, description="Ontvangen tot en met (JJJJ-MM-DD); standaard vandaag."),
    OpenApiParameter("fenomeen", str, description="Code van een fenomeen (`GET /api/v1/fenomenen`)."),
    OpenApiParameter("stap", int, enum=[1, 2, 3, 4], description="Protocolstap waarin het signaal is of eindigde."),
    OpenApiParameter(
        "aanpak",
        str,
        enum=["persoonsgericht", "huishouden", "groepsgericht", "gebiedsgericht"],
        description="Aanpak van een casus waarin het signaal is opgenomen.",
    ),
    OpenApiParameter("status", str, description="`open`, `afgerond` of een protocolstatus, bijv. `weging-1`."),
]

AANTAL_OF_ONDERDRUKT = {
    "oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "enum": [ONDERDRUKT]}],
    "description": 'Aantal; 1 tot en met 4 als "< 5" voor wie geen persoonsgegevens mag inzien.',
}

GEBIEDEN_SCHEMA = {
    "type": "object",
    "description": "GeoJSON FeatureCollection (RFC 7946, WGS84).",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "niveau": {"type": "string", "enum": ["buurt", "wijk"]},
        "van": {"type": "string", "format": "date", "nullable": True, "description": "Leeg: zonder begindatum."},
        "tot": {"type": "string", "format": "date", "nullable": True, "description": "Leeg: zonder einddatum."},
        "jaar_grenzen": {"type": "integer", "nullable": True, "description": "Jaar van de ingelezen grenzen."},
        "bronvermelding": {"type": "string", "description": "Bronvermelding van de grenzen (CBS)."},
        "zonder_gebied": {**AANTAL_OF_ONDERDRUKT, "description": "Signalen zonder buurt in de actuele indeling."},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "string"},
                    "geometry": {
                        "type": "object",
                        "nullable": True,
                        "description": "GeoJSON Polygon of MultiPolygon (WGS84), vereenvoudigd voor de kaart.",
                    },
                    "properties": {
                        "type": "object",
                        "required": ["code", "naam", "signalen", "signalen_per_1000"],
                        "properties": {
                            "code": {"type": "string", "example": "BU03630001"},
                            "naam": {"type": "string"},
                            "signalen": AANTAL_OF_ONDERDRUKT,
                            "signalen_per_1000": {
                                "type": "number",
                                "nullable": True,
                                "description": "Per 1.000 inwoners; leeg als het aantal inwoners onbekend is of "
                                "het aantal onderdrukt.",
                            },
                            "inwoners": {"type": "integer", "nullable": True},
                        },
                    },
                },
            },
        },
    },
}


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class GebiedenView(APIView):
    """Signals per buurt or wijk as GeoJSON, for partner dashboards and BI tools."""

    permission_classes = [capability(permissions.VIEW_AGGREGATES)]
    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    @extend_schema(
        operation_id="gebieden_list",
        parameters=GEBIEDEN_PARAMETERS,
        responses={
            (200, "application/geo+json"): OpenApiResponse(GEBIEDEN_SCHEMA, description="GeoJSON FeatureCollection"),
            # The same document with ?format=json or Accept: application/json.
            (200, "application/json"): OpenApiResponse(GEBIEDEN_SCHEMA, description="GeoJSON FeatureCollection"),
            400: problem("Ongeldige parameter"),
        },
    )
    def get(self, request):
        refuse_empty_or_repeated(request, [parameter.name for parameter in GEBIEDEN_PARAMETERS])
        filters = filters_uit(request.query_params, request.user.gemeente)
        cijfers = selectors.signalen_per_gebied(request.user, filters)
        return Response(cijfers.feature_collection())


def _adres_hotspot(hotspot) -> dict:
    return {
        "adres": hotspot.adres,
        "adresId": str(hotspot.adres_id),
        "buurt": hotspot.buurt,
        "signalen": hotspot.signalen,
        "fenomenen": hotspot.fenomenen,
        "organisaties": hotspot.organisaties,
        "ingeschrevenen": hotspot.ingeschrevenen,
        "redenen": hotspot.redenen,
    }


def _buurt_hotspot(hotspot) -> dict:
    return {
        "code": hotspot.code,
        "naam": hotspot.naam,
        "signalenRecent": hotspot.recent_getoond,
        "signalenBasis": hotspot.basis_getoond,
        "gemiddeldePer30Dagen": hotspot.gemiddelde,
        "drempelPer30Dagen": hotspot.drempel,
        "recentPer30Dagen": hotspot.recent_per_blok,
        "reden": hotspot.reden,
    }


HOTSPOTS_SCHEMA = inline_serializer(
    "Hotspots",
    {
        "adressen": serializers.ListField(
            child=inline_serializer(
                "AdresHotspot",
                {
                    "adres": serializers.CharField(),
                    "adresId": serializers.UUIDField(),
                    "buurt": serializers.CharField(),
                    "signalen": serializers.IntegerField(),
                    "fenomenen": serializers.IntegerField(),
                    "organisaties": serializers.IntegerField(),
                    "ingeschrevenen": serializers.IntegerField(allow_null=True),
                    "redenen": serializers.ListField(child=serializers.CharField()),
                },
            ),
            allow_null=True,
            help_text="Adressen met hun redenen; null voor wie geen persoonsgegevens mag inzien.",
        ),
        "buurten": serializers.ListField(
            child=inline_serializer(
                "BuurtHotspot",
                {
                    "code": serializers.CharField(),
                    "naam": serializers.CharField(),
                    "signalenRecent": serializers.JSONField(help_text='Aantal, of "< 5".'),
                    "signalenBasis": serializers.JSONField(help_text='Aantal, of "< 5".'),
                    "gemiddeldePer30Dagen": serializers.FloatField(),
                    "drempelPer30Dagen": serializers.FloatField(),
                    "recentPer30Dagen": serializers.FloatField(),
                    "reden": serializers.CharField(),
                },
            )
        ),
    },
)


class HotspotsView(APIView):
    """Hotspots: buurten above their own trend (``overzicht.cijfers``) and, for ``subject.inzien``, addresses."""

    permission_classes = [capability(permissions.VIEW_AGGREGATES)]

    @extend_schema(operation_id="hotspots_list", responses={200: HOTSPOTS_SCHEMA})
    def get(self, request):
        buurten, _regels = selectors.buurt_hotspots(request.user)
        adressen = None
        if selectors.mag_adressen_zien(request.user):
            adressen = [_adres_hotspot(h) for h in selectors.adres_hotspots(request.user)[0]]
        return Response({"adressen": adressen, "buurten": [_buurt_hotspot(h) for h in buurten]})
