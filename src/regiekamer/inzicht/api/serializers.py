"""The shape of a figure in the API (for the OpenAPI document; the body is built by ``inzicht.exports.als_json``)."""

from rest_framework import serializers


class PeriodeSerializer(serializers.Serializer):
    van = serializers.DateField(help_text="Eerste dag van de eerste maand.")
    tot = serializers.DateField(help_text="Laatste dag van de laatste maand.")


class FiltersSerializer(serializers.Serializer):
    van = serializers.DateField()
    tot = serializers.DateField()
    buurt = serializers.CharField(allow_null=True, help_text="CBS-buurtcode, of null.")
    wijk = serializers.CharField(allow_null=True, help_text="CBS-wijkcode, of null.")
    fenomeen = serializers.CharField(allow_null=True, help_text="Code van het fenomeen, of null.")


class KolomSerializer(serializers.Serializer):
    naam = serializers.CharField(help_text="De sleutel van de kolom in elke rij.")
    titel = serializers.CharField()
    soort = serializers.ChoiceField(
        choices=["tekst", "aantal", "getal", "percentage"],
        help_text="`aantal`: een telling (of de tekst `< 5`); `getal` en `percentage`: een kengetal, of null als het "
        "uit een klein aantal zou volgen of niet te berekenen is.",
    )


class CijferSerializer(serializers.Serializer):
    figuur = serializers.CharField()
    titel = serializers.CharField()
    omschrijving = serializers.CharField()
    periode = PeriodeSerializer(allow_null=True, help_text="null voor een stand van vandaag (zie peildatum).")
    peildatum = serializers.DateField()
    filters = FiltersSerializer()
    kleine_aantallen_onderdrukt = serializers.BooleanField(
        help_text="Aantallen van 1 tot en met 4 staan als de tekst `< 5` (wie geen persoonsgegevens mag inzien)."
    )
    kolommen = KolomSerializer(many=True)
    rijen = serializers.ListField(
        child=serializers.DictField(child=serializers.JSONField()),
        help_text="Eén object per rij, met een waarde per kolom (sleutel: de `naam` van de kolom).",
    )
