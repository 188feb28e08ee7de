from django import template

register = template.Library()


@register.filter
def casusnummers(entry, nummers: dict) -> str:
    """The case numbers a log entry refers to, or the number of objects for other object types."""
    if entry.objecttype == "casus":
        return ", ".join(nummers.get(str(object_id), "?") for object_id in entry.object_ids)
    return str(len(entry.object_ids))
