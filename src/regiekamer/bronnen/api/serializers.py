from rest_framework import serializers

from regiekamer.bronnen.models import Bronraadpleging


class SubjectRefSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=["persoon", "adres", "rechtspersoon"])
    id = serializers.UUIDField()


class BronraadplegingInvoerSerializer(serializers.Serializer):
    bron = serializers.CharField(max_length=30, help_text="Code van de bron, bijv. `brp`.")
    soort = serializers.ChoiceField(choices=Bronraadpleging.Soort.choices)
    subject = SubjectRefSerializer()
    motivering = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Verplicht bij het opvragen van inhoud."
    )


class BronraadplegingSerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()
    uitgevoerd_door = serializers.CharField(source="uitgevoerd_door.get_full_name")

    class Meta:
        model = Bronraadpleging
        fields = [
            "id",
            "bron",
            "soort",
            "subject",
            "hit",
            "inhoud",
            "motivering",
            "uitgevoerd_door",
            "rol",
            "uitgevoerd_op",
        ]

    def get_subject(self, raadpleging) -> dict:
        subject = raadpleging.subject
        return {"soort": type(subject).__name__.lower(), "id": str(subject.pk), "weergave": str(subject)}


class BronSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    subject_soorten = serializers.ListField(child=serializers.CharField())
