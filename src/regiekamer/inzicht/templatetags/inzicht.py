from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

from regiekamer.inzicht.selectors import KLEIN

register = template.Library()


@register.simple_tag
def cel(value, kolom):
    """One value of a figure as the tables show it: "< 5" for a suppressed number, a dash for a value left out."""
    if value is None:
        return format_html(
            '<span aria-hidden="true">–</span><span class="rk-visually-hidden">{}</span>', _("geen waarde")
        )
    if value == KLEIN:
        return KLEIN
    if kolom.soort == "percentage":
        return f"{floatformat(value, 1)} %"
    if kolom.soort == "tekst":
        return value
    return floatformat(value, 0) if isinstance(value, float) else value


@register.simple_tag
def getal(value, decimalen=1):
    """A number of the ondermijningsbeeld: a count as it is ("< 5" stays), a statistic with ``decimalen`` decimals,
    and a dash for a value left out (suppressed or not computable)."""
    if value is None:
        return format_html(
            '<span aria-hidden="true">–</span><span class="rk-visually-hidden">{}</span>', _("geen waarde")
        )
    if value == KLEIN:
        return KLEIN
    if isinstance(value, float):
        return floatformat(value, f"{decimalen}g")
    if isinstance(value, int):
        return floatformat(value, "0g")  # 1.234: thousands grouped as in Dutch
    return value
