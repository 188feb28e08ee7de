import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from regiekamer.conftest import make_signaal
from regiekamer.gebieden import testing, toewijzing
from regiekamer.gebieden.services import importeer_bestand
from regiekamer.gebieden.testing import herbereken
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Adres, Buurt, Persoon, SubjectRelatie
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens, find_or_create_adres

OMSCHRIJVING = "Geheime omschrijving: hennepgeur bij de achterdeur"


def adres_op(tenant, postcode, huisnummer, lat, lon):
    adres, _ = find_or_create_adres(tenant.gemeente, AdresGegevens(postcode=postcode, huisnummer=huisnummer))
    Adres.objects.filter(pk=adres.pk).update(latitude=lat, longitude=lon, straat="Geheimstraat")
    return AdresGegevens(postcode=postcode, huisnummer=huisnummer)


@pytest.fixture
def gebied(tenant, tmp_path):
    """Tenant A with the four test buurten and signals: 7 in Centrum (one address), 3 in Haven, 1 in Oost, none in
    Zuidoost, plus one old signal in Centrum (two years ago) and six persons registered at the Haven address."""
    importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2024.geojson", testing.vier_buurten()))
    centrum = adres_op(tenant, "9901AB", 1, 53.01, 6.49)
    haven = adres_op(tenant, "9901AB", 2, 52.99, 6.49)
    oost = adres_op(tenant, "9901AB", 3, 53.01, 6.51)
    toewijzing.wijs_buurten_toe(tenant.gemeente)
    persoon = [PersoonGegevens(voornamen="Jan", achternaam="Jansen", geboortedatum=dt.date(1980, 5, 1))]
    signalen = []
    for _ in range(7):
        signalen.append(make_signaal(tenant, adressen=[centrum], personen=persoon, omschrijving=OMSCHRIJVING))
    for _ in range(3):
        signalen.append(make_signaal(tenant, adressen=[haven], personen=persoon, omschrijving=OMSCHRIJVING))
    signalen.append(make_signaal(tenant, adressen=[oost], personen=persoon, omschrijving=OMSCHRIJVING))
    oud = make_signaal(tenant, adressen=[centrum], personen=persoon, omschrijving=OMSCHRIJVING)
    Signaal.objects.filter(pk=oud.pk).update(ontvangen_op=timezone.now() - dt.timedelta(days=730))
    herbereken(tenant.gemeente)  # the date was moved around the services: the summaries are rebuilt
    haven_adres = Adres.objects.get(gemeente=tenant.gemeente, postcode="9901AB", huisnummer=2)
    for nummer in range(6):
        bewoner = Persoon.objects.create(gemeente=tenant.gemeente, voornamen=f"Bewoner{nummer}", achternaam="Geheim")
        SubjectRelatie.objects.create(
            gemeente=tenant.gemeente,
            soort=SubjectRelatie.Soort.INGESCHREVEN_OP,
            van_persoon=bewoner,
            naar_adres=haven_adres,
        )
    buurten = {b.code: b for b in Buurt.objects.filter(gemeente=tenant.gemeente)}
    return SimpleNamespace(tenant=tenant, signalen=signalen, oud=oud, buurten=buurten, haven_adres=haven_adres)
