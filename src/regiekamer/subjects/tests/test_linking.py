import datetime as dt

import pytest

from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput
from regiekamer.subjects.models import Adres, Persoon
from regiekamer.subjects.services import (
    AdresGegevens,
    PersoonGegevens,
    find_or_create_adres,
    find_or_create_persoon,
    name_key,
)

pytestmark = pytest.mark.django_db


def test_same_bsn_links_to_the_existing_person(tenant):
    first, created = find_or_create_persoon(tenant.gemeente, PersoonGegevens("Jan", "Jansen", bsn="111222333"))
    second, created_again = find_or_create_persoon(tenant.gemeente, PersoonGegevens("J.", "Janssen", bsn="111 222 333"))
    assert created and not created_again
    assert first == second


def test_same_normalised_name_and_birth_date_links(tenant):
    born = dt.date(2003, 2, 1)
    first, _ = find_or_create_persoon(tenant.gemeente, PersoonGegevens("Mohamed", "El Amrani", geboortedatum=born))
    second, created = find_or_create_persoon(
        tenant.gemeente, PersoonGegevens(" mohamed ", "el amrani", geboortedatum=born, bsn="111222333")
    )
    assert not created and first == second
    second.refresh_from_db()
    assert second.bsn == "111222333"  # the new signal's BSN completes the record


def test_tussenvoegsel_in_its_own_field_or_the_surname_is_the_same_name():
    assert name_key("Anne", "van der", "Berg") == name_key("Anne", "", "Van der Berg") == name_key("Anne", "", "Berg")
    assert name_key("Zoë", "", "Çelik") == name_key("Zoe", "", "Celik")


def test_different_birth_date_or_other_bsn_is_another_person(tenant):
    find_or_create_persoon(
        tenant.gemeente, PersoonGegevens("Jan", "Jansen", geboortedatum=dt.date(1980, 1, 1), bsn="111222333")
    )
    _, created = find_or_create_persoon(
        tenant.gemeente, PersoonGegevens("Jan", "Jansen", geboortedatum=dt.date(1981, 1, 1))
    )
    assert created
    _, created = find_or_create_persoon(
        tenant.gemeente, PersoonGegevens("Jan", "Jansen", geboortedatum=dt.date(1980, 1, 1), bsn="123456782")
    )
    assert created


def test_name_without_birth_date_does_not_link(tenant):
    find_or_create_persoon(tenant.gemeente, PersoonGegevens("Jan", "Jansen"))
    _, created = find_or_create_persoon(tenant.gemeente, PersoonGegevens("Jan", "Jansen"))
    assert created


def test_same_normalised_address_links_and_gets_bag_data(tenant):
    first, created = find_or_create_adres(tenant.gemeente, AdresGegevens("9901ab", 12, "b", " 2 "))
    second, created_again = find_or_create_adres(tenant.gemeente, AdresGegevens("9901 AB", 12, "B", "2"))
    assert created and not created_again and first == second
    assert (first.postcode, first.huisletter, first.toevoeging) == ("9901AB", "B", "2")
    assert first.buurt == tenant.buurt
    assert first.straat and first.woonplaats == tenant.gemeente.naam
    assert first.latitude is not None


def test_address_outside_the_gemeente_has_no_buurt(tenant):
    adres, _ = find_or_create_adres(tenant.gemeente, AdresGegevens("1234AB", 1))
    assert adres.buurt is None and adres.straat == ""


@pytest.mark.parametrize("bsn", ["123456789", "12345678", "abcdefghi", "1112223334"])
def test_bsn_must_pass_the_elfproef(tenant, bsn):
    with pytest.raises(InvalidInput):
        find_or_create_persoon(tenant.gemeente, PersoonGegevens("A", "B", bsn=bsn))


@pytest.mark.parametrize("postcode", ["1234", "0123AB", "12345AB", "ABCD12", ""])
def test_postcode_must_be_dutch(tenant, postcode):
    with pytest.raises(InvalidInput):
        find_or_create_adres(tenant.gemeente, AdresGegevens(postcode, 1))


def test_signals_about_the_same_people_share_subjects(tenant):
    first = make_signaal(tenant)
    second = make_signaal(
        tenant,
        reporter=tenant.wijkagent,
        personen=[PersoonGegevens("jan", "JANSEN", geboortedatum=dt.date(1980, 5, 1))],
        adressen=[AdresGegevens("9901 ab", 12)],
    )
    assert Persoon.objects.count() == 1 and Adres.objects.count() == 1
    assert set(first.personen.get().signalen.all()) == {first, second}


def test_subjects_never_link_across_tenants(tenant, other_tenant):
    mine = make_signaal(tenant)
    theirs = make_signaal(other_tenant)
    assert mine.personen.get() != theirs.personen.get()
    assert mine.personen.get().gemeente == tenant.gemeente
    assert theirs.personen.get().gemeente == other_tenant.gemeente
    assert mine.adressen.get() != theirs.adressen.get()
