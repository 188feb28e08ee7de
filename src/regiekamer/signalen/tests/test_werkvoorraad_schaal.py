"""The worklist and the search as rewritten for a million signals: the same rows, in the same order, with the same
counts as a direct computation over all signals, for every filter and for searches of one and of several words."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from regiekamer.conftest import make_signaal
from regiekamer.protocol.machine import FINAL_STATUSES, Status
from regiekamer.signalen.models import Signaal
from regiekamer.signalen.selectors import (
    WerkvoorraadFilter,
    werkvoorraad,
    werkvoorraad_aantal,
    werkvoorraad_pagineerbaar,
)
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens

pytestmark = pytest.mark.django_db


@pytest.fixture
def signalen(tenant, other_tenant):
    """Open signals overdue and on time (two with the same deadline and receipt), closed ones, two phenomena, a
    buurt, two reporting organisations; and a signal of another gemeente that no filter may show."""
    now = timezone.now()
    today = timezone.localdate(now)
    rows = [
        # (fenomenen, status, termijn, ontvangen_op, reporter)
        (["hennepteelt"], Status.WEGING_1, today - dt.timedelta(days=3), now - dt.timedelta(days=30), None),
        (
            ["hennepteelt", "drugshandel"],
            Status.WEGING_3,
            today - dt.timedelta(days=3),
            now - dt.timedelta(days=2),
            None,
        ),
        (["drugshandel"], Status.PRIVACYCHECK_1, today + dt.timedelta(days=5), now - dt.timedelta(days=9), None),
        (["hennepteelt"], Status.AANPAK, today + dt.timedelta(days=5), now - dt.timedelta(days=9), "wijkagent"),
        (["hennepteelt"], Status.AANPAK, today + dt.timedelta(days=5), now - dt.timedelta(days=9), None),
        (["hennepteelt"], Status.WEGING_2A, today, now - dt.timedelta(days=1), "wijkagent"),
        (["hennepteelt"], Status.GEEN_ONDERMIJNING, None, now - dt.timedelta(days=40), None),
        (["drugshandel"], Status.CASUS, None, now - dt.timedelta(days=50), "wijkagent"),
        (["hennepteelt", "drugshandel"], Status.GEEN_ACTIE, None, now - dt.timedelta(days=5), None),
    ]
    made = []
    for fenomenen, status, termijn, ontvangen_op, reporter in rows:
        signaal = make_signaal(tenant, reporter=tenant.users[reporter] if reporter else None, fenomenen=fenomenen)
        stap = 0 if status in FINAL_STATUSES else 1
        Signaal.objects.filter(pk=signaal.pk).update(
            status=status, termijn=termijn, ontvangen_op=ontvangen_op, stap=stap, buurt=tenant.buurt
        )
        made.append(signaal.pk)
    make_signaal(other_tenant)
    return made


def expected(tenant, filters: WerkvoorraadFilter) -> list:
    """The worklist computed directly in Python over every signal of the gemeente."""
    rows = []
    for signaal in Signaal.objects.filter(gemeente=tenant.gemeente).prefetch_related("fenomenen"):
        is_open = signaal.status not in FINAL_STATUSES
        if filters.open_only and not filters.status and not is_open:
            continue
        if filters.status and signaal.status != filters.status:
            continue
        if filters.stap and signaal.stap != filters.stap:
            continue
        if filters.fenomeen and filters.fenomeen not in {f.code for f in signaal.fenomenen.all()}:
            continue
        if filters.buurt and str(signaal.buurt_id) != filters.buurt:
            continue
        if filters.organisatie and str(signaal.melder_organisatie_id) != filters.organisatie:
            continue
        if filters.te_laat and not (is_open and signaal.termijn and signaal.termijn < timezone.localdate()):
            continue
        rows.append(signaal)
    # Overdue first, then by deadline; closed signals (no deadline) last; newest first; the id breaks ties.
    rows.sort(key=lambda s: s.pk)
    rows.sort(key=lambda s: s.ontvangen_op, reverse=True)
    rows.sort(key=lambda s: (s.termijn is None, s.termijn or dt.date.max))
    return [s.pk for s in rows]


def filter_cases(tenant):
    return [
        WerkvoorraadFilter(),
        WerkvoorraadFilter(open_only=False),
        WerkvoorraadFilter(fenomeen="hennepteelt"),
        WerkvoorraadFilter(fenomeen="hennepteelt", open_only=False),
        WerkvoorraadFilter(fenomeen="drugshandel", open_only=False),
        WerkvoorraadFilter(fenomeen="bestaat-niet", open_only=False),
        WerkvoorraadFilter(te_laat=True),
        WerkvoorraadFilter(te_laat=True, fenomeen="hennepteelt", open_only=False),
        WerkvoorraadFilter(status=Status.GEEN_ONDERMIJNING),
        WerkvoorraadFilter(status=Status.AANPAK, fenomeen="hennepteelt"),
        WerkvoorraadFilter(stap=1, open_only=False),
        WerkvoorraadFilter(buurt=str(tenant.buurt.pk), open_only=False),
        WerkvoorraadFilter(organisatie=str(tenant.politie.pk), open_only=False),
        WerkvoorraadFilter(organisatie=str(tenant.politie.pk), fenomeen="hennepteelt", open_only=False),
    ]


def test_worklist_rows_order_and_count_equal_a_direct_computation(tenant, signalen):
    for filters in filter_cases(tenant):
        want = expected(tenant, filters)
        assert [s.pk for s in werkvoorraad(tenant.regisseur, filters)] == want, filters
        assert werkvoorraad_aantal(tenant.regisseur, filters) == len(want), filters
        assert werkvoorraad(tenant.regisseur, filters).count() == len(want), filters


def test_overdue_first_then_by_deadline_newest_first_and_closed_last(tenant, signalen):
    rows = list(werkvoorraad(tenant.regisseur, WerkvoorraadFilter(open_only=False)))
    statuses = [s.status in FINAL_STATUSES for s in rows]
    assert statuses == sorted(statuses)  # every open signal before every closed one
    assert [s.is_te_laat for s in rows[:2]] == [True, True]
    # Same deadline: the newest first.
    assert rows[0].ontvangen_op > rows[1].ontvangen_op
    closed = [s for s in rows if s.status in FINAL_STATUSES]
    assert [s.ontvangen_op for s in closed] == sorted((s.ontvangen_op for s in closed), reverse=True)


def test_pages_of_the_worklist_cover_every_row_once(tenant, signalen):
    filters = WerkvoorraadFilter(open_only=False)
    paginator = Paginator(werkvoorraad_pagineerbaar(tenant.regisseur, filters), 2)
    assert paginator.count == len(signalen)
    seen = [s.pk for number in paginator.page_range for s in paginator.page(number)]
    assert seen == expected(tenant, filters)


def test_a_phenomenon_of_another_gemeente_filters_nothing_in(tenant, other_tenant, signalen):
    # The other gemeente has its own "hennepteelt"; its signal never shows up here, nor in the count.
    filters = WerkvoorraadFilter(fenomeen="hennepteelt", open_only=False)
    ids = [s.pk for s in werkvoorraad(tenant.regisseur, filters)]
    assert not Signaal.objects.filter(pk__in=ids, gemeente=other_tenant.gemeente).exists()
    assert werkvoorraad_aantal(other_tenant.regisseur, filters) == 1
    assert werkvoorraad_aantal(tenant.partnerprofessional, filters) == 0
    assert not werkvoorraad(tenant.partnerprofessional, filters).exists()


def search(tenant, term):
    return {s.pk for s in werkvoorraad(tenant.regisseur, WerkvoorraadFilter(zoek=term, open_only=False))}


def test_search_finds_a_signal_by_each_kind_of_subject_and_field(tenant, other_tenant):
    signaal = make_signaal(
        tenant,
        personen=[PersoonGegevens(voornamen="Karel", achternaam="Appelboom", geboortedatum=dt.date(1970, 1, 2))],
        adressen=[AdresGegevens(postcode="9901XY", huisnummer=3, straat="Kastanjelaan")],
        rechtspersonen=[("Groenteboer Peer B.V.", "")],
        voertuigen=["ab-123-c"],
        locatie="achter de sporthal",
    )
    make_signaal(tenant)  # Jan Jansen, 9901AB
    make_signaal(
        other_tenant,
        personen=[PersoonGegevens(voornamen="Karel", achternaam="Appelboom", geboortedatum=dt.date(1970, 1, 2))],
    )
    for term in ["appelBOOM", "karel", "9901xy", "9901x", "kastanje", "groenteboer", "AB123C", "sporthal"]:
        assert search(tenant, term) == {signaal.pk}, term
    assert search(tenant, signaal.nummer.lower()) == {signaal.pk}
    assert search(tenant, "9901") == set(Signaal.objects.filter(gemeente=tenant.gemeente).values_list("pk", flat=True))
    assert search(tenant, "onbekend") == set()
    assert search(tenant, "!!") == set()


def test_several_words_match_one_and_the_same_subject_of_a_kind(tenant):
    """Words matched through persons are matched by one person; a word may be matched by an address meanwhile."""
    signaal = make_signaal(
        tenant,
        personen=[
            PersoonGegevens(voornamen="Piet", achternaam="Pietersen", geboortedatum=dt.date(1970, 1, 2)),
            PersoonGegevens(voornamen="Kees", achternaam="Bakker", geboortedatum=dt.date(1971, 1, 2)),
        ],
        adressen=[AdresGegevens(postcode="9901XY", huisnummer=3, straat="Kastanjelaan")],
    )
    assert search(tenant, "Piet Pietersen") == {signaal.pk}
    assert search(tenant, "Kees Bakker") == {signaal.pk}
    assert search(tenant, "Bakker Kastanjelaan") == {signaal.pk}
    assert search(tenant, "Pietersen Kastanjelaan 9901XY") == {signaal.pk}
    # Two words each of another person of the signal: no one person is called "Kees Pietersen".
    assert search(tenant, "Kees Pietersen") == set()


def test_own_reports_carry_the_moment_of_their_first_weging(tenant):
    from regiekamer.casussen.tests.test_services import _weigh
    from regiekamer.protocol.models import Weging
    from regiekamer.signalen.selectors import eigen_meldingen

    gewogen, nieuw = make_signaal(tenant), make_signaal(tenant)
    _weigh(tenant.regisseur, gewogen, "1", "ondermijning")
    _weigh(tenant.regisseur, gewogen, "2a", "gemeentelijke-taak")
    Weging.objects.filter(signaal=gewogen, soort="2a").update(vastgelegd_op=timezone.now() - dt.timedelta(days=3))
    rows = {s.pk: s for s in eigen_meldingen(tenant.partnerprofessional)}
    assert set(rows) == {gewogen.pk, nieuw.pk}
    first = min(Weging.objects.filter(signaal=gewogen).values_list("vastgelegd_op", flat=True))
    assert rows[gewogen.pk].eerste_weging_op == first
    assert rows[nieuw.pk].eerste_weging_op is None


def test_names_and_postcodes_are_found_as_people_type_them(tenant):
    """A tussenvoegsel, typed or abbreviated, and a postcode with a space: the person search and the signal search
    find the same person and signal as with the words the keys hold."""
    from regiekamer.subjects.selectors import search_adressen, search_personen

    kitty = make_signaal(
        tenant,
        personen=[PersoonGegevens(voornamen="Kitty", tussenvoegsel="de", achternaam="Vries")],
        adressen=[AdresGegevens(postcode="9913LP", huisnummer=4, straat="Lindelaan")],
    )
    berg = make_signaal(tenant, personen=[PersoonGegevens(voornamen="Jan", tussenvoegsel="van der", achternaam="Berg")])
    devries = make_signaal(tenant, personen=[PersoonGegevens(voornamen="Piet", achternaam="Devries")])
    assert search(tenant, "de Vries") == search(tenant, "Vries") == {kitty.pk, devries.pk}  # a name part, as ever
    for term in [
        "Kitty de Vries",
        "K. de Vries",
        "kitty DE vries",
        "9913 LP",
        "9913 lp",
        "Lindelaan 9913 LP",
    ]:
        assert search(tenant, term) == {kitty.pk}, term
    for term in ["v.d. Berg", "vd Berg", "van der Berg", "J. v.d. Berg"]:
        assert search(tenant, term) == {berg.pk}, term
        assert [p.volledige_naam for p in search_personen(tenant.gemeente, term)] == ["Jan van der Berg"], term
    for term in ["Kitty de Vries", "K. de Vries"]:
        assert [p.volledige_naam for p in search_personen(tenant.gemeente, term)] == ["Kitty de Vries"], term
    assert [str(a.postcode) for a in search_adressen(tenant.gemeente, "9913 LP")] == ["9913LP"]
    assert search(tenant, "K. de Jansen") == set()  # the words that remain must still match
