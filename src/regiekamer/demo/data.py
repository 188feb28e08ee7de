"""Static material for the demo: municipalities, neighbourhoods, organisations, accounts, signal templates,
the hand-written example situations from the domain brief, and the wording of the wegingen.

Everything a user sees is Dutch. Placeholders in braces are filled in by ``regiekamer.demo.builder``.
"""

from dataclasses import dataclass, field

from regiekamer.accounts.models import Organisatie
from regiekamer.accounts.roles import Rol
from regiekamer.protocol.machine import Aanpak, Status

Soort = Organisatie.Soort

# Demo accounts only: the passwords are printed at the end of seed_demo.
DEMO_PASSWORD_TEMPLATE = "demo-{username}-2026"  # noqa: S105


# --- Municipalities -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuurtData:
    code: str
    naam: str
    wijk: str
    postcodes: tuple[str, ...]
    latitude: float
    longitude: float
    # Relative weight of signals from this neighbourhood (some neighbourhoods are tipping over).
    gewicht: int = 1


@dataclass(frozen=True)
class OrganisatieData:
    key: str
    naam: str
    soort: str


@dataclass(frozen=True)
class GebruikerData:
    username: str
    first_name: str
    last_name: str
    rol: str
    organisatie: str  # OrganisatieData.key
    functie: str
    is_staff: bool = False


@dataclass(frozen=True)
class GemeenteData:
    key: str
    naam: str
    cbs_code: str
    email_domein: str
    buurten: tuple[BuurtData, ...]
    organisaties: tuple[OrganisatieData, ...]
    gebruikers: tuple[GebruikerData, ...]
    # Users who record wegingen, and who owns the phenomena of human trafficking.
    wegers: tuple[str, ...]
    aandachtsfunctionaris: str = ""
    # A neighbouring municipality, for signals about addresses across the border.
    buurgemeente: str = ""
    buurgemeente_postcode: str = ""
    buurgemeente_straten: tuple[str, ...] = ()


MENSENHANDEL_FENOMENEN = ("seksuele-uitbuiting", "arbeidsuitbuiting", "criminele-uitbuiting")

ZUIDERVEEN = GemeenteData(
    key="zv",
    naam="Zuiderveen",
    cbs_code="GM9901",
    email_domein="zuiderveen.example",
    buurten=(
        BuurtData("BU99010101", "Binnenstad", "Centrum", ("9901", "9902"), 52.5050, 6.0950, 2),
        BuurtData("BU99010102", "Oude Haven", "Centrum", ("9903", "9904"), 52.5085, 6.1080, 3),
        BuurtData("BU99010201", "Molenwijk", "Noord", ("9905", "9906"), 52.5180, 6.0990, 4),
        BuurtData("BU99010202", "Vlinderbuurt", "Noord", ("9907", "9908"), 52.5150, 6.1180, 2),
        BuurtData("BU99010301", "Zuiderpark", "Zuid", ("9909", "9910"), 52.4930, 6.0900, 4),
        BuurtData("BU99010302", "De Esch", "Zuid", ("9911", "9912"), 52.4900, 6.1100, 3),
        BuurtData("BU99010401", "Bloemenbuurt", "Oost", ("9913", "9914"), 52.5020, 6.1270, 2),
        BuurtData("BU99010402", "Kanaalzone", "Oost", ("9915", "9916"), 52.4980, 6.1420, 2),
    ),
    organisaties=(
        OrganisatieData("ondermijning", "Gemeente Zuiderveen – Team Ondermijning", Soort.GEMEENTE_AFDELING),
        OrganisatieData("werk-inkomen", "Gemeente Zuiderveen – Werk & Inkomen", Soort.GEMEENTE_AFDELING),
        OrganisatieData("vergunningen", "Gemeente Zuiderveen – Vergunningen", Soort.GEMEENTE_AFDELING),
        OrganisatieData("oov", "Gemeente Zuiderveen – Openbare Orde en Veiligheid", Soort.GEMEENTE_AFDELING),
        OrganisatieData("handhaving", "Gemeente Zuiderveen – Toezicht en Handhaving", Soort.GEMEENTE_AFDELING),
        OrganisatieData("informatie", "Gemeente Zuiderveen – Informatievoorziening", Soort.GEMEENTE_AFDELING),
        OrganisatieData("politie", "Politie basisteam Zuiderveen", Soort.POLITIE),
        OrganisatieData("corporatie", "Woonstichting Zuiderveen Wonen", Soort.WONINGCORPORATIE),
        OrganisatieData("wijkteam-noord", "Wijkteam Zuiderveen-Noord", Soort.WIJKTEAM),
        OrganisatieData("wijkteam-zuid", "Wijkteam Zuiderveen-Zuid", Soort.WIJKTEAM),
        OrganisatieData("schuldhulp", "Schuldhulp Zuiderveen", Soort.SCHULDHULPVERLENING),
        OrganisatieData("ggd", "GGD Regio Zuid", Soort.GGD),
        OrganisatieData("school", "Stedelijk College Zuiderveen", Soort.ONDERWIJS),
        OrganisatieData("jongerenwerk", "Jongerenwerk Zuiderveen", Soort.JONGERENWERK),
        OrganisatieData("zvh", "Zorg- en Veiligheidshuis Regio Zuid", Soort.ZORG_EN_VEILIGHEIDSHUIS),
        OrganisatieData("riec", "RIEC Oost-Nederland", Soort.RIEC),
        OrganisatieData("reclassering", "Reclassering Nederland – unit Zuiderveen", Soort.RECLASSERING),
        OrganisatieData("belastingdienst", "Belastingdienst – kantoor Zuiderveen", Soort.BELASTINGDIENST),
        OrganisatieData("energie", "ZuidStroom Energie (vroegsignalering)", Soort.NUTSBEDRIJF_VERHUURDER),
        OrganisatieData("water", "Waterbedrijf Zuiderveen", Soort.NUTSBEDRIJF_VERHUURDER),
        OrganisatieData("buurtbemiddeling", "Buurtbemiddeling Zuiderveen", Soort.ANDERS),
    ),
    gebruikers=(
        GebruikerData("regisseur", "Sanne", "de Vries", Rol.REGISSEUR, "ondermijning", "Regisseur ondermijning"),
        GebruikerData(
            "ondermijningsteam", "Joost", "Bakker", Rol.ONDERMIJNINGSTEAM, "ondermijning", "Adviseur ondermijning"
        ),
        GebruikerData("partnerprofessional", "Linda", "Jansen", Rol.PARTNERPROFESSIONAL, "corporatie", "Woonconsulent"),
        GebruikerData("analist", "Thomas", "Visser", Rol.ANALIST, "oov", "Informatieanalist ondermijning"),
        GebruikerData("manager", "Ingrid", "Mulder", Rol.MANAGER, "oov", "Teamleider Openbare Orde en Veiligheid"),
        GebruikerData(
            "privacyfunctionaris", "Pieter", "van Dijk", Rol.PRIVACYFUNCTIONARIS, "informatie", "Privacyfunctionaris"
        ),
        GebruikerData(
            "beheerder",
            "Ruud",
            "Smit",
            Rol.FUNCTIONEEL_BEHEERDER,
            "informatie",
            "Functioneel beheerder Regiekamer",
            is_staff=True,
        ),
        GebruikerData("regisseur2", "Mehmet", "Yilmaz", Rol.REGISSEUR, "ondermijning", "Casusregisseur"),
        GebruikerData(
            "aandachtsfunctionaris",
            "Fatima",
            "el Amrani",
            Rol.ONDERMIJNINGSTEAM,
            "ondermijning",
            "Aandachtsfunctionaris mensenhandel",
        ),
        GebruikerData(
            "wijkagent", "Kevin", "Hendriks", Rol.PARTNERPROFESSIONAL, "politie", "Wijkagent Zuiderveen-Zuid"
        ),
        GebruikerData("zorgcoordinator", "Marieke", "Bos", Rol.PARTNERPROFESSIONAL, "school", "Zorgcoördinator"),
        GebruikerData(
            "schuldhulpverlener", "Rachid", "Ouali", Rol.PARTNERPROFESSIONAL, "schuldhulp", "Schuldhulpverlener"
        ),
        GebruikerData(
            "klantmanager", "Esther", "Kuipers", Rol.PARTNERPROFESSIONAL, "werk-inkomen", "Klantmanager Werk & Inkomen"
        ),
        GebruikerData(
            "jongerenwerker", "Dewi", "Pattiasina", Rol.PARTNERPROFESSIONAL, "jongerenwerk", "Jongerenwerker"
        ),
        GebruikerData("wijkcoach", "Anouk", "Dekker", Rol.PARTNERPROFESSIONAL, "wijkteam-zuid", "Wijkcoach"),
        GebruikerData("handhaver", "Bas", "Willemsen", Rol.PARTNERPROFESSIONAL, "handhaving", "Handhaver (boa)"),
    ),
    wegers=("regisseur", "regisseur", "regisseur2", "ondermijningsteam"),
    aandachtsfunctionaris="aandachtsfunctionaris",
    buurgemeente="Oosterbroek",
    buurgemeente_postcode="9981",
    buurgemeente_straten=("Stationsstraat", "Brinkweg", "Kanaaldijk"),
)

NOORDERHAVEN = GemeenteData(
    key="nh",
    naam="Noorderhaven",
    cbs_code="GM9902",
    email_domein="noorderhaven.example",
    buurten=(
        BuurtData("BU99020101", "Havenkwartier", "Haven", ("9951",), 53.3210, 6.0520, 3),
        BuurtData("BU99020102", "Dorpskern", "Haven", ("9952",), 53.3150, 6.0410, 2),
        BuurtData("BU99020201", "Noorderhoek", "Noord", ("9953",), 53.3290, 6.0380, 2),
        BuurtData("BU99020202", "Bedrijventerrein De Dijk", "Noord", ("9954",), 53.3260, 6.0660, 1),
    ),
    organisaties=(
        OrganisatieData("ondermijning", "Gemeente Noorderhaven – Team Ondermijning", Soort.GEMEENTE_AFDELING),
        OrganisatieData("werk-inkomen", "Gemeente Noorderhaven – Werk & Inkomen", Soort.GEMEENTE_AFDELING),
        OrganisatieData("vergunningen", "Gemeente Noorderhaven – Vergunningen", Soort.GEMEENTE_AFDELING),
        OrganisatieData("oov", "Gemeente Noorderhaven – Openbare Orde en Veiligheid", Soort.GEMEENTE_AFDELING),
        OrganisatieData("handhaving", "Gemeente Noorderhaven – Toezicht en Handhaving", Soort.GEMEENTE_AFDELING),
        OrganisatieData("politie", "Politie basisteam Noorderhaven-Kust", Soort.POLITIE),
        OrganisatieData("corporatie", "Woongroep Noorderhaven", Soort.WONINGCORPORATIE),
        OrganisatieData("wijkteam-noord", "Sociaal Team Noorderhaven", Soort.WIJKTEAM),
        OrganisatieData("wijkteam-zuid", "Sociaal Team Noorderhoek", Soort.WIJKTEAM),
        OrganisatieData("schuldhulp", "Kredietbank Noorderhaven", Soort.SCHULDHULPVERLENING),
        OrganisatieData("ggd", "GGD Regio Noord", Soort.GGD),
        OrganisatieData("school", "Havencollege Noorderhaven", Soort.ONDERWIJS),
        OrganisatieData("jongerenwerk", "Jongerenwerk Noorderhaven", Soort.JONGERENWERK),
        OrganisatieData("zvh", "Zorg- en Veiligheidshuis Regio Noord", Soort.ZORG_EN_VEILIGHEIDSHUIS),
        OrganisatieData("riec", "RIEC Noord-Nederland", Soort.RIEC),
        OrganisatieData("reclassering", "Reclassering Nederland – unit Noorderhaven", Soort.RECLASSERING),
        OrganisatieData("belastingdienst", "Belastingdienst – kantoor Noorderhaven", Soort.BELASTINGDIENST),
        OrganisatieData("energie", "Noorder Energie (vroegsignalering)", Soort.NUTSBEDRIJF_VERHUURDER),
        OrganisatieData("water", "Waterbedrijf Noorderhaven", Soort.NUTSBEDRIJF_VERHUURDER),
        OrganisatieData("buurtbemiddeling", "Havenbedrijf Noorderhaven", Soort.ANDERS),
    ),
    gebruikers=(
        GebruikerData("nh-regisseur", "Henk", "Zijlstra", Rol.REGISSEUR, "ondermijning", "Regisseur ondermijning"),
        GebruikerData(
            "nh-ondermijningsteam", "Wieke", "Postma", Rol.ONDERMIJNINGSTEAM, "ondermijning", "Adviseur ondermijning"
        ),
        GebruikerData(
            "nh-partnerprofessional", "Jelle", "de Jong", Rol.PARTNERPROFESSIONAL, "corporatie", "Woonconsulent"
        ),
        GebruikerData("nh-wijkagent", "Tjeerd", "Dijkstra", Rol.PARTNERPROFESSIONAL, "politie", "Wijkagent Haven"),
        GebruikerData(
            "nh-beheerder",
            "Gea",
            "Bosma",
            Rol.FUNCTIONEEL_BEHEERDER,
            "oov",
            "Functioneel beheerder Regiekamer",
            is_staff=True,
        ),
    ),
    wegers=("nh-regisseur", "nh-regisseur", "nh-ondermijningsteam"),
    aandachtsfunctionaris="nh-ondermijningsteam",
    buurgemeente="Westerwold-Kust",
    buurgemeente_postcode="9971",
    buurgemeente_straten=("Dijkweg",),
)

GEMEENTEN = (ZUIDERVEEN, NOORDERHAVEN)

# Share of an organisation's signals its professionals report themselves (the rest comes from its own system).
AANDEEL_GEBRUIKER = {"corporatie": 0.2, "politie": 0.7}
# What the organisation tokens of the demo are for.
SYSTEEM_OMSCHRIJVING = {
    "corporatie": "Demo: koppeling huurdersadministratie",
    "werk-inkomen": "Demo: koppeling uitkeringssysteem",
    "vergunningen": "Demo: koppeling vergunningensysteem",
    "handhaving": "Demo: koppeling handhavingsapp",
    "wijkteam-noord": "Demo: koppeling registratiesysteem wijkteam",
    "wijkteam-zuid": "Demo: koppeling registratiesysteem wijkteam",
    "reclassering": "Demo: koppeling reclasseringsadviessysteem",
    "belastingdienst": "Demo: koppeling Belastingdienst",
    "schuldhulp": "Demo: koppeling schuldhulpregistratie",
    "school": "Demo: koppeling leerlingvolgsysteem",
    "buurtbemiddeling": "Demo: koppeling Buurtbemiddeling",
    "energie": "Demo: koppeling vroegsignalering energie",
    "water": "Demo: koppeling vroegsignalering water",
    "ggd": "Demo: koppeling GGD-meldsysteem",
    "zvh": "Demo: koppeling ZVH-casusregistratie",
    "riec": "Demo: koppeling RIEC-informatiesysteem",
    "politie": "Demo: koppeling politie (BVH-signalen)",
}


# --- Signal templates ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sjabloon:
    """A kind of signal. ``delen`` are sentences; per part one alternative is chosen, "" leaves it out."""

    code: str
    fenomenen: tuple[str, ...]
    melders: tuple[str, ...]  # organisation keys
    delen: tuple[tuple[str, ...], ...]
    indicatoren: tuple[str, ...] = ()
    persoon: str = ""  # "" (no person), "m", "v" or "*"
    leeftijd: tuple[int, int] = (20, 65)
    adres: bool = True
    voertuig: bool = False
    bedrijf: tuple[str, ...] = ()  # kinds of business, e.g. "Nails"; empty: no legal person
    locaties: tuple[str, ...] = ()
    zwaarte: str = "normaal"  # "licht" | "normaal" | "zwaar": steers the generated outcomes
    aanpak: str = Aanpak.PERSOONSGERICHT
    anonieme_bron: str = ""
    gewicht: int = 2


SJABLONEN: tuple[Sjabloon, ...] = (
    # Hennepteelt
    Sjabloon(
        "hennep-corporatie",
        ("hennepteelt",),
        ("corporatie",),
        (
            (
                "Bij een reparatieverzoek op {adres} rook de monteur van de woningcorporatie een sterke hennepgeur "
                "in het trapportaal.",
                "Tijdens een woningschouw op {adres} viel de woonconsulent een zoete, sterke hennepgeur op.",
            ),
            (
                "De ramen van de zolderverdieping zijn afgeplakt met zwart folie en er loopt een extra stroomkabel "
                "naar boven.",
                "Op zolder brandt dag en nacht licht en de ramen zijn voortdurend beslagen.",
            ),
            (
                "Huurder {naam} ({leeftijd}) wilde de monteur niet naar boven laten.",
                "Huurder {naam} zei dat de zolder 'in gebruik is door een kennis'.",
            ),
            (
                "Buren vertelden dat er 's avonds zakken potgrond en grote dozen naar binnen worden gedragen.",
                "",
            ),
        ),
        ("hennepgeur", "ramen-afgeplakt", "verankering-woning"),
        persoon="*",
        aanpak=Aanpak.HUISHOUDEN,
        gewicht=4,
    ),
    Sjabloon(
        "hennep-energie",
        ("hennepteelt",),
        ("energie",),
        (
            (
                "Het elektriciteitsverbruik op de aansluiting {adres} is in {maanden} maanden gestegen van gemiddeld "
                "{kwh1} naar {kwh2} kWh per maand.",
            ),
            (
                "Bij de meteropname zag de monteur een aftakking vóór de meter en een tijdschakelaar in de meterkast.",
                "De verzegeling van de meter is verbroken; de bewoner deed niet open.",
                "Het verbruik loopt vooral 's nachts op, in blokken van twaalf uur.",
            ),
            ("De aansluiting staat op naam van {naam}.", ""),
        ),
        ("hoog-energieverbruik", "verankering-woning"),
        persoon="*",
        aanpak=Aanpak.HUISHOUDEN,
        gewicht=3,
    ),
    Sjabloon(
        "hennep-buren",
        ("hennepteelt",),
        ("politie",),
        (
            (
                "Buurtbewoners van de {straat} meldden bij de wijkagent dat uit de woning {adres} 's nachts een "
                "zoemend geluid komt en dat het portiek naar hennep ruikt.",
                "De wijkagent hoorde van bewoners van de {straat} dat de bewoner van {adres} zelden thuis is, maar "
                "dat er wel elke nacht ventilatoren draaien.",
            ),
            (
                "Er stopt regelmatig laat op de avond een {bus} met kenteken {kenteken}, waaruit dozen en jerrycans "
                "naar binnen worden gedragen.",
                "{Dag} zag een buurman {tijd} een {bus} (kenteken {kenteken}) voor de deur; er werden zakken "
                "potgrond en lampen uitgeladen.",
            ),
            ("De ramen op de bovenverdieping zijn altijd beslagen.", ""),
        ),
        ("hennepgeur", "lampen-planten", "verankering-buurt"),
        voertuig=True,
        aanpak=Aanpak.PERSOONSGERICHT,
        gewicht=3,
    ),
    Sjabloon(
        "hennep-schuld",
        ("hennepteelt", "criminele-uitbuiting"),
        ("wijkteam-zuid", "wijkteam-noord", "schuldhulp"),
        (
            (
                "Tijdens een huisbezoek bij {naam} ({leeftijd}) op {adres} hoorde de hulpverlener gezoem op zolder "
                "en rook een sterke hennepgeur.",
            ),
            (
                "{Hij} heeft schulden van ruim {groot_bedrag} euro en vertelde dat 'iemand' de zolder gebruikt in "
                "ruil voor het aflossen van een schuld.",
                "{Hij} zei dat een kennis de zolder huurt voor {bedrag} euro per maand, contant.",
            ),
            ("{Hij} leek bang om er meer over te vertellen.", "Er wonen ook twee jonge kinderen in de woning."),
        ),
        ("hennepgeur", "schuld-aan-criminelen", "verankering-kwetsbare-inwoner"),
        persoon="*",
        leeftijd=(28, 60),
        zwaarte="zwaar",
        aanpak=Aanpak.HUISHOUDEN,
    ),
    Sjabloon(
        "hennep-anoniem",
        ("hennepteelt",),
        ("ondermijning",),
        (
            (
                "Een buurtbewoner die anoniem wil blijven belde over {adres}.",
                "Anonieme melding van een bewoner uit de {straat}.",
            ),
            (
                "Volgens de melder worden er sinds een paar weken 's avonds lampen en planten naar binnen gedragen "
                "en ruikt de hele straat naar hennep.",
                "De melder ziet dat de gordijnen van {adres} altijd dicht zijn en hoort 's nachts een "
                "afzuiginstallatie.",
            ),
        ),
        ("lampen-planten", "hennepgeur", "verankering-woning"),
        anonieme_bron="anonieme-melder",
    ),
    # Drugslab / opslag
    Sjabloon(
        "drugslab-loods",
        ("drugslab",),
        ("politie", "vergunningen"),
        (
            (
                "Bij een controle van de vergunning voor de loods op {adres} bleek de loods volledig afgesloten, met "
                "afzuiging op het dak en een sterke anijslucht.",
                "De wijkagent kreeg meldingen over de loods op {adres}: 's nachts rijden busjes af en aan en er hangt "
                "een chemische lucht.",
            ),
            (
                "Eigenaar {bedrijf} verhuurt de loods volgens de buren contant aan 'een man uit het zuiden'.",
                "De loods staat op naam van {bedrijf}; een huurcontract kon niet worden getoond.",
            ),
            ("Op het terrein staan blauwe vaten en jerrycans.", ""),
        ),
        ("chemische-lucht", "loods-verhuurd-contant", "verankering-lokale-onderneming"),
        bedrijf=("Opslag", "Transport", "Handelsonderneming"),
        zwaarte="zwaar",
        gewicht=1,
    ),
    Sjabloon(
        "drugslab-dumping",
        ("drugslab",),
        ("handhaving", "water"),
        (
            (
                "Bij {locatie} zijn {aantal} vaten en jerrycans gedumpt.",
                "Handhaving trof {dag} bij {locatie} gedumpte jerrycans aan met een scherpe chemische lucht.",
            ),
            (
                "De brandweer heeft de vaten afgevoerd; bandensporen wijzen op een bestelbus.",
                "Het waterbedrijf meet sinds enkele weken afwijkende stoffen in het riool bij deze locatie.",
            ),
        ),
        ("vaten-jerrycans", "verankering-buurt"),
        adres=False,
        locaties=(
            "de parkeerplaats bij de Kanaaldijk",
            "het bosperceel achter het sportpark",
            "de bermen langs de Industrieweg",
            "de keerlus van de buslijn in de Kanaalzone",
        ),
        aanpak=Aanpak.GEBIEDSGERICHT,
        gewicht=1,
    ),
    # Drugshandel
    Sjabloon(
        "drugshandel-aanloop",
        ("drugshandel",),
        ("politie", "corporatie"),
        (
            (
                "Sinds enkele weken is er veel kortdurende aanloop bij {adres}: wisselende personen blijven niet "
                "langer dan vijf minuten.",
                "Buren van {adres} tellen op een avond {aantal} bezoekers die kort binnen zijn en weer vertrekken.",
            ),
            (
                "Bezoekers komen op scooters of in auto's met draaiende motor.",
                "Een buurvrouw zag {tijd} kleine pakketjes worden overgegeven bij de voordeur.",
                "De bewoner, {naam} ({leeftijd}), staat 's avonds vaak buiten te bellen.",
            ),
            ("Buren voelen zich niet meer veilig in het portiek.", ""),
        ),
        ("aanloop", "verankering-buurt"),
        persoon="*",
        leeftijd=(19, 45),
        gewicht=4,
    ),
    Sjabloon(
        "drugshandel-straat",
        ("drugshandel",),
        ("handhaving", "jongerenwerk", "politie"),
        (
            (
                "Handhavers zagen {dag} bij {locatie} een jongen in een trainingspak kleine zakjes overgeven aan "
                "automobilisten die kort stopten.",
                "Bij {locatie} wordt volgens omwonenden {tijd} openlijk gedeald.",
            ),
            (
                "Er rijdt steeds dezelfde {auto} rond; de bestuurder houdt de boel in de gaten.",
                "Kopers komen ook van buiten de gemeente.",
                "",
            ),
        ),
        ("dealen-straat", "verankering-buurt"),
        adres=False,
        locaties=(
            "de parkeerplaats achter winkelcentrum De Esch",
            "het bankje bij het Havenpleintje",
            "de fietstunnel onder de Stationsweg",
            "het speelveld aan de Molenvaart",
        ),
        aanpak=Aanpak.GEBIEDSGERICHT,
        gewicht=2,
    ),
    # Witwassen / vastgoed
    Sjabloon(
        "witwassen-uitgaven",
        ("witwassen",),
        ("corporatie", "werk-inkomen"),
        (
            (
                "{naam} ({leeftijd}), huurder van {adres}, heeft een nieuwe keuken laten plaatsen van naar schatting "
                "{groot_bedrag} euro; de aannemer vertelde dat er contant is betaald.",
                "Bij {naam} ({leeftijd}) op {adres} is de hele woning verbouwd met een marmeren vloer en een nieuwe "
                "badkamer, terwijl {hij} volgens opgave een minimuminkomen heeft.",
            ),
            (
                "Voor de deur staat een {auto} met kenteken {kenteken}.",
                "{Hij} rijdt sinds kort in een {auto} (kenteken {kenteken}).",
            ),
        ),
        ("uitgaven-boven-inkomen", "verankering-woning"),
        persoon="*",
        leeftijd=(25, 55),
        voertuig=True,
        gewicht=2,
    ),
    Sjabloon(
        "witwassen-pand",
        ("witwassen",),
        ("vergunningen", "belastingdienst"),
        (
            (
                "Voor het pand {adres} is een exploitatievergunning aangevraagd door {bedrijf}.",
                "Het pand {adres} is binnen een jaar drie keer doorverkocht, de laatste keer aan {bedrijf}.",
            ),
            (
                "Het pand is een half jaar geleden contant gekocht en wordt opnieuw verbouwd.",
                "De koopsom lag {groot_bedrag} euro boven de taxatiewaarde.",
            ),
            (
                "In de straat zitten al drie vergelijkbare zaken waar nauwelijks klanten komen.",
                "",
            ),
        ),
        ("contante-aankoop", "snelle-doorverkoop", "verankering-lokale-onderneming"),
        bedrijf=("Barbershop", "Nails", "Belhuis", "Shisha Lounge", "Autopoets"),
        zwaarte="zwaar",
        gewicht=2,
    ),
    # Seksuele uitbuiting
    Sjabloon(
        "seksueel-woning",
        ("seksuele-uitbuiting",),
        ("corporatie", "politie"),
        (
            (
                "In de flat {adres} komen 's avonds wisselende mannen kort op bezoek.",
                "Buren van {adres} zien steeds andere jonge vrouwen die de woning nauwelijks verlaten.",
            ),
            (
                "Een van de vrouwen sprak geen Nederlands en vroeg een buurvrouw om een telefoon.",
                "Een man haalt de vrouwen 's ochtends op in een {auto} (kenteken {kenteken}).",
            ),
        ),
        ("wisselende-vrouwen", "verankering-woning"),
        voertuig=True,
        zwaarte="zwaar",
        gewicht=2,
    ),
    Sjabloon(
        "seksueel-ggd",
        ("seksuele-uitbuiting",),
        ("ggd",),
        (
            (
                "Op het spreekuur seksuele gezondheid kwam {naam} ({leeftijd}).",
                "Bij de GGD meldde zich een vrouw, {naam} ({leeftijd}).",
            ),
            (
                "Zij vertelde dat haar 'vriend' haar telefoon en paspoort bewaart en dat zij op {adres} 'klanten moet "
                "ontvangen'.",
                "Zij woont op {adres} en mag zonder toestemming van haar 'vriend' de deur niet uit.",
            ),
            ("Zij durfde geen aangifte te doen.", "Zij heeft geen eigen bankrekening."),
        ),
        ("geen-eigen-geld", "verankering-kwetsbare-inwoner"),
        persoon="v",
        leeftijd=(18, 30),
        zwaarte="zwaar",
        gewicht=1,
    ),
    # Arbeidsuitbuiting
    Sjabloon(
        "arbeid-overbewoning",
        ("arbeidsuitbuiting", "woonfraude"),
        ("handhaving", "politie"),
        (
            (
                "Bij een controle op {adres} trof handhaving {aantal_klein} arbeidsmigranten aan in een woning met "
                "twee slaapkamers.",
                "Op {adres} wonen volgens buren minstens {aantal_klein} arbeidsmigranten.",
            ),
            (
                "Er lagen matrassen in de woonkamer en op zolder.",
                "Elke ochtend om half zes worden zij opgehaald door een {bus} (kenteken {kenteken}).",
            ),
            (
                "De bewoners werken via {bedrijf}, dat ook de woning verhuurt.",
                "Volgens een van de bewoners houdt {bedrijf} de huur in op het loon.",
            ),
        ),
        ("overbewoning-arbeidsmigranten", "dubbele-afhankelijkheid", "verankering-woning"),
        voertuig=True,
        bedrijf=("Uitzendservice", "Flexwerk", "Agri Personeel"),
        zwaarte="zwaar",
        aanpak=Aanpak.GROEPSGERICHT,
        gewicht=2,
    ),
    Sjabloon(
        "arbeid-paspoort",
        ("arbeidsuitbuiting",),
        ("ggd", "wijkteam-noord", "wijkteam-zuid"),
        (
            ("Een man van {leeftijd} uit {land} meldde zich met een handblessure die {hij} op het werk opliep.",),
            (
                "{Hij} vertelde dat de werkgever zijn paspoort bewaart 'voor de administratie'.",
                "{Hij} krijgt per week {bedrag_klein} euro ingehouden voor een matras in een gedeelde kamer.",
            ),
            ("{Hij} woont op {adres} met andere collega's.", ""),
        ),
        ("paspoort-ingehouden", "huur-ingehouden", "verankering-kwetsbare-inwoner"),
        persoon="m",
        leeftijd=(22, 50),
        zwaarte="zwaar",
        gewicht=1,
    ),
    # Criminele uitbuiting
    Sjabloon(
        "crimineel-lvb",
        ("criminele-uitbuiting",),
        ("wijkteam-zuid", "wijkteam-noord", "reclassering"),
        (
            (
                "Cliënt {naam} ({leeftijd}), met een licht verstandelijke beperking, vertelt dat 'vrienden' spullen "
                "in {zijn} woning op {adres} bewaren en dat {hij} niet mag weigeren.",
            ),
            (
                "{Hij} heeft bij hen een schuld van {bedrag} euro die {hij} 'afbetaalt' door pakketjes rond te "
                "brengen.",
                "Er komen 's avonds onbekende jongens over de vloer die de sleutel hebben.",
            ),
        ),
        ("gedwongen-dealen", "schuld-aan-criminelen", "verankering-kwetsbare-inwoner"),
        persoon="*",
        leeftijd=(19, 45),
        zwaarte="zwaar",
        gewicht=2,
    ),
    # Geldezel / identiteitsmisbruik
    Sjabloon(
        "geldezel-schuldhulp",
        ("geldezel",),
        ("schuldhulp", "werk-inkomen"),
        (
            (
                "Bij het intakegesprek bleek dat {naam} ({leeftijd}) {zijn} bankpas en pincode heeft 'uitgeleend' aan "
                "een kennis.",
            ),
            (
                "Op {zijn} rekening is in één week {groot_bedrag} euro bijgeschreven en direct contant opgenomen.",
                "{Hij} kreeg er {bedrag_klein} euro voor.",
            ),
            ("De bank heeft de rekening inmiddels geblokkeerd.", ""),
        ),
        ("bankpas-afgegeven", "grote-bedragen-rekening", "verankering-kwetsbare-inwoner"),
        persoon="*",
        leeftijd=(18, 26),
        gewicht=2,
    ),
    Sjabloon(
        "geldezel-contracten",
        ("geldezel",),
        ("werk-inkomen", "schuldhulp"),
        (
            (
                "Op naam van {naam} ({leeftijd}) zijn twee telefoonabonnementen en een leaseauto afgesloten.",
                "{naam} ({leeftijd}) kreeg aanmaningen voor {aantal_klein} telefoonabonnementen die {hij} niet zelf "
                "heeft afgesloten.",
            ),
            (
                "{Hij} zegt dat een 'vriend' {zijn} DigiD heeft gebruikt.",
                "{Hij} heeft plotseling een schuld van {groot_bedrag} euro.",
            ),
        ),
        ("contracten-op-naam", "plotselinge-schulden", "verankering-kwetsbare-inwoner"),
        persoon="*",
        leeftijd=(18, 35),
        gewicht=2,
    ),
    # Ronselen jongeren
    Sjabloon(
        "ronselen-school",
        ("ronselen-jongeren",),
        ("school",),
        (
            (
                "De mentor van {naam} ({leeftijd}) meldt dat {hij} sinds kort dure kleding en een nieuwe telefoon "
                "heeft, terwijl het gezin rond moet komen van een uitkering.",
                "{naam} ({leeftijd}) verzuimt de laatste weken vaak en gedraagt zich plotseling afwezig.",
            ),
            (
                "Na schooltijd wordt {hij} opgehaald door een oudere jongen in een {auto}.",
                "{Hij} heeft regelmatig honderden euro's contant bij zich.",
            ),
        ),
        ("dure-spullen", "schoolverzuim", "verankering-kwetsbare-inwoner"),
        persoon="*",
        leeftijd=(13, 17),
        aanpak=Aanpak.GROEPSGERICHT,
        gewicht=3,
    ),
    Sjabloon(
        "ronselen-jongerenwerk",
        ("ronselen-jongeren",),
        ("jongerenwerk", "politie"),
        (
            (
                "Bij {locatie} zien jongerenwerkers dat oudere jongens tieners aanspreken en ze geld aanbieden om "
                "'iets weg te brengen'.",
                "Bij {locatie} staat {tijd} vaak een {auto}; jongeren stappen kort in en komen met een tasje weer "
                "naar buiten.",
            ),
            ("Het gaat om jongeren van een jaar of veertien.", "Twee jongens hadden een nieuwe scooter.", ""),
        ),
        ("opgehaald-dure-auto", "plotseling-geld", "verankering-buurt"),
        adres=False,
        locaties=(
            "de hangplek bij het winkelcentrum",
            "het basketbalveldje aan de Parkweg",
            "de bushalte bij het Stedelijk College",
        ),
        aanpak=Aanpak.GROEPSGERICHT,
        gewicht=2,
    ),
    # Zorgfraude
    Sjabloon(
        "zorg-dagbesteding",
        ("zorgfraude",),
        ("wijkteam-noord", "wijkteam-zuid", "zvh"),
        (
            (
                "Zorgaanbieder {bedrijf} declareert voor {aantal} cliënten dagbesteding in het pand {adres}.",
                "{bedrijf} biedt vanuit {adres} begeleiding en dagbesteding aan.",
            ),
            (
                "Bij twee onaangekondigde bezoeken was er niemand aanwezig.",
                "Cliënten vertellen dat zij 'af en toe koffie komen drinken' en daarvoor een handtekening zetten.",
            ),
        ),
        ("dagbesteding-dekmantel", "declaraties-afwijkend", "verankering-gemeentelijke-dienst"),
        bedrijf=("Zorg", "Begeleiding", "Thuiszorg"),
        zwaarte="zwaar",
        gewicht=1,
    ),
    # Uitkeringsfraude
    Sjabloon(
        "uitkering-woonsituatie",
        ("uitkeringsfraude",),
        ("werk-inkomen",),
        (
            (
                "{naam} ({leeftijd}) staat als alleenstaande ingeschreven op {adres} en ontvangt bijstand.",
                "{naam} ({leeftijd}) ontvangt een bijstandsuitkering als alleenstaande op {adres}.",
            ),
            (
                "Bij een huisbezoek bleek dat er ook een partner woont; er lag post op naam van een ander.",
                "Buren zien {hem} dagelijks met een bestelbus van een bouwbedrijf vertrekken.",
            ),
        ),
        ("woonsituatie-onjuist", "inkomsten-niet-gemeld", "verankering-gemeentelijke-dienst"),
        persoon="*",
        leeftijd=(25, 60),
        zwaarte="licht",
        gewicht=2,
    ),
    # Woonfraude
    Sjabloon(
        "woonfraude-onderhuur",
        ("woonfraude",),
        ("corporatie",),
        (
            (
                "De huurder van {adres}, {naam}, woont er volgens buren al maanden niet meer.",
                "Huurder {naam} van {adres} is volgens de buren naar het buitenland vertrokken.",
            ),
            (
                "In de woning wonen wisselende jonge mannen; op de deur staan vier namen.",
                "De woning wordt via sociale media aangeboden voor {bedrag} euro per maand.",
            ),
        ),
        ("onderhuur", "huurder-niet-aanwezig", "verankering-woning"),
        persoon="*",
        zwaarte="licht",
        gewicht=3,
    ),
    Sjabloon(
        "woonfraude-inschrijvingen",
        ("woonfraude",),
        ("handhaving", "vergunningen"),
        (
            ("Op {adres} staan {aantal_klein} personen ingeschreven in een woning van zestig vierkante meter.",),
            (
                "De eigenaar, {bedrijf}, heeft geen vergunning voor kamerverhuur.",
                "Bij een controle deed niemand open; de brievenbus puilde uit.",
            ),
        ),
        ("veel-inschrijvingen", "verankering-woning"),
        bedrijf=("Vastgoed", "Beheer", "Kamerverhuur"),
        zwaarte="licht",
        gewicht=2,
    ),
    # Betalingsachterstand (vroegsignalering)
    Sjabloon(
        "achterstand-energie",
        ("betalingsachterstand",),
        ("energie", "water", "corporatie"),
        (
            (
                "Vroegsignalering: bij {naam} op {adres} staat een achterstand van {bedrag} euro; drie herinneringen "
                "zijn onbeantwoord.",
                "Vroegsignalering: {naam} ({leeftijd}) op {adres} heeft een betalingsachterstand van {maanden} "
                "maanden ({bedrag} euro).",
            ),
            ("Afsluiting dreigt.", "Er is geen contact mogelijk; de telefoon wordt niet opgenomen.", ""),
        ),
        ("energie-water-achterstand", "huurachterstand"),
        persoon="*",
        zwaarte="licht",
        aanpak=Aanpak.HUISHOUDEN,
        gewicht=4,
    ),
    # Intimidatie
    Sjabloon(
        "intimidatie-buren",
        ("intimidatie",),
        ("politie", "corporatie"),
        (
            (
                "Een buurtbewoonster die eerder een melding deed over {adres} is door de bewoner aangesproken en "
                "bedreigd.",
                "Bewoners van de {straat} worden geïntimideerd door {naam} ({leeftijd}) van {adres}.",
            ),
            (
                "Er werd gezegd: 'wij weten waar je kinderen naar school gaan'.",
                "Na een melding over overlast werd de autoband van een buurman lek gestoken.",
            ),
        ),
        ("bedreiging-buren", "verankering-buurt"),
        persoon="*",
        leeftijd=(20, 50),
        gewicht=1,
    ),
    Sjabloon(
        "intimidatie-ambtenaar",
        ("intimidatie",),
        ("vergunningen", "handhaving"),
        (
            (
                "Bij een controle van {bedrijf} op {adres} is een handhaver door de eigenaar bedreigd.",
                "Na het weigeren van een vergunning aan {bedrijf}, gevestigd op {adres}, kwam een boze man aan de "
                "balie die de behandelend ambtenaar bij naam noemde.",
            ),
            ("De medewerker is niet meer alleen op pad gegaan.", ""),
        ),
        ("bedreiging-ambtenaar", "verankering-lokale-onderneming"),
        bedrijf=("Shisha Lounge", "Autobedrijf", "Snackbar"),
        gewicht=1,
    ),
    # A light signal that is usually no undermining at all.
    Sjabloon(
        "burenconflict",
        ("intimidatie",),
        ("buurtbemiddeling", "corporatie"),
        (
            (
                "Buren op {adres} hebben al maanden ruzie over geluidsoverlast.",
                "Tussen de bewoners van {adres} en de onderburen loopt een conflict over een schutting.",
            ),
            ("Er wordt over en weer gescholden; er is geen sprake van geweld.", ""),
        ),
        ("bedreiging-buren",),
        zwaarte="licht",
        gewicht=1,
    ),
)

AUTO_S = (
    "zwarte Audi RS6",
    "grijze Mercedes G-klasse",
    "witte Range Rover Sport",
    "zwarte BMW M4",
    "donkerblauwe Porsche Cayenne",
    "matzwarte Volkswagen Golf R",
    "zwarte Mercedes AMG",
)
BUSSEN = ("witte Ford Transit", "grijze Volkswagen Crafter", "witte Renault Master", "zwarte Mercedes Vito")
DAGEN = (
    "afgelopen maandag",
    "vorige week dinsdag",
    "afgelopen woensdag",
    "afgelopen donderdag",
    "vorige week vrijdag",
    "afgelopen zaterdag",
)
TIJDEN = ("rond 23.00 uur", "tussen 02.00 en 04.00 uur", "vroeg in de ochtend", "rond etenstijd", "'s avonds laat")
LANDEN = ("Polen", "Roemenië", "Bulgarije", "Hongarije", "Litouwen")
BEDRIJF_WOORDEN = ("Prima", "Royal", "Golden", "City", "Euro", "Star", "Holland", "Noord", "Zuid", "Quick")
EXTRA_ACHTERNAMEN = (
    "El Idrissi",
    "Yilmaz",
    "Öztürk",
    "Bouzid",
    "Kartosen",
    "Pinas",
    "Nowak",
    "Kowalski",
    "Haddou",
    "Demir",
    "Tahiri",
    "Sewdien",
)
EXTRA_VOORNAMEN_M = ("Mohamed", "Yusuf", "Emre", "Rayan", "Jermaine", "Anouar", "Bilal", "Kerem", "Dani")
EXTRA_VOORNAMEN_V = ("Fatma", "Nadia", "Sabrina", "Esra", "Chantal", "Imane", "Zeynep", "Shanti")


# --- The example situations (hand-written) ------------------------------------------------------------------------


def born(age: int, days_after_birthday: int) -> tuple[int, int]:
    """A birth date given as (age today, days since the last birthday), resolved by the builder."""
    return (age, days_after_birthday)


@dataclass(frozen=True)
class CastPersoon:
    voornamen: str
    achternaam: str
    geboren: tuple[int, int]  # see born()
    tussenvoegsel: str = ""
    bsn: bool = True


@dataclass(frozen=True)
class CastAdres:
    postcode: str
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""
    straat: str = ""  # only for addresses outside the gemeente (no synthetic BAG there)
    woonplaats: str = ""


@dataclass(frozen=True)
class Script:
    """One hand-written signal, its reporter, when it came in and how far the protocol got."""

    key: str
    dagen_geleden: int
    melder: str  # username, or "systeem:<organisation key>"
    tekst: str  # placeholders {adres:<key>} are filled in with the address as the BAG knows it
    fenomenen: tuple[str, ...]
    indicatoren: tuple[str, ...] = ()
    personen: tuple[str, ...] = ()
    zonder_bsn: tuple[str, ...] = ()  # persons named here without their BSN (the reporter does not know it)
    adressen: tuple[str, ...] = ()
    rechtspersonen: tuple[str, ...] = ()
    voertuigen: tuple[str, ...] = ()
    locatie: str = ""
    anonieme_bron: str = ""
    status: str = Status.WEGING_1
    aanpak: str = ""
    gestopt_bij: str = "bronnen"  # "bronnen" | "pc2a": where a "gestopt" signal stopped
    correctie: bool = False  # weging 3 first decided "geen actie", then corrected
    toelichting_aanpak: str = ""
    uur: int = 10
    # Who weighs the signal (and so directs the case it may become); by default one of the gemeente's wegers.
    regisseur: str = ""
    # Reported only after the casework (see demo.casework), e.g. a new signal after a case was closed.
    na_casuswerk: bool = False


@dataclass(frozen=True)
class Cast:
    personen: dict[str, CastPersoon] = field(default_factory=dict)
    adressen: dict[str, CastAdres] = field(default_factory=dict)
    rechtspersonen: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: (naam, kvk)
    voertuigen: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: (kenteken, omschrijving)
    # (soort, van, naar, toelichting); keys prefixed p: a: r: v:
    relaties: tuple[tuple[str, str, str, str], ...] = ()
    scripts: tuple[Script, ...] = ()


ZUIDERVEEN_CAST = Cast(
    personen={
        "dylan": CastPersoon("Dylan", "Meijer", born(21, 200)),
        "damian": CastPersoon("Damian", "Verhoeven", born(19, 150)),
        "noah": CastPersoon("Noah", "Boer", born(14, 120), tussenvoegsel="de", bsn=False),
        "milan": CastPersoon("Milan", "Pranoto", born(15, 200), bsn=False),
        "sem": CastPersoon("Sem", "Kramer", born(15, 90), bsn=False),
        "ricardo": CastPersoon("Ricardo", "Hoekstra", born(38, 40)),
        "naima": CastPersoon("Naima", "Bouali", born(38, 300)),
        "yassin": CastPersoon("Yassin", "Bouali", born(13, 250), bsn=False),
        "ilias": CastPersoon("Ilias", "Bouali", born(11, 280), bsn=False),
        "anja": CastPersoon("Anja", "Vos", born(34, 320)),
        "petra": CastPersoon("Petra", "Schouten", born(29, 300)),
        "lammers": CastPersoon("Gerrit", "Lammers", born(52, 100)),
        "marek": CastPersoon("Marek", "Nowak", born(34, 20)),
        "piotr": CastPersoon("Piotr", "Wiśniewski", born(29, 70)),
        "tomasz": CastPersoon("Tomasz", "Kowalczyk", born(41, 150), bsn=False),
        "andrei": CastPersoon("Andrei", "Popescu", born(26, 10)),
        "ionut": CastPersoon("Ionuț", "Dumitru", born(31, 200), bsn=False),
        "vasile": CastPersoon("Vasile", "Rusu", born(45, 60), bsn=False),
        "georgi": CastPersoon("Georgi", "Petrov", born(23, 300)),
        "krzysztof": CastPersoon("Krzysztof", "Zieliński", born(38, 110), bsn=False),
        "mihai": CastPersoon("Mihai", "Stan", born(27, 5), bsn=False),
        "ferry": CastPersoon("Ferry", "Groen", born(47, 30)),
        "sandra": CastPersoon("Sandra", "Groen", born(44, 180)),
        "marco": CastPersoon("Marco", "Willems", born(44, 90)),
        "debbie": CastPersoon("Debbie", "Willems", born(41, 250)),
        # Brought in by the Zorg- en Veiligheidshuis after detention (a case the regisseur opens directly).
        "jordy": CastPersoon("Jordy", "Koster", born(24, 130)),
    },
    adressen={
        "briefadres": CastAdres("9902CE", 4),
        "damian": CastAdres("9910BK", 37),
        "keuken": CastAdres("9907KM", 23),
        "bouali": CastAdres("9905RT", 112),
        "vrouwen": CastAdres("9909BD", 41, toevoeging="B"),
        "migranten": CastAdres("9913LP", 7),
        "dagbesteding": CastAdres("9915AB", 3),
        "willems": CastAdres("9911HG", 18),
        "loods": CastAdres("9916XB", 2),
        "ruzie-1": CastAdres("9912TN", 9),
        "ruzie-2": CastAdres("9912TN", 11),
        "onderhuur": CastAdres("9903PL", 56),
        "hennep-nieuw": CastAdres("9904KE", 15, huisletter="A"),
        "oosterbroek": CastAdres("9981GH", 14, straat="Stationsstraat", woonplaats="Oosterbroek"),
        "veel-inschrijvingen": CastAdres("9906NZ", 28),
        "bijstand": CastAdres("9908DT", 5),
        "oplichting": CastAdres("9901KR", 77),
        "sexwerk": CastAdres("9904BW", 31, toevoeging="2"),
        "shisha": CastAdres("9902HA", 12),
        "hangplek": CastAdres("9910PK", 2),
    },
    rechtspersonen={
        "flexwerk": ("Flexwerk Oost B.V.", "81234567"),
        "zorggroep": ("Zorggroep De Helpende Hand B.V.", "79123456"),
        "kanaalzone": ("Kanaalzone Opslag B.V.", "80456123"),
        "shisha": ("Shisha Lounge Sultan V.O.F.", "82765432"),
    },
    voertuigen={
        "rangerover": ("XH-512-R", "Range Rover Sport, zwart (nieuwprijs circa 90.000 euro)"),
        "audi": ("ZN-877-K", "Audi RS3, grijs"),
        "transit": ("VKL-38-D", "Ford Transit, wit, 9-persoons"),
    },
    relaties=(
        ("ingeschreven-op", "p:dylan", "a:briefadres", "briefadres daklozenopvang"),
        ("woont-op", "p:damian", "a:damian", ""),
        ("ingeschreven-op", "p:damian", "a:damian", ""),
        ("eigenaar", "p:damian", "v:audi", "tenaamstelling sinds vorig jaar"),
        ("woont-op", "p:ricardo", "a:keuken", "huurder"),
        ("ingeschreven-op", "p:ricardo", "a:keuken", ""),
        ("eigenaar", "p:ricardo", "v:rangerover", ""),
        ("woont-op", "p:naima", "a:bouali", "huurder"),
        ("ingeschreven-op", "p:naima", "a:bouali", ""),
        ("woont-op", "p:yassin", "a:bouali", ""),
        ("ingeschreven-op", "p:yassin", "a:bouali", ""),
        ("woont-op", "p:ilias", "a:bouali", ""),
        ("ingeschreven-op", "p:ilias", "a:bouali", ""),
        ("familie", "p:yassin", "p:naima", "zoon"),
        ("familie", "p:ilias", "p:naima", "zoon"),
        ("familie", "p:yassin", "p:ilias", "broer"),
        ("woont-op", "p:anja", "a:vrouwen", "huurder"),
        ("ingeschreven-op", "p:anja", "a:vrouwen", ""),
        ("woont-op", "p:petra", "a:vrouwen", ""),
        ("ingeschreven-op", "p:petra", "a:vrouwen", ""),
        ("bestuurder", "p:lammers", "r:flexwerk", "enig bestuurder"),
        ("eigenaar", "r:flexwerk", "a:migranten", "verhuurt aan eigen werknemers"),
        ("eigenaar", "r:flexwerk", "v:transit", "personenbus"),
        ("ingeschreven-op", "p:marek", "a:migranten", ""),
        ("ingeschreven-op", "p:piotr", "a:migranten", ""),
        ("ingeschreven-op", "p:tomasz", "a:migranten", ""),
        ("ingeschreven-op", "p:andrei", "a:migranten", ""),
        ("ingeschreven-op", "p:ionut", "a:migranten", ""),
        ("ingeschreven-op", "p:vasile", "a:migranten", ""),
        ("ingeschreven-op", "p:georgi", "a:migranten", ""),
        ("ingeschreven-op", "p:krzysztof", "a:migranten", ""),
        ("ingeschreven-op", "p:mihai", "a:migranten", ""),
        ("bestuurder", "p:ferry", "r:zorggroep", "statutair bestuurder"),
        ("bestuurder", "p:sandra", "r:zorggroep", "bestuurder"),
        ("familie", "p:sandra", "p:ferry", "echtgenote"),
        ("eigenaar", "r:zorggroep", "a:dagbesteding", "locatie dagbesteding"),
        ("woont-op", "p:marco", "a:willems", "huurder"),
        ("ingeschreven-op", "p:marco", "a:willems", ""),
        ("woont-op", "p:debbie", "a:willems", ""),
        ("ingeschreven-op", "p:debbie", "a:willems", ""),
        ("familie", "p:debbie", "p:marco", "echtgenote"),
        ("eigenaar", "r:kanaalzone", "a:loods", "verhuurder loods"),
        ("eigenaar", "r:shisha", "a:shisha", "exploitant"),
    ),
    scripts=(
        # The 21-year-old money mule.
        Script(
            "geldezel-17000",
            165,
            "schuldhulpverlener",
            "Dylan Meijer (21) meldde zich bij de schuldhulp. Hij is dakloos, slaapt wisselend bij vrienden en staat "
            "ingeschreven op het briefadres van de daklozenopvang, {adres:briefadres}. Hij vertelde dat hij zijn "
            "bankpas en pincode heeft afgegeven aan 'een jongen van de Molenwijk' die hem 300 euro beloofde. Volgens "
            "het bankafschrift dat hij liet zien is er op één dag 17.000 euro over zijn rekening gegaan: binnengekomen "
            "in vier stortingen en dezelfde middag contant opgenomen. Hij heeft nu een schuld van ruim 4.000 euro en "
            "de bank heeft zijn rekening geblokkeerd.",
            ("geldezel",),
            ("bankpas-afgegeven", "grote-bedragen-rekening", "plotselinge-schulden", "verankering-kwetsbare-inwoner"),
            personen=("dylan",),
            adressen=("briefadres",),
            status=Status.CASUS,
            aanpak=Aanpak.PERSOONSGERICHT,
            toelichting_aanpak="Persoonsgerichte aanpak voor Dylan: schuldhulp, een veilige slaapplek en begeleiding "
            "door het wijkteam; de politie kijkt naar degene die de bankpas gebruikt.",
            regisseur="regisseur",
        ),
        Script(
            "geldezel-contracten",
            150,
            "klantmanager",
            "Bij de aanvraag van een bijstandsuitkering door Dylan Meijer bleek dat er op zijn naam twee "
            "telefoonabonnementen en een huurauto zijn afgesloten. Hij zegt daar niets van te weten en wil niet "
            "vertellen wie zijn DigiD-gegevens heeft. Hij kwam naar het gesprek met een oudere man die het woord "
            "voor hem deed en buiten bleef wachten.",
            ("geldezel",),
            ("contracten-op-naam", "plotselinge-schulden", "verankering-gemeentelijke-dienst"),
            personen=("dylan",),
            status=Status.GEEN_CASUS,
            toelichting_aanpak="Geen nieuwe casus: het signaal wordt toegevoegd aan de lopende persoonsgerichte "
            "aanpak rond Dylan Meijer.",
        ),
        Script(
            "geldezel-pinautomaat",
            24,
            "wijkagent",
            "De wijkagent zag Dylan Meijer vorige week vrijdag bij de pinautomaat op het Marktplein samen met een "
            "man van rond de dertig in een grijze Mercedes. Dylan nam geld op en gaf de stapel direct aan de man. "
            "Toen de wijkagent hem aansprak, zei Dylan dat hij 'een schuld afbetaalde'.",
            ("geldezel", "criminele-uitbuiting"),
            ("bankpas-afgegeven", "schuld-aan-criminelen", "verankering-kwetsbare-inwoner"),
            personen=("dylan",),
            status=Status.PRIVACYCHECK_2A,
        ),
        # Pupils recruited as couriers; the school's care coordinator bundles the signals.
        Script(
            "ronselen-noah",
            96,
            "zorgcoordinator",
            "De mentor van Noah de Boer (14, klas 2) vertelde mij dat Noah sinds een paar weken nieuwe "
            "merkkleding en een dure telefoon heeft. Hij wordt na school opgehaald door Damian Verhoeven (19), "
            "oud-leerling, in een grijze Audi. Noah verzuimt de laatste twee weken op dinsdag en donderdag het "
            "zevende en achtste uur. Klasgenoten zeggen dat Noah 'voor Damian rijdt'.",
            ("ronselen-jongeren",),
            ("dure-spullen", "opgehaald-dure-auto", "schoolverzuim", "verankering-kwetsbare-inwoner"),
            personen=("noah", "damian"),
            voertuigen=("audi",),
            status=Status.CASUS,
            aanpak=Aanpak.GROEPSGERICHT,
            toelichting_aanpak="Groepsaanpak rond de leerlingen die door Damian Verhoeven worden ingezet: school, "
            "wijkagent en jongerenwerk stemmen wekelijks af; ouders worden betrokken.",
            regisseur="regisseur",
        ),
        Script(
            "ronselen-milan",
            82,
            "zorgcoordinator",
            "Bij een kluisjescontrole is in het kluisje van Milan Pranoto (15, klas 3) een tas gevonden met twaalf "
            "kleine verpakte pakketjes en 450 euro contant. Milan zei dat de tas 'van Damian' is en dat hij hem "
            "alleen moest bewaren. Dit is het tweede signaal over Damian Verhoeven; ik bundel de signalen over deze "
            "jongen.",
            ("ronselen-jongeren", "drugshandel"),
            ("drugspakketjes", "plotseling-geld", "verankering-kwetsbare-inwoner"),
            personen=("milan", "damian"),
            status=Status.AANPAK,
        ),
        Script(
            "ronselen-sem",
            61,
            "zorgcoordinator",
            "Sem Kramer (15) verzuimt sinds de herfstvakantie bijna elke middag. Tegen zijn mentor zei hij dat hij "
            "'werkt voor Damian' en daar 50 euro per rit voor krijgt. Zijn moeder maakt zich zorgen: hij komt laat "
            "thuis en heeft een nieuwe scooter. Damian Verhoeven is de jongen over wie ik eerder meldde.",
            ("ronselen-jongeren",),
            ("schoolverzuim", "dure-spullen", "verankering-kwetsbare-inwoner"),
            personen=("sem", "damian"),
            status=Status.GEEN_CASUS,
            toelichting_aanpak="Geen aparte casus: Sem wordt opgenomen in de lopende groepsaanpak rond Damian "
            "Verhoeven.",
        ),
        Script(
            "ronselen-wijkagent",
            70,
            "wijkagent",
            "De grijze Audi met kenteken ZN-877-K, op naam van Damian Verhoeven, staat de laatste weken bijna "
            "dagelijks om 15.15 uur bij het hek van het Stedelijk College. Er stappen steeds andere leerlingen in "
            "die na een kwartier worden teruggebracht. Damian woont op {adres:damian}.",
            ("ronselen-jongeren", "drugshandel"),
            ("opgehaald-dure-auto", "verankering-buurt"),
            personen=("damian",),
            adressen=("damian",),
            voertuigen=("audi",),
            status=Status.PRIVACYCHECK_2B,
        ),
        Script(
            "ronselen-skatebaan",
            33,
            "jongerenwerker",
            "Bij de skatebaan in het Zuiderpark bood Damian Verhoeven vorige week twee jongens van een jaar of "
            "dertien 50 euro aan om 'een tasje naar de Molenwijk te brengen'. Een van de jongens vertelde het aan "
            "ons. Damian komt er bijna elke middag met zijn Audi.",
            ("ronselen-jongeren",),
            ("plotseling-geld", "opgehaald-dure-auto", "verankering-buurt"),
            personen=("damian",),
            locatie="Skatebaan Zuiderpark",
            status=Status.BRONNENONDERZOEK,
        ),
        # A tenant with 25k income, a 20k kitchen and a 90k car.
        Script(
            "huurder-keuken",
            118,
            "partnerprofessional",
            "Bij een onderhoudsbezoek op {adres:keuken} zag ik dat huurder Ricardo Hoekstra (38) een nieuwe keuken "
            "heeft laten plaatsen; hij vertelde trots dat die 20.000 euro kostte en 'contant is afgerekend'. Voor "
            "de deur staat een zwarte Range Rover Sport (XH-512-R), nieuwprijs rond de 90.000 euro. Bij de "
            "toewijzing van de woning gaf hij een inkomen op van ongeveer 25.000 euro per jaar.",
            ("witwassen",),
            ("uitgaven-boven-inkomen", "contante-aankoop", "verankering-woning"),
            personen=("ricardo",),
            zonder_bsn=("ricardo",),
            adressen=("keuken",),
            voertuigen=("rangerover",),
            status=Status.CASUS,
            aanpak=Aanpak.HUISHOUDEN,
            toelichting_aanpak="Huishoudaanpak rond de huurder: Bibob-toets op zijn vergunningaanvraag, melding aan de "
            "Belastingdienst, woonfraudeonderzoek door de corporatie en heronderzoek van de bijstand.",
            regisseur="regisseur",
        ),
        Script(
            "huurder-werk-inkomen",
            21,
            "klantmanager",
            "Ricardo Hoekstra ontvangt aanvullende bijstand en gaf bij de heronderzoek-afspraak een jaarinkomen op "
            "van circa 25.000 euro. Hij kwam naar het gesprek in een zwarte Range Rover (XH-512-R) en droeg een "
            "horloge van een duur merk. Op vragen naar de auto zei hij dat die 'van een neef' is. Adres: "
            "{adres:keuken}.",
            ("witwassen", "uitkeringsfraude"),
            ("uitgaven-boven-inkomen", "inkomsten-niet-gemeld", "verankering-gemeentelijke-dienst"),
            personen=("ricardo",),
            adressen=("keuken",),
            voertuigen=("rangerover",),
            status=Status.BRONNENONDERZOEK,
        ),
        # A single mother working full time; her sons with ADHD are on the street a lot.
        Script(
            "bouali-huurachterstand",
            215,
            "systeem:corporatie",
            "Vroegsignalering huurachterstand: de huurder van {adres:bouali}, mevrouw N. Bouali, heeft een "
            "achterstand van drie maanden (2.340 euro). Er is een betalingsregeling aangeboden maar niet getekend.",
            ("betalingsachterstand",),
            ("huurachterstand",),
            personen=("naima",),
            zonder_bsn=("naima",),
            adressen=("bouali",),
            status=Status.DOORGEZET_AFDELING,
        ),
        Script(
            "bouali-wijkteam",
            200,
            "wijkcoach",
            "Naima Bouali (38) werkt fulltime als verpleegkundige in wisseldiensten en voedt haar zoons Yassin (13) "
            "en Ilias (11) alleen op. Beide jongens hebben ADHD en zijn veel op straat, ook laat op de avond. Buren "
            "zien Yassin bij de hangplek met oudere jongens. Mevrouw heeft schulden en een huurachterstand en vraagt "
            "zelf om hulp: 'ik kan het niet meer bijhouden'.",
            ("ronselen-jongeren", "betalingsachterstand"),
            ("huurachterstand", "verankering-kwetsbare-inwoner"),
            personen=("naima", "yassin", "ilias"),
            adressen=("bouali",),
            status=Status.CASUS,
            aanpak=Aanpak.HUISHOUDEN,
            toelichting_aanpak="Eén gezin, één plan, één regisseur: schuldhulp voor mevrouw, dagbesteding en "
            "naschoolse opvang voor de jongens, en het jongerenwerk let op Yassin.",
            regisseur="regisseur",
        ),
        Script(
            "bouali-jongerenwerk",
            186,
            "jongerenwerker",
            "Yassin Bouali (13) is de afgelopen weken drie keer gezien terwijl hij een rugzak afgaf bij een auto op "
            "de parkeerplaats bij het winkelcentrum. Hij had daarna nieuwe sneakers. Hij woont op {adres:bouali}.",
            ("ronselen-jongeren",),
            ("dure-spullen", "verankering-kwetsbare-inwoner"),
            personen=("yassin",),
            adressen=("bouali",),
            status=Status.GEEN_CASUS,
            toelichting_aanpak="Geen nieuwe casus: meegenomen in het huishoudplan van de familie Bouali.",
        ),
        # A youth hangout where dealers are reported: an area case, without names.
        Script(
            "hangplek-handhaving",
            132,
            "handhaver",
            "Bij de hangplek aan de skatebaan in het Zuiderpark wordt volgens omwonenden dagelijks gedeald. "
            "Handhavers zagen woensdag tussen 20.00 en 22.00 uur acht korte contacten tussen jongeren en bezoekers "
            "op scooters. Er liggen lege gripzakjes en lachgascilinders. Omwonenden durven 's avonds niet meer door "
            "het park. Tussen de contacten door lopen de jongeren steeds even naar de bergingen achter de "
            "portiekflat {adres:hangplek}; daar ligt volgens omwonenden de voorraad.",
            ("drugshandel",),
            ("dealen-straat", "verankering-buurt"),
            adressen=("hangplek",),
            locatie="Hangplek skatebaan Zuiderpark (bij de speeltuin aan de Parkweg)",
            status=Status.CASUS,
            aanpak=Aanpak.GEBIEDSGERICHT,
            toelichting_aanpak="Gebiedsgerichte aanpak voor het Zuiderpark: gebiedsoverleg zonder namen met "
            "handhaving, politie, jongerenwerk en groenbeheer (verlichting, camera, snoeien).",
            regisseur="regisseur2",
        ),
        Script(
            "hangplek-jongerenwerk",
            118,
            "jongerenwerker",
            "Bij de skatebaan in het Zuiderpark zijn 's avonds vaak jongens van buiten de wijk. Jongere kinderen "
            "worden aangesproken en krijgen energiedrank en sigaretten. De sfeer is de laatste maand grimmiger.",
            ("drugshandel", "ronselen-jongeren"),
            ("dealen-straat", "verankering-buurt"),
            locatie="Skatebaan Zuiderpark",
            status=Status.GESTOPT,
        ),
        Script(
            "hangplek-anoniem",
            41,
            "ondermijningsteam",
            "Een bewoner van de Parkweg die anoniem wil blijven belde: bij de skatebaan staat 's avonds een zwarte "
            "BMW waar jongeren naartoe lopen. Er wordt geschreeuwd en er is een keer met vuurwerk naar ramen gegooid.",
            ("drugshandel", "intimidatie"),
            ("dealen-straat", "bedreiging-buren", "verankering-buurt"),
            locatie="Skatebaan Zuiderpark",
            anonieme_bron="anonieme-melder",
            status=Status.WEGING_3,
        ),
        Script(
            "hangplek-politie",
            6,
            "systeem:politie",
            "Bij een controle bij de skatebaan in het Zuiderpark zijn twee jongens aangehouden met 14 gebruikers"
            "hoeveelheden cocaïne. Zij zeiden dat ze 'voor iemand anders' stonden.",
            ("drugshandel",),
            ("dealen-straat", "drugspakketjes", "verankering-buurt"),
            locatie="Skatebaan Zuiderpark",
            status=Status.WEGING_2B,
        ),
        # Two women with disabilities forced to deal from their home.
        Script(
            "vrouwen-wijkteam",
            262,
            "wijkcoach",
            "Anja Vos (34) en Petra Schouten (29), beiden met een licht verstandelijke beperking, wonen samen op "
            "{adres:vrouwen}. Bij het huisbezoek waren er drie jonge mannen die de sleutel hadden en bepaalden wie "
            "er binnenkwam. Anja vertelde later dat zij 'zakjes moeten afgeven aan mensen die aanbellen' en dat de "
            "mannen dreigen als zij weigert. Beide vrouwen zijn bang.",
            ("criminele-uitbuiting", "drugshandel"),
            ("gedwongen-dealen", "aanloop", "verankering-kwetsbare-inwoner"),
            personen=("anja", "petra"),
            adressen=("vrouwen",),
            status=Status.CASUS,
            aanpak=Aanpak.HUISHOUDEN,
            toelichting_aanpak="Huishoudaanpak: de burgemeester sluit de woning tijdelijk (art. 13b Opiumwet); Anja "
            "en Petra krijgen een andere woning in de buurt met extra begeleiding; de politie pakt de mannen aan.",
            regisseur="aandachtsfunctionaris",
        ),
        Script(
            "vrouwen-overlast",
            250,
            "partnerprofessional",
            "Buren van {adres:vrouwen} klagen over aanloop tot diep in de nacht: wisselende bezoekers die kort "
            "aanbellen. De voordeur is twee keer ingetrapt. De huurders, Anja Vos en Petra Schouten, lijken zelf "
            "niet meer te bepalen wie er binnenkomt.",
            ("drugshandel", "criminele-uitbuiting"),
            ("aanloop", "gedwongen-dealen", "verankering-woning"),
            personen=("anja", "petra"),
            zonder_bsn=("anja", "petra"),
            adressen=("vrouwen",),
            status=Status.GEEN_CASUS,
            toelichting_aanpak="Geen nieuwe casus: valt onder de lopende huishoudaanpak voor dit adres.",
        ),
        Script(
            "vrouwen-politie",
            243,
            "wijkagent",
            "Bij een doorzoeking van {adres:vrouwen} is 120 gram cocaïne in gebruikershoeveelheden aangetroffen en "
            "2.800 euro contant. De bewoonsters verklaren dat zij gedwongen werden; de politie onderzoekt de drie "
            "mannen die de woning gebruikten. Advies aan de burgemeester over sluiting volgt.",
            ("drugshandel", "criminele-uitbuiting"),
            ("drugspakketjes", "gedwongen-dealen", "verankering-woning"),
            personen=("anja", "petra"),
            adressen=("vrouwen",),
            status=Status.GEEN_CASUS,
            toelichting_aanpak="Geen aparte casus: de sluiting en de nazorg lopen via de bestaande huishoudaanpak.",
        ),
        # Labour migrants nine to a small house, passports held.
        Script(
            "migranten-handhaving",
            76,
            "handhaver",
            "Bij een controle op {adres:migranten}, een eengezinswoning met twee slaapkamers, troffen wij negen "
            "arbeidsmigranten aan. Er liggen matrassen in de woonkamer en op zolder. Zij werken allemaal via Flexwerk "
            "Oost B.V., dat ook de woning verhuurt. Elke ochtend om 5.30 uur haalt een witte Ford Transit (VKL-38-D) "
            "hen op. Twee mannen zeiden dat hun paspoort 'bij kantoor' ligt.",
            ("arbeidsuitbuiting", "woonfraude"),
            ("overbewoning-arbeidsmigranten", "paspoort-ingehouden", "dubbele-afhankelijkheid", "verankering-woning"),
            personen=("marek", "andrei"),
            adressen=("migranten",),
            rechtspersonen=("flexwerk",),
            voertuigen=("transit",),
            status=Status.DOORGEZET_RIEC,
        ),
        Script(
            "migranten-ggd",
            58,
            "systeem:ggd",
            "Piotr Wiśniewski (29) kwam op het spreekuur met een ontstoken snijwond aan de hand, opgelopen in de "
            "vleesverwerking. Hij durfde niet naar de huisarts omdat hij dan 'een dag loon kwijt is'. Zijn werkgever "
            "Flexwerk Oost B.V. houdt zijn paspoort in en trekt 95 euro per week af voor een matras op "
            "{adres:migranten}, waar volgens hem negen mannen wonen.",
            ("arbeidsuitbuiting",),
            ("paspoort-ingehouden", "huur-ingehouden", "dubbele-afhankelijkheid", "verankering-kwetsbare-inwoner"),
            personen=("piotr",),
            adressen=("migranten",),
            rechtspersonen=("flexwerk",),
            status=Status.CASUS,
            aanpak=Aanpak.GROEPSGERICHT,
            toelichting_aanpak="Groepsaanpak voor de bewoners van het pand: huisvesting en zorg via de gemeente, "
            "bestuurlijke aanpak van de werkgever samen met het RIEC en de Arbeidsinspectie.",
            regisseur="aandachtsfunctionaris",
        ),
        # A rogue care provider.
        Script(
            "zorgcowboy-wijkteam",
            28,
            "wijkcoach",
            "Zorggroep De Helpende Hand B.V. (KvK 79123456) declareert dagbesteding voor 23 cliënten in het pand "
            "{adres:dagbesteding}. Bij twee onaangekondigde bezoeken op dinsdagochtend was het pand dicht. Cliënten "
            "vertellen dat zij eens per maand 'komen tekenen' en dan 50 euro krijgen. Bestuurder is Ferry Groen.",
            ("zorgfraude",),
            ("dagbesteding-dekmantel", "declaraties-afwijkend", "verankering-gemeentelijke-dienst"),
            personen=("ferry",),
            zonder_bsn=("ferry",),
            adressen=("dagbesteding",),
            rechtspersonen=("zorggroep",),
            status=Status.BRONNENONDERZOEK,
        ),
        Script(
            "zorgcowboy-riec",
            12,
            "systeem:riec",
            "Uit de RIEC-analyse blijkt dat een bestuurder van Zorggroep De Helpende Hand B.V. eerder is veroordeeld "
            "voor witwassen. De zorggroep ontvangt sinds vorig jaar Wmo-budget van de gemeente. Advies: Bibob-toets "
            "bij verlenging van het contract.",
            ("zorgfraude", "witwassen"),
            ("criminelen-bestuur", "verankering-gemeentelijke-dienst"),
            rechtspersonen=("zorggroep",),
            status=Status.WEGING_3,
        ),
        # A cannabis plantation in the attic of an indebted household.
        Script(
            "willems-energie",
            104,
            "systeem:energie",
            "Het elektriciteitsverbruik op {adres:willems} steeg in drie maanden van 280 naar 2.900 kWh per maand. "
            "De klant heeft tegelijk een betalingsachterstand van 640 euro.",
            ("hennepteelt", "betalingsachterstand"),
            ("hoog-energieverbruik", "energie-water-achterstand", "verankering-woning"),
            adressen=("willems",),
            status=Status.GESTOPT,
        ),
        Script(
            "willems-schuldhulp",
            92,
            "schuldhulpverlener",
            "Bij het huisbezoek aan Marco (44) en Debbie Willems (41) op {adres:willems} hoorde ik gezoem op zolder "
            "en rook ik een sterke hennepgeur. Het gezin heeft ruim 38.000 euro schuld. Marco vertelde dat 'een "
            "kennis' de zolder gebruikt en dat daarmee een schuld wordt afgelost; hij zei ook dat hij niet kan "
            "stoppen. Er wonen twee kinderen van 8 en 10.",
            ("hennepteelt", "criminele-uitbuiting", "betalingsachterstand"),
            ("hennepgeur", "schuld-aan-criminelen", "verankering-kwetsbare-inwoner", "verankering-woning"),
            personen=("marco", "debbie"),
            adressen=("willems",),
            status=Status.CASUS,
            aanpak=Aanpak.HUISHOUDEN,
            toelichting_aanpak="Huishoudaanpak: de plantage wordt geruimd, de gemeente biedt schuldhulp en "
            "begeleiding voor het gezin; het wijkteam houdt contact met de kinderen.",
            regisseur="regisseur2",
        ),
        # After the case was closed (afgeschaald), the energy company reports the address again: possible relapse.
        Script(
            "willems-terugval",
            3,
            "systeem:energie",
            "Het elektriciteitsverbruik op {adres:willems} stijgt opnieuw snel: van 310 naar 1.850 kWh per maand in "
            "twee maanden. Er is een nieuwe betalingsachterstand van 210 euro.",
            ("hennepteelt", "betalingsachterstand"),
            ("hoog-energieverbruik", "energie-water-achterstand", "verankering-woning"),
            adressen=("willems",),
            na_casuswerk=True,
            uur=6,
        ),
        # An anonymous report via Meld Misdaad Anoniem.
        Script(
            "mma-drugslab",
            54,
            "ondermijningsteam",
            "Via Meld Misdaad Anoniem: in de loods op {adres:loods} worden 's nachts vaten uitgeladen uit een "
            "bestelbus met Belgisch kenteken. Er hangt een sterke anijslucht. De loods wordt volgens de melder "
            "contant verhuurd door Kanaalzone Opslag B.V.",
            ("drugslab",),
            ("chemische-lucht", "vaten-jerrycans", "loods-verhuurd-contant", "verankering-lokale-onderneming"),
            adressen=("loods",),
            rechtspersonen=("kanaalzone",),
            anonieme_bron="meld-misdaad-anoniem",
            status=Status.DOORGEZET_RIEC,
        ),
        # Signals that end early in the protocol.
        Script(
            "burenruzie",
            300,
            "systeem:buurtbemiddeling",
            "De bewoners van {adres:ruzie-1} en {adres:ruzie-2} hebben al maanden ruzie over een schutting en "
            "blaffende honden. Er wordt over en weer gescholden. Buurtbemiddeling vraagt of de gemeente meekijkt.",
            ("intimidatie",),
            ("bedreiging-buren",),
            adressen=("ruzie-1", "ruzie-2"),
            status=Status.GEEN_ONDERMIJNING,
        ),
        Script(
            "oplichting-marktplaats",
            280,
            "wijkcoach",
            "Een cliënt op {adres:oplichting} is via een advertentie op internet opgelicht voor 1.200 euro: "
            "hij betaalde voor een telefoon die nooit kwam. Hij heeft nog geen aangifte gedaan.",
            ("geldezel",),
            ("plotselinge-schulden",),
            adressen=("oplichting",),
            status=Status.NIET_GEMEENTELIJK,
        ),
        Script(
            "buurgemeente",
            190,
            "wijkagent",
            "In de woning {adres:oosterbroek}, net over de gemeentegrens, ruikt het volgens een collega sterk naar "
            "hennep en zijn de ramen afgeplakt. De bewoner werkt in Zuiderveen.",
            ("hennepteelt",),
            ("hennepgeur", "ramen-afgeplakt", "verankering-woning"),
            adressen=("oosterbroek",),
            status=Status.ANDER_GRONDGEBIED,
        ),
        Script(
            "onderhuur-vaag",
            230,
            "partnerprofessional",
            "Ik heb het idee dat de woning {adres:onderhuur} wordt onderverhuurd: ik zie af en toe onbekenden bij de "
            "deur. De huurder zegt dat het familie is die logeert.",
            ("woonfraude",),
            ("onderhuur",),
            adressen=("onderhuur",),
            status=Status.GEEN_ACTIE,
        ),
        Script(
            "hennep-nieuw",
            2,
            "partnerprofessional",
            "Bij het vervangen van de cv-ketel op {adres:hennep-nieuw} zag de monteur op zolder een afgesloten "
            "ruimte met een koolstoffilter en hoorde hij ventilatoren. Er hing een sterke hennepgeur. De huurder "
            "was niet thuis; zijn broer liet de monteur binnen.",
            ("hennepteelt",),
            ("hennepgeur", "lampen-planten", "verankering-woning"),
            adressen=("hennep-nieuw",),
            status=Status.WEGING_1,
        ),
        Script(
            "water-achterstand",
            9,
            "systeem:water",
            "Vroegsignalering: op {adres:bijstand} staat een achterstand van 410 euro op de waterrekening; het "
            "waterverbruik is in een half jaar verviervoudigd.",
            ("betalingsachterstand", "woonfraude"),
            ("energie-water-achterstand", "veel-inschrijvingen"),
            adressen=("bijstand",),
            status=Status.WEGING_2A,
        ),
        Script(
            "veel-inschrijvingen",
            45,
            "handhaver",
            "Op {adres:veel-inschrijvingen} staan volgens de melding van de buren zeven mensen ingeschreven in een "
            "portiekwoning van 55 vierkante meter. Er stoppen 's avonds taxibusjes. De post komt op steeds andere "
            "namen binnen.",
            ("woonfraude", "arbeidsuitbuiting"),
            ("veel-inschrijvingen", "overbewoning-arbeidsmigranten", "verankering-woning"),
            adressen=("veel-inschrijvingen",),
            status=Status.PRIVACYCHECK_1,
            correctie=True,
        ),
        Script(
            "bijstand-samenwonen",
            160,
            "klantmanager",
            "Een bijstandsgerechtigde op {adres:bijstand} staat als alleenstaande ingeschreven. Bij een huisbezoek "
            "bleek dat haar partner er ook woont; zijn auto staat elke nacht voor de deur en zijn post komt op dit "
            "adres.",
            ("uitkeringsfraude",),
            ("woonsituatie-onjuist", "verankering-gemeentelijke-dienst"),
            adressen=("bijstand",),
            status=Status.DOORGEZET_AFDELING,
        ),
        Script(
            "bibob-bedreiging",
            65,
            "ondermijningsteam",
            "Na de weigering van de exploitatievergunning voor Shisha Lounge Sultan V.O.F. op {adres:shisha} op "
            "grond van de Wet Bibob kwam een man aan de balie die de behandelend ambtenaar bij naam noemde en zei "
            "'we weten je te vinden'. De zaak is ondanks de weigering 's avonds open.",
            ("intimidatie", "witwassen"),
            ("bedreiging-ambtenaar", "verankering-lokale-onderneming"),
            adressen=("shisha",),
            rechtspersonen=("shisha",),
            status=Status.DOORGEZET_RIEC,
        ),
        Script(
            "seksuele-uitbuiting-ggd",
            47,
            "systeem:ggd",
            "Op het spreekuur seksuele gezondheid kwam een jonge vrouw (19) die nauwelijks Nederlands spreekt. Zij "
            "werd gebracht en gehaald door een man die in de wachtkamer bleef. Zij vertelde dat zij in de woning "
            "{adres:sexwerk} 'moet werken' en geen eigen telefoon heeft.",
            ("seksuele-uitbuiting",),
            ("geen-eigen-geld", "wisselende-vrouwen", "verankering-kwetsbare-inwoner"),
            adressen=("sexwerk",),
            status=Status.PRIVACYCHECK_2A,
        ),
    ),
)

NOORDERHAVEN_CAST = Cast(
    personen={
        "sjoerd": CastPersoon("Sjoerd", "Wiersma", born(26, 80)),
        "baas": CastPersoon("Klaas", "Hoekstra", born(49, 200), bsn=False),
    },
    adressen={
        "havenwoning": CastAdres("9951CD", 21),
        "jachthaven": CastAdres("9954AL", 1),
        "zolder": CastAdres("9952BE", 8),
    },
    rechtspersonen={"jachtservice": ("Jachtservice Noorderhaven B.V.", "83456789")},
    relaties=(
        ("woont-op", "p:sjoerd", "a:havenwoning", ""),
        ("ingeschreven-op", "p:sjoerd", "a:havenwoning", ""),
        ("bestuurder", "p:baas", "r:jachtservice", "bestuurder"),
        ("eigenaar", "r:jachtservice", "a:jachthaven", ""),
    ),
    scripts=(
        Script(
            "haven-ronselen",
            70,
            "nh-wijkagent",
            "Havenmedewerker Sjoerd Wiersma (26) vertelde de wijkagent dat hij is benaderd om 'een container met "
            "rust te laten' voor 5.000 euro. Hij heeft een schuld bij een kennis en wordt sindsdien thuis op "
            "{adres:havenwoning} lastiggevallen.",
            ("criminele-uitbuiting", "drugshandel"),
            ("schuld-aan-criminelen", "verankering-kwetsbare-inwoner"),
            personen=("sjoerd",),
            adressen=("havenwoning",),
            status=Status.CASUS,
            aanpak=Aanpak.PERSOONSGERICHT,
            toelichting_aanpak="Persoonsgerichte aanpak: bescherming en schuldhulp voor Sjoerd, informatie naar "
            "het RIEC over de benadering in de haven.",
        ),
        Script(
            "haven-jachtservice",
            35,
            "nh-ondermijningsteam",
            "Via Meld Misdaad Anoniem: Jachtservice Noorderhaven B.V., gevestigd op {adres:jachthaven}, koopt "
            "boten contant op en verkoopt ze binnen een maand door. Bestuurder Klaas Hoekstra rijdt in wisselende "
            "dure auto's.",
            ("witwassen",),
            ("contante-aankoop", "snelle-doorverkoop", "verankering-lokale-onderneming"),
            personen=("baas",),
            adressen=("jachthaven",),
            rechtspersonen=("jachtservice",),
            anonieme_bron="meld-misdaad-anoniem",
            status=Status.BRONNENONDERZOEK,
        ),
        Script(
            "haven-zolder",
            4,
            "nh-partnerprofessional",
            "Bij een reparatie op {adres:zolder} rook de monteur een sterke hennepgeur; de zolderluik is "
            "dichtgeschroefd en er loopt een dikke kabel naar boven.",
            ("hennepteelt",),
            ("hennepgeur", "verankering-woning"),
            adressen=("zolder",),
            status=Status.WEGING_1,
        ),
    ),
)

CASTS = {"zv": ZUIDERVEEN_CAST, "nh": NOORDERHAVEN_CAST}
DEFAULT_SIGNALEN = {"zv": 300, "nh": 20}


# --- The wording of the wegingen ----------------------------------------------------------------------------------

# Per phenomenon: the municipal task it touches (weging 2A) and the legal basis recorded in the privacy checks.
TAAK_EN_GRONDSLAG = {
    "hennepteelt": (
        "de sluitingsbevoegdheid van de burgemeester (art. 13b Opiumwet)",
        "Art. 6 lid 1 sub e AVG jo. art. 13b Opiumwet (bevoegdheid burgemeester)",
    ),
    "drugslab": (
        "de sluitingsbevoegdheid van de burgemeester (art. 13b Opiumwet) en milieutoezicht",
        "Art. 6 lid 1 sub e AVG jo. art. 13b Opiumwet (bevoegdheid burgemeester)",
    ),
    "drugshandel": (
        "de handhaving van de openbare orde en art. 13b Opiumwet",
        "Art. 6 lid 1 sub e AVG jo. art. 172 Gemeentewet en art. 13b Opiumwet",
    ),
    "witwassen": (
        "de Bibob-toets bij vergunningen en de verhuur van sociale huurwoningen",
        "Art. 6 lid 1 sub e AVG jo. art. 3 Wet Bibob",
    ),
    "seksuele-uitbuiting": (
        "de zorg voor slachtoffers en het toezicht op de prostitutiebranche (APV)",
        "Art. 6 lid 1 sub e AVG jo. art. 2.3 Wmo 2015 en de APV (prostitutie)",
    ),
    "arbeidsuitbuiting": (
        "het toezicht op huisvesting (Huisvestingswet, bouwregelgeving) en opvang van slachtoffers",
        "Art. 6 lid 1 sub e AVG jo. art. 21 Huisvestingswet 2014 en art. 2.3 Wmo 2015",
    ),
    "criminele-uitbuiting": (
        "de ondersteuning van kwetsbare inwoners (Wmo 2015) en de openbare orde",
        "Art. 6 lid 1 sub e AVG jo. art. 2.3 Wmo 2015 en art. 172 Gemeentewet",
    ),
    "geldezel": (
        "de schuldhulpverlening (Wgs) en de ondersteuning van kwetsbare inwoners",
        "Art. 6 lid 1 sub e AVG jo. art. 3 Wet gemeentelijke schuldhulpverlening",
    ),
    "ronselen-jongeren": (
        "de jeugdhulp (Jeugdwet), leerplicht en de openbare orde",
        "Art. 6 lid 1 sub e AVG jo. art. 2.1 Jeugdwet en art. 172 Gemeentewet",
    ),
    "zorgfraude": (
        "de inkoop en het toezicht op Wmo- en jeugdzorg",
        "Art. 6 lid 1 sub e AVG jo. art. 6.1 Wmo 2015 (toezicht) en art. 3 Wet Bibob",
    ),
    "uitkeringsfraude": (
        "de rechtmatigheid van de bijstand (Participatiewet)",
        "Art. 6 lid 1 sub e AVG jo. art. 53a Participatiewet",
    ),
    "woonfraude": (
        "het toezicht op woonruimte (Huisvestingswet, huisvestingsverordening)",
        "Art. 6 lid 1 sub e AVG jo. art. 21 Huisvestingswet 2014",
    ),
    "betalingsachterstand": (
        "de vroegsignalering van schulden (Wgs)",
        "Art. 6 lid 1 sub c AVG jo. art. 3 Wet gemeentelijke schuldhulpverlening (vroegsignalering)",
    ),
    "intimidatie": (
        "de openbare orde en de bescherming van inwoners en medewerkers",
        "Art. 6 lid 1 sub e AVG jo. art. 172 Gemeentewet",
    ),
}

# Weging 3 "doorzetten naar een afdeling": to whom, per phenomenon.
AFDELING_VOOR = {
    "uitkeringsfraude": "werk-inkomen",
    "betalingsachterstand": "werk-inkomen",
    "woonfraude": "handhaving",
    "witwassen": "vergunningen",
    "intimidatie": "oov",
    "zorgfraude": "werk-inkomen",
}

W1_JA = (
    "Verankering: {verankering}. Rode vlaggen: {rode_vlaggen}. Het signaal betreft ondermijning ({fenomeen}).",
    "Er is lokale verankering ({verankering}) en het signaal bevat rode vlaggen uit de checklist: {rode_vlaggen}. "
    "Past bij het fenomeen {fenomeen}.",
    "Het signaal is concreet en lokaal verankerd: {verankering}. Gezien de rode vlaggen ({rode_vlaggen}) "
    "behandelen als ondermijning.",
)
W1_NEE = (
    "Geen indicator van situationele of lokale verankering; het signaal beschrijft {reden}. Melder verwezen naar "
    "{verwijzing}.",
    "Betreft geen ondermijning maar {reden}. Verwezen naar {verwijzing}.",
)
W1_NEE_REDENEN = (
    "een burenconflict zonder criminele component",
    "een hulpvraag van een bewoner",
    "een eenmalige waarneming zonder verband met criminaliteit",
    "een financiële noodsituatie zonder aanwijzingen voor uitbuiting",
)
W1_NEE_VERWIJZINGEN = ("Buurtbemiddeling", "het wijkteam", "de schuldhulpverlening")
W2A_JA = (
    "Het signaal raakt {taak}.",
    "Gemeentelijke taak: {taak}. Daarom door de gemeente op te pakken.",
)
W2A_NEE = (
    "Het signaal raakt geen taak of bevoegdheid van de gemeente: het gaat om een strafbaar feit dat alleen de "
    "politie kan oppakken. Melder geadviseerd aangifte te doen.",
    "Geen gemeentelijke taak of bevoegdheid in het geding; verwezen naar de politie.",
)
W2B_JA = (
    "Het adres ligt in de buurt {buurt} van de gemeente {gemeente}.",
    "De locatie ({locatie}) ligt binnen de gemeente {gemeente}.",
    "Betrokkene woont of verblijft in de gemeente {gemeente}.",
)
W2B_NEE = (
    "Het adres ligt in de gemeente {buurgemeente}; het signaal is doorgestuurd aan de regisseur ondermijning daar."
)
W3 = {
    "geen-actie": (
        "Het signaal is te summier om op te handelen: één waarneming zonder verdere aanwijzingen. Het signaal wordt "
        "versleuteld bewaard; bij nieuwe signalen over dezelfde subjecten opnieuw bezien.",
        "Geen actie: de situatie is volgens de melder inmiddels beëindigd. Bewaren conform protocol.",
        "Het signaal is niet concreet genoeg (geen namen, geen tijdstippen). Geen actie; bewaren en opnieuw bezien "
        "bij een volgend signaal.",
    ),
    "doorzetten-afdeling": (
        "Past binnen de reguliere taak van {afdeling}; daar doorgezet voor opvolging.",
        "Doorgezet naar {afdeling}: dit kan binnen de eigen bevoegdheden van de afdeling worden opgepakt.",
    ),
    "doorzetten-riec": (
        "Het signaal wijst op georganiseerde criminaliteit met een bovenlokaal karakter ({fenomeen}). Doorgezet "
        "naar {riec} voor een integrale analyse.",
        "Bovenlokaal en meerdere partners betrokken; {riec} is beter gepositioneerd. Doorgezet.",
    ),
    "bronnenonderzoek": (
        "Het signaal is concreet, recent en past bij het fenomeen {fenomeen}, dat in {buurt} prioriteit heeft. "
        "Verder met bronnenonderzoek.",
        "Concreet genoeg (subjecten bekend) en recent. Bronnenonderzoek nodig om het signaal te kunnen wegen.",
    ),
}
W3_CORRECTIE = (
    "Correctie: bij nader inzien is het signaal wel concreet genoeg. Er kwam een tweede melding over hetzelfde adres "
    "binnen; verder met bronnenonderzoek."
)
BRON_DOEL = {
    "brp": "de inschrijving en samenstelling van het huishouden (BRP)",
    "bag": "het gebruiksdoel en de oppervlakte van het pand (BAG)",
    "kvk": "de inschrijving en de bestuurders (KvK)",
    "vergunningen": "de verleende vergunningen (vergunningenregistratie)",
    "uitkeringen": "een lopende uitkering (Werk & Inkomen)",
}
PC1 = "Om het signaal te kunnen wegen is nodig: {doelen}. Eerst hit/no-hit; inhoud alleen met motivering."
MOTIVERING = {
    "brp": "Hit in de BRP; inhoud nodig om vast te stellen wie er staan ingeschreven en hoeveel personen op het adres "
    "wonen.",
    "bag": "Gebruiksdoel en oppervlakte nodig om te beoordelen of de bewoning of het gebruik van het pand is "
    "toegestaan.",
    "kvk": "Hit in het Handelsregister; de bestuurders zijn nodig voor de Bibob-afweging.",
    "vergunningen": "Nodig om na te gaan welke vergunning voor het pand geldt en of die is ingetrokken.",
    "uitkeringen": "Hit in de uitkeringsadministratie; inhoud nodig om het opgegeven inkomen te vergelijken met de "
    "gesignaleerde uitgaven.",
}
BRONNEN_DOORGAAN = (
    "Het bronnenonderzoek bevestigt het signaal ({resultaat}). Bespreken in het signaaloverleg.",
    "Resultaten ({resultaat}) sluiten aan bij het signaal. Door naar het signaaloverleg.",
)
BRONNEN_STOPPEN = (
    "De bronnen bevestigen het signaal niet ({resultaat}); geen grond om verder te gaan.",
    "Onvoldoende bevestiging in de bronnen ({resultaat}). Stoppen; het signaal blijft vastgelegd.",
)
PC2A_DELEN = (
    "Voor de bespreking in het signaaloverleg is alleen nodig wat de deelnemende afdelingen voor hun taak nodig "
    "hebben (need to know).",
    "Intern delen met de deelnemers aan het signaaloverleg; bronnengegevens alleen voor zover nodig voor het besluit.",
)
PC2A_GEGEVENS = (
    "Naam, adres en geboortedatum van betrokkenen, de kern van het signaal en de conclusie van het bronnenonderzoek"
)
PC2A_DOEL = "Bespreking in het interne signaaloverleg"
PC2A_NIET = (
    "Delen is niet nodig: de situatie wordt al opgepakt in een lopende gebiedsaanpak zonder persoonsgegevens. Stoppen.",
    "Er is geen noodzaak om persoonsgegevens intern te delen; de melding wordt afgesloten.",
)
PC2B_DELEN = (
    "Partners krijgen alleen wat zij voor hun deel van de aanpak nodig hebben.",
    "Delen met de uitvoerende partners, beperkt tot de afgesproken acties.",
)
PC2B_GEGEVENS = "Naam en adres van betrokkenen en de afgesproken acties per partner; geen bronnengegevens"
PC2B_DOEL = "Uitvoering van het plan van aanpak"
PC2B_NIET = "De gemeente voert de aanpak zelf uit (huisbezoek en bestuurlijke maatregel); niets delen met partners."
# Partners a privacy check 2B may share with, per phenomenon (organisation keys).
ONTVANGERS = {
    "hennepteelt": ("politie", "corporatie", "energie"),
    "drugslab": ("politie", "riec"),
    "drugshandel": ("politie", "corporatie", "jongerenwerk"),
    "witwassen": ("politie", "belastingdienst", "corporatie"),
    "seksuele-uitbuiting": ("politie", "ggd", "zvh"),
    "arbeidsuitbuiting": ("politie", "ggd", "riec"),
    "criminele-uitbuiting": ("politie", "wijkteam-zuid", "zvh"),
    "geldezel": ("schuldhulp", "wijkteam-zuid", "politie"),
    "ronselen-jongeren": ("school", "jongerenwerk", "politie"),
    "zorgfraude": ("zvh", "riec"),
    "uitkeringsfraude": ("belastingdienst",),
    "woonfraude": ("corporatie", "politie"),
    "betalingsachterstand": ("schuldhulp", "wijkteam-noord"),
    "intimidatie": ("politie",),
}
AANPAK_TOELICHTING = {
    Aanpak.PERSOONSGERICHT: "Signaaloverleg: persoonsgerichte aanpak met één regisseur; zorg en handhaving gaan "
    "samen op.",
    Aanpak.HUISHOUDEN: "Signaaloverleg: één gezin, één plan, één regisseur voor het hele huishouden.",
    Aanpak.GROEPSGERICHT: "Signaaloverleg: groepsaanpak; school, wijkagent en jongerenwerk stemmen af.",
    Aanpak.GEBIEDSGERICHT: "Signaaloverleg: gebiedsgerichte aanpak, besproken in het gebiedsoverleg zonder namen.",
}
GEEN_CASUS = (
    "Geen nieuwe casus: het signaal wordt meegenomen in de lopende aanpak rond dezelfde personen.",
    "Geen casus: de partners pakken dit binnen hun reguliere werk op; terugkoppeling in het volgende overleg.",
)
