"""Casusregie end to end in a real Chromium.

A regisseur takes a signal over from the protocol, composes the household, writes the plan, assigns
interventions to partners, holds a meeting and prints its minutes, sees an escalation fire, closes the
case with results and finds the relapse flag when a new signal arrives. In between, the wijkagent (a
partner professional) sees and updates only their own action and their own reports.

The protocol steps up to the signaaloverleg are prepared through the services to keep the test fast; the
hand-over itself ("Casus starten") and everything after it is done in the browser.
"""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from regiekamer.bronnen.services import query_hit
from regiekamer.casussen import services
from regiekamer.casussen.models import (
    Casus,
    CasusSignaal,
    Escalatie,
    Herinnering,
    Interventie,
    PlanVersie,
)
from regiekamer.conftest import login, make_signaal
from regiekamer.overleggen.models import Overleg
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.services import PersoonGegevens

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANALYSE = "Betalingsachterstanden bij de corporatie en de energieleverancier; de zolder werd verhuurd voor hennepteelt."
DOEL_SCHULDEN = "Schulden zijn in beeld en er is een betalingsregeling"
DOEL_VEILIG = "Geen hennepteelt meer in de woning"
NOTULEN = "Gezin besproken met politie en corporatie; moeder staat onder druk van de verhuurder van de zolder."
BESLUIT = "Schuldhulpverlening via de corporatie inzetten."
PDF_MIME = "application/pdf"


# --- Helpers ---------------------------------------------------------------------------------------


def sign_in(page, user):
    login(page, user.username)
    page.get_by_role("button", name="Uitloggen").wait_for()


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("Gebruikersnaam").wait_for()


def form_with(scope, button: str):
    """The form within ``scope`` (a page or a locator) holding the submit button named ``button``."""
    page = getattr(scope, "page", scope)  # the inner locator of has= must not carry the outer scope
    return scope.locator("form", has=page.get_by_role("button", name=button, exact=True))


def submit(form, button: str, message: str):
    """Submit and wait for the success message of the page after the redirect."""
    form.get_by_role("button", name=button).click()
    form.page.get_by_role("status").filter(has_text=message).wait_for()


def open_sectie(page, naam: str):
    """Open a section of the case workspace through its tab."""
    tabs = page.get_by_role("navigation", name="Onderdelen van de casus")
    tabs.get_by_role("link", name=re.compile(f"^{re.escape(naam)}")).click()
    expect(tabs.locator('[aria-current="page"]')).to_contain_text(naam)


def unfold(scope, summary_text: str):
    """Open a folded form (``details``) unless it is open already."""
    summary = scope.locator("summary", has_text=summary_text)
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


def weigh(user, signaal, weging, uitkomst, **extra):
    extra.setdefault("toelichting", f"Motivering voor {weging}: {uitkomst}.")
    record_weging(user, signaal, WegingInvoer(weging=weging, uitkomst=uitkomst, **extra))


def to_signaaloverleg(tenant, signaal):
    """Weging 1 to privacycheck 2B through the services, as protocol/tests/test_machine.py does: the
    signal then waits for the signaaloverleg to decide on the approach."""
    regisseur = tenant.regisseur
    for weging, uitkomst in [
        ("1", "ondermijning"),
        ("2a", "gemeentelijke-taak"),
        ("2b", "eigen-grondgebied"),
        ("3", "bronnenonderzoek"),
    ]:
        weigh(regisseur, signaal, weging, uitkomst)
    weigh(regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="Art. 172 Gemeentewet")
    signaal.refresh_from_db()
    query_hit(regisseur, signaal, "brp", signaal.personen.get())
    weigh(regisseur, signaal, "bronnen", "doorgaan")
    weigh(
        regisseur,
        signaal,
        "pc2a",
        "delen",
        grondslag="Art. 172 Gemeentewet",
        gegevens="NAW en signaal",
        doel="Behandeling in het signaaloverleg",
    )
    weigh(
        regisseur,
        signaal,
        "pc2b",
        "delen",
        grondslag="Art. 13b Opiumwet",
        gegevens="NAW",
        doel="Uitvoering van de aanpak",
        ontvangers=[str(tenant.politie.pk), str(tenant.corporatie.pk)],
    )
    signaal.refresh_from_db()
    assert signaal.status == "aanpak"


def jan_jansen():
    return PersoonGegevens(voornamen="Jan", achternaam="Jansen", geboortedatum=dt.date(1980, 5, 1), bsn="111222333")


# --- Phases of the flow ----------------------------------------------------------------------------


def hand_over_in_the_browser(page, regisseur, signaal) -> Casus:
    page.goto(f"/signalen/{signaal.pk}/")
    form = page.locator("#weging-formulier")
    form.get_by_label("Toelichting (motivering)").fill("Gezin met kinderen; zorg en handhaving samen oppakken.")
    form.get_by_label("Aanpak", exact=True).select_option(label="Huishouden / gezin")
    form.get_by_role("button", name="Casus starten").click()
    # "Casus starten" leads straight on to the new case.

    casus = Casus.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Casus {casus.nummer}")
    signaal.refresh_from_db()
    assert signaal.status == "casus"
    assert casus.aanpak == "huishouden" and casus.status == Casus.Status.OPEN
    assert casus.regisseur == regisseur
    assert casus.casus_signalen.get().soort == CasusSignaal.Soort.OVERDRACHT
    assert casus.planversies.count() == 1
    return casus


def compose_household(page, casus):
    open_sectie(page, "Betrokkenen")
    # Fatima is known from her own signal, which is not linked to the case: find her by name.
    search = page.get_by_role("search", name="Personen, adressen en ondernemingen zoeken")
    search.get_by_label("Zoek persoon, adres of onderneming").fill("Fatima")
    search.get_by_role("button", name="Zoeken").click()
    toevoegen = form_with(page, "Toevoegen aan de casus")
    toevoegen.get_by_role("radio", name=re.compile("Fatima Jansen")).check()
    toevoegen.get_by_label("Rol", exact=True).fill("moeder")
    toevoegen.get_by_label("Dader", exact=True).check()
    toevoegen.get_by_label("Slachtoffer", exact=True).check()
    toevoegen.get_by_label("Problematiek").fill("Schulden; onder druk gezet om de zolder te verhuren.")
    submit(toevoegen, "Toevoegen aan de casus", "Fatima Jansen is toegevoegd aan de casus.")
    fatima = casus.betrokkenen.get(persoon__voornamen="Fatima")
    expect(page.locator(f"tr#rij-betrokkene-{fatima.pk}")).to_contain_text("dader én slachtoffer")

    jan = casus.betrokkenen.get(persoon__voornamen="Jan")
    row = page.locator(f"tr#rij-betrokkene-{jan.pk}")
    row.locator("summary").click()
    wijzigen = row.locator("form")
    wijzigen.get_by_label("Rol", exact=True).fill("vader")
    wijzigen.get_by_label("Dader", exact=True).check()
    submit(wijzigen, "Opslaan", "De gegevens van Jan Jansen zijn bijgewerkt.")
    expect(page.locator(f"tr#rij-betrokkene-{jan.pk}").get_by_role("cell").nth(1)).to_have_text("dader")

    fatima.refresh_from_db()
    jan.refresh_from_db()
    assert (fatima.rol, fatima.dader, fatima.slachtoffer) == ("moeder", True, True)
    assert (jan.rol, jan.dader, jan.slachtoffer) == ("vader", True, False)
    # Jan, the address of the signal and Fatima.
    assert casus.betrokkenen.count() == 3


def share_minutes_with_the_police(page, tenant):
    """Privacy check 2B shared the header and own actions; the regisseur now also shares the meeting minutes."""
    open_sectie(page, "Delen")
    delen = page.get_by_role("region", name="Delen met partners")
    delen.locator("summary", has_text="Delingsbesluit vastleggen").click()
    form = form_with(delen, "Delingsbesluit vastleggen")
    form.get_by_label("Met welke organisatie").select_option(label=tenant.politie.naam)
    form.get_by_role("checkbox", name="Notulen en besluiten uit overleggen").check()
    form.get_by_role("checkbox", name=re.compile("^Eigen acties")).check()
    form.get_by_label("Welke gegevens precies").fill("Notulen en besluiten over deze casus, en de eigen acties.")
    form.get_by_label(re.compile(r"^Doel( |$)")).fill("Uitvoering van de afspraken uit het casusoverleg")
    form.get_by_label("Grondslag").fill("Art. 13b Opiumwet")
    submit(form, "Delingsbesluit vastleggen", f"Het delingsbesluit voor {tenant.politie.naam} is vastgelegd.")
    expect(delen).to_contain_text("Uitvoering van de afspraken uit het casusoverleg")


def add_wijkagent_as_participant(page, tenant):
    open_sectie(page, "Delen")
    page.locator("summary", has_text="Deelnemer toevoegen").click()
    form = form_with(page, "Deelnemer toevoegen")
    form.get_by_label("Organisatie").select_option(label=tenant.politie.naam)
    form.get_by_label("Professional").select_option(label=f"{tenant.wijkagent} ({tenant.politie.naam})")
    form.get_by_label("Rol in de casus").fill("wijkagent")
    submit(form, "Deelnemer toevoegen", f"{tenant.wijkagent} neemt deel aan de casus.")
    expect(page.get_by_role("region", name="Deelnemers")).to_contain_text(tenant.politie.naam)


def write_plan(page, tenant, casus) -> Interventie:
    versies = casus.planversies.count()
    open_sectie(page, "Plan en interventies")

    unfold(page, "Analyse per leefgebied bijwerken")
    analyse = form_with(page, "Analyse opslaan")
    analyse.get_by_label("Financiën").fill(ANALYSE)
    submit(analyse, "Analyse opslaan", "De analyse is bijgewerkt (Financiën)")

    for omschrijving, leefgebied in ((DOEL_SCHULDEN, "Financiën"), (DOEL_VEILIG, "Justitie en veiligheid")):
        unfold(page, "Doel toevoegen")
        doel = form_with(page, "Doel toevoegen")
        doel.get_by_label("Doel (verplicht)").fill(omschrijving)
        doel.get_by_label("Leefgebied").select_option(label=leefgebied)
        submit(doel, "Doel toevoegen", f"Doel toegevoegd: {omschrijving}.")

    # An intervention for the wijkagent whose deadline has already passed: it is overdue at once.
    deadline = timezone.localdate() - dt.timedelta(days=3)
    unfold(page, "Interventie toevoegen")
    form = form_with(page, "Interventie toevoegen")
    form.get_by_label(re.compile("^Interventie")).select_option(label="Gesprek (preventief)")
    form.get_by_label("Doel", exact=True).select_option(label=DOEL_VEILIG)
    form.get_by_label("Uitvoerende organisatie").select_option(label=tenant.politie.naam)
    form.get_by_label("Uitvoerder").select_option(label=f"{tenant.wijkagent} ({tenant.politie.naam})")
    form.get_by_label("Uiterste datum").fill(deadline.isoformat())
    form.get_by_label("Omschrijving").fill("Gesprek met Jan over de kwekerij op zolder.")
    bericht = f"Interventie toegevoegd: Gesprek (preventief), uitgevoerd door {tenant.wijkagent}."
    submit(form, "Interventie toevoegen", bericht)

    gesprek = casus.interventies.get(soort__code="gesprek")
    plan = page.get_by_role("region", name="Plan van aanpak")
    expect(plan).to_contain_text(ANALYSE)
    expect(plan).to_contain_text(f"Doel 2: {DOEL_VEILIG}")
    expect(page.locator(f"#interventie-{gesprek.pk}")).to_contain_text("te laat")

    assert gesprek.status == Interventie.Status.GEPLAND and gesprek.deadline == deadline
    assert gesprek.eigenaar == tenant.wijkagent and gesprek.eigenaar_organisatie == tenant.politie
    assert gesprek.doel.omschrijving == DOEL_VEILIG
    # The analysis, two goals and the intervention: each a new plan version.
    assert casus.planversies.count() == versies + 4
    return gesprek


def hold_meeting(page, live_server, tenant, casus, andere) -> Overleg:
    versies = casus.planversies.count()
    page.goto("/overleggen/nieuw/")
    form = form_with(page, "Overleg plannen")
    form.get_by_label("Soort overleg").select_option(label="Casusoverleg")
    form.get_by_label("Titel").fill("Casusoverleg Centrum")
    form.get_by_label("Datum").fill((timezone.localdate() + dt.timedelta(days=1)).isoformat())
    form.get_by_label("Aanvang").fill("10:00")
    form.get_by_role("checkbox", name=re.compile(f"^{tenant.wijkagent} ")).check()
    submit(form, "Overleg plannen", "Overleg gepland: Casusoverleg Centrum.")
    overleg = Overleg.objects.get()
    assert list(overleg.deelnemers.all()) == [tenant.wijkagent]

    page.get_by_role("button", name="Agenda opstellen").click()
    page.get_by_role("status").filter(has_text="2 casussen op de agenda gezet.").wait_for()

    punt = page.get_by_role("region", name=re.compile(re.escape(casus.nummer)))
    punt.locator("summary", has_text="Notulen vastleggen").click()
    notulen = form_with(punt, "Notulen vastleggen")
    notulen.get_by_label("Notulen", exact=True).fill(NOTULEN)
    notulen.get_by_label("Besluiten").fill(BESLUIT)
    # The action point becomes an intervention for the corporatie (the organisation, no person).
    actie = notulen.get_by_role("group", name="Actiepunt 1 (optioneel)")
    actie.get_by_label("Interventie").select_option(label="Schuldhulpverlening")
    actie.get_by_label("Uiterste datum").fill((timezone.localdate() + dt.timedelta(days=14)).isoformat())
    actie.get_by_label("Uitvoerende organisatie").select_option(label=tenant.corporatie.naam)
    actie.get_by_label("Doel", exact=True).select_option(label=DOEL_SCHULDEN)
    actie.get_by_label("Omschrijving", exact=True).fill("Aanmelden bij de schuldhulpverlening.")
    submit(notulen, "Notulen vastleggen", f"Notulen vastgelegd voor casus {casus.nummer}, met 1 actiepunt.")
    expect(page.get_by_role("region", name=re.compile(re.escape(casus.nummer)))).to_contain_text(NOTULEN)

    overleg.refresh_from_db()
    assert overleg.gehouden
    agendapunt = overleg.agendapunten.get(casus=casus)
    assert agendapunt.notulen == NOTULEN and agendapunt.planversie == casus.planversies.order_by("versie").last()
    schuldhulp = casus.interventies.get(soort__code="schuldhulpverlening")
    assert schuldhulp.agendapunt == agendapunt and schuldhulp.eigenaar is None
    assert schuldhulp.eigenaar_organisatie == tenant.corporatie
    # Its organisation now takes part in the case, next to the wijkagent.
    assert set(casus.deelnemers.values_list("organisatie", "gebruiker")) == {
        (tenant.politie.pk, tenant.wijkagent.pk),
        (tenant.corporatie.pk, None),
    }
    # The action point and "besproken in" (the plan as agreed in the meeting).
    assert casus.planversies.count() == versies + 2

    # Print view: the regisseur's copy holds both cases on the agenda and the minutes.
    page.get_by_role("link", name="Afdrukversie").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"{casus.nummer} — {casus.titel}")
    expect(main).to_contain_text(NOTULEN)
    expect(main).to_contain_text(BESLUIT)
    expect(main).to_contain_text(andere.nummer)

    with page.expect_download() as info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = Path(download.path())
    assert pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert casus.nummer in text and "Gezin besproken met politie" in text

    response = page.request.get(f"{live_server.url}/overleggen/{overleg.pk}/pdf/")
    assert response.status == 200
    assert response.headers["content-type"] == PDF_MIME
    return overleg


def escalation_fires(page, tenant, casus, gesprek) -> Escalatie:
    # The daily job, run twice as cron might: one reminder and one escalation.
    for _run in range(2):
        call_command("send_reminders", stdout=io.StringIO())
    escalatie = Escalatie.objects.get()
    assert escalatie.casus == casus and escalatie.interventie == gesprek
    assert escalatie.reden == Escalatie.Reden.ACTIE_TE_LAAT and escalatie.naar == tenant.manager
    assert escalatie.is_open
    assert Herinnering.objects.filter(interventie=gesprek).count() == 1

    page.goto("/start/")
    opgeschaald = page.get_by_role("region", name="Opgeschaald")
    expect(opgeschaald).to_contain_text(f"Actie al te lang te laat: casus {casus.nummer}")
    expect(opgeschaald).to_contain_text("Actie: Gesprek (preventief)")
    expect(page.get_by_role("region", name="Te late acties")).to_contain_text("Gesprek (preventief)")
    return escalatie


def partner_updates_own_action(page, casus, andere, overleg, gesprek, eigen_signaal, signaal):
    """The wijkagent: only their own action, their own reports and the cases they take part in."""
    page.goto("/acties/")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn acties")
    rij = page.locator(f"tr#rij-actie-{gesprek.pk}")
    expect(rij).to_contain_text(casus.nummer)
    expect(rij).to_contain_text("te laat")
    inhoud = main.inner_text()
    assert "Schuldhulpverlening" not in inhoud  # the corporatie's action
    assert ANALYSE not in inhoud and "Fatima" not in inhoud
    expect(main.locator("tbody tr")).to_have_count(1)

    rij.locator("summary").click()
    form = rij.locator("form")
    expect(form.get_by_label("Uiterste datum")).to_have_count(0)  # only the regisseur moves a deadline
    form.get_by_label("Status").select_option(label="Afgerond")
    form.get_by_label("Resultaat").fill("Gesprek gevoerd; de kwekerij is ontmanteld.")
    submit(form, "Opslaan", "Actie bijgewerkt: Gesprek (preventief) (Afgerond).")
    expect(page.get_by_role("region", name="Afgeronde en gestopte acties")).to_contain_text(
        "Gesprek gevoerd; de kwekerij is ontmanteld."
    )
    gesprek.refresh_from_db()
    assert gesprek.status == Interventie.Status.AFGEROND and gesprek.afgerond_op is not None

    # The case they take part in shows only their own action, none of the plan or the household.
    page.goto(f"/casussen/{casus.pk}/")
    expect(page.get_by_role("heading", name="Uw acties in deze casus")).to_be_visible()
    inhoud = page.get_by_role("main").inner_text()
    assert "Gesprek (preventief)" in inhoud
    assert ANALYSE not in inhoud and "Fatima" not in inhoud and "Schuldhulpverlening" not in inhoud

    # A case they do not take part in does not exist for them.
    response = page.goto(f"/casussen/{andere.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    assert andere.titel not in page.content()

    # Their own reports: the status only, never the content; not the signals others reported.
    page.goto("/mijn-meldingen/")
    expect(page.get_by_role("row", name=re.compile(eigen_signaal.nummer))).to_contain_text("Ontvangen")
    inhoud = page.get_by_role("main").inner_text()
    assert signaal.nummer not in inhoud and eigen_signaal.omschrijving not in inhoud

    # Their copy of the minutes holds only the case they take part in.
    page.goto(f"/overleggen/{overleg.pk}/afdruk/")
    main = page.get_by_role("main")
    expect(main).to_contain_text(NOTULEN)
    assert andere.nummer not in main.inner_text()
    page.get_by_role("link", name="Terug naar het overleg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(overleg.titel)


def follow_up_and_close(page, tenant, casus, escalatie):
    page.goto("/start/")
    opgeschaald = page.get_by_role("region", name="Opgeschaald")
    form = form_with(opgeschaald, "Opvolging vastleggen")
    form.get_by_label("Opvolging").fill("Met de wijkagent besproken; het gesprek is inmiddels gevoerd.")
    submit(form, "Opvolging vastleggen", f"De opvolging van de escalatie over casus {casus.nummer} is vastgelegd.")
    expect(opgeschaald).to_contain_text("Er staan geen escalaties open.")
    escalatie.refresh_from_db()
    assert not escalatie.is_open and escalatie.afgehandeld_door == tenant.regisseur

    # Closing is held up by the corporatie's open action; the regisseur records its result first.
    page.goto(f"/casussen/{casus.pk}/")
    page.get_by_role("link", name="Casus sluiten").click()
    expect(page.get_by_role("main")).to_contain_text("Er staat nog 1 open actie:")
    page.get_by_role("link", name="Schuldhulpverlening").click()
    bijwerken = page.locator("details", has=page.locator("summary", has_text="Bijwerken: Schuldhulpverlening"))
    bijwerken.locator("summary").click()
    form = bijwerken.locator("form")
    form.get_by_label("Status").select_option(label="Afgerond")
    form.get_by_label("Resultaat").fill("Aangemeld; betalingsregeling getroffen.")
    submit(form, "Opslaan", "Actie bijgewerkt: Schuldhulpverlening (Afgerond).")

    page.get_by_role("link", name="Casus sluiten").click()
    form = form_with(page, "Casus sluiten")
    resultaat = form.get_by_role("group", name=re.compile(f"^Resultaat: {DOEL_SCHULDEN}"))
    resultaat.get_by_role("radio", name="Behaald", exact=True).check()
    resultaat = form.get_by_role("group", name=re.compile(f"^Resultaat: {DOEL_VEILIG}"))
    resultaat.get_by_role("radio", name="Deels behaald", exact=True).check()
    form.get_by_role("group", name=re.compile("^Reden van sluiten")).get_by_role("radio", name="Afgeschaald").check()
    form.get_by_label("Evaluatie").fill("Snelle inzet van zorg naast het gesprek werkte; de zolder blijft een risico.")
    submit(form, "Casus sluiten", f"Casus {casus.nummer} is gesloten.")

    afsluiting = page.get_by_role("region", name="Afsluiting")
    expect(afsluiting).to_contain_text("Afgeschaald")
    expect(afsluiting).to_contain_text(f"{DOEL_SCHULDEN}: Behaald")
    expect(afsluiting).to_contain_text(f"{DOEL_VEILIG}: Deels behaald")

    casus.refresh_from_db()
    assert casus.status == Casus.Status.GESLOTEN and casus.gesloten_op is not None
    assert casus.sluitreden == Casus.Sluitreden.AFGESCHAALD and casus.evaluatie.startswith("Snelle inzet")
    assert dict(casus.doelen.values_list("omschrijving", "resultaat")) == {
        DOEL_SCHULDEN: "behaald",
        DOEL_VEILIG: "deels",
    }
    assert not casus.interventies.filter(status__in=Interventie.OPEN_STATUSES).exists()
    assert casus.planversies.order_by("versie").last().wijziging == "Casus gesloten (Afgeschaald)"


def relapse_is_flagged(page, tenant, casus):
    nieuw = make_signaal(tenant, omschrijving="Opnieuw hennepgeur op zolder.", personen=[jan_jansen()])
    koppeling = CasusSignaal.objects.get(signaal=nieuw)
    assert koppeling.casus == casus and koppeling.soort == CasusSignaal.Soort.TERUGVAL

    page.goto("/start/")
    signalen = page.get_by_role("region", name="Nieuwe signalen op uw casussen")
    expect(signalen).to_contain_text(f"{nieuw.nummer} mogelijke terugval")
    expect(signalen).to_contain_text(f"op casus {casus.nummer}")
    signalen.get_by_role("link", name="naar de casus").click()
    rij = page.get_by_role("region", name="Signalen", exact=True).get_by_role("row", name=re.compile(nieuw.nummer))
    expect(rij).to_contain_text("mogelijke terugval")
    expect(rij).to_contain_text("nog niet gezien")


# --- The test ----------------------------------------------------------------------------------------


def test_regisseur_runs_a_household_case_end_to_end_and_the_partner_sees_only_their_own(page, live_server, tenant):
    instelling = services.instellingen(tenant.gemeente)
    instelling.escalatie_na_dagen_te_laat = 1
    instelling.escalatie_naar = tenant.manager
    instelling.save()

    # Fatima is reported by the wijkagent before the case exists; Jan's signal goes through the protocol.
    fatima_signaal = make_signaal(
        tenant,
        reporter=tenant.wijkagent,
        omschrijving="Moeder lijkt onder druk gezet door de verhuurder van de zolder.",
        personen=[PersoonGegevens(voornamen="Fatima", achternaam="Jansen", geboortedatum=dt.date(1984, 3, 2))],
    )
    signaal = make_signaal(tenant, personen=[jan_jansen()])
    to_signaaloverleg(tenant, signaal)

    sign_in(page, tenant.regisseur)
    casus = hand_over_in_the_browser(page, tenant.regisseur, signaal)
    compose_household(page, casus)
    add_wijkagent_as_participant(page, tenant)
    share_minutes_with_the_police(page, tenant)
    gesprek = write_plan(page, tenant, casus)

    # Another case, of which the wijkagent is no part.
    andere = services.open_casus(tenant.regisseur, "Bewoners Stationsweg", "persoonsgericht")
    overleg = hold_meeting(page, live_server, tenant, casus, andere)
    escalatie = escalation_fires(page, tenant, casus, gesprek)
    logout(page)

    sign_in(page, tenant.wijkagent)
    partner_updates_own_action(page, casus, andere, overleg, gesprek, fatima_signaal, signaal)
    logout(page)

    sign_in(page, tenant.regisseur)
    follow_up_and_close(page, tenant, casus, escalatie)
    relapse_is_flagged(page, tenant, casus)
    assert Signaal.objects.count() == 3
    assert PlanVersie.objects.filter(casus=casus).count() == 10
