"""Small numbers in aggregate figures: one rule for the map, the area view, hotspots, dashboards and reports.

As CBS and Zicht op Ondermijning do, a count of 1 to 4 is shown as "< 5" to anyone who may not see personal data,
so that a figure cannot point to a person; 0 stays 0.
"""

from regiekamer.accounts import permissions

ONDERDRUKT = "< 5"
DREMPEL = 5


def is_klein(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < DREMPEL


def onderdruk(aantal, onderdrukken: bool = True):
    """A count as shown: 1 to 4 become "< 5" when ``onderdrukken``."""
    return ONDERDRUKT if onderdrukken and is_klein(aantal) else aantal


def onderdrukken_voor(principal) -> bool:
    """Whether this viewer gets small numbers suppressed: everyone who may not see personal data."""
    return not permissions.has_capability(principal, permissions.VIEW_SUBJECTS)
