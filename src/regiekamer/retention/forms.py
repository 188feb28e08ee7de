from django import forms
from django.utils.translation import gettext_lazy as _

from regiekamer.core.forms import UtrechtFormMixin


class HoldForm(UtrechtFormMixin, forms.Form):
    """Place a hold on a case or signal, named by its number (as users know it)."""

    soort = forms.ChoiceField(
        label=_("Op"), choices=[("casus", _("Casus")), ("signaal", _("Signaal"))], widget=forms.RadioSelect
    )
    nummer = forms.CharField(
        label=_("Nummer"),
        max_length=20,
        help_text=_("Het nummer van de casus of het signaal, bijvoorbeeld C-2026-0012."),
    )
    reden = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: lopend strafrechtelijk onderzoek, bezwaar of beroep, verzoek van de officier. "
            "Noem geen namen: de privacyfunctionaris ziet deze reden ook."
        ),
    )
    verplicht = frozenset({"soort", "nummer", "reden"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "plaatsen")
        super().__init__(*args, **kwargs)


class OpheffenForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(label=_("Reden van opheffen"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    verplicht = frozenset({"reden"})
