"""In a real Chromium: a partner uploads a file, the progress bar follows the background worker through htmx
polling, and the result can be downloaded; no script or style is refused by the CSP."""

from pathlib import Path

import pytest
from django.core.management import call_command

from regiekamer.conftest import login
from regiekamer.importen.models import Import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[4] / "docs" / "voorbeelden"


def test_upload_follow_progress_and_download(page, tenant):
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    login(page, tenant.partnerprofessional.username)
    page.goto("/importen/")
    page.get_by_label("Bestand").set_input_files(str(DOCS / "import-woningcorporatie.xlsx"))
    page.get_by_role("button", name="Bestand aanleveren").click()
    page.get_by_text("Het bestand is ontvangen en wordt verwerkt.").wait_for()
    import_obj = Import.objects.get()
    assert page.url.endswith(f"/importen/{import_obj.pk}/")
    page.get_by_text("In de wachtrij").first.wait_for()
    # The background worker runs the queued import; the page (polling every two seconds) shows the outcome.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.get_by_role("link", name="Resultaat per rij downloaden (CSV)").wait_for(timeout=15000)
    assert page.locator("#voortgang-balk").get_attribute("value") == "100"
    with page.expect_download() as download:
        page.get_by_role("link", name="Resultaat per rij downloaden (CSV)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert content.splitlines()[0] == "rij;referentie;status;signaal;persoon;koppeling;melding"
    assert [line.split(";")[2] for line in content.splitlines()[1:]] == ["nieuw"] * 8
    assert not refused, refused
