"""Template helpers for the Dutch web UI: capability checks, accessible form widgets, masking."""

import datetime as dt
import re

from django import forms, template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.accounts.roles import Rol

register = template.Library()

TEXT_WIDGETS = (
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.DateInput,
)


@register.filter
def allows(can, capability_name: str) -> bool:
    """``{% if can|allows:"VIEW_SIGNALS" %}``: the name of a constant in ``accounts.permissions``."""
    capability = getattr(permissions, capability_name)  # a typo fails loudly instead of hiding a link
    return capability in (can or ())


ISO_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@register.filter
def bronwaarde(value):
    """A value as a source returned it, for a reader: an ISO date ("1980-05-01") as a Dutch date ("1 mei 1980"),
    yes/no in Dutch, a list joined; anything else as it is."""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list | tuple):
        return ", ".join(str(bronwaarde(item)) for item in value)
    if isinstance(value, str) and ISO_DATUM.match(value):
        try:
            return date_format(dt.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return value


@register.filter
def masked_bsn(value: str) -> str:
    """Only the last four digits of a BSN are shown: ``•••••3333``."""
    value = (value or "").strip()
    if not value:
        return ""
    return "•" * 5 + value[-4:]


@register.filter
def rol_label(code: str) -> str:
    return Rol(code).label if code in Rol.values else code


@register.filter
def describedby(bound_field) -> str:
    """The ids of a field's description and error message, for ``aria-describedby``."""
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def rk_widget(bound_field, extra_class: str = ""):
    """Render a field's input with the Utrecht classes and its description/error linked by aria."""
    widget = bound_field.field.widget
    attrs = {}
    classes = []
    if isinstance(widget, forms.Textarea):
        classes = ["utrecht-textarea", "utrecht-textarea--html-textarea"]
    elif isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect | forms.SelectMultiple):
        classes = ["utrecht-select", "utrecht-select--html-select"]
    elif isinstance(widget, forms.CheckboxInput):
        classes = ["utrecht-checkbox", "utrecht-checkbox--html-input", "utrecht-checkbox--custom"]
    elif isinstance(widget, TEXT_WIDGETS):
        classes = ["utrecht-textbox", "utrecht-textbox--html-input"]
    if bound_field.errors and classes:
        classes.append(f"{classes[0]}--invalid")
    if extra_class:
        classes.append(extra_class)
    existing = widget.attrs.get("class", "")
    if classes or existing:
        attrs["class"] = " ".join(filter(None, [existing, *classes]))
    ids = describedby(bound_field)
    if ids:
        attrs["aria-describedby"] = ids
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many unread notifications the logged-in user has (for the header)."""
    from regiekamer.notifications.selectors import ongelezen_aantal

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return ongelezen_aantal(user)


@register.filter
def ja_nee(value) -> str:
    return _("ja") if value else _("nee")


@register.simple_tag
def begrip(term: str):
    """A small link to the explanation of a term of art on the Begrippen page, its text also as a tooltip."""
    from django.urls import reverse
    from django.utils.html import format_html
    from django.utils.text import slugify

    from regiekamer.core.begrippen import BEGRIPPEN

    uitleg = dict(BEGRIPPEN).get(term)
    if uitleg is None:
        raise template.TemplateSyntaxError(f"Unknown term of art: {term}")
    return format_html(
        '<a class="rk-begrip rk-no-print" href="{}#{}" title="{}"><span aria-hidden="true">?</span>'
        '<span class="rk-visually-hidden">{}</span></a>',
        reverse("begrippen"),
        slugify(term),
        uitleg,
        _("Wat betekent %(term)s?") % {"term": term.lower()},
    )
