"""Shared API building blocks: pagination, capability permissions, problem documentation, strict fields."""

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from regiekamer.accounts import permissions

# --- Strict fields: digits are the ASCII digits 0-9 -----------------------------------------------------------
# Python's int() and \d also take other scripts' digits ("٣" is 3); DRF's fields use them, so "٣" would be accepted
# as a house number and "²" may pass a check of str.isdigit and fail further on.

_INTEGER = re.compile(r"-?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class AsciiIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, str) and not _INTEGER.fullmatch(data.strip()):
            self.fail("invalid")
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class UserIdField(AsciiIntegerField):
    """An optional user id (a BigAutoField): a number outside its range is refused here, not sent to the database."""

    def __init__(self, **kwargs):
        if not kwargs.get("required", False):
            kwargs.update(required=False, allow_null=True, default=None)
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class AsciiDateField(serializers.DateField):
    """An ISO 8601 date, JJJJ-MM-DD, in ASCII digits."""

    def to_internal_value(self, value):
        if isinstance(value, str) and not _DATE.fullmatch(value.strip()):
            self.fail("invalid", format="JJJJ-MM-DD")
        return super().to_internal_value(value)


_char_field_to_internal_value = serializers.CharField.to_internal_value


def _text_only(self, data):
    if not isinstance(data, str):
        raise ValidationError(_("Geef hier tekst (een JSON-string), geen getal, lijst of object."), code="invalid")
    return _char_field_to_internal_value(self, data)


def text_fields_take_only_text():
    """A text field (DRF's ``CharField`` and its subclasses) takes a JSON string only. DRF also takes a number and
    turns it into text (``0`` becomes ``"0"``), which the OpenAPI document, saying ``string``, does not allow: a
    client sending one has a bug it should hear about. Query parameters and form fields are always text."""
    serializers.CharField.to_internal_value = _text_only


class DutchBooleanField(serializers.BooleanField):
    """A boolean query parameter: also ``ja``/``nee``; anything else is refused (400), never read as false."""

    TRUE_VALUES = {*serializers.BooleanField.TRUE_VALUES, "ja"}
    FALSE_VALUES = {*serializers.BooleanField.FALSE_VALUES, "nee"}
    default_error_messages = {"invalid": _("Geef ja of nee (of true of false).")}


class ChoiceLabelField(serializers.CharField):
    """The label of a choice, read through its enum. Django's ``get_FOO_display`` rebuilds and hashes the whole
    list of translated labels on every call, which dominated the cost of a worklist page."""

    def __init__(self, choices, **kwargs):
        self.choices_class = choices
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return str(self.choices_class(value).label)


def query_filters(serializer_class, request) -> dict:
    """The query parameters of ``request`` validated by ``serializer_class``: 400 problem+json naming each invalid
    one. A parameter given twice is refused rather than one of its values silently taken."""
    params = request.query_params
    repeated = [name for name in serializer_class().fields if len(params.getlist(name)) > 1]
    if repeated:
        raise ValidationError({name: ["Geef deze parameter één keer op."] for name in repeated})
    serializer = serializer_class(data=params.dict())
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def refuse_empty_or_repeated(request, names) -> None:
    """400 problem+json naming each of the query parameters ``names`` that is given empty (``?van=``) or more than
    once. For views that read their parameters with a form shared with the pages, where an empty field means "not
    filled in": the API's contract has no empty values."""
    params = request.query_params
    errors = {}
    for name in names:
        values = params.getlist(name)
        if len(values) > 1:
            errors[name] = [_("Geef deze parameter één keer op.")]
        elif values and not values[0].strip():
            errors[name] = [_("Deze parameter mag niet leeg zijn; laat hem weg voor de standaardwaarde.")]
    if errors:
        raise ValidationError(errors)


class Pagination(PageNumberPagination):
    """Pagination in NL API style: ``count``, ``next``, ``previous`` and ``results``. ``page`` and ``pageSize`` are
    whole numbers in ASCII digits, given once; anything else is a 400, not a silent default."""

    page_size_query_param = "pageSize"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        for name in (self.page_query_param, self.page_size_query_param):
            values = request.query_params.getlist(name)
            if len(values) > 1:
                errors[name] = [_("Geef deze parameter één keer op.")]
            elif values and not (_INTEGER.fullmatch(values[0]) and int(values[0]) >= 1):
                errors[name] = ["Geef een geheel getal van 1 of meer."]
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer"},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }


def capability(required: str) -> type[BasePermission]:
    """A DRF permission class that admits principals holding ``required`` (see accounts.permissions)."""

    class HasCapability(BasePermission):
        message = "U heeft geen toegang tot deze functie."

        def has_permission(self, request, view):
            return permissions.has_capability(request.user, required)

    HasCapability.__name__ = f"HasCapability[{required}]"
    return HasCapability


class PrincipalRateThrottle(UserRateThrottle):
    """Rate limit per user, and per token for partner systems (which have no user)."""

    def get_cache_key(self, request, view):
        token = getattr(request.user, "token", None)
        if getattr(request.user, "is_partner_system", False) and token is not None:
            return self.cache_format % {"scope": self.scope, "ident": f"token-{token.pk}"}
        return super().get_cache_key(request, view)


class AddressRateThrottle(AnonRateThrottle):
    """Rate limit per client address, for every request (signed in or not): one address cannot flood the API with
    many tokens, nor probe it without one. The address is REMOTE_ADDR, or behind ``API_PROXIES`` proxies the one they
    put in X-Forwarded-For, so a client cannot choose its own."""

    scope = "adres"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    invalidParams = InvalidParamSerializer(many=True, required=False)  # noqa: N815 - NL API field name
    requestId = serializers.CharField(required=False)  # noqa: N815 - as in the logs (core.requestid)


def problem(description: str) -> OpenApiResponse:
    return OpenApiResponse(ProblemSerializer, description=f"{description} (application/problem+json)")


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "regiekamer.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`: an organisation token or a personal token.",
        }


class VerifiedSessionScheme(SessionScheme):
    """The browser session, documented like DRF's own session authentication (``cookieAuth``)."""

    target_class = "regiekamer.accounts.authentication.VerifiedSessionAuthentication"
    priority = 1
