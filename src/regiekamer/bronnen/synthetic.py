"""Synthetic connectors over the demo data, standing in for BRP, BAG, KvK, permits and benefits.

Answers are deterministic: derived from the subject and the records already in Regiekamer, so the same
question always gets the same answer and tests can rely on them.
"""

import datetime as dt
import hashlib

from django.db.models import Count

from regiekamer.bronnen.connectors import BagAdres, BronConnector
from regiekamer.subjects.models import Adres, Persoon, SubjectRelatie

STREETS = [
    "Kerkstraat",
    "Schoolstraat",
    "Molenweg",
    "Dorpsstraat",
    "Stationsweg",
    "Beukenlaan",
    "Eikenlaan",
    "Julianastraat",
    "Wilhelminastraat",
    "Oranjestraat",
    "Nieuwstraat",
    "Marktplein",
    "Havenkade",
    "Lindelaan",
    "Parkweg",
    "Vondellaan",
    "Rembrandtstraat",
    "Spoorstraat",
    "Tulpstraat",
    "Iepenhof",
]


def stable_number(*parts) -> int:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return int(digest[:12], 16)


def _registered_at(adres):
    return SubjectRelatie.objects.filter(
        naar_adres=adres,
        soort__in=[SubjectRelatie.Soort.INGESCHREVEN_OP, SubjectRelatie.Soort.WOONT_OP],
        van_persoon__isnull=False,
    ).select_related("van_persoon")


class SyntheticBrp(BronConnector):
    code = "brp"
    naam = "BRP (Basisregistratie Personen)"
    subject_soorten = ("persoon", "adres")

    def is_bekend(self, subject) -> bool:
        if isinstance(subject, Persoon):
            return bool(subject.bsn)
        return _registered_at(subject).exists()

    def inhoud(self, subject) -> dict[str, str]:
        if isinstance(subject, Adres):
            residents = [relatie.van_persoon for relatie in _registered_at(subject)]
            return {
                "Aantal ingeschreven personen": str(len(residents)),
                "Ingeschreven personen": ", ".join(p.volledige_naam for p in residents) or "geen",
            }
        relatie = (
            SubjectRelatie.objects.filter(
                van_persoon=subject, naar_adres__isnull=False, soort=SubjectRelatie.Soort.INGESCHREVEN_OP
            )
            .select_related("naar_adres")
            .first()
        )
        since = dt.date(2005, 1, 1) + dt.timedelta(days=stable_number("brp", subject.bsn) % 7000)
        return {
            "Naam": subject.volledige_naam,
            "Geboortedatum": subject.geboortedatum.isoformat() if subject.geboortedatum else "onbekend",
            "Inschrijfadres": str(relatie.naar_adres) if relatie else "geen adres in de gemeente",
            "Ingeschreven sinds": since.isoformat(),
            "Aantal personen op inschrijfadres": str(_registered_at(relatie.naar_adres).count()) if relatie else "0",
        }

    def ingeschrevenen_per_adres(self, gemeente, minimum: int) -> dict:
        return dict(
            SubjectRelatie.objects.filter(
                gemeente=gemeente,
                naar_adres__isnull=False,
                van_persoon__isnull=False,
                soort__in=[SubjectRelatie.Soort.INGESCHREVEN_OP, SubjectRelatie.Soort.WOONT_OP],
            )
            .values_list("naar_adres_id")
            .annotate(aantal=Count("van_persoon_id", distinct=True))
            .filter(aantal__gte=minimum)
            .order_by()
        )


class SyntheticBag(BronConnector):
    code = "bag"
    naam = "BAG (Basisregistratie Adressen en Gebouwen)"
    subject_soorten = ("adres",)
    GEBRUIKSDOELEN = [
        "woonfunctie",
        "woonfunctie",
        "woonfunctie",
        "winkelfunctie",
        "bijeenkomstfunctie",
        "industriefunctie",
        "kantoorfunctie",
    ]

    def is_bekend(self, subject) -> bool:
        return subject.buurt_id is not None

    def inhoud(self, subject) -> dict[str, str]:
        number = stable_number("bag", subject.postcode, subject.huisnummer, subject.huisletter, subject.toevoeging)
        return {
            "Adres": str(subject),
            "Bouwjaar": str(1900 + number % 122),
            "Oppervlakte": f"{40 + number % 160} m²",
            "Gebruiksdoel": self.GEBRUIKSDOELEN[number % len(self.GEBRUIKSDOELEN)],
            "Buurt": str(subject.buurt) if subject.buurt_id else "onbekend",
        }

    def lookup(self, gemeente, postcode: str, huisnummer: int) -> BagAdres | None:
        from regiekamer.subjects.services import buurt_for_postcode

        buurt = buurt_for_postcode(gemeente, postcode)
        if buurt is None:
            return None
        number = stable_number("bag-straat", postcode)
        latitude = longitude = None
        if buurt.latitude is not None and buurt.longitude is not None:
            latitude, longitude = self.coordinates(buurt.latitude, buurt.longitude, postcode, huisnummer)
        return BagAdres(STREETS[number % len(STREETS)], gemeente.naam, latitude, longitude)

    @staticmethod
    def coordinates(latitude: float, longitude: float, postcode: str, huisnummer: int) -> tuple[float, float]:
        """The synthetic position of an address: a fixed offset from its buurt's point (also used by the demo's
        bulk loader, so its addresses lie where this connector puts them)."""
        offset = stable_number("bag-nummer", postcode, huisnummer)
        return (
            round(latitude + ((offset % 200) - 100) / 40000, 6),
            round(longitude + (((offset // 200) % 200) - 100) / 25000, 6),
        )


class SyntheticKvk(BronConnector):
    code = "kvk"
    naam = "KvK Handelsregister"
    subject_soorten = ("rechtspersoon", "persoon")
    RECHTSVORMEN = ["Besloten vennootschap", "Eenmanszaak", "Vennootschap onder firma", "Stichting"]
    ACTIVITEITEN = [
        "Cafés",
        "Kappers",
        "Groothandel in auto's",
        "Nagelstudio",
        "Belwinkel",
        "Thuiszorg",
        "Uitzendbureau",
        "Bouwbedrijf",
        "Taxibedrijf",
        "Autowasstraat",
    ]

    def _bestuurder_van(self, persoon):
        return SubjectRelatie.objects.filter(
            van_persoon=persoon, soort=SubjectRelatie.Soort.BESTUURDER, naar_rechtspersoon__isnull=False
        ).select_related("naar_rechtspersoon")

    def is_bekend(self, subject) -> bool:
        if isinstance(subject, Persoon):
            return self._bestuurder_van(subject).exists()
        return bool(subject.kvk_nummer)

    def inhoud(self, subject) -> dict[str, str]:
        if isinstance(subject, Persoon):
            return {"Bestuurder van": ", ".join(str(r.naar_rechtspersoon) for r in self._bestuurder_van(subject))}
        number = stable_number("kvk", subject.kvk_nummer)
        bestuurders = SubjectRelatie.objects.filter(
            naar_rechtspersoon=subject, soort=SubjectRelatie.Soort.BESTUURDER
        ).select_related("van_persoon")
        return {
            "Naam": subject.naam,
            "KvK-nummer": subject.kvk_nummer,
            "Rechtsvorm": self.RECHTSVORMEN[number % len(self.RECHTSVORMEN)],
            "Activiteit (SBI)": self.ACTIVITEITEN[number % len(self.ACTIVITEITEN)],
            "Datum oprichting": (dt.date(2012, 1, 1) + dt.timedelta(days=number % 5000)).isoformat(),
            "Bestuurders": ", ".join(str(r.van_persoon) for r in bestuurders if r.van_persoon) or "niet bekend",
        }


class SyntheticVergunningen(BronConnector):
    code = "vergunningen"
    naam = "Vergunningenregistratie gemeente"
    subject_soorten = ("adres", "rechtspersoon")
    SOORTEN = [
        "Exploitatievergunning horeca",
        "Omgevingsvergunning verbouwing",
        "Drank- en horecavergunning",
        "Evenementenvergunning",
        "Splitsingsvergunning",
    ]

    def _number(self, subject):
        if isinstance(subject, Adres):
            key = (subject.postcode, subject.huisnummer, subject.huisletter, subject.toevoeging)
        else:
            key = (subject.kvk_nummer or subject.naam.lower(),)
        return stable_number("vergunning", *key)

    def is_bekend(self, subject) -> bool:
        return self._number(subject) % 4 == 0

    def inhoud(self, subject) -> dict[str, str]:
        number = self._number(subject)
        if number % 4:
            return {}
        return {
            "Vergunning": self.SOORTEN[(number // 4) % len(self.SOORTEN)],
            "Verleend op": (dt.date(2018, 1, 1) + dt.timedelta(days=number % 2500)).isoformat(),
            "Status": "verleend" if number % 3 else "ingetrokken",
        }


class SyntheticUitkeringen(BronConnector):
    code = "uitkeringen"
    naam = "Uitkeringsadministratie Werk & Inkomen"
    subject_soorten = ("persoon",)

    def _number(self, subject):
        return stable_number("uitkering", subject.bsn or subject.naam_sleutel, subject.geboortedatum)

    def is_bekend(self, subject) -> bool:
        return self._number(subject) % 3 == 0

    def inhoud(self, subject) -> dict[str, str]:
        number = self._number(subject)
        if number % 3:
            return {}
        return {
            "Regeling": "Participatiewet (bijstand)" if number % 2 else "IOAW",
            "Sinds": (dt.date(2015, 1, 1) + dt.timedelta(days=number % 3500)).isoformat(),
            "Bedrag per maand": f"€ {1000 + number % 600},00",
            "Kostendelersnorm toegepast": "ja" if number % 5 == 0 else "nee",
        }
