"""Marks a restricted person (art. 18 AVG) wherever their name is shown, e.g. on signal and case pages."""

from django import template

from regiekamer.inzage.beperking import is_restricted

register = template.Library()


@register.filter
def verwerking_beperkt(persoon) -> bool:
    return persoon is not None and is_restricted(persoon)
