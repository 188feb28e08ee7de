"""RFC 9457 problem details for the API, in the style of the NL API Design Rules.

Every error the API returns is ``application/problem+json`` with ``type``, ``title``, ``status``,
``detail`` and, for validation errors, ``invalidParams`` naming each invalid field.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from regiekamer.core import requestid
from regiekamer.core.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_CONTENT_TYPE
    format = "problem+json"


def _flatten(detail, prefix=""):
    """Turn DRF's nested error structure into ``[{name, code, reason}]``."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors":
                name = prefix or "nonFieldErrors"
            yield from _flatten(value, name)
    elif isinstance(detail, list):
        if all(isinstance(item, exceptions.ErrorDetail | str) for item in detail):
            for item in detail:
                yield {
                    "name": prefix or "nonFieldErrors",
                    "code": getattr(item, "code", "invalid"),
                    "reason": str(item),
                }
        else:
            for index, item in enumerate(detail):
                yield from _flatten(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield {"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"), "reason": str(detail)}


def problem_body(status_code: int, title: str, detail: str = "", invalid_params=None, code="", extra=None) -> dict:
    """The problem document; ``requestId`` is the id of the request in the logs (``core.requestid``)."""
    body = {
        "type": f"https://regiekamer.nl/problemen/{code or status_code}",
        "title": title,
        "status": status_code,
        "detail": detail or title,
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    if extra:
        body.update(extra)
    if request_id := requestid.current():
        body["requestId"] = request_id
    return body


def problem_response(
    status_code: int, title: str, detail: str = "", invalid_params=None, code="", extra=None
) -> Response:
    body = problem_body(status_code, title, detail, invalid_params, code, extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return problem_response(
            exc.status_code,
            exc.title,
            exc.message,
            invalid_params=exc.invalid_params or None,
            code=exc.code,
            extra=getattr(exc, "extra", None),
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        problem = problem_response(
            status.HTTP_400_BAD_REQUEST,
            "Ongeldige invoer.",
            "Een of meer velden zijn ongeldig.",
            invalid_params=list(_flatten(exc.detail)),
            code="ongeldige-invoer",
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        problem = problem_response(response.status_code, detail, detail, code=getattr(exc, "default_code", ""))
    for header, value in response.items():
        if header.lower() not in {"content-type", "content-length"}:
            problem[header] = value
    return problem
