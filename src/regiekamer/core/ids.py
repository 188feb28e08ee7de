import uuid

from django.http import Http404


def uuid_or_none(value) -> uuid.UUID | None:
    """The UUID ``value`` stands for, or None when it is not one."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        return None


def parse_uuid(value) -> uuid.UUID:
    """The UUID in a URL, or 404: a malformed id is just an unknown id."""
    parsed = uuid_or_none(value)
    if parsed is None:
        raise Http404
    return parsed
