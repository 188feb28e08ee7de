from rest_framework import serializers

from regiekamer.casussen.api.serializers import GebruikerRefSerializer, OrganisatieRefSerializer
from regiekamer.core.api import AsciiDateField
from regiekamer.delen.models import MINIMAAL, Categorie, DelingsBesluit


class DelingsBesluitSerializer(serializers.ModelSerializer):
    """A recorded sharing decision. With ``context["partner"]`` (the receiving organisation's own view) the
    reason of a withdrawal is left out: that is the regie's consideration."""

    ontvanger = OrganisatieRefSerializer()
    categorieen = serializers.ListField(
        child=serializers.ChoiceField(choices=Categorie.choices),
        help_text="Wat van de casus de ontvanger ziet; `kopgegevens` hoort er altijd bij.",
    )
    actief = serializers.BooleanField(source="is_actief", help_text="Niet ingetrokken en niet verlopen.")
    vastgelegd_door = GebruikerRefSerializer()
    ingetrokken_door = GebruikerRefSerializer(allow_null=True)
    reden_intrekking = serializers.CharField(
        allow_null=True, help_text="Leeg als het besluit niet is ingetrokken, en voor de ontvanger zelf."
    )

    class Meta:
        model = DelingsBesluit
        fields = [
            "id",
            "casus",
            "signaal",
            "weging",
            "ontvanger",
            "categorieen",
            "omschrijving",
            "doel",
            "grondslag",
            "geldig_tot",
            "actief",
            "vastgelegd_door",
            "rol",
            "vastgelegd_op",
            "ingetrokken_op",
            "ingetrokken_door",
            "reden_intrekking",
        ]

    def to_representation(self, besluit):
        data = super().to_representation(besluit)
        if self.context.get("partner") or not besluit.is_ingetrokken:
            data["reden_intrekking"] = None
        return data


class DelingsBesluitInvoerSerializer(serializers.Serializer):
    ontvanger = serializers.UUIDField(help_text="Een organisatie die deelneemt aan de casus.")
    categorieen = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list(MINIMAAL),
        help_text="Codes uit: " + ", ".join(f"`{code}`" for code in Categorie.values) + ". Zonder keuze: "
        "`kopgegevens` en `eigen-acties`. `kopgegevens` wordt altijd toegevoegd.",
    )
    omschrijving = serializers.CharField(allow_blank=True, help_text="Welke gegevens precies. Verplicht.")
    doel = serializers.CharField(allow_blank=True, help_text="Het doel van het delen. Verplicht.")
    grondslag = serializers.CharField(allow_blank=True, max_length=300, help_text="De grondslag. Verplicht.")
    geldig_tot = AsciiDateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Optioneel, niet in het verleden. Daarna ziet de organisatie niets meer van de casus.",
    )


class IntrekkenSerializer(serializers.Serializer):
    reden = serializers.CharField(allow_blank=True, help_text="De reden van intrekking. Verplicht.")
