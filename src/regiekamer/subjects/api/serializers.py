from rest_framework import serializers

from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie


class PersoonSummarySerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="volledige_naam")
    bsn_bekend = serializers.SerializerMethodField(
        help_text="Of er een BSN is vastgelegd; het BSN zelf wordt alleen op de persoon getoond."
    )

    class Meta:
        model = Persoon
        fields = ["id", "naam", "geboortedatum", "bsn_bekend"]

    def get_bsn_bekend(self, persoon) -> bool:
        return bool(persoon.bsn)


class AdresSummarySerializer(serializers.ModelSerializer):
    weergave = serializers.CharField(source="__str__")
    buurt = serializers.CharField(source="buurt.code", allow_null=True, default=None)

    class Meta:
        model = Adres
        fields = [
            "id",
            "weergave",
            "postcode",
            "huisnummer",
            "huisletter",
            "toevoeging",
            "straat",
            "woonplaats",
            "buurt",
            "latitude",
            "longitude",
        ]


class RechtspersoonSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Rechtspersoon
        fields = ["id", "naam", "kvk_nummer"]


class RelatieSerializer(serializers.ModelSerializer):
    van = serializers.CharField(source="van.__str__")
    naar = serializers.CharField(source="naar.__str__")

    class Meta:
        model = SubjectRelatie
        fields = ["soort", "van", "naar", "toelichting"]


class SignaalRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    nummer = serializers.CharField()
    status = serializers.CharField()
    ontvangen_op = serializers.DateTimeField()


class PersoonDetailSerializer(PersoonSummarySerializer):
    bsn = serializers.CharField()
    relaties = serializers.SerializerMethodField()
    signalen = SignaalRefSerializer(many=True, read_only=True)

    class Meta(PersoonSummarySerializer.Meta):
        fields = [
            "id",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "naam",
            "geboortedatum",
            "bsn",
            "bsn_bekend",
            "relaties",
            "signalen",
        ]

    def get_relaties(self, subject) -> list[dict]:
        from regiekamer.subjects.selectors import relaties_van

        return RelatieSerializer(relaties_van(subject), many=True).data


class AdresDetailSerializer(AdresSummarySerializer):
    relaties = serializers.SerializerMethodField()
    signalen = SignaalRefSerializer(many=True, read_only=True)

    class Meta(AdresSummarySerializer.Meta):
        fields = AdresSummarySerializer.Meta.fields + ["relaties", "signalen"]

    get_relaties = PersoonDetailSerializer.get_relaties


class RechtspersoonDetailSerializer(RechtspersoonSummarySerializer):
    relaties = serializers.SerializerMethodField()
    signalen = SignaalRefSerializer(many=True, read_only=True)

    class Meta(RechtspersoonSummarySerializer.Meta):
        fields = RechtspersoonSummarySerializer.Meta.fields + ["relaties", "signalen"]

    get_relaties = PersoonDetailSerializer.get_relaties
