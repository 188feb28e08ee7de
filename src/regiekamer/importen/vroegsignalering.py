"""Vroegsignalering: arrears reported by energy and water companies, health insurers and landlords.

Arrears about the same household (the same address) reported within the gemeente's period
(``ImportInstelling.vroegsignalering_dagen``) while the household's signal is still open become one signal with every
creditor's arrears (``Achterstand``), not one signal per creditor. A creditor hears back a status only
(``Terugkoppeling``): *herhaalde melding* when it reports the same household again within the period (set at once),
or what the gemeente recorded (*contact gelegd*, *geen contact*, *onterecht signaal*).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.gebieden import tellingen as gebiedstellingen
from regiekamer.importen.models import Achterstand, ImportInstelling, Terugkoppeling
from regiekamer.inzicht import services as cijfers
from regiekamer.protocol.machine import FINAL_STATUSES
from regiekamer.signalen.models import Signaal


def instelling(gemeente) -> ImportInstelling:
    result, _created = ImportInstelling.objects.get_or_create(gemeente=gemeente)
    return result


def huishoudsignaal(gemeente, adres, moment: dt.datetime) -> Signaal | None:
    """The open signal with arrears reported about this address within the period, if any (the latest)."""
    if adres is None:
        return None
    sinds = moment - dt.timedelta(days=instelling(gemeente).vroegsignalering_dagen)
    return (
        Signaal.objects.select_for_update()
        .filter(gemeente=gemeente, achterstanden__adres=adres, achterstanden__gemeld_op__gte=sinds)
        .exclude(status__in=FINAL_STATUSES)
        .order_by("-ontvangen_op")
        .first()
    )


def voeg_toe(signaal: Signaal, gevalideerd, gekoppeld) -> None:
    """Add a further creditor's row to the household's signal: its persons, addresses, phenomena and indicators
    (the summaries follow the change)."""
    fenomenen_voor = set(signaal.fenomenen.values_list("pk", flat=True))
    adressen_voor = list(signaal.adressen.values_list("pk", flat=True))
    stand_voor = cijfers.stand(signaal)
    bijdrage_voor = gebiedstellingen.bijdrage(signaal, adressen=adressen_voor, fenomenen=fenomenen_voor)
    nieuwe_fenomenen = [f for f in gevalideerd.fenomenen if f.pk not in fenomenen_voor]
    if nieuwe_fenomenen:
        signaal.fenomenen.add(*nieuwe_fenomenen)
    if gevalideerd.indicatoren:
        signaal.indicatoren.add(*gevalideerd.indicatoren)
    if gekoppeld.personen:
        signaal.personen.add(*gekoppeld.personen)
    nieuwe_adressen = [a for a in dict.fromkeys(gekoppeld.adressen) if a.pk not in adressen_voor]
    for adres in nieuwe_adressen:
        signaal.adressen.add(adres)
    if nieuwe_fenomenen:
        fenomenen_na = tuple(sorted(pk.hex for pk in fenomenen_voor | {f.pk for f in nieuwe_fenomenen}))
        cijfers.verwerk(stand_voor, cijfers.stand(signaal, fenomenen=fenomenen_na))
    if nieuwe_fenomenen or nieuwe_adressen:
        gebiedstellingen.verwerk(
            bijdrage_voor,
            gebiedstellingen.bijdrage(
                signaal,
                adressen=adressen_voor + [a.pk for a in nieuwe_adressen],
                fenomenen=fenomenen_voor | {f.pk for f in nieuwe_fenomenen},
            ),
        )
    Signaal.objects.filter(pk=signaal.pk).update(bijgewerkt_op=timezone.now())


def leg_achterstand_vast(bronreferentie, gegevens, adres) -> Achterstand:
    signaal = bronreferentie.signaal
    herhaald = Achterstand.objects.filter(signaal=signaal, organisatie=bronreferentie.organisatie).exists()
    return Achterstand.objects.create(
        gemeente=signaal.gemeente,
        signaal=signaal,
        organisatie=bronreferentie.organisatie,
        bronreferentie=bronreferentie,
        soort_schuldeiser=gegevens.soort_schuldeiser,
        bedrag=gegevens.bedrag,
        sinds=gegevens.sinds,
        adres=adres,
        terugkoppeling=Terugkoppeling.HERHAALDE_MELDING if herhaald else "",
        terugkoppeling_op=timezone.now() if herhaald else None,
    )


TERUGKOPPELING_DOOR_GEMEENTE = (Terugkoppeling.CONTACT_GELEGD, Terugkoppeling.GEEN_CONTACT, Terugkoppeling.ONTERECHT)


@transaction.atomic
def leg_terugkoppeling_vast(user, signaal, terugkoppeling: str) -> int:
    """Record the outcome of a vroegsignalering signal for its creditors (a status, nothing more). Lines marked as a
    repeated report keep that status. Returns the number of creditor lines changed."""
    if not permissions.has_capability(user, permissions.RECORD_WEGING) or signaal.gemeente_id != user.gemeente.pk:
        raise NotAllowed(_("U mag geen terugkoppeling vastleggen."))
    if terugkoppeling not in TERUGKOPPELING_DOOR_GEMEENTE:
        raise InvalidInput.field("terugkoppeling", _("Kies een terugkoppeling."), code="onbekend")
    regels = Achterstand.objects.filter(signaal=signaal).exclude(terugkoppeling=Terugkoppeling.HERHAALDE_MELDING)
    aantal = regels.update(terugkoppeling=terugkoppeling, terugkoppeling_op=timezone.now())
    if aantal:
        audit.log(user, "wijzigen", "vroegsignalering.terugkoppeling", "signaal", [signaal])
    return aantal
