"""The summary counts stay equal to a direct count through everything the services do: intake, wegingen, a
correction of a final decision, destruction by retention; the rebuild restores them and the check finds a
difference. The lead times stored on the wegingen are the working days from the start of the step."""

import datetime as dt

import pytest
from django.core.management import call_command

from regiekamer.core.workdays import add_working_days
from regiekamer.inzicht import services, tellingen
from regiekamer.inzicht.models import ALLE, Reeks, Telling
from regiekamer.inzicht.tests.helpers import Clock, add_noord, local, signaal, weigh
from regiekamer.protocol.models import Weging
from regiekamer.retention import services as retention

pytestmark = pytest.mark.django_db


def taken(start: dt.date, end: dt.date) -> int:
    """The lead time by its definition: the fewest working days k with end <= add_working_days(start, k)."""
    k = 0
    while end > add_working_days(start, k):
        k += 1
    return k


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def world(tenant, other_tenant, clock):
    add_noord(tenant)
    regisseur = tenant.regisseur
    s1 = signaal(tenant, local(2025, 1, 6))
    weigh(clock, regisseur, s1, local(2025, 1, 7), "1", "ondermijning")
    weigh(clock, regisseur, s1, local(2025, 1, 8), "2a", "gemeentelijke-taak")
    weigh(clock, regisseur, s1, local(2025, 1, 14), "2b", "eigen-grondgebied")
    weigh(clock, regisseur, s1, local(2025, 1, 26), "3", "geen-actie")  # a Sunday
    s2 = signaal(tenant, local(2025, 1, 20), postcode="9905", fenomenen=("hennepteelt", "geldezel"))
    first = weigh(clock, regisseur, s2, local(2025, 1, 31), "1", "geen-ondermijning")
    weigh(clock, regisseur, s2, local(2025, 2, 4), "1", "ondermijning", corrigeert=str(first.pk))
    weigh(clock, regisseur, s2, local(2025, 2, 5), "2a", "gemeentelijke-taak")
    weigh(clock, regisseur, s2, local(2025, 2, 12), "2b", "eigen-grondgebied")
    s3 = signaal(tenant, local(2025, 2, 10), postcode="9999", fenomenen=("geldezel",))  # no buurt; stays open
    s4 = signaal(tenant, local(2025, 3, 3), fenomenen=("drugslab",))
    weigh(clock, regisseur, s4, local(2025, 3, 3, 15), "1", "geen-ondermijning")  # decided on the day
    signaal(other_tenant, local(2025, 1, 10))
    clock.set(local(2025, 3, 20))
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4}


def test_lead_times_are_stored_on_the_wegingen_that_close_a_step(world):
    s1, s2 = world["s1"], world["s2"]
    closing = {(w.soort, w.doorlooptijd) for w in Weging.objects.filter(signaal=s1, doorlooptijd__isnull=False)}
    assert closing == {
        ("2b", taken(dt.date(2025, 1, 6), dt.date(2025, 1, 14))),
        ("3", taken(dt.date(2025, 1, 14), dt.date(2025, 1, 26))),
    }
    assert Weging.objects.filter(signaal=s1, soort__in=["1", "2a"], doorlooptijd__isnull=True).count() == 2
    # The final "geen ondermijning" was corrected: it no longer counts; the correction did not close step 1 (the
    # signal went on to 2A) and the step closed at 2B, counted from the correction (the step began again then).
    wegingen = list(Weging.objects.filter(signaal=s2).order_by("vastgelegd_op"))
    assert [w.doorlooptijd is None for w in wegingen] == [False, True, True, False]
    assert wegingen[0].doorlooptijd == taken(dt.date(2025, 1, 20), dt.date(2025, 1, 31))
    assert wegingen[3].doorlooptijd == taken(dt.date(2025, 2, 4), dt.date(2025, 2, 12))
    assert wegingen[1].stap_gestart_op == wegingen[0].stap_gestart_op == s2.ontvangen_op
    assert Weging.objects.get(signaal=world["s4"]).doorlooptijd == 0


def test_the_summary_equals_a_direct_count_after_intake_wegingen_and_corrections(tenant, world):
    assert services.controleer(tenant.gemeente) == []
    cells = services.opgeslagen(tenant.gemeente.pk, Reeks.ONTVANGEN)
    january = dt.date(2025, 1, 1)
    assert cells[(Reeks.ONTVANGEN, january, ALLE, ALLE, "")] == 2  # s1 and s2: the other tenant is not counted
    hennep = world["s1"].fenomenen.get().pk.hex
    assert cells[(Reeks.ONTVANGEN, january, ALLE, hennep, "")] == 2
    # A signal with two phenomena is one signal under "*".
    assert sum(n for (r, d, b, f, s), n in cells.items() if b == ALLE and f == ALLE) == 4
    afgerond = services.opgeslagen(tenant.gemeente.pk, Reeks.AFGEROND)
    assert {key[4] for key in afgerond} == {"geen-actie", "geen-ondermijning"}  # s2's was corrected away
    open_ = services.opgeslagen(tenant.gemeente.pk, Reeks.OPEN)
    assert sum(n for (r, d, b, f, s), n in open_.items() if b == ALLE and f == ALLE) == 2  # s2 (step 2), s3
    assert (Reeks.OPEN, world["s3"].termijn, "", ALLE, "1") in open_  # no buurt: the empty key


def test_destroying_a_signal_takes_it_out_of_the_counts(tenant, world):
    s1 = world["s1"]
    item = next(item for item in retention.due(tenant.gemeente, today=dt.date(2027, 1, 1)) if item.pk == s1.pk)
    retention.destroy(item, today=dt.date(2027, 1, 1))
    assert services.controleer(tenant.gemeente) == []
    cells = services.opgeslagen(tenant.gemeente.pk, Reeks.ONTVANGEN)
    assert cells[(Reeks.ONTVANGEN, dt.date(2025, 1, 1), ALLE, ALLE, "")] == 1


def test_the_check_finds_a_difference_and_the_rebuild_restores_the_counts(tenant, world):
    before = {reeks: services.opgeslagen(tenant.gemeente.pk, reeks) for reeks in Reeks}
    Telling.objects.filter(gemeente=tenant.gemeente, reeks=Reeks.ONTVANGEN, buurt=ALLE, fenomeen=ALLE).update(aantal=99)
    Telling.objects.filter(gemeente=tenant.gemeente, reeks=Reeks.OPEN).delete()
    verschillen = services.controleer(tenant.gemeente)
    assert {v.reeks for v in verschillen} == {Reeks.ONTVANGEN, Reeks.OPEN}
    assert any(v.opgeslagen == 99 for v in verschillen)
    services.herbereken(tenant.gemeente)
    assert services.controleer(tenant.gemeente) == []
    assert {reeks: services.opgeslagen(tenant.gemeente.pk, reeks) for reeks in Reeks} == before


def test_the_rebuild_works_out_the_lead_times_as_the_services_wrote_them(tenant, world):
    stored = dict(Weging.objects.values_list("id", "doorlooptijd"))
    starts = dict(Weging.objects.values_list("id", "stap_gestart_op"))
    Weging.objects.update(doorlooptijd=None, stap_gestart_op=None, stap=None)
    assert services.herbereken_wegingen() == len(stored)
    assert dict(Weging.objects.values_list("id", "doorlooptijd")) == stored
    assert dict(Weging.objects.values_list("id", "stap_gestart_op")) == starts
    assert services.herbereken_wegingen() == 0


def test_the_command_checks_and_rebuilds(tenant, world, capsys):
    call_command("cijfers", "--controleer")
    assert "geen verschillen" in capsys.readouterr().out
    Telling.objects.filter(gemeente=tenant.gemeente).delete()
    with pytest.raises(SystemExit) as exit_info:
        call_command("cijfers", "--controleer")
    assert exit_info.value.code == 1
    assert "verschil" in capsys.readouterr().out
    call_command("cijfers", "--herbereken", "--gemeente", tenant.gemeente.cbs_code)
    call_command("cijfers", "--controleer")
    assert "geen verschillen" in capsys.readouterr().out


def test_contributions_and_direct_count_agree_on_the_four_levels(tenant, world):
    """The write path (per signal) and the direct count (per table) are separate code; both give the same cells."""
    from regiekamer.signalen.models import Signaal

    summed = {}
    for signal in Signaal.objects.filter(gemeente=tenant.gemeente):
        for cel, aantal in tellingen.bijdragen(services.stand(signal)).items():
            summed[cel] = summed.get(cel, 0) + aantal
    direct = {}
    for reeks in Reeks:
        direct.update(tellingen.direct(tenant.gemeente.pk, reeks))
    assert summed == direct
