"""Which connector serves which source, from ``settings.REGIEKAMER_BRONNEN``."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from regiekamer.bronnen.connectors import BagAdres, BronConnector

DEFAULT_BRONNEN = {
    "brp": "regiekamer.bronnen.synthetic.SyntheticBrp",
    "bag": "regiekamer.bronnen.synthetic.SyntheticBag",
    "kvk": "regiekamer.bronnen.synthetic.SyntheticKvk",
    "vergunningen": "regiekamer.bronnen.synthetic.SyntheticVergunningen",
    "uitkeringen": "regiekamer.bronnen.synthetic.SyntheticUitkeringen",
}


@cache
def connectors() -> dict[str, BronConnector]:
    paths = getattr(settings, "REGIEKAMER_BRONNEN", DEFAULT_BRONNEN)
    return {code: import_string(path)() for code, path in paths.items()}


def connector(code: str) -> BronConnector | None:
    return connectors().get(code)


def bag_lookup(gemeente, postcode: str, huisnummer: int) -> BagAdres | None:
    """Street, place and coordinates for a new address, when the BAG connector can tell."""
    bag = connector("bag")
    lookup = getattr(bag, "lookup", None)
    return lookup(gemeente, postcode, huisnummer) if lookup else None
