"""The interface every source connector implements.

A real connector (BRP via Haal Centraal, BAG, KvK Handelsregister, a permit or benefits system)
implements the same two questions; which class serves which source is set in
``settings.REGIEKAMER_BRONNEN``.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class BagAdres:
    straat: str
    woonplaats: str
    latitude: float | None
    longitude: float | None


class BronConnector(ABC):
    code: str = ""
    naam: str = ""
    # Which subject kinds this source can be asked about: "persoon", "adres", "rechtspersoon".
    subject_soorten: tuple[str, ...] = ()

    @abstractmethod
    def is_bekend(self, subject) -> bool:
        """Hit/no-hit: whether the subject is known in the source at all. Reveals nothing else."""

    @abstractmethod
    def inhoud(self, subject) -> dict[str, str]:
        """The content the source holds about the subject, as label → value."""

    def ingeschrevenen_per_adres(self, gemeente, minimum: int) -> dict:
        """For a register of persons (BRP): address id -> number of persons registered there, for the addresses of
        the gemeente with at least ``minimum``. Used for the hotspot list; a connector that cannot answer this in
        bulk returns an empty dict."""
        return {}

    def supports(self, subject) -> bool:
        return subject_soort(subject) in self.subject_soorten


def subject_soort(subject) -> str:
    return type(subject).__name__.lower()
