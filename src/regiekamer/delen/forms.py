"""Forms of the "Delen met partners" section on the case page and of the disclosures report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts.models import Organisatie
from regiekamer.core.forms import UtrechtFormMixin
from regiekamer.delen.models import MINIMAAL, Categorie


def _date_widget():
    return forms.DateInput(attrs={"type": "date", "class": "rk-textbox--short"}, format="%Y-%m-%d")


class DelingsBesluitForm(UtrechtFormMixin, forms.Form):
    ontvanger = forms.ChoiceField(label=_("Met welke organisatie"), required=False)
    categorieen = forms.MultipleChoiceField(
        label=_("Wat van de casus"),
        choices=Categorie.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("De kopgegevens horen er altijd bij."),
    )
    omschrijving = forms.CharField(
        label=_("Welke gegevens precies"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Bijv. namen en rollen van de bewoners, de acties voor de woonconsulent."),
    )
    doel = forms.CharField(label=_("Doel"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    grondslag = forms.CharField(label=_("Grondslag"), max_length=300, required=False)
    geldig_tot = forms.DateField(
        label=_("Geldig tot en met"),
        widget=_date_widget(),
        required=False,
        help_text=_("Optioneel. Daarna ziet de organisatie niets meer van de casus."),
    )
    verplicht = frozenset({"ontvanger", "omschrijving", "doel", "grondslag"})

    def __init__(self, *args, casus, **kwargs):
        kwargs.setdefault("prefix", "delen")
        kwargs.setdefault("initial", {"categorieen": list(MINIMAAL)})
        super().__init__(*args, **kwargs)
        ids = casus.deelnemers.values("organisatie")
        self.organisaties = Organisatie.objects.filter(gemeente=casus.gemeente, pk__in=ids).order_by("naam")
        self.fields["ontvanger"].choices = [
            ("", _("Kies een deelnemende organisatie")),
            *((str(o.pk), o.naam) for o in self.organisaties),
        ]

    def clean_ontvanger(self):
        value = self.cleaned_data.get("ontvanger")
        if not value:
            raise forms.ValidationError(_("Kies de ontvangende organisatie."))
        organisatie = self.organisaties.filter(pk=value).first()
        if organisatie is None:
            raise forms.ValidationError(_("Kies een organisatie die deelneemt aan de casus."))
        return organisatie


class IntrekkenForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden van intrekking"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("De organisatie ziet direct niets meer van wat dit besluit toestond."),
    )
    verplicht = frozenset({"reden"})

    def __init__(self, *args, besluit, **kwargs):
        kwargs.setdefault("prefix", f"intrekken-{besluit.pk}")
        super().__init__(*args, **kwargs)
        self.besluit = besluit


class VerstrekkingenForm(UtrechtFormMixin, forms.Form):
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    van = forms.DateField(label=_("Leesacties vanaf"), widget=_date_widget(), required=False)
    tot = forms.DateField(label=_("tot en met"), widget=_date_widget(), required=False)
    verplicht = frozenset({"organisatie"})

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisaties = Organisatie.objects.filter(gemeente=gemeente).order_by("naam")
        self.fields["organisatie"].choices = [
            ("", _("Kies een organisatie")),
            *((str(o.pk), o.naam) for o in self.organisaties),
        ]

    def clean_organisatie(self):
        value = self.cleaned_data.get("organisatie")
        organisatie = self.organisaties.filter(pk=value).first() if value else None
        if organisatie is None:
            raise forms.ValidationError(_("Kies een organisatie."))
        return organisatie

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data
