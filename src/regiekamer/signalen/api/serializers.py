from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regiekamer.core.api import AsciiDateField, AsciiIntegerField, ChoiceLabelField, DutchBooleanField
from regiekamer.core.text import validate_zoekterm
from regiekamer.doelbinding.doelen import Doel as Verwerkingsdoel
from regiekamer.protocol.machine import MelderStatus, Status
from regiekamer.signalen.models import AnoniemeBron, Fenomeen, Indicator, Signaal
from regiekamer.signalen.services import MAXIMA
from regiekamer.subjects.api.serializers import (
    AdresSummarySerializer,
    PersoonSummarySerializer,
    RechtspersoonSummarySerializer,
)
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens


class PersoonInvoerSerializer(serializers.Serializer):
    voornamen = serializers.CharField(max_length=200, allow_blank=True, default="")
    tussenvoegsel = serializers.CharField(max_length=20, allow_blank=True, default="")
    achternaam = serializers.CharField(max_length=200)
    geboortedatum = AsciiDateField(required=False, allow_null=True, default=None)
    bsn = serializers.CharField(
        max_length=12,
        required=False,
        allow_blank=True,
        default="",
        help_text="Burgerservicenummer; moet voldoen aan de elfproef.",
    )


class AdresInvoerSerializer(serializers.Serializer):
    postcode = serializers.CharField(max_length=8, help_text="Bijvoorbeeld 1234 AB.")
    huisnummer = AsciiIntegerField(min_value=1, max_value=99999)
    huisletter = serializers.CharField(max_length=1, allow_blank=True, default="")
    toevoeging = serializers.CharField(max_length=4, allow_blank=True, default="")


class RechtspersoonInvoerSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=200)
    kvk_nummer = serializers.CharField(max_length=8, allow_blank=True, default="")


class SignaalInvoerSerializer(serializers.Serializer):
    # The limits are the service's (signalen.services.MAXIMA); the lists are also capped here, before each item of a
    # flood is parsed.
    omschrijving = serializers.CharField(allow_blank=True, trim_whitespace=True, help_text="Ten hoogste 10.000 tekens.")
    fenomenen = serializers.ListField(
        child=serializers.CharField(max_length=40),
        allow_empty=True,
        max_length=MAXIMA["fenomenen"],
        help_text="Codes van fenomenen, bijv. `hennepteelt`.",
    )
    indicatoren = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, default=list, max_length=MAXIMA["indicatoren"]
    )
    anoniem = serializers.BooleanField(required=False, default=False, help_text="De oorspronkelijke melder is anoniem.")
    anonieme_bron = serializers.ChoiceField(choices=AnoniemeBron.choices, required=False, allow_blank=True, default="")
    doel = serializers.ChoiceField(
        choices=Verwerkingsdoel.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Doel waarvoor de gegevens zijn verzameld (doelbinding). Leeg: afgeleid van de soort "
        "meldende organisatie (zorgpartners: zorg-en-ondersteuning; politie, corporatie, gemeente: "
        "handhaving-en-ondermijning).",
    )
    locatie = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    buurt = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        default="",
        help_text="CBS-buurtcode, voor een signaal zonder adres.",
    )
    personen = PersoonInvoerSerializer(many=True, required=False, default=list, max_length=MAXIMA["personen"])
    adressen = AdresInvoerSerializer(many=True, required=False, default=list, max_length=MAXIMA["adressen"])
    rechtspersonen = RechtspersoonInvoerSerializer(
        many=True, required=False, default=list, max_length=MAXIMA["rechtspersonen"]
    )
    voertuigen = serializers.ListField(
        child=serializers.CharField(max_length=10),
        required=False,
        default=list,
        max_length=MAXIMA["voertuigen"],
        help_text="Kentekens.",
    )

    def to_invoer(self):
        from regiekamer.signalen.services import SignaalInvoer

        data = self.validated_data
        return SignaalInvoer(
            omschrijving=data["omschrijving"],
            fenomenen=data["fenomenen"],
            indicatoren=data["indicatoren"],
            anoniem=data["anoniem"],
            anonieme_bron=data["anonieme_bron"],
            locatie=data["locatie"],
            buurt=data["buurt"],
            personen=[PersoonGegevens(**p) for p in data["personen"]],
            adressen=[AdresGegevens(**a) for a in data["adressen"]],
            rechtspersonen=[(r["naam"], r["kvk_nummer"]) for r in data["rechtspersonen"]],
            voertuigen=data["voertuigen"],
            doel=data["doel"],
        )


class SignaalAangemaaktSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    nummer = serializers.CharField()
    status_url = serializers.URLField()


class MelderStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MelderStatus.choices)
    bijgewerkt = serializers.DateTimeField()
    bericht = serializers.CharField()


class EigenMeldingSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    nummer = serializers.CharField()
    ontvangen = serializers.DateTimeField(source="ontvangen_op")
    status = serializers.SerializerMethodField()

    def get_status(self, signaal) -> MelderStatusSerializer:
        from regiekamer.signalen.selectors import status_for_reporter

        return MelderStatusSerializer(status_for_reporter(signaal)).data


class FenomeenRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fenomeen
        fields = ["code", "naam"]


class IndicatorSerializer(serializers.ModelSerializer):
    fenomeen = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = ["code", "omschrijving", "soort", "fenomeen"]


class FenomeenSerializer(serializers.ModelSerializer):
    indicatoren = serializers.SerializerMethodField()

    class Meta:
        model = Fenomeen
        fields = ["code", "naam", "omschrijving", "indicatoren"]

    def get_indicatoren(self, fenomeen) -> list[str]:
        return [indicator.code for indicator in fenomeen.indicatoren.all() if indicator.actief]


class SignaalLijstSerializer(serializers.ModelSerializer):
    fenomenen = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_omschrijving = ChoiceLabelField(Status, source="status")
    buurt = serializers.CharField(source="buurt.code", allow_null=True, default=None)
    melder_organisatie = serializers.CharField(source="melder_organisatie.naam")
    te_laat = serializers.BooleanField(source="is_te_laat")
    doel = serializers.ChoiceField(choices=Verwerkingsdoel.choices, help_text="Doel waarvoor het signaal is verzameld.")

    class Meta:
        model = Signaal
        fields = [
            "id",
            "nummer",
            "ontvangen_op",
            "doel",
            "fenomenen",
            "status",
            "status_omschrijving",
            "stap",
            "termijn",
            "te_laat",
            "buurt",
            "melder_organisatie",
            "anoniem",
            "afgerond_op",
        ]

    # A list page shows 50 rows: built as plain dicts, the phenomena cost a third of what nested serializers do.
    @extend_schema_field(FenomeenRefSerializer(many=True))
    def get_fenomenen(self, signaal) -> list[dict]:
        return [{"code": fenomeen.code, "naam": fenomeen.naam} for fenomeen in signaal.fenomenen.all()]


class SignaalDetailSerializer(SignaalLijstSerializer):
    indicatoren = IndicatorSerializer(many=True, read_only=True)
    personen = PersoonSummarySerializer(many=True, read_only=True)
    adressen = AdresSummarySerializer(many=True, read_only=True)
    rechtspersonen = RechtspersoonSummarySerializer(many=True, read_only=True)
    voertuigen = serializers.SlugRelatedField(slug_field="kenteken", many=True, read_only=True)
    melder = serializers.CharField(source="melder.get_full_name", allow_null=True, default=None)
    wegingen = serializers.SerializerMethodField()
    volgende_weging = serializers.SerializerMethodField()

    class Meta(SignaalLijstSerializer.Meta):
        fields = SignaalLijstSerializer.Meta.fields + [
            "omschrijving",
            "indicatoren",
            "anonieme_bron",
            "locatie",
            "melder",
            "personen",
            "adressen",
            "rechtspersonen",
            "voertuigen",
            "vernietigen_op",
            "wegingen",
            "volgende_weging",
        ]

    def get_wegingen(self, signaal) -> list[dict]:
        from regiekamer.protocol.api.serializers import WegingSerializer

        return WegingSerializer(signaal.wegingen.select_related("vastgelegd_door"), many=True).data

    def get_volgende_weging(self, signaal) -> dict | None:
        from regiekamer.protocol.services import expected_weging

        definition = expected_weging(signaal)
        if definition is None:
            return None
        return {
            "weging": definition.soort.value,
            "omschrijving": str(definition.soort.label),
            "uitkomsten": [o.code for o in definition.outcomes],
            "grondslag_verplicht": definition.requires_grondslag,
        }


class WerkvoorraadFilterSerializer(serializers.Serializer):
    stap = AsciiIntegerField(required=False, min_value=1, max_value=4, help_text="Protocolstap 1-4.")
    status = serializers.ChoiceField(choices=Status.choices, required=False, help_text="Status, bijv. `weging-1`.")
    fenomeen = serializers.RegexField(
        r"^[a-z0-9][a-z0-9-]{0,49}$", required=False, help_text="Code van een fenomeen, bijv. `hennepteelt`."
    )
    buurt = serializers.UUIDField(required=False, help_text="Id van een buurt.")
    organisatie = serializers.UUIDField(required=False, help_text="Id van de meldende organisatie.")
    te_laat = DutchBooleanField(required=False, help_text="Alleen signalen waarvan de termijn verstreken is.")
    afgerond = DutchBooleanField(required=False, help_text="Ook afgeronde signalen tonen.")


class ZoekVraagSerializer(serializers.Serializer):
    zoekterm = serializers.CharField(min_length=2, max_length=100, validators=[validate_zoekterm])


class IndicatorCatalogusSerializer(serializers.ModelSerializer):
    """An indicator of the catalogue: an anchoring one (``verankering``, asked at weging 1 and when reporting) or the
    red flag of a phenomenon, with its guidance."""

    fenomeen = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = ["code", "omschrijving", "soort", "fenomeen", "betekenis", "nagaan", "vervolg"]
