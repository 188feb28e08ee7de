"""Building small worlds through the services, at chosen moments, for the figure tests."""

import datetime as dt
from contextlib import contextmanager

from django.utils import timezone

from regiekamer.protocol.services import WegingInvoer, record_weging
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.models import Buurt
from regiekamer.subjects.services import AdresGegevens

NOORD = "BU99010201"  # wijk WK990102 (the tenant's Centrum is BU99010101, wijk WK990101)


class Clock:
    """``django.utils.timezone.now`` under test control: the services stamp what this says."""

    def __init__(self, monkeypatch):
        self.moment = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def set(self, moment: dt.datetime) -> dt.datetime:
        self.moment = moment
        return moment


def local(year, month, day, hour=10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def add_noord(tenant) -> Buurt:
    return Buurt.objects.create(
        gemeente=tenant.gemeente, code=NOORD, naam="Molenwijk", wijk="Noord", postcodes="9905,9906"
    )


def signaal(tenant, when, postcode="9901", fenomenen=("hennepteelt",), reporter=None, **extra):
    """A signal received at ``when`` about an address with this postcode area (and so in that area's buurt)."""
    adressen = [AdresGegevens(postcode=f"{postcode}AB", huisnummer=12)] if postcode else []
    invoer = SignaalInvoer(
        omschrijving="Lampen en potgrond naar binnen gedragen, sterke hennepgeur.",
        fenomenen=list(fenomenen),
        adressen=adressen,
        **extra,
    )
    return report_signaal(reporter or tenant.partnerprofessional, invoer, ontvangen_op=when)


def weigh(clock, user, signaal_, when, weging, uitkomst, **extra):
    clock.set(when)
    extra.setdefault("toelichting", f"Motivering voor {weging}: {uitkomst}.")
    result = record_weging(user, signaal_, WegingInvoer(weging=weging, uitkomst=uitkomst, **extra))
    signaal_.refresh_from_db()
    return result


@contextmanager
def at(clock, when):
    previous = clock.moment
    clock.set(when)
    try:
        yield
    finally:
        clock.set(previous)
