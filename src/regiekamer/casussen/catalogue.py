"""The seed catalogue a gemeente starts with: life domains and interventions. Configurable afterwards."""

from django.db import transaction

LEEFGEBIEDEN = [
    ("financien", "Financiën"),
    ("wonen", "Wonen"),
    ("werk-dagbesteding", "Werk en dagbesteding"),
    ("gezondheid-zorg", "Gezondheid en zorg"),
    ("justitie-veiligheid", "Justitie en veiligheid"),
    ("sociaal-netwerk", "Sociaal netwerk"),
    ("opvoeding-ontwikkeling", "Opvoeding en ontwikkeling"),
]

# (code, naam, familie, repressief)
INTERVENTIES = [
    ("sluiting-13b", "Sluiting woning of pand (art. 13b Opiumwet)", "bestuurlijk", True),
    ("bibob-toets", "Bibob-toets", "bestuurlijk", False),
    ("last-onder-dwangsom", "Last onder dwangsom", "bestuurlijk", True),
    ("bestuurlijke-boete", "Bestuurlijke boete", "bestuurlijk", True),
    ("huisverbod", "Huisverbod", "bestuurlijk", True),
    ("schuldhulpverlening", "Schuldhulpverlening", "zorg", False),
    ("saneringskrediet", "Saneringskrediet", "zorg", False),
    ("wijkteam", "Inzet wijkteam", "zorg", False),
    ("wmo-voorziening", "Wmo-voorziening", "zorg", False),
    ("jobcoach", "Jobcoach", "zorg", False),
    ("dagbesteding", "Dagbesteding", "zorg", False),
    ("huisvesting", "Huisvesting", "zorg", False),
    ("aangifte", "Aangifte", "strafrechtelijk", False),
    ("doorzetten-politie-om", "Doorzetten naar politie/OM", "strafrechtelijk", False),
    ("belastingdienst", "Melding aan de Belastingdienst", "fiscaal", False),
    ("gesprek", "Gesprek (preventief)", "preventief", False),
    ("outreachend-jongerenwerk", "Outreachend jongerenwerk", "preventief", False),
]


@transaction.atomic
def seed_casus_catalogue(gemeente) -> None:
    from regiekamer.casussen.models import InterventieSoort, Leefgebied

    for index, (code, naam) in enumerate(LEEFGEBIEDEN):
        Leefgebied.objects.get_or_create(gemeente=gemeente, code=code, defaults={"naam": naam, "volgorde": index})
    for code, naam, familie, repressief in INTERVENTIES:
        InterventieSoort.objects.get_or_create(
            gemeente=gemeente, code=code, defaults={"naam": naam, "familie": familie, "repressief": repressief}
        )
