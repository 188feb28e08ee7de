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
    return huishoudsignalen(gemeente, [adres.pk], moment).get(adres.pk)


def huishoudsignalen(gemeente, adres_ids, moment: dt.datetime) -> dict:
    """Per address id: the open signal with arrears reported about it within the period (the latest), locked for
    the rest of the transaction. One query for all."""
    sinds = moment - dt.timedelta(days=instelling(gemeente).vroegsignalering_dagen)
    regels = (
        Achterstand.objects.filter(gemeente=gemeente, adres_id__in=set(adres_ids), gemeld_op__gte=sinds)
        .exclude(signaal__status__in=FINAL_STATUSES)
        .order_by("signaal__ontvangen_op", "signaal__nummer")
        .values_list("adres_id", "signaal_id")
    )
    per_adres = dict(regels)
    signalen = Signaal.objects.select_for_update().in_bulk(set(per_adres.values()))
    return {adres_id: signalen[signaal_id] for adres_id, signaal_id in per_adres.items()}


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
    return leg_achterstanden_vast([(bronreferentie, gegevens, adres)])[0]


def leg_achterstanden_vast(regels: list) -> list[Achterstand]:
    """Record arrears lines, each ``(bronreferentie, gegevens, adres)``, in order; a creditor that already has a line
    on the signal reported the household again: *herhaalde melding*, set at once."""
    bestaand = set(
        Achterstand.objects.filter(signaal_id__in={bron.signaal_id for bron, _g, _a in regels}).values_list(
            "signaal_id", "organisatie_id"
        )
    )
    result = []
    for bron, gegevens, adres in regels:
        sleutel = (bron.signaal_id, bron.organisatie_id)
        result.append(_achterstand(bron, gegevens, adres, herhaald=sleutel in bestaand))
        bestaand.add(sleutel)
    return Achterstand.objects.bulk_create(result)


def _achterstand(bronreferentie, gegevens, adres, herhaald: bool) -> Achterstand:
    signaal = bronreferentie.signaal
    return Achterstand(
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
