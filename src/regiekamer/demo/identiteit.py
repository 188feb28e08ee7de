"""Demo of entity resolution, in the first gemeente: one young woman reported by three partners under three
spellings (linked, with the explanation on her profile), twins who stay apart, and a few uncertain pairs on the
regisseur's review queue (one of them judged already)."""

import datetime as dt

from regiekamer.identiteit.models import Beoordeling
from regiekamer.identiteit.services import beoordeel
from regiekamer.signalen.services import SignaalInvoer, report_signaal
from regiekamer.subjects.services import PersoonGegevens

GELDEZEL = (["geldezel"], ["bankpas-afgegeven"])
SIGNALEN = 10  # the signals this part adds to the first gemeente


def _meld(reporter, omschrijving, personen, adressen, ontvangen_op, soort=GELDEZEL):
    invoer = SignaalInvoer(
        omschrijving=omschrijving,
        fenomenen=list(soort[0]),
        indicatoren=list(soort[1]),
        personen=personen,
        adressen=adressen,
    )
    return report_signaal(reporter, invoer, ontvangen_op=ontvangen_op)


def build(tenant, moment) -> None:
    """``tenant`` is the demo's TenantBuilder; ``moment(days_ago)`` gives a moment in the demo's past."""
    corporatie, wijkagent = tenant.users.get("partnerprofessional"), tenant.users.get("wijkagent")
    regisseur = tenant.users.get("regisseur")
    if corporatie is None or wijkagent is None or regisseur is None:
        return
    thuis = tenant.random_adres()
    elders = tenant.random_adres()
    geboren = dt.date(2005, 3, 7)
    # Three partners, three spellings of one young woman at one address: one person, two explained links.
    for days_ago, reporter, persoon, tekst in (
        (20, wijkagent, PersoonGegevens("Kitty", "Vries", "de", geboren, "999993653"), "Geeft haar bankpas af."),
        (12, corporatie, PersoonGegevens("Kitti", "de Vries", "", geboren), "Huurachterstand, onbekenden aan de deur."),
        (5, wijkagent, PersoonGegevens("K.", "Vries", "v.", geboren), "Grote bedragen over haar rekening."),
    ):
        _meld(reporter, tekst, [persoon], [thuis], moment(days_ago))
    # Twins at one address: two persons, not offered for review.
    tweeling = dt.date(2006, 11, 2)
    _meld(
        wijkagent,
        "Tweeling wordt geronseld als koerier.",
        [PersoonGegevens("Daan", "Smit", "", tweeling), PersoonGegevens("Thijs", "Smit", "", tweeling)],
        [elders],
        moment(9),
    )
    # A Kevin named in passing, without a birth date, in two unrelated reports: kept apart, offered for review.
    _meld(corporatie, "Kevin komt vaak langs bij de buren.", [PersoonGegevens("Kevin", "Bakker")], [], moment(8))
    _meld(wijkagent, "Kevin zou pakketjes rondbrengen.", [PersoonGegevens("Kevin", "Bakker")], [], moment(3))
    # Initials and another address: same surname and birth date, the rest is thin.
    _meld(
        corporatie,
        "Woning onderverhuurd.",
        [PersoonGegevens("Anna Maria", "Visser", "", dt.date(1971, 6, 15))],
        [tenant.random_adres()],
        moment(30),
    )
    _meld(
        wijkagent,
        "Meerdere mensen ingeschreven.",
        [PersoonGegevens("A.M.", "Visser", "", dt.date(1971, 6, 15))],
        [tenant.random_adres()],
        moment(2),
    )
    # A pair judged already: the model's score is visible on it.
    _meld(
        corporatie, "Betalingsachterstand.", [PersoonGegevens("Jan", "Jansen", "", dt.date(1980, 1, 1))], [], moment(40)
    )
    _meld(wijkagent, "Overlast.", [PersoonGegevens("Jan", "Jansen", "", dt.date(1981, 1, 1))], [], moment(35))
    oud = (
        Beoordeling.objects.filter(
            gemeente=tenant.gemeente, status=Beoordeling.Status.OPEN, bekend__achternaam="Jansen"
        )
        .order_by("aangemaakt_op")
        .first()
    )
    if oud is not None:
        beoordeel(regisseur, oud, Beoordeling.Status.VERSCHILLEND, "Vader en zoon: BRP toont twee personen.")
