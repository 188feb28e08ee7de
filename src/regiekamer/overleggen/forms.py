"""Forms of the meeting pages. They convert input only; the rules are checked by the services."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts.models import Organisatie, User
from regiekamer.casussen.models import Casus, InterventieSoort
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.core.forms import UtrechtFormMixin
from regiekamer.overleggen.models import Agendapunt, Overleg

DATE_WIDGET_ATTRS = {"type": "date", "class": "rk-textbox--short"}


def gebruiker_label(user) -> str:
    """ "Naam — Organisatie", how people are picked in these forms."""
    naam = user.get_full_name() or user.username
    return f"{naam} — {user.organisatie.naam}" if user.organisatie_id else naam


def gebruikers_van(gemeente):
    return (
        User.objects.filter(organisatie__gemeente=gemeente, is_active=True)
        .select_related("organisatie")
        .order_by("organisatie__naam", "last_name", "first_name", "username")
    )


class OverlegForm(UtrechtFormMixin, forms.Form):
    soort = forms.ChoiceField(label=_("Soort overleg"), required=False)
    titel = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld 'Casusoverleg Centrum, maart'."),
    )
    datum = forms.DateField(
        label=_("Datum"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs=DATE_WIDGET_ATTRS, format="%Y-%m-%d"),
    )
    tijd = forms.TimeField(
        label=_("Aanvang"),
        required=False,
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time", "class": "rk-textbox--short"}, format="%H:%M"),
    )
    deelnemers = forms.MultipleChoiceField(
        label=_("Deelnemers"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Wie zijn uitgenodigd? Zij krijgen een notificatie en zien alleen de casussen waarin zij deelnemen."
        ),
    )
    verplicht = frozenset({"soort", "titel", "datum", "tijd"})

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Kies een soort")), *Overleg.Soort.choices]
        self.fields["deelnemers"].choices = [(str(user.pk), gebruiker_label(user)) for user in gebruikers_van(gemeente)]

    def aanvang(self) -> dt.datetime | None:
        """Date and time together as an aware moment, or None when either is missing."""
        datum, tijd = self.cleaned_data.get("datum"), self.cleaned_data.get("tijd")
        if datum is None or tijd is None:
            return None
        return timezone.make_aware(dt.datetime.combine(datum, tijd))


class AgendapuntForm(UtrechtFormMixin, forms.Form):
    """Put an open case on the agenda by hand."""

    casus = forms.ChoiceField(label=_("Casus"), required=False)
    reden = forms.ChoiceField(
        label=_("Reden"), choices=Agendapunt.Reden.choices, initial=Agendapunt.Reden.AANGEVRAAGD, required=False
    )
    verplicht = frozenset({"casus"})

    def __init__(self, *args, overleg, **kwargs):
        kwargs.setdefault("prefix", "toevoegen")
        super().__init__(*args, **kwargs)
        open_cases = (
            Casus.objects.filter(gemeente=overleg.gemeente, status=Casus.Status.OPEN)
            .exclude(agendapunten__overleg=overleg)
            .order_by("nummer")
        )
        self.fields["casus"].choices = [
            ("", _("Kies een open casus")),
            *((str(casus.pk), f"{casus.nummer} — {casus.titel}") for casus in open_cases),
        ]

    def casus_obj(self, overleg):
        pk = self.cleaned_data.get("casus")
        if not pk:
            return None
        return Casus.objects.filter(gemeente=overleg.gemeente, status=Casus.Status.OPEN, pk=pk).first()


class NotulenForm(UtrechtFormMixin, forms.Form):
    notulen = forms.CharField(
        label=_("Notulen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Wat is er over deze casus besproken? Alleen wat nodig is voor de aanpak."),
    )
    besluiten = forms.CharField(label=_("Besluiten"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


def soort_choices(gemeente):
    """The active catalogue grouped by family, for a <select> with <optgroup>s."""
    groups: dict = {}
    for soort in InterventieSoort.objects.filter(gemeente=gemeente, actief=True).order_by("familie", "naam"):
        groups.setdefault(soort.familie, []).append((soort.code, soort.naam))
    labels = dict(InterventieSoort.Familie.choices)
    ordered = [familie for familie in InterventieSoort.Familie.values if familie in groups]
    return [("", _("Kies een interventie")), *((labels[familie], groups[familie]) for familie in ordered)]


class ActiepuntForm(UtrechtFormMixin, forms.Form):
    """One action point from the meeting; it becomes an intervention in the case's plan."""

    soort = forms.ChoiceField(label=_("Interventie"), required=False)
    organisatie = forms.ChoiceField(label=_("Uitvoerende organisatie"), required=False)
    uitvoerder = forms.ChoiceField(
        label=_("Uitvoerder"), required=False, help_text=_("Optioneel: een persoon van die organisatie.")
    )
    deadline = forms.DateField(
        label=_("Uiterste datum"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs=DATE_WIDGET_ATTRS, format="%Y-%m-%d"),
    )
    doel = forms.ChoiceField(label=_("Doel"), required=False, help_text=_("Optioneel: het doel van het plan."))
    omschrijving = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    impact_huishouden = forms.CharField(
        label=_("Verwachte impact op het huishouden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Verplicht bij een repressieve interventie, zoals sluiting van een woning."),
    )
    opvang_gevolgen = forms.CharField(
        label=_("Wie vangt de gevolgen op"),
        max_length=300,
        required=False,
        help_text=_("Verplicht bij een repressieve interventie."),
    )

    def __init__(self, *args, soorten, organisaties, gebruikers, doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = soorten
        self.fields["organisatie"].choices = organisaties
        self.fields["uitvoerder"].choices = gebruikers
        self.fields["doel"].choices = doelen

    def to_invoer(self) -> InterventieInvoer:
        data = self.cleaned_data
        return InterventieInvoer(
            soort=data.get("soort") or "",
            eigenaar_organisatie=data.get("organisatie") or "",
            deadline=data.get("deadline"),
            doel=data.get("doel") or None,
            eigenaar=data.get("uitvoerder") or None,
            omschrijving=data.get("omschrijving") or "",
            impact_huishouden=data.get("impact_huishouden") or "",
            opvang_gevolgen=data.get("opvang_gevolgen") or "",
        )


def actiepunt_options(gemeente) -> dict:
    """The choices of an action point row that are the same for every case of the gemeente; build them
    once for a page with many agenda items."""
    organisaties = Organisatie.objects.filter(gemeente=gemeente, actief=True).order_by("naam")
    return {
        "soorten": soort_choices(gemeente),
        "organisaties": [("", _("Kies een organisatie")), *((str(o.pk), o.naam) for o in organisaties)],
        "gebruikers": [
            ("", _("Geen persoon, de organisatie")),
            *((str(user.pk), gebruiker_label(user)) for user in gebruikers_van(gemeente)),
        ],
    }


class BaseActiepuntFormSet(forms.BaseFormSet):
    def __init__(self, *args, casus, options=None, **kwargs):
        self.form_options = {
            **(options or actiepunt_options(casus.gemeente)),
            "doelen": [
                ("", _("Geen doel gekozen")),
                *((str(doel.pk), doel.omschrijving) for doel in casus.doelen.all()),
            ],
        }
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **self.form_options}

    def filled_forms(self) -> list[tuple[int, ActiepuntForm]]:
        """The rows that were filled in, with their position; empty rows are left out."""
        return [(index, form) for index, form in enumerate(self.forms) if form.has_changed()]


ActiepuntFormSet = forms.formset_factory(
    ActiepuntForm, formset=BaseActiepuntFormSet, extra=3, max_num=3, absolute_max=3, validate_max=True
)

# Service field names of an intervention and the field of ActiepuntForm they belong to.
ACTIEPUNT_FIELDS = {"eigenaar_organisatie": "organisatie", "eigenaar": "uitvoerder"}
