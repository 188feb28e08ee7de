"""Sharing decisions (delingsbesluiten) drive what a partner sees of a case: in the web pages, the API, the
reminders and the disclosures report. The case fixture is a household case handed over from a signal whose
privacy check 2B shared the minimal set (header and own actions) with the police and the corporation."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from regiekamer.accounts.models import ApiToken
from regiekamer.audit.models import Verwerking
from regiekamer.casussen import monitoring, selectors
from regiekamer.casussen.models import Interventie
from regiekamer.casussen.tests.test_services import _weigh, add_actie, hand_over, new_casus, query_hit
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.delen import selectors as delen_selectors
from regiekamer.delen import services
from regiekamer.delen.models import MINIMAAL, Categorie, DelingsBesluit
from regiekamer.delen.testing import share, zonder_besluiten
from regiekamer.notifications.models import Notificatie

pytestmark = pytest.mark.django_db


def api_for(user):
    _token, raw = ApiToken.issue(user.organisatie, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


@pytest.fixture
def casus(tenant):
    casus = hand_over(tenant, make_signaal(tenant))
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    add_actie(tenant, casus, tenant.corporatie, soort="huisvesting", omschrijving="Andere woning zoeken.")
    return casus


def detail(client, user, casus):
    client.force_login(user)
    return client.get(reverse("casussen:detail", kwargs={"pk": casus.pk}))


def withdraw_all(tenant, casus, organisatie):
    for besluit in delen_selectors.active_decisions(organisatie, casus):
        services.withdraw(tenant.regisseur, besluit, "Niet meer nodig.")


# --- Privacy check 2B --------------------------------------------------------------------------------


def test_privacy_check_2b_records_one_decision_per_recipient_for_the_case_it_leads_to(tenant, casus):
    weging = casus.casus_signalen.get().signaal.wegingen.get(soort="pc2b")
    besluiten = DelingsBesluit.objects.filter(weging=weging).order_by("ontvanger__naam")
    assert [b.ontvanger for b in besluiten] == sorted([tenant.politie, tenant.corporatie], key=lambda o: o.naam)
    for besluit in besluiten:
        assert besluit.casus is None and besluit.signaal_id == weging.signaal_id
        assert besluit.categorieen == list(MINIMAAL)
        assert (besluit.omschrijving, besluit.doel, besluit.grondslag) == (
            "NAW",
            "Uitvoering van de aanpak",
            "Art. 172 Gemeentewet",
        )
        assert besluit.vastgelegd_door == tenant.regisseur and besluit.rol == "regisseur"
    assert weging.details["categorieen"] == list(MINIMAAL)
    # The decision on the signal covers the case the signal led to.
    assert delen_selectors.allowed_categories(tenant.wijkagent, casus) == set(MINIMAAL)


def _to_2b(tenant, signaal):
    regisseur = tenant.regisseur
    for weging, uitkomst in [("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")]:
        _weigh(regisseur, signaal, weging, uitkomst)
    _weigh(regisseur, signaal, "3", "bronnenonderzoek")
    _weigh(regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="Art. 172 Gemeentewet")
    query_hit(regisseur, signaal, "brp", signaal.personen.first())
    _weigh(regisseur, signaal, "bronnen", "doorgaan")
    _weigh(regisseur, signaal, "pc2a", "delen", grondslag="Art. 172 Gemeentewet", gegevens="NAW", doel="Overleg")


def test_the_2b_api_takes_categories_and_refuses_unknown_ones_saving_nothing(tenant):
    signaal = make_signaal(tenant)
    _to_2b(tenant, signaal)
    api = api_for(tenant.regisseur)
    payload = {
        "weging": "pc2b",
        "uitkomst": "delen",
        "toelichting": "Nodig voor de aanpak.",
        "grondslag": "Art. 172 Gemeentewet",
        "gegevens": "Namen van de bewoners",
        "doel": "Huisbezoek",
        "ontvangers": [str(tenant.politie.pk)],
    }
    url = f"/api/v1/signalen/{signaal.pk}/wegingen"
    refused = api.post(url, {**payload, "categorieen": ["dossier"]}, format="json")
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    assert not DelingsBesluit.objects.exists() and not signaal.wegingen.filter(soort="pc2b").exists()
    response = api.post(url, {**payload, "categorieen": ["betrokkenen"]}, format="json")
    assert response.status_code == 201, response.content
    besluit = DelingsBesluit.objects.get()
    assert besluit.categorieen == ["kopgegevens", "betrokkenen"]  # the header always comes along
    assert besluit.ontvanger == tenant.politie and besluit.signaal == signaal


def test_a_correction_of_2b_withdraws_the_decisions_of_the_corrected_check(tenant):
    signaal = make_signaal(tenant)
    _to_2b(tenant, signaal)
    extra = {"grondslag": "Art. 172 Gemeentewet", "gegevens": "NAW", "doel": "Aanpak"}
    _weigh(tenant.regisseur, signaal, "pc2b", "delen", ontvangers=[str(tenant.politie.pk)], **extra)
    eerste = signaal.wegingen.get(soort="pc2b")
    _weigh(
        tenant.regisseur,
        signaal,
        "pc2b",
        "delen",
        ontvangers=[str(tenant.corporatie.pk)],
        corrigeert=str(eerste.pk),
        **extra,
    )
    oud = DelingsBesluit.objects.get(weging=eerste)
    assert oud.is_ingetrokken and oud.ontvanger == tenant.politie
    assert DelingsBesluit.objects.actief().get().ontvanger == tenant.corporatie


# --- Access -------------------------------------------------------------------------------------------


def test_a_partner_with_a_decision_sees_the_case_and_only_the_allowed_sections(client, tenant, casus):
    response = detail(client, tenant.wijkagent, casus)
    assert response.status_code == 200
    html = response.content.decode()
    assert casus.nummer in html and "Uw acties in deze casus" in html and "Gesprek (preventief)" in html
    # No "betrokkenen" in the decision: no household names, not the corporation's action, not the goals.
    for secret in ("Jansen", "Andere woning", "Huisvesting"):
        assert secret not in html
    body = api_for(tenant.wijkagent).get(f"/api/v1/casussen/{casus.pk}").json()
    assert body["gedeeld"] == ["kopgegevens", "eigen-acties"] and body["betrokkenen"] is None
    assert "Jansen" not in str(body)

    share(casus, tenant.politie, [Categorie.BETROKKENEN, Categorie.PLAN])
    html = detail(client, tenant.wijkagent, casus).content.decode()
    assert "Jan Jansen" in html and "Gesprek (preventief)" in html
    body = api_for(tenant.wijkagent).get(f"/api/v1/casussen/{casus.pk}").json()
    assert {b["soort"] for b in body["betrokkenen"]} == {"persoon", "adres"}
    assert body["doelen"] == [] and body["afspraken"] == []
    assert "111222333" not in str(body)


def test_without_eigen_acties_the_partner_sees_the_header_but_no_actions(client, tenant, casus):
    withdraw_all(tenant, casus, tenant.politie)
    share(casus, tenant.politie, [Categorie.BETROKKENEN])
    html = detail(client, tenant.wijkagent, casus).content.decode()
    assert casus.nummer in html and "Jan Jansen" in html and "Gesprek (preventief)" not in html
    assert selectors.eigen_acties(tenant.wijkagent).count() == 0
    assert api_for(tenant.wijkagent).get(f"/api/v1/casussen/{casus.pk}").json()["interventies"] == []


def test_without_a_decision_a_participant_gets_404_on_web_and_api(client, tenant):
    casus = new_casus(tenant, titel="Zonder besluit")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    zonder_besluiten(casus)
    assert casus.deelnemers.filter(organisatie=tenant.politie).exists()
    assert detail(client, tenant.wijkagent, casus).status_code == 404
    api = api_for(tenant.wijkagent)
    assert api.get(f"/api/v1/casussen/{casus.pk}").status_code == 404
    assert api.get("/api/v1/casussen").json()["count"] == 0
    assert api.get("/api/v1/interventies").json()["count"] == 0
    interventie = casus.interventies.get()
    assert api.patch(f"/api/v1/interventies/{interventie.pk}", {"status": "lopend"}, format="json").status_code == 404
    interventie.refresh_from_db()
    assert interventie.status == Interventie.Status.GEPLAND
    client.force_login(tenant.wijkagent)
    acties = client.get(reverse("casussen:acties")).content.decode()
    assert casus.nummer not in acties
    # A decision for another organisation does not help.
    share(casus, tenant.corporatie)
    assert detail(client, tenant.wijkagent, casus).status_code == 404


def test_a_decision_without_taking_part_shows_nothing(client, tenant):
    casus = new_casus(tenant, titel="Niet deelnemend")
    share(casus, tenant.politie)
    assert detail(client, tenant.wijkagent, casus).status_code == 404
    assert delen_selectors.allowed_categories(tenant.wijkagent, casus) == frozenset()


def test_withdrawing_ends_access_at_once(client, tenant, casus):
    assert detail(client, tenant.wijkagent, casus).status_code == 200
    client.force_login(tenant.wijkagent)
    assert casus.nummer in client.get(reverse("casussen:acties")).content.decode()
    withdraw_all(tenant, casus, tenant.politie)
    assert detail(client, tenant.wijkagent, casus).status_code == 404
    assert api_for(tenant.wijkagent).get(f"/api/v1/casussen/{casus.pk}").status_code == 404
    assert casus.nummer not in client.get(reverse("casussen:acties")).content.decode()
    # The corporation keeps its own decision.
    assert detail(client, tenant.partnerprofessional, casus).status_code == 200


def test_an_expired_decision_gives_no_access(client, tenant):
    casus = new_casus(tenant, titel="Tijdelijk")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    zonder_besluiten(casus)
    besluit = share(casus, tenant.politie, geldig_tot=timezone.localdate())
    assert detail(client, tenant.wijkagent, casus).status_code == 200  # valid through its last day
    # The next day (no job runs: the date is compared when asked).
    DelingsBesluit.objects.filter(pk=besluit.pk).update(geldig_tot=timezone.localdate() - dt.timedelta(days=1))
    assert detail(client, tenant.wijkagent, casus).status_code == 404
    assert selectors.eigen_acties(tenant.wijkagent).count() == 0


def test_an_overdue_reminder_goes_to_the_regisseur_when_the_owner_may_not_see_the_case(tenant):
    casus = new_casus(tenant, titel="Zonder besluit")
    interventie = add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    zonder_besluiten(casus)
    Interventie.objects.filter(pk=interventie.pk).update(deadline=timezone.localdate() - dt.timedelta(days=2))
    Notificatie.objects.all().delete()
    monitoring.run_daily(tenant.gemeente)
    assert not Notificatie.objects.filter(ontvanger=tenant.wijkagent).exists()
    assert Notificatie.objects.filter(ontvanger=tenant.regisseur, onderwerp__contains=casus.nummer).exists()


def test_the_regisseur_side_is_unchanged(client, tenant):
    casus = new_casus(tenant, titel="Alleen regie")
    assert detail(client, tenant.regisseur, casus).status_code == 200
    assert detail(client, tenant.ondermijningsteam, casus).status_code == 200
    assert delen_selectors.allowed_categories(tenant.regisseur, casus) == set(Categorie.values)


# --- Recording and withdrawing ---------------------------------------------------------------------------


def test_recording_is_for_the_regisseur_side_of_the_own_gemeente_and_needs_every_field(tenant, other_tenant, casus):
    kwargs = {"categorieen": [], "omschrijving": "x", "doel": "y", "grondslag": "z", "casus": casus}
    for user in (tenant.wijkagent, tenant.privacyfunctionaris, other_tenant.regisseur):
        with pytest.raises(NotAllowed):
            services.record_delingsbesluit(user, ontvanger=tenant.politie, **kwargs)
    with pytest.raises(InvalidInput) as error:
        services.record_delingsbesluit(
            tenant.regisseur,
            ontvanger=tenant.politie,
            casus=casus,
            categorieen=["onbekend"],
            omschrijving=" ",
            doel="",
            grondslag="",
            geldig_tot=timezone.localdate() - dt.timedelta(days=1),
        )
    assert {p["name"] for p in error.value.invalid_params} == {
        "omschrijving",
        "doel",
        "grondslag",
        "geldig_tot",
        "categorieen",
    }
    assert not DelingsBesluit.objects.filter(casus=casus).exists()


def test_a_decision_is_never_edited_and_withdrawn_once_with_a_reason(tenant, casus):
    besluit = share(casus, tenant.politie)
    besluit.doel = "Iets anders"
    with pytest.raises(ValueError):
        besluit.save()
    besluit.refresh_from_db()
    with pytest.raises(InvalidInput):
        services.withdraw(tenant.regisseur, besluit, " ")
    with pytest.raises(NotAllowed):
        services.withdraw(tenant.wijkagent, besluit, "Weg ermee.")
    services.withdraw(tenant.regisseur, besluit, "Doel bereikt.")
    besluit.refresh_from_db()
    assert besluit.is_ingetrokken and besluit.ingetrokken_door == tenant.regisseur
    assert besluit.reden_intrekking == "Doel bereikt."
    with pytest.raises(TransitionRefused):
        services.withdraw(tenant.regisseur, besluit, "Nogmaals.")
    logged = Verwerking.objects.filter(handeling__in=["delen.besluit", "delen.intrekking"])
    assert {v.handeling for v in logged if str(besluit.pk) in v.object_ids} == {"delen.besluit", "delen.intrekking"}


def test_the_case_page_lists_decisions_warns_and_records_and_withdraws(client, tenant):
    casus = new_casus(tenant, titel="Met deelnemers")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    zonder_besluiten(casus)
    client.force_login(tenant.regisseur)
    html = client.get(reverse("casussen:sectie", kwargs={"pk": casus.pk, "sectie": "delen"})).content.decode()
    assert "Delen met partners" in html
    assert f"{tenant.politie.naam} ziet niets van deze casus." in html

    url = reverse("casussen:delen", kwargs={"pk": casus.pk})
    refused = client.post(url, {"delen-ontvanger": str(tenant.politie.pk), "delen-categorieen": ["eigen-acties"]})
    assert refused.status_code == 400 and not DelingsBesluit.objects.actief().filter(casus=casus).exists()
    # Only a participating organisation can be chosen.
    niet = client.post(url, {"delen-ontvanger": str(tenant.corporatie.pk), "delen-omschrijving": "x"})
    assert niet.status_code == 400
    response = client.post(
        url,
        {
            "delen-ontvanger": str(tenant.politie.pk),
            "delen-categorieen": ["eigen-acties", "betrokkenen"],
            "delen-omschrijving": "Namen van de bewoners en het gesprek",
            "delen-doel": "Preventief gesprek",
            "delen-grondslag": "Art. 6 lid 1 sub e AVG",
        },
    )
    assert response.status_code == 302
    besluit = DelingsBesluit.objects.actief().get(casus=casus)
    assert besluit.categorieen == ["kopgegevens", "betrokkenen", "eigen-acties"]
    html = client.get(reverse("casussen:sectie", kwargs={"pk": casus.pk, "sectie": "delen"})).content.decode()
    assert "Preventief gesprek" in html and "ziet niets van deze casus" not in html
    assert detail(Client(), tenant.wijkagent, casus).status_code == 200

    client.force_login(tenant.regisseur)
    intrekken = reverse("casussen:delen-intrekken", kwargs={"pk": casus.pk, "besluit_pk": besluit.pk})
    assert client.post(intrekken, {f"intrekken-{besluit.pk}-reden": ""}).status_code == 400
    assert client.post(intrekken, {f"intrekken-{besluit.pk}-reden": "Gesprek gevoerd."}).status_code == 302
    html = client.get(reverse("casussen:sectie", kwargs={"pk": casus.pk, "sectie": "delen"})).content.decode()
    assert "ingetrokken" in html and "Gesprek gevoerd." in html
    assert f"{tenant.politie.naam} ziet niets van deze casus." in html
    assert detail(Client(), tenant.wijkagent, casus).status_code == 404


# --- The disclosures report ------------------------------------------------------------------------------


def test_the_report_lists_decisions_and_reads_of_the_organisation(client, tenant, other_tenant, casus):
    verlopen = share(casus, tenant.politie, [Categorie.BETROKKENEN], doel="Tijdelijk huisbezoek")
    DelingsBesluit.objects.filter(pk=verlopen.pk).update(geldig_tot=timezone.localdate() - dt.timedelta(days=3))
    ingetrokken = share(casus, tenant.politie, doel="Eenmalig overleg")
    services.withdraw(tenant.regisseur, ingetrokken, "Overleg geweest.")
    share(casus, tenant.corporatie, doel="Alleen voor de corporatie")
    assert detail(client, tenant.wijkagent, casus).status_code == 200  # a logged read by the police

    url = reverse("delen:verstrekkingen")
    client.force_login(tenant.regisseur)
    assert client.get(url).status_code == 403
    client.force_login(tenant.privacyfunctionaris)
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("audit:verwerkingen")).content.decode()
    assert client.post(url, {"organisatie": str(other_tenant.politie.pk)}).status_code == 400
    response = client.post(url, {"organisatie": str(tenant.politie.pk)})
    assert response.status_code == 200
    html = response.content.decode()
    for expected in ("Uitvoering van de aanpak", "Tijdelijk huisbezoek", "Eenmalig overleg", "Overleg geweest."):
        assert expected in html
    assert "verlopen" in html and "Art. 172 Gemeentewet" in html
    assert "Alleen voor de corporatie" not in html
    # The read of the case by the wijkagent, with the case number and nothing of the case itself.
    assert tenant.wijkagent.username in html and "casus.detail" in html and casus.nummer in html
    assert casus.titel not in html and "Jansen" not in html
    # The report itself is logged as supervision.
    assert Verwerking.objects.filter(handeling="verwerkingen.verstrekkingen").exists()
    # A period without reads.
    oud = client.post(url, {"organisatie": str(tenant.politie.pk), "van": "2020-01-01", "tot": "2020-01-31"})
    assert "Geen leesacties op casusgegevens in deze periode." in oud.content.decode()


def test_the_2b_web_form_offers_the_categories_and_records_the_chosen_ones(client, tenant):
    signaal = make_signaal(tenant)
    _to_2b(tenant, signaal)
    client.force_login(tenant.regisseur)
    detail_url = reverse("signalen:detail", args=[signaal.pk])
    html = client.get(detail_url).content.decode()
    assert 'name="weging-categorieen" value="eigen-acties"' in html and "Wat van de casus de ontvangers zien" in html
    response = client.post(
        reverse("signalen:weging", args=[signaal.pk]),
        {
            "weging-weging": "pc2b",
            "weging-uitkomst": "delen",
            "weging-toelichting": "De woonconsulent en de wijkagent gaan op huisbezoek.",
            "weging-grondslag": "Art. 172 Gemeentewet",
            "weging-gegevens": "Namen en adres",
            "weging-doel": "Huisbezoek",
            "weging-ontvangers": [str(tenant.politie.pk), str(tenant.corporatie.pk)],
            "weging-categorieen": ["betrokkenen", "eigen-acties"],
        },
    )
    assert response.status_code == 302
    besluiten = DelingsBesluit.objects.filter(signaal=signaal)
    assert {b.ontvanger for b in besluiten} == {tenant.politie, tenant.corporatie}
    assert all(b.categorieen == ["kopgegevens", "betrokkenen", "eigen-acties"] for b in besluiten)
    # The timeline shows the categories with the weging.
    assert "Betrokkenen (huishouden, rol en problematiek)" in client.get(detail_url).content.decode()


def test_a_decision_on_a_later_signal_linked_to_the_case_does_not_cover_it(client, tenant):
    from regiekamer.casussen.models import CasusSignaal

    casus = new_casus(tenant, titel="Bestaande casus")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    zonder_besluiten(casus)
    later = make_signaal(tenant)
    CasusSignaal.objects.create(gemeente=tenant.gemeente, casus=casus, signaal=later, soort=CasusSignaal.Soort.NIEUW)
    services.record_delingsbesluit(
        tenant.regisseur,
        ontvanger=tenant.politie,
        signaal=later,
        categorieen=list(MINIMAAL),
        omschrijving="NAW",
        doel="Aanpak van het nieuwe signaal",
        grondslag="Art. 172 Gemeentewet",
    )
    assert detail(client, tenant.wijkagent, casus).status_code == 404
    assert not delen_selectors.decisions_for_casus(casus).filter(ingetrokken_op__isnull=True).exists()


def test_assigning_an_action_shares_the_action_with_its_organisation_once(client, tenant):
    casus = new_casus(tenant, titel="Sluiting")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    besluit = DelingsBesluit.objects.get(casus=casus)
    assert besluit.ontvanger == tenant.politie and besluit.vastgelegd_door == tenant.regisseur
    assert besluit.categorieen == list(MINIMAAL) and besluit.grondslag and "Gesprek" in besluit.doel
    # The professional sees their own action and the case's header, nothing more.
    assert detail(client, tenant.wijkagent, casus).status_code == 200
    assert selectors.eigen_acties(tenant.wijkagent).count() == 1
    assert delen_selectors.allowed_categories(tenant.wijkagent, casus) == set(MINIMAAL)
    # A second action for the same organisation needs no second decision; neither does one for the regie side.
    add_actie(tenant, casus, tenant.politie, soort="gesprek")
    add_actie(tenant, casus, tenant.regisseur.organisatie, soort="gesprek")
    assert DelingsBesluit.objects.filter(casus=casus).count() == 1


def test_a_withdrawn_decision_is_not_overruled_by_assigning_another_action(client, tenant):
    casus = new_casus(tenant, titel="Ingetrokken")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    zonder_besluiten(casus)
    add_actie(tenant, casus, tenant.politie, soort="gesprek")
    assert not DelingsBesluit.objects.actief().filter(casus=casus).exists()
    assert detail(client, tenant.wijkagent, casus).status_code == 404


def test_the_recipients_of_privacy_check_2b_are_proposed_as_participants_not_added(client, tenant):
    casus = hand_over(tenant, make_signaal(tenant))
    assert not casus.deelnemers.exists()
    client.force_login(tenant.regisseur)
    html = client.get(reverse("casussen:detail", kwargs={"pk": casus.pk})).content.decode()
    assert f"{tenant.politie.naam} mag meekijken" in html and f"{tenant.corporatie.naam} mag meekijken" in html
    client.post(
        reverse("casussen:deelnemer-toevoegen", kwargs={"pk": casus.pk}),
        {"deelnemer-organisatie": str(tenant.politie.pk), "deelnemer-rol": "Ontvanger van het delingsbesluit"},
    )
    html = client.get(reverse("casussen:detail", kwargs={"pk": casus.pk})).content.decode()
    assert f"{tenant.politie.naam} mag meekijken" not in html and f"{tenant.corporatie.naam} mag meekijken" in html
    assert detail(Client(), tenant.wijkagent, casus).status_code == 200
