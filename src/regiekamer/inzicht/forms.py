"""The filter form of the dashboards. It only renders and carries the values: ``inzicht.filters.parse`` decides
what is valid, for the pages and the API alike, and its refusals are put back on these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regiekamer.core.forms import UtrechtFormMixin


class MonthInput(forms.TextInput):
    input_type = "month"


class FilterForm(UtrechtFormMixin, forms.Form):
    van = forms.CharField(label=_("Van (maand)"), required=False, widget=MonthInput, help_text=_("JJJJ-MM"))
    tot = forms.CharField(label=_("Tot en met (maand)"), required=False, widget=MonthInput, help_text=_("JJJJ-MM"))
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)
    buurt = forms.ChoiceField(label=_("Buurt"), required=False)
    fenomeen = forms.ChoiceField(label=_("Fenomeen"), required=False)

    def __init__(self, *args, gemeente, **kwargs):
        from regiekamer.signalen.models import Fenomeen
        from regiekamer.subjects.models import Buurt

        super().__init__(*args, **kwargs)
        buurten = list(Buurt.objects.filter(gemeente=gemeente).order_by("code").values_list("code", "naam", "wijk"))
        wijken: dict[str, str] = {}
        for code, _naam, wijk in buurten:
            wijken.setdefault(f"WK{code[2:8]}", wijk or f"WK{code[2:8]}")
        self.fields["wijk"].choices = [("", _("Alle wijken")), *sorted(wijken.items(), key=lambda item: item[1])]
        self.fields["buurt"].choices = [
            ("", _("Alle buurten")),
            *sorted({(code, naam) for code, naam, _w in buurten}, key=lambda item: item[1]),
        ]
        self.fields["fenomeen"].choices = [
            ("", _("Alle fenomenen")),
            *Fenomeen.objects.filter(gemeente=gemeente).order_by("naam").values_list("code", "naam"),
        ]

    def clean(self):
        # Choice validation is left to inzicht.filters.parse (one place for the rules); keep what was sent.
        return {name: self.data.get(name, "") for name in self.fields}

    def _clean_fields(self):
        self.cleaned_data = {}


class BeeldKeuzeForm(UtrechtFormMixin, forms.Form):
    """The choice of area and period for the ondermijningsbeeld."""

    gebied = forms.ChoiceField(label=_("Gebied"), help_text=_("De hele gemeente, een wijk of een buurt."))
    maanden = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(24, _("De laatste 24 maanden")), (36, _("De laatste 36 maanden"))],
        initial=24,
        help_text=_("Hele maanden, tot en met de vorige maand."),
    )
    verplicht = frozenset({"gebied"})

    def __init__(self, *args, gemeente, **kwargs):
        from regiekamer.inzicht.beeld import gebieden_om_te_kiezen

        super().__init__(*args, **kwargs)
        self.fields["gebied"].choices = [
            (groep, [(code, label) for code, label in keuzes]) for groep, keuzes in gebieden_om_te_kiezen(gemeente)
        ]
        self.fields["gebied"].initial = gemeente.cbs_code
