from rest_framework import serializers

from regiekamer.core.api import ChoiceLabelField
from regiekamer.delen.models import Categorie
from regiekamer.protocol.machine import Aanpak, WegingSoort
from regiekamer.protocol.models import Weging


class WegingInvoerSerializer(serializers.Serializer):
    weging = serializers.ChoiceField(choices=WegingSoort.choices)
    uitkomst = serializers.CharField(max_length=40)
    toelichting = serializers.CharField(allow_blank=True, help_text="Motivering; verplicht.")
    grondslag = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Wettelijke grondslag; verplicht bij privacychecks.",
    )
    ontvanger = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="Naar wie verwezen of doorgezet wordt."
    )
    indicatoren = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="Weging 1: gewogen indicatoren."
    )
    bronnen = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text="Privacycheck 1: bronnen die geraadpleegd mogen worden.",
    )
    gegevens = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Privacycheck 2A: welke gegevens gedeeld mogen worden (verplicht bij `delen`). Privacycheck 2B: "
        "toelichting op de `categorieen`, die bepalen wat gedeeld wordt; zonder toelichting hun namen.",
    )
    doel = serializers.CharField(required=False, allow_blank=True, default="")
    ontvangers = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="Privacycheck 2B: ids van organisaties."
    )
    categorieen = serializers.ListField(
        child=serializers.ChoiceField(choices=Categorie.choices),
        required=False,
        default=list,
        help_text="Privacycheck 2B: welke onderdelen van de casus de ontvangers zien. Zonder keuze: "
        "`kopgegevens` en `eigen-acties`; `kopgegevens` zit er altijd bij.",
    )
    aanpak = serializers.ChoiceField(choices=Aanpak.choices, required=False, allow_blank=True, default="")
    corrigeert = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text="Id van de weging die deze corrigeert."
    )

    def to_invoer(self):
        from regiekamer.protocol.services import WegingInvoer

        data = dict(self.validated_data)
        data["corrigeert"] = str(data["corrigeert"]) if data["corrigeert"] else None
        return WegingInvoer(**data)


class WegingSerializer(serializers.ModelSerializer):
    weging = serializers.CharField(source="soort")
    omschrijving = ChoiceLabelField(WegingSoort, source="soort")
    uitkomst_omschrijving = serializers.CharField(source="uitkomst_label")
    vastgelegd_door = serializers.CharField(source="vastgelegd_door.get_full_name")
    corrigeert = serializers.UUIDField(source="corrigeert_id", allow_null=True)

    class Meta:
        model = Weging
        fields = [
            "id",
            "weging",
            "omschrijving",
            "uitkomst",
            "uitkomst_omschrijving",
            "toelichting",
            "grondslag",
            "details",
            "status_voor",
            "status_na",
            "corrigeert",
            "vastgelegd_door",
            "rol",
            "vastgelegd_op",
        ]
