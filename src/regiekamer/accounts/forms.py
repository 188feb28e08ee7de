from django.contrib.auth.forms import AuthenticationForm

from regiekamer.core.forms import UtrechtFormMixin


class LoginForm(UtrechtFormMixin, AuthenticationForm):
    verplicht = frozenset({"username", "password"})
