"""Validation of the map filters, shared by the map page and ``GET /api/v1/gebieden``."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from regiekamer.core.errors import InvalidInput
from regiekamer.gebieden.selectors import NIVEAUS, STATUS_AFGEROND, STATUS_OPEN, GebiedFilter, standaard_periode
from regiekamer.protocol.machine import Aanpak, Status
from regiekamer.signalen.models import Fenomeen

MAX_PERIODE_DAGEN = 366 * 10


class IsoDatumField(forms.DateField):
    """A date as YYYY-MM-DD in ASCII digits only."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(value)):
            raise ValidationError(_("Gebruik een datum als JJJJ-MM-DD."), code="datum")
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(_("Deze datum bestaat niet."), code="datum") from None


class GebiedFilterForm(forms.Form):
    niveau = forms.ChoiceField(label=_("Niveau"), required=False, choices=[("buurt", _("Buurt")), ("wijk", _("Wijk"))])
    van = IsoDatumField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = IsoDatumField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    fenomeen = forms.ChoiceField(label=_("Fenomeen"), required=False)
    stap = forms.ChoiceField(
        label=_("Protocolstap"),
        required=False,
        choices=[("", _("Alle stappen"))] + [(str(n), _("Stap %(n)s") % {"n": n}) for n in (1, 2, 3, 4)],
    )
    aanpak = forms.ChoiceField(
        label=_("Aanpak van de casus"), required=False, choices=[("", _("Alle aanpakken")), *Aanpak.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle signalen")),
            (STATUS_OPEN, _("Open (in het protocol)")),
            (STATUS_AFGEROND, _("Afgerond")),
            *Status.choices,
        ],
    )

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        fenomenen = Fenomeen.objects.filter(gemeente=gemeente).order_by("naam").values_list("code", "naam")
        self.fields["fenomeen"].choices = [("", _("Alle fenomenen")), *fenomenen]

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", ValidationError(_("'Tot en met' ligt voor 'van'."), code="periode"))
        elif van and tot and (tot - van).days > MAX_PERIODE_DAGEN:
            self.add_error("van", ValidationError(_("Kies een periode van hoogstens tien jaar."), code="periode"))
        return data

    def filters(self) -> GebiedFilter:
        """The validated filters; without a period the last 12 months."""
        data = self.cleaned_data
        van, tot = data.get("van"), data.get("tot")
        if van is None and tot is None:
            van, tot = standaard_periode()
        return GebiedFilter(
            niveau=data.get("niveau") or NIVEAUS[0],
            van=van,
            tot=tot,
            fenomeen=data.get("fenomeen") or "",
            stap=int(data["stap"]) if data.get("stap") else None,
            aanpak=data.get("aanpak") or "",
            status=data.get("status") or "",
        )


def filters_uit(params, gemeente) -> GebiedFilter:
    """Validated filters from query parameters, or :class:`InvalidInput` naming each invalid parameter."""
    form = GebiedFilterForm(params, gemeente=gemeente)
    if not form.is_valid():
        fouten = [
            {"name": naam, "code": fout.code or "invalid", "reason": " ".join(fout.messages)}
            for naam, lijst in form.errors.as_data().items()
            for fout in lijst
        ]
        raise InvalidInput(_("Een of meer parameters zijn ongeldig."), fouten)
    return form.filters()
