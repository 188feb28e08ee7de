from django import forms
from django.utils.translation import gettext_lazy as _

from regiekamer.core.forms import UtrechtFormMixin
from regiekamer.importen import formaat


class ImportForm(UtrechtFormMixin, forms.Form):
    verplicht = frozenset({"bestand"})

    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (UTF-8, gescheiden door ; of ,) of XLSX in het Regiekamer-importformaat."),
    )
    organisatie = forms.ChoiceField(label=_("Namens organisatie"), required=False)

    def __init__(self, *args, organisaties=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisaties = list(organisaties or [])
        if len(organisaties) > 1:
            self.fields["organisatie"].choices = [(str(o.pk), o.naam) for o in organisaties]
        else:
            del self.fields["organisatie"]


class KolomindelingForm(UtrechtFormMixin, forms.Form):
    """Per format column: the header that holds it in the organisation's files (empty: the column's own name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kolom in formaat.KOLOMMEN:
            self.fields[kolom] = forms.CharField(label=kolom, required=False, max_length=200)
