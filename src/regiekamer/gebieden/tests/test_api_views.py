"""The pages and API per role: validation as problem+json, suppression, and no address, name or description for
roles without personal-data access."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.audit.models import Verwerking
from regiekamer.gebieden.tests.conftest import OMSCHRIJVING

pytestmark = pytest.mark.django_db

GEHEIM = ("Geheimstraat", "Jansen", "Bewoner", "hennepgeur", "9901 AB", "9901AB", OMSCHRIJVING)
ZONDER_PERSOONSGEGEVENS = ("manager", "analist", "privacyfunctionaris")


def api_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user.organisatie, user=user)[1]}")
    return client


def web_client(user):
    client = Client()
    client.force_login(user)
    return client


def _geen_geheimen(text: str, wie: str):
    for geheim in GEHEIM:
        assert geheim not in text, f"{geheim!r} leaked to {wie}"


def test_api_gebieden_geojson_for_the_regisseur(gebied):
    response = api_client(gebied.tenant.regisseur).get(reverse("api:gebieden"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection" and body["niveau"] == "buurt"
    props = {f["properties"]["code"]: f["properties"] for f in body["features"]}
    assert props["BU99010102"] == {
        "code": "BU99010102",
        "naam": "Haven",
        "signalen": 3,
        "signalen_per_1000": 1.5,
        "inwoners": 2000,
    }
    geometrie = next(f["geometry"] for f in body["features"] if f["id"] == "BU99010101")
    assert geometrie["type"] == "Polygon" and 6.47 < geometrie["coordinates"][0][0][0] < 6.53
    wijk = json.loads(api_client(gebied.tenant.regisseur).get(reverse("api:gebieden"), {"niveau": "wijk"}).content)
    assert {f["properties"]["code"]: f["properties"]["signalen"] for f in wijk["features"]} == {
        "WK990101": 10,
        "WK990102": 1,
    }
    assert Verwerking.objects.filter(handeling="gebieden.signalen-per-gebied").exists()


@pytest.mark.parametrize("rol", ZONDER_PERSOONSGEGEVENS)
def test_api_gebieden_suppresses_for_roles_without_personal_data(gebied, rol):
    response = api_client(gebied.tenant.users[rol]).get(reverse("api:gebieden"), {"fenomeen": "hennepteelt"})
    assert response.status_code == 200
    props = {f["properties"]["code"]: f["properties"] for f in json.loads(response.content)["features"]}
    assert props["BU99010102"]["signalen"] == "< 5" and props["BU99010102"]["signalen_per_1000"] is None
    assert props["BU99010101"]["signalen"] == 7
    _geen_geheimen(response.content.decode(), rol)


@pytest.mark.parametrize(
    ("params", "naam", "code"),
    [
        ({"niveau": "stad"}, "niveau", "invalid_choice"),
        ({"van": "2024-13-01"}, "van", "datum"),
        ({"van": "٢٠٢٤-٠١-٠١"}, "van", "datum"),  # digits, but not ASCII
        ({"van": "1-1-2024"}, "van", "datum"),
        ({"van": "2025-02-01", "tot": "2025-01-01"}, "tot", "periode"),
        ({"stap": "5"}, "stap", "invalid_choice"),
        ({"stap": "١"}, "stap", "invalid_choice"),
        ({"fenomeen": "bestaat-niet"}, "fenomeen", "invalid_choice"),
        ({"aanpak": "alles"}, "aanpak", "invalid_choice"),
        ({"status": "klaar"}, "status", "invalid_choice"),
    ],
)
def test_api_gebieden_invalid_parameters_are_problems(gebied, params, naam, code):
    response = api_client(gebied.tenant.manager).get(reverse("api:gebieden"), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 400 and body["title"]
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [(naam, code)]


def test_api_refuses_partners_and_anonymous(gebied):
    for name in ("api:gebieden", "api:hotspots"):
        response = api_client(gebied.tenant.partnerprofessional).get(reverse(name))
        assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
        assert APIClient().get(reverse(name)).status_code == 401


def test_api_hotspots_addresses_only_with_subject_inzien(gebied):
    body = json.loads(api_client(gebied.tenant.regisseur).get(reverse("api:hotspots")).content)
    adressen = {a["adres"].split(",")[0]: a for a in body["adressen"]}
    assert adressen["Geheimstraat 2"]["redenen"] == ["6 personen ingeschreven (BRP)", "3 signalen"]
    assert adressen["Geheimstraat 2"]["ingeschrevenen"] == 6
    assert [b["code"] for b in body["buurten"]] == ["BU99010101"]
    shown = Verwerking.objects.filter(handeling="gebieden.hotspots.adressen").latest("volgnummer")
    assert str(gebied.haven_adres.pk) in shown.object_ids
    for rol in ZONDER_PERSOONSGEGEVENS:
        response = api_client(gebied.tenant.users[rol]).get(reverse("api:hotspots"))
        body = json.loads(response.content)
        assert body["adressen"] is None and [b["code"] for b in body["buurten"]] == ["BU99010101"]
        _geen_geheimen(response.content.decode(), rol)


def test_map_page_has_points_for_the_regisseur_only(gebied):
    page = web_client(gebied.tenant.regisseur).get(reverse("gebieden:kaart"))
    assert page.status_code == 200
    data = json.loads(page.context["kaartdata"] and json.dumps(page.context["kaartdata"]))
    assert sorted(p["aantal"] for p in data["punten"]) == [1, 3, 7]
    assert "Geheimstraat" in page.content.decode()
    img_src = next(d for d in page["Content-Security-Policy"].split(";") if d.strip().startswith("img-src"))
    assert img_src.split()[1:] == ["'self'", "data:", "https://service.pdok.nl"]  # the tile host, on this page only
    other = web_client(gebied.tenant.regisseur).get(reverse("gebieden:overzicht"))
    assert "service.pdok.nl" not in other["Content-Security-Policy"]
    for rol in ZONDER_PERSOONSGEGEVENS:
        page = web_client(gebied.tenant.users[rol]).get(reverse("gebieden:kaart"), {"niveau": "wijk"})
        assert page.status_code == 200
        assert page.context["kaartdata"]["punten"] is None
        assert page.context["kaartdata"]["onderdrukt"] == "< 5"
        _geen_geheimen(page.content.decode(), rol)
    assert web_client(gebied.tenant.partnerprofessional).get(reverse("gebieden:kaart")).status_code == 403


def test_tiles_can_be_switched_off(gebied, settings):
    settings.KAART_TEGELS_URL = ""
    page = web_client(gebied.tenant.manager).get(reverse("gebieden:kaart"))
    assert page.context["kaartdata"]["tegels"]["url"] == ""
    assert "pdok" not in page["Content-Security-Policy"]
    settings.KAART_TEGELS_URL = "https://tegels.gemeente.example/{z}/{x}/{y}.png"
    page = web_client(gebied.tenant.manager).get(reverse("gebieden:kaart"))
    assert "img-src 'self' data: https://tegels.gemeente.example" in page["Content-Security-Policy"]


def test_map_page_shows_filter_errors_and_keeps_working(gebied):
    page = web_client(gebied.tenant.manager).get(reverse("gebieden:kaart"), {"van": "gisteren", "stap": "9"})
    assert page.status_code == 200
    assert "Gebruik een datum als JJJJ-MM-DD." in page.content.decode()


def test_area_pages_and_hotspots_hold_no_personal_data(gebied):
    tenant = gebied.tenant
    for rol in ("regisseur", *ZONDER_PERSOONSGEGEVENS):
        client = web_client(tenant.users[rol])
        for url in (
            reverse("gebieden:overzicht"),
            reverse("gebieden:gebiedsbeeld", args=["BU99010101"]),
            reverse("gebieden:gebiedsbeeld", args=["WK990101"]),
        ):
            response = client.get(url)
            assert response.status_code == 200, (rol, url)
            _geen_geheimen(response.content.decode(), rol)  # also for the regisseur: safe to project
        hotspots = client.get(reverse("gebieden:hotspots"))
        assert hotspots.status_code == 200
        if rol == "regisseur":
            assert "Geheimstraat 2" in hotspots.content.decode()
        else:
            _geen_geheimen(hotspots.content.decode(), rol)
    overzicht = web_client(tenant.manager).get(reverse("gebieden:overzicht")).content.decode()
    assert "&lt; 5" in overzicht
    assert web_client(tenant.manager).get(reverse("gebieden:gebiedsbeeld", args=["BU00000000"])).status_code == 404


def test_other_tenant_sees_nothing_of_tenant_a(gebied, other_tenant):
    client = api_client(other_tenant.regisseur)
    body = json.loads(client.get(reverse("api:gebieden")).content)
    assert {f["properties"]["code"] for f in body["features"]} == {other_tenant.buurt.code}
    assert all(f["properties"]["signalen"] == 0 for f in body["features"])
    assert json.loads(client.get(reverse("api:hotspots")).content) == {"adressen": [], "buurten": []}
    page = web_client(other_tenant.regisseur).get(reverse("gebieden:gebiedsbeeld", args=["BU99010101"]))
    assert page.status_code == 404
