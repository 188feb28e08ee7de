"""Monitoring and escalation: reminders for overdue actions, escalation ("opschalen") of long-overdue
actions and stalled cases, follow-up, and a daily run that is safe to repeat."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from regiekamer.casussen import selectors, services
from regiekamer.casussen.models import Casus, CasusInstelling, Escalatie, Herinnering, Interventie
from regiekamer.casussen.monitoring import follow_up, run_daily
from regiekamer.casussen.tests.test_services import add_actie, close, new_casus
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.delen.testing import share
from regiekamer.notifications.models import Notificatie

pytestmark = pytest.mark.django_db


def overdue(tenant, casus, days, **kwargs) -> Interventie:
    kwargs.setdefault("soort", "gesprek")
    kwargs.setdefault("eigenaar", tenant.wijkagent)
    interventie = add_actie(tenant, casus, tenant.politie, **kwargs)
    deadline = timezone.localdate() - dt.timedelta(days=days)
    Interventie.objects.filter(pk=interventie.pk).update(deadline=deadline)
    interventie.refresh_from_db()
    return interventie


def escalate_to_manager(tenant) -> CasusInstelling:
    instelling = services.instellingen(tenant.gemeente)
    instelling.escalatie_naar = tenant.manager
    instelling.save()
    return instelling


def stall(casus, days):
    Casus.objects.filter(pk=casus.pk).update(laatste_activiteit_op=timezone.now() - dt.timedelta(days=days))


def counts():
    return Herinnering.objects.count(), Escalatie.objects.count(), Notificatie.objects.count()


@pytest.fixture
def casus(tenant):
    casus = new_casus(tenant)
    share(casus, tenant.politie)
    Notificatie.objects.all().delete()
    return casus


def test_an_overdue_action_reminds_its_owner_once_a_day(tenant, casus):
    interventie = overdue(tenant, casus, days=2)
    Notificatie.objects.all().delete()
    result = run_daily(tenant.gemeente)
    assert result.herinneringen == 1 and result.escalaties == []
    herinnering = Herinnering.objects.get()
    assert (herinnering.interventie, herinnering.datum) == (interventie, timezone.localdate())
    notificatie = Notificatie.objects.get()
    assert notificatie.ontvanger == tenant.wijkagent
    assert notificatie.onderwerp == f"Herinnering: actie in casus {casus.nummer} is 2 dagen te laat"

    assert run_daily(tenant.gemeente).herinneringen == 0
    assert counts() == (1, 0, 1)
    # The next day brings the next reminder.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert run_daily(tenant.gemeente, today=tomorrow).herinneringen == 1
    assert Herinnering.objects.count() == 2


def test_an_action_of_an_organisation_reminds_the_regisseur(tenant, casus):
    overdue(tenant, casus, days=1, eigenaar=None)
    Notificatie.objects.all().delete()
    run_daily(tenant.gemeente)
    assert Notificatie.objects.get().ontvanger == tenant.regisseur


def test_no_reminder_before_the_deadline_or_for_finished_actions_or_closed_cases(tenant, casus):
    add_actie(tenant, casus, tenant.politie, soort="gesprek", eigenaar=tenant.wijkagent)  # due in two weeks
    klaar = overdue(tenant, casus, days=20)
    services.update_interventie(tenant.wijkagent, klaar, "afgerond", "Gesprek gevoerd.")
    gesloten = new_casus(tenant, titel="Gesloten")
    actie = overdue(tenant, gesloten, days=20)
    Interventie.objects.filter(pk=actie.pk).update(status="gestopt")
    Casus.objects.filter(pk=gesloten.pk).update(status="gesloten", gesloten_op=timezone.now())
    Notificatie.objects.all().delete()
    result = run_daily(tenant.gemeente)
    assert (result.herinneringen, result.escalaties) == (0, [])
    assert counts() == (0, 0, 0)


def test_an_action_overdue_past_the_threshold_escalates_to_the_configured_person(tenant, casus):
    instelling = escalate_to_manager(tenant)
    drempel = instelling.escalatie_na_dagen_te_laat
    net_niet = overdue(tenant, casus, days=drempel - 1)
    te_laat = overdue(tenant, casus, days=drempel, soort="aangifte")
    Notificatie.objects.all().delete()

    result = run_daily(tenant.gemeente)
    escalatie = Escalatie.objects.get()
    assert result.escalaties == [escalatie]
    assert (escalatie.casus, escalatie.interventie, escalatie.reden) == (casus, te_laat, "actie-te-laat")
    assert escalatie.naar == tenant.manager and escalatie.is_open
    assert not net_niet.escalaties.exists()
    manager = Notificatie.objects.filter(ontvanger=tenant.manager)
    assert [n.onderwerp for n in manager] == [f"Opgeschaald: casus {casus.nummer} — Actie al te lang te laat"]
    assert Notificatie.objects.filter(ontvanger=tenant.regisseur, onderwerp__contains="is opgeschaald").count() == 1
    assert list(selectors.regisseur_home(tenant.regisseur)["escalaties"]) == [escalatie]


def test_without_a_configured_person_the_regisseur_gets_the_escalation(tenant, casus):
    overdue(tenant, casus, days=30)
    Notificatie.objects.all().delete()
    run_daily(tenant.gemeente)
    assert Escalatie.objects.get().naar == tenant.regisseur
    assert Notificatie.objects.filter(ontvanger=tenant.regisseur, onderwerp__startswith="Opgeschaald").count() == 1


def test_running_twice_on_the_same_day_sends_nothing_twice(tenant, casus):
    escalate_to_manager(tenant)
    overdue(tenant, casus, days=12)
    stall(new_casus(tenant, titel="Stil"), days=60)
    Notificatie.objects.all().delete()
    first = run_daily(tenant.gemeente)
    assert first.herinneringen == 1 and len(first.escalaties) == 2
    after_first = counts()
    assert after_first == (1, 2, 5)  # reminder + (manager, regisseur) per escalation
    second = run_daily(tenant.gemeente)
    assert (second.herinneringen, second.escalaties) == (0, [])
    assert counts() == after_first


def test_the_reminder_command_is_safe_to_run_twice_and_keeps_tenants_apart(tenant, other_tenant, casus, capsys):
    escalate_to_manager(tenant)
    escalate_to_manager(other_tenant)
    overdue(tenant, casus, days=15)
    elders = new_casus(other_tenant)
    share(elders, other_tenant.politie)
    overdue(other_tenant, elders, days=3)
    Notificatie.objects.all().delete()

    call_command("send_reminders")
    output = capsys.readouterr().out
    assert "Zuiderveen: 1 herinneringen, 1 escalaties" in output
    assert "Noorderhaven: 1 herinneringen, 0 escalaties" in output
    after_first = counts()
    assert after_first == (2, 1, 4)
    assert Escalatie.objects.get().naar == tenant.manager
    assert not Notificatie.objects.filter(ontvanger=other_tenant.manager).exists()
    assert Notificatie.objects.filter(ontvanger=other_tenant.wijkagent).count() == 1

    call_command("send_reminders")
    assert "0 herinneringen, 0 escalaties" in capsys.readouterr().out
    assert counts() == after_first


def test_a_stalled_case_escalates_once(tenant, casus):
    escalate_to_manager(tenant)
    dagen = services.instellingen(tenant.gemeente).stagnatie_dagen
    stall(casus, dagen - 1)
    assert run_daily(tenant.gemeente).escalaties == []
    stall(casus, dagen + 1)
    escalatie = run_daily(tenant.gemeente).escalaties[0]
    assert (escalatie.reden, escalatie.interventie, escalatie.naar) == ("casus-stagneert", None, tenant.manager)
    assert list(selectors.regisseur_home(tenant.regisseur)["stagnerend"]) == [casus]
    assert run_daily(tenant.gemeente).escalaties == []
    assert run_daily(tenant.gemeente, today=timezone.localdate() + dt.timedelta(days=3)).escalaties == []
    assert Escalatie.objects.count() == 1


def test_follow_up_closes_the_escalation_and_only_then_may_it_escalate_again(tenant, casus):
    escalate_to_manager(tenant)
    stall(casus, 90)
    escalatie = run_daily(tenant.gemeente).escalaties[0]

    with pytest.raises(NotAllowed):
        follow_up(tenant.wijkagent, escalatie, "Niet mijn escalatie.")
    with pytest.raises(InvalidInput):
        follow_up(tenant.manager, escalatie, "  ")
    escalatie.refresh_from_db()
    assert escalatie.is_open

    follow_up(tenant.manager, escalatie, "Gesproken met de regisseur; overleg ingepland.")
    escalatie.refresh_from_db()
    assert not escalatie.is_open and escalatie.afgehandeld_door == tenant.manager
    assert escalatie.opvolging == "Gesproken met de regisseur; overleg ingepland."
    # The follow-up is activity: the case no longer counts as stalled.
    assert run_daily(tenant.gemeente).escalaties == []

    # Still (again) stalled after the escalation is closed: a later run escalates anew.
    stall(casus, 90)
    again = run_daily(tenant.gemeente).escalaties
    assert len(again) == 1 and again[0] != escalatie
    assert Escalatie.objects.filter(casus=casus, afgehandeld_op__isnull=True).count() == 1
    assert run_daily(tenant.gemeente).escalaties == []


def test_the_regisseur_side_may_follow_up_but_not_another_gemeente(tenant, other_tenant, casus):
    stall(casus, 90)
    escalatie = run_daily(tenant.gemeente).escalaties[0]
    with pytest.raises(NotAllowed):
        follow_up(other_tenant.regisseur, escalatie, "Ik kijk mee.")
    follow_up(tenant.ondermijningsteam, escalatie, "Opgepakt.")


def test_a_closed_case_does_not_stall_and_the_run_stays_in_its_gemeente(tenant, other_tenant, casus):
    close(tenant, casus)
    stall(casus, 400)
    elders = new_casus(other_tenant)
    stall(elders, 400)
    assert run_daily(tenant.gemeente).escalaties == []
    assert [e.casus for e in run_daily(other_tenant.gemeente).escalaties] == [elders]
    assert not Escalatie.objects.filter(gemeente=tenant.gemeente).exists()


def test_an_overdue_action_after_follow_up_escalates_again_only_after_the_term(tenant, casus):
    settings_row = escalate_to_manager(tenant)
    services.add_interventie(
        tenant.regisseur,
        casus,
        services.InterventieInvoer(
            soort="gesprek",
            eigenaar_organisatie=str(tenant.politie.pk),
            deadline=timezone.localdate() - dt.timedelta(days=60),
        ),
    )
    first = [e for e in run_daily(tenant.gemeente).escalaties if e.interventie_id]
    assert len(first) == 1
    follow_up(tenant.manager, first[0], "Politie belt vandaag.")
    assert [e for e in run_daily(tenant.gemeente).escalaties if e.interventie_id] == []
    later = timezone.now() + dt.timedelta(days=settings_row.escalatie_na_dagen_te_laat + 1)
    again = [e for e in run_daily(tenant.gemeente, now=later).escalaties if e.interventie_id]
    assert len(again) == 1
    with pytest.raises(TransitionRefused):
        follow_up(tenant.manager, first[0], "Nog een keer.")
