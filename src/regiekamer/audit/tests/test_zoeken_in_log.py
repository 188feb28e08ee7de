"""Finding the log entries about a person (the privacyfunctionaris' page and the inzage report): on PostgreSQL through
the GIN index on the ids (``?|``), on SQLite by text; either way exactly the entries that name the person, one of
their signals or one of their cases, compared here with a direct check of every entry."""

import datetime as dt

import pytest
from django.utils import timezone

from regiekamer.audit import services
from regiekamer.audit.models import Verwerking
from regiekamer.audit.selectors import gerelateerde_ids, naming_any, verwerkingen_over
from regiekamer.casussen import services as casussen
from regiekamer.casussen.models import CasusSignaal
from regiekamer.conftest import make_signaal
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import PersoonGegevens

pytestmark = pytest.mark.django_db


def test_entries_about_a_person_equal_a_direct_check(tenant, other_tenant):
    signaal = make_signaal(tenant)
    persoon = Persoon.objects.get(gemeente=tenant.gemeente, achternaam="Jansen")
    ander = make_signaal(
        tenant,
        personen=[PersoonGegevens(voornamen="Kees", achternaam="Bakker", geboortedatum=dt.date(1970, 1, 2))],
        adressen=[],
    )
    via_signaal = casussen.open_casus(tenant.regisseur, titel="A", aanpak="huishouden", omschrijving="", herkomst="")
    CasusSignaal.objects.create(gemeente=tenant.gemeente, casus=via_signaal, signaal=signaal, soort="handmatig")
    betrokken = casussen.open_casus(tenant.regisseur, titel="B", aanpak="huishouden", omschrijving="", herkomst="")
    casussen.add_betrokkene(tenant.regisseur, betrokken, persoon)
    los = casussen.open_casus(tenant.regisseur, titel="C", aanpak="huishouden", omschrijving="", herkomst="")

    assert set(gerelateerde_ids(persoon)) == {str(persoon.pk), str(signaal.pk), str(via_signaal.pk), str(betrokken.pk)}
    for objecttype, ids in [
        ("persoon", [persoon]),
        ("signaal", [ander, signaal]),  # among others in a list
        ("signaal", [ander]),
        ("casus", [via_signaal]),
        ("casus", [los, betrokken]),
        ("casus", [los]),
    ]:
        services.log(tenant.regisseur, "lezen", "test", objecttype, ids)
    services.log(other_tenant.regisseur, "lezen", "test", "persoon", [persoon])  # another gemeente's log

    related = set(gerelateerde_ids(persoon))
    want = [
        e.pk
        for e in Verwerking.objects.filter(gemeente=tenant.gemeente).order_by("-tijdstip")
        if related & set(e.object_ids)
    ]
    got = [e.pk for e in verwerkingen_over(persoon, sinds=timezone.now() - dt.timedelta(days=1))]
    assert got == want and len(want) >= 4
    assert not Verwerking.objects.filter(naming_any([])).exists()
    # Both gemeenten's entries about the person name it; the selector keeps to the person's own gemeente.
    assert Verwerking.objects.filter(naming_any([persoon.pk]), objecttype="persoon").count() == 2
