"""Profile pages, the links to them from search, signal and case pages, and the API's validation and schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.audit.models import Verwerking
from regiekamer.bronnen.services import query_hit
from regiekamer.bronnen.tests.test_bronnenonderzoek import to_bronnenonderzoek
from regiekamer.conftest import make_signaal
from regiekamer.netwerk.tests.conftest import node_id

pytestmark = pytest.mark.django_db


def profiel_url(subject) -> str:
    return reverse("netwerk:profiel", kwargs={"soort": type(subject).__name__.lower(), "pk": subject.pk})


def test_person_profile_shows_signals_cases_registrations_and_relations(client, wereld):
    w = wereld
    client.force_login(w.tenant.regisseur)
    response = client.get(profiel_url(w.klaas))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Klaas Visser" in body
    assert w.s1.nummer in body and w.casus.nummer in body and "ronselaar" in body
    assert "Kerkweg 5" in body and profiel_url(w.kerkweg) in body  # registration (woont op)
    assert "bestuurder van" in body and "Kweek B.V." in body  # relation
    assert f"subject=persoon%3A{w.klaas.pk}" in body  # the network link
    assert w.s2.nummer not in body


def test_address_profile_lists_the_persons_registered_there_but_not_restricted_ones(client, wereld):
    w = wereld
    client.force_login(w.tenant.regisseur)
    before = Verwerking.objects.count()
    body = client.get(profiel_url(w.dorpsstraat)).content.decode()
    assert "Jan Jansen" in body and "Piet de Vries" in body and "ingeschreven" in body
    assert "Rita" not in body
    entries = list(Verwerking.objects.order_by("volgnummer")[before:])
    assert {e.handeling for e in entries} == {"profiel.detail"}
    logged = {i for e in entries for i in e.object_ids}
    assert {str(w.dorpsstraat.pk), str(w.jan.pk), str(w.piet.pk)} <= logged
    assert str(w.rita.pk) not in logged


def test_vehicle_and_company_profiles(client, wereld):
    w = wereld
    client.force_login(w.tenant.regisseur)
    auto = client.get(profiel_url(w.auto)).content.decode()
    assert "XX123Y" in auto and "eigenaar" in auto and "Jan Jansen" in auto
    bv = client.get(profiel_url(w.kweek)).content.decode()
    assert "87654321" in bv and "Klaas Visser" in bv


def test_profile_refusals(client, wereld, other_tenant):
    w = wereld
    client.force_login(w.tenant.regisseur)
    assert client.get(profiel_url(w.rita)).status_code == 404  # restricted
    assert client.get(reverse("netwerk:profiel", kwargs={"soort": "mens", "pk": w.jan.pk})).status_code == 404
    assert client.get(reverse("netwerk:profiel", kwargs={"soort": "persoon", "pk": "12345"})).status_code == 404
    client.force_login(other_tenant.regisseur)
    assert client.get(profiel_url(w.jan)).status_code == 404
    for rol in ("analist", "partnerprofessional", "manager"):
        client.force_login(w.tenant.users[rol])
        assert client.get(profiel_url(w.jan)).status_code == 403


def test_search_signal_and_case_pages_link_to_profiles(client, wereld):
    w = wereld
    client.force_login(w.tenant.regisseur)
    search = client.post(reverse("zoeken"), {"q": "Jansen"}).content.decode()
    assert profiel_url(w.jan) in search
    plate = client.post(reverse("zoeken"), {"q": "xx-123"}).content.decode()
    assert profiel_url(w.auto) in plate
    signal = client.get(reverse("signalen:detail", kwargs={"pk": w.s1.pk})).content.decode()
    assert profiel_url(w.jan) in signal and profiel_url(w.klaas) in signal
    case = client.get(reverse("casussen:sectie", kwargs={"pk": w.casus.pk, "sectie": "betrokkenen"})).content.decode()
    assert profiel_url(w.klaas) in case and profiel_url(w.els) in case
    assert profiel_url(w.rita) not in case  # restricted: no link


# --- API -------------------------------------------------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user.organisatie, user=user)[1]}")
    return client


def test_api_answers_nodes_and_edges_in_the_agreed_shape(wereld):
    w = wereld
    response = api(w.tenant.regisseur).get("/api/v1/netwerk", {"subject": node_id(w.jan), "diepte": "1"})
    assert response.status_code == 200
    data = response.json()
    assert all(set(node) == {"id", "soort", "label"} for node in data["nodes"])
    assert all(set(edge) == {"bron", "doel", "soort", "reden"} for edge in data["edges"])
    assert {"id": node_id(w.auto), "soort": "voertuig", "label": "XX123Y"} in data["nodes"]
    assert {
        "bron": node_id(w.jan),
        "doel": node_id(w.dorpsstraat),
        "soort": "ingeschreven-op",
        "reden": "ingeschreven op",
    } in data["edges"]
    assert data["subject"] == node_id(w.jan) and data["diepte"] == 1 and data["begrensd"] is False
    assert set(data["analyse"]) == {"clusters", "verbinders", "gedeeld"}
    entries = Verwerking.objects.filter(handeling="api.netwerk", bron="api", kanaal="api:netwerk")
    assert str(w.jan.pk) in {i for e in entries for i in e.object_ids}


@pytest.mark.parametrize(
    ("params", "invalid"),
    [
        ({}, {"subject"}),
        ({"subject": "persoon"}, {"subject"}),
        ({"subject": "fiets:3f2c1d7e-0000-4000-8000-000000000000"}, {"subject"}),
        ({"subject": "persoon:111222333"}, {"subject"}),
        ({"subject": "persoon:3f2c1d7e-0000-4000-8000-000000000000", "diepte": "4"}, {"diepte"}),
        ({"subject": "persoon:3f2c1d7e-0000-4000-8000-000000000000", "diepte": "²"}, {"diepte"}),
        ({"subject": "persoon:3f2c1d7e-0000-4000-8000-000000000000", "diepte": "1.5"}, {"diepte"}),
        ({"subject": "", "diepte": "x"}, {"subject", "diepte"}),
    ],
)
def test_api_validates_its_parameters(wereld, params, invalid):
    response = api(wereld.tenant.regisseur).get("/api/v1/netwerk", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalidParams"]} == invalid
    assert "111222333" not in response.content.decode()


def test_api_unknown_subject_is_404_problem(wereld):
    response = api(wereld.tenant.regisseur).get(
        "/api/v1/netwerk", {"subject": "persoon:3f2c1d7e-0000-4000-8000-000000000000"}
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_page_with_invalid_parameters_answers_400_with_the_error(client, wereld):
    client.force_login(wereld.tenant.regisseur)
    response = client.get("/netwerk/", {"subject": node_id(wereld.jan), "diepte": "9"})
    assert response.status_code == 400
    assert "De diepte is 1, 2 of 3." in response.content.decode()
    start = client.get("/netwerk/")
    assert start.status_code == 200 and reverse("zoeken") in start.content.decode()


def test_profile_shows_source_queries_of_the_subject(client, tenant):
    """A hit/no-hit query about the person during source research is on the profile, with its result."""
    signaal = make_signaal(tenant)
    regisseur = tenant.regisseur
    to_bronnenonderzoek(regisseur, signaal)
    persoon = signaal.personen.first()
    raadpleging = query_hit(regisseur, signaal, "brp", persoon)
    client.force_login(regisseur)
    body = client.get(profiel_url(persoon)).content.decode()
    assert "Bronnenonderzoek" in body and f"#raadpleging-{raadpleging.pk}" in body
    badge = 'rk-badge--ok">bekend</span> in de bron' if raadpleging.hit else '">niet bekend</span> in de bron'
    assert badge in body
    entry = Verwerking.objects.filter(handeling="profiel.detail", objecttype="bronraadpleging").latest("volgnummer")
    assert str(raadpleging.pk) in entry.object_ids
