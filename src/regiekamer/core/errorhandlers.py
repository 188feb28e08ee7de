"""The answers Django gives itself when a request fails before or outside a view (an unknown URL, a body too large, an
uncaught error): under ``/api/`` always ``application/problem+json``, elsewhere the Dutch pages in ``templates/``."""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from regiekamer.core.problems import PROBLEM_CONTENT_TYPE, problem_body


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def problem(status: int, title: str, code: str) -> HttpResponse:
    body = problem_body(status, title, code=code)
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        if _is_api(request):
            return problem(413, _("Het verzoek is te groot."), "te-groot")
        return HttpResponse(loader.render_to_string("413.html", request=request), status=413)
    if _is_api(request):
        return problem(400, _("Ongeldig verzoek."), "ongeldig-verzoek")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _is_api(request):
        return problem(403, _("U heeft hiervoor geen toestemming."), "geen-toestemming")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if _is_api(request):
        return problem(404, _("Niet gevonden."), "niet-gevonden")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return problem(500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw."), "serverfout")
    return defaults.server_error(request)
