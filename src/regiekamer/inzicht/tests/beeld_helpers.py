"""A small gemeente for the ondermijningsbeeld tests, built through the services at chosen moments.

Today is 18 June 2025, so the default period is June 2023 – May 2025, its last twelve months June 2024 – May 2025
and the twelve before June 2023 – May 2024. Three buurten with inhabitants: Centrum (2,000) and Haven (1,000) in wijk
WK990101, Noord (3,000) in WK990102. Every signal names a person (with a BSN), an address and a description, so that
the tests can check none of them reaches the report.
"""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import Casus, Interventie
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.inzicht.tests.helpers import NOORD, add_noord, local, weigh
from regiekamer.protocol.machine import Aanpak
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.models import Adres, Buurt
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

HAVEN = "BU99010102"
CENTRUM = "BU99010101"
VANDAAG = dt.datetime(2025, 6, 18, 12)
OMSCHRIJVING = "Geheime omschrijving: kwekerij achter de blauwe deur"
ACHTERNAAM = "Vermeulenhuis"
BSN = "111222333"
STRAAT = "Geheimsteeg"
CASUSTITEL = "Huishouden Vermeulenhuis aan de Geheimsteeg"


def melding(tenant, when, postcode, fenomenen, huisnummer=12, organisatie=None):
    invoer = SignaalInvoer(
        omschrijving=OMSCHRIJVING,
        fenomenen=list(fenomenen),
        personen=[PersoonGegevens(voornamen="Jan", achternaam=ACHTERNAAM, geboortedatum=dt.date(1980, 5, 1), bsn=BSN)],
        adressen=[AdresGegevens(postcode=f"{postcode}AB", huisnummer=huisnummer)],
    )
    return report_signaal(organisatie or tenant.partnerprofessional, invoer, ontvangen_op=when)


def spread(year, month, index):
    return local(year, month, 3 + (index * 5) % 24)


def build(tenant, other_tenant, clock):
    """The world described above. Returns the tenant, its signals and cases."""
    clock.set(timezone.make_aware(VANDAAG))
    centrum = Buurt.objects.get(gemeente=tenant.gemeente, code=CENTRUM)
    Buurt.objects.filter(pk=centrum.pk).update(inwoners=2000, wijk="West", wijk_code="WK990101")
    haven = Buurt.objects.create(
        gemeente=tenant.gemeente,
        code=HAVEN,
        naam="Haven",
        wijk="West",
        wijk_code="WK990101",
        postcodes="9903",
        inwoners=1000,
    )
    noord = add_noord(tenant)
    Buurt.objects.filter(pk=noord.pk).update(inwoners=3000, wijk_code="WK990102")
    signalen = []

    def add(count, year_months, postcode, fenomenen, huisnummer=12):
        for index in range(count):
            year, month = year_months[index % len(year_months)]
            signalen.append(melding(tenant, spread(year, month, index), postcode, fenomenen, huisnummer))

    last_year = [(2024, m) for m in range(7, 13)] + [(2025, m) for m in range(1, 5)]  # Jul 2024 - Apr 2025
    year_before = [(2023, m) for m in range(7, 13)] + [(2024, m) for m in range(1, 5)]
    # Centrum: hennepteelt rises from 6 to 14 (2 of them with drugslab too), 3 money mules; every Centrum signal at
    # one address. Haven: 6 money mules in April and May 2025 only (a rise, and above its own trend). Noord: drugslab
    # falls from 14 to 7, 5 hennepteelt. One signal without a buurt; one before the period; one of another gemeente.
    add(12, last_year, "9901", ("hennepteelt",))
    add(2, [(2025, 2)], "9901", ("hennepteelt", "drugslab"))
    add(3, [(2024, 9), (2025, 3)], "9901", ("geldezel",))
    add(6, year_before, "9901", ("hennepteelt",))
    add(6, [(2025, 4), (2025, 5)], "9903", ("geldezel",), huisnummer=7)
    add(7, last_year, "9905", ("drugslab",), huisnummer=3)
    add(5, last_year, "9905", ("hennepteelt",), huisnummer=4)
    add(14, year_before, "9905", ("drugslab",), huisnummer=3)
    add(1, [(2025, 1)], "9999", ("hennepteelt",))
    add(1, [(2023, 3)], "9901", ("hennepteelt",))
    melding(other_tenant, local(2025, 2, 1), "9901", ("hennepteelt",))

    # Lead times: six Centrum signals of the last year through step 1 (wegingen 1, 2A and 2B) in three weeks: step 1
    # takes longer than its term of 5 working days.
    regisseur = tenant.regisseur
    for signaal in [s for s in signalen if s.buurt_id == centrum.pk][:6]:
        for days, weging, uitkomst in [
            (7, "1", "ondermijning"),
            (14, "2a", "gemeentelijke-taak"),
            (21, "2b", "eigen-grondgebied"),
        ]:
            weigh(clock, regisseur, signaal, signaal.ontvangen_op + dt.timedelta(days=days), weging, uitkomst)
    clock.set(timezone.make_aware(VANDAAG))

    # Cases: six in Centrum (five person-oriented, one area-oriented, opened in 2024; one closed with two goals),
    # one in Noord; interventions on them.
    casussen = []
    for index in range(6):
        aanpak = Aanpak.GEBIEDSGERICHT if index == 5 else Aanpak.PERSOONSGERICHT
        casussen.append(casus_services.open_casus(regisseur, f"{CASUSTITEL} {index}", aanpak, buurt=centrum))
    noord_casus = casus_services.open_casus(regisseur, "Jongeren bij de Geheimsteeg", Aanpak.GROEPSGERICHT, buurt=noord)
    doelen = [
        casus_services.add_doel(regisseur, casussen[0], "Schulden geregeld"),
        casus_services.add_doel(regisseur, casussen[0], "Werk gevonden"),
    ]
    for casus, soort, status in [
        (casussen[0], "schuldhulpverlening", "afgerond"),
        (casussen[0], "gesprek", "afgerond"),
        (casussen[1], "gesprek", "gestopt"),
        (casussen[2], "gesprek", "lopend"),
        (casussen[3], "schuldhulpverlening", "gepland"),
        (noord_casus, "gesprek", "afgerond"),
    ]:
        interventie = casus_services.add_interventie(
            regisseur,
            casus,
            InterventieInvoer(soort=soort, eigenaar_organisatie=str(tenant.politie.pk), deadline=dt.date(2025, 9, 1)),
        )
        if status != "gepland":
            casus_services.update_interventie(regisseur, interventie, status, "Gedaan.")
    casus_services.close_casus(
        regisseur, casussen[0], {str(doelen[0].pk): "behaald", str(doelen[1].pk): "deels"}, "afgeschaald", "Klaar."
    )
    Casus.objects.filter(pk__in=[c.pk for c in casussen]).update(geopend_op=local(2024, 3, 1))
    Casus.objects.filter(pk=casussen[0].pk).update(gesloten_op=local(2025, 2, 1))
    Interventie.objects.filter(gemeente=tenant.gemeente).update(aangemaakt_op=local(2024, 4, 1))
    Adres.objects.filter(gemeente=tenant.gemeente).update(straat=STRAAT)
    return SimpleNamespace(
        tenant=tenant,
        signalen=signalen,
        casussen=[*casussen, noord_casus],
        buurten={"centrum": centrum, "haven": haven, "noord": noord},
        adressen=list(Adres.objects.filter(gemeente=tenant.gemeente)),
    )


def geheimen(world) -> set[str]:
    """Everything personal or identifying in the world: none of it may appear in a report."""
    from regiekamer.signalen.models import Signaal
    from regiekamer.subjects.models import Persoon

    values = {OMSCHRIJVING, ACHTERNAAM, BSN, STRAAT, CASUSTITEL, "Jongeren bij de Geheimsteeg", "9901AB", "9905AB"}
    for signaal in Signaal.objects.filter(gemeente=world.tenant.gemeente):
        values |= {signaal.nummer, str(signaal.pk)}
    for casus in world.casussen:
        values |= {casus.nummer, str(casus.pk), casus.titel}
    for persoon in Persoon.objects.filter(gemeente=world.tenant.gemeente):
        values |= {str(persoon.pk), persoon.achternaam}
    for adres in world.adressen:
        values |= {str(adres.pk), str(adres)}
    return {value for value in values if value}


__all__ = ["CENTRUM", "HAVEN", "NOORD", "build", "geheimen", "melding"]
