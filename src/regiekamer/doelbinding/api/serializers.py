from rest_framework import serializers

from regiekamer.doelbinding.doelen import Doel
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.doelbinding.services import BesluitInvoer


class BesluitInvoerSerializer(serializers.Serializer):
    signaal = serializers.UUIDField(help_text="Het signaal dat voor een ander doel wordt gebruikt.")
    casus = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="De casus waarin het signaal wordt gebruikt. Leeg: de casus die bij stap 4 vanuit dit signaal "
        "wordt geopend (dan is `naar_doel` verplicht).",
    )
    naar_doel = serializers.ChoiceField(
        choices=Doel.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Het nieuwe doel; bij een casus is dat het doel van de casus.",
    )
    verband_doelen = serializers.CharField(allow_blank=True, help_text="Verband tussen de doelen.")
    context_verzameling = serializers.CharField(allow_blank=True, help_text="Context van de verzameling.")
    aard_gegevens = serializers.CharField(allow_blank=True, help_text="Aard van de gegevens.")
    gevolgen_betrokkene = serializers.CharField(allow_blank=True, help_text="Gevolgen voor de betrokkene.")
    waarborgen = serializers.CharField(allow_blank=True, help_text="Waarborgen.")
    conclusie = serializers.ChoiceField(choices=Verenigbaarheidsbesluit.Conclusie.choices)
    toelichting = serializers.CharField(allow_blank=True, help_text="Toelichting op de conclusie.")

    def to_invoer(self) -> BesluitInvoer:
        data = dict(self.validated_data)
        data["signaal"] = str(data["signaal"])
        data["casus"] = str(data["casus"]) if data.get("casus") else None
        return BesluitInvoer(**data)


class VerenigbaarheidsbesluitSerializer(serializers.ModelSerializer):
    vastgelegd_door = serializers.CharField(source="vastgelegd_door.get_full_name")

    class Meta:
        model = Verenigbaarheidsbesluit
        fields = [
            "id",
            "signaal",
            "casus",
            "van_doel",
            "naar_doel",
            "verband_doelen",
            "context_verzameling",
            "aard_gegevens",
            "gevolgen_betrokkene",
            "waarborgen",
            "conclusie",
            "toelichting",
            "vastgelegd_door",
            "rol",
            "vastgelegd_op",
        ]


class KoppelInvoerSerializer(serializers.Serializer):
    signaal = serializers.UUIDField(help_text="Het signaal dat aan de casus wordt gekoppeld.")
