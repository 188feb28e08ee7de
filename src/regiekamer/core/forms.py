"""Form helpers shared by the web UI.

Forms here only convert input (text to dates, numbers, lists); the rules themselves live in the
service layer, whose ``InvalidInput.invalid_params`` are mapped back onto the form fields.
"""

from django import forms
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext_lazy as _

CHECKBOX_CLASSES = "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"


class UtrechtFormMixin:
    """NL Design System (Utrecht) classes on choice inputs, and no browser-side validation: the
    server answers with an accessible error summary instead."""

    use_required_attribute = False
    # Field names shown with "(verplicht)"; the service enforces them.
    verplicht: frozenset[str] = frozenset()
    # Shown before the field label in the error summary, e.g. "Persoon 2".
    summary_prefix = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.apply_widget_classes()

    def apply_widget_classes(self):
        """Call again after adding fields in ``__init__``."""
        for field in self.fields.values():
            widget = field.widget
            # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", CHECKBOX_CLASSES)
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "utrecht-radio-button utrecht-radio-button--html-input")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the pattern from the Django documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data]
        return [single_file_clean(data, initial)] if data else []


def _anchor(bound_field) -> str:
    # Choice lists are rendered in a <fieldset id="{auto_id}" tabindex="-1">.
    return bound_field.auto_id


def error_summary(*items, form_anchor: str = "formulier") -> list[dict]:
    """Every error of the given forms and formsets as ``{"label", "message", "anchor"}`` for the
    error summary at the top of a page, each linking to its field."""
    summary = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, BaseFormSet):
            for message in item.non_form_errors():
                summary.append({"label": "", "message": message, "anchor": form_anchor})
            summary += error_summary(*item.forms, form_anchor=form_anchor)
            continue
        if not item.is_bound:
            continue
        for name, messages in item.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                summary += [{"label": "", "message": message, "anchor": form_anchor} for message in messages]
                continue
            bound_field = item[name]
            label = f"{item.summary_prefix}: {bound_field.label}" if item.summary_prefix else bound_field.label
            summary += [{"label": label, "message": message, "anchor": _anchor(bound_field)} for message in messages]
    return summary


def add_invalid_params(invalid_params: list[dict], resolve, fallback_form) -> None:
    """Put each ``{"name", "reason"}`` from a service error on the field ``resolve(name)`` returns
    as ``(form, field_name)``; what it cannot place goes to ``fallback_form`` as a general error."""
    for param in invalid_params:
        target = resolve(param.get("name", ""))
        if target is None:
            fallback_form.add_error(None, param.get("reason", ""))
            continue
        form, field = target
        key = field or forms.forms.NON_FIELD_ERRORS
        if key in form.errors and param.get("reason") in form.errors[key]:
            continue
        form.add_error(field, param.get("reason", ""))


def simple_resolver(form):
    """Resolve a service field name to the form field of the same name, if the form has one."""

    def resolve(name):
        return (form, name) if name in form.fields else None

    return resolve


REQUIRED_LABEL = _("(verplicht)")
