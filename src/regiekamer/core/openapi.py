"""The OpenAPI document's error answers, documented once for every operation (a drf-spectacular postprocessing hook).

Every error the API gives is ``application/problem+json`` (core.problems), whatever view or middleware gives it. The
views document the errors that tell something about the operation (a 409 when the case is closed); this hook makes
every documented error ``application/problem+json`` and adds the ones any operation can give: 401 and 403 (token),
429 (rate limits), 400 and 404 where there are parameters to be wrong, and 413 and 415 where there is a request body.
"""

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalidParams": {"type": "array", "items": {"$ref": "#/components/schemas/InvalidParam"}},
        "requestId": {"type": "string"},
    },
    "required": ["detail", "status", "title", "type"],
}
INVALID_PARAM_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}},
    "required": ["code", "name", "reason"],
}

GENERAL = {
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    429: "Te veel verzoeken; probeer het na de in Retry-After genoemde seconden opnieuw",
}
WITH_PARAMETERS = {400: "Ongeldige invoer", 404: "Niet gevonden; ook een pagina voorbij de laatste"}
WITH_BODY = {
    400: "Ongeldige invoer",
    413: "Het verzoek is te groot",
    415: "Niet-ondersteund Content-Type; stuur application/json",
}

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _problem(description: str) -> dict:
    return {
        "description": f"{description} (application/problem+json)",
        "content": {PROBLEM_CONTENT_TYPE: {"schema": PROBLEM_REF}},
    }


def problem_responses(result, generator, request, public):
    """Postprocessing hook: every error answer of every operation documented as ``application/problem+json``."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Problem", PROBLEM_SCHEMA)
    schemas["Problem"].setdefault("properties", {}).setdefault("requestId", {"type": "string"})
    schemas.setdefault("InvalidParam", INVALID_PARAM_SCHEMA)
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                content = response.get("content")
                if int(code) >= 400 and content and PROBLEM_CONTENT_TYPE not in content:
                    schema = next(iter(content.values())).get("schema", PROBLEM_REF)
                    response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": schema}}
            parameters = operation.get("parameters", [])
            added = {}
            if operation.get("security", [{}]) != [] and {} not in operation.get("security", [{}]):
                added.update(GENERAL)
            else:
                added[429] = GENERAL[429]
            if any(parameter.get("in") in {"query", "path"} for parameter in parameters):
                added.update(WITH_PARAMETERS)
            if "requestBody" in operation:
                added.update(WITH_BODY)
            for code, description in added.items():
                responses.setdefault(str(code), _problem(description))
            operation["responses"] = dict(sorted(responses.items()))
    _narrow_discriminated_variants(schemas)
    return result


def _narrow_discriminated_variants(schemas: dict) -> None:
    """A ``oneOf`` with a discriminator matches exactly one variant: each variant's discriminating property takes
    only the value that maps to it (``weergave: volledig`` for the whole case, ``deelnemer`` for a partner's view),
    so a validator does not find an answer valid under both."""
    for component in schemas.values():
        discriminator = component.get("discriminator") if "oneOf" in component else None
        if not discriminator or "mapping" not in discriminator:
            continue
        name = discriminator["propertyName"]
        for value, ref in discriminator["mapping"].items():
            variant = schemas.get(ref.rsplit("/", 1)[-1], {})
            prop = variant.get("properties", {}).get(name)
            if prop is not None:
                prop["enum"] = [value]
