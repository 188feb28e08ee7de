"""Case meetings: which cases land on the agenda and why, minutes that turn action points into
interventions and fix the agreed plan version, and each participant's own copy of the agenda."""

import datetime as dt

import pytest
from django.utils import timezone

from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import Casus, Interventie
from regiekamer.casussen.tests.test_services import actie, add_actie, close, hand_over, new_casus, persoon
from regiekamer.conftest import make_signaal
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.delen.testing import share, zonder_besluiten
from regiekamer.notifications.models import Notificatie
from regiekamer.overleggen import services
from regiekamer.overleggen.models import Agendapunt, BesprekingsVerzoek

pytestmark = pytest.mark.django_db


def plan(tenant, deelnemers=(), soort="casusoverleg", titel="Casusoverleg week 12", dagen=7):
    datum = timezone.now() + dt.timedelta(days=dagen)
    return services.plan_overleg(tenant.regisseur, soort, titel, datum, [str(u.pk) for u in deelnemers])


def discussed(tenant, *cases):
    """Put cases on an earlier meeting, so they are no longer new."""
    earlier = plan(tenant, titel="Eerder overleg", dagen=-14)
    for casus in cases:
        services.add_agendapunt(tenant.regisseur, earlier, casus, Agendapunt.Reden.NIEUW)
    return earlier


def test_plan_overleg_invites_participants_of_the_own_gemeente_only(tenant, other_tenant):
    overleg = plan(tenant, [tenant.wijkagent, tenant.partnerprofessional])
    assert set(overleg.deelnemers.all()) == {tenant.wijkagent, tenant.partnerprofessional}
    assert Notificatie.objects.filter(ontvanger=tenant.wijkagent, onderwerp__startswith="Uitnodiging").count() == 1
    with pytest.raises(InvalidInput) as invalid:
        plan(tenant, [tenant.wijkagent, other_tenant.wijkagent])
    assert [p["name"] for p in invalid.value.invalid_params] == ["deelnemers"]
    with pytest.raises(NotAllowed):
        services.plan_overleg(tenant.wijkagent, "triage", "Triage", timezone.now(), [])


def test_agenda_candidates_name_why_a_case_needs_discussion(tenant, other_tenant):
    new_casus(tenant, titel="Nieuw")
    rustig = new_casus(tenant, titel="Loopt goed")
    te_laat = new_casus(tenant, titel="Acties te laat")
    stagneert = new_casus(tenant, titel="Stil")
    aangevraagd = new_casus(tenant, titel="Aangevraagd")
    met_signaal = hand_over(tenant, make_signaal(tenant))
    gesloten = new_casus(tenant, titel="Gesloten")
    discussed(tenant, rustig, te_laat, stagneert, aangevraagd, met_signaal, gesloten)
    close(tenant, gesloten)
    new_casus(other_tenant, titel="Elders")

    add_actie(tenant, rustig)  # due in two weeks
    interventie = add_actie(tenant, te_laat)
    Interventie.objects.filter(pk=interventie.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    Casus.objects.filter(pk=stagneert.pk).update(laatste_activiteit_op=timezone.now() - dt.timedelta(days=45))
    services.request_bespreking(tenant.regisseur, aangevraagd, "Moeder vraagt hulp.")
    casus_services.mark_signalen_seen(tenant.regisseur, met_signaal)
    make_signaal(tenant, omschrijving="Weer aanloop.", adressen=[], personen=[persoon()])

    reasons = {casus.titel: reden for casus, reden in services.agenda_candidates(tenant.gemeente)}
    assert reasons == {
        "Nieuw": "nieuw",
        "Acties te laat": "te-laat",
        "Stil": "stagneert",
        "Aangevraagd": "aangevraagd",
        met_signaal.titel: "nieuw-signaal",
    }


def test_a_request_to_discuss_needs_participation_and_a_reason(tenant):
    casus = new_casus(tenant)
    with pytest.raises(NotAllowed):
        services.request_bespreking(tenant.wijkagent, casus, "Graag bespreken.")
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    zonder_besluiten(casus)
    with pytest.raises(NotAllowed):  # taking part without a sharing decision: the case is not visible yet
        services.request_bespreking(tenant.wijkagent, casus, "Graag bespreken.")
    share(casus, tenant.politie)
    with pytest.raises(InvalidInput):
        services.request_bespreking(tenant.wijkagent, casus, " ")
    verzoek = services.request_bespreking(tenant.wijkagent, casus, "Bewoner weigert contact.")
    assert verzoek.aangevraagd_door == tenant.wijkagent and verzoek.agendapunt is None


def test_build_agenda_puts_each_case_on_once(tenant):
    eerste = new_casus(tenant, titel="Eerste")
    tweede = new_casus(tenant, titel="Tweede")
    services.request_bespreking(tenant.regisseur, tweede, "Graag bespreken.")
    overleg = plan(tenant)
    added = services.build_agenda(tenant.regisseur, overleg)
    assert [(p.casus, p.reden) for p in added] == [(eerste, "nieuw"), (tweede, "aangevraagd")]
    assert [p.volgorde for p in added] == [1, 2]
    assert BesprekingsVerzoek.objects.get().agendapunt == added[1]

    # A case that still needs discussion for another reason is not put on a second time.
    interventie = add_actie(tenant, eerste)
    Interventie.objects.filter(pk=interventie.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    assert [c for c, _reden in services.agenda_candidates(tenant.gemeente)] == [eerste]
    assert services.build_agenda(tenant.regisseur, overleg) == []
    assert services.build_agenda(tenant.regisseur, overleg) == []
    assert overleg.agendapunten.count() == 2
    derde = new_casus(tenant, titel="Derde")
    assert [(p.casus, p.volgorde) for p in services.build_agenda(tenant.regisseur, overleg)] == [(derde, 3)]
    with pytest.raises(NotAllowed):
        services.build_agenda(tenant.wijkagent, overleg)


def test_minutes_turn_action_points_into_interventions_and_fix_the_agreed_plan(tenant):
    casus = hand_over(tenant, make_signaal(tenant))
    doel = casus_services.add_doel(tenant.regisseur, casus, "Woning hennepvrij")
    overleg = plan(tenant, [tenant.wijkagent])
    (punt,) = services.build_agenda(tenant.regisseur, overleg)
    versies = casus.planversies.count()

    services.record_notulen(
        tenant.regisseur,
        punt,
        "Besproken: signalen bevestigd door wijkagent.",
        "Huisbezoek en gesprek.",
        [actie(tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent, doel=doel)],
    )
    punt.refresh_from_db()
    overleg.refresh_from_db()
    interventie = casus.interventies.get()
    assert interventie.agendapunt == punt and interventie.doel == doel and interventie.eigenaar == tenant.wijkagent
    assert casus.planversies.count() == versies + 2  # the action, then the plan as agreed
    assert punt.planversie == casus_services.current_version(casus)
    assert punt.planversie.wijziging == f"Besproken in {overleg.titel}"
    assert [i["id"] for i in punt.planversie.inhoud["interventies"]] == [str(interventie.pk)]
    assert (punt.notulen, punt.besluiten) == ("Besproken: signalen bevestigd door wijkagent.", "Huisbezoek en gesprek.")
    assert overleg.gehouden
    assert not casus.casus_signalen.filter(gezien_op__isnull=True).exists()
    with pytest.raises(TransitionRefused):
        services.build_agenda(tenant.regisseur, overleg)


def test_minutes_with_an_invalid_action_point_store_nothing(tenant):
    casus = new_casus(tenant)
    overleg = plan(tenant)
    punt = services.add_agendapunt(tenant.regisseur, overleg, casus)
    versies = casus.planversies.count()
    with pytest.raises(InvalidInput):
        services.record_notulen(tenant.regisseur, punt, "Notulen", "", [actie(tenant.afdeling, soort="sluiting-13b")])
    with pytest.raises(InvalidInput):
        services.record_notulen(tenant.regisseur, punt, " ", " ")
    with pytest.raises(NotAllowed):
        services.record_notulen(tenant.wijkagent, punt, "Notulen", "")
    punt.refresh_from_db()
    overleg.refresh_from_db()
    assert punt.notulen == "" and punt.planversie is None and not overleg.gehouden
    assert casus.planversies.count() == versies and not casus.interventies.exists()


def test_each_participant_sees_only_the_cases_they_take_part_in(tenant, other_tenant):
    politie_casus = new_casus(tenant, titel="Met politie")
    add_actie(tenant, politie_casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)
    share(politie_casus, tenant.politie)
    corporatie_casus = new_casus(tenant, titel="Met corporatie")
    add_actie(tenant, corporatie_casus, tenant.corporatie, soort="huisvesting")
    share(corporatie_casus, tenant.corporatie)
    overleg = plan(tenant, [tenant.wijkagent, tenant.partnerprofessional])
    services.build_agenda(tenant.regisseur, overleg)

    def titels(viewer):
        return [p.casus.titel for p in services.agenda_for(viewer, overleg)]

    assert titels(tenant.regisseur) == ["Met politie", "Met corporatie"]
    assert titels(tenant.ondermijningsteam) == ["Met politie", "Met corporatie"]
    assert titels(tenant.wijkagent) == ["Met politie"]
    assert titels(tenant.partnerprofessional) == ["Met corporatie"]
    assert titels(tenant.analist) == []
    assert titels(other_tenant.regisseur) == []

    assert services.may_view_overleg(tenant.wijkagent, overleg)
    assert services.may_view_overleg(tenant.regisseur, overleg)
    assert not services.may_view_overleg(tenant.analist, overleg)
    assert not services.may_view_overleg(other_tenant.regisseur, overleg)


def test_meetings_stay_within_their_gemeente(tenant, other_tenant):
    overleg = plan(tenant)
    elders = new_casus(other_tenant)
    with pytest.raises(InvalidInput):
        services.add_agendapunt(tenant.regisseur, overleg, elders)
    with pytest.raises(NotAllowed):
        services.add_agendapunt(other_tenant.regisseur, overleg, elders)
    with pytest.raises(NotAllowed):
        services.build_agenda(other_tenant.regisseur, overleg)
    new_casus(tenant)
    assert [c.gemeente for c, _reden in services.agenda_candidates(tenant.gemeente)] == [tenant.gemeente]
