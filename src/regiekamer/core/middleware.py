from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _


class NoStoreForAuthenticatedMiddleware:
    """Pages shown to a logged-in user may hold personal data: no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` from the ``PERMISSIONS_POLICY`` setting: feature name to allowed origins.

    An empty list denies the feature to every origin, ours included (``camera=()``).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class UnavailableMiddleware:
    """A failure of the database or of the disk is not a bug but an outage: it is answered with a clear 503 (or 507 for
    a full disk) instead of a 500, under ``/api/`` as problem+json with ``Retry-After``. The request's transaction is
    rolled back and the files it wrote are removed (``signalen.services._files_removed_on_failure``), so nothing is
    half-saved; the next request opens a new database connection, so the service recovers without a restart."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import errno
        import logging

        from django.db import InterfaceError, OperationalError
        from django.template import loader

        from regiekamer.core.errorhandlers import problem

        if isinstance(exception, OperationalError | InterfaceError):
            status, title, code = (
                503,
                _("De database is tijdelijk niet bereikbaar. Probeer het zo opnieuw."),
                "database",
            )
        elif isinstance(exception, OSError) and exception.errno in (errno.ENOSPC, errno.EDQUOT):
            status, title, code = 507, _("De opslag is vol. Er is niets opgeslagen."), "opslag-vol"
        else:
            return None
        # With the traceback: a deadlock or a statement timeout is an OperationalError too, and needs looking into.
        logging.getLogger("regiekamer.storing").error("%s: %s", code, type(exception).__name__, exc_info=exception)
        if request.path.startswith("/api/"):
            response = problem(status, title, code)
        else:
            kop = _("Opslag vol") if status == 507 else _("Tijdelijk niet beschikbaar")
            html = loader.render_to_string("503.html", {"kop": kop, "titel": title})
            response = HttpResponse(html, status=status)
        response["Retry-After"] = "30"
        return response
