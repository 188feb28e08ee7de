"""A small world with a known network (tenant A of the shared fixtures).

    Jan ──ingeschreven op──▶ Dorpsstraat 1 ◀──ingeschreven op── Piet
     │  ╲                       ▲
     │   ╲ eigenaar van         └─ingeschreven op── Rita (processing restricted, art. 18 AVG)
     │    ▶ XX-123-Y
     │ samen in signaal S1
    Klaas ──woont op──▶ Kerkweg 5 ── samen in signaal S2 ── Marie
     │  ╲ bestuurder van ▶ Kweek B.V.
     │ samen betrokkene in casus C1
    Els

At depth 1 from Jan: Dorpsstraat 1, XX-123-Y, Klaas. Depth 2 adds Piet, Kerkweg 5, Kweek B.V., Els; depth 3 adds
Marie. Rita is never there. Dorpsstraat 1 is shared by Jan and Piet, who are not linked to each other.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from regiekamer.casussen import services as casussen
from regiekamer.conftest import make_signaal
from regiekamer.inzage.services import restrict
from regiekamer.protocol.machine import Aanpak
from regiekamer.subjects.models import SubjectRelatie
from regiekamer.subjects.services import (
    AdresGegevens,
    PersoonGegevens,
    find_or_create_adres,
    find_or_create_persoon,
    find_or_create_rechtspersoon,
    find_or_create_voertuig,
)

JAN = PersoonGegevens("Jan", "Jansen", geboortedatum=dt.date(1980, 5, 1), bsn="111222333")
KLAAS = PersoonGegevens("Klaas", "Visser", geboortedatum=dt.date(1975, 1, 2))
MARIE = PersoonGegevens("Marie", "Bakker", geboortedatum=dt.date(1990, 3, 4))
DORPSSTRAAT = AdresGegevens("9901AB", 1, straat="Dorpsstraat", woonplaats="Zuiderveen")
KERKWEG = AdresGegevens("9901AC", 5, straat="Kerkweg", woonplaats="Zuiderveen")


def relatie(gemeente, soort, van, naar):
    van_field = f"van_{type(van).__name__.lower()}"
    naar_field = f"naar_{type(naar).__name__.lower()}"
    return SubjectRelatie.objects.create(gemeente=gemeente, soort=soort, **{van_field: van, naar_field: naar})


def build_world(tenant):
    gemeente = tenant.gemeente
    s1 = make_signaal(tenant, personen=[JAN, KLAAS], adressen=[])
    s2 = make_signaal(tenant, personen=[MARIE], adressen=[KERKWEG])
    jan = find_or_create_persoon(gemeente, JAN)[0]
    klaas = find_or_create_persoon(gemeente, KLAAS)[0]
    marie = find_or_create_persoon(gemeente, MARIE)[0]
    piet = find_or_create_persoon(gemeente, PersoonGegevens("Piet", "de Vries", geboortedatum=dt.date(1970, 6, 7)))[0]
    els = find_or_create_persoon(gemeente, PersoonGegevens("Els", "Smit", geboortedatum=dt.date(2001, 8, 9)))[0]
    rita = find_or_create_persoon(gemeente, PersoonGegevens("Rita", "Mulder", geboortedatum=dt.date(1965, 2, 3)))[0]
    dorpsstraat = find_or_create_adres(gemeente, DORPSSTRAAT)[0]
    kerkweg = find_or_create_adres(gemeente, KERKWEG)[0]
    kweek = find_or_create_rechtspersoon(gemeente, "Kweek B.V.", "87654321")[0]
    auto = find_or_create_voertuig(gemeente, "XX-123-Y", "zwarte Audi")[0]
    soort = SubjectRelatie.Soort
    relatie(gemeente, soort.INGESCHREVEN_OP, jan, dorpsstraat)
    relatie(gemeente, soort.INGESCHREVEN_OP, piet, dorpsstraat)
    relatie(gemeente, soort.INGESCHREVEN_OP, rita, dorpsstraat)
    relatie(gemeente, soort.EIGENAAR, jan, auto)
    relatie(gemeente, soort.WOONT_OP, klaas, kerkweg)
    relatie(gemeente, soort.BESTUURDER, klaas, kweek)
    casus = casussen.open_casus(tenant.regisseur, "Groep Visser", Aanpak.GROEPSGERICHT)
    casussen.add_betrokkene(tenant.regisseur, casus, klaas, rol="ronselaar")
    casussen.add_betrokkene(tenant.regisseur, casus, els, rol="groepslid")
    casussen.add_betrokkene(tenant.regisseur, casus, rita, rol="groepslid")
    restrict(tenant.regisseur, rita, "De juistheid wordt betwist.")
    return SimpleNamespace(
        tenant=tenant,
        gemeente=gemeente,
        s1=s1,
        s2=s2,
        casus=casus,
        jan=jan,
        klaas=klaas,
        marie=marie,
        piet=piet,
        els=els,
        rita=rita,
        dorpsstraat=dorpsstraat,
        kerkweg=kerkweg,
        kweek=kweek,
        auto=auto,
    )


@pytest.fixture
def wereld(tenant):
    return build_world(tenant)


def node_id(subject) -> str:
    return f"{type(subject).__name__.lower()}:{subject.pk}"
