"""Every figure equals a direct computation over the records, for the whole gemeente, a buurt, a wijk, a phenomenon
and a shorter period. The world is built through the services (intake, wegingen, cases, interventions, closing, a
relapse signal); the expected numbers are computed here, record by record, without the summary counts."""

import datetime as dt
import math

import pytest
from django.utils import timezone

from regiekamer.casussen import services as casus_services
from regiekamer.casussen.models import Casus, CasusSignaal, Deelnemer, Doel, Interventie
from regiekamer.casussen.services import InterventieInvoer
from regiekamer.casussen.tests.test_services import hand_over
from regiekamer.conftest import make_signaal
from regiekamer.core.workdays import add_working_days
from regiekamer.inzicht import filters as F
from regiekamer.inzicht import selectors
from regiekamer.inzicht.tests.helpers import NOORD, Clock, add_noord, local, signaal, weigh
from regiekamer.protocol.machine import FINAL_STATUSES, STEP_OF_STATUS, Aanpak, Status, is_final
from regiekamer.protocol.models import Weging
from regiekamer.protocol.services import instellingen
from regiekamer.signalen.models import Fenomeen, Signaal
from regiekamer.subjects.models import Buurt
from regiekamer.subjects.services import PersoonGegevens

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 18)


def taken(start: dt.date, end: dt.date) -> int:
    k = 0
    while end > add_working_days(start, k):
        k += 1
    return k


def nearest_rank(values: list[int], fraction: float):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def month(moment) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


# --- The world -----------------------------------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def world(tenant, other_tenant, clock):
    noord = add_noord(tenant)
    regisseur = tenant.regisseur
    steps_to_3 = [("1", "ondermijning"), ("2a", "gemeentelijke-taak"), ("2b", "eigen-grondgebied")]
    # Signals in January to May, in Centrum (9901), Noord (9905) and without a buurt (9999), with one or two
    # phenomena, decided at different speeds or still open.
    plans = [
        (
            local(2025, 1, 6),
            "9901",
            ("hennepteelt",),
            [(1, *steps_to_3[0]), (2, *steps_to_3[1]), (8, *steps_to_3[2]), (20, "3", "geen-actie")],
        ),
        (
            local(2025, 1, 9),
            "9905",
            ("hennepteelt", "geldezel"),
            [(1, *steps_to_3[0]), (3, *steps_to_3[1]), (4, *steps_to_3[2]), (9, "3", "doorzetten-riec")],
        ),
        (local(2025, 2, 3), "9905", ("geldezel",), [(0, "1", "geen-ondermijning")]),
        (local(2025, 2, 14), "9999", ("drugslab",), [(2, *steps_to_3[0]), (5, *steps_to_3[1]), (15, *steps_to_3[2])]),
        (
            local(2025, 3, 3),
            "9901",
            ("hennepteelt",),
            [(1, *steps_to_3[0]), (1, *steps_to_3[1]), (2, *steps_to_3[2]), (3, "3", "geen-actie")],
        ),
        (local(2025, 3, 20), "9901", ("geldezel",), [(4, "1", "geen-ondermijning")]),
        (local(2025, 4, 1), "9905", ("hennepteelt",), [(1, *steps_to_3[0])]),
        (local(2025, 5, 12), "9901", ("drugslab", "hennepteelt"), []),
        (
            local(2025, 5, 30),
            "9905",
            ("geldezel",),
            [(2, *steps_to_3[0]), (2, *steps_to_3[1]), (3, *steps_to_3[2]), (6, "3", "doorzetten-afdeling")],
        ),
    ]
    for ontvangen, postcode, fenomenen, wegingen in plans:
        s = signaal(tenant, ontvangen, postcode=postcode, fenomenen=fenomenen)
        for days, weging, uitkomst in wegingen:
            weigh(clock, regisseur, s, ontvangen + dt.timedelta(days=days), weging, uitkomst)
    signaal(other_tenant, local(2025, 2, 1))  # another gemeente: never counted

    # Cases, opened through the protocol and directly; the case figures count what the case services recorded.
    clock.set(timezone.make_aware(dt.datetime(2025, 6, 18, 12)))
    persoon = PersoonGegevens(voornamen="Jan", achternaam="Jansen", geboortedatum=dt.date(1980, 5, 1), bsn="111222333")
    overgedragen = make_signaal(tenant, personen=[persoon])
    c1 = hand_over(tenant, overgedragen, aanpak=Aanpak.HUISHOUDEN)
    c2 = casus_services.open_casus(regisseur, "Jongeren bij de school", Aanpak.GROEPSGERICHT)
    c3 = casus_services.open_casus(regisseur, "Hangplek", Aanpak.GEBIEDSGERICHT, buurt=noord)
    doelen = {
        c1: [
            casus_services.add_doel(regisseur, c1, "Schulden geregeld"),
            casus_services.add_doel(regisseur, c1, "Werk"),
        ],
        c3: [casus_services.add_doel(regisseur, c3, "Geen overlast")],
    }

    def actie(casus, soort, organisatie, deadline):
        return casus_services.add_interventie(
            regisseur,
            casus,
            InterventieInvoer(soort=soort, eigenaar_organisatie=str(organisatie.pk), deadline=deadline),
        )

    a1 = actie(c1, "schuldhulpverlening", tenant.corporatie, dt.date(2025, 7, 1))
    a2 = actie(c1, "gesprek", tenant.politie, dt.date(2025, 7, 1))
    actie(c2, "gesprek", tenant.politie, dt.date(2025, 5, 1))  # overdue
    actie(c2, "schuldhulpverlening", tenant.corporatie, dt.date(2025, 8, 1))
    a5 = actie(c3, "gesprek", tenant.politie, dt.date(2025, 7, 1))
    for interventie in (a1, a2):
        casus_services.update_interventie(regisseur, interventie, "afgerond", "Gedaan.")
    casus_services.update_interventie(regisseur, a5, "gestopt", "Niet meer nodig.")
    casus_services.close_casus(
        regisseur, c1, {str(doelen[c1][0].pk): "behaald", str(doelen[c1][1].pk): "niet"}, "afgeschaald", "Klaar."
    )
    casus_services.close_casus(regisseur, c3, {str(doelen[c3][0].pk): "deels"}, "beeindigd", "Klaar.")
    make_signaal(tenant, omschrijving="Opnieuw hennepgeur.", adressen=[], personen=[persoon])  # relapse on c1
    # The timeline: c1 opened in March and closed in April, c2 opened in May (stalled), c3 in January, closed June.
    Casus.objects.filter(pk=c1.pk).update(geopend_op=local(2025, 3, 10), gesloten_op=local(2025, 4, 20))
    Casus.objects.filter(pk=c2.pk).update(geopend_op=local(2025, 5, 2), laatste_activiteit_op=local(2025, 5, 2))
    Casus.objects.filter(pk=c3.pk).update(geopend_op=local(2025, 1, 15), gesloten_op=local(2025, 6, 2))
    Interventie.objects.filter(casus=c3).update(aangemaakt_op=local(2025, 1, 20))
    Interventie.objects.filter(casus__in=[c1, c2]).update(aangemaakt_op=local(2025, 5, 5))
    assert CasusSignaal.objects.filter(casus=c1, soort=CasusSignaal.Soort.TERUGVAL).count() == 1
    return tenant


FILTERS = {
    "gemeente": {"van": "2025-01", "tot": "2025-06"},
    "buurt": {"van": "2025-01", "tot": "2025-06", "buurt": "BU99010101"},
    "wijk": {"van": "2025-01", "tot": "2025-06", "wijk": "WK990102"},
    "hennepteelt": {"van": "2025-01", "tot": "2025-06", "fenomeen": "hennepteelt"},
    "geldezel in noord": {"van": "2025-01", "tot": "2025-06", "wijk": "WK990102", "fenomeen": "geldezel"},
    "februari-april": {"van": "2025-02-10", "tot": "2025-04-03"},
}


# --- Direct computations -------------------------------------------------------------------------------------------


def in_filters(signal, filters) -> bool:
    if filters.buurt_ids is not None and signal.buurt_id not in filters.buurt_ids:
        return False
    return filters.fenomeen is None or filters.fenomeen in signal.fenomenen.all()


def signals(tenant, filters):
    return [s for s in Signaal.objects.filter(gemeente=tenant.gemeente) if in_filters(s, filters)]


def expected_signalen(tenant, filters):
    found = signals(tenant, filters)
    rows = []
    per_fenomeen = filters.fenomeen is None
    names = dict(Fenomeen.objects.filter(gemeente=tenant.gemeente).values_list("code", "naam"))

    def counts(subset, maand):
        ontvangen = sum(1 for s in subset if month(s.ontvangen_op) == maand)
        afgerond = sum(1 for s in subset if is_final(s.status) and s.afgerond_op and month(s.afgerond_op) == maand)
        return ontvangen, afgerond

    present = set()
    if per_fenomeen:
        for s in found:
            for maand in filters.maanden:
                if any(counts([s], maand)):
                    present |= {f.code for f in s.fenomenen.all()}
    codes = sorted(present, key=lambda code: names[code])
    for maand in filters.maanden:
        ontvangen, afgerond = counts(found, maand)
        rows.append(
            {
                "maand": maand.strftime("%Y-%m"),
                "fenomeen": "",
                "fenomeen_naam": "Alle fenomenen",
                "ontvangen": ontvangen,
                "afgerond": afgerond,
            }
        )
        for code in codes:
            subset = [s for s in found if code in {f.code for f in s.fenomenen.all()}]
            ontvangen, afgerond = counts(subset, maand)
            rows.append(
                {
                    "maand": maand.strftime("%Y-%m"),
                    "fenomeen": code,
                    "fenomeen_naam": names[code],
                    "ontvangen": ontvangen,
                    "afgerond": afgerond,
                }
            )
    return rows


def step_closings(signal):
    """(stap, working days, moment) of each step the signal finished, from its wegingen in order."""
    begun = signal.ontvangen_op
    result = []
    for weging in Weging.objects.filter(signaal=signal).order_by("vastgelegd_op"):
        stap = STEP_OF_STATUS[weging.status_voor]
        if is_final(weging.status_na) or STEP_OF_STATUS[weging.status_na] != stap:
            start, end = timezone.localtime(begun).date(), timezone.localtime(weging.vastgelegd_op).date()
            result.append((stap, taken(start, end), weging.vastgelegd_op))
            begun = weging.vastgelegd_op
    return result


def expected_doorlooptijden(tenant, filters):
    settings_row = instellingen(tenant.gemeente)
    per_stap = {stap: [] for stap in (1, 2, 3, 4)}
    for s in signals(tenant, filters):
        for stap, dagen, moment in step_closings(s):
            if filters.van <= timezone.localtime(moment).date() <= filters.tot:
                per_stap[stap].append(dagen)
    rows = []
    for stap, values in per_stap.items():
        termijn = settings_row.termijn_voor_stap(stap)
        op_tijd = sum(1 for value in values if value <= termijn)
        rows.append(
            {
                "stap": stap,
                "stap_naam": str(selectors.STAPPEN[stap]),
                "aantal": len(values),
                "mediaan": nearest_rank(values, 0.5),
                "p90": nearest_rank(values, 0.9),
                "termijn": termijn,
                "op_tijd": op_tijd,
                "op_tijd_pct": pct(op_tijd, len(values)),
            }
        )
    return rows


def expected_uitkomsten(tenant, filters):
    decided = [
        s
        for s in signals(tenant, filters)
        if is_final(s.status)
        and s.afgerond_op
        and filters.van <= timezone.localtime(s.afgerond_op).date() <= filters.tot
    ]
    rows = [
        {
            "uitkomst": status.value,
            "uitkomst_naam": str(status.label),
            "aantal": sum(1 for s in decided if s.status == status),
        }
        for status in Status
        if status in FINAL_STATUSES
    ]
    rows.append({"uitkomst": "", "uitkomst_naam": "Totaal", "aantal": len(decided)})
    return rows


def expected_werkvoorraad(tenant, filters):
    open_ = [s for s in signals(tenant, filters) if not is_final(s.status)]

    def row(indeling, code, naam, subset):
        return {
            "indeling": indeling,
            "code": code,
            "naam": naam,
            "open": len(subset),
            "te_laat": sum(1 for s in subset if s.termijn < TODAY),
        }

    rows = [row("totaal", "", "Alle open signalen", open_)]
    rows += [
        row("stap", str(stap), str(selectors.STAPPEN[stap]), [s for s in open_ if s.stap == stap])
        for stap in (1, 2, 3, 4)
    ]
    buurten = sorted({s.buurt for s in open_}, key=lambda b: (b is None, b.naam if b else ""))
    rows += [
        row("buurt", b.code if b else "", b.naam if b else "Onbekende buurt", [s for s in open_ if s.buurt == b])
        for b in buurten
    ]
    fenomenen = sorted({f for s in open_ for f in s.fenomenen.all()}, key=lambda f: f.naam)
    if filters.fenomeen is not None:
        fenomenen = [f for f in fenomenen if f == filters.fenomeen]
    rows += [row("fenomeen", f.code, f.naam, [s for s in open_ if f in s.fenomenen.all()]) for f in fenomenen]
    return rows


def cases(tenant, filters):
    result = []
    for casus in Casus.objects.filter(gemeente=tenant.gemeente):
        if filters.buurt_ids is not None and casus.buurt_id not in filters.buurt_ids:
            continue
        if filters.fenomeen is not None:
            links = casus.casus_signalen.exclude(soort=CasusSignaal.Soort.TERUGVAL)
            if not any(filters.fenomeen in link.signaal.fenomenen.all() for link in links):
                continue
        result.append(casus)
    return result


def period(filters):
    return (
        timezone.make_aware(dt.datetime.combine(filters.van, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(filters.tot + dt.timedelta(days=1), dt.time.min)),
    )


def per_aanpak(rows_by_aanpak, fields):
    rows = []
    for aanpak, label in Aanpak.choices:
        values = rows_by_aanpak.get(aanpak, dict.fromkeys(fields, 0))
        rows.append({"aanpak": aanpak, "aanpak_naam": str(label), **values})
    rows.append({"aanpak": "", "aanpak_naam": "Totaal", **{f: sum(r[f] for r in rows) for f in fields}})
    return rows


def expected_casussen(tenant, filters):
    start, end = period(filters)
    counts = {}
    for casus in cases(tenant, filters):
        entry = counts.setdefault(casus.aanpak, {"geopend": 0, "gesloten": 0, "open": 0})
        entry["geopend"] += start <= casus.geopend_op < end
        entry["gesloten"] += casus.gesloten_op is not None and start <= casus.gesloten_op < end
        entry["open"] += casus.geopend_op < end and (casus.gesloten_op is None or casus.gesloten_op >= end)
    return per_aanpak(counts, ("geopend", "gesloten", "open"))


def expected_interventies(tenant, filters):
    start, end = period(filters)
    found = [i for casus in cases(tenant, filters) for i in casus.interventies.all() if start <= i.aangemaakt_op < end]
    statussen = [s.value for s in Interventie.Status]

    def row(indeling, code, naam, subset):
        values = {status: sum(1 for i in subset if i.status == status) for status in statussen}
        return {"indeling": indeling, "code": code, "naam": naam, **values, "totaal": len(subset)}

    rows = [row("totaal", "", "Alle interventies", found)]
    soorten = sorted({i.soort for i in found}, key=lambda s: s.naam)
    rows += [row("soort", s.code, s.naam, [i for i in found if i.soort == s]) for s in soorten]
    organisaties = sorted({i.eigenaar_organisatie for i in found}, key=lambda o: o.naam)
    rows += [
        row("organisatie", str(o.pk), o.naam, [i for i in found if i.eigenaar_organisatie == o]) for o in organisaties
    ]
    return rows


def closed_in_period(tenant, filters):
    start, end = period(filters)
    return [c for c in cases(tenant, filters) if c.status == "gesloten" and start <= c.gesloten_op < end]


def expected_doelen(tenant, filters):
    counts = {}
    for casus in closed_in_period(tenant, filters):
        entry = counts.setdefault(casus.aanpak, {"behaald": 0, "deels": 0, "niet": 0, "totaal": 0})
        for doel in Doel.objects.filter(casus=casus).exclude(resultaat=""):
            entry[doel.resultaat] += 1
            entry["totaal"] += 1
    rows = per_aanpak(counts, ("behaald", "deels", "niet", "totaal"))
    return [{**row, "behaald_pct": pct(row["behaald"], row["totaal"])} for row in rows]


def expected_terugval(tenant, filters):
    counts = {}
    for casus in closed_in_period(tenant, filters):
        entry = counts.setdefault(casus.aanpak, {"gesloten": 0, "met_terugval": 0, "terugvalsignalen": 0})
        relapses = casus.casus_signalen.filter(soort=CasusSignaal.Soort.TERUGVAL).count()
        entry["gesloten"] += 1
        entry["met_terugval"] += relapses > 0
        entry["terugvalsignalen"] += relapses
    rows = per_aanpak(counts, ("gesloten", "met_terugval", "terugvalsignalen"))
    return [{**row, "terugval_pct": pct(row["met_terugval"], row["gesloten"])} for row in rows]


def expected_achterstand(tenant, filters):
    cutoff = timezone.now() - dt.timedelta(days=casus_services.instellingen(tenant.gemeente).stagnatie_dagen)
    open_cases = [c for c in cases(tenant, filters) if c.status == "open"]
    overdue = [i for c in open_cases for i in c.interventies.all() if i.is_open and i.deadline < TODAY]
    stalled = [c for c in open_cases if c.laatste_activiteit_op < cutoff]
    organisaties = {i.eigenaar_organisatie for i in overdue} | {
        d.organisatie for d in Deelnemer.objects.filter(casus__in=stalled)
    }
    rows = [
        {
            "organisatie": "",
            "organisatie_naam": "Alle organisaties",
            "te_late_acties": len(overdue),
            "stagnerende_casussen": len(stalled),
        }
    ]
    for o in sorted(organisaties, key=lambda o: o.naam):
        rows.append(
            {
                "organisatie": str(o.pk),
                "organisatie_naam": o.naam,
                "te_late_acties": sum(1 for i in overdue if i.eigenaar_organisatie == o),
                "stagnerende_casussen": len({c.pk for c in stalled if c.deelnemers.filter(organisatie=o).exists()}),
            }
        )
    return rows


EXPECTED = {
    "signalen": expected_signalen,
    "doorlooptijden": expected_doorlooptijden,
    "uitkomsten": expected_uitkomsten,
    "werkvoorraad": expected_werkvoorraad,
    "casussen": expected_casussen,
    "interventies": expected_interventies,
    "doelen": expected_doelen,
    "terugval": expected_terugval,
    "achterstand": expected_achterstand,
}


# --- The tests -----------------------------------------------------------------------------------------------------


def test_every_figure_is_in_the_register():
    assert set(EXPECTED) == set(selectors.FIGUREN)


@pytest.mark.parametrize("naam", list(EXPECTED))
@pytest.mark.parametrize("filter_name", list(FILTERS))
def test_each_figure_equals_a_direct_computation(world, naam, filter_name):
    filters = F.parse(world.gemeente, FILTERS[filter_name], today=TODAY)
    assert selectors.bereken(naam, world.gemeente, filters, today=TODAY) == EXPECTED[naam](world, filters)


def test_the_world_gives_the_figures_something_to_count(world):
    """Guard against a vacuous comparison: the figures above are not all zero."""
    filters = F.parse(world.gemeente, FILTERS["gemeente"], today=TODAY)
    rows = {naam: selectors.bereken(naam, world.gemeente, filters, today=TODAY) for naam in EXPECTED}
    assert [r["aantal"] for r in rows["doorlooptijden"]] == [8, 5, 1, 1]  # one signal went to a case
    assert rows["doorlooptijden"][0]["mediaan"] is not None and rows["doorlooptijden"][0]["op_tijd"] < 8
    assert rows["werkvoorraad"][0]["open"] >= 3 and rows["werkvoorraad"][0]["te_laat"] >= 2
    assert rows["terugval"][-1] == {**rows["terugval"][-1], "gesloten": 2, "met_terugval": 1, "terugvalsignalen": 1}
    assert rows["doelen"][-1]["totaal"] == 3 and rows["achterstand"][0]["te_late_acties"] == 1
    assert rows["achterstand"][0]["stagnerende_casussen"] == 1
    assert any(r["ontvangen"] for r in rows["signalen"] if r["fenomeen"] == "geldezel")
    noord = F.parse(world.gemeente, FILTERS["wijk"], today=TODAY)
    assert noord.gebied.naam == "Noord"
    assert noord.buurt_ids == tuple(
        Buurt.objects.filter(gemeente=world.gemeente, code=NOORD).values_list("pk", flat=True)
    )


def test_a_period_counts_whole_months(world):
    filters = F.parse(world.gemeente, {"van": "2025-02-10", "tot": "2025-04-03"}, today=TODAY)
    assert (filters.van, filters.tot) == (dt.date(2025, 2, 1), dt.date(2025, 4, 30))
    assert [r["maand"] for r in selectors.bereken("signalen", world.gemeente, filters) if r["fenomeen"] == ""] == [
        "2025-02",
        "2025-03",
        "2025-04",
    ]
