"""Shared API building blocks: pagination, capability permissions, problem documentation."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from regiekamer.accounts import permissions


class Pagination(PageNumberPagination):
    """Pagination in NL API style: ``count``, ``next``, ``previous`` and ``results``."""

    page_size_query_param = "pageSize"
    max_page_size = 200

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


def problem(description: str) -> OpenApiResponse:
    return OpenApiResponse(ProblemSerializer, description=f"{description} (application/problem+json)")


COMMON_PROBLEMS = {
    401: problem("Niet geauthenticeerd"),
    403: problem("Geen toegang"),
}


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
