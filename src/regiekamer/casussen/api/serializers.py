from collections.abc import Mapping

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from regiekamer.accounts.models import Organisatie, User
from regiekamer.casussen.models import (
    Afspraak,
    Betrokkene,
    Casus,
    CasusSignaal,
    Deelnemer,
    Doel,
    Escalatie,
    Interventie,
    InterventieSoort,
    Leefgebied,
    PlanVersie,
)
from regiekamer.core.api import AsciiDateField, DutchBooleanField, UserIdField
from regiekamer.core.errors import InvalidInput
from regiekamer.delen.models import Categorie
from regiekamer.doelbinding.api.serializers import VerenigbaarheidsbesluitSerializer
from regiekamer.doelbinding.doelen import Doel as Verwerkingsdoel
from regiekamer.protocol.machine import Aanpak
from regiekamer.signalen.api.serializers import PersoonInvoerSerializer
from regiekamer.subjects import services as subject_services
from regiekamer.subjects.api.serializers import (
    AdresSummarySerializer,
    PersoonSummarySerializer,
    RechtspersoonSummarySerializer,
)
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon

SUBJECT_SOORTEN = ["persoon", "adres", "rechtspersoon"]
SUBJECT_MODELS = {"persoon": Persoon, "adres": Adres, "rechtspersoon": Rechtspersoon}
# Free text of a case (a betrokkene's problems, an agreement, the analysis of a life domain): as long as a report's
# description may be (signalen.services.MAXIMA).
TEKST_MAX = 10_000
# Which view of a case or plan a response holds: the whole one (regie) or a participating partner's part.
WEERGAVEN = ["volledig", "deelnemer"]


# --- References -----------------------------------------------------------------------------------


class GebruikerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(source="__str__")


class OrganisatieRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    naam = serializers.CharField()


class CasusRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    nummer = serializers.CharField()


class DoelRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    omschrijving = serializers.CharField()


class InterventieSoortRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterventieSoort
        fields = ["code", "naam", "familie", "repressief"]


# --- Interventions ----------------------------------------------------------------------------------


class InterventieSerializer(serializers.ModelSerializer):
    casus = CasusRefSerializer()
    soort = InterventieSoortRefSerializer()
    doel = DoelRefSerializer(allow_null=True)
    eigenaar_organisatie = OrganisatieRefSerializer()
    eigenaar = GebruikerRefSerializer(allow_null=True, help_text="De uitvoerder; leeg als de organisatie uitvoert.")
    te_laat = serializers.BooleanField(source="is_te_laat", help_text="Open en de deadline is verstreken.")

    class Meta:
        model = Interventie
        fields = [
            "id",
            "casus",
            "soort",
            "omschrijving",
            "doel",
            "eigenaar_organisatie",
            "eigenaar",
            "deadline",
            "status",
            "resultaat",
            "te_laat",
            "impact_huishouden",
            "opvang_gevolgen",
            "aangemaakt_op",
            "bijgewerkt_op",
            "afgerond_op",
        ]


class InterventieInvoerSerializer(serializers.Serializer):
    soort = serializers.CharField(
        max_length=60, help_text="Code uit de interventiecatalogus, bijv. `schuldhulpverlening`."
    )
    eigenaar_organisatie = serializers.UUIDField(help_text="Id van de uitvoerende organisatie.")
    eigenaar = UserIdField(help_text="Id van de uitvoerder; moet bij de organisatie werken.")
    doel = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text="Id van het doel van de casus dat de actie dient."
    )
    deadline = AsciiDateField()
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")
    impact_huishouden = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Verwachte impact op het huishouden; verplicht bij een repressieve interventie.",
    )
    opvang_gevolgen = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Wie vangt de gevolgen op; verplicht bij een repressieve interventie.",
    )

    def to_invoer(self):
        from regiekamer.casussen.services import InterventieInvoer

        data = self.validated_data
        return InterventieInvoer(
            soort=data["soort"],
            eigenaar_organisatie=str(data["eigenaar_organisatie"]),
            deadline=data["deadline"],
            doel=str(data["doel"]) if data["doel"] else None,
            eigenaar=str(data["eigenaar"]) if data["eigenaar"] is not None else None,
            omschrijving=data["omschrijving"],
            impact_huishouden=data["impact_huishouden"],
            opvang_gevolgen=data["opvang_gevolgen"],
        )


class InterventieWijzigingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Interventie.Status.choices, required=False, help_text="Weggelaten: de status blijft."
    )
    resultaat = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Verplicht bij `afgerond` en `gestopt`. Weggelaten: het resultaat blijft.",
    )
    deadline = AsciiDateField(
        required=False, allow_null=True, help_text="Alleen de regie verzet een deadline; een partner krijgt 403."
    )


class InterventieFilterSerializer(serializers.Serializer):
    casus = serializers.UUIDField(required=False, help_text="Alleen acties van deze casus.")
    status = serializers.ChoiceField(choices=Interventie.Status.choices, required=False)
    te_laat = DutchBooleanField(required=False, help_text="`true`: alleen open acties over de deadline.")


# --- Cases ------------------------------------------------------------------------------------------


class CasusFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Casus.Status.choices, required=False)
    aanpak = serializers.ChoiceField(choices=Aanpak.choices, required=False)


class CasusLijstSerializer(serializers.ModelSerializer):
    regisseur = GebruikerRefSerializer()

    class Meta:
        model = Casus
        fields = ["id", "nummer", "titel", "aanpak", "doel", "status", "regisseur", "geopend_op", "gesloten_op"]


class BetrokkeneSerializer(serializers.ModelSerializer):
    soort = serializers.SerializerMethodField()
    persoon = PersoonSummarySerializer(allow_null=True)
    adres = AdresSummarySerializer(allow_null=True)
    rechtspersoon = RechtspersoonSummarySerializer(allow_null=True)
    dader_en_slachtoffer = serializers.BooleanField()

    class Meta:
        model = Betrokkene
        fields = [
            "id",
            "soort",
            "persoon",
            "adres",
            "rechtspersoon",
            "rol",
            "dader",
            "slachtoffer",
            "dader_en_slachtoffer",
            "problematiek",
            "toegevoegd_op",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=SUBJECT_SOORTEN))
    def get_soort(self, betrokkene) -> str:
        return next(soort for soort in SUBJECT_SOORTEN if getattr(betrokkene, f"{soort}_id"))


class DeelnemerSerializer(serializers.ModelSerializer):
    organisatie = OrganisatieRefSerializer()
    gebruiker = GebruikerRefSerializer(allow_null=True, help_text="Leeg: de organisatie als geheel neemt deel.")

    class Meta:
        model = Deelnemer
        fields = ["id", "organisatie", "gebruiker", "rol", "toegevoegd_op"]


class CasusSignaalSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="signaal_id", help_text="Id van het signaal.")
    nummer = serializers.CharField(source="signaal.nummer")

    class Meta:
        model = CasusSignaal
        fields = ["id", "nummer", "soort", "gekoppeld_op", "gezien_op"]


class EscalatieSerializer(serializers.ModelSerializer):
    interventie = serializers.UUIDField(source="interventie_id", allow_null=True)
    naar = GebruikerRefSerializer()
    afgehandeld_door = GebruikerRefSerializer(allow_null=True)

    class Meta:
        model = Escalatie
        fields = [
            "id",
            "reden",
            "interventie",
            "naar",
            "aangemaakt_op",
            "opvolging",
            "afgehandeld_door",
            "afgehandeld_op",
        ]


class _CasusMetActiesSerializer(CasusLijstSerializer):
    """Expects ``context["interventies"]``: the actions the caller may see (selectors.interventies_voor)."""

    weergave = serializers.SerializerMethodField()
    interventies = serializers.SerializerMethodField()

    @extend_schema_field(InterventieSerializer(many=True))
    def get_interventies(self, casus):
        return InterventieSerializer(self.context["interventies"], many=True).data


class GedeeldDoelSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    omschrijving = serializers.CharField()
    resultaat = serializers.ChoiceField(choices=Doel.Resultaat.choices, allow_blank=True)


class CasusDeelnemerSerializer(_CasusMetActiesSerializer):
    """A participating partner's view: the case header and what the active sharing decisions for the
    partner's organisation allow. Expects ``context["deel"]`` (``selectors.partner_deel``); a
    section that is not shared is ``null``, and ``interventies`` is empty without "eigen-acties"."""

    gedeeld = serializers.SerializerMethodField()
    betrokkenen = serializers.SerializerMethodField()
    doelen = serializers.SerializerMethodField()
    afspraken = serializers.SerializerMethodField()

    class Meta(CasusLijstSerializer.Meta):
        fields = CasusLijstSerializer.Meta.fields + [
            "weergave",
            "gedeeld",
            "betrokkenen",
            "doelen",
            "afspraken",
            "interventies",
        ]

    def _deel(self):
        return self.context["deel"]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Categorie.choices)))
    def get_gedeeld(self, casus) -> list[str]:
        return [code for code in Categorie.values if code in self._deel().toegestaan]

    @extend_schema_field(BetrokkeneSerializer(many=True, allow_null=True))
    def get_betrokkenen(self, casus):
        betrokkenen = self._deel().betrokkenen
        return None if betrokkenen is None else BetrokkeneSerializer(betrokkenen, many=True).data

    @extend_schema_field(GedeeldDoelSerializer(many=True, allow_null=True))
    def get_doelen(self, casus):
        doelen = self._deel().doelen
        return None if doelen is None else GedeeldDoelSerializer(doelen, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_afspraken(self, casus):
        afspraken = self._deel().afspraken
        return None if afspraken is None else [afspraak.omschrijving for afspraak in afspraken]

    @extend_schema_field(serializers.ChoiceField(choices=WEERGAVEN))
    def get_weergave(self, casus) -> str:
        return "deelnemer"


class CasusVolledigSerializer(_CasusMetActiesSerializer):
    """The regisseur side's view of the whole case."""

    buurt = serializers.CharField(source="buurt.code", allow_null=True, default=None, help_text="CBS-buurtcode.")
    betrokkenen = BetrokkeneSerializer(many=True)
    deelnemers = DeelnemerSerializer(many=True)
    signalen = CasusSignaalSerializer(many=True, source="casus_signalen")
    escalaties = EscalatieSerializer(many=True)
    verenigbaarheidsbesluiten = VerenigbaarheidsbesluitSerializer(many=True)

    class Meta(CasusLijstSerializer.Meta):
        fields = CasusLijstSerializer.Meta.fields + [
            "weergave",
            "verenigbaarheidsbesluiten",
            "omschrijving",
            "herkomst",
            "buurt",
            "laatste_activiteit_op",
            "betrokkenen",
            "deelnemers",
            "signalen",
            "interventies",
            "escalaties",
            "sluitreden",
            "evaluatie",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=WEERGAVEN))
    def get_weergave(self, casus) -> str:
        return "volledig"


class CasusInvoerSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200)
    aanpak = serializers.ChoiceField(choices=Aanpak.choices)
    doel = serializers.ChoiceField(
        choices=Verwerkingsdoel.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Doel van de verwerking (doelbinding). Leeg: afgeleid van de aanpak.",
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")
    herkomst = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Wie bracht de casus in, bijv. het Zorg- en Veiligheidshuis.",
    )
    buurt = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        default="",
        help_text="CBS-buurtcode; verplicht bij een gebiedsgerichte casus.",
    )


class SluitenSerializer(serializers.Serializer):
    resultaten = serializers.DictField(
        child=serializers.ChoiceField(choices=Doel.Resultaat.choices),
        required=False,
        default=dict,
        help_text="Per doel-id het resultaat; verplicht voor elk doel van de casus.",
    )
    sluitreden = serializers.ChoiceField(choices=Casus.Sluitreden.choices)
    evaluatie = serializers.CharField(allow_blank=True, help_text="Verplicht.")


# --- The plan ---------------------------------------------------------------------------------------


class PlanAnalyseSerializer(serializers.Serializer):
    leefgebied = serializers.CharField()
    tekst = serializers.CharField()


class PlanDoelSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    omschrijving = serializers.CharField()
    leefgebied = serializers.CharField(allow_blank=True)
    resultaat = serializers.ChoiceField(choices=Doel.Resultaat.choices, allow_blank=True, help_text="Na sluiten.")


class PlanInterventieSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    soort = serializers.CharField()
    familie = serializers.ChoiceField(choices=InterventieSoort.Familie.choices)
    omschrijving = serializers.CharField(allow_blank=True)
    doel = serializers.UUIDField(allow_null=True)
    organisatie = serializers.CharField()
    uitvoerder = serializers.CharField(allow_blank=True)
    deadline = serializers.DateField()
    status = serializers.ChoiceField(choices=Interventie.Status.choices)
    resultaat = serializers.CharField(allow_blank=True)
    impact_huishouden = serializers.CharField(allow_blank=True)
    opvang_gevolgen = serializers.CharField(allow_blank=True)


class PlanInhoudSerializer(serializers.Serializer):
    aanpak = serializers.ChoiceField(choices=Aanpak.choices)
    analyses = PlanAnalyseSerializer(many=True, help_text="Analyse per leefgebied.")
    doelen = PlanDoelSerializer(many=True)
    afspraken = serializers.ListField(child=serializers.CharField())
    interventies = PlanInterventieSerializer(many=True)


class PlanSerializer(PlanInhoudSerializer):
    weergave = serializers.SerializerMethodField()
    versie = serializers.IntegerField(help_text="Nummer van de huidige planversie.")
    gewijzigd_op = serializers.DateTimeField()

    @extend_schema_field(serializers.ChoiceField(choices=WEERGAVEN))
    def get_weergave(self, plan) -> str:
        return "volledig"


class PlanDeelnemerSerializer(serializers.Serializer):
    """A participating partner's view of the plan when a sharing decision includes "plan": the goals and
    the agreements, as on the partner's case page; not the analyses per leefgebied or other partners' actions."""

    weergave = serializers.SerializerMethodField()
    doelen = GedeeldDoelSerializer(many=True)
    afspraken = serializers.ListField(child=serializers.CharField())

    @extend_schema_field(serializers.ChoiceField(choices=WEERGAVEN))
    def get_weergave(self, plan) -> str:
        return "deelnemer"


class PlanVersieSerializer(serializers.ModelSerializer):
    gewijzigd_door = GebruikerRefSerializer()

    class Meta:
        model = PlanVersie
        fields = ["versie", "wijziging", "gewijzigd_door", "gewijzigd_op"]


class PlanVersieDetailSerializer(PlanVersieSerializer):
    inhoud = PlanInhoudSerializer(help_text="Het plan zoals het na deze wijziging luidde.")

    class Meta(PlanVersieSerializer.Meta):
        fields = PlanVersieSerializer.Meta.fields + ["inhoud"]


class OrganisatieSerializer(serializers.ModelSerializer):
    """An organisation of the gemeente: its id is what recipients (privacy check 2B, sharing decisions) and the owners
    of actions are named by."""

    class Meta:
        model = Organisatie
        fields = ["id", "naam", "soort"]


# --- Betrokkenen, deelnemers, goals, agreements and the analysis: the case page's forms over the API -----------
# Each input serializer converts and looks up what its web form does (ids of the gemeente's subjects, organisations,
# professionals and life domains; ``context["casus"]``) and reports every invalid field at once; the rules are the
# services'.


def _casus(serializer):
    return serializer.context["casus"]


class BetrokkeneGegevensSerializer(serializers.Serializer):
    """What the case records about a betrokkene, as on the web form."""

    rol = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="Bijv. moeder, zoon, groepslid, ronselaar, hotspotadres.",
    )
    dader = serializers.BooleanField(required=False)
    slachtoffer = serializers.BooleanField(required=False)
    problematiek = serializers.CharField(
        max_length=TEKST_MAX,
        required=False,
        allow_blank=True,
        help_text="De eigen problemen van deze betrokkene, bijv. schulden, verslaving, schooluitval.",
    )


class NieuwePersoonSerializer(PersoonInvoerSerializer):
    """A person entered by hand, checked by the intake rule (``subjects.services.validate_persoon``): every invalid
    part is named at once, also beside a part that does not parse (a date in the wrong format). Gives
    ``PersoonGegevens``."""

    PARTS = ("voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn")

    def to_internal_value(self, data):
        errors, value = {}, {}
        try:
            value = super().to_internal_value(data)
        except ValidationError as error:
            if not isinstance(data, Mapping) or not isinstance(error.detail, dict):
                raise
            errors = dict(error.detail)
            # The parts that did parse (as text), checked below with the rest; the others are named already.
            value = {
                part: data.get(part) if isinstance(data.get(part), str) else ""
                for part in self.PARTS
                if part not in errors and part != "geboortedatum"
            }
        gegevens = subject_services.PersoonGegevens(
            voornamen=value.get("voornamen") or "",
            tussenvoegsel=value.get("tussenvoegsel") or "",
            achternaam=value.get("achternaam") or "",
            geboortedatum=value.get("geboortedatum"),
            bsn=value.get("bsn") or "",
        )
        try:
            gegevens = subject_services.validate_persoon(gegevens, field="")
        except InvalidInput as error:
            for param in error.invalid_params:
                errors.setdefault(param["name"].lstrip("."), [ErrorDetail(param["reason"], code=param["code"])])
        if errors:
            raise ValidationError(errors)
        return gegevens


class BetrokkeneInvoerSerializer(BetrokkeneGegevensSerializer):
    """Exactly one of ``persoon``, ``adres``, ``rechtspersoon`` (the id of a known subject of the gemeente) or
    ``nieuwe_persoon`` (a person entered by hand, linked by the intake rule)."""

    persoon = serializers.UUIDField(required=False, allow_null=True, help_text="Id van een bekende persoon.")
    adres = serializers.UUIDField(required=False, allow_null=True, help_text="Id van een bekend adres.")
    rechtspersoon = serializers.UUIDField(
        required=False, allow_null=True, help_text="Id van een bekende onderneming of rechtspersoon."
    )
    nieuwe_persoon = NieuwePersoonSerializer(
        required=False,
        allow_null=True,
        help_text="Een persoon die niet bekend is: gekoppeld aan een bekende persoon als de gegevens sterk genoeg "
        "overeenkomen, anders nieuw (een mogelijke dubbele komt op de beoordelingslijst).",
    )

    KEUZES = ("persoon", "adres", "rechtspersoon", "nieuwe_persoon")

    def _subject(self, soort, value):
        if value is None:
            return None
        subject = SUBJECT_MODELS[soort].objects.filter(gemeente=_casus(self).gemeente, pk=value).first()
        if subject is None:
            raise serializers.ValidationError(_("Onbekend in uw gemeente."), code="onbekend")
        return subject

    def validate_persoon(self, value):
        return self._subject("persoon", value)

    def validate_adres(self, value):
        return self._subject("adres", value)

    def validate_rechtspersoon(self, value):
        return self._subject("rechtspersoon", value)

    def to_internal_value(self, data):
        errors, value = {}, None
        try:
            value = super().to_internal_value(data)
        except ValidationError as error:
            errors = dict(error.detail)
        if isinstance(data, Mapping):
            given = [name for name in self.KEUZES if data.get(name) is not None]
            if len(given) != 1:
                reason = _("Geef precies één van persoon, adres, rechtspersoon of nieuwe_persoon.")
                for name in given or self.KEUZES:
                    errors.setdefault(name, [ErrorDetail(reason, code="required" if not given else "invalid")])
        if errors:
            raise ValidationError(errors)
        return value


class DeelnemerInvoerSerializer(serializers.Serializer):
    organisatie = serializers.UUIDField(help_text="Id van een organisatie van de gemeente (`GET organisaties`).")
    gebruiker = UserIdField(help_text="Optioneel: id van de professional van die organisatie die deelneemt.")
    rol = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Bijv. woonconsulent, schuldhulpverlener, wijkagent.",
    )

    def validate_organisatie(self, value):
        organisatie = Organisatie.objects.filter(gemeente=_casus(self).gemeente, actief=True, pk=value).first()
        if organisatie is None:
            raise serializers.ValidationError(_("Onbekende organisatie."), code="onbekend")
        return organisatie

    def validate_gebruiker(self, value):
        if value is None:
            return None
        gebruiker = User.objects.filter(organisatie__gemeente=_casus(self).gemeente, is_active=True, pk=value).first()
        if gebruiker is None:
            raise serializers.ValidationError(_("Onbekende professional."), code="onbekend")
        return gebruiker


def _leefgebied(casus, code):
    leefgebied = Leefgebied.objects.filter(gemeente=casus.gemeente, actief=True, code=code).first()
    if leefgebied is None:
        raise serializers.ValidationError(_("Onbekend leefgebied."), code="onbekend")
    return leefgebied


class LeefgebiedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leefgebied
        fields = ["code", "naam"]


class CasusDoelSerializer(serializers.ModelSerializer):
    leefgebied = LeefgebiedSerializer(allow_null=True)
    resultaat = serializers.ChoiceField(choices=Doel.Resultaat.choices, allow_blank=True, help_text="Na sluiten.")

    class Meta:
        model = Doel
        fields = ["id", "omschrijving", "leefgebied", "resultaat", "aangemaakt_op"]


class DoelInvoerSerializer(serializers.Serializer):
    omschrijving = serializers.CharField(
        max_length=300,
        help_text="Concreet en toetsbaar, bijv. 'Schulden zijn in beeld en er is een betalingsregeling'.",
    )
    leefgebied = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text="Code van het leefgebied (`GET leefgebieden`); leeg: geen leefgebied.",
    )

    def validate_leefgebied(self, value):
        return _leefgebied(_casus(self), value) if value else None


class AfspraakSerializer(serializers.ModelSerializer):
    class Meta:
        model = Afspraak
        fields = ["id", "omschrijving", "aangemaakt_op"]


class AfspraakInvoerSerializer(serializers.Serializer):
    omschrijving = serializers.CharField(
        max_length=TEKST_MAX, help_text="Bijv. 'Het wijkteam is het eerste aanspreekpunt voor het gezin'."
    )


class LeefgebiedAnalyseSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    tekst = serializers.CharField(allow_blank=True, help_text="Leeg: nog geen analyse voor dit leefgebied.")


class PlanAnalyseWeergaveSerializer(serializers.Serializer):
    versie = serializers.IntegerField(help_text="Nummer van de huidige planversie.")
    leefgebieden = LeefgebiedAnalyseSerializer(many=True, help_text="Elk actief leefgebied met zijn analyse.")


class LeefgebiedAnalyseInvoerSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40, help_text="Code van het leefgebied (`GET leefgebieden`).")
    tekst = serializers.CharField(max_length=TEKST_MAX, allow_blank=True, help_text="Leeg: de analyse vervalt.")

    def validate_code(self, value):
        return _leefgebied(_casus(self), value)


class PlanAnalyseInvoerSerializer(serializers.Serializer):
    """Gives ``leefgebieden`` as ``{Leefgebied: text}``. A leefgebied named twice is refused, beside every other
    invalid item."""

    leefgebieden = LeefgebiedAnalyseInvoerSerializer(many=True, max_length=50)

    @staticmethod
    def _dubbel(data) -> set[int]:
        items = data.get("leefgebieden") if isinstance(data, Mapping) else None
        seen, dubbel = set(), set()
        for index, item in enumerate(items if isinstance(items, list) else []):
            code = item.get("code") if isinstance(item, Mapping) else None
            if isinstance(code, str) and code.strip():
                if code.strip() in seen:
                    dubbel.add(index)
                seen.add(code.strip())
        return dubbel

    def to_internal_value(self, data):
        reason = _("Dit leefgebied staat er al in.")
        try:
            value = super().to_internal_value(data)
        except ValidationError as error:
            # DRF gives the errors of a list's items by index: {1: {"code": [...]}}.
            items = error.detail.get("leefgebieden") if isinstance(error.detail, dict) else None
            if isinstance(items, dict) and all(isinstance(index, int) for index in items):
                for index in self._dubbel(data):
                    items.setdefault(index, {}).setdefault("code", [ErrorDetail(reason, code="dubbel")])
            raise
        if dubbel := self._dubbel(data):
            raise ValidationError(
                {"leefgebieden": {index: {"code": [ErrorDetail(reason, code="dubbel")]} for index in sorted(dubbel)}}
            )
        value["leefgebieden"] = {item["code"]: item["tekst"] for item in value["leefgebieden"]}
        return value
