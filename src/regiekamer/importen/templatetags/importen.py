from django import template

from regiekamer.importen.vroegsignalering import TERUGKOPPELING_DOOR_GEMEENTE

register = template.Library()


@register.simple_tag
def terugkoppeling_keuzes():
    """The outcomes the gemeente records for a vroegsignalering signal: (value, label)."""
    return [(keuze.value, keuze.label) for keuze in TERUGKOPPELING_DOOR_GEMEENTE]
