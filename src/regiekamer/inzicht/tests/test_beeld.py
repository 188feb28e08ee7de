"""The ondermijningsbeeld: every number equals a direct count over the records, small numbers are suppressed for
every reader, the summary follows its rules, and the hotspot count follows the hotspot page."""

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from regiekamer.casussen.models import Casus, Doel, Interventie
from regiekamer.core.errors import InvalidInput
from regiekamer.core.onderdrukking import ONDERDRUKT, onderdruk
from regiekamer.gebieden import selectors as gebieden
from regiekamer.inzicht import beeld as B
from regiekamer.inzicht import filters as F
from regiekamer.inzicht.tests.beeld_helpers import CENTRUM, HAVEN, NOORD, build
from regiekamer.inzicht.tests.helpers import Clock
from regiekamer.protocol.machine import Aanpak
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Buurt

pytestmark = pytest.mark.django_db

PERIODE = B.Periode(dt.date(2023, 6, 1), dt.date(2025, 5, 31))
JAAR = (dt.date(2024, 6, 1), dt.date(2025, 5, 31))
VORIG = (dt.date(2023, 6, 1), dt.date(2024, 5, 31))


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def world(tenant, other_tenant, clock):
    return build(tenant, other_tenant, clock)


def rapport(world, code, periode=PERIODE, user=None):
    return B.ondermijningsbeeld(user or world.tenant.manager, code, periode)


# --- Direct counts ---------------------------------------------------------------------------------------------------


class Direct:
    """Counts straight from the signal records (local receipt date, buurt, phenomena)."""

    def __init__(self, world):
        self.rows = [
            (timezone.localtime(s.ontvangen_op).date(), s.buurt_id, {f.code for f in s.fenomenen.all()})
            for s in Signaal.objects.filter(gemeente=world.tenant.gemeente)
        ]
        self.buurten = {b.code: b for b in Buurt.objects.filter(gemeente=world.tenant.gemeente)}

    def ids(self, code):
        if code.startswith("GM"):
            return None
        if code.startswith("WK"):
            return {b.pk for b in self.buurten.values() if b.code.startswith(f"BU{code[2:]}")}
        return {self.buurten[code].pk}

    def tel(self, code, van, tot, fenomeen=None):
        ids = self.ids(code)
        return sum(
            1
            for datum, buurt, fenomenen in self.rows
            if van <= datum <= tot and (ids is None or buurt in ids) and (fenomeen is None or fenomeen in fenomenen)
        )

    def inwoners(self, code):
        ids = self.ids(code)
        return sum(b.inwoners for b in self.buurten.values() if ids is None or b.pk in ids)


def per_1000(count, inwoners):
    return None if 0 < count < 5 else round(count * 1000 / inwoners, 2)


def aandeel(deel, geheel):
    return None if 0 < deel < 5 or 0 < geheel < 5 or not geheel else round(100 * deel / geheel, 1)


def months(van, tot):
    return F.months(van, tot)


@pytest.mark.parametrize("code", [CENTRUM, "WK990101", NOORD, "GM9901"])
def test_every_signal_figure_equals_a_direct_count(world, code):
    beeld = rapport(world, code)
    direct = Direct(world)
    inwoners, gemeente = direct.inwoners(code), direct.inwoners("GM9901")
    assert beeld.vergelijking == B.PER_1000
    assert (beeld.inwoners, beeld.inwoners_gemeente) == (inwoners, gemeente) == (beeld.inwoners, 6000)

    # All signals: the last 12 months, the 12 before, the rates and the gemeente's.
    nu, voor, ref = direct.tel(code, *JAAR), direct.tel(code, *VORIG), direct.tel("GM9901", *JAAR)
    assert beeld.totaal.aantal == onderdruk(nu)
    assert beeld.totaal.vorig_jaar == onderdruk(voor)
    assert beeld.totaal.maat == per_1000(nu, inwoners)
    assert beeld.totaal.gemeente_maat == per_1000(ref, gemeente)

    # Per phenomenon, for every phenomenon with a signal in the period or the year before it.
    present = {
        f
        for datum, buurt, fenomenen in direct.rows
        for f in fenomenen
        if (direct.ids(code) is None or buurt in direct.ids(code)) and VORIG[0] <= datum <= JAAR[1]
    }
    assert {r.code for r in beeld.fenomenen} == present
    blokken = B._blokken(months(PERIODE.van, PERIODE.tot))
    for rij in beeld.fenomenen:
        nu, voor = direct.tel(code, *JAAR, rij.code), direct.tel(code, *VORIG, rij.code)
        ref = direct.tel("GM9901", *JAAR, rij.code)
        assert (rij.aantal, rij.vorig_jaar, rij.gemeente_aantal) == (onderdruk(nu), onderdruk(voor), onderdruk(ref))
        assert rij.maat == per_1000(nu, inwoners)
        assert rij.gemeente_maat == per_1000(ref, gemeente)
        expected_change = None if 0 < nu < 5 or 0 < voor < 5 or not voor else round(100 * (nu - voor) / voor, 1)
        assert rij.verandering == expected_change
        if rij.maat is not None and rij.gemeente_maat:
            assert rij.verhouding == round(rij.maat / rij.gemeente_maat, 2)
        for blok, getoond, maat in zip(blokken, rij.blokken, rij.blok_maten, strict=True):
            count = direct.tel(code, blok[0], F.last_of_month(blok[-1]), rij.code)
            assert getoond == onderdruk(count)
            assert maat == per_1000(count, inwoners)

    # The course over time: per month, or per three months when most months are small.
    delen = [[m] for m in months(PERIODE.van, PERIODE.tot)] if beeld.per_maand else blokken
    assert [r.maanden for r in beeld.verloop] == delen
    for rij in beeld.verloop:
        count = direct.tel(code, rij.maanden[0], F.last_of_month(rij.maanden[-1]))
        assert rij.aantal == onderdruk(count)
        assert rij.maat == per_1000(count, inwoners)
        reference = direct.tel("GM9901", rij.maanden[0], F.last_of_month(rij.maanden[-1]))
        assert rij.gemeente_maat == (per_1000(reference, gemeente) if code != "GM9901" else rij.maat)


def test_the_anchors_of_the_world(world):
    """A few numbers written out, so that a mistake in both the report and the direct count cannot hide."""
    centrum = rapport(world, CENTRUM)
    assert centrum.totaal.aantal == 17 and centrum.totaal.vorig_jaar == 6
    hennep = next(r for r in centrum.fenomenen if r.code == "hennepteelt")
    assert (hennep.aantal, hennep.vorig_jaar, hennep.gemeente_aantal) == (14, 6, 20)
    assert hennep.maat == 7.0 and hennep.gemeente_maat == 3.33 and hennep.verhouding == 2.1
    assert next(r for r in centrum.fenomenen if r.code == "geldezel").aantal == ONDERDRUKT  # 3
    assert not centrum.per_maand  # 17 signals in 12 months: most months are small
    gemeente = rapport(world, "GM9901")
    assert gemeente.totaal.aantal == 36  # 17 + 6 + 12 + 1 without a buurt; not the other gemeente's
    west = rapport(world, "WK990101")
    assert west.gebied.naam == "West" and west.totaal.aantal == 23


def test_parts_of_a_wijk_and_of_the_gemeente(world):
    direct = Direct(world)
    west = rapport(world, "WK990101")
    assert west.deelgebied_soort == "buurt"
    assert [(d.code, d.naam) for d in west.deelgebieden] == [(CENTRUM, "Centrum"), (HAVEN, "Haven")]
    gemeente_rate = per_1000(direct.tel("GM9901", *JAAR), 6000)
    for deel in west.deelgebieden:
        count = direct.tel(deel.code, *JAAR)
        assert deel.aantal == onderdruk(count)
        assert deel.inwoners == direct.inwoners(deel.code)
        assert deel.maat == per_1000(count, deel.inwoners)
        assert deel.verhouding == round(deel.maat / gemeente_rate, 2)
    gemeente = rapport(world, "GM9901")
    assert gemeente.deelgebied_soort == "wijk"
    assert [(d.code, d.naam) for d in gemeente.deelgebieden] == [("WK990102", "Noord"), ("WK990101", "West")]
    for deel in gemeente.deelgebieden:
        assert deel.aantal == onderdruk(direct.tel(deel.code, *JAAR))
    assert rapport(world, CENTRUM).deelgebieden == []


def test_buurten_above_their_trend_are_those_of_the_hotspot_page(world):
    above = {h.code for h in gebieden.buurt_hotspots(world.tenant.regisseur)[0]}
    assert HAVEN in above  # six signals in the last 90 days, none before
    for code in (CENTRUM, "WK990101", NOORD, "GM9901"):
        beeld = rapport(world, code)
        ids = Direct(world).ids(code)
        expected = {b.code for b in Buurt.objects.filter(gemeente=world.tenant.gemeente) if ids is None or b.pk in ids}
        assert {c for c, _naam in beeld.buurten_boven_trend} == above & expected
    west = rapport(world, "WK990101")
    assert next(d for d in west.deelgebieden if d.code == HAVEN).boven_trend == ["Haven"]


def hotspot_direct(world, code) -> int:
    """The hotspot addresses of the area by the rules, counted over the records."""
    regels = gebieden.instelling(world.tenant.gemeente)
    sinds = timezone.now() - dt.timedelta(days=round(regels.periode_maanden * 30.44))
    ids = Direct(world).ids(code)
    per_adres = {}
    for signaal in Signaal.objects.filter(gemeente=world.tenant.gemeente, ontvangen_op__gte=sinds):
        for adres in signaal.adressen.all():
            if ids is not None and adres.buurt_id not in ids:
                continue
            entry = per_adres.setdefault(adres.pk, [set(), set(), set()])
            entry[0].add(signaal.pk)
            entry[1] |= {f.pk for f in signaal.fenomenen.all()}
            entry[2].add(signaal.melder_organisatie_id)
    return sum(
        1
        for signals, fenomenen, organisaties in per_adres.values()
        if len(signals) >= regels.min_signalen
        or len(fenomenen) >= regels.min_fenomenen
        or len(organisaties) >= regels.min_organisaties
    )


@pytest.mark.parametrize("code", [CENTRUM, "WK990101", NOORD, "GM9901"])
def test_hotspot_addresses_are_counted_as_on_the_hotspot_page(world, code):
    ids = Direct(world).ids(code)
    count, maanden = B._hotspot_adressen(world.tenant.gemeente, ids)
    assert count == hotspot_direct(world, code)
    # The hotspot page (addresses, for the regisseur): the same addresses, counted by their buurt.
    hotspots, _regels = gebieden.adres_hotspots(world.tenant.regisseur)
    namen = {b.naam for b in Buurt.objects.filter(gemeente=world.tenant.gemeente) if ids is None or b.pk in ids}
    assert count == sum(1 for h in hotspots if ids is None or h.buurt in namen)
    assert maanden == 12
    assert rapport(world, code).hotspot_adressen == onderdruk(count)


@pytest.mark.parametrize("bewaard", [0, 300], ids=["uncached", "cached"])
def test_registered_persons_make_a_hotspot_address_too(world, settings, bewaard):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regiekamer.subjects.models import Adres, Persoon, SubjectRelatie

    settings.HOTSPOT_BRP_CACHE_SECONDS = bewaard
    cache.clear()

    haven = world.buurten["haven"]
    adres = Adres.objects.create(gemeente=world.tenant.gemeente, postcode="9903AB", huisnummer=99, buurt=haven)
    for index in range(6):
        persoon = Persoon.objects.create(gemeente=world.tenant.gemeente, voornamen=f"B{index}", achternaam="Geheim")
        SubjectRelatie.objects.create(
            gemeente=world.tenant.gemeente,
            soort=SubjectRelatie.Soort.INGESCHREVEN_OP,
            van_persoon=persoon,
            naar_adres=adres,
        )
    before = hotspot_direct(world, HAVEN)
    assert B._hotspot_adressen(world.tenant.gemeente, [haven.pk])[0] == before + 1
    with CaptureQueriesContext(connection) as queries:
        noord = B._hotspot_adressen(world.tenant.gemeente, [world.buurten["noord"].pk])[0]
    assert noord == hotspot_direct(world, NOORD)
    # Kept: the registrations and the buurten of their addresses are not read again for the next report.
    brp_reads = [q for q in queries.captured_queries if "subjects_subjectrelatie" in q["sql"]]
    assert len(brp_reads) == (0 if bewaard else 1)
    cache.clear()


def test_cases_interventions_and_goals_equal_a_direct_count(world):
    beeld = rapport(world, CENTRUM)
    centrum = world.buurten["centrum"]
    start = timezone.make_aware(dt.datetime(2023, 6, 1))
    end = timezone.make_aware(dt.datetime(2025, 6, 1))
    casussen = list(Casus.objects.filter(gemeente=world.tenant.gemeente, buurt=centrum))
    for rij in beeld.casussen:
        subset = [c for c in casussen if not rij["aanpak"] or c.aanpak == rij["aanpak"]]
        geopend = sum(1 for c in subset if start <= c.geopend_op < end)
        gesloten = sum(1 for c in subset if c.gesloten_op and start <= c.gesloten_op < end)
        open_ = sum(1 for c in subset if c.geopend_op < end and (not c.gesloten_op or c.gesloten_op >= end))
        assert (rij["geopend"], rij["gesloten"], rij["open"]) == (
            onderdruk(geopend),
            onderdruk(gesloten),
            onderdruk(open_),
        )
    assert next(r for r in beeld.casussen if r["aanpak"] == "")["open"] == 5  # six opened, one closed
    interventies = list(Interventie.objects.filter(gemeente=world.tenant.gemeente, casus__buurt=centrum))
    for rij in beeld.interventies:
        subset = [i for i in interventies if rij["indeling"] == "totaal" or i.soort.code == rij["code"]]
        for status in ("gepland", "lopend", "afgerond", "gestopt"):
            assert rij[status] == onderdruk(sum(1 for i in subset if i.status == status))
        assert rij["totaal"] == onderdruk(len(subset))
    assert {r["code"] for r in beeld.interventies if r["indeling"] == "soort"} == {"gesprek", "schuldhulpverlening"}
    doelen = list(Doel.objects.filter(gemeente=world.tenant.gemeente, casus__buurt=centrum).exclude(resultaat=""))
    totaal = next(r for r in beeld.doelen if r["aanpak"] == "")
    assert (totaal["behaald"], totaal["deels"], totaal["niet"]) == (
        onderdruk(sum(1 for d in doelen if d.resultaat == "behaald")),
        onderdruk(sum(1 for d in doelen if d.resultaat == "deels")),
        0,
    )
    assert totaal["behaald_pct"] is None  # from a small number
    # Lead times: the figure of regie op resultaat for this buurt (checked against the wegingen in test_figuren).
    stap1 = beeld.doorlooptijden[0]
    assert stap1["aantal"] == 6 and stap1["mediaan"] > stap1["termijn"] == 5


def shown_counts(value):
    """Every shown count in a report (the fields that hold a count), recursively."""
    if isinstance(value, B.Fenomeenrij):
        yield from [value.aantal, value.vorig_jaar, value.gemeente_aantal, *value.blokken]
    elif isinstance(value, B.Verlooprij | B.Deelgebied):
        yield value.aantal
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("geopend", "gesloten", "open", "gepland", "lopend", "afgerond", "gestopt", "totaal"):
                yield item
            if key in ("behaald", "deels", "niet", "aantal"):
                yield item


@pytest.mark.parametrize("role", ["manager", "regisseur"])
def test_small_numbers_are_suppressed_for_every_reader(world, role):
    beeld = rapport(world, CENTRUM, user=world.tenant.users[role])
    counts = [beeld.hotspot_adressen]
    for item in [beeld.totaal, *beeld.fenomenen, *beeld.verloop, *beeld.deelgebieden]:
        counts += list(shown_counts(item))
    for rows in (beeld.casussen, beeld.interventies, beeld.doelen, beeld.doorlooptijden):
        for row in rows:
            counts += list(shown_counts(row))
    assert counts and all(c == ONDERDRUKT or (isinstance(c, int) and (c == 0 or c >= 5)) for c in counts), counts
    assert ONDERDRUKT in counts
    # A statistic from a small count is left out.
    geldezel = next(r for r in beeld.fenomenen if r.code == "geldezel")
    assert (geldezel.maat, geldezel.verhouding, geldezel.verandering) == (None, None, None)
    assert all(r.maat is None for r in beeld.verloop if r.aantal == ONDERDRUKT)


def test_a_share_comparison_when_inhabitants_are_unknown(world):
    Buurt.objects.filter(pk=world.buurten["noord"].pk).update(inwoners=None)
    beeld = rapport(world, CENTRUM)
    assert beeld.vergelijking == B.AANDEEL and beeld.inwoners == 2000 and beeld.inwoners_gemeente is None
    direct = Direct(world)
    totaal, gemeente_totaal = direct.tel(CENTRUM, *JAAR), direct.tel("GM9901", *JAAR)
    for rij in beeld.fenomenen:
        assert rij.maat == aandeel(direct.tel(CENTRUM, *JAAR, rij.code), totaal)
        assert rij.gemeente_maat == aandeel(direct.tel("GM9901", *JAAR, rij.code), gemeente_totaal)
    assert beeld.totaal.maat == aandeel(totaal, gemeente_totaal)  # the area's share of the gemeente's signals
    hennep = next(r for r in beeld.fenomenen if r.code == "hennepteelt")
    assert hennep.maat == round(100 * 14 / 17, 1) and hennep.gemeente_maat == round(100 * 20 / 36, 1)
    # The course over time as an index: 100 is the average month of the period.
    months_ = len(months(PERIODE.van, PERIODE.tot))
    periode_totaal = direct.tel(CENTRUM, PERIODE.van, PERIODE.tot)
    for rij in beeld.verloop:
        count = direct.tel(CENTRUM, rij.maanden[0], F.last_of_month(rij.maanden[-1]))
        expected = None if 0 < count < 5 else round(100 * (count / len(rij.maanden)) / (periode_totaal / months_), 1)
        assert rij.maat == expected
    assert any("%" in zin for zin in beeld.samenvatting)


def test_the_summary_of_the_world(world):
    centrum = rapport(world, CENTRUM).samenvatting
    assert centrum[0] == (
        "In de laatste 12 maanden (juni 2024 – mei 2025) kwamen er 17 signalen binnen over Centrum: 8,5 per 1.000 "
        "inwoners, tegen 6,0 gemiddeld in de gemeente. Dat is een duidelijke stijging: in de 12 maanden daarvoor "
        "waren het er 6."
    )
    assert "Per inwoner duidelijk vaker dan gemiddeld in de gemeente: hennepteelt (2,1 keer zo vaak)." in centrum
    assert "Duidelijk gestegen ten opzichte van de 12 maanden daarvoor: hennepteelt (van 6 naar 14)." in centrum
    assert any(zin.startswith("Protocolstappen die te lang duren: ontvangst en intake (mediaan ") for zin in centrum)
    assert "Minder dan 5 adressen gelden als hotspot." in centrum
    assert "Aan het eind van de periode liepen er 5 casussen." in centrum
    west = rapport(world, "WK990101").samenvatting
    assert "De signalen in de buurt Haven liggen de laatste 90 dagen duidelijk boven de eigen trend." in west
    assert any("geldezel" in zin and "(van 0 naar 9)" in zin for zin in west)
    noord = rapport(world, NOORD).samenvatting
    assert "Duidelijk gedaald: drugslab / opslag (van 14 naar 7)." in noord
    # Deterministic: the same data give the same text.
    assert rapport(world, CENTRUM).samenvatting == centrum


# --- The summary rules, on crafted reports ---------------------------------------------------------------------------


def crafted(soort="buurt", vergelijking=B.PER_1000, totaal=None, fenomenen=(), **extra):
    totaal = totaal or B.Fenomeenrij("", "Alle signalen", 40, 36, 11.1, 10.0, 400, 5.0, 2.0)
    defaults = {
        "gemeente": "Zuiderveen",
        "gebied": F.Gebied(
            soort, "BU99010101" if soort == "buurt" else "GM9901", "Centrum" if soort == "buurt" else "Zuiderveen"
        ),
        "periode": PERIODE,
        "peildatum": dt.date(2025, 6, 18),
        "vergelijking": vergelijking,
        "inwoners": 4000,
        "inwoners_gemeente": 80000,
        "totaal": totaal,
        "verloop": [],
        "per_maand": True,
        "blokken": [],
        "fenomenen": list(fenomenen),
        "deelgebieden": [],
        "deelgebied_soort": "",
        "buurten_boven_trend": [],
        "hotspot_adressen": 0,
        "hotspot_periode_maanden": 12,
        "casussen": [],
        "interventies": [],
        "doelen": [],
        "doorlooptijden": [],
    }
    return B.Ondermijningsbeeld(**{**defaults, **extra})


def fenomeen(naam, nu, vorig, maat=None, gemeente_maat=None):
    verhouding = round(maat / gemeente_maat, 2) if maat and gemeente_maat else None
    return B.Fenomeenrij(naam.lower(), naam, nu, vorig, None, maat, 100, gemeente_maat, verhouding)


def test_summary_first_sentence_variants():
    assert B.samenvatting(crafted())[0] == (
        "In de laatste 12 maanden (juni 2024 – mei 2025) kwamen er 40 signalen binnen over Centrum: 10,0 per 1.000 "
        "inwoners, tegen 5,0 gemiddeld in de gemeente."
    )  # 36 -> 40: no clear rise
    stijging = crafted(totaal=B.Fenomeenrij("", "Alle signalen", 40, 30, 33.3, 10.0, 400, 5.0, 2.0))
    assert B.samenvatting(stijging)[0].endswith(
        "Dat is een duidelijke stijging: in de 12 maanden daarvoor waren het er 30."
    )
    leeg = crafted(totaal=B.Fenomeenrij("", "Alle signalen", 0, 0, None, 0.0, 400, 5.0, 0.0))
    assert (
        B.samenvatting(leeg)[0]
        == "In de laatste 12 maanden (juni 2024 – mei 2025) kwamen er geen signalen binnen over Centrum."
    )
    klein = crafted(totaal=B.Fenomeenrij("", "Alle signalen", ONDERDRUKT, 0, None, None, 400, 5.0, None))
    assert B.samenvatting(klein)[0].startswith(
        "In de laatste 12 maanden (juni 2024 – mei 2025) kwamen er minder dan 5 signalen"
    )
    gemeente = crafted(soort="gemeente", totaal=B.Fenomeenrij("", "Alle signalen", 400, 410, None, 5.0, 400, 5.0, 1.0))
    assert B.samenvatting(gemeente)[0] == (
        "In de laatste 12 maanden (juni 2024 – mei 2025) kwamen er 400 signalen binnen over de gemeente: 5,0 per "
        "1.000 inwoners."
    )
    share = crafted(
        vergelijking=B.AANDEEL, totaal=B.Fenomeenrij("", "Alle signalen", 40, 38, None, 10.0, 400, None, None)
    )
    assert B.samenvatting(share)[0].endswith("over Centrum, 10,0% van alle signalen in de gemeente.")


def test_summary_rises_and_falls_never_lean_on_a_suppressed_count():
    rules = [
        (fenomeen("Hennepteelt", 14, 6), "gestegen"),  # +8, +133%
        (fenomeen("Geldezel", 8, 4), None),  # +4 only
        (fenomeen("Drugslab", 9, ONDERDRUKT), "gestegen"),  # at least +5 whatever "< 5" is
        (fenomeen("Witwassen", 8, ONDERDRUKT), None),  # "< 5" could be 4: +4
        (fenomeen("Uitbuiting", 25, 21), None),  # +4
        (fenomeen("Zorgfraude", 30, 24), "gestegen"),  # +6 and exactly +25%
        (fenomeen("Woonfraude", 10, 20), "gedaald"),
        (fenomeen("Mensenhandel", ONDERDRUKT, 9), "gedaald"),  # at most 4 now: -5
        (fenomeen("Heling", ONDERDRUKT, 8), None),
    ]
    zinnen = B.samenvatting(crafted(fenomenen=[rij for rij, _uitkomst in rules]))
    gestegen = next(z for z in zinnen if z.startswith("Duidelijk gestegen"))
    gedaald = next(z for z in zinnen if z.startswith("Duidelijk gedaald"))
    assert gestegen == (
        "Duidelijk gestegen ten opzichte van de 12 maanden daarvoor: drugslab (van minder dan 5 naar 9), hennepteelt "
        "(van 6 naar 14) en zorgfraude (van 24 naar 30)."
    )
    assert gedaald == "Duidelijk gedaald: mensenhandel (van 9 naar minder dan 5) en woonfraude (van 20 naar 10)."


def test_summary_above_the_average_and_the_other_rules():
    beeld = crafted(
        fenomenen=[
            fenomeen("Hennepteelt", 40, 40, 10.0, 4.0),  # 2.5 times
            fenomeen("Geldezel", 12, 12, 3.0, 2.0),  # exactly 1.5 times
            fenomeen("Drugslab", 6, 6, 1.5, 1.2),  # 1.25 times: not clearly above
        ],
        buurten_boven_trend=[("BU99010101", "Centrum")],
        hotspot_adressen=7,
        doorlooptijden=[
            {"stap": 1, "aantal": 20, "mediaan": 7, "termijn": 5, "op_tijd_pct": 40.0},
            {"stap": 2, "aantal": 20, "mediaan": 8, "termijn": 10, "op_tijd_pct": 65.0},
            {"stap": 3, "aantal": 20, "mediaan": 8, "termijn": 15, "op_tijd_pct": 95.0},
            {"stap": 4, "aantal": ONDERDRUKT, "mediaan": None, "termijn": 10, "op_tijd_pct": None},
        ],
        casussen=[{"aanpak": "", "open": 12}],
        doelen=[{"aanpak": "", "totaal": 20, "behaald_pct": 60.0}],
    )
    zinnen = B.samenvatting(beeld)
    assert (
        "Per inwoner duidelijk vaker dan gemiddeld in de gemeente: hennepteelt (2,5 keer zo vaak) en geldezel "
        "(1,5 keer zo vaak)." in zinnen
    )
    assert "De signalen in deze buurt liggen de laatste 90 dagen duidelijk boven de eigen trend." in zinnen
    assert "7 adressen gelden als hotspot." in zinnen
    assert (
        "Protocolstappen die te lang duren: ontvangst en intake (mediaan 7 werkdagen, termijn 5) en zwaarte bepalen "
        "(65% binnen de termijn van 10 werkdagen)." in zinnen
    )
    assert "Aan het eind van de periode liepen er 12 casussen." in zinnen
    assert "Van de 20 doelen van de casussen die in de periode zijn gesloten, is 60% behaald." in zinnen
    niets = B.samenvatting(crafted(fenomenen=[fenomeen("Drugslab", 6, 6, 1.5, 1.2)]))
    assert "Geen fenomeen komt hier duidelijk vaker voor dan gemiddeld in de gemeente." in niets
    te_weinig = B.samenvatting(crafted(fenomenen=[fenomeen("Drugslab", ONDERDRUKT, 0)]))
    assert "Er zijn te weinig signalen om de fenomenen met het gemeentelijk gemiddelde te vergelijken." in te_weinig
    gemeente = B.samenvatting(crafted(soort="gemeente", fenomenen=[fenomeen("Hennepteelt", 40, 40, 10.0, 4.0)]))
    assert not any("gemiddeld in de gemeente:" in zin for zin in gemeente)  # no comparison with itself


def test_share_summary_names_the_shares():
    beeld = crafted(vergelijking=B.AANDEEL, fenomenen=[fenomeen("Hennepteelt", 20, 20, 50.0, 25.0)])
    assert (
        "Verhoudingsgewijs duidelijk meer signalen dan in de gemeente over hennepteelt (50,0% van de signalen, in de "
        "gemeente 25,0%)." in B.samenvatting(beeld)
    )


# --- The period ----------------------------------------------------------------------------------------------------

TODAY = dt.date(2025, 6, 18)


@pytest.mark.parametrize(
    "params,van,tot",
    [
        ({}, dt.date(2023, 6, 1), dt.date(2025, 5, 31)),
        ({"maanden": "36"}, dt.date(2022, 6, 1), dt.date(2025, 5, 31)),
        ({"van": "2024-01", "tot": "2024-12-15"}, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ({"van": "2024-01-20"}, dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
        ({"tot": "2024-12"}, dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
    ],
)
def test_period(params, van, tot):
    assert B.lees_periode(params, vandaag=TODAY) == B.Periode(van, tot)


@pytest.mark.parametrize(
    "params,names",
    [
        ({"maanden": "12"}, ["maanden"]),
        ({"maanden": "２４"}, ["maanden"]),
        ({"maanden": "24", "van": "2024-01"}, ["maanden"]),
        ({"van": "2024-13"}, ["van"]),
        ({"van": "２０２４-01"}, ["van"]),
        ({"van": "2025-01", "tot": "2024-01"}, ["tot"]),
        ({"van": "2020-01", "tot": "2024-01"}, ["van"]),
        ({"fenomeen": "hennepteelt"}, ["fenomeen"]),
    ],
)
def test_period_refusals(params, names):
    with pytest.raises(InvalidInput) as error:
        B.lees_periode(params, vandaag=TODAY)
    assert [p["name"] for p in error.value.invalid_params] == names


def test_block_labels():
    assert B._blok_label([dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)]) == "K1 2025"
    assert B._blok_label([dt.date(2025, 3, 1), dt.date(2025, 4, 1), dt.date(2025, 5, 1)]) == "mrt–mei 2025"
    assert B._blok_label([dt.date(2024, 12, 1), dt.date(2025, 1, 1), dt.date(2025, 2, 1)]) == "dec ’24–feb ’25"
    assert [len(b) for b in B._blokken(F.months(dt.date(2024, 1, 1), dt.date(2024, 11, 30)))] == [2, 3, 3, 3]


def test_the_report_is_a_plain_dataclass_of_numbers_and_labels(world):
    """Nothing in the report object is a model instance (that could carry a name or an address along)."""
    from django.db.models import Model

    def walk(value):
        if isinstance(value, Model):
            raise AssertionError(f"model instance in the report: {type(value).__name__}")
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                walk(getattr(value, item.name))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple | set):
            for item in value:
                walk(item)

    walk(rapport(world, "WK990101"))


def test_unknown_and_foreign_areas(world, other_tenant):
    from django.http import Http404

    for code in ("BU99019999", "WK990199", "GM9902", "BU99020101", "XX"):
        with pytest.raises(Http404):
            rapport(world, code)
    with pytest.raises(Http404):  # tenant B's own buurt exists, but not for tenant A
        rapport(world, "BU99020101", user=world.tenant.manager)
    assert rapport(world, "BU99020101", user=other_tenant.regisseur).gebied.naam == "Centrum"


def test_aanpak_rows_cover_every_approach(world):
    beeld = rapport(world, CENTRUM)
    assert [r["aanpak"] for r in beeld.casussen] == [a.value for a in Aanpak] + [""]
