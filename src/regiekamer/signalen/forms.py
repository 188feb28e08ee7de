"""Forms of the signal pages. They convert input only; the rules are checked by the services."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts.models import Organisatie
from regiekamer.bronnen.registry import connectors
from regiekamer.core.forms import MultipleFileField, UtrechtFormMixin
from regiekamer.core.text import validate_zoekterm
from regiekamer.doelbinding.doelen import Doel as Verwerkingsdoel
from regiekamer.protocol.machine import Aanpak, Status, WegingSoort
from regiekamer.protocol.services import WegingInvoer, instellingen
from regiekamer.signalen.models import AnoniemeBron, Fenomeen, Indicator
from regiekamer.signalen.selectors import MIJN, NIEMAND, VOLGORDES, WerkvoorraadFilter
from regiekamer.subjects.models import Buurt
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

STAPPEN = [
    (1, _("Stap 1 · ontvangst en intake")),
    (2, _("Stap 2 · zwaarte bepalen")),
    (3, _("Stap 3 · bronnenonderzoek")),
    (4, _("Stap 4 · signaaloverleg en aanpak")),
]
STAP_LABELS = dict(STAPPEN)


def fenomeen_choices(gemeente):
    return list(Fenomeen.objects.filter(gemeente=gemeente, actief=True).order_by("naam").values_list("code", "naam"))


def indicator_groups(gemeente, fenomeen_codes=None, first_codes=()):
    """Indicators as ``[(group label, [(code, omschrijving, indicator), ...]), ...]``: anchoring indicators first,
    then the red flags per phenomenon (``first_codes`` phenomena first). With ``fenomeen_codes`` only
    the red flags of those phenomena are listed."""
    indicatoren = Indicator.objects.filter(gemeente=gemeente, actief=True).select_related("fenomeen")
    anchoring = [(i.code, i.omschrijving, i) for i in indicatoren if i.soort == Indicator.Soort.VERANKERING]
    per_fenomeen: dict = {}
    for indicator in indicatoren:
        if indicator.soort == Indicator.Soort.VERANKERING or indicator.fenomeen is None:
            continue
        if indicator.fenomeen.actief and (fenomeen_codes is None or indicator.fenomeen.code in fenomeen_codes):
            per_fenomeen.setdefault(indicator.fenomeen, []).append((indicator.code, indicator.omschrijving, indicator))
    fenomenen = sorted(per_fenomeen, key=lambda f: (f.code not in first_codes, f.naam))
    groups = [(Indicator.Soort.VERANKERING.label, anchoring)] if anchoring else []
    groups += [(_("Rode vlaggen: %(fenomeen)s") % {"fenomeen": f.naam}, per_fenomeen[f]) for f in fenomenen]
    return groups


def all_choices(groups):
    return [(code, label) for _label, options in groups for code, label, _indicator in options]


class WerkvoorraadFilterForm(UtrechtFormMixin, forms.Form):
    """Filters of the worklist (GET, so they can be bookmarked). There is deliberately no free-text
    field here: a typed BSN would land in the URL. Free text goes to the search page, which posts."""

    stap = forms.TypedChoiceField(
        label=_("Stap"), choices=[("", _("Alle stappen")), *STAPPEN], coerce=int, empty_value=None, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Alle statussen")), *Status.choices], required=False)
    fenomeen = forms.ChoiceField(label=_("Fenomeen"), required=False)
    buurt = forms.ChoiceField(label=_("Buurt"), required=False)
    organisatie = forms.ChoiceField(label=_("Meldende organisatie"), required=False)
    behandelaar = forms.ChoiceField(
        label=_("Behandelaar"),
        choices=[("", _("Iedereen")), (MIJN, _("Mijn werkvoorraad")), (NIEMAND, _("Nog niet toegewezen"))],
        required=False,
    )
    te_laat = forms.BooleanField(label=_("Alleen te laat (termijn van de huidige stap verstreken)"), required=False)
    volgorde = forms.ChoiceField(
        choices=[("", "")] + [(code, code) for code in VOLGORDES], required=False, widget=forms.HiddenInput
    )
    afgerond = forms.BooleanField(label=_("Toon ook afgeronde signalen"), required=False)

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fenomeen"].choices = [("", _("Alle fenomenen")), *fenomeen_choices(gemeente)]
        self.fields["buurt"].choices = [
            ("", _("Alle buurten")),
            *((str(pk), naam) for pk, naam in Buurt.objects.filter(gemeente=gemeente).values_list("pk", "naam")),
        ]
        self.fields["organisatie"].choices = [
            ("", _("Alle organisaties")),
            *((str(pk), naam) for pk, naam in Organisatie.objects.filter(gemeente=gemeente).values_list("pk", "naam")),
        ]

    def as_query(self) -> str:
        """The chosen filters as a query string (the valid ones only, in a fixed order)."""
        query = QueryDict(mutable=True)
        for name, value in (self.cleaned_data if self.is_bound else {}).items():
            if value is True:
                query[name] = "on"
            elif value not in (None, "", False):
                query[name] = str(value)
        return query.urlencode()

    def to_filter(self) -> WerkvoorraadFilter:
        data = self.cleaned_data if self.is_bound else {}
        return WerkvoorraadFilter(
            stap=data.get("stap"),
            status=data.get("status") or "",
            fenomeen=data.get("fenomeen") or "",
            buurt=data.get("buurt") or "",
            organisatie=data.get("organisatie") or "",
            te_laat=bool(data.get("te_laat")),
            open_only=not data.get("afgerond"),
            behandelaar=data.get("behandelaar") or "",
            volgorde=data.get("volgorde") or "",
        )


class ZoekForm(UtrechtFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Zoekterm"),
        min_length=2,
        max_length=100,
        validators=[validate_zoekterm],
        help_text=_("Signaalnummer, naam, BSN, postcode, straat, onderneming, KvK-nummer of kenteken."),
    )
    verplicht = frozenset({"q"})


# Outcomes after which a signal is referred or handed to someone: record to whom.
REFERRAL_OUTCOMES = frozenset(
    {"geen-gemeentelijke-taak", "ander-grondgebied", "doorzetten-afdeling", "doorzetten-riec"}
)


# What privacy check 2A and 2B usually record, proposed for the regisseur to confirm or change.
VOORSTEL_GEGEVENS_2A = _(
    "Het signaal, de betrokkenen en de resultaten van het bronnenonderzoek, voor zover nodig voor het signaaloverleg."
)
VOORSTEL_DOEL = {
    WegingSoort.PRIVACYCHECK_2A: _("Bespreking in het signaaloverleg om tot een aanpak te komen."),
    WegingSoort.PRIVACYCHECK_2B: _("Uitvoering van de aanpak door de partners die een rol krijgen."),
}


class WegingForm(UtrechtFormMixin, forms.Form):
    """The form for one kind of weging, built from its definition in ``protocol.machine``."""

    weging = forms.CharField(widget=forms.HiddenInput)
    corrigeert = forms.CharField(widget=forms.HiddenInput, required=False)

    voorstel = ""  # why an outcome is proposed, shown with the choice

    def _stel_voor(self, definition, signaal, outcomes) -> None:
        """Propose what the system already knows; the regisseur confirms or changes it. One possible outcome is
        chosen already; weging 2B proposes the own territory when the signal's address lies in a buurt of the
        gemeente."""
        if definition is None:
            return
        codes = [outcome.code for outcome in outcomes]
        if definition.soort == WegingSoort.PRIVACYCHECK_1:
            self._stel_bronnen_voor(signaal)
        if len(codes) == 1:
            self.initial.setdefault("uitkomst", codes[0])
        elif definition.soort == WegingSoort.WEGING_2B and signaal.buurt_id and "eigen-grondgebied" in codes:
            self.initial.setdefault("uitkomst", "eigen-grondgebied")
            self.voorstel = _("Voorgesteld: het adres van het signaal ligt in buurt %(buurt)s van uw gemeente.") % {
                "buurt": signaal.buurt.naam
            }

    def _stel_bronnen_voor(self, signaal) -> None:
        """Privacy check 1 proposes the sources its phenomena usually need (``Fenomeen.bronnen``)."""
        bekend = connectors()
        fenomenen = [fenomeen for fenomeen in signaal.fenomenen.all() if fenomeen.bron_codes]
        codes = list(dict.fromkeys(code for fenomeen in fenomenen for code in fenomeen.bron_codes if code in bekend))
        if not codes:
            return
        self.initial.setdefault("bronnen", codes)
        self.voorstel = _(
            "Voorgesteld bij %(fenomenen)s: %(bronnen)s. Vink uit wat voor dit signaal niet nodig is."
        ) % {
            "fenomenen": ", ".join(fenomeen.naam for fenomeen in fenomenen),
            "bronnen": ", ".join(bekend[code].naam for code in codes),
        }

    def __init__(self, *args, definition, signaal, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.grondslag_keuzes = []
        self.indicator_groups = []
        self.extra_indicator_groups = []
        verplicht = {"uitkomst", "toelichting"}
        outcomes = definition.outcomes if definition else ()
        if definition is not None:
            self.fields["weging"].initial = definition.soort.value
        self.fields["uitkomst"] = forms.ChoiceField(
            label=_("Uitkomst"),
            choices=[(outcome.code, outcome.label) for outcome in outcomes],
            widget=forms.RadioSelect,
            required=False,
        )
        self._stel_voor(definition, signaal, outcomes)
        self.fields["toelichting"] = forms.CharField(
            label=_("Toelichting (motivering)"),
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            help_text=_("Waarom komt u tot deze uitkomst? De toelichting wordt vastgelegd en is later terug te lezen."),
        )
        if definition is not None and definition.requires_grondslag:
            verplicht.add("grondslag")
            self.grondslag_keuzes = instellingen(signaal.gemeente).grondslag_keuzes
            self.fields["grondslag"] = forms.CharField(
                label=_("Grondslag"),
                max_length=300,
                required=False,
                widget=forms.TextInput(attrs={"list": f"{self.prefix or 'weging'}-grondslagen", "autocomplete": "off"}),
                help_text=_(
                    "De taak of bevoegdheid waarop dit berust. Kies uit de lijst van uw gemeente of typ een andere."
                ),
            )
            # The legal basis of the step before, to confirm or change: typed once per signal, not per step.
            vorige = (
                signaal.wegingen.exclude(grondslag="").order_by("-vastgelegd_op").values_list("grondslag", flat=True)
            )
            if vorige_grondslag := next(iter(vorige[:1]), ""):
                self.initial.setdefault("grondslag", vorige_grondslag)
        if REFERRAL_OUTCOMES & {outcome.code for outcome in outcomes}:
            self.fields["ontvanger"] = forms.CharField(
                label=_("Verwezen / doorgezet naar"),
                max_length=200,
                required=False,
                help_text=_("Alleen bij verwijzen of doorzetten: naar welke instantie, afdeling of persoon."),
            )
        soort = definition.soort if definition else None
        if soort == WegingSoort.WEGING_1:
            own = {f.code for f in signaal.fenomenen.all()}
            groups = indicator_groups(signaal.gemeente)
            own_groups = {label for label, _options in indicator_groups(signaal.gemeente, own)}
            # Anchoring and the red flags of the signal's own phenomena first; the rest folded away.
            self.indicator_groups = [group for group in groups if group[0] in own_groups]
            self.extra_indicator_groups = [group for group in groups if group[0] not in own_groups]
            self.fields["indicatoren"] = forms.MultipleChoiceField(
                label=_("Indicatoren"),
                choices=all_choices(groups),
                required=False,
                help_text=_(
                    "Ten minste één indicator van situationele en lokale verankering, daarna de rode vlaggen. "
                    "Aangevinkt zijn de indicatoren die de melder koos."
                ),
            )
            self.initial.setdefault("indicatoren", [i.code for i in signaal.indicatoren.all()])
        if soort == WegingSoort.PRIVACYCHECK_1:
            self.fields["bronnen"] = forms.MultipleChoiceField(
                label=_("Bronnen die geraadpleegd mogen worden"),
                choices=[(code, connector.naam) for code, connector in connectors().items()],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Alleen de bronnen die voor dit signaal nodig zijn."),
            )
        if soort == WegingSoort.PRIVACYCHECK_2A:
            self.fields["gegevens"] = forms.CharField(
                label=_("Gegevens die gedeeld mogen worden"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                help_text=_("Verplicht bij 'delen'. Noem de gegevens zo precies mogelijk."),
            )
            self.initial.setdefault("gegevens", VOORSTEL_GEGEVENS_2A)
        if soort == WegingSoort.PRIVACYCHECK_2B:
            self.fields["gegevens"] = forms.CharField(
                label=_("Toelichting op wat gedeeld wordt"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                help_text=_("Optioneel. Wat de ontvangers zien, bepalen de onderdelen hieronder."),
            )
        if soort in (WegingSoort.PRIVACYCHECK_2A, WegingSoort.PRIVACYCHECK_2B):
            self.fields["doel"] = forms.CharField(
                label=_("Doel van het delen"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.initial.setdefault("doel", VOORSTEL_DOEL[soort])
        if soort == WegingSoort.PRIVACYCHECK_2B:
            self.fields["ontvangers"] = forms.MultipleChoiceField(
                label=_("Organisaties waarmee gedeeld mag worden"),
                choices=[
                    (str(pk), naam)
                    for pk, naam in Organisatie.objects.filter(gemeente=signaal.gemeente, actief=True).values_list(
                        "pk", "naam"
                    )
                ],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Verplicht bij 'delen'."),
            )
            from regiekamer.delen.models import MINIMAAL, Categorie

            self.fields["categorieen"] = forms.MultipleChoiceField(
                label=_("Wat van de casus de ontvangers zien"),
                choices=Categorie.choices,
                initial=list(MINIMAAL),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_(
                    "Per ontvanger wordt een delingsbesluit vastgelegd. De kopgegevens horen er altijd bij; "
                    "zonder keuze alleen de kopgegevens en de eigen acties."
                ),
            )
        if soort == WegingSoort.AANPAK:
            self.fields["aanpak"] = forms.ChoiceField(
                label=_("Aanpak"),
                choices=[("", _("Kies een aanpak")), *Aanpak.choices],
                required=False,
                help_text=_("Verplicht bij 'casus starten'."),
            )
        self.verplicht = frozenset(verplicht)
        self.apply_widget_classes()

    def extra_indicators_open(self) -> bool:
        """Whether a ticked indicator sits in the folded-away groups (then they are shown open)."""
        if "indicatoren" not in self.fields:
            return False
        selected = set(self["indicatoren"].value() or [])
        return any(
            code in selected for _label, options in self.extra_indicator_groups for code, _text, _indicator in options
        )

    def to_invoer(self) -> WegingInvoer:
        data = self.cleaned_data
        return WegingInvoer(
            weging=data.get("weging", ""),
            uitkomst=data.get("uitkomst") or "",
            toelichting=data.get("toelichting") or "",
            grondslag=data.get("grondslag") or "",
            ontvanger=data.get("ontvanger") or "",
            indicatoren=list(data.get("indicatoren") or []),
            bronnen=list(data.get("bronnen") or []),
            gegevens=data.get("gegevens") or "",
            doel=data.get("doel") or "",
            ontvangers=list(data.get("ontvangers") or []),
            categorieen=list(data.get("categorieen") or []),
            aanpak=data.get("aanpak") or "",
            corrigeert=data.get("corrigeert") or None,
        )


class BijlageForm(UtrechtFormMixin, forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"),
        required=True,
        error_messages={"required": _("Kies een bestand om toe te voegen.")},
        help_text=_("PDF, JPG, PNG, TXT of DOCX."),
    )
    verplicht = frozenset({"bestand"})


class MeldingForm(UtrechtFormMixin, forms.Form):
    """The partner report form (without the persons and addresses, which are formsets)."""

    melder_titel = forms.CharField(
        label=_("Korte titel voor uzelf"),
        max_length=80,
        required=False,
        help_text=_(
            "Optioneel. Alleen u ziet deze titel, in Mijn meldingen; zo herkent u uw melding terug. "
            "Bijvoorbeeld 'Hennepgeur flat Dorpsstraat'."
        ),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 7}),
        required=False,
        help_text=_("Beschrijf wat u zag of hoorde, wanneer en waar. Geen vermoedens als feiten."),
    )
    fenomenen = forms.MultipleChoiceField(
        label=_("Fenomenen"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kies ten minste één fenomeen waar het signaal over gaat."),
    )
    indicatoren = forms.MultipleChoiceField(
        label=_("Indicatoren"),
        required=False,
        help_text=_("Vink aan wat u heeft gezien. Niet zeker? Laat het dan open."),
    )
    anonieme_bron = forms.ChoiceField(
        label=_("Anonieme bron"),
        choices=[("", _("Nee, het signaal komt niet van een anonieme bron")), *AnoniemeBron.choices],
        required=False,
        help_text=_("Kies dit als u een anonieme melding doorgeeft, bijvoorbeeld van Meld Misdaad Anoniem."),
    )
    doel = forms.ChoiceField(
        label=_("Doel waarvoor u de gegevens heeft verzameld"),
        choices=[("", _("Zoals gebruikelijk voor mijn organisatie")), *Verwerkingsdoel.choices],
        required=False,
        help_text=_(
            "Bijvoorbeeld zorg en ondersteuning als u het zag in uw werk als hulpverlener. De gegevens worden "
            "alleen voor een ander doel gebruikt na een vastgelegd verenigbaarheidsbesluit."
        ),
    )
    locatie = forms.CharField(
        label=_("Locatie"),
        max_length=250,
        required=False,
        help_text=_("Plaats van het signaal als er geen adres is, bijv. 'hangplek bij de speeltuin'."),
    )
    buurt = forms.ChoiceField(
        label=_("Buurt"),
        required=False,
        help_text=_("Bij een signaal zonder adres: in welke buurt speelt het?"),
    )
    rechtspersoon_naam = forms.CharField(label=_("Naam onderneming of organisatie"), max_length=200, required=False)
    rechtspersoon_kvk = forms.CharField(
        label=_("KvK-nummer"), max_length=8, required=False, help_text=_("Acht cijfers, als u het weet.")
    )
    kenteken = forms.CharField(label=_("Kenteken"), max_length=10, required=False)
    bijlagen = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_("PDF, JPG, PNG, TXT of DOCX, maximaal 10 MB per bestand. U kunt meerdere bestanden kiezen."),
    )
    verplicht = frozenset({"omschrijving", "fenomenen"})

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        self.fields["fenomenen"].choices = fenomeen_choices(gemeente)
        self.fields["indicatoren"].choices = all_choices(indicator_groups(gemeente))
        self.fields["buurt"].choices = [("", _("Onbekend of niet van toepassing"))] + list(
            Buurt.objects.filter(gemeente=gemeente).order_by("naam").values_list("code", "naam")
        )
        self.fields["kenteken"].widget.attrs.update({"autocomplete": "off", "class": "rk-textbox--short"})
        self.fields["rechtspersoon_kvk"].widget.attrs.update({"inputmode": "numeric", "class": "rk-textbox--short"})

    def shown_indicator_groups(self):
        """All indicator groups, or only those of the ticked phenomena (the HTMX filter does the same)."""
        codes = self["fenomenen"].value() or None
        return indicator_groups(self.gemeente, codes)


class PersoonForm(UtrechtFormMixin, forms.Form):
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200, required=False)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200, required=False)
    geboortedatum = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        help_text=_("Alleen als u het burgerservicenummer kent; negen cijfers."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": "rk-textbox--short"}),
    )
    verplicht = frozenset({"achternaam"})

    def to_gegevens(self) -> PersoonGegevens:
        data = self.cleaned_data
        return PersoonGegevens(
            voornamen=data.get("voornamen") or "",
            tussenvoegsel=data.get("tussenvoegsel") or "",
            achternaam=data.get("achternaam") or "",
            geboortedatum=data.get("geboortedatum"),
            bsn=data.get("bsn") or "",
        )


class AdresForm(UtrechtFormMixin, forms.Form):
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "utrecht-textbox--postal-code-nl-size"}),
    )
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"),
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "utrecht-textbox--house-number-size"}
        ),
    )
    huisletter = forms.CharField(
        label=_("Huisletter"),
        max_length=1,
        required=False,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox--house-letter-size"}),
    )
    toevoeging = forms.CharField(
        label=_("Toevoeging"),
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox--house-addition-size"}),
    )
    verplicht = frozenset({"postcode", "huisnummer"})

    def to_gegevens(self) -> AdresGegevens:
        data = self.cleaned_data
        return AdresGegevens(
            postcode=data.get("postcode") or "",
            huisnummer=data.get("huisnummer"),
            huisletter=data.get("huisletter") or "",
            toevoeging=data.get("toevoeging") or "",
        )


PersoonFormSet = forms.formset_factory(PersoonForm, extra=1, max_num=20)
AdresFormSet = forms.formset_factory(AdresForm, extra=1, max_num=20)
