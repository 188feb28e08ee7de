"""Demo of the rights of the person concerned and of pseudonymised analysis, in the first gemeente: a few
re-identifications by the analyst, one rectification and one person whose processing is restricted."""

import datetime as dt

from django.db.models import Count

from regiekamer.analyse import selectors as analyse_selectors
from regiekamer.analyse import services as analyse
from regiekamer.analyse.models import Heridentificatie
from regiekamer.casussen.models import Betrokkene
from regiekamer.inzage import services as inzage
from regiekamer.inzage.models import Beperking, Rectificatie
from regiekamer.subjects.models import Persoon

HERIDENTIFICATIES = (
    (
        "Spil in het netwerk rond meerdere hennepsignalen; nodig voor het signaaloverleg.",
        "Verzoek regisseur S. de Vries",
    ),
    (
        "Adres komt steeds terug bij signalen van verschillende partners; nagaan of het om één pand gaat.",
        "Signaaloverleg week 12",
    ),
    (
        "Onderneming verbonden aan meerdere personen in het netwerk; duiding voor het RIEC-overleg.",
        "Verzoek regisseur S. de Vries",
    ),
)


def _candidates(gemeente):
    """Persons in exactly one signal and in no case, in a stable order: ordinary demo people, not the scripted
    stories, so that a correction or restriction does not change the stories."""
    in_case = Betrokkene.objects.filter(gemeente=gemeente).exclude(persoon=None).values("persoon_id")
    return (
        Persoon.objects.filter(gemeente=gemeente, geboortedatum__isnull=False)
        .exclude(pk__in=in_case)
        .annotate(aantal=Count("signalen"))
        .filter(aantal=1)
        .order_by("naam_sleutel", "geboortedatum")
    )


def build(tenant, moment) -> None:
    """``tenant`` is the demo's TenantBuilder; ``moment(days_ago)`` gives a moment in the demo's past."""
    regisseur, analist = tenant.users.get("regisseur"), tenant.users.get("analist")
    if regisseur is None or analist is None:
        return
    gemeente = tenant.gemeente
    candidates = list(_candidates(gemeente)[:40])
    # A rectification: day and month of the birth date were swapped.
    for persoon in candidates:
        datum = persoon.geboortedatum
        if datum.day <= 12 and datum.day != datum.month:
            juist = dt.date(datum.year, datum.day, datum.month)
            inzage.rectify(
                regisseur,
                persoon,
                "geboortedatum",
                juist.isoformat(),
                "Dag en maand van de geboortedatum waren verwisseld; de betrokkene toonde een uittreksel BRP.",
                "AVG-2026-011",
            )
            Rectificatie.objects.filter(persoon=persoon).update(op=moment(12))
            candidates.remove(persoon)
            break
    # A restriction: the person disputes the accuracy of the signal.
    if candidates:
        persoon = candidates[-1]
        inzage.restrict(
            regisseur,
            persoon,
            "De betrokkene betwist de juistheid van het signaal; de verwerking is beperkt tot de controle is afgerond.",
            "AVG-2026-014",
        )
        Beperking.objects.filter(persoon=persoon).update(geplaatst_op=moment(5))
    # Re-identifications: the analyst asks who is behind a few pseudonyms of the network view.
    paren = analyse_selectors.samenhang(gemeente, minimum=2)
    gekozen = []
    for soort in ("persoon", "adres", "rechtspersoon"):
        for paar in paren:
            match = next((p for p, s in ((paar.a, paar.a_soort), (paar.b, paar.b_soort)) if s == soort), None)
            if match:
                gekozen.append(match)
                break
    for days_ago, pseudo, (reden, referentie) in zip((20, 9, 3), gekozen, HERIDENTIFICATIES, strict=False):
        record, _subject = analyse.reidentify(analist, pseudo, reden, referentie)
        Heridentificatie.objects.filter(pk=record.pk).update(op=moment(days_ago))
