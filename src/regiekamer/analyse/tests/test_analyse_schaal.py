"""The analyst's lists as rewritten for a million signals: the period filters compare the moment with local
midnights instead of taking the local date of every row, the phenomenon filter is an EXISTS; the rows are those of a
direct computation, at the edges of a month too, once each and in the same order."""

import datetime as dt

import pytest
from django.utils import timezone

from regiekamer.analyse import selectors
from regiekamer.casussen import services as casussen
from regiekamer.casussen.models import Casus, CasusSignaal
from regiekamer.conftest import make_signaal
from regiekamer.signalen.models import Signaal

pytestmark = pytest.mark.django_db


def local(year, month, day, hour=0, minute=0, second=0, micro=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute, second, micro))


# Around the start of a summer-time month and of a winter-time month, to the microsecond.
MOMENTS = [
    local(2025, 3, 31, 23, 59, 59, 999999),
    local(2025, 4, 1),
    local(2025, 4, 30, 23, 59, 59, 999999),
    local(2025, 5, 1),
    local(2025, 10, 31, 23, 59, 59, 999999),
    local(2025, 11, 1),
]


@pytest.fixture
def signalen(tenant):
    made = []
    for n, moment in enumerate(MOMENTS):
        signaal = make_signaal(tenant, fenomenen=["hennepteelt", "drugshandel"] if n % 2 else ["drugshandel"])
        Signaal.objects.filter(pk=signaal.pk).update(ontvangen_op=moment)
        made.append(Signaal.objects.get(pk=signaal.pk))
    return made


def expected(signalen, van=None, tot=None, fenomeen=None):
    rows = [
        s
        for s in signalen
        if (van is None or timezone.localtime(s.ontvangen_op).date() >= van)
        and (tot is None or timezone.localtime(s.ontvangen_op).date() <= tot)
        and (fenomeen is None or fenomeen in {f.code for f in s.fenomenen.all()})
    ]
    return [s.pk for s in sorted(rows, key=lambda s: (-s.ontvangen_op.timestamp(), s.pk))]


@pytest.mark.parametrize(
    ("van", "tot"),
    [
        (dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
        (dt.date(2025, 4, 1), None),
        (None, dt.date(2025, 3, 31)),
        (dt.date(2025, 11, 1), dt.date(2025, 11, 30)),
        (dt.date(2025, 5, 1), dt.date(2025, 10, 31)),
    ],
)
@pytest.mark.parametrize("fenomeen", [None, "hennepteelt", "drugshandel", "bestaat-niet"])
def test_signal_rows_equal_a_direct_computation(tenant, signalen, van, tot, fenomeen):
    filters = selectors.AnalyseFilter(van=van, tot=tot, fenomeen=fenomeen or "")
    rows = selectors.signalen(tenant.gemeente, filters)
    want = expected(signalen, van, tot, fenomeen) if fenomeen != "bestaat-niet" else []
    assert [s.pk for s in rows] == want
    assert rows.count() == len(want)


def test_case_rows_once_each_with_a_phenomenon_of_several_signals(tenant, signalen):
    casus = casussen.open_casus(tenant.regisseur, titel="Groep", aanpak="groepsgericht", omschrijving="", herkomst="")
    for signaal in signalen:
        CasusSignaal.objects.create(gemeente=tenant.gemeente, casus=casus, signaal=signaal, soort="handmatig")
    Casus.objects.filter(pk=casus.pk).update(geopend_op=local(2025, 4, 1))
    other = casussen.open_casus(tenant.regisseur, titel="Leeg", aanpak="huishouden", omschrijving="", herkomst="")
    Casus.objects.filter(pk=other.pk).update(geopend_op=local(2025, 3, 31, 23, 59, 59, 999999))

    def rows(**kwargs):
        return [c.pk for c in selectors.casussen(tenant.gemeente, selectors.AnalyseFilter(**kwargs))]

    assert rows(fenomeen="hennepteelt") == [casus.pk]  # three signals with it: the case once
    assert rows(fenomeen="drugshandel", van=dt.date(2025, 4, 1)) == [casus.pk]
    assert rows(tot=dt.date(2025, 3, 31)) == [other.pk]
    assert rows() == [casus.pk, other.pk]


@pytest.mark.parametrize("fenomeen", ["hennepteelt", "drugshandel", "bestaat-niet"])
def test_the_count_filtered_on_a_phenomenon_equals_the_rows(tenant, other_tenant, signalen, fenomeen):
    make_signaal(other_tenant, fenomenen=["hennepteelt", "drugshandel"])  # the other gemeente's phenomena
    filters = selectors.AnalyseFilter(fenomeen=fenomeen)
    assert selectors.aantal_signalen(tenant.gemeente, filters) == len(
        list(selectors.signalen(tenant.gemeente, filters))
    )
    filters = selectors.AnalyseFilter(fenomeen=fenomeen, van=dt.date(2025, 4, 1))
    assert selectors.aantal_signalen(tenant.gemeente, filters) == len(
        list(selectors.signalen(tenant.gemeente, filters))
    )
