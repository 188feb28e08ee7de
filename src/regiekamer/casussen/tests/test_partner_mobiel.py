"""The partner professional on a phone (390 px wide) in a real Chromium: logging in lands on their own open actions,
overdue first, and every partner page fits the screen: no horizontal scrolling, the deadline and the update button
within reach."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regiekamer.casussen.models import Interventie
from regiekamer.casussen.tests.test_services import add_actie, hand_over
from regiekamer.conftest import login, make_signaal, schermafdruk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def overlapping_cells(page) -> int:
    """Cells of a stacked table whose content spills out of their box (and so over the next one)."""
    return page.evaluate(
        "[...document.querySelectorAll('.rk-stapel tbody td, .rk-stapel tbody th')]"
        ".filter(cell => cell.scrollHeight > cell.clientHeight + 1).length"
    )


def test_a_partner_on_a_phone_lands_on_their_actions_and_every_page_fits(page, tenant):
    casus = hand_over(tenant, make_signaal(tenant))
    op_tijd = add_actie(
        tenant, casus, tenant.corporatie, soort="schuldhulpverlening", omschrijving="Huisbezoek plannen"
    )
    te_laat = add_actie(tenant, casus, tenant.corporatie, soort="gesprek")
    Interventie.objects.filter(pk=te_laat.pk).update(deadline=timezone.localdate() - dt.timedelta(days=3))
    page.set_viewport_size(PHONE)

    login(page, tenant.partnerprofessional.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn acties")
    rows = page.locator("table.rk-interventies tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("te laat")  # overdue first
    assert fits(page), "Mijn acties scrolls sideways"
    assert overlapping_cells(page) == 0, "the cards' values run over each other"
    # Their own reports are on the same page.
    expect(page.get_by_role("region", name="Mijn recente meldingen")).to_contain_text(casus.signalen.get().nummer)
    schermafdruk(page, "09-partner-mijn-acties")
    bijwerken = rows.first.locator("summary", has_text="Bijwerken")
    box = bijwerken.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    datum = rows.first.locator("td", has=page.locator("time"))
    box = datum.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    label = datum.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Uiterste datum"'  # each value under its label
    bijwerken.click()
    rows.first.get_by_label("Status").select_option("lopend")
    rows.first.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Actie bijgewerkt: Gesprek", exact=False)).to_be_visible()
    assert Interventie.objects.get(pk=te_laat.pk).status == "lopend"
    assert fits(page)

    for path in ["/mijn-meldingen/", "/melden/", "/overleggen/"]:
        page.goto(path)
        assert fits(page), f"{path} scrolls sideways on a phone"

    # The case of the actions: what privacy check 2B shared with the corporation, and what it did not.
    page.goto(f"/casussen/{casus.pk}/")
    gedeeld = page.get_by_role("region", name="Wat u van deze casus ziet")
    expect(gedeeld).to_contain_text("Eigen acties")
    expect(gedeeld).to_contain_text("Niet gedeeld")
    assert fits(page), "the case page scrolls sideways on a phone"
    schermafdruk(page, "10-partner-casus")
    assert op_tijd.pk != te_laat.pk
