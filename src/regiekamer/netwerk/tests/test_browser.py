"""Profiles and networks in a real Chromium: from the search to a profile, from the profile to its network,
drawn on a canvas by Cytoscape.js under the strict CSP, with the tables beside it; and the analyst's
pseudonymised network from the analysis page. Screenshots go to the test's temporary directory."""

import re

import pytest
from playwright.sync_api import expect

from regiekamer.analyse.pseudonyms import pseudonym
from regiekamer.conftest import login
from regiekamer.netwerk.tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def collect_problems(page) -> list[str]:
    """Console errors and warnings (a CSP violation is one), uncaught script errors and failed requests (the
    browser's own favicon request aside: the app has none)."""
    problems = []

    def on_console(message):
        if message.type in ("error", "warning") and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def wait_for_graph(page, aantal: int):
    graaf = page.locator("#netwerk-graaf")
    expect(graaf).to_have_attribute("data-getekend", str(aantal))
    expect(graaf.locator("canvas").first).to_be_attached()
    box = graaf.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    return graaf


def test_regisseur_opens_a_profile_from_search_and_its_network(page, tenant, tmp_path):
    w = build_world(tenant)
    problems = collect_problems(page)
    login(page, tenant.regisseur.username)
    page.goto("/zoeken/")
    page.get_by_label("Zoekterm").fill("Jansen")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Jan Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jan Jansen")
    profiel = page.locator("main")
    expect(profiel).to_contain_text(w.s1.nummer)
    expect(profiel.locator("#inschrijvingen")).to_contain_text("Dorpsstraat 1")
    expect(profiel.locator("#relaties")).to_contain_text("XX123Y")
    page.screenshot(path=str(tmp_path / "profiel.png"), full_page=True)

    page.get_by_role("link", name="Netwerk tot 2 stappen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Netwerk van Jan Jansen")
    wait_for_graph(page, 8)
    tabel = page.locator("#netwerk-subjecten")
    for label in ("Jan Jansen", "Piet de Vries", "Dorpsstraat 1", "XX123Y", "Kweek B.V.", "Els Smit", "Klaas Visser"):
        expect(tabel).to_contain_text(label)
    expect(tabel).not_to_contain_text("Rita")
    expect(page.locator("#gedeeld-titel + .rk-table-wrap")).to_contain_text("Piet de Vries")
    page.screenshot(path=str(tmp_path / "netwerk.png"), full_page=True)

    # A row's button selects the subject in the graph and describes its links.
    page.get_by_role("button", name=re.compile(r"^Toon in grafiek\s*: Piet de Vries$")).click()
    keuze = page.locator("#netwerk-keuze")
    expect(keuze).to_be_visible()
    expect(keuze).to_contain_text("Piet de Vries")
    expect(keuze).to_contain_text("ingeschreven op")
    page.screenshot(path=str(tmp_path / "netwerk-keuze.png"))

    # Depth 3 through the form adds Marie (via the signal about Kerkweg 5).
    page.get_by_label("Diepte", exact=True).select_option("3")
    page.get_by_role("button", name="Tonen").click()
    wait_for_graph(page, 9)
    expect(tabel).to_contain_text("Marie Bakker")
    assert not problems, problems


def test_analyst_opens_a_pseudonymised_network_from_the_analysis(page, tenant, tmp_path):
    w = build_world(tenant)
    problems = collect_problems(page)
    login(page, tenant.analist.username)
    page.goto("/analyse/")
    jan = pseudonym(w.gemeente.pk, "persoon", w.jan.pk)
    page.get_by_role("link", name=f"netwerk {jan}").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Netwerk van {jan}")
    wait_for_graph(page, 8)
    body = page.locator("main").inner_text()
    for value in ("Jansen", "Dorpsstraat", "XX123Y", "Kweek", w.s1.nummer):
        assert value not in body
    expect(page.locator("#netwerk-subjecten")).to_contain_text(pseudonym(w.gemeente.pk, "adres", w.dorpsstraat.pk))
    page.screenshot(path=str(tmp_path / "netwerk-analist.png"), full_page=True)
    assert not problems, problems
