"""Builds the demo municipalities through the service layer, so the demo data obeys the rules of real use.

Signals are reported with ``report_signaal`` (by users and by partner systems), weighed with ``record_weging``,
and sources are consulted with ``query_hit``/``query_inhoud``; subjects come from ``find_or_create_*``. The services
stamp everything with the current time. Afterwards, and only then, the timestamps of the demo records are moved
back to a realistic timeline (receipt, weighings, source queries, deadlines); outcomes are never touched. Then
``demo.casework`` runs the casework on the cases the protocol opened: plans, interventions, meetings, escalations and
closures, again through the services and on one timeline.
"""

import dataclasses
import datetime as dt
import random
import re
import time
import uuid
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker
from stdnum.nl import bsn as bsn_number

from regiekamer.accounts.authentication import PartnerSystem
from regiekamer.accounts.models import ApiToken, Gemeente, Organisatie, User
from regiekamer.accounts.roles import Rol
from regiekamer.accounts.services import create_gemeente, create_user
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.bronnen.registry import bag_lookup, connectors
from regiekamer.bronnen.services import query_hit, query_inhoud
from regiekamer.casussen.models import Betrokkene, Casus, CasusSignaal, PlanVersie
from regiekamer.core.workdays import add_working_days
from regiekamer.demo import data
from regiekamer.demo.doelbinding import besluit_voor_casus_uit_signaal
from regiekamer.notifications.models import Notificatie
from regiekamer.protocol.machine import STEP_OF_STATUS, WEGINGEN, Aanpak, Status, is_final
from regiekamer.protocol.models import Weging
from regiekamer.protocol.services import WegingInvoer, instellingen, record_weging
from regiekamer.signalen.models import Fenomeen, Indicator, Signaal
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.models import Adres, Buurt, Persoon, SubjectRelatie
from regiekamer.subjects.services import (
    AdresGegevens,
    PersoonGegevens,
    find_or_create_adres,
    find_or_create_persoon,
    find_or_create_rechtspersoon,
    find_or_create_voertuig,
    name_key,
    validate_adres,
    validate_persoon,
)

DEFAULT_SEED = 2026
# How far back the demo goes.
HISTORY_DAYS = 425
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
KENTEKEN_LETTERS = "BDFGHJKLNPRSTVXZ"

# The protocol's main line: each weging with the outcome that leads on.
MAIN_LINE = (
    ("1", "ondermijning"),
    ("2a", "gemeentelijke-taak"),
    ("2b", "eigen-grondgebied"),
    ("3", "bronnenonderzoek"),
    ("pc1", "bronnen-vastgesteld"),
    ("bronnen", "doorgaan"),
    ("pc2a", "delen"),
    ("pc2b", "delen"),
    ("aanpak", "casus"),
)
# Final status -> (length of the main line walked first, the weging that ends it, its outcome).
ENDINGS = {
    Status.GEEN_ONDERMIJNING: (0, "1", "geen-ondermijning"),
    Status.NIET_GEMEENTELIJK: (1, "2a", "geen-gemeentelijke-taak"),
    Status.ANDER_GRONDGEBIED: (2, "2b", "ander-grondgebied"),
    Status.GEEN_ACTIE: (3, "3", "geen-actie"),
    Status.DOORGEZET_AFDELING: (3, "3", "doorzetten-afdeling"),
    Status.DOORGEZET_RIEC: (3, "3", "doorzetten-riec"),
    Status.CASUS: (8, "aanpak", "casus"),
    Status.GEEN_CASUS: (8, "aanpak", "geen-casus"),
}
# Statuses reached only after the source research decided "doorgaan", which needs at least one source consulted.
NA_BRONNEN_DOORGAAN = frozenset(
    {Status.PRIVACYCHECK_2A, Status.PRIVACYCHECK_2B, Status.AANPAK, Status.CASUS, Status.GEEN_CASUS}
)
# Typical time a weging takes after the previous event, in days (min, max).
DELAYS = {
    "1": (0.1, 2.5),
    "2a": (0.0, 0.6),
    "2b": (0.0, 0.4),
    "3": (1.0, 7.0),
    "pc1": (0.3, 2.0),
    "bronnen-raadplegen": (0.05, 1.0),
    "bronnen": (1.0, 6.0),
    "pc2a": (1.0, 5.0),
    "pc2b": (0.0, 1.0),
    "aanpak": (1.0, 6.0),
}
BRON_LABELS = {
    "brp": "BRP",
    "bag": "BAG",
    "kvk": "KvK",
    "vergunningen": "vergunningen",
    "uitkeringen": "uitkeringsadministratie",
}
FINAL_WEIGHTS = {
    "licht": {
        Status.GEEN_ONDERMIJNING: 30,
        Status.NIET_GEMEENTELIJK: 8,
        Status.GEEN_ACTIE: 30,
        Status.DOORGEZET_AFDELING: 25,
        Status.DOORGEZET_RIEC: 1,
        Status.GESTOPT: 5,
        Status.GEEN_CASUS: 3,
        Status.CASUS: 2,
    },
    "normaal": {
        Status.GEEN_ONDERMIJNING: 8,
        Status.NIET_GEMEENTELIJK: 5,
        Status.GEEN_ACTIE: 18,
        Status.DOORGEZET_AFDELING: 18,
        Status.DOORGEZET_RIEC: 8,
        Status.GESTOPT: 15,
        Status.GEEN_CASUS: 12,
        Status.CASUS: 14,
    },
    "zwaar": {
        Status.GEEN_ONDERMIJNING: 2,
        Status.NIET_GEMEENTELIJK: 2,
        Status.GEEN_ACTIE: 5,
        Status.DOORGEZET_AFDELING: 8,
        Status.DOORGEZET_RIEC: 22,
        Status.GESTOPT: 10,
        Status.GEEN_CASUS: 12,
        Status.CASUS: 38,
    },
}


def generate_bsn(rng: random.Random) -> str:
    """A random BSN that passes the elfproef: sum(d_i * w_i) with weights 9..2 and -1 for the last digit ≡ 0 mod 11."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        last = sum(digit * weight for digit, weight in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last <= 9:
            number = "".join(map(str, digits)) + str(last)
            if bsn_number.is_valid(number):
                return number


def demo_password(username: str) -> str:
    return data.DEMO_PASSWORD_TEMPLATE.format(username=username)


def _format_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _age_on(geboortedatum: dt.date, day: dt.date) -> int:
    return day.year - geboortedatum.year - ((day.month, day.day) < (geboortedatum.month, geboortedatum.day))


def _birth_date(today: dt.date, age: int, days_after_birthday: int) -> dt.date:
    try:
        birthday = today.replace(year=today.year - age)
    except ValueError:  # 29 February
        birthday = today.replace(year=today.year - age, day=28)
    return birthday - dt.timedelta(days=days_after_birthday)


@dataclass
class PoolPersoon:
    """A generated person who may come back in later signals."""

    gegevens: PersoonGegevens
    man: bool
    adres: AdresGegevens | None = None


@dataclass
class Plan:
    """One signal to create: its reporter and content, when it came in, and how far the protocol gets."""

    tenant: "TenantBuilder"
    principal: object
    invoer: SignaalInvoer
    ontvangen_op: dt.datetime
    status: str
    weger: User
    aanpak: str = Aanpak.PERSOONSGERICHT
    buurt_naam: str = ""
    gestopt_bij: str = "bronnen"
    pc2b_delen: bool = True
    correctie: bool = False
    toelichting_aanpak: str = ""
    alle_inhoud: bool = False  # content queries for every hit (hand-written signals)
    resultaat: str = "geen subjecten om te raadplegen"  # summary of the source queries
    relaties: list = field(default_factory=list)  # (soort, van, naar, toelichting) with subject data
    script_key: str = ""  # the hand-written signal this plan comes from
    uitgesteld: bool = False  # reported during the casework instead of with the other signals
    signaal: Signaal | None = None
    # (moment, model, pk) of records whose timestamp is moved afterwards, and (moment, status_voor, status_na).
    momenten: list = field(default_factory=list)
    overgangen: list = field(default_factory=list)

    @property
    def hoofdfenomeen(self) -> str:
        return self.invoer.fenomenen[0]


class TenantBuilder:
    """One demo gemeente: its organisations, users, partner systems, neighbourhoods and subject pools."""

    def __init__(self, builder: "DemoBuilder", spec: data.GemeenteData):
        self.builder = builder
        self.rng = builder.rng
        self.spec = spec
        self.gemeente: Gemeente | None = None
        self.organisaties: dict[str, Organisatie] = {}
        self.users: dict[str, User] = {}
        self.reporters: dict[str, list[User]] = {}
        self.systems: dict[str, PartnerSystem] = {}
        self.buurten: list[Buurt] = []
        self.indicatoren: dict[str, tuple[str, str]] = {}
        self.fenomeen_namen: dict[str, str] = {}
        self.pool: list[PoolPersoon] = []
        self.hotspots: list[AdresGegevens] = []
        self.bedrijven: list[tuple[str, str]] = []
        self.bsns: set[str] = set()
        self.kvks: set[str] = set()
        self.streets: dict[str, str] = {}
        self.cast_personen: dict[str, PersoonGegevens] = {}
        self.cast_adressen: dict[str, AdresGegevens] = {}
        # Stored subjects by their matching keys, filled once the signals are in (see DemoBuilder._index_subjects).
        self.personen_bsn: dict[str, Persoon] = {}
        self.personen_naam: dict[tuple, list[Persoon]] = {}
        self.adressen: dict[tuple, Adres] = {}

    # --- Set-up -------------------------------------------------------------------------------------------------

    def create_base(self) -> None:
        spec = self.spec
        self.gemeente = create_gemeente(spec.naam, spec.cbs_code)
        for buurt in spec.buurten:
            self.buurten.append(
                Buurt.objects.create(
                    gemeente=self.gemeente,
                    code=buurt.code,
                    naam=buurt.naam,
                    wijk=buurt.wijk,
                    postcodes=",".join(buurt.postcodes),
                    latitude=buurt.latitude,
                    longitude=buurt.longitude,
                )
            )
        for organisatie in spec.organisaties:
            self.organisaties[organisatie.key] = Organisatie.objects.create(
                gemeente=self.gemeente, naam=organisatie.naam, soort=organisatie.soort
            )
        for gebruiker in spec.gebruikers:
            self.users[gebruiker.username] = self._create_user(gebruiker)
        for gebruiker in spec.gebruikers:
            if gebruiker.rol in (Rol.REGISSEUR, Rol.ONDERMIJNINGSTEAM, Rol.PARTNERPROFESSIONAL):
                self.reporters.setdefault(gebruiker.organisatie, []).append(self.users[gebruiker.username])
        for code, soort, omschrijving in Indicator.objects.filter(gemeente=self.gemeente).values_list(
            "code", "soort", "omschrijving"
        ):
            self.indicatoren[code] = (soort, omschrijving)
        self.fenomeen_namen = dict(Fenomeen.objects.filter(gemeente=self.gemeente).values_list("code", "naam"))
        if spec.aandachtsfunctionaris:
            # The aandachtsfunctionaris mensenhandel owns these phenomena and is notified of every new signal.
            Fenomeen.objects.filter(gemeente=self.gemeente, code__in=data.MENSENHANDEL_FENOMENEN).update(
                eigenaar=self.users[spec.aandachtsfunctionaris]
            )
        self.instellingen = instellingen(self.gemeente)

    def _create_user(self, gebruiker: data.GebruikerData) -> User:
        email_name = re.sub(r"[^a-z]", "", gebruiker.first_name.lower())
        email_name += "." + re.sub(r"[^a-z]", "", gebruiker.last_name.lower())
        return create_user(
            gebruiker.username,
            self.organisaties[gebruiker.organisatie],
            [gebruiker.rol],
            password=demo_password(gebruiker.username),
            first_name=gebruiker.first_name,
            last_name=gebruiker.last_name,
            email=f"{email_name}@{self.spec.email_domein}",
            functie=gebruiker.functie,
            is_staff=gebruiker.is_staff,
        )

    def system(self, org_key: str) -> PartnerSystem:
        """The partner system of an organisation, with its own organisation token."""
        if org_key not in self.systems:
            organisatie = self.organisaties[org_key]
            omschrijving = data.SYSTEEM_OMSCHRIJVING.get(org_key, f"Demo: koppeling {organisatie.naam}")
            token, _raw = ApiToken.issue(organisatie, omschrijving=omschrijving)
            self.systems[org_key] = PartnerSystem(organisatie=organisatie, token=token)
        return self.systems[org_key]

    def principal_for(self, org_key: str):
        """Who reports for an organisation: one of its professionals, or the organisation's own system."""
        users = self.reporters.get(org_key, [])
        if org_key == "ondermijning":
            users = [self.users[name] for name in self.users if name.endswith("ondermijningsteam")] or users
        # The housing corporation mostly reports through its tenant administration, the police partly through
        # its own systems; organisations without a demo user always through their system.
        share = data.AANDEEL_GEBRUIKER.get(org_key, 1.0)
        if users and self.rng.random() < share:
            return self.rng.choice(users)
        return self.system(org_key)

    def principal_named(self, name: str):
        if name.startswith("systeem:"):
            return self.system(name.removeprefix("systeem:"))
        return self.users[name]

    def weger_for(self, fenomenen) -> User:
        mensenhandel = set(fenomenen) & set(data.MENSENHANDEL_FENOMENEN)
        if self.spec.aandachtsfunctionaris and mensenhandel and self.rng.random() < 0.6:
            return self.users[self.spec.aandachtsfunctionaris]
        return self.users[self.rng.choice(self.spec.wegers)]

    # --- Subjects -----------------------------------------------------------------------------------------------

    def new_bsn(self) -> str:
        while True:
            number = generate_bsn(self.rng)
            if number not in self.bsns:
                self.bsns.add(number)
                return number

    def new_kvk(self) -> str:
        while True:
            number = str(self.rng.randint(60000000, 99999999))
            if number not in self.kvks:
                self.kvks.add(number)
                return number

    def kenteken(self) -> str:
        letters = "".join(self.rng.choice(KENTEKEN_LETTERS) for _ in range(3))
        return f"{letters[:2]}-{self.rng.randint(100, 999)}-{letters[2]}"

    def street(self, adres: AdresGegevens) -> str:
        if adres.straat:
            return adres.straat
        if adres.postcode not in self.streets:
            bag = bag_lookup(self.gemeente, adres.postcode, adres.huisnummer)
            self.streets[adres.postcode] = bag.straat if bag else ""
        return self.streets[adres.postcode]

    def adres_tekst(self, adres: AdresGegevens) -> str:
        nummer = f"{adres.huisnummer}{adres.huisletter}" + (f"-{adres.toevoeging}" if adres.toevoeging else "")
        postcode = f"{adres.postcode[:4]} {adres.postcode[4:]}"
        if adres.woonplaats:
            return f"{adres.straat} {nummer}, {postcode} {adres.woonplaats}"
        return f"{self.street(adres)} {nummer} ({postcode})"

    def buurt_of(self, adres: AdresGegevens) -> str:
        for buurt in self.buurten:
            if adres.postcode[:4] in buurt.postcode_list:
                return buurt.naam
        return ""

    def random_adres(self) -> AdresGegevens:
        buurten = self.spec.buurten
        buurt = self.rng.choices(buurten, weights=[b.gewicht for b in buurten])[0]
        while True:
            letters = self.rng.choice(POSTCODE_LETTERS) + self.rng.choice(POSTCODE_LETTERS)
            if letters not in ("SA", "SD", "SS"):
                break
        huisletter = self.rng.choice("ABC") if self.rng.random() < 0.08 else ""
        return AdresGegevens(
            postcode=self.rng.choice(buurt.postcodes) + letters,
            huisnummer=self.rng.randint(1, 180),
            huisletter=huisletter,
        )

    def pick_adres(self) -> AdresGegevens:
        if self.hotspots and self.rng.random() < 0.12:
            return self.rng.choice(self.hotspots)
        return self.random_adres()

    def new_persoon(self, man: bool, day: dt.date, leeftijd: tuple[int, int]) -> PoolPersoon:
        fake = self.builder.fake
        if self.rng.random() < 0.18:
            voornaam = self.rng.choice(data.EXTRA_VOORNAMEN_M if man else data.EXTRA_VOORNAMEN_V)
        else:
            voornaam = fake.first_name_male() if man else fake.first_name_female()
        achternaam = self.rng.choice(data.EXTRA_ACHTERNAMEN) if self.rng.random() < 0.15 else fake.last_name()
        words = achternaam.split()
        tussenvoegsel = []
        while len(words) > 1 and words[0].islower():
            tussenvoegsel.append(words.pop(0))
        age = self.rng.randint(*leeftijd)
        geboortedatum = _birth_date(day, age, self.rng.randint(1, 360))
        gegevens = PersoonGegevens(
            voornamen=voornaam,
            tussenvoegsel=" ".join(tussenvoegsel),
            achternaam=" ".join(words),
            geboortedatum=geboortedatum,
            bsn=self.new_bsn() if self.rng.random() < 0.5 else "",
        )
        persoon = PoolPersoon(gegevens, man)
        self.pool.append(persoon)
        return persoon

    def pick_persoon(self, gender: str, day: dt.date, leeftijd: tuple[int, int]) -> PoolPersoon:
        want_man = {"m": True, "v": False}.get(gender, self.rng.random() < 0.6)
        if self.pool and self.rng.random() < 0.15:
            for persoon in self.rng.sample(self.pool, min(15, len(self.pool))):
                age = _age_on(persoon.gegevens.geboortedatum, day)
                if (gender == "*" or persoon.man == want_man) and leeftijd[0] <= age <= leeftijd[1] + 2:
                    return persoon
        return self.new_persoon(want_man, day, leeftijd)

    def pick_bedrijf(self, soorten: tuple[str, ...]) -> tuple[str, str]:
        if self.bedrijven and self.rng.random() < 0.25:
            return self.rng.choice(self.bedrijven)
        naam = f"{self.rng.choice(data.BEDRIJF_WOORDEN)} {self.rng.choice(soorten)} "
        naam += self.rng.choice(("B.V.", "B.V.", "V.O.F.", "Holding B.V."))
        bedrijf = (naam, self.new_kvk())
        self.bedrijven.append(bedrijf)
        return bedrijf


class DemoBuilder:
    """Creates the demo gemeenten, accounts and signals, and returns what it made."""

    def __init__(self, seed: int = DEFAULT_SEED, scale: int | None = None, log=None):
        self.rng = random.Random(seed)
        # Timings depend on the moment of the run; their own generator keeps the content reproducible.
        self.timing_rng = random.Random(seed + 1)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        # Fewer generated signals for the first gemeente (quick tests); a load beyond the default demo is made by
        # ``demo.bulk`` after this builder has run.
        if scale is not None and scale > data.DEFAULT_SIGNALEN[data.GEMEENTEN[0].key]:
            raise ValueError("DemoBuilder builds at most the default demo; larger loads go through demo.bulk.")
        self.scale = scale
        self.log = log or (lambda message: None)
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.tenants: list[TenantBuilder] = []
        self.plans: list[Plan] = []
        self.subjects: dict[tuple, object] = {}

    # --- Entry point --------------------------------------------------------------------------------------------

    @transaction.atomic
    def build(self) -> dict:
        started = time.monotonic()
        if connection.vendor == "sqlite":
            # A bigger page cache for this connection: a --scale run outgrows SQLite's default of 2 MB.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")

        def log(message):
            self.log(f"[{time.monotonic() - started:6.1f} s] {message}")

        for spec in data.GEMEENTEN:
            tenant = TenantBuilder(self, spec)
            tenant.create_base()
            self.tenants.append(tenant)
        log("Gemeenten, buurten, organisations and accounts created.")
        self._import_boundaries()
        log("Buurt and wijk boundaries imported.")
        for tenant in self.tenants:
            cast = data.CASTS[tenant.spec.key]
            self._prepare_cast(tenant, cast)
            scripted = [self._scripted_plan(tenant, script) for script in cast.scripts]
            total = data.DEFAULT_SIGNALEN[tenant.spec.key]
            if self.scale is not None and tenant is self.tenants[0]:
                total = self.scale
            generated = max(0, total - len(scripted))
            tenant.hotspots = [tenant.random_adres() for _ in range(6 + generated // 120)]
            self.plans += scripted
            self.plans += [self._generated_plan(tenant) for _index in range(generated)]
        self.plans.sort(key=lambda plan: plan.ontvangen_op)
        log(f"{len(self.plans)} signals planned.")
        for index, plan in enumerate(self.plans, start=1):
            if plan.uitgesteld:
                continue  # reported during the casework
            plan.signaal = report_signaal(plan.principal, plan.invoer, ontvangen_op=plan.ontvangen_op)
            if index % 2000 == 0:
                log(f"{index} signals reported...")
        log(f"{len(self.plans)} signals reported.")
        for tenant in self.tenants:
            self._create_relations(tenant, data.CASTS[tenant.spec.key])
        log("Relations created.")
        for index, plan in enumerate(self.plans, start=1):
            if not plan.uitgesteld:
                self._weigh(plan)
            if index % 2000 == 0:
                log(f"{index} signals weighed...")
        log("Signals weighed.")
        self._assign_open_signals()
        self._move_timestamps()
        log("Timeline set.")
        from regiekamer.demo.casework import CaseworkBuilder  # it uses this module's helpers

        CaseworkBuilder(self, log).build()
        from regiekamer.demo import privacy

        privacy.build(self.tenants[0], lambda days_ago: self._moment(days_ago, hour=10))
        log("Rectification, restriction and re-identifications recorded.")
        if self.scale is None or self.scale <= data.DEFAULT_SIGNALEN[self.tenants[0].spec.key]:
            from regiekamer.demo import identiteit

            # Not in a load-test database: its first gemeente holds exactly the signals asked for.
            identiteit.build(self.tenants[0], lambda days_ago: self._moment(days_ago, hour=11))
            log("Explained links and review items made.")
        gemeenten = [tenant.gemeente for tenant in self.tenants]
        # The timeline was moved after the services wrote the lead times and counts: work them out again.
        from regiekamer.gebieden import tellingen as gebiedstellingen
        from regiekamer.inzicht.services import herbereken

        for gemeente in gemeenten:
            herbereken(gemeente)
            gebiedstellingen.herbereken(gemeente)
        log("Figures counted.")
        return {
            "gemeenten": gemeenten,
            "signalen": len(self.plans),
            "wegingen": Weging.objects.filter(gemeente__in=gemeenten).count(),
            "casussen": Casus.objects.filter(gemeente__in=gemeenten).count(),
        }

    def _import_boundaries(self) -> None:
        """The synthetic boundaries (demo/grenzen), through the same service as `regiekamer import_gebieden`,
        before any address exists: intake then places each address in its buurt by its coordinates."""
        from regiekamer.demo import grenzen
        from regiekamer.gebieden.services import importeer_bestand

        for tenant in self.tenants:
            importeer_bestand(grenzen.bestand(tenant.spec), gemeente_code=tenant.spec.cbs_code, door="seed_demo")

    # --- Hand-written signals -----------------------------------------------------------------------------------

    def _prepare_cast(self, tenant: TenantBuilder, cast: data.Cast) -> None:
        for key, persoon in cast.personen.items():
            tenant.cast_personen[key] = PersoonGegevens(
                voornamen=persoon.voornamen,
                tussenvoegsel=persoon.tussenvoegsel,
                achternaam=persoon.achternaam,
                geboortedatum=_birth_date(self.today, *persoon.geboren),
                bsn=tenant.new_bsn() if persoon.bsn else "",
            )
        for key, adres in cast.adressen.items():
            tenant.cast_adressen[key] = AdresGegevens(
                postcode=adres.postcode,
                huisnummer=adres.huisnummer,
                huisletter=adres.huisletter,
                toevoeging=adres.toevoeging,
                straat=adres.straat,
                woonplaats=adres.woonplaats,
            )
        for _naam, kvk in cast.rechtspersonen.values():
            tenant.kvks.add(kvk)
        # Vehicles are registered with their description first; signals then link to them by licence plate.
        for kenteken, omschrijving in cast.voertuigen.values():
            find_or_create_voertuig(tenant.gemeente, kenteken, omschrijving)

    def _moment(self, days_ago: float, hour: int | None = None, office: bool = True) -> dt.datetime:
        moment = timezone.localtime(self.now) - dt.timedelta(days=days_ago)
        if hour is not None:
            moment = moment.replace(hour=hour, minute=self.rng.randint(0, 59))
        elif office:
            moment = moment.replace(hour=self.rng.randint(8, 16), minute=self.rng.randint(0, 59))
        if office:
            while moment.weekday() >= 5:
                moment -= dt.timedelta(days=1)
        return min(moment, self.now - dt.timedelta(minutes=30)).astimezone(dt.UTC)

    def _scripted_plan(self, tenant: TenantBuilder, script: data.Script) -> Plan:
        def adres(match):
            return tenant.adres_tekst(tenant.cast_adressen[match.group(1)])

        personen = []
        for key in script.personen:
            gegevens = tenant.cast_personen[key]
            if key in script.zonder_bsn:
                gegevens = dataclasses.replace(gegevens, bsn="")
            personen.append(gegevens)
        adressen = [tenant.cast_adressen[key] for key in script.adressen]
        cast = data.CASTS[tenant.spec.key]
        weger = tenant.weger_for(script.fenomenen)
        if script.regisseur:
            weger = tenant.users[script.regisseur]
        invoer = SignaalInvoer(
            omschrijving=re.sub(r"\{adres:([a-z0-9-]+)\}", adres, script.tekst),
            fenomenen=list(script.fenomenen),
            indicatoren=list(script.indicatoren),
            anonieme_bron=script.anonieme_bron,
            anoniem=bool(script.anonieme_bron),
            personen=personen,
            adressen=adressen,
            rechtspersonen=[cast.rechtspersonen[key] for key in script.rechtspersonen],
            voertuigen=[cast.voertuigen[key][0] for key in script.voertuigen],
            locatie=script.locatie,
        )
        return Plan(
            tenant=tenant,
            principal=tenant.principal_named(script.melder),
            invoer=invoer,
            ontvangen_op=self._moment(script.dagen_geleden, hour=script.uur),
            status=script.status,
            weger=weger,
            aanpak=script.aanpak or Aanpak.PERSOONSGERICHT,
            buurt_naam=next((tenant.buurt_of(a) for a in adressen if tenant.buurt_of(a)), ""),
            gestopt_bij=script.gestopt_bij,
            correctie=script.correctie,
            toelichting_aanpak=script.toelichting_aanpak,
            alle_inhoud=True,
            script_key=script.key,
            uitgesteld=script.na_casuswerk,
        )

    # --- Generated signals --------------------------------------------------------------------------------------

    def _generated_plan(self, tenant: TenantBuilder) -> Plan:
        """A signal from a template with varied details."""
        rng = self.rng
        sjablonen = data.SJABLONEN
        if tenant is not self.tenants[0]:
            # The locations in the templates are places in Zuiderveen.
            sjablonen = tuple(s for s in sjablonen if s.adres)
        sjabloon = rng.choices(sjablonen, weights=[s.gewicht for s in sjablonen])[0]
        days_ago = HISTORY_DAYS * rng.random() ** 1.3
        melder_key = rng.choice(sjabloon.melders)
        principal = tenant.principal_for(melder_key)
        office = not getattr(principal, "is_partner_system", False) or rng.random() < 0.5
        ontvangen_op = self._moment(days_ago, office=office)
        day = timezone.localtime(ontvangen_op).date()

        context = {
            "gemeente": tenant.spec.naam,
            "auto": rng.choice(data.AUTO_S),
            "bus": rng.choice(data.BUSSEN),
            "dag": rng.choice(data.DAGEN),
            "tijd": rng.choice(data.TIJDEN),
            "land": rng.choice(data.LANDEN),
            "bedrag": _format_number(rng.randint(6, 80) * 50),
            "bedrag_klein": _format_number(rng.randint(6, 30) * 5),
            "groot_bedrag": _format_number(rng.randint(8, 45) * 1000),
            "aantal": rng.randint(6, 30),
            "aantal_klein": rng.randint(6, 12),
            "maanden": rng.randint(2, 6),
            "kwh1": rng.randint(18, 40) * 10,
            "kwh2": _format_number(rng.randint(18, 45) * 100),
            "locatie": rng.choice(sjabloon.locaties) if sjabloon.locaties else "",
        }
        context["Dag"] = context["dag"][:1].upper() + context["dag"][1:]
        personen, adressen, rechtspersonen, voertuigen, relaties = [], [], [], [], []
        persoon = None
        if sjabloon.persoon:
            persoon = tenant.pick_persoon(sjabloon.persoon, day, sjabloon.leeftijd)
            gegevens = persoon.gegevens
            if gegevens.bsn and rng.random() < 0.3:
                # The reporter does not know the BSN; name and birth date still link the person.
                gegevens = dataclasses.replace(gegevens, bsn="")
            personen.append(gegevens)
            naam = " ".join(p for p in (gegevens.voornamen, gegevens.tussenvoegsel, gegevens.achternaam) if p)
            context.update(
                naam=naam,
                voornaam=gegevens.voornamen,
                leeftijd=_age_on(gegevens.geboortedatum, day),
                **(
                    {"hij": "hij", "Hij": "Hij", "zijn": "zijn", "Zijn": "Zijn", "hem": "hem"}
                    if persoon.man
                    else {"hij": "zij", "Hij": "Zij", "zijn": "haar", "Zijn": "Haar", "hem": "haar"}
                ),
            )
        if sjabloon.adres:
            if persoon is not None and persoon.adres is not None and rng.random() < 0.85:
                adres = persoon.adres
            else:
                adres = tenant.pick_adres()
                if persoon is not None and persoon.adres is None and rng.random() < 0.8:
                    persoon.adres = adres
                    relaties.append(("woont-op", persoon.gegevens, adres, ""))
                    relaties.append(("ingeschreven-op", persoon.gegevens, adres, ""))
            adressen.append(adres)
            context.update(adres=tenant.adres_tekst(adres), straat=tenant.street(adres))
        if sjabloon.bedrijf:
            naam, kvk = tenant.pick_bedrijf(sjabloon.bedrijf)
            rechtspersonen.append((naam, kvk))
            context.update(bedrijf=naam, kvk=kvk)
        sentences = [rng.choice(part) for part in sjabloon.delen]
        context["kenteken"] = tenant.kenteken()
        if sjabloon.voertuig and any("{kenteken}" in sentence for sentence in sentences):
            # Register the vehicle with its description; the signal then links to it by licence plate.
            bus = any("{bus}" in sentence for sentence in sentences)
            find_or_create_voertuig(tenant.gemeente, context["kenteken"], context["bus" if bus else "auto"])
            voertuigen.append(context["kenteken"])
        omschrijving = " ".join(sentence.format(**context) for sentence in sentences if sentence)
        omschrijving = re.sub(r"(B\.V|V\.O\.F)\.\.", r"\1.", omschrijving)  # a company name ending a sentence
        indicatoren = list(sjabloon.indicatoren)
        status = self._pick_status(days_ago, sjabloon.zwaarte)
        gestopt_bij = "pc2a" if rng.random() < 0.3 else "bronnen"
        if not (personen or adressen or rechtspersonen):
            # Without a subject no source can be consulted, and "doorgaan" after the source research needs one.
            gestopt_bij = "bronnen"
            if status in NA_BRONNEN_DOORGAAN:
                status = Status.DOORGEZET_AFDELING
        return Plan(
            tenant=tenant,
            principal=principal,
            invoer=SignaalInvoer(
                omschrijving=omschrijving,
                fenomenen=list(sjabloon.fenomenen),
                indicatoren=indicatoren,
                anonieme_bron=sjabloon.anonieme_bron,
                anoniem=bool(sjabloon.anonieme_bron),
                personen=personen,
                adressen=adressen,
                rechtspersonen=rechtspersonen,
                voertuigen=voertuigen,
                locatie=context["locatie"] if not sjabloon.adres else "",
            ),
            ontvangen_op=ontvangen_op,
            status=status,
            weger=tenant.weger_for(sjabloon.fenomenen),
            aanpak=sjabloon.aanpak,
            buurt_naam=tenant.buurt_of(adressen[0]) if adressen else "",
            gestopt_bij=gestopt_bij,
            pc2b_delen=rng.random() < 0.75,
            relaties=relaties,
        )

    def _pick_status(self, days_ago: float, zwaarte: str) -> str:
        rng = self.rng
        if days_ago < 2:
            choices = {Status.WEGING_1: 8, Status.WEGING_2A: 1, Status.WEGING_2B: 1}
        else:
            p_open = 0.85 if days_ago < 10 else 0.55 if days_ago < 30 else 0.25 if days_ago < 90 else 0.07
            if rng.random() < p_open:
                if days_ago < 10:
                    choices = {
                        Status.WEGING_1: 4,
                        Status.WEGING_2A: 1,
                        Status.WEGING_2B: 1,
                        Status.WEGING_3: 3,
                        Status.PRIVACYCHECK_1: 1,
                    }
                else:
                    choices = {
                        Status.WEGING_1: 1,
                        Status.WEGING_3: 3,
                        Status.PRIVACYCHECK_1: 2,
                        Status.BRONNENONDERZOEK: 3,
                        Status.PRIVACYCHECK_2A: 2,
                        Status.PRIVACYCHECK_2B: 1,
                        Status.AANPAK: 2,
                    }
            else:
                choices = dict(FINAL_WEIGHTS[zwaarte])
                if days_ago > 330:
                    # "Geen actie" signals are destroyed after a year; the older ones are gone already.
                    choices.pop(Status.GEEN_ACTIE)
        statuses = list(choices)
        return rng.choices(statuses, weights=[choices[s] for s in statuses])[0]

    # --- Relations ----------------------------------------------------------------------------------------------

    def _index_subjects(self, tenant: TenantBuilder) -> None:
        """Index the persons and addresses the signals created, to resolve relations without a query each."""
        tenant.personen_bsn, tenant.personen_naam, tenant.adressen = {}, {}, {}
        for persoon in Persoon.objects.filter(gemeente=tenant.gemeente).order_by("aangemaakt_op"):
            if persoon.bsn:
                tenant.personen_bsn[persoon.bsn] = persoon
            if persoon.geboortedatum:
                tenant.personen_naam.setdefault((persoon.naam_sleutel, persoon.geboortedatum), []).append(persoon)
        for adres in Adres.objects.filter(gemeente=tenant.gemeente):
            tenant.adressen[(adres.postcode, adres.huisnummer, adres.huisletter, adres.toevoeging)] = adres

    def _indexed(self, tenant: TenantBuilder, value):
        """The existing subject the find-or-create service would link ``value`` to, if it needs no update."""
        if isinstance(value, AdresGegevens):
            adres = validate_adres(value)
            return tenant.adressen.get((adres.postcode, adres.huisnummer, adres.huisletter, adres.toevoeging))
        persoon = validate_persoon(value)
        if persoon.bsn:
            return tenant.personen_bsn.get(persoon.bsn)  # a person without the BSN yet: the service completes it
        key = (name_key(persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam), persoon.geboortedatum)
        candidates = tenant.personen_naam.get(key, [])
        return candidates[0] if len(candidates) == 1 else None

    def _subject(self, tenant: TenantBuilder, value):
        """The stored subject for subject data, linked the way the find-or-create services link."""
        key = (tenant.spec.key, value)
        if key not in self.subjects:
            indexed = self._indexed(tenant, value) if isinstance(value, PersoonGegevens | AdresGegevens) else None
            if indexed is not None:
                subject = indexed
            elif isinstance(value, PersoonGegevens):
                subject = find_or_create_persoon(tenant.gemeente, value)[0]
            elif isinstance(value, AdresGegevens):
                subject = find_or_create_adres(tenant.gemeente, value)[0]
            elif isinstance(value, tuple) and value[0] == "rechtspersoon":
                subject = find_or_create_rechtspersoon(tenant.gemeente, value[1], value[2])[0]
            else:
                subject = find_or_create_voertuig(tenant.gemeente, value[1], value[2])[0]
            self.subjects[key] = subject
        return self.subjects[key]

    def _create_relations(self, tenant: TenantBuilder, cast: data.Cast) -> None:
        def resolve(ref: str):
            kind, key = ref.split(":", 1)
            if kind == "p":
                return tenant.cast_personen[key]
            if kind == "a":
                return tenant.cast_adressen[key]
            if kind == "r":
                return ("rechtspersoon", *cast.rechtspersonen[key])
            return ("voertuig", *cast.voertuigen[key])

        self._index_subjects(tenant)
        wanted = [(soort, resolve(van), resolve(naar), toelichting) for soort, van, naar, toelichting in cast.relaties]
        for plan in self.plans:
            if plan.tenant is tenant:
                wanted += plan.relaties
        seen = set()
        relaties = []
        for soort, van, naar, toelichting in wanted:
            van_subject, naar_subject = self._subject(tenant, van), self._subject(tenant, naar)
            if (soort, van_subject.pk, naar_subject.pk) in seen:
                continue
            seen.add((soort, van_subject.pk, naar_subject.pk))
            van_field = "van_persoon" if isinstance(van, PersoonGegevens) else "van_rechtspersoon"
            naar_field = "naar_" + type(naar_subject).__name__.lower()
            relaties.append(
                SubjectRelatie(
                    gemeente=tenant.gemeente,
                    soort=soort,
                    toelichting=toelichting,
                    **{van_field: van_subject, naar_field: naar_subject},
                )
            )
        SubjectRelatie.objects.bulk_create(relaties)

    # --- Weighing -----------------------------------------------------------------------------------------------

    def _path(self, plan: Plan) -> list[tuple[str, str]]:
        status = plan.status
        if status in ENDINGS:
            length, soort, uitkomst = ENDINGS[status]
            steps = list(MAIN_LINE[:length]) + [(soort, uitkomst)]
        elif status == Status.GESTOPT:
            if plan.gestopt_bij == "pc2a":
                steps = list(MAIN_LINE[:6]) + [("pc2a", "niet-delen")]
            else:
                steps = list(MAIN_LINE[:5]) + [("bronnen", "stoppen")]
        else:
            length = next(i for i, (soort, _) in enumerate(MAIN_LINE) if WEGINGEN[soort].from_status == status)
            steps = list(MAIN_LINE[:length])
        if not plan.pc2b_delen:
            steps = [("pc2b", "niet-delen") if step == ("pc2b", "delen") else step for step in steps]
        if plan.correctie and ("3", "bronnenonderzoek") in steps:
            index = steps.index(("3", "bronnenonderzoek"))
            steps[index:index] = [("3", "geen-actie")]
        if ("pc1", "bronnen-vastgesteld") in steps:
            steps.insert(steps.index(("pc1", "bronnen-vastgesteld")) + 1, ("bronnen-raadplegen", ""))
        return steps

    def _schedule(self, plan: Plan, steps) -> list[dt.datetime]:
        """Planned moments of the steps: realistic delays in office hours, the signaaloverleg on Tuesday.

        Arithmetic is in UTC: between aware datetimes of the same zone Python counts wall-clock time, which is an
        hour off across a DST change.
        """
        rng = self.timing_rng
        start = plan.ontvangen_op.astimezone(dt.UTC)
        latest = self.now - dt.timedelta(minutes=20)
        delays = []
        for index, (soort, _uitkomst) in enumerate(steps):
            low, high = DELAYS.get(soort, (1.0, 8.0))
            if soort == "3" and index and steps[index - 1][0] == "3":
                low, high = (2.0, 10.0)  # the correction comes a few days after the first weging 3
            delays.append((rng.uniform(low, high), rng.randint(5, 50)))
        # A recent signal that got far had quick weighings: shorten the delays until the steps fit.
        for factor in (1.0, 0.6, 0.35, 0.2, 0.1, 0.05):
            moments = []
            moment = start
            for (soort, _uitkomst), (days, minutes) in zip(steps, delays, strict=True):
                moment += dt.timedelta(days=days * factor, minutes=minutes * factor)
                moment = self._office_hours(moment, overleg=soort == "aanpak" and factor >= 0.35)
                moments.append(moment)
            if moments[-1] <= latest:
                break
        else:
            # Received only just now: spread the steps evenly over the time there was.
            interval = (latest - start) / (len(steps) + 1)
            moments = [start + interval * (index + 1) for index in range(len(steps))]
        # Strictly increasing, so "the last weging" is unambiguous.
        for index in range(1, len(moments)):
            if moments[index] <= moments[index - 1]:
                moments[index] = moments[index - 1] + dt.timedelta(seconds=30)
        return moments

    def _office_hours(self, moment: dt.datetime, overleg: bool = False) -> dt.datetime:
        rng = self.timing_rng
        local = timezone.localtime(moment)
        if overleg:
            # The signaaloverleg meets on Tuesday morning, 10.00-11.30.
            days = (1 - local.weekday()) % 7 or (7 if local.hour >= 10 else 0)
            local = (local + dt.timedelta(days=days)).replace(hour=10, minute=rng.randint(0, 59))
            return local.astimezone(dt.UTC)
        if local.hour < 8:
            local = local.replace(hour=8, minute=rng.randint(0, 59))
        elif local.hour >= 17:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=rng.randint(0, 59))
        while local.weekday() >= 5:
            local += dt.timedelta(days=1)
        return local.astimezone(dt.UTC)

    def _assign_open_signals(self) -> None:
        """An open signal somebody has weighed is theirs to take further; the new ones wait on the start pages."""
        from django.db.models import OuterRef, Subquery

        from regiekamer.signalen.models import Signaal
        from regiekamer.signalen.selectors import OPEN_STATUSES

        laatste = Weging.objects.filter(signaal=OuterRef("pk")).order_by("-vastgelegd_op").values("vastgelegd_door")[:1]
        Signaal.objects.filter(
            gemeente__in=[tenant.gemeente for tenant in self.tenants], status__in=OPEN_STATUSES
        ).exclude(status=Status.WEGING_1).update(behandelaar=Subquery(laatste))

    def _weigh(self, plan: Plan) -> None:
        steps = self._path(plan)
        if not steps:
            return
        moments = self._schedule(plan, steps)
        signaal = plan.signaal
        previous = None
        for (soort, uitkomst), moment in zip(steps, moments, strict=True):
            if soort == "bronnen-raadplegen":
                plan.resultaat = self._consult_sources(plan, moment)
                continue
            invoer = self._invoer(plan, soort, uitkomst)
            if soort == "3" and previous is not None and previous.soort == "3":
                invoer.corrigeert = str(previous.pk)
                invoer.toelichting = data.W3_CORRECTIE
            if soort == "aanpak" and uitkomst == "casus":
                besluit_voor_casus_uit_signaal(plan.weger, signaal, plan.aanpak, moment)
            weging = record_weging(plan.weger, signaal, invoer)
            signaal.status = weging.status_na
            plan.momenten.append((moment, Weging, weging.pk))
            plan.overgangen.append((moment, weging.status_voor, weging.status_na, weging))
            if weging.details.get("casus"):
                plan.momenten.append((moment, Casus, weging.details["casus"]))
            previous = weging

    def _bronnen_for(self, plan: Plan) -> list[str]:
        invoer = plan.invoer
        bronnen = set()
        if invoer.personen:
            bronnen.add("brp")
            if set(invoer.fenomenen) & {"witwassen", "uitkeringsfraude", "geldezel", "betalingsachterstand"}:
                bronnen.add("uitkeringen")
            if invoer.rechtspersonen:
                bronnen.add("kvk")
        if invoer.adressen:
            bronnen.update({"bag", "brp"})
            if set(invoer.fenomenen) & {"witwassen", "drugslab", "woonfraude", "intimidatie", "zorgfraude"}:
                bronnen.add("vergunningen")
        if invoer.rechtspersonen:
            bronnen.update({"kvk", "vergunningen"})
        return sorted(bronnen) or ["bag"]

    def _consult_sources(self, plan: Plan, moment: dt.datetime) -> str:
        signaal = plan.signaal
        allowed = self._bronnen_for(plan)
        available = connectors()
        subjects = (
            list(signaal.personen.order_by("achternaam", "voornamen")[:3])
            + list(signaal.adressen.order_by("postcode", "huisnummer")[:2])
            + list(signaal.rechtspersonen.order_by("naam")[:1])
        )
        hits, misses = [], []
        offset = 0
        for subject in subjects:
            for bron in allowed:
                if not available[bron].supports(subject):
                    continue
                # Decided before the answer is known: some synthetic answers derive from random ids, and the
                # random sequence (so the rest of the demo) must not depend on them.
                wants_content = plan.alle_inhoud or self.rng.random() < 0.5
                raadpleging = query_hit(plan.weger, signaal, bron, subject)
                offset += 2
                plan.momenten.append((moment + dt.timedelta(minutes=offset), Bronraadpleging, raadpleging.pk))
                (hits if raadpleging.hit else misses).append(bron)
                if raadpleging.hit and wants_content:
                    inhoud = query_inhoud(plan.weger, signaal, bron, subject, data.MOTIVERING[bron])
                    offset += 3
                    plan.momenten.append((moment + dt.timedelta(minutes=offset), Bronraadpleging, inhoud.pk))
        parts = []
        if hits:
            parts.append("hit in " + ", ".join(dict.fromkeys(BRON_LABELS[bron] for bron in hits)))
        if misses:
            parts.append("no-hit in " + ", ".join(dict.fromkeys(BRON_LABELS[bron] for bron in misses)))
        return "; ".join(parts) or "geen subjecten om te raadplegen"

    def _invoer(self, plan: Plan, soort: str, uitkomst: str) -> WegingInvoer:
        rng = self.rng
        tenant = plan.tenant
        fenomeen = plan.hoofdfenomeen
        fenomeen_naam = tenant.fenomeen_namen.get(fenomeen, fenomeen).lower()
        taak, grondslag = data.TAAK_EN_GRONDSLAG.get(fenomeen, data.TAAK_EN_GRONDSLAG["intimidatie"])
        invoer = WegingInvoer(weging=soort, uitkomst=uitkomst, toelichting="")
        if soort == "1":
            if uitkomst == "ondermijning":
                verankering, rode_vlaggen = [], []
                for code in plan.invoer.indicatoren:
                    kind, omschrijving = tenant.indicatoren[code]
                    target = verankering if kind == Indicator.Soort.VERANKERING else rode_vlaggen
                    target.append(omschrijving[:1].lower() + omschrijving[1:])
                invoer.indicatoren = list(plan.invoer.indicatoren)
                invoer.toelichting = rng.choice(data.W1_JA).format(
                    verankering="; ".join(verankering) or "activiteiten in de gemeente",
                    rode_vlaggen="; ".join(rode_vlaggen) or "nog geen specifieke rode vlag",
                    fenomeen=fenomeen_naam,
                )
            else:
                reden, verwijzing = {
                    "intimidatie": (data.W1_NEE_REDENEN[0], "Buurtbemiddeling"),
                    "betalingsachterstand": (data.W1_NEE_REDENEN[3], "de schuldhulpverlening"),
                }.get(fenomeen, (rng.choice(data.W1_NEE_REDENEN[1:3]), "het wijkteam"))
                invoer.toelichting = rng.choice(data.W1_NEE).format(reden=reden, verwijzing=verwijzing)
                invoer.ontvanger = verwijzing
        elif soort == "2a":
            if uitkomst == "gemeentelijke-taak":
                invoer.toelichting = rng.choice(data.W2A_JA).format(taak=taak)
            else:
                invoer.toelichting = rng.choice(data.W2A_NEE)
                invoer.ontvanger = tenant.organisaties["politie"].naam
        elif soort == "2b":
            if uitkomst == "eigen-grondgebied":
                if plan.buurt_naam:
                    template = data.W2B_JA[0]
                elif plan.invoer.locatie:
                    template = data.W2B_JA[1]
                else:
                    template = data.W2B_JA[2]
                invoer.toelichting = template.format(
                    buurt=plan.buurt_naam, gemeente=tenant.spec.naam, locatie=plan.invoer.locatie
                )
            else:
                invoer.toelichting = data.W2B_NEE.format(buurgemeente=tenant.spec.buurgemeente)
                invoer.ontvanger = f"Gemeente {tenant.spec.buurgemeente}"
        elif soort == "3":
            afdeling = tenant.organisaties[data.AFDELING_VOOR.get(fenomeen, "oov")].naam
            invoer.toelichting = rng.choice(data.W3[uitkomst]).format(
                afdeling=afdeling,
                fenomeen=fenomeen_naam,
                riec=tenant.organisaties["riec"].naam,
                buurt=plan.buurt_naam or tenant.spec.naam,
            )
            if uitkomst == "doorzetten-afdeling":
                invoer.ontvanger = afdeling
            elif uitkomst == "doorzetten-riec":
                invoer.ontvanger = tenant.organisaties["riec"].naam
        elif soort == "pc1":
            bronnen = self._bronnen_for(plan)
            invoer.bronnen = bronnen
            invoer.grondslag = grondslag
            invoer.toelichting = data.PC1.format(doelen="; ".join(data.BRON_DOEL[b] for b in bronnen))
        elif soort == "bronnen":
            texts = data.BRONNEN_DOORGAAN if uitkomst == "doorgaan" else data.BRONNEN_STOPPEN
            invoer.toelichting = rng.choice(texts).format(resultaat=plan.resultaat)
        elif soort == "pc2a":
            invoer.grondslag = grondslag
            if uitkomst == "delen":
                invoer.toelichting = rng.choice(data.PC2A_DELEN)
                invoer.gegevens = data.PC2A_GEGEVENS
                invoer.doel = data.PC2A_DOEL
            else:
                invoer.toelichting = rng.choice(data.PC2A_NIET)
        elif soort == "pc2b":
            invoer.grondslag = grondslag
            if uitkomst == "delen":
                invoer.toelichting = rng.choice(data.PC2B_DELEN)
                invoer.gegevens = data.PC2B_GEGEVENS
                invoer.doel = data.PC2B_DOEL
                keys = data.ONTVANGERS.get(fenomeen, ("politie",))
                invoer.ontvangers = [str(tenant.organisaties[key].pk) for key in keys]
            else:
                invoer.toelichting = data.PC2B_NIET
        elif soort == "aanpak":
            if uitkomst == "casus":
                invoer.aanpak = plan.aanpak
                invoer.toelichting = plan.toelichting_aanpak or data.AANPAK_TOELICHTING[plan.aanpak]
            else:
                invoer.toelichting = plan.toelichting_aanpak or rng.choice(data.GEEN_CASUS)
        return invoer

    # --- Timeline -----------------------------------------------------------------------------------------------

    def _move_timestamps(self) -> None:
        """Move the records the services stamped "now" to the planned moments, and replay the deadlines.

        Only timestamps (and the destruction date that follows from them) change; outcomes never do.
        """
        per_model: dict[type, list] = {Weging: [], Bronraadpleging: [], Casus: []}
        weging_details = []
        signalen = []
        for plan in self.plans:
            if plan.signaal is None:
                continue
            for moment, model, pk in plan.momenten:
                per_model[model].append((pk, [moment]))
            for moment, _voor, _na, weging in plan.overgangen:
                if "vernietigen_op" in weging.details:
                    details = {**weging.details, "vernietigen_op": self._vernietigen_op(moment).isoformat()}
                    weging_details.append((weging.pk, [details]))
            signaal = self._replay(plan)
            values = [signaal.stap, signaal.stap_gestart_op, signaal.termijn, signaal.afgerond_op]
            values += [signaal.vernietigen_op, signaal.bijgewerkt_op]
            signalen.append((signaal.pk, values))
        _set_columns(Weging, ["vastgelegd_op"], per_model[Weging])
        _set_columns(Weging, ["details"], weging_details)
        _set_columns(Bronraadpleging, ["uitgevoerd_op"], per_model[Bronraadpleging])
        _set_columns(Casus, ["geopend_op", "laatste_activiteit_op"], [(pk, [m, m]) for pk, [m] in per_model[Casus]])
        self._move_case_openings(dict(per_model[Casus]))
        fields = ["stap", "stap_gestart_op", "termijn", "afgerond_op", "vernietigen_op", "bijgewerkt_op"]
        _set_columns(Signaal, fields, signalen)
        self._move_notifications()
        for tenant in self.tenants:
            ApiToken.objects.filter(organisatie__gemeente=tenant.gemeente).update(
                aangemaakt_op=self.now - dt.timedelta(days=HISTORY_DAYS + 20)
            )
            User.objects.filter(pk__in=[user.pk for user in tenant.users.values()]).update(
                date_joined=self.now - dt.timedelta(days=HISTORY_DAYS + 30)
            )

    def _move_case_openings(self, opened: dict) -> None:
        """The cases the protocol opened: their first plan version, subjects and signal link date from the opening,
        and their numbers follow the year they were opened in (as the service numbers a case opened that day)."""
        moments = {uuid.UUID(str(pk)): moment for pk, [moment] in opened.items()}
        for model, column in (
            (PlanVersie, "gewijzigd_op"),
            (Betrokkene, "toegevoegd_op"),
            (CasusSignaal, "gekoppeld_op"),
        ):
            rows = model.objects.filter(casus_id__in=list(moments)).values_list("pk", "casus_id")
            _set_columns(model, [column], [(pk, [moments[casus_id]]) for pk, casus_id in rows])
        for tenant in self.tenants:
            casussen = list(Casus.objects.filter(gemeente=tenant.gemeente).order_by("geopend_op", "nummer"))
            _set_columns(Casus, ["nummer"], [(casus.pk, [f"tmp-{index}"]) for index, casus in enumerate(casussen)])
            per_year: dict[int, int] = {}
            rows = []
            for casus in casussen:
                year = timezone.localtime(casus.geopend_op).year
                per_year[year] = per_year.get(year, 0) + 1
                rows.append((casus.pk, [f"C{year}-{per_year[year]:04d}"]))
            _set_columns(Casus, ["nummer"], rows)

    def _vernietigen_op(self, moment: dt.datetime) -> dt.date:
        days = self.tenants[0].instellingen.bewaartermijn_geen_actie_dagen
        return timezone.localtime(moment).date() + dt.timedelta(days=days)

    def _replay(self, plan: Plan) -> Signaal:
        """The step, deadline and closing fields as the protocol would have set them at the planned moments."""
        signaal = plan.signaal
        settings_row = plan.tenant.instellingen
        termijn = signaal.termijn
        stap, gestart, afgerond, vernietigen = signaal.stap, signaal.stap_gestart_op, None, None
        for moment, status_voor, status_na, _weging in plan.overgangen:
            previous_step = STEP_OF_STATUS.get(status_voor)
            vernietigen = self._vernietigen_op(moment) if status_na == Status.GEEN_ACTIE else None
            if is_final(status_na):
                stap, termijn, afgerond = 0, None, moment
                continue
            afgerond = None
            step = STEP_OF_STATUS[status_na]
            if step != previous_step or termijn is None:
                stap, gestart = step, moment
                days = settings_row.termijn_voor_stap(step)
                termijn = add_working_days(timezone.localtime(moment).date(), days)
        signaal.stap, signaal.stap_gestart_op, signaal.termijn = stap, gestart, termijn
        signaal.afgerond_op, signaal.vernietigen_op = afgerond, vernietigen
        last = [plan.ontvangen_op] + [moment for moment, *_rest in plan.momenten]
        signaal.bijgewerkt_op = max(last)
        return signaal

    def _move_notifications(self) -> None:
        received = {f"/signalen/{plan.signaal.pk}/": plan.ontvangen_op for plan in self.plans if plan.signaal}
        users = [user for tenant in self.tenants for user in tenant.users.values()]
        week_ago = self.now - dt.timedelta(days=7)
        rows = []
        for pk, link in Notificatie.objects.filter(ontvanger__in=users).values_list("id", "link"):
            moment = received.get(link)
            if moment is not None:
                gelezen = moment + dt.timedelta(hours=20) if moment < week_ago else None
                rows.append((pk, [moment + dt.timedelta(minutes=1), gelezen]))
        _set_columns(Notificatie, ["aangemaakt_op", "gelezen_op"], rows)


def _set_columns(model, fields: list[str], rows: list[tuple[object, list]]) -> None:
    """Set columns of many rows in one prepared statement: ``rows`` holds (pk, [value per field]).

    Much faster than ``bulk_update`` (whose CASE expressions SQLite evaluates slowly) for tens of thousands of rows;
    values are prepared by the model fields, so this works on SQLite and PostgreSQL alike.
    """
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    table, pk_column = quote(meta.db_table), quote(meta.pk.column)
    # Only identifiers are formatted in: the model's own table and column names, quoted by the backend. Every value
    # is a query parameter.
    sql = f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s"  # noqa: S608  # nosec B608 - identifiers only
    params = [
        [column.get_db_prep_save(value, connection) for column, value in zip(columns, values, strict=True)]
        + [meta.pk.get_db_prep_value(pk, connection)]
        for pk, values in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# --- The accounts table -------------------------------------------------------------------------------------------


def demo_accounts() -> list[dict]:
    """The demo accounts that exist, per demo gemeente (first gemeente first)."""
    rows = []
    for spec in data.GEMEENTEN:
        users = {
            user.username: user
            for user in User.objects.filter(
                username__in=[g.username for g in spec.gebruikers], organisatie__gemeente__cbs_code=spec.cbs_code
            ).select_related("organisatie")
        }
        for gebruiker in spec.gebruikers:
            user = users.get(gebruiker.username)
            if user is None:
                continue
            rows.append(
                {
                    "gemeente": spec.naam,
                    "username": user.username,
                    "password": demo_password(user.username),
                    "rol": ", ".join(str(label) for label in user.rollen_labels),
                    "organisatie": user.organisatie.naam,
                    "functie": user.functie,
                }
            )
    return rows
