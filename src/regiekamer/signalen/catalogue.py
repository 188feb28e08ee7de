"""The seed catalogue of phenomena and red-flag indicators a new gemeente starts with.

Functioneel beheerders can change it per gemeente afterwards; codes are stable for the API.
"""

from django.db import transaction

ANCHORING_INDICATORS = [
    ("verankering-woning", "Activiteiten vinden plaats in of vanuit een woning of pand in de gemeente"),
    ("verankering-buurt", "Er is overlast of zichtbare impact in de buurt"),
    ("verankering-kwetsbare-inwoner", "Een kwetsbare inwoner wordt gebruikt, geronseld of uitgebuit"),
    ("verankering-lokale-onderneming", "Een lokale onderneming of vastgoed wordt (mogelijk) misbruikt"),
    ("verankering-gemeentelijke-dienst", "Misbruik van een gemeentelijke voorziening, vergunning of uitkering"),
]

PHENOMENA: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "hennepteelt",
        "Hennepteelt",
        [
            ("lampen-planten", "Lampen, potgrond of planten worden naar binnen gedragen"),
            ("hennepgeur", "Nieuwe, aanhoudende hennepgeur"),
            ("ramen-afgeplakt", "Ramen afgeplakt of altijd gesloten gordijnen, condens op de ramen"),
            ("hoog-energieverbruik", "Opvallend hoog of juist geen energieverbruik, illegale aansluiting"),
        ],
    ),
    (
        "drugslab",
        "Drugslab / opslag",
        [
            ("chemische-lucht", "Chemische of anijslucht"),
            ("vaten-jerrycans", "Vaten, jerrycans of chemicaliën afgevoerd of gedumpt"),
            ("loods-verhuurd-contant", "Loods of schuur contant verhuurd aan onbekenden"),
        ],
    ),
    (
        "drugshandel",
        "Drugshandel",
        [
            ("aanloop", "Veel kortdurende aanloop van wisselende personen"),
            ("dealen-straat", "Zichtbaar dealen op straat of bij een hangplek"),
            ("drugspakketjes", "Drugspakketjes aangetroffen"),
        ],
    ),
    (
        "witwassen",
        "Witwassen / vastgoed",
        [
            ("uitgaven-boven-inkomen", "Verbouwing, auto of uitgaven ver boven het inkomen"),
            ("contante-aankoop", "Contante aankoop van vastgoed of dure goederen"),
            ("snelle-doorverkoop", "Snelle doorverkoop van panden tegen afwijkende prijzen"),
        ],
    ),
    (
        "seksuele-uitbuiting",
        "Seksuele uitbuiting",
        [
            ("wisselende-vrouwen", "Wisselende vrouwen in een woning, mannen die kort op bezoek komen"),
            ("geen-eigen-geld", "Persoon heeft geen eigen geld, telefoon of identiteitsbewijs"),
        ],
    ),
    (
        "arbeidsuitbuiting",
        "Arbeidsuitbuiting",
        [
            ("paspoort-ingehouden", "Werkgever houdt paspoorten in"),
            ("huur-ingehouden", "Huur voor een matras wordt op het loon ingehouden"),
            ("dubbele-afhankelijkheid", "Dubbele afhankelijkheid: werk en woning van dezelfde baas"),
            ("overbewoning-arbeidsmigranten", "Veel arbeidsmigranten op één adres"),
        ],
    ),
    (
        "criminele-uitbuiting",
        "Criminele uitbuiting",
        [
            ("gedwongen-dealen", "Persoon wordt gedwongen drugs te verkopen of te bewaren"),
            ("schuld-aan-criminelen", "Schuld bij criminelen die wordt 'afbetaald' met diensten"),
        ],
    ),
    (
        "geldezel",
        "Geldezel / identiteitsmisbruik",
        [
            ("bankpas-afgegeven", "Bankpas en pincode afgegeven aan een ander"),
            ("grote-bedragen-rekening", "Grote bedragen gaan in korte tijd over de rekening"),
            ("contracten-op-naam", "Telefoonabonnementen of voertuigen op naam van een kwetsbare persoon"),
            ("plotselinge-schulden", "Plotselinge schulden zonder verklaring"),
        ],
    ),
    (
        "ronselen-jongeren",
        "Ronselen jongeren",
        [
            ("dure-spullen", "Dure kleding, telefoon of scooter zonder inkomen"),
            ("opgehaald-dure-auto", "Dagelijks opgehaald door 'een neef' in een dure auto"),
            ("schoolverzuim", "Schoolverzuim en plotselinge gedragsverandering"),
            ("plotseling-geld", "Plotseling veel contant geld"),
        ],
    ),
    (
        "zorgfraude",
        "Zorgfraude / malafide zorgaanbieder",
        [
            ("criminelen-bestuur", "Personen met strafrechtelijk verleden in het bestuur"),
            ("dagbesteding-dekmantel", "Dagbesteding die niet of nauwelijks plaatsvindt"),
            ("declaraties-afwijkend", "Declaraties wijken sterk af van geleverde zorg"),
        ],
    ),
    (
        "uitkeringsfraude",
        "Uitkeringsfraude",
        [
            ("inkomsten-niet-gemeld", "Inkomsten of vermogen niet gemeld"),
            ("woonsituatie-onjuist", "Opgegeven woonsituatie klopt niet"),
        ],
    ),
    (
        "woonfraude",
        "Woonfraude / overbewoning / onderhuur",
        [
            ("onderhuur", "Woning wordt (illegaal) onderverhuurd"),
            ("veel-inschrijvingen", "Veel personen ingeschreven op één adres"),
            ("huurder-niet-aanwezig", "Huurder woont er niet zelf"),
        ],
    ),
    (
        "betalingsachterstand",
        "Betalingsachterstand (vroegsignalering)",
        [
            ("huurachterstand", "Huurachterstand"),
            ("energie-water-achterstand", "Achterstand bij energie of water"),
            ("zorgpremie-achterstand", "Achterstand zorgverzekeringspremie"),
        ],
    ),
    (
        "intimidatie",
        "Intimidatie / bedreiging",
        [
            ("bedreiging-buren", "Buren of melders worden bedreigd"),
            ("bedreiging-ambtenaar", "Bedreiging of intimidatie van ambtenaren of bestuurders"),
        ],
    ),
]

# The sources a privacy check 1 proposes per phenomenon (connector codes, bronnen.registry): what is usually needed
# to verify a signal of that kind. The regisseur confirms or changes the choice; a gemeente can change the list.
BRONNEN_PER_FENOMEEN = {
    "hennepteelt": "brp,bag",
    "drugslab": "brp,bag,kvk",
    "drugshandel": "brp,bag",
    "witwassen": "brp,bag,kvk",
    "seksuele-uitbuiting": "brp,bag,kvk,vergunningen",
    "arbeidsuitbuiting": "brp,bag,kvk",
    "criminele-uitbuiting": "brp",
    "geldezel": "brp,uitkeringen",
    "ronselen-jongeren": "brp",
    "zorgfraude": "kvk,vergunningen",
    "uitkeringsfraude": "brp,bag,uitkeringen",
    "woonfraude": "brp,bag",
    "betalingsachterstand": "brp,uitkeringen",
    "intimidatie": "brp,kvk",
}


@transaction.atomic
def seed_catalogue(gemeente) -> None:
    """Give a gemeente the standard phenomena and indicators (idempotent)."""
    from regiekamer.signalen.duiding import DUIDING
    from regiekamer.signalen.models import Fenomeen, Indicator

    def duiding(code) -> dict:
        return DUIDING[code]._asdict() if code in DUIDING else {}

    for code, omschrijving in ANCHORING_INDICATORS:
        Indicator.objects.get_or_create(
            gemeente=gemeente,
            code=code,
            defaults={"omschrijving": omschrijving, "soort": Indicator.Soort.VERANKERING, **duiding(code)},
        )
    for code, naam, flags in PHENOMENA:
        fenomeen, _created = Fenomeen.objects.get_or_create(
            gemeente=gemeente, code=code, defaults={"naam": naam, "bronnen": BRONNEN_PER_FENOMEEN.get(code, "")}
        )
        for flag_code, omschrijving in flags:
            Indicator.objects.get_or_create(
                gemeente=gemeente,
                code=flag_code,
                defaults={
                    "omschrijving": omschrijving,
                    "soort": Indicator.Soort.RODE_VLAG,
                    "fenomeen": fenomeen,
                    **duiding(flag_code),
                },
            )
