"""Figures per area against a direct count, filters, suppression and the hotspot rules."""

import datetime as dt

import pytest
from django.utils import timezone

from regiekamer.audit.models import Verwerking
from regiekamer.core.errors import NotAllowed
from regiekamer.gebieden import selectors
from regiekamer.gebieden.models import HotspotInstelling
from regiekamer.gebieden.selectors import GebiedFilter, standaard_periode
from regiekamer.gebieden.testing import herbereken
from regiekamer.protocol.machine import FINAL_STATUSES, Status
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db


def _periode(**extra):
    van, tot = standaard_periode()
    return GebiedFilter(van=van, tot=tot, **extra)


def _per_code(cijfers):
    return {g.code: g.signalen for g in cijfers.gebieden}


def test_counts_per_buurt_equal_a_direct_count(gebied):
    tenant = gebied.tenant
    cijfers = selectors.signalen_per_gebied(tenant.regisseur, _periode())
    van, tot = standaard_periode()
    for code, buurt in gebied.buurten.items():
        direct = Signaal.objects.filter(
            gemeente=tenant.gemeente,
            buurt=buurt,
            ontvangen_op__date__gte=van,
            ontvangen_op__date__lte=tot,
        ).count()
        assert _per_code(cijfers)[code] == direct
    assert _per_code(cijfers) == {"BU99010101": 7, "BU99010102": 3, "BU99010201": 1, "BU99010202": 0}
    assert cijfers.totaal == 11 and cijfers.zonder_gebied == 0
    assert cijfers.jaar == 2024
    assert cijfers.bronvermelding == "Kadaster / Centraal Bureau voor de Statistiek, 2024"
    centrum = next(g for g in cijfers.gebieden if g.code == "BU99010101")
    assert centrum.per_1000 == 7.0  # 1000 inhabitants


def test_counts_per_wijk_and_the_period_filter(gebied):
    tenant = gebied.tenant
    wijken = selectors.signalen_per_gebied(tenant.regisseur, _periode(niveau="wijk"))
    assert _per_code(wijken) == {"WK990101": 10, "WK990102": 1}
    west = next(g for g in wijken.gebieden if g.code == "WK990101")
    assert west.inwoners == 3000 and west.naam == "West" and west.kaartgeometrie
    oost = next(g for g in wijken.gebieden if g.code == "WK990102")
    assert oost.inwoners is None  # one buurt's inhabitants are secret
    alles = selectors.signalen_per_gebied(tenant.regisseur, GebiedFilter())
    assert _per_code(alles)["BU99010101"] == 8  # with the old signal


def test_filters_phenomenon_step_status_and_approach(gebied):
    tenant = gebied.tenant
    assert selectors.signalen_per_gebied(tenant.regisseur, _periode(fenomeen="drugshandel")).totaal == 0
    assert selectors.signalen_per_gebied(tenant.regisseur, _periode(fenomeen="hennepteelt")).totaal == 11
    Signaal.objects.filter(pk=gebied.signalen[0].pk).update(status=Status.GEEN_ONDERMIJNING, stap=1)
    Signaal.objects.filter(pk=gebied.signalen[1].pk).update(status=Status.WEGING_3, stap=2)
    herbereken(tenant.gemeente)  # statuses changed around the services
    assert selectors.signalen_per_gebied(tenant.regisseur, _periode(status="afgerond")).totaal == 1
    assert selectors.signalen_per_gebied(tenant.regisseur, _periode(status="open")).totaal == 10
    assert selectors.signalen_per_gebied(tenant.regisseur, _periode(status="weging-3")).totaal == 1
    assert selectors.signalen_per_gebied(tenant.regisseur, _periode(stap=2)).totaal == 1
    direct_open = Signaal.objects.filter(gemeente=tenant.gemeente).exclude(status__in=FINAL_STATUSES)
    assert selectors.signalen_per_gebied(tenant.regisseur, GebiedFilter(status="open")).totaal == direct_open.count()

    from regiekamer.casussen.models import CasusSignaal
    from regiekamer.casussen.services import open_casus
    from regiekamer.protocol.machine import Aanpak

    casus = open_casus(tenant.regisseur, "Gebied Centrum", Aanpak.GEBIEDSGERICHT, buurt=gebied.buurten["BU99010101"])
    for signaal in gebied.signalen[:2]:
        CasusSignaal.objects.create(gemeente=tenant.gemeente, casus=casus, signaal=signaal, soort="handmatig")
    cijfers = selectors.signalen_per_gebied(tenant.regisseur, _periode(aanpak="gebiedsgericht"))
    assert _per_code(cijfers)["BU99010101"] == 2 and cijfers.totaal == 2
    assert selectors.signalen_per_gebied(tenant.regisseur, _periode(aanpak="persoonsgericht")).totaal == 0


def test_small_numbers_are_suppressed_for_roles_without_personal_data(gebied):
    tenant = gebied.tenant
    regisseur = selectors.signalen_per_gebied(tenant.regisseur, _periode()).feature_collection()
    manager = selectors.signalen_per_gebied(tenant.manager, _periode()).feature_collection()
    props = {f["properties"]["code"]: f["properties"] for f in manager["features"]}
    assert props["BU99010101"]["signalen"] == 7 and props["BU99010101"]["signalen_per_1000"] == 7.0
    assert props["BU99010102"]["signalen"] == "< 5" and props["BU99010102"]["signalen_per_1000"] is None
    assert props["BU99010201"]["signalen"] == "< 5"
    assert props["BU99010202"]["signalen"] == 0
    assert {f["properties"]["code"]: f["properties"]["signalen"] for f in regisseur["features"]}["BU99010102"] == 3


def test_points_only_for_subject_inzien_and_logged(gebied):
    tenant = gebied.tenant
    punten = selectors.adressen_met_signalen(tenant.regisseur, _periode())
    assert [(p.signalen, p.label.startswith("Geheimstraat 1,")) for p in punten][0] == (7, True)
    assert sorted(p.signalen for p in punten) == [1, 3, 7]
    entry = Verwerking.objects.filter(handeling="gebieden.kaart.adressen").latest("volgnummer")
    assert sorted(entry.object_ids) == sorted(str(p.adres_id) for p in punten)
    for role in ("manager", "analist", "privacyfunctionaris", "partnerprofessional"):
        with pytest.raises(NotAllowed):
            selectors.adressen_met_signalen(tenant.users[role], _periode())
    with pytest.raises(NotAllowed):
        selectors.signalen_per_gebied(tenant.partnerprofessional, _periode())


def test_area_view_counts_trend_cases_and_interventions(gebied):
    tenant = gebied.tenant
    beeld = selectors.gebiedsbeeld(tenant.manager, "BU99010101")
    assert (beeld.naam, beeld.soort, beeld.inwoners, beeld.signalen, beeld.open_signalen) == (
        "Centrum",
        "buurt",
        1000,
        7,
        8,
    )
    assert len(beeld.maanden) == 24 and beeld.maanden[-1] == timezone.localdate().replace(day=1)
    totaal, *per_fenomeen = beeld.trend
    assert totaal[1][-1] == 7 and per_fenomeen[0][1][-1] == 7
    assert beeld.per_fenomeen == [("Hennepteelt", 7)] or beeld.per_fenomeen[0][1] == 7
    haven = selectors.gebiedsbeeld(tenant.regisseur, "BU99010102")
    assert haven.signalen == "< 5"  # always suppressed on the area view, also for the regisseur
    wijk = selectors.gebiedsbeeld(tenant.manager, "WK990101")
    assert wijk.soort == "wijk" and wijk.signalen == 10 and [c for c, _ in wijk.buurten] == ["BU99010101", "BU99010102"]
    assert selectors.gebiedsbeeld(tenant.manager, "BU99020101") is None  # another gemeente's code


def test_area_overview_matches_direct_counts(gebied):
    rijen, jaar = selectors.gebiedsoverzicht(gebied.tenant.analist)
    per_code = {r.code: r for r in rijen}
    assert jaar == 2024
    assert (per_code["BU99010101"].signalen, per_code["BU99010101"].open_signalen) == (7, 8)
    assert per_code["BU99010102"].signalen == "< 5" and per_code["BU99010202"].signalen == 0


def test_address_hotspots_with_reasons(gebied):
    tenant = gebied.tenant
    hotspots, regels = selectors.adres_hotspots(tenant.regisseur)
    assert regels.min_signalen == 3 and regels.min_ingeschrevenen == 6
    per_adres = {h.adres.split(",")[0]: h for h in hotspots}
    assert per_adres["Geheimstraat 1"].redenen == ["7 signalen"]
    assert per_adres["Geheimstraat 2"].redenen == ["6 personen ingeschreven (BRP)", "3 signalen"]
    assert "Geheimstraat 3" not in per_adres
    HotspotInstelling.objects.create(gemeente=tenant.gemeente, min_signalen=8, min_ingeschrevenen=7)
    assert selectors.adres_hotspots(tenant.regisseur)[0] == []
    with pytest.raises(NotAllowed):
        selectors.adres_hotspots(tenant.manager)


def test_buurt_hotspots_rise_above_their_own_trend(gebied):
    tenant = gebied.tenant
    hotspots, _regels = selectors.buurt_hotspots(tenant.manager)
    assert [h.code for h in hotspots] == ["BU99010101"]  # 7 recent against nothing before; Haven has only 3
    assert hotspots[0].recent == 7 and hotspots[0].drempel == 0
    # A steady buurt is no hotspot: Centrum with 3 signals in each of the 12 periods before.
    nu = timezone.now()
    basis = Signaal.objects.filter(gemeente=tenant.gemeente, buurt=gebied.buurten["BU99010101"])
    for i, signaal in enumerate(basis.order_by("pk")[:7]):
        Signaal.objects.filter(pk=signaal.pk).update(ontvangen_op=nu - dt.timedelta(days=95 + 30 * i))
    herbereken(tenant.gemeente)  # dates moved around the services
    hotspots, _regels = selectors.buurt_hotspots(tenant.manager)
    assert hotspots == []
