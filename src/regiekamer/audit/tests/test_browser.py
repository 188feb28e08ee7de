"""The privacyfunctionaris' journey in a real Chromium: the processing log in plain Dutch, narrowed to one user,
and from there an inzage request handled to its report."""

import pytest
from playwright.sync_api import expect

from regiekamer.audit.tests.test_audit import api_for
from regiekamer.conftest import login, make_signaal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_privacy_officer_reads_the_log_and_handles_an_inzage_request(page, tenant, tmp_path):
    signaal = make_signaal(tenant)
    api_for(tenant, tenant.regisseur).get(f"/api/v1/signalen/{signaal.pk}")
    login(page, tenant.privacyfunctionaris.username)
    page.get_by_role("link", name="Verwerkingen", exact=True).click()

    page.get_by_label("Medewerker").select_option(tenant.regisseur.username)
    page.get_by_role("button", name="Filteren").click()
    log = page.get_by_role("table", name="verwerking")
    expect(log).to_contain_text("Signaal bekeken")
    expect(log).to_contain_text(tenant.regisseur.get_full_name())
    expect(log).not_to_contain_text("signaal.detail")
    page.screenshot(path=str(tmp_path / "verwerkingen.png"), full_page=True)

    page.get_by_role("link", name="Inzageverzoek behandelen (AVG art. 15)").click()
    page.get_by_label("Naam of BSN").fill("Jansen")
    page.get_by_role("button", name="Persoon zoeken").click()
    page.get_by_role("link", name="Jan Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Overzicht van gegevens over Jan Jansen")
