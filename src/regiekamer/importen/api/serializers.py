from rest_framework import serializers

from regiekamer.importen.models import Import, Terugkoppeling


class ImportInvoerSerializer(serializers.Serializer):
    bestand = serializers.FileField(
        help_text="CSV (UTF-8, `;` of `,`) of XLSX in het Regiekamer-importformaat (docs/importformaat.md)."
    )
    organisatie = serializers.UUIDField(
        required=False,
        help_text="Alleen voor een functioneel beheerder: de organisatie namens wie wordt aangeleverd.",
    )


class ImportSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Import.Status.choices)
    organisatie = serializers.CharField(source="organisatie.naam")
    percentage = serializers.IntegerField(help_text="Voortgang, 0-100.")
    status_url = serializers.SerializerMethodField()
    resultaat_url = serializers.SerializerMethodField()

    class Meta:
        model = Import
        fields = [
            "id",
            "status",
            "organisatie",
            "kanaal",
            "soort",
            "totaal",
            "verwerkt",
            "percentage",
            "nieuw",
            "al_ontvangen",
            "fout",
            "melding",
            "aangemaakt_op",
            "gestart_op",
            "klaar_op",
            "status_url",
            "resultaat_url",
        ]

    def _url(self, name, import_obj) -> str:
        from django.urls import reverse

        request = self.context.get("request")
        path = reverse(name, args=[import_obj.pk])
        return request.build_absolute_uri(path) if request else path

    def get_status_url(self, import_obj) -> str:
        return self._url("api:import-detail", import_obj)

    def get_resultaat_url(self, import_obj) -> str:
        return self._url("api:import-resultaat", import_obj)


class TerugkoppelingSerializer(serializers.Serializer):
    referentie = serializers.CharField(source="bronreferentie.referentie", allow_null=True)
    gemeld_op = serializers.DateTimeField()
    status = serializers.SerializerMethodField(help_text="ontvangen, in-behandeling of afgerond")
    terugkoppeling = serializers.ChoiceField(
        choices=Terugkoppeling.choices, allow_blank=True, help_text="Leeg zolang de gemeente niets terugkoppelt."
    )

    def get_status(self, regel) -> str:
        from regiekamer.signalen.selectors import status_for_reporter

        return str(status_for_reporter(regel.signaal).status)
