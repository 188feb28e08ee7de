"""Synthetic signals for one gemeente, generated in the order they came in, with their subjects, wegingen and
source queries. The cases the protocol hands over are made by ``cases.CaseMaker``.

Everything is drawn from one seeded random generator per gemeente, so the same seed, the same buurten and the same
moment give the same data (only the ciphertexts differ: every encryption has its own random IV, as in the
application). Values follow the services' rules: the signal number continues the gemeente's counter per year, the
status is the ``status_na`` of the last weging and every weging starts from the status the one before it ended in,
the step, deadline and closing fields are what ``protocol.services`` would have set at those moments, a privacy check
records its legal basis, a "doorgaan" after source research follows at least one source query, and "casus" opens the
case that the weging names.
"""

import bisect
import datetime as dt
import heapq
import json
import math
import random
import re
import zoneinfo
from functools import lru_cache

from django.conf import settings
from stdnum.nl import bsn as bsn_number

from regiekamer.bronnen.registry import connectors
from regiekamer.bronnen.synthetic import STREETS, SyntheticBag, stable_number
from regiekamer.core.crypto import blind_index
from regiekamer.core.workdays import add_working_days
from regiekamer.delen.models import MINIMAAL
from regiekamer.demo import data
from regiekamer.demo.builder import (
    BRON_LABELS,
    DELAYS,
    ENDINGS,
    KENTEKEN_LETTERS,
    MAIN_LINE,
    NA_BRONNEN_DOORGAAN,
    POSTCODE_LETTERS,
)
from regiekamer.doelbinding.doelen import doel_voor_organisatie
from regiekamer.protocol.doorlooptijden import WegingRij, replay
from regiekamer.protocol.machine import STEP_OF_STATUS, WEGINGEN, Status, is_final
from regiekamer.signalen.models import Indicator
from regiekamer.subjects.services import name_key

UTC = dt.UTC


def _blok_naam(voornaam: str, tussen: str, achternaam: str) -> str:
    """The person's name blocking key, as ``Persoon.save`` sets it (entity resolution finds candidates by it)."""
    from regiekamer.identiteit import matching

    return matching.naam_blok(matching.achternaam_sleutel(tussen, achternaam), matching.voornamen_delen(voornaam)[1])


def _rechtspersoon_sleutel(naam: str) -> str:
    from regiekamer.identiteit import matching

    return matching.rechtspersoon_sleutel(naam)


AMS = zoneinfo.ZoneInfo(settings.TIME_ZONE)

# How far back the synthetic signals go.
HISTORY_DAYS = 3 * 365
# Final status per severity of the template. Most signals end in the first steps; the heavy ones more often in a
# case or with the RIEC. About 2-4 wegingen per signal on average.
FINAL_WEIGHTS = {
    "licht": {
        Status.GEEN_ONDERMIJNING: 45,
        Status.NIET_GEMEENTELIJK: 12,
        Status.ANDER_GRONDGEBIED: 2,
        Status.GEEN_ACTIE: 22,
        Status.DOORGEZET_AFDELING: 15,
        Status.DOORGEZET_RIEC: 1,
        Status.GESTOPT: 2,
        Status.GEEN_CASUS: 0.7,
        Status.CASUS: 0.3,
    },
    "normaal": {
        Status.GEEN_ONDERMIJNING: 32,
        Status.NIET_GEMEENTELIJK: 11,
        Status.ANDER_GRONDGEBIED: 3,
        Status.GEEN_ACTIE: 18,
        Status.DOORGEZET_AFDELING: 18,
        Status.DOORGEZET_RIEC: 5,
        Status.GESTOPT: 6,
        Status.GEEN_CASUS: 3,
        Status.CASUS: 4,
    },
    "zwaar": {
        Status.GEEN_ONDERMIJNING: 14,
        Status.NIET_GEMEENTELIJK: 6,
        Status.ANDER_GRONDGEBIED: 2,
        Status.GEEN_ACTIE: 10,
        Status.DOORGEZET_AFDELING: 14,
        Status.DOORGEZET_RIEC: 22,
        Status.GESTOPT: 10,
        Status.GEEN_CASUS: 9,
        Status.CASUS: 13,
    },
}
OPEN_RECENT = {
    Status.WEGING_1: 4,
    Status.WEGING_2A: 1,
    Status.WEGING_2B: 1,
    Status.WEGING_3: 3,
    Status.PRIVACYCHECK_1: 1,
}
OPEN_LATER = {
    Status.WEGING_1: 1,
    Status.WEGING_3: 3,
    Status.PRIVACYCHECK_1: 2,
    Status.BRONNENONDERZOEK: 3,
    Status.PRIVACYCHECK_2A: 2,
    Status.PRIVACYCHECK_2B: 1,
    Status.AANPAK: 2,
}
OPEN_LENGTH = {
    definition.from_status: index for index, (soort, _u) in enumerate(MAIN_LINE) for definition in [WEGINGEN[soort]]
}
CORRECTION_SHARE = 0.004  # weging 3 "geen actie" corrected to "bronnenonderzoek" a few days later
PERSON_REUSE = 0.15  # a person who was in an earlier signal
HOTSPOT_SHARE = 0.12  # an address that keeps coming back
RECENT_POOL = 40_000  # persons kept for reuse (the most recent ones)
COMPANY_POOL = 5_000


_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_UUID_SET = (0x8000 << 48) | (4 << 76)


def new_id(rng) -> str:
    """A random (version 4) UUID in the dashed form, from the seeded generator."""
    text = "%032x" % (rng.getrandbits(128) & _UUID_CLEAR | _UUID_SET)
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


@lru_cache(maxsize=16384)
def working_days_after(day: dt.date, days: int) -> dt.date:
    return add_working_days(day, days)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(AMS).date()


def format_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class Person:
    __slots__ = ("id", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn", "man", "adres", "sleutel")

    def __init__(self, id, voornamen, tussenvoegsel, achternaam, geboortedatum, bsn, man, sleutel):
        self.id, self.voornamen, self.tussenvoegsel, self.achternaam = id, voornamen, tussenvoegsel, achternaam
        self.geboortedatum, self.bsn, self.man, self.sleutel = geboortedatum, bsn, man, sleutel
        self.adres = None

    @property
    def naam(self) -> str:
        return " ".join(part for part in (self.voornamen, self.tussenvoegsel, self.achternaam) if part)


class Address:
    __slots__ = ("id", "postcode", "huisnummer", "huisletter", "straat", "buurt", "residents", "stored")

    def __init__(self, id, postcode, huisnummer, huisletter, straat, buurt, stored):
        self.id, self.postcode, self.huisnummer, self.huisletter = id, postcode, huisnummer, huisletter
        self.straat, self.buurt, self.stored = straat, buurt, stored
        self.residents: list[str] = []  # names of the persons registered here

    @property
    def tekst(self) -> str:
        return f"{self.straat} {self.huisnummer}{self.huisletter} ({self.postcode[:4]} {self.postcode[4:]})"

    def __str__(self):  # as subjects.models.Adres.__str__ with street and place
        return f"{self.straat} {self.huisnummer}{self.huisletter}, {self.postcode[:4]} {self.postcode[4:]}"


class Batch:
    """Rows per table and ids per kind of logged record, written and cleared together."""

    def __init__(self, keys):
        self.rows = {key: [] for key in keys}
        self.logged = {"signaal": [], "weging": [], "bronraadpleging": [], "casus": []}
        self.signalen = 0

    def add(self, key: str, row: tuple) -> None:
        self.rows[key].append(row)


class SignalMaker:
    """Generates the signals of one gemeente."""

    def __init__(self, world, rng, fake, now: dt.datetime, encrypt, cases):
        self.world = world
        self.rng = rng
        self.now = now
        self.today = local_date(now)
        self.enc = encrypt
        self.cases = cases  # cases.CaseMaker
        self.gid = world.gid
        self.latest = now - dt.timedelta(minutes=20)
        self.latest_local = self.latest.astimezone(AMS).replace(tzinfo=None)
        self.details_json: dict[tuple, str] = {}

        # Templates: Zuiderveen's places only in Zuiderveen; a buurt without postcodes gets signals about a place.
        first = world.spec.key == data.GEMEENTEN[0].key
        self.templates_address = [s for s in data.SJABLONEN if s.adres]
        self.templates_place = [s for s in data.SJABLONEN if not s.adres]
        self.templates_any = list(data.SJABLONEN) if first else self.templates_address
        self.cum_any = _cumulative([s.gewicht for s in self.templates_any])
        self.cum_place = _cumulative([s.gewicht for s in self.templates_place])
        self.cum_buurt = _cumulative([buurt.gewicht for buurt in world.buurten])
        self.addressable = [buurt for buurt in world.buurten if buurt.postcodes]
        self.cum_addressable = _cumulative([buurt.gewicht for buurt in self.addressable])

        # Names from Faker's Dutch lists, with the demo's extra names for a city's variety.
        self.first_m = [fake.first_name_male() for _ in range(1500)] + list(data.EXTRA_VOORNAMEN_M) * 40
        self.first_v = [fake.first_name_female() for _ in range(1500)] + list(data.EXTRA_VOORNAMEN_V) * 40
        self.last = [fake.last_name() for _ in range(4000)] + list(data.EXTRA_ACHTERNAMEN) * 50
        self.name_keys: dict[tuple, str] = {}
        self.pool: list[Person] = []
        self.pool_next = 0
        self.bsn_prefixes: set[int] = set()
        self.addresses: dict[tuple, Address] = {}  # every address this run made or used
        self.hotspots: list[Address] = []
        self.cum_hotspots: list[float] = []
        self.companies: list[tuple[str, str, str]] = []  # (id, naam, kvk)
        self.vehicles: dict[str, str] = {}
        self.relapses: list[tuple[float, int, object]] = []  # (moment, order, CaseInfo): a signal after closing
        self.relapse_order = 0
        self.streets: dict[str, str] = {}
        self.bag = SyntheticBag()
        self.soorten = {code: set(connector.subject_soorten) for code, connector in connectors().items()}
        self.user_share = data.AANDEEL_GEBRUIKER
        self.org_ids = {key: str(organisatie.pk) for key, organisatie in world.org.items()}
        self.doelen = {key: doel_voor_organisatie(organisatie) for key, organisatie in world.org.items()}

    # --- When signals come in ----------------------------------------------------------------------------------

    def moments(self, count: int) -> list[dt.datetime]:
        """``count`` moments over the last three years, in order: slowly growing numbers with a seasonal wave,
        most in office hours on working days, partner systems also at night and at the weekend."""
        rng = self.rng
        now_local = self.now.astimezone(AMS)
        result = []
        while len(result) < count:
            days = rng.random() * HISTORY_DAYS
            weight = (1 + 0.5 * (1 - days / HISTORY_DAYS)) * (1 + 0.12 * math.sin(2 * math.pi * days / 365.25 + 1.0))
            if rng.random() * 1.7 > weight:
                continue
            day = (now_local - dt.timedelta(days=days)).date()
            office = rng.random() < 0.8
            if office:
                while day.weekday() >= 5:
                    day -= dt.timedelta(days=1)
                clock = dt.time(rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59))
            else:
                clock = dt.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
            moment = dt.datetime.combine(day, clock, tzinfo=AMS).astimezone(UTC)
            if moment > self.now - dt.timedelta(minutes=30):
                continue
            result.append((moment, office))
        result.sort(key=lambda item: item[0])
        return result

    # --- Subjects ------------------------------------------------------------------------------------------------

    def setup_hotspots(self, count: int) -> None:
        """Addresses that come back again and again; a few of them (1 %) far more often than the rest."""
        self.hotspots = [self.random_address(self.pick_addressable()) for _ in range(max(6, count))]
        busy = max(1, len(self.hotspots) // 100)
        self.cum_hotspots = _cumulative([10 if index < busy else 1 for index in range(len(self.hotspots))])

    def pick_buurt(self):
        return self.world.buurten[bisect.bisect(self.cum_buurt, self.rng.random() * self.cum_buurt[-1])]

    def pick_addressable(self):
        return self.addressable[bisect.bisect(self.cum_addressable, self.rng.random() * self.cum_addressable[-1])]

    def random_address(self, buurt) -> Address:
        rng = self.rng
        while True:
            letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
            if letters not in ("SA", "SD", "SS"):
                break
        postcode = rng.choice(buurt.postcodes) + letters
        huisnummer = rng.randint(1, 180)
        huisletter = rng.choice("ABC") if rng.random() < 0.08 else ""
        key = (postcode, huisnummer, huisletter, "")
        address = self.addresses.get(key)
        if address is None:
            street = self.streets.get(postcode)
            if street is None:
                street = self.streets[postcode] = STREETS[stable_number("bag-straat", postcode) % len(STREETS)]
            existing = self.world.adressen.get(key)
            address = Address(existing or new_id(rng), postcode, huisnummer, huisletter, street, buurt, bool(existing))
            self.addresses[key] = address
        return address

    def pick_address(self, buurt) -> Address:
        if self.hotspots and self.rng.random() < HOTSPOT_SHARE:
            return self.hotspots[bisect.bisect(self.cum_hotspots, self.rng.random() * self.cum_hotspots[-1])]
        return self.random_address(buurt)

    def new_bsn(self) -> str:
        """A unique BSN that passes the elfproef: eight random digits and the check digit stdnum's checksum asks."""
        rng = self.rng
        while True:
            prefix = rng.randrange(10_000_000, 100_000_000)
            if prefix in self.bsn_prefixes:
                continue
            last = bsn_number.checksum(f"{prefix}0")
            if last > 9:
                continue
            number = f"{prefix}{last}"
            if not bsn_number.is_valid(number):
                continue
            index = blind_index(number)
            if index in self.world.bsn_indexes:
                continue
            self.bsn_prefixes.add(prefix)
            return number

    def new_person(self, man: bool, day: dt.date, leeftijd: tuple[int, int], batch: Batch, moment) -> Person:
        rng = self.rng
        voornaam = rng.choice(self.first_m if man else self.first_v)
        words = rng.choice(self.last).split()
        tussenvoegsel = []
        while len(words) > 1 and words[0].islower():
            tussenvoegsel.append(words.pop(0))
        tussen, achternaam = " ".join(tussenvoegsel), " ".join(words)
        age = rng.randint(*leeftijd)
        try:
            birthday = day.replace(year=day.year - age)
        except ValueError:  # 29 February
            birthday = day.replace(year=day.year - age, day=28)
        geboortedatum = birthday - dt.timedelta(days=rng.randint(1, 360))
        bsn = self.new_bsn() if rng.random() < 0.5 else ""
        names = (voornaam, tussen, achternaam)
        sleutel = self.name_keys.get(names)
        if sleutel is None:
            sleutel = self.name_keys[names] = name_key(voornaam, tussen, achternaam)
        person = Person(new_id(rng), voornaam, tussen, achternaam, geboortedatum, bsn, man, sleutel)
        batch.add(
            "persoon",
            (
                person.id,
                self.gid,
                voornaam,
                tussen,
                achternaam,
                geboortedatum,
                self.enc.bsn(bsn),
                blind_index(bsn),
                sleutel,
                moment,
                _blok_naam(voornaam, tussen, achternaam),
            ),
        )
        if len(self.pool) < RECENT_POOL:
            self.pool.append(person)
        else:
            self.pool[self.pool_next] = person
            self.pool_next = (self.pool_next + 1) % RECENT_POOL
        return person

    def pick_person(self, gender: str, day: dt.date, leeftijd, batch: Batch, moment) -> Person:
        rng = self.rng
        want_man = {"m": True, "v": False}.get(gender, rng.random() < 0.6)
        if self.pool and rng.random() < PERSON_REUSE:
            for _ in range(15):
                person = self.pool[rng.randrange(len(self.pool))]
                age = day.year - person.geboortedatum.year
                if (gender == "*" or person.man == want_man) and leeftijd[0] <= age <= leeftijd[1] + 2:
                    return person
        return self.new_person(want_man, day, leeftijd, batch, moment)

    def pick_company(self, soorten, batch: Batch, moment) -> tuple[str, str, str]:
        rng = self.rng
        if self.companies and rng.random() < 0.25:
            return self.companies[rng.randrange(len(self.companies))]
        naam = f"{rng.choice(data.BEDRIJF_WOORDEN)} {rng.choice(soorten)} "
        naam += rng.choice(("B.V.", "B.V.", "V.O.F.", "Holding B.V."))
        while True:
            kvk = str(rng.randint(60000000, 99999999))
            if kvk not in self.world.kvks:
                self.world.kvks.add(kvk)
                break
        company = (new_id(rng), naam, kvk)
        batch.add("rechtspersoon", (company[0], self.gid, kvk, naam, moment, _rechtspersoon_sleutel(naam)))
        if len(self.companies) < COMPANY_POOL:
            self.companies.append(company)
        else:
            self.companies[rng.randrange(COMPANY_POOL)] = company
        return company

    def vehicle(self, kenteken: str, omschrijving: str, batch: Batch, moment) -> str:
        stored = kenteken.replace("-", "")
        existing = self.world.kentekens.get(stored) or self.vehicles.get(stored)
        if existing:
            return existing
        vehicle_id = new_id(self.rng)
        self.vehicles[stored] = vehicle_id
        batch.add("voertuig", (vehicle_id, self.gid, stored, omschrijving, moment))
        return vehicle_id

    def register(self, person: Person, address: Address, batch: Batch, moment) -> None:
        """The person lives and is registered at the address (two relations, as the demo records them)."""
        self.store_address(address, batch, moment)
        person.adres = address
        address.residents.append(person.naam)
        for soort in ("woont-op", "ingeschreven-op"):
            batch.add("relatie", (new_id(self.rng), self.gid, soort, person.id, None, None, address.id, None, None, ""))

    def store_address(self, address: Address, batch: Batch, moment) -> None:
        """Write the address when a signal first names it, with the street and coordinates the BAG connector
        gives (``SyntheticBag.coordinates``)."""
        if address.stored:
            return
        address.stored = True
        lat = lon = None
        buurt = address.buurt
        if buurt.latitude is not None and buurt.longitude is not None:
            lat, lon = self.bag.coordinates(buurt.latitude, buurt.longitude, address.postcode, address.huisnummer)
        batch.add(
            "adres",
            (
                address.id,
                self.gid,
                address.postcode,
                address.huisnummer,
                address.huisletter,
                "",
                address.straat,
                self.world.gemeente.naam,
                buurt.id,
                lat,
                lon,
                moment,
            ),
        )

    # --- One signal ----------------------------------------------------------------------------------------------

    def signal(self, moment: dt.datetime, office: bool, buurt, batch: Batch) -> None:
        rng = self.rng
        world = self.world
        if buurt is None:
            buurt = self.pick_buurt()
        if buurt.postcodes:
            sjabloon = self.templates_any[bisect.bisect(self.cum_any, rng.random() * self.cum_any[-1])]
        else:
            sjabloon = self.templates_place[bisect.bisect(self.cum_place, rng.random() * self.cum_place[-1])]
        melder_key = rng.choice(sjabloon.melders)
        if melder_key not in world.org:
            melder_key = "ondermijning"
        organisatie = world.org[melder_key]
        users = world.reporters.get(melder_key, [])
        user = None
        if office and users and rng.random() < self.user_share.get(melder_key, 1.0):
            user = rng.choice(users)
        day = local_date(moment)

        # The details a template's sentences ask for, drawn only when a chosen sentence uses them.
        context = Context(rng)
        context["gemeente"] = world.gemeente.naam
        context["locatie"] = rng.choice(sjabloon.locaties) if sjabloon.locaties else f"een plek in {buurt.naam}"
        person = address = company = None
        relapse = None
        if sjabloon.persoon:
            relapse = self._relapse_due(moment)
            if relapse is not None and relapse.person is not None:
                person = relapse.person
            else:
                person = self.pick_person(sjabloon.persoon, day, sjabloon.leeftijd, batch, moment)
            age = day.year - person.geboortedatum.year
            age -= (day.month, day.day) < (person.geboortedatum.month, person.geboortedatum.day)
            context.update(naam=person.naam, voornaam=person.voornamen, leeftijd=age)
            context.update(_PRONOUNS[person.man])
        if sjabloon.adres:
            if relapse is not None and relapse.address is not None:
                address = relapse.address
            elif person is not None and person.adres is not None and rng.random() < 0.85:
                address = person.adres
            else:
                address = self.pick_address(buurt)
                if person is not None and person.adres is None and rng.random() < 0.8:
                    self.register(person, address, batch, moment)
            self.store_address(address, batch, moment)
            context.update(adres=address.tekst, straat=address.straat)
        if sjabloon.bedrijf:
            company = self.pick_company(sjabloon.bedrijf, batch, moment)
            context.update(bedrijf=company[1], kvk=company[2])
        sentences = [rng.choice(part) for part in sjabloon.delen]
        vehicle_id = None
        if sjabloon.voertuig and any("{kenteken}" in sentence for sentence in sentences):
            bus = any("{bus}" in sentence for sentence in sentences)
            vehicle_id = self.vehicle(context["kenteken"], context["bus" if bus else "auto"], batch, moment)
        omschrijving = " ".join(sentence.format_map(context) for sentence in sentences if sentence)
        omschrijving = re.sub(r"(B\.V|V\.O\.F)\.\.", r"\1.", omschrijving)

        signal_buurt = address.buurt if address is not None else buurt
        sig = SignalPlan(
            id=new_id(rng),
            moment=moment,
            sjabloon=sjabloon,
            organisatie=organisatie,
            doel=self.doelen[melder_key],
            person=person,
            address=address,
            company=company,
            buurt=signal_buurt,
        )
        sig.locatie = context["locatie"] if not sjabloon.adres else ""
        # The reporter ticks most of the red flags and anchoring indicators the situation shows, not always all.
        known = [code for code in sjabloon.indicatoren if code in world.indicatoren]
        ticked = tuple(code for code in known if rng.random() < 0.75)
        sig.indicatoren = ticked or tuple(known[:1])
        sig.nummer = self._nummer(moment)
        sig.weger = world.weger_for(rng, sjabloon.fenomenen)
        days_ago = (self.now - moment).total_seconds() / 86400
        sig.status = self._pick_status(days_ago, sjabloon.zwaarte, bool(person or address or company))
        sig.correctie = rng.random() < CORRECTION_SHARE
        sig.gestopt_bij = "pc2a" if rng.random() < 0.3 and (person or address or company) else "bronnen"
        sig.pc2b_delen = rng.random() < 0.75
        transitions = self._weigh(sig, batch)
        replay = self._replay(sig, transitions)

        batch.add(
            "signaal",
            (
                sig.id,
                self.gid,
                sig.nummer,
                moment,
                self.enc.text(omschrijving),
                self.org_ids[melder_key],
                user.pk if user is not None else None,
                None if user is not None else world.tokens[melder_key],
                bool(sjabloon.anonieme_bron),
                sjabloon.anonieme_bron,
                sig.locatie,
                signal_buurt.id,
                sig.doel,
                sig.status,
                *replay,
            ),
        )
        for code in sjabloon.fenomenen:
            batch.add("signaal_fenomenen", (sig.id, world.fenomenen[code][0]))
        for code in sig.indicatoren:
            batch.add("signaal_indicatoren", (sig.id, world.indicatoren[code][0]))
        if person is not None:
            batch.add("signaal_personen", (sig.id, person.id))
        if address is not None:
            batch.add("signaal_adressen", (sig.id, address.id))
        if company is not None:
            batch.add("signaal_rechtspersonen", (sig.id, company[0]))
        if vehicle_id is not None:
            batch.add("signaal_voertuigen", (sig.id, vehicle_id))
        batch.logged["signaal"].append(sig.id)
        batch.signalen += 1
        # Intake links a new signal to the open (or recently closed) cases of its subjects.
        self.cases.link_new_signal(sig, batch)
        if sig.casus_moment is not None:
            self.cases.open_case(sig, batch)

    # --- Numbering and status ------------------------------------------------------------------------------------

    def _nummer(self, moment: dt.datetime) -> str:
        year = local_date(moment).year
        last = self.world.signaal_nummers.get(year, 0) + 1
        self.world.signaal_nummers[year] = last
        return f"S{year}-{last:05d}"

    def _pick_status(self, days_ago: float, zwaarte: str, has_subject: bool) -> str:
        rng = self.rng
        if days_ago < 2:
            choices = {Status.WEGING_1: 8, Status.WEGING_2A: 1, Status.WEGING_2B: 1}
        else:
            p_open = (
                0.85
                if days_ago < 10
                else 0.5
                if days_ago < 30
                else 0.2
                if days_ago < 90
                else 0.03
                if days_ago < 365
                else 0.004
            )
            if rng.random() < p_open:
                choices = OPEN_RECENT if days_ago < 10 else OPEN_LATER
            else:
                choices = FINAL_WEIGHTS[zwaarte]
                if days_ago > 330:
                    # "Geen actie" signals are destroyed after a year: the older ones are gone already.
                    choices = _WITHOUT_GEEN_ACTIE[zwaarte]
        statuses, cumulative = _CUMULATIVE.get(id(choices)) or _cumulative_of(choices)
        status = statuses[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
        if not has_subject and status in NA_BRONNEN_DOORGAAN:
            # Without a subject no source can be consulted, and "doorgaan" needs a source query.
            status = Status.DOORGEZET_AFDELING
        return status

    def _path(self, sig) -> list[tuple[str, str]]:
        status = sig.status
        if status in ENDINGS:
            length, soort, uitkomst = ENDINGS[status]
            steps = list(MAIN_LINE[:length]) + [(soort, uitkomst)]
        elif status == Status.GESTOPT:
            if sig.gestopt_bij == "pc2a":
                steps = list(MAIN_LINE[:6]) + [("pc2a", "niet-delen")]
            else:
                steps = list(MAIN_LINE[:5]) + [("bronnen", "stoppen")]
        else:
            steps = list(MAIN_LINE[: OPEN_LENGTH[status]])
        if not sig.pc2b_delen:
            steps = [("pc2b", "niet-delen") if step == ("pc2b", "delen") else step for step in steps]
        if sig.correctie and ("3", "bronnenonderzoek") in steps:
            index = steps.index(("3", "bronnenonderzoek"))
            steps[index:index] = [("3", "geen-actie")]
        if ("pc1", "bronnen-vastgesteld") in steps:
            steps.insert(steps.index(("pc1", "bronnen-vastgesteld")) + 1, ("bronnen-raadplegen", ""))
        return steps

    def _schedule(self, start: dt.datetime, steps) -> list[dt.datetime]:
        """Moments of the steps: realistic delays in office hours, the signaaloverleg on Tuesday morning. Worked
        out in local wall-clock time and converted to UTC at the end."""
        rng = self.rng
        delays = []
        for index, (soort, _uitkomst) in enumerate(steps):
            low, high = DELAYS.get(soort, (1.0, 8.0))
            if soort == "3" and index and steps[index - 1][0] == "3":
                low, high = (2.0, 10.0)
            delays.append((low + (high - low) * rng.random(), rng.randint(5, 50)))
        begin = start.astimezone(AMS).replace(tzinfo=None)
        latest = self.latest_local
        for factor in (1.0, 0.6, 0.35, 0.2, 0.1, 0.05):
            local = []
            moment = begin
            for (soort, _uitkomst), (days, minutes) in zip(steps, delays, strict=True):
                moment += dt.timedelta(days=days * factor, minutes=minutes * factor)
                moment = self._office_hours(moment, overleg=soort == "aanpak" and factor >= 0.35)
                local.append(moment)
            if local[-1] <= latest:
                moments = [moment.replace(tzinfo=AMS).astimezone(UTC) for moment in local]
                if moments[-1] <= self.latest:
                    break
        else:
            interval = (self.latest - start) / (len(steps) + 1)
            moments = [start + interval * (index + 1) for index in range(len(steps))]
        for index in range(1, len(moments)):
            if moments[index] <= moments[index - 1]:
                moments[index] = moments[index - 1] + dt.timedelta(seconds=30)
        return moments

    def _office_hours(self, local: dt.datetime, overleg: bool = False) -> dt.datetime:
        """The first office moment from ``local`` (naive local time)."""
        rng = self.rng
        if overleg:
            days = (1 - local.weekday()) % 7 or (7 if local.hour >= 10 else 0)
            return (local + dt.timedelta(days=days)).replace(hour=10, minute=rng.randint(0, 59))
        if 8 <= local.hour < 17 and local.weekday() < 5:
            return local
        if local.hour < 8:
            local = local.replace(hour=8, minute=rng.randint(0, 59))
        elif local.hour >= 17:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=rng.randint(0, 59))
        while local.weekday() >= 5:
            local += dt.timedelta(days=1)
        return local

    # --- Wegingen and source queries -----------------------------------------------------------------------------

    def _weigh(self, sig, batch: Batch) -> list[tuple]:
        """Write the wegingen (and source queries) of the signal; returns its transitions for the replay."""
        steps = self._path(sig)
        sig.casus_moment = None
        if not steps:
            return []
        moments = self._schedule(sig.moment, steps)
        world = self.world
        weger = sig.weger
        rol = world.rol_weging[weger.pk]
        fenomeen = sig.sjabloon.fenomenen[0]
        taak, grondslag = data.TAAK_EN_GRONDSLAG.get(fenomeen, data.TAAK_EN_GRONDSLAG["intimidatie"])
        resultaat = "geen subjecten om te raadplegen"
        previous = None  # (id, soort, status_voor)
        status = Status.WEGING_1
        transitions = []
        rows = []
        for (soort, uitkomst), moment in zip(steps, moments, strict=True):
            if soort == "bronnen-raadplegen":
                resultaat = self._consult_sources(sig, moment, batch)
                continue
            definition = WEGINGEN[soort]
            outcome = definition.outcome(uitkomst)
            status_voor = status
            corrigeert = None
            if previous is not None and previous[1] == "3" and soort == "3":
                corrigeert, status_voor = previous[0], previous[2]
            toelichting, details, weging_grondslag = self._invoer(sig, soort, uitkomst, taak, grondslag, resultaat)
            if corrigeert is not None:
                toelichting = data.W3_CORRECTIE
            if uitkomst == "doorzetten-riec" and "ontvanger" not in details:
                details["ontvanger"] = "RIEC"
            # The details follow from the template and the subjects; only a date or a case id differs per weging.
            key = (soort, uitkomst, sig.sjabloon.code, sig.indicatoren, sig.person is None, sig.address is None)
            key += (sig.company is None,)
            details_json = self.details_json.get(key)
            if details_json is None:
                details_json = self.details_json[key] = json.dumps(details)
            weging_id = new_id(self.rng)
            if outcome.next_status == Status.GEEN_ACTIE:
                vernietigen = (local_date(moment) + world.bewaartermijn_geen_actie).isoformat()
                details["vernietigen_op"] = vernietigen
                details_json = _with_key(details_json, "vernietigen_op", vernietigen)
            if outcome.next_status == Status.CASUS:
                sig.casus_id = new_id(self.rng)
                sig.casus_moment = moment
                sig.aanpak = sig.sjabloon.aanpak
                details["casus"] = sig.casus_id
                details_json = _with_key(details_json, "casus", sig.casus_id)
            rows.append(
                (
                    weging_id,
                    self.gid,
                    sig.id,
                    soort,
                    uitkomst,
                    self.enc.toelichting(toelichting),
                    weging_grondslag,
                    details_json,
                    status_voor,
                    outcome.next_status,
                    corrigeert,
                    weger.pk,
                    rol,
                    moment,
                )
            )
            batch.logged["weging"].append(weging_id)
            if soort == "pc2b" and uitkomst == "delen":
                self._sharing_decisions(sig, weging_id, details, weging_grondslag, moment, batch)
            transitions.append((moment, status_voor, outcome.next_status))
            status = outcome.next_status
            previous = (weging_id, soort, status_voor)
        # The step, its start and the lead time, as record_weging stores them (the same replay as
        # `regiekamer cijfers --herbereken`).
        timings = replay(sig.moment, [WegingRij(row[0], row[8], row[9], row[13], row[10]) for row in rows])
        for row in rows:
            timing = timings[row[0]]
            batch.add("weging", (*row, timing.stap, timing.stap_gestart_op, timing.doorlooptijd))
        sig.last_event = moments[-1]
        return transitions

    def _invoer(self, sig, soort: str, uitkomst: str, taak: str, grondslag: str, resultaat: str):
        """Toelichting, details and legal basis of one weging, worded as the demo words them."""
        rng = self.rng
        world = self.world
        sjabloon = sig.sjabloon
        fenomeen = sjabloon.fenomenen[0]
        fenomeen_naam = world.fenomenen.get(fenomeen, ("", fenomeen))[1].lower()
        details: dict = {}
        toelichting = ""
        used_grondslag = ""
        if soort == "1":
            if uitkomst == "ondermijning":
                verankering, rode_vlaggen, codes = [], [], []
                for code in sig.indicatoren:
                    indicator = world.indicatoren[code]
                    codes.append(code)
                    target = verankering if indicator[1] == Indicator.Soort.VERANKERING else rode_vlaggen
                    target.append(indicator[2][:1].lower() + indicator[2][1:])
                if codes:
                    details["indicatoren"] = sorted(codes)
                toelichting = rng.choice(data.W1_JA).format(
                    verankering="; ".join(verankering) or "activiteiten in de gemeente",
                    rode_vlaggen="; ".join(rode_vlaggen) or "nog geen specifieke rode vlag",
                    fenomeen=fenomeen_naam,
                )
            else:
                reden, verwijzing = {
                    "intimidatie": (data.W1_NEE_REDENEN[0], "Buurtbemiddeling"),
                    "betalingsachterstand": (data.W1_NEE_REDENEN[3], "de schuldhulpverlening"),
                }.get(fenomeen, (rng.choice(data.W1_NEE_REDENEN[1:3]), "het wijkteam"))
                toelichting = rng.choice(data.W1_NEE).format(reden=reden, verwijzing=verwijzing)
                details["ontvanger"] = verwijzing
        elif soort == "2a":
            if uitkomst == "gemeentelijke-taak":
                toelichting = rng.choice(data.W2A_JA).format(taak=taak)
            else:
                toelichting = rng.choice(data.W2A_NEE)
                details["ontvanger"] = world.org["politie"].naam
        elif soort == "2b":
            if uitkomst == "eigen-grondgebied":
                if sig.address is not None:
                    template = data.W2B_JA[0]
                elif sjabloon.locaties:
                    template = data.W2B_JA[1]
                else:
                    template = data.W2B_JA[2]
                toelichting = template.format(buurt=sig.buurt.naam, gemeente=world.gemeente.naam, locatie=sig.locatie)
            else:
                toelichting = data.W2B_NEE.format(buurgemeente=world.spec.buurgemeente)
                details["ontvanger"] = f"Gemeente {world.spec.buurgemeente}"
        elif soort == "3":
            afdeling = world.org[data.AFDELING_VOOR.get(fenomeen, "oov")].naam
            toelichting = rng.choice(data.W3[uitkomst]).format(
                afdeling=afdeling, fenomeen=fenomeen_naam, riec=world.org["riec"].naam, buurt=sig.buurt.naam
            )
            if uitkomst == "doorzetten-afdeling":
                details["ontvanger"] = afdeling
            elif uitkomst == "doorzetten-riec":
                details["ontvanger"] = world.org["riec"].naam
        elif soort == "pc1":
            bronnen = self._bronnen_for(sig)
            details["bronnen"] = bronnen
            used_grondslag = grondslag
            toelichting = data.PC1.format(doelen="; ".join(data.BRON_DOEL[b] for b in bronnen))
        elif soort == "bronnen":
            texts = data.BRONNEN_DOORGAAN if uitkomst == "doorgaan" else data.BRONNEN_STOPPEN
            toelichting = rng.choice(texts).format(resultaat=resultaat)
        elif soort == "pc2a":
            used_grondslag = grondslag
            if uitkomst == "delen":
                toelichting = rng.choice(data.PC2A_DELEN)
                details["gegevens"] = data.PC2A_GEGEVENS
                details["doel"] = data.PC2A_DOEL
            else:
                toelichting = rng.choice(data.PC2A_NIET)
        elif soort == "pc2b":
            used_grondslag = grondslag
            if uitkomst == "delen":
                toelichting = rng.choice(data.PC2B_DELEN)
                details["gegevens"] = data.PC2B_GEGEVENS
                details["doel"] = data.PC2B_DOEL
                keys = data.ONTVANGERS.get(fenomeen, ("politie",))
                details["ontvangers"] = sorted(
                    ({"id": str(world.org[key].pk), "naam": world.org[key].naam} for key in keys if key in world.org),
                    key=lambda item: item["naam"],
                )
                details["categorieen"] = list(MINIMAAL)
            else:
                toelichting = data.PC2B_NIET
        elif soort == "aanpak":
            if uitkomst == "casus":
                details["aanpak"] = sjabloon.aanpak
                toelichting = data.AANPAK_TOELICHTING[sjabloon.aanpak]
            else:
                toelichting = rng.choice(data.GEEN_CASUS)
        return toelichting, details, used_grondslag

    def _sharing_decisions(self, sig, weging_id, details, grondslag, moment, batch: Batch) -> None:
        """Privacy check 2B "delen" records one sharing decision per recipient (as ``protocol.services`` does)."""
        weger = sig.weger
        rol = self.world.rol_delen[weger.pk]
        categorieen = json.dumps(details["categorieen"])
        sig.ontvangers = {ontvanger["id"] for ontvanger in details["ontvangers"]}
        for ontvanger in details["ontvangers"]:
            batch.add(
                "delingsbesluit",
                (
                    new_id(self.rng),
                    self.gid,
                    ontvanger["id"],
                    None,
                    sig.id,
                    categorieen,
                    self.enc.delen(details["gegevens"]),
                    details["doel"],
                    grondslag,
                    None,
                    weging_id,
                    weger.pk,
                    rol,
                    moment,
                    None,
                    None,
                    "",
                ),
            )

    def _bronnen_for(self, sig) -> list[str]:
        fenomenen = set(sig.sjabloon.fenomenen)
        bronnen = set()
        if sig.person is not None:
            bronnen.add("brp")
            if fenomenen & {"witwassen", "uitkeringsfraude", "geldezel", "betalingsachterstand"}:
                bronnen.add("uitkeringen")
            if sig.company is not None:
                bronnen.add("kvk")
        if sig.address is not None:
            bronnen.update({"bag", "brp"})
            if fenomenen & {"witwassen", "drugslab", "woonfraude", "intimidatie", "zorgfraude"}:
                bronnen.add("vergunningen")
        if sig.company is not None:
            bronnen.update({"kvk", "vergunningen"})
        return sorted(bronnen) or ["bag"]

    def _consult_sources(self, sig, moment: dt.datetime, batch: Batch) -> str:
        """Hit/no-hit queries per subject and allowed source, content for half of the hits (as the demo does);
        the answers are the ones the synthetic connectors give for these subjects."""
        rng = self.rng
        weger = sig.weger
        rol = self.world.rol_weging[weger.pk]
        subjects = []
        if sig.person is not None:
            subjects.append(("persoon", sig.person))
        if sig.address is not None:
            subjects.append(("adres", sig.address))
        if sig.company is not None:
            subjects.append(("rechtspersoon", sig.company))
        hits, misses = [], []
        offset = 0
        for soort, subject in subjects:
            for bron in self._bronnen_for(sig):
                if soort not in self.soorten.get(bron, ()):
                    continue
                wants_content = rng.random() < 0.5
                hit = self._is_bekend(bron, soort, subject)
                offset += 2
                self._query(sig, bron, "hit-no-hit", soort, subject, hit, {}, "", moment, offset, weger, rol, batch)
                (hits if hit else misses).append(bron)
                if hit and wants_content:
                    offset += 3
                    inhoud = self._inhoud(bron, soort, subject)
                    motivering = data.MOTIVERING[bron]
                    self._query(sig, bron, "inhoud", soort, subject, True, inhoud, motivering, moment, offset, weger,
                                rol, batch)  # fmt: skip
        parts = []
        if hits:
            parts.append("hit in " + ", ".join(dict.fromkeys(BRON_LABELS[bron] for bron in hits)))
        if misses:
            parts.append("no-hit in " + ", ".join(dict.fromkeys(BRON_LABELS[bron] for bron in misses)))
        return "; ".join(parts) or "geen subjecten om te raadplegen"

    def _query(self, sig, bron, soort, subject_soort, subject, hit, inhoud, motivering, moment, offset, weger, rol,
               batch: Batch) -> None:  # fmt: skip
        query_id = new_id(self.rng)
        subject_id = subject[0] if subject_soort == "rechtspersoon" else subject.id
        batch.add(
            "bronraadpleging",
            (
                query_id,
                self.gid,
                sig.id,
                bron,
                soort,
                subject_id if subject_soort == "persoon" else None,
                subject_id if subject_soort == "adres" else None,
                subject_id if subject_soort == "rechtspersoon" else None,
                hit,
                self.enc.inhoud(inhoud),
                self.enc.motivering(motivering),
                weger.pk,
                rol,
                moment + dt.timedelta(minutes=offset),
            ),
        )
        batch.logged["bronraadpleging"].append(query_id)

    def _is_bekend(self, bron: str, soort: str, subject) -> bool:
        if bron == "brp":
            return bool(subject.bsn) if soort == "persoon" else bool(subject.residents)
        if bron == "bag":
            return True  # every generated address lies in a buurt
        if bron == "kvk":
            return soort == "rechtspersoon" and bool(subject[2])
        if bron == "vergunningen":
            return _vergunning_number(soort, subject) % 4 == 0
        if bron == "uitkeringen":
            return _uitkering_number(subject) % 3 == 0
        return False

    def _inhoud(self, bron: str, soort: str, subject) -> dict:
        """What the synthetic connector answers about the subject (``regiekamer.bronnen.synthetic``)."""
        if bron == "brp" and soort == "adres":
            return {
                "Aantal ingeschreven personen": str(len(subject.residents)),
                "Ingeschreven personen": ", ".join(subject.residents) or "geen",
            }
        if bron == "brp":
            since = dt.date(2005, 1, 1) + dt.timedelta(days=stable_number("brp", subject.bsn) % 7000)
            adres = subject.adres
            return {
                "Naam": subject.naam,
                "Geboortedatum": subject.geboortedatum.isoformat(),
                "Inschrijfadres": str(adres) + f" {self.world.gemeente.naam}" if adres else "geen adres in de gemeente",
                "Ingeschreven sinds": since.isoformat(),
                "Aantal personen op inschrijfadres": str(len(adres.residents)) if adres else "0",
            }
        if bron == "bag":
            number = stable_number("bag", subject.postcode, subject.huisnummer, subject.huisletter, "")
            return {
                "Adres": str(subject) + f" {self.world.gemeente.naam}",
                "Bouwjaar": str(1900 + number % 122),
                "Oppervlakte": f"{40 + number % 160} m²",
                "Gebruiksdoel": SyntheticBag.GEBRUIKSDOELEN[number % len(SyntheticBag.GEBRUIKSDOELEN)],
                "Buurt": subject.buurt.naam,
            }
        if bron == "kvk":
            from regiekamer.bronnen.synthetic import SyntheticKvk

            number = stable_number("kvk", subject[2])
            return {
                "Naam": subject[1],
                "KvK-nummer": subject[2],
                "Rechtsvorm": SyntheticKvk.RECHTSVORMEN[number % len(SyntheticKvk.RECHTSVORMEN)],
                "Activiteit (SBI)": SyntheticKvk.ACTIVITEITEN[number % len(SyntheticKvk.ACTIVITEITEN)],
                "Datum oprichting": (dt.date(2012, 1, 1) + dt.timedelta(days=number % 5000)).isoformat(),
                "Bestuurders": "niet bekend",
            }
        if bron == "vergunningen":
            from regiekamer.bronnen.synthetic import SyntheticVergunningen

            number = _vergunning_number(soort, subject)
            return {
                "Vergunning": SyntheticVergunningen.SOORTEN[(number // 4) % len(SyntheticVergunningen.SOORTEN)],
                "Verleend op": (dt.date(2018, 1, 1) + dt.timedelta(days=number % 2500)).isoformat(),
                "Status": "verleend" if number % 3 else "ingetrokken",
            }
        number = _uitkering_number(subject)
        return {
            "Regeling": "Participatiewet (bijstand)" if number % 2 else "IOAW",
            "Sinds": (dt.date(2015, 1, 1) + dt.timedelta(days=number % 3500)).isoformat(),
            "Bedrag per maand": f"€ {1000 + number % 600},00",
            "Kostendelersnorm toegepast": "ja" if number % 5 == 0 else "nee",
        }

    # --- The signal's own fields ----------------------------------------------------------------------------------

    def _replay(self, sig, transitions) -> tuple:
        """stap, stap_gestart_op, termijn, afgerond_op, vernietigen_op, bijgewerkt_op as the protocol sets them."""
        protocol = self.world.protocol
        start = sig.moment
        stap, gestart = 1, start
        termijn = working_days_after(local_date(start), protocol.termijn_voor_stap(1))
        afgerond = vernietigen = None
        for moment, status_voor, status_na in transitions:
            previous_step = STEP_OF_STATUS.get(status_voor)
            vernietigen = (
                local_date(moment) + self.world.bewaartermijn_geen_actie if status_na == Status.GEEN_ACTIE else None
            )
            if is_final(status_na):
                stap, termijn, afgerond = 0, None, moment
                continue
            afgerond = None
            step = STEP_OF_STATUS[status_na]
            if step != previous_step or termijn is None:
                stap, gestart = step, moment
                termijn = working_days_after(local_date(moment), protocol.termijn_voor_stap(step))
        bijgewerkt = sig.last_event if transitions else start
        return (stap, gestart, termijn, afgerond, vernietigen, max(bijgewerkt, start))

    # --- Relapse -------------------------------------------------------------------------------------------------

    def schedule_relapse(self, moment: dt.datetime, case) -> None:
        """A signal about the case's people (or address) at ``moment``, after the case was closed."""
        heapq.heappush(self.relapses, (moment.timestamp(), self.relapse_order, case))
        self.relapse_order += 1

    def _relapse_due(self, moment: dt.datetime):
        if not self.relapses or self.relapses[0][0] > moment.timestamp():
            return None
        return heapq.heappop(self.relapses)[2]


class SignalPlan:
    """One signal being generated: what the wegingen, the source queries and the case need to know."""

    __slots__ = (
        "id",
        "moment",
        "sjabloon",
        "organisatie",
        "doel",
        "person",
        "address",
        "company",
        "buurt",
        "locatie",
        "indicatoren",
        "nummer",
        "weger",
        "status",
        "correctie",
        "gestopt_bij",
        "pc2b_delen",
        "casus_id",
        "casus_moment",
        "aanpak",
        "ontvangers",
        "last_event",
    )

    def __init__(self, id, moment, sjabloon, organisatie, doel, person, address, company, buurt):
        self.id, self.moment, self.sjabloon, self.organisatie = id, moment, sjabloon, organisatie
        self.doel, self.person, self.address, self.company, self.buurt = doel, person, address, company, buurt
        self.casus_id = self.casus_moment = None
        self.ontvangers = set()
        self.last_event = moment


class FastRandom(random.Random):
    """The seeded generator with cheaper ``choice`` and ``randint`` (one float each instead of rejection
    sampling on bits): this loader draws tens of millions of them."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


class Context(dict):
    """The placeholders of the templates' sentences (``demo.data.SJABLONEN``), each drawn on first use."""

    def __init__(self, rng):
        super().__init__()
        self.rng = rng

    def __missing__(self, key):
        rng = self.rng
        if key == "Dag":
            value = self["dag"][:1].upper() + self["dag"][1:]
        elif key == "kenteken":
            letters = "".join(rng.choice(KENTEKEN_LETTERS) for _ in range(3))
            value = f"{letters[:2]}-{rng.randint(100, 999)}-{letters[2]}"
        else:
            value = _DRAW[key](rng)
        self[key] = value
        return value


_DRAW = {
    "auto": lambda rng: rng.choice(data.AUTO_S),
    "bus": lambda rng: rng.choice(data.BUSSEN),
    "dag": lambda rng: rng.choice(data.DAGEN),
    "tijd": lambda rng: rng.choice(data.TIJDEN),
    "land": lambda rng: rng.choice(data.LANDEN),
    "bedrag": lambda rng: format_number(rng.randint(6, 80) * 50),
    "bedrag_klein": lambda rng: format_number(rng.randint(6, 30) * 5),
    "groot_bedrag": lambda rng: format_number(rng.randint(8, 45) * 1000),
    "aantal": lambda rng: rng.randint(6, 30),
    "aantal_klein": lambda rng: rng.randint(6, 12),
    "maanden": lambda rng: rng.randint(2, 6),
    "kwh1": lambda rng: rng.randint(18, 40) * 10,
    "kwh2": lambda rng: format_number(rng.randint(18, 45) * 100),
}

_PRONOUNS = {
    True: {"hij": "hij", "Hij": "Hij", "zijn": "zijn", "Zijn": "Zijn", "hem": "hem"},
    False: {"hij": "zij", "Hij": "Zij", "zijn": "haar", "Zijn": "Haar", "hem": "haar"},
}


_WITHOUT_GEEN_ACTIE = {
    zwaarte: {status: weight for status, weight in weights.items() if status != Status.GEEN_ACTIE}
    for zwaarte, weights in FINAL_WEIGHTS.items()
}
_CUMULATIVE: dict[int, tuple[list, list]] = {}


def _cumulative_of(choices: dict) -> tuple[list, list]:
    """The statuses and their cumulative weights, kept per (constant) table."""
    statuses = list(choices)
    result = (statuses, _cumulative([choices[status] for status in statuses]))
    _CUMULATIVE[id(choices)] = result
    return result


def _with_key(text: str, key: str, value: str) -> str:
    """A JSON object's text with one more string member (as ``json.dumps`` would write it)."""
    member = f"{json.dumps(key)}: {json.dumps(value)}"
    return "{" + member + "}" if text == "{}" else text[:-1] + ", " + member + "}"


def _cumulative(weights) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


@lru_cache(maxsize=65536)
def _stable(*parts) -> int:
    return stable_number(*parts)


def _vergunning_number(soort: str, subject) -> int:
    if soort == "adres":
        return _stable("vergunning", subject.postcode, subject.huisnummer, subject.huisletter, "")
    return _stable("vergunning", subject[2] or subject[1].lower())


def _uitkering_number(person) -> int:
    return stable_number("uitkering", person.bsn or person.sleutel, person.geboortedatum)
