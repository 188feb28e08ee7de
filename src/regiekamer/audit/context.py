"""Where a processing comes from: the screen (URL name) or API route of the current request.

Set when a request starts (from the resolved route, never from the URL itself, so no query string or
path parameter ends up in the log) and cleared when it finishes. Outside a request (management
commands, the shell) the source is "commando".
"""

import contextvars
from dataclasses import dataclass

from django.urls import Resolver404, resolve


@dataclass(frozen=True)
class Herkomst:
    bron: str  # "web" | "api" | "commando"
    kanaal: str  # URL name ("signalen:detail") or API route name ("api:signaal-detail")


COMMANDO = Herkomst("commando", "")
_current: contextvars.ContextVar[Herkomst] = contextvars.ContextVar("audit_herkomst", default=COMMANDO)


def herkomst_for_path(path: str) -> Herkomst:
    try:
        match = resolve(path)
    except Resolver404:
        return Herkomst("web", "")
    name = match.view_name or ""
    bron = "api" if name.startswith("api:") or "api" in match.namespaces else "web"
    return Herkomst(bron, name)


def on_request_started(sender, environ=None, scope=None, **kwargs):
    if environ is not None:  # WSGI (and the test client)
        path = environ.get("PATH_INFO", "")
    else:  # ASGI
        scope = scope or {}
        path = scope.get("path", "").removeprefix(scope.get("root_path", "")) or "/"
    _current.set(herkomst_for_path(path) if path else Herkomst("web", ""))


def on_request_finished(sender, **kwargs):
    _current.set(COMMANDO)


def current() -> Herkomst:
    return _current.get()
