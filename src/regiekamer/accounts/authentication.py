"""``Authorization: Token <token>`` for the API, against hashed, revocable tokens."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from regiekamer.accounts import two_factor
from regiekamer.accounts.models import ApiToken


@dataclass(frozen=True)
class PartnerSystem:
    """The principal of a request made with an organisation token: a partner system, not a person."""

    organisatie: object
    token: ApiToken
    rollen: tuple = field(default=())
    is_authenticated: bool = True
    is_partner_system: bool = True
    is_active: bool = True
    pk = None
    id = None

    @property
    def gemeente(self):
        return self.organisatie.gemeente

    @property
    def username(self):
        return f"systeem:{self.organisatie.naam}"

    def __str__(self):
        return self.username


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header."))
        token = ApiToken.find_active(header[1].decode("latin-1"))
        if token is None:
            raise exceptions.AuthenticationFailed(_("Onbekend of ingetrokken token."))
        token.mark_used()
        if not token.organisatie.actief:
            raise exceptions.AuthenticationFailed(_("De organisatie van dit token is niet actief."))
        if token.user_id:
            if not token.user.is_active:
                raise exceptions.AuthenticationFailed(_("Gebruiker is niet actief."))
            return token.user, token
        return PartnerSystem(organisatie=token.organisatie, token=token), token

    def authenticate_header(self, request):
        return self.keyword


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The browser session in the API, but only once the second login step is passed: until then the API answers
    problem+json 403. Token requests are authenticated by ``ApiTokenAuthentication`` before this class is asked."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and two_factor.needs_second_step(request._request):
            raise exceptions.PermissionDenied(
                _("Rond eerst de tweestapsverificatie af voordat u de API met uw sessie gebruikt.")
            )
        return result
