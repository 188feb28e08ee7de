"""The map, the area view and the hotspots in a real Chromium: the choropleth and the address points for the
regisseur, no points for the manager; the background tiles are unreachable here, and the map works without them."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from regiekamer.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[4] / "build" / "screenshots"


def _screenshot(page, naam):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / naam), full_page=True)


def _csp_fouten(page):
    fouten = []
    page.on("console", lambda msg: fouten.append(msg.text) if "Content Security Policy" in msg.text else None)
    return fouten


def test_map_as_regisseur_shows_choropleth_legend_and_points(page, gebied):
    fouten = _csp_fouten(page)
    login(page, gebied.tenant.regisseur.username)
    page.goto("/kaart/")
    expect(page.locator("#kaart[data-geladen=ja]")).to_be_visible()
    # Four buurten drawn, coloured by class; Zuidoost has no signals.
    vlakken = page.locator("#kaart path.leaflet-interactive[data-klasse]")
    expect(vlakken).to_have_count(4)
    klassen = sorted(vlakken.evaluate_all("els => els.map(e => e.getAttribute('data-klasse'))"))
    assert "rk-klasse-nul" in klassen and "rk-klasse-4" in klassen
    expect(page.locator(".rk-legenda")).to_contain_text("Aantal signalen")
    # Points per address: three addresses, their counts summed in clusters when dense.
    expect(page.locator(".rk-kaart-punt, .marker-cluster").first).to_be_visible()
    aantallen = page.locator(".rk-kaart-punt, .marker-cluster").all_inner_texts()
    assert sum(int(t) for t in aantallen if t.strip()) == 11
    # Per 1,000 inhabitants: the legend follows.
    page.get_by_label("signalen per 1.000 inwoners").check()
    expect(page.locator(".rk-legenda")).to_contain_text("per 1.000 inwoners")
    expect(page.get_by_role("table").filter(has_text="Signalen per buurt")).to_contain_text("Centrum")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Centraal Bureau voor de Statistiek, 2024")
    _screenshot(page, "kaart-regisseur.png")
    assert not fouten, fouten


def test_map_as_manager_has_no_points_and_suppresses(page, gebied):
    fouten = _csp_fouten(page)
    login(page, gebied.tenant.manager.username)
    page.goto("/kaart/?niveau=buurt")
    expect(page.locator("#kaart[data-geladen=ja]")).to_be_visible()
    expect(page.locator("#kaart path.leaflet-interactive[data-klasse]")).to_have_count(4)
    expect(page.locator(".rk-kaart-punt, .marker-cluster")).to_have_count(0)
    expect(page.get_by_label("adressen tonen")).to_have_count(0)
    expect(page.locator(".rk-legenda")).to_contain_text("1 tot en met 4 (< 5)")
    expect(page.locator("#kaart path[data-klasse=rk-klasse-onderdrukt]")).to_have_count(2)
    expect(page.locator("body")).not_to_contain_text("Geheimstraat")
    _screenshot(page, "kaart-manager.png")
    assert not fouten, fouten


def test_area_view_and_hotspots(page, gebied):
    login(page, gebied.tenant.manager.username)
    page.goto("/gebieden/")
    expect(page.get_by_role("heading", name="Gebiedsbeeld zonder namen")).to_be_visible()
    page.get_by_role("link", name="Haven").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Haven")
    expect(page.get_by_role("table").filter(has_text="laatste 24 maanden")).to_contain_text("< 5")
    expect(page.locator("body")).not_to_contain_text("Geheimstraat")
    _screenshot(page, "gebiedsbeeld-manager.png")
    page.goto("/hotspots/")
    expect(page.get_by_role("table").filter(has_text="Buurten met een duidelijke stijging")).to_contain_text("Centrum")
    expect(page.get_by_role("heading", name="Adressen")).to_have_count(0)
    page.get_by_role("button", name="Uitloggen").click()
    login(page, gebied.tenant.regisseur.username)
    page.goto("/hotspots/")
    expect(page.get_by_role("table").filter(has_text="Adressen die opvallen")).to_contain_text(
        "6 personen ingeschreven (BRP)"
    )
    _screenshot(page, "hotspots-regisseur.png")
