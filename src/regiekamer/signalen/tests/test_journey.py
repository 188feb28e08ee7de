"""The regisseur's daily journey, counted: one new signal from the start page through every protocol step into a case
with one intervention, in a real Chromium.

Every click, tick, choice and typed field counts as one interaction; logging in does not. The journey must take at most
30 interactions, and nothing of what the protocol asks may be lost on the way: every weging is recorded with its
reasoning, every privacy check with its legal basis, and the partner of privacy check 2B takes part in the case.

With ``SCREENSHOTS_DIR`` set (``scripts/screenshots.sh``), the pages are saved as the user guide's pictures.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regiekamer.casussen.models import Casus, Deelnemer, Interventie
from regiekamer.conftest import login, make_signaal, schermafdruk
from regiekamer.delen.models import DelingsBesluit
from regiekamer.protocol.machine import WegingSoort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAXIMUM = 30
GRONDSLAG = "Art. 172 Gemeentewet (handhaving van de openbare orde)"


class Teller:
    """Does what the user does, and counts it."""

    def __init__(self, page):
        self.page = page
        self.interacties = 0
        self.getypt = 0
        self.paginas = 0
        page.on("load", lambda _page: self._geladen())

    def _geladen(self):
        self.paginas += 1

    def klik(self, locator):
        locator.click()
        self.interacties += 1

    def typ(self, locator, tekst: str):
        locator.fill(tekst)
        self.interacties += 1
        self.getypt += 1

    def kies(self, locator, **optie):
        locator.select_option(**optie)
        self.interacties += 1

    def vink(self, locator):
        locator.check()
        self.interacties += 1


def weeg(teller, toelichting: str, uitkomst: str, volgende: str, *, afdruk: str = "", voor_de_keuze=()):
    """One weging: the reasoning, what else it asks (``voor_de_keuze``: callables), then the outcome's button."""
    page = teller.page
    form = page.locator("#weging-formulier")
    teller.typ(form.get_by_label("Toelichting (motivering)"), toelichting)
    for stap in voor_de_keuze:
        stap(form)
    if afdruk:
        form.get_by_role("button", name=re.compile(re.escape(uitkomst))).scroll_into_view_if_needed()
        schermafdruk(page, afdruk)
    teller.klik(form.get_by_role("button", name=re.compile(re.escape(uitkomst))))
    if volgende:
        expect(page.locator("#weging-titel")).to_contain_text(volgende)


def test_a_new_signal_reaches_a_case_with_an_intervention_in_at_most_30_interactions(page, tenant):
    signaal = make_signaal(tenant)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, tenant.regisseur.username)
    page.wait_for_url(re.compile("/start/"))
    teller = Teller(page)

    # The new signal is on the start page, under "Signalen te wegen".
    te_wegen = page.get_by_role("region", name="Signalen te wegen")
    expect(te_wegen).to_contain_text(signaal.nummer)
    schermafdruk(page, "01-start-signalen-te-wegen")
    teller.klik(te_wegen.get_by_role("link", name=signaal.nummer))

    weeg(
        teller,
        "Hennepgeur en lampen in een woning in de buurt: situationele verankering.",
        "Ja, het betreft ondermijning",
        "Weging 2A",
        afdruk="02-weging-1",
    )
    weeg(teller, "Openbare orde en wonen: taak van de gemeente.", "Ja, raakt een gemeentelijke taak", "Weging 2B")
    expect(page.locator("#voorstel-weging")).to_contain_text("Voorgesteld")
    weeg(
        teller, "Het adres ligt in onze gemeente.", "Ja, eigen grondgebied", "Weging 3", afdruk="03-weging-2b-voorstel"
    )
    weeg(
        teller,
        "Concreet en recent; hennepteelt is een speerpunt.",
        "Verder met bronnenonderzoek",
        "Privacycheck 1",
    )
    # Privacy check 1: the sources of the phenomenon are proposed; the legal basis comes from the gemeente's list.
    form = page.locator("#weging-formulier")
    expect(form.get_by_role("checkbox", name=re.compile("^BRP"))).to_be_checked()
    weeg(
        teller,
        "Nagaan wie er woont en of het pand bekend is.",
        "Bronnen vastgesteld",
        "resultaten van het bronnenonderzoek",
        afdruk="04-privacycheck-1",
        voor_de_keuze=[lambda form: teller.typ(form.get_by_label(re.compile("^Grondslag")), GRONDSLAG)],
    )
    onderzoek = page.get_by_role("region", name="Bronnenonderzoek", exact=True)
    teller.klik(onderzoek.get_by_role("button", name=re.compile("^Opvragen of bekend")).first)
    expect(page.get_by_role("region", name="Bronnenonderzoek", exact=True)).to_contain_text("in de bron")
    schermafdruk(page, "05-bronnenonderzoek")
    weeg(teller, "Bewoner staat ingeschreven; het beeld wordt bevestigd.", "Doorgaan naar signaaloverleg", "2A")
    # Privacy check 2A: the legal basis of privacy check 1 and a proposed text and purpose are filled in.
    expect(page.locator("#weging-formulier").get_by_label(re.compile("^Grondslag"))).to_have_value(GRONDSLAG)
    weeg(
        teller, "Bespreken met de vaste partners van het signaaloverleg.", "Delen toegestaan voor de behandeling", "2B"
    )
    weeg(
        teller,
        "De wijkagent voert het gesprek; de politie ziet de kopgegevens en de eigen acties.",
        "Delen toegestaan voor de uitvoering",
        "aanpak",
        afdruk="06-privacycheck-2b",
        voor_de_keuze=[lambda form: teller.vink(form.get_by_role("checkbox", name=tenant.politie.naam))],
    )
    weeg(
        teller,
        "Eén plan voor het huishouden.",
        "Casus starten",
        "",
        voor_de_keuze=[lambda form: teller.kies(form.get_by_label("Aanpak", exact=True), label="Huishouden / gezin")],
    )

    # "Casus starten" leads to the new case, whose header says what needs doing.
    casus = Casus.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(casus.nummer)
    wat_nu = page.get_by_role("region", name="Wat er nu moet gebeuren")
    expect(wat_nu).to_contain_text("Het plan mist nog")
    # The recipient of privacy check 2B is proposed as participant; the regisseur decides.
    expect(wat_nu).to_contain_text(f"{tenant.politie.naam} mag meekijken")
    assert not Deelnemer.objects.filter(casus=casus).exists()
    schermafdruk(page, "07-casus-overzicht")
    teller.klik(wat_nu.get_by_role("button", name=re.compile("^Als deelnemer toevoegen")))
    page.get_by_role("status").filter(has_text="neemt deel aan de casus").wait_for()
    wat_nu = page.get_by_role("region", name="Wat er nu moet gebeuren")
    teller.klik(wat_nu.get_by_role("link", name=re.compile("Het plan mist nog")))

    form = page.locator("form#interventie")
    teller.kies(form.get_by_label(re.compile("^Interventie")), label="Gesprek (preventief)")
    teller.kies(form.get_by_label("Uitvoerende organisatie"), label=tenant.politie.naam)
    teller.typ(form.get_by_label("Uiterste datum"), (timezone.localdate() + dt.timedelta(days=14)).isoformat())
    schermafdruk(page, "08-interventie-toevoegen")
    teller.klik(form.get_by_role("button", name="Interventie toevoegen"))
    page.get_by_role("status").filter(has_text="Interventie toegevoegd").wait_for()

    print(
        f"\nRegisseur journey: {teller.interacties} interactions, {teller.getypt} typed fields, "
        f"{teller.paginas} page loads"
    )
    assert teller.interacties <= MAXIMUM, f"{teller.interacties} interactions, at most {MAXIMUM}"

    # Nothing of the protocol was lost on the way.
    wegingen = list(signaal.wegingen.order_by("vastgelegd_op"))
    assert [weging.soort for weging in wegingen] == [soort.value for soort in WegingSoort]
    assert all(weging.toelichting and weging.vastgelegd_door == tenant.regisseur for weging in wegingen)
    privacychecks = [w for w in wegingen if w.soort in ("pc1", "pc2a", "pc2b")]
    assert [w.grondslag for w in privacychecks] == [GRONDSLAG] * 3
    assert set(wegingen[4].details["bronnen"]) == {"brp", "bag"}
    besluit = DelingsBesluit.objects.get()
    assert besluit.ontvanger == tenant.politie and set(besluit.categorieen) == {"kopgegevens", "eigen-acties"}
    assert Deelnemer.objects.filter(casus=casus, organisatie=tenant.politie, gebruiker=None).exists()
    interventie = Interventie.objects.get(casus=casus)
    assert interventie.eigenaar_organisatie == tenant.politie and interventie.soort.code == "gesprek"
