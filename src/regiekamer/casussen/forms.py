"""Forms of the case pages. They convert input only; the rules are checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts.models import Organisatie, User
from regiekamer.casussen.models import Casus, Doel, Interventie, InterventieSoort, Leefgebied
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.core.forms import UtrechtFormMixin
from regiekamer.core.text import validate_zoekterm
from regiekamer.doelbinding.doelen import Doel as Verwerkingsdoel
from regiekamer.protocol.machine import Aanpak
from regiekamer.subjects.models import Buurt

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _date_widget():
    return forms.DateInput(attrs={"type": "date", "class": "rk-textbox--short"}, format="%Y-%m-%d")


def organisatie_choices(gemeente):
    return [
        (str(pk), naam)
        for pk, naam in Organisatie.objects.filter(gemeente=gemeente, actief=True)
        .order_by("naam")
        .values_list("pk", "naam")
    ]


def professional_choices(gemeente):
    """Every active user of the gemeente's organisations, labelled "Naam (Organisatie)"."""
    users = (
        User.objects.filter(organisatie__gemeente=gemeente, is_active=True)
        .select_related("organisatie")
        .order_by("organisatie__naam", "last_name", "first_name", "username")
    )
    return [(str(user.pk), f"{user} ({user.organisatie.naam})") for user in users]


def soort_choices(gemeente):
    """The intervention catalogue grouped by family (rendered as <optgroup>)."""
    groups = []
    soorten = InterventieSoort.objects.filter(gemeente=gemeente, actief=True)
    for familie, label in InterventieSoort.Familie.choices:
        options = [
            (soort.code, f"{soort.naam} ({_('repressief')})" if soort.repressief else soort.naam)
            for soort in soorten
            if soort.familie == familie
        ]
        if options:
            groups.append((label, options))
    return groups


# --- Lijst en nieuwe casus ---------------------------------------------------------------------


class CasusFilterForm(UtrechtFormMixin, forms.Form):
    STATUS_CHOICES = [
        ("open", _("Open casussen")),
        ("gesloten", _("Gesloten casussen")),
        ("alle", _("Open en gesloten")),
    ]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    aanpak = forms.ChoiceField(label=_("Aanpak"), choices=[("", _("Alle aanpakken")), *Aanpak.choices], required=False)
    mijn = forms.BooleanField(label=_("Alleen mijn casussen"), required=False)

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "status": data.get("status") or "open",
            "aanpak": data.get("aanpak") or "",
            "mijn": bool(data.get("mijn")),
        }


class NieuweCasusForm(UtrechtFormMixin, forms.Form):
    titel = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Kort en zonder bijzondere persoonsgegevens, bijv. 'Huishouden Kerkstraat'."),
    )
    aanpak = forms.ChoiceField(label=_("Aanpak"), choices=[("", _("Kies een aanpak")), *Aanpak.choices], required=False)
    doel = forms.ChoiceField(
        label=_("Doel van de verwerking"),
        choices=[("", _("Volgens de aanpak")), *Verwerkingsdoel.choices],
        required=False,
        help_text=_(
            "Waarvoor worden de gegevens in deze casus gebruikt? Signalen met een ander doel kunnen alleen na een "
            "verenigbaarheidsbesluit aan de casus worden gekoppeld."
        ),
    )
    herkomst = forms.CharField(
        label=_("Herkomst"),
        max_length=200,
        required=False,
        help_text=_("Wie bracht de casus in, bijv. het Zorg- en Veiligheidshuis."),
    )
    buurt = forms.ModelChoiceField(
        label=_("Buurt"),
        queryset=Buurt.objects.none(),
        required=False,
        empty_label=_("Geen buurt"),
        help_text=_("Verplicht bij een gebiedsgerichte casus."),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Waarom is deze casus nodig? Alleen wat nodig is voor de aanpak."),
    )
    verplicht = frozenset({"titel", "aanpak"})

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buurt"].queryset = Buurt.objects.filter(gemeente=gemeente).order_by("naam")


# --- Betrokkenen en deelnemers -----------------------------------------------------------------


class SubjectZoekForm(UtrechtFormMixin, forms.Form):
    """Searching persons, addresses and companies; posted, because a BSN may be typed."""

    q = forms.CharField(
        label=_("Zoek persoon, adres of onderneming"),
        min_length=2,
        max_length=100,
        validators=[validate_zoekterm],
        help_text=_("Naam, BSN, postcode, straat, onderneming of KvK-nummer."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    verplicht = frozenset({"q"})


class BetrokkeneGegevensForm(UtrechtFormMixin, forms.Form):
    rol = forms.CharField(
        label=_("Rol"),
        max_length=100,
        required=False,
        help_text=_("Bijv. moeder, zoon, groepslid, ronselaar, hotspotadres."),
    )
    dader = forms.BooleanField(label=_("Dader"), required=False)
    slachtoffer = forms.BooleanField(label=_("Slachtoffer"), required=False)
    problematiek = forms.CharField(
        label=_("Problematiek"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("De eigen problemen van deze betrokkene, bijv. schulden, verslaving, schooluitval."),
    )


class BetrokkeneToevoegenForm(BetrokkeneGegevensForm):
    """Add one of the found (or suggested) subjects. ``q`` carries the search term along in the body
    so the choices can be built again; it never goes into a URL."""

    q = forms.CharField(widget=forms.HiddenInput, required=False)
    subject = forms.ChoiceField(label=_("Wie voegt u toe?"), widget=forms.RadioSelect, required=False)
    field_order = ["q", "subject", "rol", "dader", "slachtoffer", "problematiek"]
    verplicht = frozenset({"subject"})

    def __init__(self, *args, subject_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subject_choices
        self.order_fields(self.field_order)
        self.apply_widget_classes()

    def clean_subject(self):
        value = self.cleaned_data.get("subject")
        if not value:
            raise forms.ValidationError(_("Kies de persoon, het adres of de onderneming die u toevoegt."))
        return value


class NieuwePersoonForm(BetrokkeneGegevensForm):
    """A person not found by searching: entered by hand and linked by the intake rule."""

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
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field_order = ["voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn", "rol", "dader", "slachtoffer"]
    verplicht = frozenset({"achternaam"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "nieuwe-persoon")
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)


class DeelnemerForm(UtrechtFormMixin, forms.Form):
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    gebruiker = forms.ChoiceField(
        label=_("Professional"),
        required=False,
        help_text=_("Optioneel: de persoon van die organisatie die deelneemt."),
    )
    rol = forms.CharField(
        label=_("Rol in de casus"),
        max_length=100,
        required=False,
        help_text=_("Bijv. woonconsulent, schuldhulpverlener, wijkagent."),
    )
    verplicht = frozenset({"organisatie"})

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        self.fields["organisatie"].choices = [("", _("Kies een organisatie")), *organisatie_choices(gemeente)]
        self.fields["gebruiker"].choices = [("", _("Geen specifieke persoon")), *professional_choices(gemeente)]

    def clean_organisatie(self):
        value = self.cleaned_data.get("organisatie")
        if not value:
            raise forms.ValidationError(_("Kies een organisatie."))
        organisatie = Organisatie.objects.filter(gemeente=self.gemeente, pk=value).first()
        if organisatie is None:
            raise forms.ValidationError(_("Onbekende organisatie."))
        return organisatie

    def clean_gebruiker(self):
        value = self.cleaned_data.get("gebruiker")
        if not value:
            return None
        gebruiker = User.objects.filter(organisatie__gemeente=self.gemeente, pk=value).first()
        if gebruiker is None:
            raise forms.ValidationError(_("Onbekende professional."))
        return gebruiker


# --- Plan van aanpak ---------------------------------------------------------------------------


class AnalyseForm(UtrechtFormMixin, forms.Form):
    """One textarea per active life domain."""

    def __init__(self, *args, gemeente, analyses: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.leefgebieden = list(Leefgebied.objects.filter(gemeente=gemeente, actief=True))
        for leefgebied in self.leefgebieden:
            self.fields[self.field_name(leefgebied)] = forms.CharField(
                label=leefgebied.naam,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=analyses.get(leefgebied.pk, ""),
            )
        self.apply_widget_classes()

    @staticmethod
    def field_name(leefgebied) -> str:
        return f"leefgebied_{leefgebied.code}"

    def teksten(self) -> dict[Leefgebied, str]:
        """The submitted text of every life domain on the form (``services.update_analyse`` saves the changed ones)."""
        data = self.cleaned_data
        return {leefgebied: data.get(self.field_name(leefgebied)) or "" for leefgebied in self.leefgebieden}


class DoelForm(UtrechtFormMixin, forms.Form):
    omschrijving = forms.CharField(
        label=_("Doel"),
        max_length=300,
        required=False,
        help_text=_("Concreet en toetsbaar, bijv. 'Schulden zijn in beeld en er is een betalingsregeling'."),
    )
    leefgebied = forms.ModelChoiceField(
        label=_("Leefgebied"), queryset=Leefgebied.objects.none(), required=False, empty_label=_("Geen leefgebied")
    )
    verplicht = frozenset({"omschrijving"})

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].queryset = Leefgebied.objects.filter(gemeente=gemeente, actief=True)


class AfspraakForm(UtrechtFormMixin, forms.Form):
    omschrijving = forms.CharField(
        label=_("Afspraak"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Bijv. 'Het wijkteam is het eerste aanspreekpunt voor het gezin'."),
    )
    verplicht = frozenset({"omschrijving"})


class InterventieForm(UtrechtFormMixin, forms.Form):
    soort = forms.ChoiceField(label=_("Interventie"), required=False)
    doel = forms.ChoiceField(label=_("Doel"), required=False, help_text=_("Het doel dat deze interventie dient."))
    eigenaar_organisatie = forms.ChoiceField(
        label=_("Uitvoerende organisatie"),
        required=False,
        help_text=_(
            "Heeft deze organisatie nog geen delingsbesluit in deze casus, dan wordt het kleinste vastgelegd "
            "(kopgegevens en eigen acties), zodat de uitvoerder de actie kan zien."
        ),
    )
    eigenaar = forms.ChoiceField(
        label=_("Uitvoerder"),
        required=False,
        help_text=_("Optioneel; de persoon werkt bij de uitvoerende organisatie."),
    )
    deadline = forms.DateField(
        label=_("Uiterste datum"), required=False, input_formats=DATE_INPUT_FORMATS, widget=_date_widget()
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    impact_huishouden = forms.CharField(
        label=_("Verwachte impact op het huishouden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Verplicht bij een repressieve interventie (zoals sluiting van een woning): "
            "wat betekent deze maatregel voor de bewoners, ook voor kinderen?"
        ),
    )
    opvang_gevolgen = forms.CharField(
        label=_("Wie vangt de gevolgen op"),
        max_length=300,
        required=False,
        help_text=_(
            "Verplicht bij een repressieve interventie: welke organisatie of persoon zorgt voor opvang en nazorg."
        ),
    )
    verplicht = frozenset({"soort", "eigenaar_organisatie", "deadline"})

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        gemeente = casus.gemeente
        self.fields["soort"].choices = [("", _("Kies een interventie")), *soort_choices(gemeente)]
        self.fields["doel"].choices = [
            ("", _("Geen doel")),
            *((str(doel.pk), doel.omschrijving) for doel in casus.doelen.all()),
        ]
        self.fields["eigenaar_organisatie"].choices = [("", _("Kies een organisatie")), *organisatie_choices(gemeente)]
        self.fields["eigenaar"].choices = [("", _("Geen specifieke persoon")), *professional_choices(gemeente)]

    def to_invoer(self) -> InterventieInvoer:
        data = self.cleaned_data
        return InterventieInvoer(
            soort=data.get("soort") or "",
            eigenaar_organisatie=data.get("eigenaar_organisatie") or "",
            deadline=data.get("deadline"),
            doel=data.get("doel") or None,
            eigenaar=data.get("eigenaar") or None,
            omschrijving=data.get("omschrijving") or "",
            impact_huishouden=data.get("impact_huishouden") or "",
            opvang_gevolgen=data.get("opvang_gevolgen") or "",
        )


class InterventieBijwerkenForm(UtrechtFormMixin, forms.Form):
    """Status and result of an action; the deadline field is only shown to the regisseur side
    (the service refuses a moved deadline from anyone else)."""

    status = forms.ChoiceField(label=_("Status"), choices=Interventie.Status.choices, required=False)
    resultaat = forms.CharField(
        label=_("Resultaat"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Verplicht bij afronden of stoppen."),
    )
    deadline = forms.DateField(
        label=_("Uiterste datum"), required=False, input_formats=DATE_INPUT_FORMATS, widget=_date_widget()
    )

    def __init__(self, *args, interventie, **kwargs):
        kwargs.setdefault("prefix", f"actie-{interventie.pk}")
        kwargs.setdefault(
            "initial",
            {"status": interventie.status, "resultaat": interventie.resultaat, "deadline": interventie.deadline},
        )
        super().__init__(*args, **kwargs)
        self.interventie = interventie


# --- Escalatie, bespreking, sluiten ------------------------------------------------------------


class OpvolgingForm(UtrechtFormMixin, forms.Form):
    opvolging = forms.CharField(
        label=_("Opvolging"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Wat is er gedaan of afgesproken? Daarmee is de escalatie afgehandeld."),
    )
    verplicht = frozenset({"opvolging"})

    def __init__(self, *args, escalatie, **kwargs):
        kwargs.setdefault("prefix", f"escalatie-{escalatie.pk}")
        super().__init__(*args, **kwargs)
        self.escalatie = escalatie


class BesprekingForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Waarom moet de casus besproken worden?"),
        max_length=300,
        required=False,
        help_text=_("De casus komt op de agenda van het volgende overleg."),
    )
    verplicht = frozenset({"reden"})


class SluitenForm(UtrechtFormMixin, forms.Form):
    sluitreden = forms.ChoiceField(
        label=_("Reden van sluiten"), choices=Casus.Sluitreden.choices, widget=forms.RadioSelect, required=False
    )
    evaluatie = forms.CharField(
        label=_("Evaluatie"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Wat werkte, wat niet, en wat leert het team hiervan?"),
    )

    def __init__(self, *args, doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        resultaat_fields = {}
        for doel in self.doelen:
            resultaat_fields[self.field_name(doel)] = forms.ChoiceField(
                label=_("Resultaat: %(doel)s") % {"doel": doel.omschrijving},
                choices=Doel.Resultaat.choices,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields = {**resultaat_fields, **self.fields}
        self.verplicht = frozenset({"sluitreden", "evaluatie", *resultaat_fields})
        self.apply_widget_classes()

    @staticmethod
    def field_name(doel) -> str:
        return f"resultaat_{doel.pk}"

    def resultaten(self) -> dict[str, str]:
        return {str(doel.pk): self.cleaned_data.get(self.field_name(doel)) or "" for doel in self.doelen}
