from django import forms
from django.utils.translation import gettext_lazy as _

from regiekamer.core.forms import UtrechtFormMixin
from regiekamer.doelbinding.doelen import Doel
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit


def _tekst(label, help_text):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text=help_text)


class BesluitForm(UtrechtFormMixin, forms.Form):
    """The art. 6(4) AVG considerations; the signal, case and purposes come from the refusal that led here."""

    verband_doelen = _tekst(
        _("Verband tussen de doelen"),
        _("Hoe hangt het nieuwe doel samen met het doel waarvoor de gegevens zijn verzameld?"),
    )
    context_verzameling = _tekst(
        _("Context van de verzameling"),
        _("Waar en hoe zijn de gegevens verzameld; wat mocht de betrokkene verwachten?"),
    )
    aard_gegevens = _tekst(
        _("Aard van de gegevens"),
        _("Welke gegevens gaat het om; zijn het bijzondere of strafrechtelijke gegevens?"),
    )
    gevolgen_betrokkene = _tekst(
        _("Gevolgen voor de betrokkene"), _("Wat betekent het nieuwe gebruik voor de betrokkene?")
    )
    waarborgen = _tekst(_("Waarborgen"), _("Bijvoorbeeld: alleen de nodige gegevens, beperkte kring, bewaartermijn."))
    conclusie = forms.ChoiceField(
        label=_("Conclusie"),
        choices=[("", _("Kies de conclusie")), *Verenigbaarheidsbesluit.Conclusie.choices],
        required=False,
    )
    toelichting = _tekst(_("Toelichting op de conclusie"), "")
    verplicht = frozenset(
        {
            "verband_doelen",
            "context_verzameling",
            "aard_gegevens",
            "gevolgen_betrokkene",
            "waarborgen",
            "conclusie",
            "toelichting",
        }
    )


class CasusDoelForm(UtrechtFormMixin, forms.Form):
    doel = forms.ChoiceField(label=_("Doel van de casus"), choices=Doel.choices)
