from django import template

from regiekamer.doelbinding import doelen

register = template.Library()


@register.filter
def doel_label(doel: str) -> str:
    return doelen.label(doel)


@register.filter
def doel_grondslag(doel: str) -> str:
    return doelen.grondslag(doel)


@register.simple_tag
def besluiten_van(casus) -> list[tuple]:
    """The compatibility decisions for a case, each with whether its signal is linked to the case yet."""
    gekoppeld = set(casus.casus_signalen.values_list("signaal_id", flat=True))
    return [
        (besluit, besluit.signaal_id in gekoppeld)
        for besluit in casus.verenigbaarheidsbesluiten.select_related("signaal", "vastgelegd_door")
    ]
