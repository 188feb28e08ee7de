"""End to end in a real Chromium: a partner reports, a regisseur weighs, the partner sees only the status."""

import re

import pytest

from regiekamer.conftest import login
from regiekamer.signalen.models import Signaal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()


def test_partner_reports_and_regisseur_weighs(page, tenant):
    login(page, tenant.partnerprofessional.username)
    page.goto("/melden/")
    page.get_by_label("Omschrijving").fill("Sinds twee weken sterke hennepgeur en lampen die naar binnen gaan.")
    page.get_by_role("checkbox", name="Hennepteelt").check()
    page.get_by_label("Voornamen").first.fill("Piet")
    page.get_by_label("Achternaam").first.fill("Pietersen")
    page.get_by_label("Postcode").first.fill("9901 AB")
    page.get_by_label("Huisnummer").first.fill("3")
    page.get_by_role("button", name="Signaal versturen").last.click()

    signaal = Signaal.objects.get()
    page.get_by_text(signaal.nummer).first.wait_for()
    assert signaal.personen.get().achternaam == "Pietersen"
    logout(page)

    login(page, tenant.regisseur.username)
    page.goto("/signalen/")
    page.get_by_role("link", name=signaal.nummer).click()
    page.get_by_text("Sinds twee weken sterke hennepgeur").wait_for()
    form = page.locator("#weging-formulier")
    form.get_by_label("Toelichting (motivering)").fill("Woning in de buurt gebruikt; lokale verankering.")
    form.get_by_role("button", name=re.compile("Ja, het betreft ondermijning")).click()
    page.get_by_text("Woning in de buurt gebruikt; lokale verankering.").first.wait_for()
    signaal.refresh_from_db()
    assert signaal.status == "weging-2a"
    assert signaal.wegingen.get().vastgelegd_door == tenant.regisseur
    logout(page)

    login(page, tenant.partnerprofessional.username)
    page.goto("/mijn-meldingen/")
    page.get_by_text(signaal.nummer).first.wait_for()
    content = page.content()
    assert "In behandeling" in content
    assert "hennepgeur" not in content and "lokale verankering" not in content


def test_weging_out_of_order_is_shown_and_refused_without_reason(page, tenant):
    from regiekamer.conftest import make_signaal

    signaal = make_signaal(tenant)
    login(page, tenant.regisseur.username)
    page.goto(f"/signalen/{signaal.pk}/")
    form = page.locator("#weging-formulier")
    form.get_by_role("button", name=re.compile("Ja, het betreft ondermijning")).click()
    page.get_by_role("link", name=re.compile("toelichting", re.IGNORECASE)).first.wait_for()
    assert not signaal.wegingen.exists()


def test_keyboard_user_reaches_main_content_through_the_skip_link(page, tenant):
    login(page, tenant.regisseur.username)
    page.goto("/signalen/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de hoofdinhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    assert page.evaluate("document.activeElement.id") == "inhoud"
