"""The ondermijningsbeeld in a real Chromium, as the manager: chosen from the menu, its SVG charts load as images
under the strict Content Security Policy (no console error), the summary is there, and the PDF downloads."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regiekamer.conftest import login
from regiekamer.inzicht.filters import add_months, first_of_month
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.models import Buurt
from regiekamer.subjects.services import AdresGegevens

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[4] / "build" / "screenshots"


@pytest.fixture
def world(tenant):
    """A demo-like gemeente: Centrum (4,120 inhabitants) with hennepteelt rising over two years and some money mules,
    Haven and Oost with fewer signals; inhabitants for every buurt."""
    Buurt.objects.filter(pk=tenant.buurt.pk).update(inwoners=4120, wijk="Binnenstad", wijk_code="WK990101")
    Buurt.objects.create(
        gemeente=tenant.gemeente, code="BU99010102", naam="Haven", wijk="Binnenstad", postcodes="9903", inwoners=2875
    )
    Buurt.objects.create(
        gemeente=tenant.gemeente, code="BU99010201", naam="Oost", wijk="Oost", postcodes="9905", inwoners=6310
    )
    this_month = first_of_month(timezone.localdate())
    plan = []
    for back in range(1, 25):
        month = add_months(this_month, -back)
        plan += [("9901", ("hennepteelt",))] * (2 + (24 - back) // 4)
        plan += [("9901", ("geldezel",))] * (1 if back % 2 else 0)
        plan += [("9903", ("drugslab",))] * (1 if back % 3 == 0 else 0)
        plan += [("9905", ("hennepteelt",)), ("9905", ("woonfraude",))]
        for index, (postcode, fenomenen) in enumerate(plan):
            received = timezone.make_aware(dt.datetime.combine(month + dt.timedelta(days=index % 25), dt.time(10)))
            invoer = SignaalInvoer(
                omschrijving="Lampen en potgrond naar binnen gedragen.",
                fenomenen=list(fenomenen),
                adressen=[AdresGegevens(postcode=f"{postcode}AB", huisnummer=1 + index % 9)],
            )
            report_signaal(tenant.partnerprofessional, invoer, ontvangen_op=received)
        plan = []
    return tenant


def test_the_manager_opens_the_ondermijningsbeeld_of_a_buurt(page, world, tmp_path):
    problems = []

    def on_console(message):
        # The project has no favicon: the browser's request for it is not a problem of this page.
        if message.type in ("error", "warning") and "favicon" not in message.location.get("url", ""):
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    login(page, world.manager.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Ondermijningsbeeld").click()
    expect(page.get_by_role("heading", name="Ondermijningsbeeld", level=1)).to_be_visible()
    page.get_by_role("combobox", name="Gebied (verplicht)").select_option("BU99010101")
    page.get_by_label("Periode", exact=True).select_option("24")
    page.get_by_role("button", name="Beeld maken").click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Ondermijningsbeeld Centrum")
    images = page.locator("img.rk-beeld__svg")
    expect(images).to_have_count(3)
    for index in range(3):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        loaded = image.evaluate("img => img.complete && img.naturalWidth")
        assert loaded and loaded > 100, f"chart {index} did not load"
        box = image.bounding_box()
        assert box["width"] > 300 and box["height"] > 100
        assert "De cijfers staan in de tabel" in image.get_attribute("alt")
    summary = page.locator(".rk-beeld__samenvatting li")
    expect(summary.first).to_contain_text("In de laatste 12 maanden")
    expect(page.locator(".rk-beeld__samenvatting")).to_contain_text("per 1.000 inwoners")
    expect(page.get_by_role("table", name="Casussen per aanpak")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "ondermijningsbeeld.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("ondermijningsbeeld-BU99010101-")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF-") and len(content) > 20_000

    # From the area view of the buurt, the link leads to the same report.
    page.goto("/gebieden/BU99010101/")
    page.get_by_role("link", name="Ondermijningsbeeld van deze buurt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ondermijningsbeeld Centrum")
    expect(page.locator("img.rk-beeld__svg").first).to_be_visible()
    assert problems == [], problems  # no CSP violation, no script error, no broken image
