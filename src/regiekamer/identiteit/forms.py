from django import forms
from django.utils.translation import gettext_lazy as _

from regiekamer.core.forms import UtrechtFormMixin
from regiekamer.identiteit.models import Beoordeling


class OordeelForm(UtrechtFormMixin, forms.Form):
    oordeel = forms.ChoiceField(
        label=_("Uw oordeel"),
        choices=[
            (Beoordeling.Status.ZELFDE, _("Dezelfde persoon: samenvoegen")),
            (Beoordeling.Status.VERSCHILLEND, _("Verschillende personen: niet meer voorstellen")),
            (Beoordeling.Status.ONZEKER, _("Onzeker: apart laten")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarop baseert u het oordeel? Bijvoorbeeld: de BRP bevestigt het, of een andere moeder."),
    )
    verplicht = frozenset({"oordeel", "reden"})


class SamenvoegenForm(UtrechtFormMixin, forms.Form):
    ander = forms.UUIDField(widget=forms.HiddenInput)
    reden = forms.CharField(
        label=_("Reden van samenvoegen"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: BRP-bevraging bevestigt dat het dezelfde persoon is."),
    )
    verplicht = frozenset({"reden"})


class OntvlechtenForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden van ongedaan maken"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    verplicht = frozenset({"reden"})
