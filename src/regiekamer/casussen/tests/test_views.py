"""The Dutch web UI for casusregie: start page, case list, the case with its household and plan,
partners' own actions, plan versions, review and closing. Driven through the web like a user."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from regiekamer.casussen import monitoring, services
from regiekamer.casussen.models import Betrokkene, Casus, Escalatie, Interventie, Leefgebied, PlanVersie
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.conftest import make_signaal
from regiekamer.delen.models import MINIMAAL
from regiekamer.delen.testing import share
from regiekamer.notifications.models import Notificatie
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db


def detail_url(casus, name="detail", **kwargs):
    return reverse(f"casussen:{name}", kwargs={"pk": casus.pk, **kwargs})


def sectie_url(casus, sectie):
    return reverse("casussen:sectie", kwargs={"pk": casus.pk, "sectie": sectie})


def open_casus(client, tenant, **data) -> Casus:
    client.force_login(tenant.regisseur)
    payload = {
        "titel": "Huishouden Kerkstraat",
        "aanpak": "huishouden",
        "herkomst": "Zorg- en Veiligheidshuis",
        "omschrijving": "Moeder met twee zonen; schulden en signalen van ronselen.",
        **data,
    }
    response = client.post(reverse("casussen:nieuw"), payload)
    assert response.status_code == 302, response.content.decode()
    casus = Casus.objects.get(gemeente=tenant.gemeente, titel=payload["titel"])
    assert response["Location"] == detail_url(casus)
    return casus


def add_doel(client, casus, omschrijving="Schulden zijn in beeld"):
    response = client.post(detail_url(casus, "doel-toevoegen"), {"doel-omschrijving": omschrijving})
    assert response.status_code == 302
    (doel,) = [doel for doel in casus.doelen.all() if doel.omschrijving == omschrijving]  # stored encrypted
    return doel


def interventie_data(tenant, doel=None, **overrides):
    data = {
        "interventie-soort": "schuldhulpverlening",
        "interventie-doel": str(doel.pk) if doel else "",
        "interventie-eigenaar_organisatie": str(tenant.politie.pk),
        "interventie-eigenaar": str(tenant.wijkagent.pk),
        "interventie-deadline": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        "interventie-omschrijving": "",
        "interventie-impact_huishouden": "",
        "interventie-opvang_gevolgen": "",
    }
    data.update({f"interventie-{key}": value for key, value in overrides.items()})
    return data


def add_actie(tenant, casus, soort="schuldhulpverlening", organisatie=None, eigenaar=None, days=14, doel=None):
    return services.add_interventie(
        tenant.regisseur,
        casus,
        InterventieInvoer(
            soort=soort,
            eigenaar_organisatie=str((organisatie or tenant.politie).pk),
            eigenaar=str(eigenaar.pk) if eigenaar else None,
            deadline=timezone.localdate() + dt.timedelta(days=days),
            doel=str(doel.pk) if doel else None,
        ),
    )


# --- Opening and the list ----------------------------------------------------------------------


def test_regisseur_opens_a_case_from_the_form_and_sees_it_in_the_list(client, tenant):
    client.force_login(tenant.regisseur)
    form = client.get(reverse("casussen:nieuw")).content.decode()
    assert "Nieuwe casus" in form and "Zorg- en Veiligheidshuis" in form

    casus = open_casus(client, tenant)
    assert casus.regisseur == tenant.regisseur and casus.herkomst == "Zorg- en Veiligheidshuis"
    html = client.get(detail_url(casus)).content.decode()
    assert f"Casus {casus.nummer} is geopend." in html
    assert "Huishouden / gezin" in html and "Zorg- en Veiligheidshuis" in html

    html = client.get(reverse("casussen:lijst")).content.decode()
    assert detail_url(casus) in html and "1 casus" in html
    assert 'href="/casussen/nieuw/"' in html


def test_an_area_case_needs_a_buurt(client, tenant):
    client.force_login(tenant.regisseur)
    payload = {"titel": "Hangplek speeltuin", "aanpak": "gebiedsgericht", "herkomst": "", "omschrijving": ""}
    response = client.post(reverse("casussen:nieuw"), payload)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is een probleem" in html and "Een gebiedsgerichte casus hoort bij een buurt." in html
    assert 'href="#id_buurt"' in html
    assert not Casus.objects.exists()

    response = client.post(reverse("casussen:nieuw"), {**payload, "buurt": str(tenant.buurt.pk)})
    assert response.status_code == 302
    assert Casus.objects.get().buurt == tenant.buurt


def test_the_list_filters_and_answers_htmx_with_the_results_only(client, tenant):
    mine = open_casus(client, tenant)
    other = services.open_casus(tenant.users["ondermijningsteam"], "Groep schoolplein", "groepsgericht")
    client.force_login(tenant.regisseur)

    html = client.get(reverse("casussen:lijst"), {"aanpak": "groepsgericht"}).content.decode()
    assert detail_url(other) in html and detail_url(mine) not in html
    html = client.get(reverse("casussen:lijst"), {"mijn": "on"}).content.decode()
    assert detail_url(mine) in html and detail_url(other) not in html
    html = client.get(reverse("casussen:lijst"), {"status": "gesloten"}).content.decode()
    assert "0 casussen" in html

    response = client.get(reverse("casussen:lijst"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="resultaten")
    partial = response.content.decode()
    assert "2 casussen" in partial and "<html" not in partial
    assert "HX-Request" in response["Vary"]


def test_another_tenant_gets_404(client, tenant, other_tenant):
    casus = open_casus(client, tenant)
    client.force_login(other_tenant.regisseur)
    for url in (detail_url(casus), detail_url(casus, "review"), detail_url(casus, "planversie", versie=1)):
        assert client.get(url).status_code == 404
    assert client.post(detail_url(casus, "doel-toevoegen"), {"doel-omschrijving": "x"}).status_code == 404
    assert not casus.doelen.exists()
    assert detail_url(casus) not in client.get(reverse("casussen:lijst")).content.decode()


# --- Household ---------------------------------------------------------------------------------


def test_regisseur_composes_the_household_from_the_persons_of_a_signal(client, tenant):
    make_signaal(
        tenant,
        personen=[
            PersoonGegevens(
                voornamen="Fatima", achternaam="Bouali", geboortedatum=dt.date(1985, 3, 2), bsn="123456782"
            ),
            PersoonGegevens(voornamen="Yassin", achternaam="Bouali", geboortedatum=dt.date(2008, 7, 9)),
        ],
        adressen=[AdresGegevens(postcode="9901AB", huisnummer=7)],
    )
    casus = open_casus(client, tenant)
    moeder = Persoon.objects.get(voornamen="Fatima")
    zoon = Persoon.objects.get(voornamen="Yassin")

    # Searched by BSN: posted, so the BSN is never in a URL; only the last four digits are shown.
    response = client.post(detail_url(casus, "betrokkene-zoeken"), {"zoek-q": "123456782"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="persoon:{moeder.pk}"' in html and f'value="persoon:{zoon.pk}"' not in html
    assert "•••••6782" in html and "123456782" not in html.replace('value="123456782"', "")

    response = client.post(
        detail_url(casus, "betrokkene-toevoegen"),
        {
            "betrokkene-q": "123456782",
            "betrokkene-subject": f"persoon:{moeder.pk}",
            "betrokkene-rol": "moeder",
            "betrokkene-slachtoffer": "on",
            "betrokkene-problematiek": "Schulden; de woning wordt door anderen gebruikt.",
        },
    )
    assert response.status_code == 302

    html = client.post(detail_url(casus, "betrokkene-zoeken"), {"zoek-q": "Bouali"}).content.decode()
    assert f'value="persoon:{zoon.pk}"' in html
    assert f'value="persoon:{moeder.pk}"' not in html  # already in the case
    response = client.post(
        detail_url(casus, "betrokkene-toevoegen"),
        {
            "betrokkene-q": "Bouali",
            "betrokkene-subject": f"persoon:{zoon.pk}",
            "betrokkene-rol": "zoon",
            "betrokkene-dader": "on",
            "betrokkene-slachtoffer": "on",
            "betrokkene-problematiek": "Geronseld als drugskoerier; spijbelt.",
        },
    )
    assert response.status_code == 302

    zoon_in_casus = casus.betrokkenen.get(persoon=zoon)
    assert zoon_in_casus.dader_en_slachtoffer and casus.betrokkenen.get(persoon=moeder).rol == "moeder"
    html = client.get(sectie_url(casus, "betrokkenen")).content.decode()
    assert "dader én slachtoffer" in html and "Geronseld als drugskoerier" in html

    # Nothing chosen: an error, nothing added.
    response = client.post(detail_url(casus, "betrokkene-toevoegen"), {"betrokkene-q": "Bouali"})
    assert response.status_code == 400
    assert "Kies de persoon, het adres of de onderneming die u toevoegt." in response.content.decode()
    assert casus.betrokkenen.count() == 2

    # Editing a household member.
    response = client.post(
        detail_url(casus, "betrokkene-bijwerken", betrokkene_pk=zoon_in_casus.pk),
        {
            f"betrokkene-{zoon_in_casus.pk}-rol": "oudste zoon",
            f"betrokkene-{zoon_in_casus.pk}-slachtoffer": "on",
            f"betrokkene-{zoon_in_casus.pk}-problematiek": "Geronseld; nu in begeleiding.",
        },
    )
    assert response.status_code == 302
    zoon_in_casus.refresh_from_db()
    assert zoon_in_casus.rol == "oudste zoon" and not zoon_in_casus.dader and zoon_in_casus.slachtoffer


def test_a_participant_is_added_with_organisation_and_professional(client, tenant):
    casus = open_casus(client, tenant)
    response = client.post(
        detail_url(casus, "deelnemer-toevoegen"),
        {
            "deelnemer-organisatie": str(tenant.corporatie.pk),
            "deelnemer-gebruiker": str(tenant.partnerprofessional.pk),
            "deelnemer-rol": "woonconsulent",
        },
    )
    assert response.status_code == 302
    deelnemer = casus.deelnemers.get()
    assert deelnemer.gebruiker == tenant.partnerprofessional and deelnemer.rol == "woonconsulent"

    # A professional of another organisation: the service refuses, shown on the field.
    response = client.post(
        detail_url(casus, "deelnemer-toevoegen"),
        {"deelnemer-organisatie": str(tenant.politie.pk), "deelnemer-gebruiker": str(tenant.partnerprofessional.pk)},
    )
    assert response.status_code == 400
    assert "Deze professional werkt niet bij die organisatie." in response.content.decode()
    assert casus.deelnemers.count() == 1


# --- The plan and its versions -----------------------------------------------------------------


def test_analysis_and_goal_make_new_plan_versions_and_old_versions_stay_readable(client, tenant):
    casus = open_casus(client, tenant)
    assert casus.planversies.count() == 1

    response = client.post(
        detail_url(casus, "analyse"), {"analyse-leefgebied_financien": "Huurachterstand van vier maanden."}
    )
    assert response.status_code == 302
    add_doel(client, casus, "Huurachterstand is opgelost")
    assert list(casus.planversies.values_list("versie", flat=True)) == [1, 2, 3]

    html = client.get(sectie_url(casus, "plan")).content.decode()
    assert "Versie 3" in html and "Doel toegevoegd: Huurachterstand is opgelost" in html
    assert "Huurachterstand van vier maanden." in html

    # The analysis changes; version 2 still shows the plan as it was then.
    client.post(detail_url(casus, "analyse"), {"analyse-leefgebied_financien": "Regeling getroffen met de verhuurder."})
    assert casus.planversies.count() == 4
    html = client.get(detail_url(casus, "planversie", versie=2)).content.decode()
    assert "Huurachterstand van vier maanden." in html
    assert "Regeling getroffen" not in html and "Huurachterstand is opgelost" not in html
    assert "versie 2 van 4" in html and "Dit is niet de huidige versie." in html

    # Saving an unchanged analysis records nothing.
    client.post(detail_url(casus, "analyse"), {"analyse-leefgebied_financien": "Regeling getroffen met de verhuurder."})
    assert casus.planversies.count() == 4
    assert client.get(detail_url(casus, "planversie", versie=9)).status_code == 404


def test_a_repressive_intervention_needs_impact_and_care_first(client, tenant):
    casus = open_casus(client, tenant)
    doel = add_doel(client, casus, "De woning wordt niet meer voor hennepteelt gebruikt")
    versies = casus.planversies.count()

    form = client.get(sectie_url(casus, "plan")).content.decode()
    assert '<optgroup label="Bestuurlijk">' in form and "Verplicht bij een repressieve interventie" in form
    assert f"{tenant.wijkagent} ({tenant.politie.naam})" in form

    response = client.post(
        detail_url(casus, "interventie-toevoegen"), interventie_data(tenant, doel, soort="sluiting-13b")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Leg vóór deze repressieve interventie de verwachte impact op het huishouden vast." in html
    assert "Leg vast wie de gevolgen voor het huishouden opvangt." in html
    assert 'href="#id_interventie-impact_huishouden"' in html and 'href="#id_interventie-opvang_gevolgen"' in html
    assert not Interventie.objects.exists() and casus.planversies.count() == versies

    response = client.post(
        detail_url(casus, "interventie-toevoegen"),
        interventie_data(
            tenant,
            doel,
            soort="sluiting-13b",
            impact_huishouden="Moeder en kinderen verliezen tijdelijk hun woning.",
            opvang_gevolgen="Wijkteam regelt tijdelijke huisvesting en begeleiding.",
        ),
    )
    assert response.status_code == 302
    interventie = Interventie.objects.get()
    assert interventie.eigenaar == tenant.wijkagent and interventie.doel == doel
    assert Notificatie.objects.filter(ontvanger=tenant.wijkagent, link="/acties/").exists()
    html = client.get(sectie_url(casus, "plan")).content.decode()
    assert "Sluiting woning of pand (art. 13b Opiumwet)" in html and "tijdelijke huisvesting" in html


# --- Partners ----------------------------------------------------------------------------------


def test_wijkagent_sees_the_action_on_mijn_acties_and_completes_it(client, tenant):
    casus = open_casus(client, tenant)
    share(casus, tenant.politie, MINIMAAL)
    interventie = add_actie(tenant, casus, soort="gesprek", eigenaar=tenant.wijkagent)
    client.force_login(tenant.wijkagent)

    html = client.get(reverse("casussen:acties")).content.decode()
    assert casus.nummer in html and "Gesprek (preventief)" in html
    assert f'name="actie-{interventie.pk}-status"' in html
    assert f'name="actie-{interventie.pk}-deadline"' not in html  # partners do not move deadlines

    url = reverse("casussen:actie-bijwerken", kwargs={"pk": interventie.pk})
    response = client.post(url, {f"actie-{interventie.pk}-status": "afgerond"})
    assert response.status_code == 400
    assert "Beschrijf het resultaat bij afronden of stoppen." in response.content.decode()

    response = client.post(
        url, {f"actie-{interventie.pk}-status": "afgerond", f"actie-{interventie.pk}-resultaat": "Gesprek gevoerd."}
    )
    assert response.status_code == 302
    interventie.refresh_from_db()
    assert interventie.status == "afgerond" and interventie.resultaat == "Gesprek gevoerd."
    laatste = PlanVersie.objects.filter(casus=casus).last()
    assert laatste.gewijzigd_door == tenant.wijkagent and "Gepland → Afgerond" in laatste.wijziging
    html = client.get(reverse("casussen:acties")).content.decode()
    assert "Afgeronde en gestopte acties" in html and "Gesprek gevoerd." in html


def test_wijkagent_sees_only_own_actions_on_the_case_and_404_elsewhere(client, tenant):
    make_signaal(tenant)
    casus = open_casus(client, tenant)
    share(casus, tenant.politie, MINIMAAL)
    jan = Persoon.objects.get(achternaam="Jansen")
    services.add_betrokkene(tenant.regisseur, casus, jan, rol="hoofdbewoner")
    financien = Leefgebied.objects.get(gemeente=tenant.gemeente, code="financien")
    services.save_analyse(tenant.regisseur, casus, financien, "Vertrouwelijke analyse van de schulden.")
    eigen = add_actie(tenant, casus, soort="gesprek", eigenaar=tenant.wijkagent)
    add_actie(tenant, casus, soort="schuldhulpverlening", organisatie=tenant.corporatie)
    elders = services.open_casus(tenant.regisseur, "Andere casus", "persoonsgericht")

    client.force_login(tenant.wijkagent)
    response = client.get(detail_url(casus))
    assert response.status_code == 200
    html = response.content.decode()
    assert casus.nummer in html and "Gesprek (preventief)" in html
    assert "Schuldhulpverlening" not in html and "Jansen" not in html and 'id="plan-titel"' not in html
    assert "Vertrouwelijke analyse" not in html
    assert f'name="actie-{eigen.pk}-status"' in html

    # Updating from the case page works too.
    response = client.post(
        detail_url(casus, "interventie-bijwerken", interventie_pk=eigen.pk), {f"actie-{eigen.pk}-status": "lopend"}
    )
    assert response.status_code == 302
    eigen.refresh_from_db()
    assert eigen.status == "lopend"

    assert client.get(detail_url(elders)).status_code == 404
    assert client.get(detail_url(casus, "review")).status_code == 403
    assert client.get(reverse("casussen:lijst")).status_code == 403


def test_a_partner_cannot_move_the_deadline(client, tenant):
    casus = open_casus(client, tenant)
    share(casus, tenant.politie, MINIMAAL)
    interventie = add_actie(tenant, casus, eigenaar=tenant.wijkagent)
    deadline = interventie.deadline
    client.force_login(tenant.wijkagent)
    response = client.post(
        reverse("casussen:actie-bijwerken", kwargs={"pk": interventie.pk}),
        {
            f"actie-{interventie.pk}-status": "lopend",
            f"actie-{interventie.pk}-deadline": (deadline + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 403
    assert "Alleen de regisseur verzet een uiterste datum." in response.content.decode()
    interventie.refresh_from_db()
    assert interventie.deadline == deadline and interventie.status == "gepland"

    # The regisseur may.
    client.force_login(tenant.regisseur)
    html = client.get(sectie_url(casus, "plan")).content.decode()
    assert f'name="actie-{interventie.pk}-deadline"' in html
    nieuw = deadline + dt.timedelta(days=30)
    response = client.post(
        detail_url(casus, "interventie-bijwerken", interventie_pk=interventie.pk),
        {f"actie-{interventie.pk}-status": "gepland", f"actie-{interventie.pk}-deadline": nieuw.isoformat()},
    )
    assert response.status_code == 302
    interventie.refresh_from_db()
    assert interventie.deadline == nieuw


# --- Signals, review, closing ------------------------------------------------------------------


def test_signals_on_the_case_link_both_ways_and_can_be_marked_seen(client, tenant):
    signaal = make_signaal(tenant)
    casus = services.open_casus_from_signaal(signaal, "huishouden", tenant.regisseur)
    client.force_login(tenant.regisseur)

    html = client.get(reverse("signalen:detail", kwargs={"pk": signaal.pk})).content.decode()
    assert f"Casus {casus.nummer}</a> (overgedragen)" in html and detail_url(casus) in html

    nieuw = make_signaal(tenant, omschrijving="Weer veel bezoek aan de woning, ook 's nachts.")
    html = client.get(sectie_url(casus, "signalen")).content.decode()
    assert "nieuw signaal" in html and "nog niet gezien" in html
    assert reverse("signalen:detail", kwargs={"pk": nieuw.pk}) in html
    html = client.get(reverse("signalen:detail", kwargs={"pk": nieuw.pk})).content.decode()
    assert f"Casus {casus.nummer}</a> (nieuw signaal)" in html

    response = client.post(detail_url(casus, "signalen-gezien"))
    assert response.status_code == 302
    assert not casus.casus_signalen.filter(gezien_op__isnull=True).exists()


def test_review_lists_signals_about_the_person_received_before_the_case_opened(client, tenant):
    eerder = make_signaal(tenant, omschrijving="Jan geeft zijn bankpas af aan een onbekende.")
    casus = open_casus(client, tenant)
    services.add_betrokkene(tenant.regisseur, casus, Persoon.objects.get(achternaam="Jansen"))
    later = make_signaal(tenant)
    anders = make_signaal(tenant, personen=[PersoonGegevens(voornamen="Piet", achternaam="Pietersen")], adressen=[])

    html = client.get(detail_url(casus, "review")).content.decode()
    assert "Zijn er signalen gemist?" in html
    assert eerder.nummer in html and "Jan Jansen" in html
    assert later.nummer not in html and anders.nummer not in html
    assert f"Casus {casus.nummer} geopend" in html


def test_closing_is_refused_while_an_action_is_open_and_then_shows_the_results(client, tenant):
    casus = open_casus(client, tenant)
    doel = add_doel(client, casus, "Schulden zijn in beeld")
    interventie = add_actie(tenant, casus, organisatie=tenant.afdeling, doel=doel)
    payload = {
        f"resultaat_{doel.pk}": "behaald",
        "sluitreden": "afgeschaald",
        "evaluatie": "Regeling loopt; gezin stabiel.",
    }

    page = client.get(detail_url(casus, "sluiten")).content.decode()
    assert "Er staat nog 1 open actie" in page

    response = client.post(detail_url(casus, "sluiten"), {"sluitreden": "afgeschaald"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Schrijf een korte evaluatie." in html and f'href="#id_resultaat_{doel.pk}"' in html

    response = client.post(detail_url(casus, "sluiten"), payload)
    assert response.status_code == 409
    assert "Er staan nog 1 open acties; rond ze af of stop ze voordat u de casus sluit." in response.content.decode()
    casus.refresh_from_db()
    assert casus.is_open

    client.post(
        detail_url(casus, "interventie-bijwerken", interventie_pk=interventie.pk),
        {f"actie-{interventie.pk}-status": "afgerond", f"actie-{interventie.pk}-resultaat": "Regeling getroffen."},
    )
    response = client.post(detail_url(casus, "sluiten"), payload)
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.status == "gesloten" and casus.sluitreden == "afgeschaald"

    html = client.get(detail_url(casus)).content.decode()
    assert "Afsluiting" in html and "Afgeschaald" in html and "Regeling loopt; gezin stabiel." in html
    assert "Schulden zijn in beeld: <strong>Behaald</strong>" in html
    assert "Doel toevoegen" not in html and "Casus sluiten" not in html  # read-only
    assert client.get(detail_url(casus, "sluiten")).status_code == 302


# --- Start page, escalation --------------------------------------------------------------------


def test_start_page_shows_an_overdue_action_and_an_escalation_that_is_followed_up(client, tenant):
    casus = open_casus(client, tenant)
    interventie = add_actie(tenant, casus, soort="jobcoach", organisatie=tenant.corporatie, days=-20)
    result = monitoring.run_daily(tenant.gemeente, today=timezone.localdate())
    assert len(result.escalaties) == 1
    escalatie = Escalatie.objects.get(interventie=interventie)

    client.force_login(tenant.regisseur)
    assert client.get(reverse("home"))["Location"] == reverse("casussen:start")
    html = client.get(reverse("casussen:start")).content.decode()
    assert "Jobcoach" in html and "20 dagen te laat" in html
    assert "Actie al te lang te laat" in html and f'name="escalatie-{escalatie.pk}-opvolging"' in html
    assert detail_url(casus) in html

    url = reverse("casussen:opvolging", kwargs={"pk": escalatie.pk})
    response = client.post(url, {"terug": "start"})
    assert response.status_code == 400
    assert "Beschrijf de opvolging." in response.content.decode()

    response = client.post(url, {"terug": "start", f"escalatie-{escalatie.pk}-opvolging": "Gebeld met de corporatie."})
    assert response.status_code == 302 and response["Location"] == reverse("casussen:start")
    escalatie.refresh_from_db()
    assert not escalatie.is_open and escalatie.afgehandeld_door == tenant.regisseur
    html = client.get(reverse("casussen:start")).content.decode()
    assert "Er staan geen escalaties open." in html
    assert "Gebeld met de corporatie." in client.get(detail_url(casus)).content.decode()


def test_start_page_shows_new_signals_and_stalled_cases(client, tenant):
    make_signaal(tenant)
    casus = open_casus(client, tenant)
    services.add_betrokkene(tenant.regisseur, casus, Persoon.objects.get(achternaam="Jansen"))
    nieuw = make_signaal(tenant)
    Casus.objects.filter(pk=casus.pk).update(laatste_activiteit_op=timezone.now() - dt.timedelta(days=60))

    html = client.get(reverse("casussen:start")).content.decode()
    assert nieuw.nummer in html and "stagneert" in html and "Mijn open casussen" in html


def test_navigation_per_capability(client, tenant):
    client.force_login(tenant.regisseur)
    html = client.get(reverse("casussen:start")).content.decode()
    assert 'href="/start/" aria-current="page"' in html
    assert 'href="/casussen/"' in html and 'href="/overleggen/"' in html and 'href="/acties/"' not in html

    client.force_login(tenant.wijkagent)
    html = client.get(reverse("casussen:acties")).content.decode()
    assert 'href="/acties/" aria-current="page"' in html
    # Partners reach the meetings they are invited to, but no case list.
    assert 'href="/casussen/"' not in html and 'href="/overleggen/"' in html
    assert client.get(reverse("casussen:start")).status_code == 403
    assert client.get(reverse("home"))["Location"] == reverse("signalen:mijn-meldingen")


def test_betrokkene_model_is_untouched_by_a_failed_add(client, tenant):
    casus = open_casus(client, tenant)
    response = client.post(detail_url(casus, "betrokkene-zoeken"), {"zoek-q": "x"})
    assert response.status_code == 400
    assert not Betrokkene.objects.exists()


def test_escalation_target_without_case_access_follows_up_on_the_escalations_page(client, tenant):
    import datetime as dt

    from regiekamer.casussen import monitoring, services
    from regiekamer.casussen.models import Escalatie

    settings_row = services.instellingen(tenant.gemeente)
    settings_row.escalatie_naar = tenant.manager
    settings_row.save()
    casus = services.open_casus(tenant.regisseur, "Geldezel", "persoonsgericht")
    services.add_interventie(
        tenant.regisseur,
        casus,
        services.InterventieInvoer(
            soort="gesprek", eigenaar_organisatie=str(tenant.politie.pk), deadline=dt.date(2020, 1, 1)
        ),
    )
    monitoring.run_daily(tenant.gemeente)
    escalatie = Escalatie.objects.get(naar=tenant.manager)

    client.force_login(tenant.manager)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 403
    page = client.get(reverse("casussen:escalaties")).content.decode()
    assert casus.nummer in page and "Geldezel" not in page
    response = client.post(
        reverse("casussen:opvolging", args=[escalatie.pk]),
        {f"escalatie-{escalatie.pk}-opvolging": "Gebeld met de politie; actie loopt.", "terug": "escalaties"},
    )
    assert response.status_code == 302
    escalatie.refresh_from_db()
    assert not escalatie.is_open and escalatie.afgehandeld_door == tenant.manager


def test_a_partner_page_leaves_out_a_restricted_person_and_the_badge(client, tenant):
    from regiekamer.casussen.tests.test_services import add_actie, hand_over
    from regiekamer.delen.models import Categorie
    from regiekamer.inzage import services as inzage

    casus = hand_over(tenant, make_signaal(tenant))
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    share(casus, tenant.politie, [Categorie.KOPGEGEVENS, Categorie.BETROKKENEN])
    url = reverse("casussen:detail", args=[casus.pk])
    client.force_login(tenant.wijkagent)
    html = client.get(url).content.decode()
    assert "Jansen" in html
    # The page says what the decisions grant and what they leave out.
    gedeeld = html[html.index('id="gedeeld"') : html.index("</section>", html.index('id="gedeeld"'))]
    assert "Betrokkenen (huishouden" in gedeeld and "Eigen acties" in gedeeld
    assert "Niet gedeeld, en daarom hier niet te zien:" in gedeeld and "Notulen en besluiten" in gedeeld

    inzage.restrict(tenant.regisseur, casus.betrokkenen.exclude(persoon=None).get().persoon, "Juistheid betwist")
    html = client.get(url).content.decode()
    assert "Jansen" not in html and "verwerking beperkt" not in html
    # The regie side sees the person with the badge.
    client.force_login(tenant.regisseur)
    html = client.get(sectie_url(casus, "betrokkenen")).content.decode()
    assert "Jansen" in html and "verwerking beperkt (AVG art. 18)" in html


def _escalation_to(tenant, user):
    from regiekamer.casussen import services
    from regiekamer.casussen.models import Escalatie

    casus = services.open_casus(tenant.regisseur, "Geldezel", "persoonsgericht")
    return Escalatie.objects.create(
        gemeente=tenant.gemeente, casus=casus, reden=Escalatie.Reden.CASUS_STAGNEERT, naar=user
    )


@pytest.mark.parametrize("rol", ["analist", "privacyfunctionaris", "partnerprofessional", "functioneel-beheerder"])
def test_escalations_need_the_capability_even_when_addressed_to_the_user(client, tenant, rol):
    user = tenant.users[rol]
    escalatie = _escalation_to(tenant, user)
    client.force_login(user)
    assert client.get(reverse("casussen:escalaties")).status_code == 403
    response = client.post(
        reverse("casussen:opvolging", args=[escalatie.pk]),
        {f"escalatie-{escalatie.pk}-opvolging": "Gezien.", "terug": "escalaties"},
    )
    assert response.status_code == 403
    escalatie.refresh_from_db()
    assert escalatie.is_open and escalatie.opvolging == ""


def test_escalations_page_and_follow_up_are_logged(client, tenant):
    from regiekamer.audit.models import Verwerking

    escalatie = _escalation_to(tenant, tenant.manager)
    client.force_login(tenant.manager)
    assert client.get(reverse("casussen:escalaties")).status_code == 200
    gelezen = Verwerking.objects.get(handeling="casussen.escalaties", gebruiker=tenant.manager.username)
    assert gelezen.actie == "lezen" and gelezen.object_ids == [str(escalatie.casus_id)]
    client.post(
        reverse("casussen:opvolging", args=[escalatie.pk]),
        {f"escalatie-{escalatie.pk}-opvolging": "Besproken met de regisseur.", "terug": "escalaties"},
    )
    gewijzigd = Verwerking.objects.get(handeling="casus.escalatie", gebruiker=tenant.manager.username)
    assert gewijzigd.actie == "wijzigen" and gewijzigd.object_ids == [str(escalatie.casus_id)]


def test_escalation_target_must_be_able_to_follow_up(tenant, other_tenant):
    from django.core.exceptions import ValidationError

    from regiekamer.casussen import monitoring, services
    from regiekamer.casussen.models import Escalatie

    settings_row = services.instellingen(tenant.gemeente)
    for ongeschikt in (tenant.analist, tenant.privacyfunctionaris, other_tenant.manager):
        settings_row.escalatie_naar = ongeschikt
        with pytest.raises(ValidationError):
            settings_row.full_clean()
    settings_row.escalatie_naar = tenant.manager
    settings_row.full_clean()

    # A target set before its role changed: the escalation goes to the regisseur instead.
    settings_row.escalatie_naar = tenant.analist
    settings_row.save()
    casus = services.open_casus(tenant.regisseur, "Geldezel", "persoonsgericht")
    Casus = type(casus)
    Casus.objects.filter(pk=casus.pk).update(laatste_activiteit_op=timezone.now() - dt.timedelta(days=400))
    monitoring.run_daily(tenant.gemeente)
    assert Escalatie.objects.get(casus=casus).naar == tenant.regisseur


def test_admin_offers_only_users_who_may_follow_up_escalations(tenant):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from regiekamer.casussen.models import CasusInstelling

    request = RequestFactory().get("/beheer/")
    request.user = tenant.users["functioneel-beheerder"]
    model_admin = site._registry[CasusInstelling]
    field = model_admin.formfield_for_foreignkey(CasusInstelling._meta.get_field("escalatie_naar"), request)
    keuzes = set(field.queryset)
    assert tenant.manager in keuzes and tenant.regisseur in keuzes
    assert tenant.analist not in keuzes and tenant.privacyfunctionaris not in keuzes


def test_relapse_flag_on_a_closed_case_can_be_marked_as_seen(client, tenant):
    from regiekamer.casussen import services
    from regiekamer.casussen.models import CasusSignaal

    signaal = make_signaal(tenant)
    casus = services.open_casus(tenant.regisseur, "Hennep zolder", "huishouden")
    services.add_betrokkene(tenant.regisseur, casus, signaal.personen.get())
    services.close_casus(tenant.regisseur, casus, {}, "afgeschaald", "Gezin stabiel.")
    make_signaal(tenant, omschrijving="Opnieuw lampen naar binnen.")
    link = CasusSignaal.objects.get(casus=casus, soort="terugval")

    client.force_login(tenant.regisseur)
    page = client.get(sectie_url(casus, "signalen")).content.decode()
    assert reverse("casussen:signalen-gezien", args=[casus.pk]) in page
    client.post(reverse("casussen:signalen-gezien", args=[casus.pk]))
    link.refresh_from_db()
    assert link.gezien_op is not None


def test_search_finds_a_case_by_number_or_title_for_who_may_open_it(client, tenant, other_tenant):
    kerkstraat = open_casus(client, tenant)
    elders = open_casus(client, other_tenant, titel="Huishouden Kerkstraat elders")
    client.force_login(tenant.regisseur)
    for term in [kerkstraat.nummer, kerkstraat.nummer.lower(), kerkstraat.nummer.split("-")[1], "kerkstraat"]:
        response = client.post(reverse("zoeken"), {"q": term})
        found = response.context["casussen"]
        assert found == [kerkstraat], term
        assert detail_url(kerkstraat) in response.content.decode()
    assert detail_url(elders) not in client.post(reverse("zoeken"), {"q": "Kerkstraat"}).content.decode()
    assert client.post(reverse("zoeken"), {"q": "onbekend"}).context["casussen"] == []
    # Who may search but not open cases is not shown any.
    client.force_login(tenant.analist)
    assert client.post(reverse("zoeken"), {"q": kerkstraat.nummer}).status_code == 403


def test_each_section_of_the_case_is_its_own_page_under_a_header_that_says_what_needs_doing(client, tenant):
    casus = services.open_casus_from_signaal(make_signaal(tenant), "huishouden", tenant.regisseur)
    client.force_login(tenant.regisseur)
    koppen = {
        "plan": "Plan van aanpak",
        "betrokkenen": "Betrokkenen",
        "delen": "Delen met partners",
        "overleggen": "Overleggen",
        "signalen": "Signalen",
        "geschiedenis": "Planversies",
    }
    for sectie, kop in koppen.items():
        html = client.get(sectie_url(casus, sectie)).content.decode()
        assert 'aria-current="page">' in html and kop in html
        assert "Het plan mist nog: analyse per leefgebied, doelen, interventies" in html
    overzicht = client.get(detail_url(casus)).content.decode()
    assert "Wat er nu moet gebeuren" in overzicht and 'id="plan-bijwerken"' not in overzicht
    assert client.get(f"/casussen/{casus.pk}/onbekend/").status_code == 404
