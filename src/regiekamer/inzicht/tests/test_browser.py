"""The dashboards in a real Chromium, as the manager: the charts are drawn (Chart.js on a canvas, under the strict
Content Security Policy, without a single console error), every chart has its table, a filter narrows the figures and
the tab to the case dashboard keeps the filters."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regiekamer.casussen import services as casus_services
from regiekamer.conftest import login
from regiekamer.inzicht.filters import add_months, first_of_month
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.services import AdresGegevens

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(tenant):
    """Signals over the last three months (hennep in Centrum, a few money mules), half of them weighed, and cases."""
    this_month = first_of_month(timezone.localdate())
    for index in range(18):
        month = add_months(this_month, -(index % 3))
        received = timezone.make_aware(dt.datetime.combine(month + dt.timedelta(days=index % 5), dt.time(10)))
        received = min(received, timezone.now() - dt.timedelta(hours=1))
        invoer = SignaalInvoer(
            omschrijving="Lampen en potgrond naar binnen gedragen.",
            fenomenen=["geldezel" if index % 6 == 0 else "hennepteelt"],
            adressen=[AdresGegevens(postcode="9901AB", huisnummer=index + 1)],
        )
        signaal = report_signaal(tenant.partnerprofessional, invoer, ontvangen_op=received)
        if index % 2 == 0:
            record_weging(
                tenant.regisseur, signaal, WegingInvoer(weging="1", uitkomst="ondermijning", toelichting="Ja.")
            )
    for index in range(6):
        casus_services.open_casus(tenant.regisseur, f"Casus {index}", "persoonsgericht")
    return tenant


def test_the_manager_sees_charts_with_their_tables_and_filters_them(page, world, tmp_path):
    problems = []

    def on_console(message):
        # The project has no favicon: the browser's request for it is not a problem of this page.
        if message.type == "error" and "favicon" not in message.location.get("url", ""):
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    login(page, world.manager.username)
    page.get_by_role("link", name="Regie op resultaat").click()
    expect(page.get_by_role("heading", name="Regie op resultaat", level=1)).to_be_visible()

    canvases = page.locator("canvas[data-grafiek]")
    expect(canvases.first).to_have_attribute("data-getekend", "ja")
    count = canvases.count()
    assert count >= 5
    for index in range(count):
        canvas = canvases.nth(index)
        expect(canvas).to_have_attribute("data-getekend", "ja")
        assert canvas.bounding_box()["width"] > 100 and canvas.bounding_box()["height"] > 100
        table_id = (
            page.locator("figure.rk-grafiek").nth(index).get_by_role("link", name="naar de tabel").get_attribute("href")
        )
        expect(page.locator(f"table{table_id}")).to_be_visible()
    totals = page.locator("table#tabel-werkvoorraad-totaal")
    expect(totals).to_contain_text("18")
    expect(page.get_by_role("table", name="Signalen per maand", exact=True)).to_be_visible()
    page.screenshot(path=tmp_path / "dashboard.png", full_page=True)

    page.get_by_label("Fenomeen", exact=True).select_option("geldezel")
    page.get_by_role("button", name="Toepassen").click()
    page.wait_for_url(re.compile(r"fenomeen=geldezel"))
    expect(page.locator("#gekozen-filters")).to_contain_text("Fenomeen: Geldezel")
    expect(page.locator("table#tabel-werkvoorraad-totaal")).to_contain_text("< 5")  # 3 signals, all open
    expect(page.locator("canvas[data-grafiek]").first).to_have_attribute("data-getekend", "ja")

    page.get_by_role("link", name="Casussen en resultaten").click()
    page.wait_for_url(re.compile(r"/regie-op-resultaat/casussen/\?.*fenomeen=geldezel"))
    expect(page.locator("canvas[data-grafiek]").first).to_have_attribute("data-getekend", "ja")
    page.get_by_role("link", name="Wis filters").click()
    expect(page.get_by_role("table", name="Casussen per aanpak en status")).to_contain_text("6")
    page.screenshot(path=tmp_path / "casussen.png", full_page=True)

    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    assert problems == [], problems  # no CSP violation, no script error
