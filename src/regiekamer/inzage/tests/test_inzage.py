import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.bronnen.services import query_hit
from regiekamer.casussen.models import Casus
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.delen import services as delen_services
from regiekamer.delen.testing import share
from regiekamer.inzage import selectors, services
from regiekamer.inzage.models import Weigering
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.retention.services import bewaartermijn

pytestmark = pytest.mark.django_db

REDEN = "lopend onderzoek, art. 41 UAVG / art. 23 AVG"


def weigh(user, signaal, weging, uitkomst, **extra):
    extra.setdefault("toelichting", f"Motivering voor {weging}: {uitkomst}.")
    return record_weging(user, signaal, WegingInvoer(weging=weging, uitkomst=uitkomst, **extra))


def to_case(tenant, signaal):
    regisseur = tenant.regisseur
    for weging, uitkomst in [
        ("1", "ondermijning"),
        ("2a", "gemeentelijke-taak"),
        ("2b", "eigen-grondgebied"),
        ("3", "bronnenonderzoek"),
    ]:
        weigh(regisseur, signaal, weging, uitkomst)
    weigh(regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="Art. 172 Gemeentewet")
    signaal.refresh_from_db()
    query_hit(regisseur, signaal, "brp", signaal.personen.get())
    weigh(regisseur, signaal, "bronnen", "doorgaan")
    weigh(regisseur, signaal, "pc2a", "delen", grondslag="Art. 172 Gemeentewet", gegevens="NAW", doel="Signaaloverleg")
    weigh(
        regisseur,
        signaal,
        "pc2b",
        "delen",
        grondslag="Art. 13b Opiumwet",
        gegevens="NAW",
        doel="Uitvoering van de aanpak",
        ontvangers=[str(tenant.politie.pk)],
    )
    weigh(regisseur, signaal, "aanpak", "casus", aanpak="huishouden")
    signaal.refresh_from_db()
    return signaal


@pytest.fixture
def dossier(tenant):
    """A demo-like person: one signal that became a case, one finished with 'geen ondermijning'."""
    tweede = make_signaal(tenant, omschrijving="Eerdere melding over dezelfde persoon.")
    weigh(tenant.regisseur, tweede, "1", "geen-ondermijning")
    tweede.refresh_from_db()
    eerste = to_case(tenant, make_signaal(tenant))
    persoon = eerste.personen.get()
    assert tweede.personen.get() == persoon  # the same BSN: the same person
    audit.log(tenant.ondermijningsteam, Actie.LEZEN, "persoon.detail", "persoon", [persoon])
    return persoon, eerste, tweede


def web(client, user):
    client.force_login(user)
    return client


def test_report_is_complete(client, tenant, dossier):
    persoon, eerste, tweede = dossier
    casus = Casus.objects.get(casus_signalen__signaal=eerste)
    response = web(client, tenant.regisseur).get(reverse("inzage:rapport", args=[persoon.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert persoon.volledige_naam in html
    assert "•••••2333" in html and "111222333" not in html
    assert eerste.nummer in html and tweede.nummer in html
    assert "Woningcorporatie" in html or tenant.corporatie.get_soort_display() in html  # reporting organisation type
    assert tenant.partnerprofessional.username not in html  # not the reporter, also not via the log
    assert tenant.corporatie.naam not in html
    for weging in eerste.wegingen.all():
        assert weging.uitkomst_label in html
    assert "Art. 13b Opiumwet" in html and "Uitvoering van de aanpak" in html
    assert "BRP" in html  # the source consulted
    assert tenant.politie.naam in html  # the 2B recipient, from its sharing decision
    assert casus.nummer in html
    # A decision made later on the case itself, and its withdrawal, are disclosures too.
    besluit = share(casus, tenant.corporatie, grondslag="Art. 6 lid 1 sub e AVG")
    delen_services.withdraw(tenant.regisseur, besluit, "Niet meer nodig voor de aanpak")
    html = client.get(reverse("inzage:rapport", args=[persoon.pk])).content.decode()
    assert tenant.corporatie.naam in html and "Art. 6 lid 1 sub e AVG" in html and "ingetrokken op" in html
    assert "Handhaving en ondermijning (bestuurlijk)" in html  # the purposes of the signals and the case
    termijn = bewaartermijn(tenant.gemeente)
    rapport = selectors.rapport(persoon)
    tweede_item = next(i for i in rapport.signalen if i.object.pk == tweede.pk)
    expected = timezone.localdate(tweede.afgerond_op) + dt.timedelta(days=termijn.signaal_dagen)
    assert tweede_item.extra["vernietigen_op"] == expected
    assert expected.strftime("%Y") in html and str(expected.day) in html
    assert tenant.ondermijningsteam.username in html  # who looked, from the log


def test_geen_actie_signal_uses_its_own_destruction_date(tenant):
    signaal = make_signaal(tenant)
    for weging, uitkomst in [("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")]:
        weigh(tenant.regisseur, signaal, weging, uitkomst)
    weigh(tenant.regisseur, signaal, "3", "geen-actie")
    signaal.refresh_from_db()
    item = selectors.rapport(signaal.personen.get()).signalen[0]
    assert signaal.vernietigen_op and item.extra["vernietigen_op"] == signaal.vernietigen_op


def test_withheld_parts_are_marked_for_regisseur_and_absent_for_betrokkene(client, tenant, dossier):
    persoon, eerste, tweede = dossier
    bron = selectors.rapport(persoon).bronraadplegingen[0]
    services.withhold(tenant.regisseur, persoon, f"signaal:{tweede.pk}", REDEN)
    services.withhold(tenant.regisseur, persoon, bron.sleutel, "bescherming van de bron, art. 41 UAVG")
    web(client, tenant.regisseur)
    url = reverse("inzage:rapport", args=[persoon.pk])

    html = client.get(url).content.decode()
    assert tweede.nummer in html
    assert f"Wordt niet verstrekt:</strong> {REDEN}" in html

    betrokkene = client.get(url, {"voor": "betrokkene"}).content.decode()
    assert tweede.nummer not in betrokkene
    assert eerste.nummer in betrokkene
    assert "BRP" not in betrokkene
    assert REDEN in betrokkene and "bescherming van de bron" in betrokkene
    assert "Niet verstrekte informatie" in betrokkene
    assert tenant.ondermijningsteam.username not in betrokkene  # staff names stay internal

    services.release(tenant.regisseur, persoon, f"signaal:{tweede.pk}")
    assert tweede.nummer in client.get(url, {"voor": "betrokkene"}).content.decode()


def test_withholding_needs_a_reason(client, tenant, dossier):
    persoon, _eerste, tweede = dossier
    with pytest.raises(InvalidInput):
        services.withhold(tenant.regisseur, persoon, f"signaal:{tweede.pk}", "  ")
    with pytest.raises(InvalidInput):
        services.withhold(tenant.regisseur, persoon, "iets-anders", REDEN)
    with pytest.raises(InvalidInput):  # a signal that is not about this person
        services.withhold(tenant.regisseur, persoon, f"signaal:{make_signaal(tenant, personen=[]).pk}", REDEN)
    response = web(client, tenant.regisseur).post(
        reverse("inzage:weigeren", args=[persoon.pk]), {"onderdeel": f"signaal:{tweede.pk}", "reden": ""}
    )
    assert response.status_code == 400
    assert not Weigering.objects.exists()
    response = client.post(
        reverse("inzage:weigeren", args=[persoon.pk]), {"onderdeel": f"signaal:{tweede.pk}", "reden": REDEN}
    )
    assert response.status_code == 302
    assert Weigering.objects.get().door == tenant.regisseur


def test_only_regie_roles_withhold_and_within_their_gemeente(tenant, other_tenant, dossier):
    persoon, _eerste, tweede = dossier
    with pytest.raises(NotAllowed):
        services.withhold(tenant.partnerprofessional, persoon, f"signaal:{tweede.pk}", REDEN)
    from django.http import Http404

    with pytest.raises(Http404):
        services.withhold(other_tenant.regisseur, persoon, f"signaal:{tweede.pk}", REDEN)
    assert not Weigering.objects.exists()


def test_partner_and_other_tenant_cannot_open_the_report(client, tenant, other_tenant, dossier):
    persoon, _eerste, _tweede = dossier
    url = reverse("inzage:rapport", args=[persoon.pk])
    assert web(client, tenant.partnerprofessional).get(url).status_code == 403
    assert client.post(reverse("inzage:zoeken"), {"zoekterm": "Jansen"}).status_code == 403
    assert web(client, other_tenant.regisseur).get(url).status_code == 404
    response = client.post(reverse("inzage:weigeren", args=[persoon.pk]), {"onderdeel": "persoon", "reden": REDEN})
    assert response.status_code == 404


def test_search_is_posted_and_bsn_never_in_a_url(client, tenant, dossier):
    persoon, _eerste, _tweede = dossier
    web(client, tenant.regisseur)
    assert client.get(reverse("inzage:zoeken")).status_code == 200
    response = client.post(reverse("inzage:zoeken"), {"zoekterm": "111222333"})
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("inzage:rapport", args=[persoon.pk]) in html
    assert "111222333" not in html
    import re

    for url in re.findall(r'(?:href|action)="([^"]*)"', html):
        assert "111222333" not in url and "2333" not in url
    report = client.get(reverse("inzage:rapport", args=[persoon.pk])).content.decode()
    for url in re.findall(r'(?:href|action)="([^"]*)"', report):
        assert "111222333" not in url and "Jansen" not in url


def test_viewing_the_report_is_logged(client, tenant, dossier):
    persoon, _eerste, _tweede = dossier
    web(client, tenant.regisseur).get(reverse("inzage:rapport", args=[persoon.pk]))
    from regiekamer.audit.models import Verwerking

    entry = Verwerking.objects.filter(handeling="inzage.rapport").get()
    assert str(persoon.pk) in entry.object_ids and entry.grondslag == services.GRONDSLAG_INZAGE
