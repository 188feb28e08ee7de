"""The rules of casusregie: the versioned plan, interventions, partner updates, closing, new signals and
relapse, and the reporter's status that follows the case."""

import datetime as dt

import pytest
from django.utils import timezone

from regiekamer.bronnen.services import query_hit
from regiekamer.casussen import selectors, services
from regiekamer.casussen.models import (
    Casus,
    CasusSignaal,
    Deelnemer,
    Doel,
    Interventie,
    Leefgebied,
    PlanVersie,
)
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.delen.testing import share
from regiekamer.notifications.models import Notificatie
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.signalen.selectors import status_for_reporter
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db


# --- Helpers, also used by the API, monitoring and meeting tests ----------------------------------


def _weigh(user, signaal, weging, uitkomst, **extra):
    extra.setdefault("toelichting", f"Motivering voor {weging}.")
    record_weging(user, signaal, WegingInvoer(weging=weging, uitkomst=uitkomst, **extra))
    signaal.refresh_from_db()


def hand_over(tenant, signaal, aanpak="huishouden") -> Casus:
    """Walk a signal through the protocol to step 4 and hand it over to a new case."""
    regisseur = tenant.regisseur
    for weging, uitkomst in [
        ("1", "ondermijning"),
        ("2a", "gemeentelijke-taak"),
        ("2b", "eigen-grondgebied"),
        ("3", "bronnenonderzoek"),
    ]:
        _weigh(regisseur, signaal, weging, uitkomst)
    _weigh(regisseur, signaal, "pc1", "bronnen-vastgesteld", bronnen=["brp"], grondslag="Art. 172 Gemeentewet")
    query_hit(regisseur, signaal, "brp", signaal.personen.first())
    _weigh(regisseur, signaal, "bronnen", "doorgaan")
    _weigh(regisseur, signaal, "pc2a", "delen", grondslag="Art. 172 Gemeentewet", gegevens="NAW", doel="Overleg")
    _weigh(
        regisseur,
        signaal,
        "pc2b",
        "delen",
        grondslag="Art. 172 Gemeentewet",
        gegevens="NAW",
        doel="Uitvoering van de aanpak",
        ontvangers=[str(tenant.politie.pk), str(tenant.corporatie.pk)],
    )
    _weigh(regisseur, signaal, "aanpak", "casus", aanpak=aanpak)
    return signaal.casussen.get()


def new_casus(tenant, titel="Huishouden Jansen", aanpak="huishouden", **kwargs) -> Casus:
    return services.open_casus(tenant.regisseur, titel, aanpak, **kwargs)


def actie(organisatie, soort="schuldhulpverlening", eigenaar=None, doel=None, deadline=None, **kwargs):
    return InterventieInvoer(
        soort=soort,
        eigenaar_organisatie=str(organisatie.pk),
        eigenaar=str(eigenaar.pk) if eigenaar else None,
        doel=str(doel.pk) if doel else None,
        deadline=deadline or timezone.localdate() + dt.timedelta(days=14),
        **kwargs,
    )


def add_actie(tenant, casus, organisatie=None, **kwargs) -> Interventie:
    return services.add_interventie(tenant.regisseur, casus, actie(organisatie or tenant.corporatie, **kwargs))


def persoon(voornamen="Jan", achternaam="Jansen", bsn="111222333"):
    return PersoonGegevens(voornamen=voornamen, achternaam=achternaam, geboortedatum=dt.date(1980, 5, 1), bsn=bsn)


def finish_all(tenant, casus):
    for interventie in casus.interventies.filter(status__in=Interventie.OPEN_STATUSES):
        services.update_interventie(tenant.regisseur, interventie, "afgerond", "Gedaan.")


def close(tenant, casus, resultaat="behaald"):
    finish_all(tenant, casus)
    resultaten = {str(doel.pk): resultaat for doel in casus.doelen.all()}
    return services.close_casus(tenant.regisseur, casus, resultaten, "afgeschaald", "Doelen bereikt.")


# --- Opening ------------------------------------------------------------------------------------


def test_hand_over_opens_a_case_with_the_signals_subjects(tenant, signaal):
    casus = hand_over(tenant, signaal, aanpak="persoonsgericht")
    assert casus.aanpak == "persoonsgericht" and casus.regisseur == tenant.regisseur and casus.is_open
    assert casus.casus_signalen.get().soort == CasusSignaal.Soort.OVERDRACHT
    assert {str(b.subject) for b in casus.betrokkenen.all()} == {
        str(signaal.personen.get()),
        str(signaal.adressen.get()),
    }
    assert [v.versie for v in casus.planversies.all()] == [1]


def test_open_directly_numbers_per_gemeente_and_needs_rights(tenant, other_tenant):
    first = new_casus(tenant, herkomst="Zorg- en Veiligheidshuis")
    second = new_casus(tenant, titel="Groep schoolplein", aanpak="groepsgericht")
    elsewhere = new_casus(other_tenant)
    year = timezone.localdate().year
    assert (first.nummer, second.nummer, elsewhere.nummer) == (f"C{year}-0001", f"C{year}-0002", f"C{year}-0001")
    assert first.herkomst == "Zorg- en Veiligheidshuis"
    for user in (tenant.partnerprofessional, tenant.wijkagent, tenant.manager, tenant.analist):
        with pytest.raises(NotAllowed):
            services.open_casus(user, "Niet mijn taak", "huishouden")
    with pytest.raises(InvalidInput) as invalid:
        services.open_casus(tenant.regisseur, "Hangplek", "gebiedsgericht")
    assert [p["name"] for p in invalid.value.invalid_params] == ["buurt"]
    with pytest.raises(InvalidInput):
        services.open_casus(tenant.regisseur, "Hangplek", "gebiedsgericht", buurt=other_tenant.buurt)
    assert services.open_casus(tenant.regisseur, "Hangplek", "gebiedsgericht", buurt=tenant.buurt).buurt == tenant.buurt
    assert Casus.objects.filter(gemeente=tenant.gemeente).count() == 3


def test_numbers_go_on_past_9999_cases_a_year(tenant):
    """The next number is the highest plus one, also when the numbers get a fifth digit (a region's volume)."""
    first = new_casus(tenant)
    year = first.nummer[1:5]
    Casus.objects.filter(pk=first.pk).update(nummer=f"C{year}-9999")
    assert new_casus(tenant).nummer == f"C{year}-10000"
    assert new_casus(tenant).nummer == f"C{year}-10001"


# --- Plan versions ------------------------------------------------------------------------------


def test_every_plan_change_is_a_new_version_and_old_versions_keep_their_content(tenant):
    casus = new_casus(tenant)
    financien = Leefgebied.objects.get(gemeente=tenant.gemeente, code="financien")
    doel = services.add_doel(tenant.regisseur, casus, "Schulden in beeld en geregeld", financien)
    services.save_analyse(tenant.regisseur, casus, financien, "Betalingsachterstanden bij energie en huur.")
    services.add_afspraak(tenant.regisseur, casus, "Moeder meldt zich bij schuldhulp.")
    interventie = add_actie(tenant, casus, doel=doel, eigenaar=tenant.partnerprofessional)
    services.update_interventie(tenant.partnerprofessional, interventie, "lopend", "Intake gepland.")

    versies = list(PlanVersie.objects.filter(casus=casus).order_by("versie"))
    assert [v.versie for v in versies] == [1, 2, 3, 4, 5, 6]
    assert [v.wijziging for v in versies] == [
        "Casus geopend",
        "Doel toegevoegd: Schulden in beeld en geregeld",
        "Analyse Financiën bijgewerkt",
        "Afspraak toegevoegd",
        "Interventie toegevoegd: Schuldhulpverlening",
        "Schuldhulpverlening: status Gepland → Lopend, resultaat bijgewerkt",
    ]
    assert versies[-1].gewijzigd_door == tenant.partnerprofessional
    assert all(v.gewijzigd_door == tenant.regisseur for v in versies[:-1])
    # Each version holds the plan as it stood then.
    assert versies[0].inhoud["doelen"] == [] and versies[0].inhoud["interventies"] == []
    assert [d["omschrijving"] for d in versies[1].inhoud["doelen"]] == ["Schulden in beeld en geregeld"]
    assert versies[1].inhoud["analyses"] == []
    assert versies[2].inhoud["analyses"] == [
        {"leefgebied": "Financiën", "tekst": "Betalingsachterstanden bij energie en huur."}
    ]
    assert versies[3].inhoud["afspraken"] == ["Moeder meldt zich bij schuldhulp."]
    assert [(i["status"], i["resultaat"]) for i in versies[4].inhoud["interventies"]] == [("gepland", "")]
    assert [(i["status"], i["resultaat"]) for i in versies[5].inhoud["interventies"]] == [("lopend", "Intake gepland.")]
    assert versies[4].inhoud["interventies"][0]["doel"] == str(doel.pk)
    assert services.current_version(casus) == versies[-1]
    assert services.plan_snapshot(casus) == versies[-1].inhoud


def test_an_update_that_changes_nothing_records_no_version(tenant):
    casus = new_casus(tenant)
    interventie = add_actie(tenant, casus)
    before = casus.planversies.count()
    services.update_interventie(tenant.regisseur, interventie, "gepland", "")
    assert casus.planversies.count() == before


def test_a_plan_version_cannot_be_saved_twice(tenant):
    casus = new_casus(tenant)
    versie = services.current_version(casus)
    versie.wijziging = "Achteraf herschreven"
    with pytest.raises(ValueError):
        versie.save()
    versie.refresh_from_db()
    assert versie.wijziging == "Casus geopend"


def test_plan_changes_need_the_regisseur_side_of_the_own_gemeente(tenant, other_tenant):
    casus = new_casus(tenant)
    for user in (tenant.partnerprofessional, other_tenant.regisseur):
        with pytest.raises(NotAllowed):
            services.add_doel(user, casus, "Doel")
        with pytest.raises(NotAllowed):
            services.add_interventie(user, casus, actie(tenant.corporatie))
    assert casus.planversies.count() == 1


# --- Interventions ------------------------------------------------------------------------------


def test_repressive_intervention_needs_impact_and_who_takes_care_of_consequences(tenant):
    casus = new_casus(tenant)
    before = (PlanVersie.objects.count(), Deelnemer.objects.count(), Notificatie.objects.count())
    with pytest.raises(InvalidInput) as invalid:
        add_actie(tenant, casus, tenant.afdeling, soort="sluiting-13b", eigenaar=tenant.wijkagent)
    names = {p["name"] for p in invalid.value.invalid_params}
    assert {"impact_huishouden", "opvang_gevolgen"} <= names
    with pytest.raises(InvalidInput) as invalid:
        add_actie(tenant, casus, tenant.afdeling, soort="sluiting-13b", impact_huishouden="Gezin verliest woning.")
    assert [p["name"] for p in invalid.value.invalid_params] == ["opvang_gevolgen"]
    assert not Interventie.objects.exists()
    assert (PlanVersie.objects.count(), Deelnemer.objects.count(), Notificatie.objects.count()) == before

    sluiting = add_actie(
        tenant,
        casus,
        tenant.afdeling,
        soort="sluiting-13b",
        impact_huishouden="Moeder en twee zonen verliezen de woning.",
        opvang_gevolgen="Wijkteam regelt tijdelijke huisvesting.",
    )
    assert sluiting.soort.repressief and sluiting.opvang_gevolgen == "Wijkteam regelt tijdelijke huisvesting."


def test_a_care_intervention_needs_no_impact_statement(tenant):
    casus = new_casus(tenant)
    assert add_actie(tenant, casus, soort="dagbesteding").impact_huishouden == ""


def test_uitvoerder_must_work_at_the_executing_organisation(tenant, other_tenant):
    casus = new_casus(tenant)
    with pytest.raises(InvalidInput) as invalid:
        add_actie(tenant, casus, tenant.corporatie, eigenaar=tenant.wijkagent)
    assert [p["name"] for p in invalid.value.invalid_params] == ["eigenaar"]
    with pytest.raises(InvalidInput) as invalid:
        add_actie(tenant, casus, other_tenant.corporatie, eigenaar=other_tenant.partnerprofessional)
    assert {p["name"] for p in invalid.value.invalid_params} == {"eigenaar_organisatie", "eigenaar"}
    with pytest.raises(InvalidInput) as invalid:
        add_actie(tenant, casus, soort="bestaat-niet")
    assert [p["name"] for p in invalid.value.invalid_params] == ["soort"]
    assert not Interventie.objects.exists()
    assert add_actie(tenant, casus, tenant.politie, eigenaar=tenant.wijkagent).eigenaar == tenant.wijkagent


def test_doel_must_belong_to_the_case(tenant, other_tenant):
    casus = new_casus(tenant)
    ander = new_casus(tenant, titel="Ander huishouden")
    vreemd_doel = services.add_doel(tenant.regisseur, ander, "Doel van een andere casus")
    with pytest.raises(InvalidInput) as invalid:
        add_actie(tenant, casus, doel=vreemd_doel)
    assert [p["name"] for p in invalid.value.invalid_params] == ["doel"]
    elders = new_casus(other_tenant)
    with pytest.raises(InvalidInput):
        add_actie(tenant, casus, doel=services.add_doel(other_tenant.regisseur, elders, "Elders"))
    assert not casus.interventies.exists()
    eigen_doel = services.add_doel(tenant.regisseur, casus, "Eigen doel")
    assert add_actie(tenant, casus, doel=eigen_doel).doel == eigen_doel


def test_assigning_an_action_notifies_the_owner_and_makes_them_take_part(tenant):
    casus = new_casus(tenant)
    share(casus, tenant.politie)
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    assert Notificatie.objects.filter(ontvanger=tenant.wijkagent, onderwerp__contains=casus.nummer).count() == 1
    assert selectors.get_casus(tenant.wijkagent, casus.pk) == casus
    assert list(selectors.zichtbare_casussen(tenant.partnerprofessional)) == []


def test_a_second_professional_of_a_participating_organisation_can_open_the_case_of_their_action(tenant):
    """Bug fixed in add_interventie: the organisation already took part through one named professional,
    so a colleague who got an action assigned was never added and could not see the case of their own action."""
    from regiekamer.accounts.roles import Rol
    from regiekamer.accounts.services import create_user

    collega = create_user("zv-agent-2", tenant.politie, [Rol.PARTNERPROFESSIONAL])
    casus = new_casus(tenant)
    services.add_deelnemer(tenant.regisseur, casus, tenant.politie, tenant.wijkagent, "wijkagent")
    share(casus, tenant.politie)
    interventie = add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=collega)
    assert list(selectors.eigen_acties(collega)) == [interventie]
    assert selectors.get_casus(collega, casus.pk) == casus
    # The organisation-wide action is for every colleague, so the organisation as a whole takes part.
    org_actie = add_actie(tenant, casus, tenant.politie, soort="aangifte")
    anderen = create_user("zv-agent-3", tenant.politie, [Rol.PARTNERPROFESSIONAL])
    assert list(selectors.eigen_acties(anderen)) == [org_actie]
    assert selectors.get_casus(anderen, casus.pk) == casus
    assert list(selectors.interventies_voor(anderen, casus)) == [org_actie]


# --- Partner updates ----------------------------------------------------------------------------


def test_partner_updates_only_own_actions(tenant, other_tenant):
    casus = new_casus(tenant)
    share(casus, tenant.politie)
    share(casus, tenant.corporatie)
    van_agent = add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    van_corporatie = add_actie(tenant, casus, tenant.corporatie, soort="huisvesting")
    for user, interventie in [
        (tenant.partnerprofessional, van_agent),
        (tenant.wijkagent, van_corporatie),
        (other_tenant.wijkagent, van_agent),
        (other_tenant.regisseur, van_agent),
        (tenant.analist, van_agent),
    ]:
        with pytest.raises(NotAllowed):
            services.update_interventie(user, interventie, "lopend", "")
    van_agent.refresh_from_db()
    assert van_agent.status == "gepland"
    assert list(selectors.eigen_acties(tenant.wijkagent)) == [van_agent]
    assert list(selectors.eigen_acties(tenant.partnerprofessional)) == [van_corporatie]

    services.update_interventie(tenant.wijkagent, van_agent, "lopend", "Eerste gesprek gevoerd.")
    services.update_interventie(tenant.partnerprofessional, van_corporatie, "afgerond", "Woning aangeboden.")
    van_agent.refresh_from_db()
    van_corporatie.refresh_from_db()
    assert (van_agent.status, van_agent.resultaat, van_agent.afgerond_op) == ("lopend", "Eerste gesprek gevoerd.", None)
    assert van_corporatie.status == "afgerond" and van_corporatie.afgerond_op is not None


def test_partner_cannot_move_the_deadline_but_the_regisseur_can(tenant):
    casus = new_casus(tenant)
    interventie = add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    deadline = interventie.deadline
    versies = casus.planversies.count()
    with pytest.raises(NotAllowed):
        services.update_interventie(tenant.wijkagent, interventie, "lopend", "", deadline + dt.timedelta(days=30))
    interventie.refresh_from_db()
    assert (interventie.deadline, interventie.status) == (deadline, "gepland")
    assert casus.planversies.count() == versies
    # Sending the unchanged deadline along is fine.
    services.update_interventie(tenant.wijkagent, interventie, "lopend", "", deadline)

    services.update_interventie(tenant.regisseur, interventie, "lopend", "", deadline + dt.timedelta(days=7))
    interventie.refresh_from_db()
    assert interventie.deadline == deadline + dt.timedelta(days=7)
    assert "uiterste datum" in services.current_version(casus).wijziging


def test_finishing_or_stopping_needs_a_result(tenant):
    casus = new_casus(tenant)
    interventie = add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    for status in ("afgerond", "gestopt"):
        with pytest.raises(InvalidInput) as invalid:
            services.update_interventie(tenant.wijkagent, interventie, status, "  ")
        assert [p["name"] for p in invalid.value.invalid_params] == ["resultaat"]
    with pytest.raises(InvalidInput):
        services.update_interventie(tenant.wijkagent, interventie, "verdwenen", "x")
    interventie.refresh_from_db()
    assert interventie.status == "gepland"


# --- Closing ------------------------------------------------------------------------------------


def test_close_refuses_with_open_actions(tenant):
    casus = new_casus(tenant)
    doel = services.add_doel(tenant.regisseur, casus, "Schuldenvrij")
    interventie = add_actie(tenant, casus, doel=doel)
    with pytest.raises(TransitionRefused):
        services.close_casus(tenant.regisseur, casus, {str(doel.pk): "behaald"}, "afgeschaald", "Klaar.")
    casus.refresh_from_db()
    doel.refresh_from_db()
    assert casus.is_open and casus.gesloten_op is None and doel.resultaat == ""
    services.update_interventie(tenant.regisseur, interventie, "gestopt", "Niet meer nodig.")
    services.close_casus(tenant.regisseur, casus, {str(doel.pk): "deels"}, "overgedragen", "Naar wijkteam.")
    casus.refresh_from_db()
    assert casus.status == "gesloten" and casus.sluitreden == "overgedragen"


def test_close_needs_a_result_per_goal_a_reason_and_an_evaluation(tenant):
    casus = new_casus(tenant)
    eerste = services.add_doel(tenant.regisseur, casus, "Schuldenvrij")
    tweede = services.add_doel(tenant.regisseur, casus, "Zoon naar school")
    with pytest.raises(InvalidInput) as invalid:
        services.close_casus(tenant.regisseur, casus, {str(eerste.pk): "behaald", str(tweede.pk): "half"}, "", " ")
    assert {p["name"] for p in invalid.value.invalid_params} == {f"resultaten.{tweede.pk}", "sluitreden", "evaluatie"}
    casus.refresh_from_db()
    assert casus.is_open
    assert not Doel.objects.exclude(resultaat="").exists()
    with pytest.raises(NotAllowed):
        services.close_casus(tenant.partnerprofessional, casus, {}, "afgeschaald", "x")

    services.close_casus(
        tenant.regisseur, casus, {str(eerste.pk): "behaald", str(tweede.pk): "niet"}, "beeindigd", "Gezin verhuisd."
    )
    casus.refresh_from_db()
    assert (casus.status, casus.sluitreden, casus.evaluatie) == ("gesloten", "beeindigd", "Gezin verhuisd.")
    assert casus.gesloten_op is not None
    assert dict(casus.doelen.values_list("omschrijving", "resultaat")) == {
        "Schuldenvrij": "behaald",
        "Zoon naar school": "niet",
    }
    laatste = services.current_version(casus)
    assert laatste.wijziging == "Casus gesloten (Beëindigd)"
    assert [d["resultaat"] for d in laatste.inhoud["doelen"]] == ["behaald", "niet"]
    with pytest.raises(TransitionRefused):
        services.add_doel(tenant.regisseur, casus, "Nog iets")
    with pytest.raises(TransitionRefused):
        services.close_casus(tenant.regisseur, casus, {}, "afgeschaald", "Nogmaals.")


def test_a_closed_case_accepts_no_action_updates(tenant):
    casus = new_casus(tenant)
    interventie = add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    close(tenant, casus)
    with pytest.raises(TransitionRefused):
        services.update_interventie(tenant.wijkagent, interventie, "lopend", "")


# --- New signals and relapse --------------------------------------------------------------------


def test_a_new_signal_about_a_subject_of_an_open_case_appears_on_it_and_notifies_the_regisseur(tenant, signaal):
    casus = hand_over(tenant, signaal)
    Notificatie.objects.all().delete()
    nieuw = make_signaal(tenant, omschrijving="Weer veel aanloop.", adressen=[], personen=[persoon()])
    link = casus.casus_signalen.get(signaal=nieuw)
    assert link.soort == CasusSignaal.Soort.NIEUW and link.gezien_op is None
    notificaties = Notificatie.objects.filter(ontvanger=tenant.regisseur)
    assert [n.onderwerp for n in notificaties] == [f"Nieuw signaal {nieuw.nummer} op casus {casus.nummer}"]
    assert "Jansen" not in notificaties.get().onderwerp + notificaties.get().tekst
    assert list(selectors.regisseur_home(tenant.regisseur)["nieuwe_signalen"]) == [link]
    services.mark_signalen_seen(tenant.regisseur, casus)
    assert not selectors.regisseur_home(tenant.regisseur)["nieuwe_signalen"].exists()


def test_a_signal_about_someone_else_or_in_another_gemeente_does_not_touch_the_case(tenant, other_tenant, signaal):
    casus = hand_over(tenant, signaal)
    make_signaal(tenant, personen=[persoon("Piet", "Pietersen", "123456782")], adressen=[])
    make_signaal(other_tenant, personen=[persoon()])  # same person data, other tenant
    assert casus.casus_signalen.count() == 1


@pytest.mark.parametrize("subject", ["adres", "rechtspersoon"])
def test_a_new_signal_naming_only_an_address_or_only_a_legal_person_of_the_case_appears_on_it(tenant, subject):
    bedrijf = ("Kweekhandel Groen B.V.", "12345678")
    casus = hand_over(tenant, make_signaal(tenant, rechtspersonen=[bedrijf]))
    assert casus.betrokkenen.filter(**{f"{subject}__isnull": False}).exists()
    adres = AdresGegevens(postcode="9901AB", huisnummer=12)
    nieuw = make_signaal(
        tenant,
        personen=[],
        adressen=[adres] if subject == "adres" else [],
        rechtspersonen=[bedrijf] if subject == "rechtspersoon" else [],
    )
    assert casus.casus_signalen.get(signaal=nieuw).soort == CasusSignaal.Soort.NIEUW
    # Another address or company of the same gemeente is not on the case.
    anders = make_signaal(
        tenant,
        personen=[],
        adressen=[AdresGegevens(postcode="9901AB", huisnummer=14)] if subject == "adres" else [],
        rechtspersonen=[("Bakkerij De Korenaar B.V.", "87654321")] if subject == "rechtspersoon" else [],
    )
    assert not casus.casus_signalen.filter(signaal=anders).exists()


def test_a_new_signal_after_closing_flags_possible_relapse(tenant, signaal):
    casus = hand_over(tenant, signaal)
    services.add_doel(tenant.regisseur, casus, "Geen hennepteelt meer")
    close(tenant, casus)
    Notificatie.objects.all().delete()
    terugval = make_signaal(tenant, omschrijving="Opnieuw hennepgeur.", adressen=[], personen=[persoon()])
    link = casus.casus_signalen.get(signaal=terugval)
    assert link.soort == CasusSignaal.Soort.TERUGVAL
    assert [n.onderwerp for n in Notificatie.objects.filter(ontvanger=tenant.regisseur)] == [
        f"Mogelijke terugval: nieuw signaal {terugval.nummer} na gesloten casus {casus.nummer}"
    ]
    assert list(selectors.regisseur_home(tenant.regisseur)["terugval"]) == [link]
    casus.refresh_from_db()
    assert casus.status == "gesloten"


def test_a_signal_beyond_the_relapse_period_flags_nothing(tenant, signaal):
    casus = hand_over(tenant, signaal)
    close(tenant, casus)
    dagen = services.instellingen(tenant.gemeente).terugval_dagen
    Casus.objects.filter(pk=casus.pk).update(gesloten_op=timezone.now() - dt.timedelta(days=dagen + 1))
    Notificatie.objects.all().delete()
    make_signaal(tenant, omschrijving="Opnieuw hennepgeur.", adressen=[], personen=[persoon()])
    assert casus.casus_signalen.count() == 1
    assert not Notificatie.objects.filter(ontvanger=tenant.regisseur).exists()


# --- The reporter's view ------------------------------------------------------------------------


def test_reporter_status_follows_the_case(tenant, signaal):
    assert status_for_reporter(signaal).status == "ontvangen"
    casus = hand_over(tenant, signaal)
    assert status_for_reporter(signaal).status == "in-behandeling"
    services.add_doel(tenant.regisseur, casus, "Geen hennepteelt meer")
    add_actie(tenant, casus)
    assert status_for_reporter(signaal).status == "in-behandeling"
    close(tenant, casus)
    casus.refresh_from_db()
    status = status_for_reporter(signaal)
    assert status.status == "afgerond" and status.bijgewerkt == casus.gesloten_op
    assert casus.nummer not in status.bericht and "hennep" not in status.bericht.lower()


# --- Tenant separation --------------------------------------------------------------------------


def test_cases_and_actions_stay_within_their_gemeente(tenant, other_tenant):
    casus = new_casus(tenant)
    share(casus, tenant.politie)
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    elders = new_casus(other_tenant)
    add_actie(other_tenant, elders, other_tenant.politie, soort="gesprek", eigenaar=other_tenant.wijkagent)
    assert list(selectors.zichtbare_casussen(tenant.regisseur)) == [casus]
    assert list(selectors.zichtbare_casussen(other_tenant.regisseur)) == [elders]
    assert [i.casus for i in selectors.eigen_acties(tenant.wijkagent)] == [casus]
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.get_casus(other_tenant.regisseur, casus.pk)
    with pytest.raises(Http404):
        selectors.get_casus(tenant.wijkagent, elders.pk)
    for call in (
        lambda: services.add_doel(other_tenant.regisseur, casus, "x"),
        lambda: services.add_deelnemer(other_tenant.regisseur, casus, other_tenant.politie),
        lambda: services.close_casus(other_tenant.regisseur, casus, {}, "afgeschaald", "x"),
    ):
        with pytest.raises(NotAllowed):
            call()
    with pytest.raises(InvalidInput):
        services.add_deelnemer(tenant.regisseur, casus, other_tenant.politie)
