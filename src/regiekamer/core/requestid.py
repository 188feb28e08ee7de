"""A request id for every request: taken from a well-formed ``X-Request-ID`` of a proxy in front, else made here.
It is sent back in the ``X-Request-ID`` header, named in every problem+json answer (``requestId``) and written on
every log line of the request, so that a user's error report, the proxy's log and the application's log meet."""

import contextvars
import re
import uuid

_current = contextvars.ContextVar("request_id", default="")
# Not digits only: a number of nine digits could be a BSN, and the id is written on every log line.
WELL_FORMED = re.compile(r"^(?=.*[A-Za-z._-])[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


def current() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        request_id = offered if WELL_FORMED.match(offered) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter:
    """Puts ``request_id`` on every log record (empty outside a request)."""

    def filter(self, record) -> bool:
        record.request_id = current()
        return True
