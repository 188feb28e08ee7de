"""The area summaries (``gebieden.tellingen``) stay equal to a direct count through intake, retention and a new
buurt assignment, and as the per-address window moves from day to day or is rebuilt; the check finds a difference
and the rebuild restores them. The figures read from them (the map's counts and points, the area view, the
hotspots) equal a computation signal by signal."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from regiekamer.core.onderdrukking import onderdruk
from regiekamer.gebieden import selectors, tellingen, testing
from regiekamer.gebieden.models import AdresKenmerk, AdresTelling, Dagtelling, HotspotInstelling, Venster
from regiekamer.gebieden.selectors import GebiedFilter
from regiekamer.gebieden.services import importeer_bestand
from regiekamer.inzicht.tests.helpers import Clock
from regiekamer.protocol.machine import FINAL_STATUSES
from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.retention import services as retention
from regiekamer.signalen.models import Signaal
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.services import AdresGegevens

pytestmark = pytest.mark.django_db

CENTRUM, HAVEN, OOST = ("9901AB", 1), ("9901AB", 2), ("9901AB", 3)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def meld(tenant, when, adressen=(CENTRUM,), fenomenen=("hennepteelt",), reporter=None, buurt=""):
    invoer = SignaalInvoer(
        omschrijving="Geheime omschrijving",
        fenomenen=list(fenomenen),
        adressen=[AdresGegevens(postcode=pc, huisnummer=nr) for pc, nr in adressen],
        buurt=buurt,
    )
    return report_signaal(reporter or tenant.partnerprofessional, invoer, ontvangen_op=when)


def om(dagen_terug: int, uur: int = 10) -> dt.datetime:
    dag = timezone.localdate() - dt.timedelta(days=dagen_terug)
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur)))


@pytest.fixture
def wereld(gebied, clock):
    """The ``gebied`` signals plus signals through intake over the last 20 months: at the edges of the default
    period, at the first and last hour of days and months, with several phenomena and reporters, two addresses, one
    without an address, and one in another gemeente's data."""
    tenant = gebied.tenant
    tellingen.actueel_venster(tenant.gemeente)  # built before the intakes below, which then keep it current
    vandaag = timezone.localdate()
    eerste = vandaag.replace(day=1)
    momenten = [
        om(364, 0),  # the first day of the default period, just after midnight
        om(365, 23),  # the day before it, just before midnight
        om(200),
        om((vandaag - (eerste - dt.timedelta(days=1))).days, 23),  # the last day of the previous month, late
        om((vandaag - eerste).days, 0),  # the first of this month, early
        om(0, 0),
        om(580),
    ]
    reporters = [tenant.partnerprofessional, tenant.wijkagent, tenant.regisseur]
    fenomenen = [("hennepteelt",), ("drugshandel", "witwassen"), ("hennepteelt", "drugshandel")]
    for i, moment in enumerate(momenten):
        meld(tenant, moment, adressen=[CENTRUM, HAVEN] if i % 2 else [HAVEN], fenomenen=fenomenen[i % 3],
             reporter=reporters[i % 3])  # fmt: skip
    meld(tenant, om(30), adressen=[OOST], fenomenen=("witwassen",), reporter=tenant.wijkagent)
    meld(tenant, om(3), adressen=[], buurt="BU99010202")  # no address: the buurt chosen
    meld(tenant, om(60), adressen=[("9999ZZ", 1)])  # outside every buurt, no postcode match: no buurt
    return gebied


def direct_per_buurt(gemeente, van=None, tot=None, fenomeen=None, afgerond=False) -> Counter:
    """Signal by signal: the local date of receipt, the phenomenon and the status as stored."""
    result: Counter = Counter()
    for signaal in Signaal.objects.filter(gemeente=gemeente).prefetch_related("fenomenen"):
        dag = timezone.localtime(signaal.ontvangen_op).date()
        if (van and dag < van) or (tot and dag > tot):
            continue
        if fenomeen and fenomeen not in {f.code for f in signaal.fenomenen.all()}:
            continue
        if afgerond and signaal.status not in FINAL_STATUSES:
            continue
        result[signaal.buurt_id] += 1
    return result


def direct_per_adres(gemeente, van, tot) -> dict:
    """Per address: (signals, distinct phenomena, distinct organisations) of its signals received in the period."""
    per_adres: dict = {}
    for signaal in Signaal.objects.filter(gemeente=gemeente).prefetch_related("adressen", "fenomenen"):
        if not van <= timezone.localtime(signaal.ontvangen_op).date() <= tot:
            continue
        for adres in signaal.adressen.all():
            s, f, o = per_adres.setdefault(adres.pk, (set(), set(), set()))
            s.add(signaal.pk)
            f.update(x.pk for x in signaal.fenomenen.all())
            o.add(signaal.melder_organisatie_id)
    return {adres: (len(s), len(f), len(o)) for adres, (s, f, o) in per_adres.items()}


def opgeslagen_per_adres(gemeente) -> dict:
    rows = AdresTelling.objects.filter(gemeente=gemeente).values_list(
        "adres_id", "signalen", "fenomenen", "organisaties"
    )
    return {adres: (s, f, o) for adres, s, f, o in rows}


def test_the_summaries_equal_a_direct_count_after_intake(wereld):
    gemeente = wereld.tenant.gemeente
    assert tellingen.controleer(gemeente) == []
    venster = Venster.objects.get(gemeente=gemeente)
    assert (venster.van, venster.tot) == selectors.standaard_periode()  # the hotspot period is the map's default
    assert opgeslagen_per_adres(gemeente) == direct_per_adres(gemeente, venster.van, venster.tot)
    per_dag = Counter()
    for buurt, aantal in Dagtelling.objects.filter(gemeente=gemeente, fenomeen=tellingen.ALLE_FENOMENEN).values_list(
        "buurt", "aantal"
    ):
        per_dag[None if buurt == tellingen.GEEN_BUURT else buurt] += aantal
    assert per_dag == direct_per_buurt(gemeente)
    assert None in per_dag  # the signal without a buurt is counted too


def test_destroying_a_signal_takes_it_out_of_the_summaries(wereld):
    tenant = wereld.tenant
    signaal = Signaal.objects.filter(gemeente=tenant.gemeente, adressen__postcode="9901AB").order_by("-ontvangen_op")
    signaal = signaal.first()
    record_weging(tenant.regisseur, signaal, WegingInvoer(weging="1", uitkomst="geen-ondermijning", toelichting="x"))
    later = timezone.localdate() + dt.timedelta(days=3650)
    item = next(item for item in retention.due(tenant.gemeente, today=later) if item.pk == signaal.pk)
    retention.destroy(item, today=later)
    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    assert tellingen.controleer(tenant.gemeente) == []
    # A count that went to zero is removed, not kept as an empty row.
    assert not Dagtelling.objects.filter(aantal=0).exists()
    venster = Venster.objects.get(gemeente=tenant.gemeente)
    assert opgeslagen_per_adres(tenant.gemeente) == direct_per_adres(tenant.gemeente, venster.van, venster.tot)


def test_a_new_buurt_assignment_moves_the_counts_per_day(wereld, tmp_path):
    tenant = wereld.tenant
    oost = wereld.buurten["BU99010201"]
    before = direct_per_buurt(tenant.gemeente)
    # Oost gives its western strip to Centrum: the Oost address (lon 6.51, on the new border) goes to Centrum.
    buurten = testing.vier_buurten()
    buurten[0] = (buurten[0][0], testing.rechthoek(6.48, 53.0, 6.51, 53.02))
    buurten[2] = (buurten[2][0], testing.rechthoek(6.51, 53.0, 6.52, 53.02))
    [resultaat] = importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2025.geojson", buurten))
    assert resultaat.toewijzing.signalen >= 2
    after = direct_per_buurt(tenant.gemeente)
    assert after != before and after[oost.pk] < before[oost.pk]
    assert tellingen.controleer(tenant.gemeente) == []
    cijfers = selectors.signalen_per_gebied(tenant.regisseur, GebiedFilter())
    assert {g.buurt_ids[0]: g.signalen for g in cijfers.gebieden} == {
        g.buurt_ids[0]: after[g.buurt_ids[0]] for g in cijfers.gebieden
    }


def test_the_window_moves_with_the_days_and_counts_what_enters_and_leaves(wereld, clock):
    tenant = wereld.tenant
    vandaag = timezone.localdate()
    # Received "tomorrow" (a date after the window): not counted until the window reaches it.
    morgen = meld(tenant, om(-1), adressen=[OOST], fenomenen=("drugshandel",), reporter=tenant.regisseur)
    oost = morgen.adressen.get()
    assert tellingen.controleer(tenant.gemeente) == []
    op_oost = AdresTelling.objects.get(adres=oost).signalen
    for dagen in (1, 2, 40, 200, 364, 800):
        clock.set(clock.moment + dt.timedelta(days=dagen))
        if dagen == 2:
            call_command("gebiedstellingen", "--bijwerken")  # the nightly move, as operations may schedule it
        venster = tellingen.actueel_venster(tenant.gemeente)
        assert venster.tot == timezone.localdate() and venster.dagen == 365
        assert tellingen.controleer(tenant.gemeente) == [], dagen
        assert opgeslagen_per_adres(tenant.gemeente) == direct_per_adres(tenant.gemeente, venster.van, venster.tot)
        if dagen == 1:
            assert AdresTelling.objects.get(adres=oost).signalen == op_oost + 1  # tomorrow's signal entered
    assert timezone.localdate() > vandaag + dt.timedelta(days=1000)
    assert not AdresTelling.objects.filter(gemeente=tenant.gemeente).exists()  # every signal has left
    assert not AdresKenmerk.objects.filter(gemeente=tenant.gemeente).exists()


def test_the_window_follows_the_hotspot_period(wereld):
    gemeente = wereld.tenant.gemeente
    HotspotInstelling.objects.create(gemeente=gemeente, periode_maanden=6)
    venster = tellingen.actueel_venster(gemeente)
    assert venster.dagen == round(6 * 30.44) and venster.tot == timezone.localdate()
    assert tellingen.controleer(gemeente) == []
    assert opgeslagen_per_adres(gemeente) == direct_per_adres(gemeente, venster.van, venster.tot)
    # The map's default period is no longer the window: its points are counted directly, with the same result.
    van, tot = selectors.standaard_periode()
    punten = selectors.adressen_met_signalen(wereld.tenant.regisseur, GebiedFilter(van=van, tot=tot))
    direct = direct_per_adres(gemeente, van, tot)
    assert len(punten) == 3 and {p.adres_id: p.signalen for p in punten} == {
        p.adres_id: direct[p.adres_id][0] for p in punten
    }


def test_the_check_finds_a_difference_and_the_rebuild_restores_the_summaries(wereld, capsys):
    gemeente = wereld.tenant.gemeente
    before = (
        opgeslagen_per_adres(gemeente),
        sorted(Dagtelling.objects.values_list("fenomeen", "dag", "buurt", "aantal")),
    )
    call_command("gebiedstellingen", "--controleer")
    assert "geen verschillen" in capsys.readouterr().out
    AdresTelling.objects.filter(gemeente=gemeente).update(signalen=99)
    Dagtelling.objects.filter(gemeente=gemeente).first().delete()
    verschillen = tellingen.controleer(gemeente)
    assert {v.tabel for v in verschillen} == {"adrestelling", "dagtelling"}
    with pytest.raises(SystemExit) as exit_info:
        call_command("gebiedstellingen", "--controleer")
    assert exit_info.value.code == 1
    assert "verschil" in capsys.readouterr().out
    call_command("gebiedstellingen", "--herbereken", "--gemeente", gemeente.cbs_code)
    call_command("gebiedstellingen", "--controleer")
    assert "geen verschillen" in capsys.readouterr().out
    after = (
        opgeslagen_per_adres(gemeente),
        sorted(Dagtelling.objects.values_list("fenomeen", "dag", "buurt", "aantal")),
    )
    assert after == before


def test_map_counts_equal_a_direct_count_for_any_period(wereld):
    tenant = wereld.tenant
    vandaag = timezone.localdate()
    eerste = vandaag.replace(day=1)
    vorige = (eerste - dt.timedelta(days=1)).replace(day=1)
    perioden = [
        selectors.standaard_periode(),  # crosses a year of month edges
        (vorige, eerste - dt.timedelta(days=1)),  # one whole month
        (vorige + dt.timedelta(days=3), vandaag),  # a partial month, then this month
        (vandaag - dt.timedelta(days=400), vandaag - dt.timedelta(days=40)),
        (eerste, vandaag),  # within this month
        (None, None),
        (vandaag - dt.timedelta(days=30), None),
    ]
    for van, tot in perioden:
        for fenomeen in ("", "drugshandel", "witwassen"):
            for status in ("", "afgerond", "open"):
                filters = GebiedFilter(van=van, tot=tot, fenomeen=fenomeen, status=status)
                cijfers = selectors.signalen_per_gebied(tenant.regisseur, filters)
                direct = direct_per_buurt(tenant.gemeente, van, tot, fenomeen, afgerond=status == "afgerond")
                if status == "open":
                    alle = direct_per_buurt(tenant.gemeente, van, tot, fenomeen)
                    direct = alle - direct_per_buurt(tenant.gemeente, van, tot, fenomeen, afgerond=True)
                getoond = {g.buurt_ids[0]: g.signalen for g in cijfers.gebieden}
                assert getoond == {buurt: direct[buurt] for buurt in getoond}, (van, tot, fenomeen, status)
                assert cijfers.zonder_gebied == sum(n for buurt, n in direct.items() if buurt not in getoond)


def test_decided_signals_are_all_less_the_open_ones(wereld):
    tenant = wereld.tenant
    signaal = Signaal.objects.filter(gemeente=tenant.gemeente, buurt__code="BU99010102").first()
    record_weging(tenant.regisseur, signaal, WegingInvoer(weging="1", uitkomst="geen-ondermijning", toelichting="x"))
    van, tot = selectors.standaard_periode()
    cijfers = selectors.signalen_per_gebied(tenant.regisseur, GebiedFilter(van=van, tot=tot, status="afgerond"))
    assert {g.code: g.signalen for g in cijfers.gebieden} == {
        "BU99010101": 0, "BU99010102": 1, "BU99010201": 0, "BU99010202": 0
    }  # fmt: skip


def test_points_and_address_hotspots_equal_a_direct_count(wereld):
    tenant = wereld.tenant
    van, tot = selectors.standaard_periode()
    direct = direct_per_adres(tenant.gemeente, van, tot)
    punten = selectors.adressen_met_signalen(tenant.regisseur, GebiedFilter(van=van, tot=tot))
    assert {p.adres_id: p.signalen for p in punten} == {a: s for a, (s, _f, _o) in direct.items() if a in {
        p.adres_id for p in punten}}  # fmt: skip
    assert len(punten) == 3  # the address outside every buurt has no coordinates: left out
    assert [p.signalen for p in punten] == sorted((p.signalen for p in punten), reverse=True)
    # The same from the direct path: a period one day longer is not the window.
    langer = selectors.adressen_met_signalen(tenant.regisseur, GebiedFilter(van=van - dt.timedelta(days=1), tot=tot))
    assert {p.adres_id: p.signalen for p in langer} == {
        a: s for a, (s, _f, _o) in direct_per_adres(tenant.gemeente, van - dt.timedelta(days=1), tot).items()
        if a in {p.adres_id for p in langer}
    }  # fmt: skip
    per_fenomeen = selectors.adressen_met_signalen(
        tenant.regisseur, GebiedFilter(van=van, tot=tot, fenomeen="drugshandel")
    )
    direct_drugs = Counter()
    for signaal in Signaal.objects.filter(gemeente=tenant.gemeente, fenomenen__code="drugshandel"):
        if van <= timezone.localtime(signaal.ontvangen_op).date() <= tot:
            for adres in signaal.adressen.all():
                direct_drugs[adres.pk] += 1
    assert {p.adres_id: p.signalen for p in per_fenomeen} == {
        a: n for a, n in direct_drugs.items() if a in {p.adres_id for p in per_fenomeen}
    }
    HotspotInstelling.objects.create(gemeente=tenant.gemeente, min_signalen=2, min_fenomenen=2, min_organisaties=2)
    hotspots, _regels = selectors.adres_hotspots(tenant.regisseur)
    getoond = {h.adres_id: (h.signalen, h.fenomenen, h.organisaties) for h in hotspots}
    assert getoond == {a: d for a, d in direct.items() if a in getoond}
    assert set(getoond) == {a for a, (s, f, o) in direct.items() if s >= 2 or f >= 2 or o >= 2} | {
        wereld.haven_adres.pk  # six persons registered
    }


def test_area_view_and_overview_equal_a_direct_count(wereld):
    tenant = wereld.tenant
    van, tot = selectors.standaard_periode()
    for code in ("BU99010101", "BU99010102", "WK990101"):
        beeld = selectors.gebiedsbeeld(tenant.manager, code)
        ids = [b.pk for b in wereld.buurten.values() if b.code == code or b.code.startswith("BU" + code[2:])]
        signalen = Signaal.objects.filter(gemeente=tenant.gemeente, buurt_id__in=ids).prefetch_related("fenomenen")
        per_maand, per_fenomeen_maand, recent, recent_per_fenomeen = Counter(), Counter(), 0, Counter()
        for signaal in signalen:
            dag = timezone.localtime(signaal.ontvangen_op).date()
            namen = [f.naam for f in signaal.fenomenen.all()]
            per_maand[dag.replace(day=1)] += 1
            for naam in namen:
                per_fenomeen_maand[(naam, dag.replace(day=1))] += 1
            if van <= dag <= tot:
                recent += 1
                recent_per_fenomeen.update(namen)
        assert beeld.signalen == onderdruk(recent), code
        assert beeld.trend[0][1] == [onderdruk(per_maand[m]) for m in beeld.maanden], code
        for naam, reeks in beeld.trend[1:]:
            assert reeks == [onderdruk(per_fenomeen_maand[(naam, m)]) for m in beeld.maanden], (code, naam)
        assert dict(beeld.per_fenomeen) == {naam: onderdruk(n) for naam, n in recent_per_fenomeen.items()}
        open_ = sum(1 for s in signalen if s.status not in FINAL_STATUSES)
        assert beeld.open_signalen == onderdruk(open_)
    rijen, _jaar = selectors.gebiedsoverzicht(tenant.manager)
    direct = direct_per_buurt(tenant.gemeente, van, tot)
    assert {r.code: r.signalen for r in rijen} == {b.code: onderdruk(direct[b.pk]) for b in wereld.buurten.values()}


def test_buurt_hotspot_blocks_equal_a_direct_count(wereld):
    tenant = wereld.tenant
    centrum = wereld.buurten["BU99010101"]
    for i in range(6):
        meld(tenant, om(2 + i))
    hotspots, _regels = selectors.buurt_hotspots(tenant.regisseur)
    [hotspot] = [h for h in hotspots if h.code == "BU99010101"]
    vandaag = timezone.localdate()
    dagen = [
        (vandaag - timezone.localtime(s.ontvangen_op).date()).days
        for s in Signaal.objects.filter(gemeente=tenant.gemeente, buurt=centrum)
    ]
    assert hotspot.recent == sum(1 for d in dagen if 0 <= d < 90)
    assert hotspot.basis == sum(1 for d in dagen if 90 <= d < 450)
