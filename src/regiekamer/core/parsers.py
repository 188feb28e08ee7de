"""Request body parsers for the API."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No request of this API nests deeper than a few levels; a body nested hundreds of levels deep is an attack on the
# parser (Python's JSON decoder and every later walk over it recurse), refused before anything looks at it.
MAX_JSON_DEPTH = 32


def _depth_exceeds(value, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _geen_getal(constant):
    raise ValueError(f"{constant} is geen getal in JSON")


class JSONParser(parsers.JSONParser):
    """Strict JSON (no NaN or Infinity), refusing bodies nested deeper than ``MAX_JSON_DEPTH``; every refusal is a
    400 problem in Dutch that says where the body went wrong."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(stream.read().decode(encoding), parse_constant=_geen_getal)
        except RecursionError:
            data = None
            too_deep = True
        except json.JSONDecodeError as error:
            raise ParseError(
                _("De inhoud is geen geldige JSON (regel %(regel)s, kolom %(kolom)s).")
                % {"regel": error.lineno, "kolom": error.colno}
            ) from None
        except (ValueError, UnicodeDecodeError):
            raise ParseError(_("De inhoud is geen geldige JSON.")) from None
        else:
            too_deep = _depth_exceeds(data, MAX_JSON_DEPTH)
        if too_deep:
            raise ParseError(_("De JSON is te diep genest (maximaal %(diepte)s niveaus).") % {"diepte": MAX_JSON_DEPTH})
        return data
