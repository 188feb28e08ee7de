"""The review queue and a merge in a real Chromium: the regisseur judges a pair blind, sees the score afterwards,
finds the explanation on the profile and undoes the merge there."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from regiekamer.conftest import login
from regiekamer.identiteit.models import Beoordeling, Samenvoeging
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens, koppel_persoon

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_merge_and_undo_in_the_browser(page, tenant):
    geboren = dt.date(1970, 6, 15)
    anna = koppel_persoon(tenant.gemeente, PersoonGegevens("Anna", "Visser", "", geboren), AdresGegevens("9901AB", 1))
    a = koppel_persoon(tenant.gemeente, PersoonGegevens("A.", "Visser", "", geboren), AdresGegevens("9902CD", 2))
    assert a.koppeling == "ter-beoordeling"
    login(page, tenant.regisseur.username)
    page.get_by_role("link", name="Beoordelingslijst").click()
    page.get_by_role("link", name=re.compile(r"^Beoordelen")).click()
    expect(page.get_by_role("heading", name="Is dit dezelfde persoon?")).to_be_visible()
    expect(page.get_by_text("initialen passen")).to_be_visible()
    expect(page.get_by_text("Gewicht van het model")).to_have_count(0)  # blind

    page.get_by_label("Dezelfde persoon: samenvoegen").check()
    page.get_by_label("Reden").fill("BRP bevestigt: zelfde persoon, verhuisd")
    page.get_by_role("button", name="Oordeel vastleggen").click()
    expect(page.get_by_text("Uw oordeel is vastgelegd.")).to_be_visible()
    expect(page.locator("#gewicht")).to_contain_text("Gewicht van het model")
    assert Beoordeling.objects.get().status == "zelfde"
    assert Persoon.objects.get(pk=a.persoon.pk).samengevoegd_in_id == anna.persoon.pk

    page.get_by_role("link", name="Profiel van de bekende persoon").click()
    expect(page.get_by_role("heading", name="Koppelingen en samenvoegingen")).to_be_visible()
    samenvoeging = Samenvoeging.objects.get()
    item = page.locator(f"#samenvoeging-{samenvoeging.pk}")
    item.get_by_label("Reden van ongedaan maken").fill("Toch twee personen")
    item.get_by_role("button", name="Samenvoeging ongedaan maken").click()
    expect(page.get_by_text("De samenvoeging is ongedaan gemaakt")).to_be_visible()
    assert Persoon.objects.get(pk=a.persoon.pk).samengevoegd_in_id is None
