"""Login through the gemeente's identity provider (OpenID Connect), enabled when ``OIDC_RP_CLIENT_ID`` is set.

The IdP only says who someone is: the user must already exist in the Regiekamer (roles are managed here), matched
by one claim (``OIDC_MATCH_CLAIM``, default ``email``) against one user field (``OIDC_MATCH_FIELD``). Nobody is
created. When the IdP asserts a multi-factor login (an ``acr`` in ``OIDC_MFA_ACR_VALUES`` or an ``amr`` in
``OIDC_MFA_AMR_VALUES``) the second step counts as passed; otherwise the Regiekamer still asks for its TOTP code.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from regiekamer.accounts import two_factor

logger = logging.getLogger("regiekamer.accounts")


def mfa_asserted(*claim_sets) -> bool:
    """Whether the IdP says the login used more than one factor, in the ID token or the userinfo claims."""
    acr_values = set(settings.OIDC_MFA_ACR_VALUES)
    amr_values = set(settings.OIDC_MFA_AMR_VALUES)
    for claims in claim_sets:
        if not claims:
            continue
        if acr_values and str(claims.get("acr", "")) in acr_values:
            return True
        amr = claims.get("amr") or []
        if isinstance(amr, str):
            amr = [amr]
        if amr_values & {str(value) for value in amr}:
            return True
    return False


class Backend(OIDCAuthenticationBackend):
    """Matches the IdP's user to an existing, active Regiekamer user; refuses (with a Dutch message) otherwise."""

    def _refuse(self, message: str):
        request = getattr(self, "request", None)
        if request is not None:
            messages.error(request, message)

    def verify_claims(self, claims):
        if not claims.get(settings.OIDC_MATCH_CLAIM):
            return False
        if settings.OIDC_MATCH_CLAIM == "email":
            # An address the IdP has not verified could be anyone's: only a verified one identifies the user.
            return claims.get("email_verified") in (True, "true")
        return True

    def describe_user_by_claims(self, claims):
        return f"claim {settings.OIDC_MATCH_CLAIM}"

    def filter_users_by_claims(self, claims):
        value = claims.get(settings.OIDC_MATCH_CLAIM)
        if not value:
            return get_user_model().objects.none()
        lookup = {f"{settings.OIDC_MATCH_FIELD}__iexact": str(value)}
        return get_user_model().objects.filter(is_active=True, **lookup)

    def create_user(self, claims):
        """Never: roles are managed in the Regiekamer."""
        return None

    def match_user(self, claims):
        """The one active user the claims identify, or ``None`` with a message for the login page."""
        if not self.verify_claims(claims):
            self._refuse(_("De identity provider gaf niet door wie u bent. Inloggen via de gemeente is niet gelukt."))
            return None
        users = list(self.filter_users_by_claims(claims)[:2])
        if len(users) != 1:
            logger.warning(
                "OIDC login refused: %d Regiekamer users match the %s", len(users), self.describe_user_by_claims(claims)
            )
            self._refuse(
                _(
                    "U bent bij de gemeente ingelogd, maar er is geen (eenduidig) Regiekamer-account voor u. "
                    "Vraag de functioneel beheerder van uw gemeente om een account; die kent ook uw rol toe."
                )
            )
            return None
        return users[0]

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        user = self.match_user({**payload, **claims})
        if user is not None:
            user.idp_mfa = mfa_asserted(payload, claims)
        return user


class CallbackView(OIDCAuthenticationCallbackView):
    """After the IdP login: marks the session verified when the IdP asserted MFA, else the TOTP step follows."""

    def login_success(self):
        response = super().login_success()
        idp_mfa = bool(getattr(self.user, "idp_mfa", False))
        if idp_mfa:
            two_factor.mark_verified_by_idp(self.request)
        logger.info("OIDC login of user %s (MFA at the IdP: %s)", self.user.pk, idp_mfa)
        return response
