import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regiekamer.analyse import services
from regiekamer.analyse.models import Heridentificatie
from regiekamer.analyse.pseudonyms import pseudonym, soort_of
from regiekamer.audit.models import Verwerking
from regiekamer.casussen import services as casussen
from regiekamer.conftest import make_signaal
from regiekamer.core.crypto import blind_index
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.inzage import services as inzage
from regiekamer.protocol.machine import Aanpak
from regiekamer.subjects.models import Buurt, Persoon
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db

BOLWERKSTRA = PersoonGegevens(
    voornamen="Quirijn",
    tussenvoegsel="van",
    achternaam="Bolwerkstra",
    geboortedatum=dt.date(1977, 3, 14),
    bsn="123456782",
)
JANSEN = PersoonGegevens(voornamen="Jan", achternaam="Jansen", geboortedatum=dt.date(1980, 5, 1), bsn="111222333")
ADRES = AdresGegevens(postcode="9901AB", huisnummer=12, straat="Kerkstraat", woonplaats="Zuiderveen")
OMSCHRIJVING = "Lampen en potgrond naar binnen gedragen bij de achterdeur van de Zwartewaalse loods."

# Everything that identifies the fixture persons, their address and company, or is free text.
PERSONAL = [
    "Quirijn",
    "Bolwerkstra",
    "Jansen",
    "123456782",
    "111222333",
    "•••••6782",
    "14 maart",
    "1977-03-14",
    "1980-05-01",
    "1 mei 1980",
    "9901AB",
    "9901 AB",
    "Kerkstraat",
    "Kweekhandel",
    "87654321",
    "Zwartewaalse",
]


@pytest.fixture
def data(tenant):
    een = make_signaal(
        tenant,
        omschrijving=OMSCHRIJVING,
        personen=[BOLWERKSTRA, JANSEN],
        adressen=[ADRES],
        rechtspersonen=[("Kweekhandel Groen B.V.", "87654321")],
    )
    twee = make_signaal(tenant, omschrijving=OMSCHRIJVING, personen=[BOLWERKSTRA], adressen=[ADRES])
    persoon = Persoon.objects.get(gemeente=tenant.gemeente, bsn_index=blind_index("123456782"))
    return een, twee, persoon


def login(client, user):
    client.force_login(user)
    return client


def assert_no_personal_data(text: str):
    leaks = [value for value in PERSONAL if value in text]
    assert not leaks, f"personal data shown: {leaks}"


def test_page_and_export_show_pseudonyms_and_no_personal_data(client, tenant, data):
    een, twee, persoon = data
    client = login(client, tenant.analist)
    g = tenant.gemeente.pk
    expected = pseudonym(g, "persoon", persoon.pk)

    response = client.get(reverse("analyse:lijst"))
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert pseudonym(g, "signaal", een.pk) in html
    assert pseudonym(g, "adres", een.adressen.get().pk) in html
    assert "Centrum" in html  # the buurt
    assert "Hennepteelt" in html or "hennepteelt" in html.lower()
    assert f"{timezone.localtime(een.ontvangen_op):%Y-%m}" in html
    assert str(persoon.pk) not in html and een.nummer not in html and str(een.pk) not in html
    assert_no_personal_data(html)

    export = client.get(reverse("analyse:export"))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    body = export.content.decode()
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "pseudoniem" and len(rows) == 3
    assert expected in body
    assert_no_personal_data(body)
    assert str(persoon.pk) not in body and een.nummer not in body

    for url in (reverse("analyse:lijst") + "?weergave=casussen", reverse("analyse:samenhang")):
        page = client.get(url)
        assert page.status_code == 200
        assert_no_personal_data(page.content.decode())


def test_export_and_page_are_logged(client, tenant, data):
    een, twee, _persoon = data
    client = login(client, tenant.analist)
    client.get(reverse("analyse:lijst"))
    client.get(reverse("analyse:export"))
    lijst = Verwerking.objects.get(handeling="analyse.lijst")
    export = Verwerking.objects.get(handeling="analyse.export")
    assert export.gebruiker == tenant.analist.username and export.objecttype == "signaal"
    assert set(export.object_ids) == {str(een.pk), str(twee.pk)} == set(lijst.object_ids)
    assert export.doel == services.DOEL_ANALYSE


def test_pseudonym_is_stable_keyed_and_differs_across_tenants(client, tenant, other_tenant, data):
    _een, _twee, persoon = data
    ander = make_signaal(other_tenant, personen=[BOLWERKSTRA], adressen=[ADRES])
    zelfde_in_b = ander.personen.get()
    a = pseudonym(tenant.gemeente.pk, "persoon", persoon.pk)
    assert soort_of(a) == "persoon"
    # The same record id under another gemeente, and the same person (same BSN) in another gemeente, differ.
    assert a != pseudonym(other_tenant.gemeente.pk, "persoon", persoon.pk)
    assert a != pseudonym(other_tenant.gemeente.pk, "persoon", zelfde_in_b.pk)
    assert str(persoon.pk).replace("-", "").upper()[:12] not in a.upper()  # not the record id itself
    # Two requests (and the export) show the same pseudonym: it is stable, not drawn per request.
    client = login(client, tenant.analist)
    assert a in client.get(reverse("analyse:lijst")).content.decode()
    assert a in client.get(reverse("analyse:lijst")).content.decode()
    assert a in client.get(reverse("analyse:export")).content.decode()


def test_pseudonym_depends_on_the_key(settings, tenant, data):
    _een, _twee, persoon = data
    settings.ANALYSE_PSEUDONIEM_SLEUTEL = "sleutel-een"
    een = pseudonym(tenant.gemeente.pk, "persoon", persoon.pk)
    settings.ANALYSE_PSEUDONIEM_SLEUTEL = "sleutel-twee"
    assert pseudonym(tenant.gemeente.pk, "persoon", persoon.pk) != een


def test_reidentification_without_reason_is_refused(client, tenant, data):
    _een, _twee, persoon = data
    p = pseudonym(tenant.gemeente.pk, "persoon", persoon.pk)
    client = login(client, tenant.analist)
    url = reverse("analyse:heridentificeren", args=[p])
    form = client.get(url)
    assert form.status_code == 200
    assert_no_personal_data(form.content.decode())
    for body in ({}, {"reden": "  ", "referentie": "Verzoek regisseur 12"}, {"reden": "Netwerkanalyse"}):
        response = client.post(url, body)
        assert response.status_code == 400
        assert_no_personal_data(response.content.decode())
    with pytest.raises(InvalidInput):
        services.reidentify(tenant.analist, p, "Netwerkanalyse", "")
    assert not Heridentificatie.objects.exists()
    assert not Verwerking.objects.filter(handeling="heridentificatie").exists()


def test_reidentification_with_reason_is_recorded_logged_and_shows_identity(client, tenant, data):
    _een, _twee, persoon = data
    p = pseudonym(tenant.gemeente.pk, "persoon", persoon.pk)
    client = login(client, tenant.analist)
    response = client.post(
        reverse("analyse:heridentificeren", args=[p]),
        {"reden": "Spil in netwerk van drie adressen", "referentie": "Verzoek regisseur, signaaloverleg 12 mei"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quirijn van Bolwerkstra" in html and "14 maart 1977" in html
    assert "123456782" not in html  # not the BSN
    record = Heridentificatie.objects.get()
    assert (record.door, record.rol, record.pseudoniem, record.soort, record.object_id) == (
        tenant.analist,
        "analist",
        p,
        "persoon",
        persoon.pk,
    )
    assert record.reden == "Spil in netwerk van drie adressen" and record.referentie.startswith("Verzoek regisseur")
    assert record.gemeente == tenant.gemeente and record.op <= timezone.now()
    entry = Verwerking.objects.get(handeling="heridentificatie")
    assert entry.object_ids == [str(persoon.pk)] and entry.objecttype == "persoon"
    assert entry.gebruiker == tenant.analist.username and entry.doel == services.DOEL_HERIDENTIFICATIE
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(ValueError):
        record.delete()


def test_reidentification_of_address_and_company(tenant, data):
    een, _twee, _persoon = data
    adres, bedrijf = een.adressen.get(), een.rechtspersonen.get()
    g = tenant.gemeente.pk
    _record, subject = services.reidentify(tenant.analist, pseudonym(g, "adres", adres.pk), "Netwerk", "Verzoek 7")
    assert subject == adres
    _record, subject = services.reidentify(
        tenant.analist, pseudonym(g, "rechtspersoon", bedrijf.pk).lower(), "Netwerk", "Verzoek 8"
    )
    assert subject == bedrijf
    assert Heridentificatie.objects.count() == 2


def test_other_roles_are_denied(client, tenant, data):
    _een, _twee, persoon = data
    p = pseudonym(tenant.gemeente.pk, "persoon", persoon.pk)
    for rol in ("regisseur", "ondermijningsteam", "manager", "privacyfunctionaris", "partnerprofessional"):
        user = tenant.users[rol]
        client = login(client, user)
        for url in (reverse("analyse:lijst"), reverse("analyse:export"), reverse("analyse:samenhang")):
            assert client.get(url).status_code == 403, (rol, url)
        url = reverse("analyse:heridentificeren", args=[p])
        assert client.post(url, {"reden": "x", "referentie": "y"}).status_code == 403, rol
        with pytest.raises(NotAllowed):
            services.reidentify(user, p, "x", "y")
    assert not Heridentificatie.objects.exists()


def test_tenant_isolation(client, tenant, other_tenant, data):
    een, _twee, persoon = data
    make_signaal(other_tenant, personen=[JANSEN], adressen=[AdresGegevens(postcode="9902CD", huisnummer=3)])
    p = pseudonym(tenant.gemeente.pk, "persoon", persoon.pk)
    client = login(client, other_tenant.analist)
    html = client.get(reverse("analyse:lijst")).content.decode()
    assert p not in html and pseudonym(tenant.gemeente.pk, "signaal", een.pk) not in html
    assert client.get(reverse("analyse:heridentificeren", args=[p])).status_code == 404
    response = client.post(reverse("analyse:heridentificeren", args=[p]), {"reden": "x", "referentie": "y"})
    assert response.status_code == 404
    assert not Heridentificatie.objects.exists()
    # The privacyfunctionaris of the other gemeente does not see this gemeente's re-identifications.
    services.reidentify(tenant.analist, p, "Netwerkanalyse", "Verzoek 3")
    client = login(client, other_tenant.privacyfunctionaris)
    assert p not in client.get(reverse("analyse:heridentificaties")).content.decode()
    client = login(client, tenant.privacyfunctionaris)
    html = client.get(reverse("analyse:heridentificaties")).content.decode()
    assert p in html and "Netwerkanalyse" in html and "Verzoek 3" in html
    assert "Bolwerkstra" not in html


def test_filters(client, tenant, data):
    een, twee, _persoon = data
    elders = Buurt.objects.create(gemeente=tenant.gemeente, code="BU99010202", naam="Noordkwartier", postcodes="9903")
    drie = make_signaal(
        tenant, fenomenen=["drugslab"], indicatoren=[], adressen=[AdresGegevens(postcode="9903XY", huisnummer=1)]
    )
    drie.ontvangen_op = timezone.now() - dt.timedelta(days=400)
    drie.save(update_fields=["ontvangen_op"])
    g = tenant.gemeente.pk
    client = login(client, tenant.analist)

    def shown(**params):
        html = client.get(reverse("analyse:lijst"), params).content.decode()
        return {s for s in (een, twee, drie) if pseudonym(g, "signaal", s.pk) in html}

    assert shown() == {een, twee, drie}
    assert shown(buurt=str(elders.pk)) == {drie}
    assert shown(buurt=str(tenant.buurt.pk)) == {een, twee}
    deze_maand = f"{timezone.localdate():%Y-%m}"
    assert shown(van=deze_maand) == {een, twee}
    assert shown(tot=f"{timezone.localtime(drie.ontvangen_op):%Y-%m}") == {drie}
    assert shown(fenomeen="bestaat-niet") == {een, twee, drie}  # an invalid choice filters nothing
    assert shown(fenomeen="hennepteelt") == {een, twee}
    assert shown(fenomeen="drugslab") == {drie}
    assert shown(fenomeen="drugslab", buurt=str(tenant.buurt.pk)) == set()


def test_cooccurrence(client, tenant, data):
    een, _twee, persoon = data
    g = tenant.gemeente.pk
    adres = een.adressen.get()
    client = login(client, tenant.analist)
    response = client.get(reverse("analyse:samenhang"), {"minimaal": 2})
    page = response.context["page"]
    pairs = {frozenset((paar.a, paar.b)): paar.signalen for paar in page.object_list}
    # Bolwerkstra and the Kerkstraat address share both signals; Jansen appears once, so not at minimum 2.
    assert pairs == {frozenset((pseudonym(g, "persoon", persoon.pk), pseudonym(g, "adres", adres.pk))): 2}
    everything = client.get(reverse("analyse:samenhang")).context["page"].object_list
    assert len(everything) == 6  # 4 subjects in the first signal: 6 pairs
    entry = Verwerking.objects.filter(handeling="analyse.samenhang", objecttype="persoon").first()
    assert entry is not None and str(persoon.pk) in entry.object_ids


def test_queries_do_not_depend_on_the_number_of_rows(client, tenant, data, django_assert_max_num_queries):
    client = login(client, tenant.analist)
    urls = [
        reverse("analyse:lijst"),
        reverse("analyse:lijst") + "?weergave=casussen",
        reverse("analyse:export"),
        reverse("analyse:samenhang"),
    ]
    client.get(urls[0])  # warm up the session

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    def add_case(signaal):
        casussen.open_casus_from_signaal(signaal, Aanpak.HUISHOUDEN, tenant.regisseur)

    add_case(data[0])
    few = counts()
    for i in range(8):
        signaal = make_signaal(
            tenant,
            personen=[PersoonGegevens(voornamen="Piet", achternaam="Persoon-" + "abcdefgh"[i])],
            adressen=[AdresGegevens(postcode="9901AB", huisnummer=20 + i)],
        )
        if i % 2:
            add_case(signaal)
    many = counts()
    assert few == many
    with django_assert_max_num_queries(30):
        client.get(urls[0])
    html = client.get(urls[1]).content.decode()
    assert html.count('<tr class="utrecht-table__row">') == 1 + 5  # header and five cases


def test_restricted_person_is_left_out_and_cannot_be_reidentified(client, tenant, data):
    _een, _twee, persoon = data
    p = pseudonym(tenant.gemeente.pk, "persoon", persoon.pk)
    inzage.restrict(tenant.regisseur, persoon, "Juistheid betwist", "AVG-2026-4")
    client = login(client, tenant.analist)
    assert p not in client.get(reverse("analyse:lijst")).content.decode()
    assert p not in client.get(reverse("analyse:samenhang")).content.decode()
    response = client.post(reverse("analyse:heridentificeren", args=[p]), {"reden": "x", "referentie": "y"})
    assert response.status_code == 409
    assert "Bolwerkstra" not in response.content.decode()
    assert not Heridentificatie.objects.exists()


def test_the_privacyfunctionaris_reading_the_reidentifications_is_logged(client, tenant, data):
    from regiekamer.audit.models import Verwerking
    from regiekamer.audit.views import DOEL_TOEZICHT, GRONDSLAG_TOEZICHT

    _een, _twee, persoon = data
    services.reidentify(
        tenant.analist, pseudonym(tenant.gemeente.pk, "persoon", persoon.pk), "Netwerkanalyse", "Verzoek 3"
    )
    login(client, tenant.privacyfunctionaris).get(reverse("analyse:heridentificaties"))
    entry = Verwerking.objects.get(
        handeling="verwerkingen.heridentificaties", gebruiker=tenant.privacyfunctionaris.username
    )
    assert entry.actie == "lezen" and entry.objecttype == "heridentificatie"
    assert entry.object_ids == [str(Heridentificatie.objects.get().pk)]
    assert entry.doel == DOEL_TOEZICHT and entry.grondslag == GRONDSLAG_TOEZICHT
