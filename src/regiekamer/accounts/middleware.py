"""Sends logged-in users who still owe the second login step to that step (accounts/two_factor.py)."""

from urllib.parse import urlencode

from django.shortcuts import redirect, resolve_url

from regiekamer.accounts import two_factor

# Reachable before the second step: logging in and out, the second step itself, the health check and the
# identity provider's login. The API decides for itself (``VerifiedSessionAuthentication``: problem+json 403).
OPEN_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:tweestaps",
        "accounts:tweestaps-instellen",
        "health",
        "oidc_authentication_init",
        "oidc_authentication_callback",
        "oidc_logout",
    }
)
OPEN_NAMESPACES = frozenset({"api"})


class TwoFactorMiddleware:
    """After django-otp's ``OTPMiddleware``: until the session is verified, every page of a user who must use
    two-factor authentication redirects to the code page (or the enrolment page when there is no device yet)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in OPEN_VIEWS:
            return None
        if match.namespaces and match.namespaces[0] in OPEN_NAMESPACES:
            return None
        if not two_factor.needs_second_step(request):
            return None
        target = resolve_url("accounts:tweestaps")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
