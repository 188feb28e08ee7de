"""Login through the gemeente's identity provider: off unless configured; claim matching, refusal and the MFA
mapping of the backend, without any network (the IdP's answers are given as claims)."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from regiekamer.accounts import two_factor
from regiekamer.accounts.oidc import Backend, CallbackView, mfa_asserted
from regiekamer.accounts.services import create_user

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]


@pytest.fixture
def oidc(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_IDP_NAME = "Gemeente Zuiderveen"
    settings.OIDC_RP_CLIENT_ID = "regiekamer"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.invalid/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.invalid/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.invalid/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_MATCH_CLAIM = "email"
    settings.OIDC_MATCH_FIELD = "email"
    settings.OIDC_MFA_ACR_VALUES = ["urn:gemeente:loa:substantieel"]
    settings.OIDC_MFA_AMR_VALUES = ["mfa"]
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "regiekamer.accounts.oidc.Backend"]
    return settings


def request_with_session():
    request = RequestFactory().get("/oidc/callback/")
    request.session = SessionStore()
    request._messages = SessionStorage(request)
    request.user = AnonymousUser()
    return request


class IdPAnswers(Backend):
    """The backend with the IdP's userinfo answer given instead of fetched."""

    def __init__(self, userinfo, request):
        super().__init__()
        self.userinfo = userinfo
        self.request = request

    def get_userinfo(self, access_token, id_token, payload):
        return self.userinfo


def test_unconfigured_there_is_no_oidc_url_backend_or_button(client):
    assert not django_settings.OIDC_ENABLED
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    assert client.get("/oidc/authenticate/").status_code == 404
    assert "regiekamer.accounts.oidc.Backend" not in django_settings.AUTHENTICATION_BACKENDS
    assert "Inloggen via" not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.urls("regiekamer.accounts.tests.oidc_urls")
def test_configured_the_login_page_offers_the_idp(client, oidc):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen via Gemeente Zuiderveen" in html and f'href="{reverse("oidc_authentication_init")}"' in html


def test_users_are_matched_by_the_configured_claim(tenant, oidc):
    user = tenant.regisseur
    user.email = "r.egisseur@zuiderveen.example"
    user.save()
    backend = IdPAnswers({}, request_with_session())
    assert backend.match_user({"email": "R.Egisseur@Zuiderveen.example", "email_verified": True}) == user

    oidc.OIDC_MATCH_CLAIM = "preferred_username"
    oidc.OIDC_MATCH_FIELD = "username"
    assert backend.match_user({"preferred_username": user.username, "email": "iemand@elders.example"}) == user
    assert backend.match_user({"email": user.email}) is None  # the configured claim is missing


def test_unknown_inactive_or_ambiguous_users_are_refused_in_dutch(tenant, oidc):
    from regiekamer.accounts.models import User

    request = request_with_session()
    backend = IdPAnswers({}, request)
    assert backend.match_user({"email": "onbekend@zuiderveen.example", "email_verified": True}) is None
    assert any("geen (eenduidig) Regiekamer-account" in str(m) for m in get_messages(request))
    assert User.objects.filter(email="onbekend@zuiderveen.example").count() == 0  # nobody is created

    inactive = tenant.analist
    inactive.email, inactive.is_active = "weg@zuiderveen.example", False
    inactive.save()
    assert backend.match_user({"email": "weg@zuiderveen.example", "email_verified": True}) is None

    for username in ("dubbel-1", "dubbel-2"):
        create_user(username, tenant.afdeling, ["regisseur"], email="dubbel@zuiderveen.example")
    assert backend.match_user({"email": "dubbel@zuiderveen.example", "email_verified": True}) is None


@pytest.mark.parametrize("verified", [None, False, "false"])
def test_an_unverified_email_address_is_refused_in_dutch(tenant, oidc, verified):
    user = tenant.regisseur
    user.email = "r.egisseur@zuiderveen.example"
    user.save()
    request = request_with_session()
    backend = IdPAnswers({}, request)
    claims = {"email": user.email} if verified is None else {"email": user.email, "email_verified": verified}
    assert backend.match_user(claims) is None
    assert any("gaf niet door wie u bent" in str(m) for m in get_messages(request))
    assert IdPAnswers(claims, request_with_session()).get_or_create_user("access", "id", {}) is None
    assert backend.match_user({**claims, "email_verified": "true"}) == user  # as some IdPs send it


def test_mfa_mapping(oidc):
    assert mfa_asserted({"acr": "urn:gemeente:loa:substantieel"})
    assert mfa_asserted({"amr": ["pwd", "mfa"]})
    assert mfa_asserted({}, {"amr": "mfa"})  # from the userinfo claims
    assert not mfa_asserted({"acr": "urn:gemeente:loa:laag", "amr": ["pwd"]})
    assert not mfa_asserted({}, None)


@pytest.mark.parametrize(("payload", "verified"), [({"amr": ["pwd", "mfa"]}, True), ({"amr": ["pwd"]}, False)])
def test_login_with_and_without_mfa_at_the_idp(client, tenant, oidc, payload, verified):
    user = tenant.regisseur
    user.email = "regisseur@zuiderveen.example"
    user.save()
    request = request_with_session()
    found = IdPAnswers({"email": user.email, "email_verified": True}, request).get_or_create_user(
        "access", "id", payload
    )
    assert found == user and found.idp_mfa is verified

    view = CallbackView()
    view.request, view.user = request, found
    found.backend = "regiekamer.accounts.oidc.Backend"
    view.login_success()
    assert (request.session.get(two_factor.IDP_MFA_SESSION_KEY) == user.pk) is verified

    # The same session in the test client: with MFA at the IdP the pages open, otherwise the TOTP step follows.
    request.session.save()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = request.session.session_key
    response = client.get(reverse("signalen:werkvoorraad"))
    if verified:
        assert response.status_code == 200
    else:
        assert response["Location"].startswith(reverse("accounts:tweestaps"))
