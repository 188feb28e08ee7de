"""Vroegsignalering: arrears combined per household within the period; the outcome goes back as a status only."""

import datetime as dt

import pytest
from django.utils import timezone

from regiekamer.accounts.models import Organisatie
from regiekamer.conftest import api_client
from regiekamer.importen import services, vroegsignalering
from regiekamer.importen.models import Achterstand, Import, ImportInstelling
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db

HEADER = "referentie;voornamen;achternaam;postcode;huisnummer;bedrag_achterstand;achterstand_sinds;soort_schuldeiser\n"


def lever(principal, rows: str, organisatie=None):
    import_obj = services.nieuw_import(principal, (HEADER + rows).encode(), "a.csv", Import.Kanaal.API, organisatie)
    return services.verwerk(import_obj.pk)


@pytest.fixture
def schuldeisers(tenant):
    energie = Organisatie.objects.create(gemeente=tenant.gemeente, naam="Energie", soort="nutsbedrijf-verhuurder")
    water = Organisatie.objects.create(gemeente=tenant.gemeente, naam="Water", soort="nutsbedrijf-verhuurder")
    from regiekamer.accounts.authentication import PartnerSystem
    from regiekamer.accounts.models import ApiToken

    return {
        naam: PartnerSystem(organisatie=org, token=ApiToken.issue(org)[0])
        for naam, org in (("energie", energie), ("water", water))
    }


def test_combined_within_the_period_and_not_after_it(tenant, schuldeisers):
    lever(schuldeisers["energie"], "E-1;Jan;Smit;9901AB;7;412,50;2026-08-01;energie\n")
    lever(schuldeisers["water"], "W-1;Jan;Smit;9901 AB;7;96;01-07-2026;water\n")
    assert Signaal.objects.count() == 1
    signaal = Signaal.objects.get()
    assert signaal.achterstanden.count() == 2
    # Outside the period: a new signal.
    instelling = vroegsignalering.instelling(tenant.gemeente)
    instelling.vroegsignalering_dagen = 30
    instelling.save()
    Achterstand.objects.update(gemeld_op=timezone.now() - dt.timedelta(days=31))
    lever(schuldeisers["water"], "W-2;Jan;Smit;9901AB;7;120;2026-09-01;water\n")
    assert Signaal.objects.count() == 2
    assert ImportInstelling.objects.get(gemeente=tenant.gemeente).vroegsignalering_dagen == 30


def test_a_closed_household_signal_is_not_added_to(tenant, schuldeisers):
    lever(schuldeisers["energie"], "E-1;Jan;Smit;9901AB;7;412,50;2026-08-01;energie\n")
    Signaal.objects.update(status="geen-actie", afgerond_op=timezone.now())
    lever(schuldeisers["water"], "W-1;Jan;Smit;9901AB;7;96;2026-07-01;water\n")
    assert Signaal.objects.count() == 2


def test_the_gemeente_records_the_outcome_and_the_creditor_sees_only_that(client, tenant, schuldeisers):
    lever(schuldeisers["energie"], "E-1;Jan;Smit;9901AB;7;412,50;2026-08-01;energie\n")
    lever(schuldeisers["water"], "W-1;Jan;Smit;9901AB;7;96;2026-07-01;water\n")
    lever(schuldeisers["energie"], "E-2;Jan;Smit;9901AB;7;500;2026-08-01;energie\n")  # repeated report
    signaal = Signaal.objects.get()
    client.force_login(tenant.regisseur)
    page = client.get(f"/signalen/{signaal.pk}/").content.decode()
    assert "Vroegsignalering: betalingsachterstanden" in page and "Energie" in page and "Water" in page
    response = client.post(
        f"/importen/vroegsignalering/{signaal.pk}/terugkoppeling/", {"terugkoppeling": "contact-gelegd"}
    )
    assert response.status_code == 302
    assert dict(Achterstand.objects.values_list("bronreferentie__referentie", "terugkoppeling")) == {
        "E-1": "contact-gelegd",
        "W-1": "contact-gelegd",
        "E-2": "herhaalde-melding",
    }
    # The creditor's view: its own references with the status, nothing of the content.
    body = api_client(schuldeisers["energie"].organisatie).get("/api/v1/vroegsignalering/terugkoppeling").json()
    assert sorted((r["referentie"], r["terugkoppeling"], r["status"]) for r in body["results"]) == [
        ("E-1", "contact-gelegd", "ontvangen"),
        ("E-2", "herhaalde-melding", "ontvangen"),
    ]
    assert set(body["results"][0]) == {"referentie", "gemeld_op", "status", "terugkoppeling"}
    # A partner professional cannot record an outcome; an unknown outcome is refused.
    client.force_login(tenant.partnerprofessional)
    url = f"/importen/vroegsignalering/{signaal.pk}/terugkoppeling/"
    assert client.post(url, {"terugkoppeling": "geen-contact"}).status_code == 403
    client.force_login(tenant.regisseur)
    client.post(url, {"terugkoppeling": "herhaalde-melding"})
    assert Achterstand.objects.filter(terugkoppeling="contact-gelegd").count() == 2


def test_another_gemeente_cannot_record_an_outcome(client, tenant, other_tenant, schuldeisers):
    lever(schuldeisers["energie"], "E-1;Jan;Smit;9901AB;7;412,50;2026-08-01;energie\n")
    signaal = Signaal.objects.get()
    client.force_login(other_tenant.regisseur)
    url = f"/importen/vroegsignalering/{signaal.pk}/terugkoppeling/"
    assert client.post(url, {"terugkoppeling": "geen-contact"}).status_code == 404
    assert not Achterstand.objects.exclude(terugkoppeling="").exists()


def test_arrears_about_one_household_in_one_file(tenant, schuldeisers):
    """Within one chunk: the first row makes the household's signal, the next rows join it; the same creditor again
    is a repeated report."""
    rows = (
        "E-1;Jan;Smit;9901AB;7;412,50;2026-08-01;energie\n"
        "E-2;Els;Smit;9901AB;7;80;2026-08-01;water\n"
        "E-3;Jan;Smit;9901AB;7;500;2026-09-01;energie\n"
        "E-4;Piet;Visser;9902CD;1;50;2026-09-01;energie\n"
    )
    import_obj = lever(schuldeisers["energie"], rows)
    assert import_obj.nieuw == 4
    assert Signaal.objects.count() == 2
    smit = Achterstand.objects.get(bronreferentie__referentie="E-1").signaal
    assert set(smit.achterstanden.values_list("bronreferentie__referentie", "terugkoppeling")) == {
        ("E-1", ""),
        ("E-2", "herhaalde-melding"),
        ("E-3", "herhaalde-melding"),
    }
    assert set(smit.personen.values_list("voornamen", flat=True)) == {"Jan", "Els"}  # the household
