from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from regiekamer.core.forms import UtrechtFormMixin


class LoginForm(UtrechtFormMixin, AuthenticationForm):
    verplicht = frozenset({"username", "password"})


class CodeForm(UtrechtFormMixin, forms.Form):
    """The code from the authenticator app (or a recovery code on the login step)."""

    verplicht = frozenset({"code"})
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, recovery=False, **kwargs):
        super().__init__(*args, **kwargs)
        if recovery:
            self.fields["code"].help_text = _(
                "De code van zes cijfers uit uw authenticator-app, of een van uw herstelcodes."
            )
        else:
            self.fields["code"].help_text = _("De code van zes cijfers die uw authenticator-app nu toont.")
