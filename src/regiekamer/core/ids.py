import uuid

from django.http import Http404


def parse_uuid(value) -> uuid.UUID:
    """The UUID in a URL, or 404: a malformed id is just an unknown id."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None
