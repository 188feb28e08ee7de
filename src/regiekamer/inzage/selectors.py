"""The inzage report (art. 15 AVG) about one person: what is stored, why, where it came from, with whom it was
shared, how long it is kept, and who looked at it. Always within the person's own gemeente."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.audit.selectors import verwerkingen_over
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.casussen.models import Betrokkene, Casus, CasusSignaal
from regiekamer.core.templatetags.rk import masked_bsn
from regiekamer.delen.models import DelingsBesluit
from regiekamer.doelbinding.doelen import GRONDSLAGEN, label
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.inzage.models import Beperking, Rectificatie, Weigering
from regiekamer.protocol.machine import FINAL_STATUSES, Status
from regiekamer.retention.services import bewaartermijn
from regiekamer.subjects.selectors import relaties_van

# The log is asked from the person's first record on: an inzage covers everything still kept.
LOG_LIMIT = 1000


def _date_of(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


@dataclass
class Onderdeel:
    """One withholdable part of the report. ``weigering`` is set when it is not provided."""

    sleutel: str
    object: object
    weigering: Weigering | None = None
    extra: dict = field(default_factory=dict)

    @property
    def geweigerd(self) -> bool:
        return self.weigering is not None


@dataclass
class Rapport:
    persoon: object
    bsn_gemaskeerd: str
    persoon_onderdeel: Onderdeel
    relaties: list[Onderdeel]
    signalen: list[Onderdeel]
    bronraadplegingen: list[Onderdeel]
    verstrekkingen: list[Onderdeel]
    casussen: list[Onderdeel]
    doelen: list[tuple[str, str]]
    verwerkingen: Onderdeel
    weigeringen: list[Weigering]
    rectificaties: list = field(default_factory=list)
    beperkingen: list = field(default_factory=list)

    @property
    def beperkt(self) -> bool:
        return any(b.actief for b in self.beperkingen)

    def sleutels(self) -> set[str]:
        """Every part of this report that can be withheld."""
        items = [self.persoon_onderdeel, self.verwerkingen, *self.relaties, *self.bronraadplegingen, *self.casussen]
        for signaal in self.signalen:
            items += [signaal, *signaal.extra["wegingen"]]
        return {item.sleutel for item in items}

    @property
    def redenen(self) -> list[str]:
        return sorted({w.reden for w in self.weigeringen})


def signaal_vernietigen_op(signaal, termijn, casussen_van_signaal) -> tuple[dt.date | None, str]:
    """The expected destruction date of a signal and how it follows from the retention rules."""
    if signaal.vernietigen_op:
        return signaal.vernietigen_op, _("bewaartermijn na besluit 'geen actie'")
    if casussen_van_signaal:
        gesloten = [c.gesloten_op for c in casussen_van_signaal]
        if all(gesloten):
            return _date_of(max(gesloten)) + dt.timedelta(days=termijn.casus_dagen), _(
                "wordt samen met de casus vernietigd"
            )
        return None, _("wordt samen met de casus vernietigd, na het sluiten van de casus")
    if signaal.status in FINAL_STATUSES and signaal.status != Status.GEEN_ACTIE and signaal.afgerond_op:
        return _date_of(signaal.afgerond_op) + dt.timedelta(days=termijn.signaal_dagen), _(
            "bewaartermijn na afronden van het signaal"
        )
    return None, _("nog niet bepaald: het signaal is in behandeling")


def casus_vernietigen_op(casus, termijn) -> dt.date | None:
    return _date_of(casus.gesloten_op) + dt.timedelta(days=termijn.casus_dagen) if casus.gesloten_op else None


def _casus_ids(persoon, signaal_ids):
    """The cases the person is betrokkene of or that hold one of their signals: a UNION of two index reads, not an
    OR over joins (with DISTINCT) of every case of the gemeente."""
    betrokken = Betrokkene.objects.filter(persoon=persoon).order_by().values("casus_id")
    via_signaal = CasusSignaal.objects.filter(signaal__in=signaal_ids).order_by().values("casus_id")
    return betrokken.union(via_signaal)


def rapport(persoon, sinds: dt.datetime | None = None) -> Rapport:
    gemeente = persoon.gemeente
    weigeringen = list(Weigering.objects.filter(gemeente=gemeente, persoon=persoon).select_related("door"))
    geweigerd = {w.onderdeel: w for w in weigeringen}
    termijn = bewaartermijn(gemeente)

    def onderdeel(soort, obj, parent: Onderdeel | None = None, **extra) -> Onderdeel:
        sleutel = f"{soort}:{obj.pk}"
        weigering = geweigerd.get(sleutel) or (parent.weigering if parent else None)
        return Onderdeel(sleutel, obj, weigering, extra)

    relaties = [onderdeel("relatie", r) for r in relaties_van(persoon)]

    signalen_qs = (
        persoon.signalen.filter(gemeente=gemeente)
        .select_related("melder_organisatie", "melder")
        .prefetch_related("fenomenen", "wegingen", "casussen")
        .order_by("ontvangen_op")
    )
    signalen, per_signaal, doelen = [], {}, []
    for signaal in signalen_qs:
        casussen_van_signaal = list(signaal.casussen.all())
        datum, toelichting = signaal_vernietigen_op(signaal, termijn, casussen_van_signaal)
        item = onderdeel("signaal", signaal, vernietigen_op=datum, bewaren=toelichting)
        item.extra["wegingen"] = [onderdeel("weging", w, item) for w in signaal.wegingen.all()]
        doelen.append((label(signaal.doel), GRONDSLAGEN.get(signaal.doel, "")))
        for weging in signaal.wegingen.all():
            if weging.grondslag or weging.details.get("doel"):
                doelen.append((weging.details.get("doel", ""), weging.grondslag))
        signalen.append(item)
        per_signaal[signaal.pk] = item

    bronraadplegingen = [
        onderdeel("bronraadpleging", b, per_signaal.get(b.signaal_id))
        for b in Bronraadpleging.objects.filter(gemeente=gemeente, persoon=persoon)
        .select_related("signaal")
        .only("id", "signaal__nummer", "bron", "soort", "hit", "uitgevoerd_op", "signaal_id")
    ]

    casussen = [
        onderdeel(
            "casus",
            casus,
            deelnemers=sorted({d.organisatie.naam for d in casus.deelnemers.all()}),
            vernietigen_op=casus_vernietigen_op(casus, termijn),
        )
        for casus in Casus.objects.filter(gemeente=gemeente)
        .filter(pk__in=_casus_ids(persoon, list(per_signaal)))
        .prefetch_related("deelnemers__organisatie")
        .order_by("nummer")
    ]
    per_casus = {item.object.pk: item for item in casussen}
    for item in casussen:
        doelen.append((label(item.object.doel), GRONDSLAGEN.get(item.object.doel, "")))
    # Every sharing decision about a signal or case of this person, withdrawn and expired ones included: this is
    # what was (or may have been) disclosed to partners, and on what basis.
    verstrekkingen = [
        onderdeel("delingsbesluit", besluit, per_casus.get(besluit.casus_id) or per_signaal.get(besluit.signaal_id))
        for besluit in DelingsBesluit.objects.filter(gemeente=gemeente)
        .filter(Q(signaal__in=list(per_signaal)) | Q(casus__in=list(per_casus)))
        .select_related("ontvanger", "casus", "signaal")
        .order_by("vastgelegd_op")
    ]
    for besluit in Verenigbaarheidsbesluit.objects.filter(gemeente=gemeente, signaal__in=list(per_signaal)):
        doelen.append((label(besluit.naar_doel), _("verenigbaarheidsbesluit (art. 6 lid 4 AVG)")))

    persoon_item = Onderdeel("persoon", persoon, geweigerd.get("persoon"))
    log = list(verwerkingen_over(persoon, sinds=sinds or persoon.aangemaakt_op - dt.timedelta(days=1))[:LOG_LIMIT])
    # The reporter is not named in the report (nor their organisation): their entries show "melder" only.
    melders = {
        s.object.melder.username for s in signalen if s.object.melder_id is not None and s.object.melder is not None
    }
    for entry in log:
        entry.is_melder = entry.gebruiker in melders
    verwerkingen = Onderdeel("verwerkingen", log, geweigerd.get("verwerkingen"))

    return Rapport(
        persoon=persoon,
        bsn_gemaskeerd=masked_bsn(persoon.bsn),  # one way to mask a BSN, as every page does
        persoon_onderdeel=persoon_item,
        relaties=relaties,
        signalen=signalen,
        bronraadplegingen=bronraadplegingen,
        verstrekkingen=verstrekkingen,
        casussen=casussen,
        doelen=sorted(set(doelen)),
        verwerkingen=verwerkingen,
        weigeringen=weigeringen,
        rectificaties=list(
            Rectificatie.objects.filter(gemeente=gemeente, persoon=persoon).select_related("door").order_by("op")
        ),
        beperkingen=list(
            Beperking.objects.filter(gemeente=gemeente, persoon=persoon)
            .select_related("geplaatst_door", "opgeheven_door")
            .order_by("geplaatst_op")
        ),
    )


def rechten_trail(gemeente, limit: int = 500) -> list[dict]:
    """Rectifications and restrictions of the gemeente, newest first, for the privacyfunctionaris: who, when,
    which field, why and on which request. No names, no old or new values. Each item names its record
    (``objecttype``, ``object``) for the processing log."""
    items = []
    for r in Rectificatie.objects.filter(gemeente=gemeente).select_related("door").order_by("-op")[:limit]:
        items.append(
            {
                "objecttype": "rectificatie",
                "object": r.pk,
                "op": r.op,
                "soort": _("Rectificatie: %(veld)s") % {"veld": r.get_veld_display()},
                "door": r.door,
                "rol": r.rol,
                "reden": r.reden,
                "verzoek": r.verzoek,
            }
        )
    for b in (
        Beperking.objects.filter(gemeente=gemeente)
        .select_related("geplaatst_door", "opgeheven_door")
        .order_by("-geplaatst_op")[:limit]
    ):
        items.append(
            {
                "objecttype": "beperking",
                "object": b.pk,
                "op": b.geplaatst_op,
                "soort": _("Beperking geplaatst"),
                "door": b.geplaatst_door,
                "rol": b.geplaatst_rol,
                "reden": b.reden,
                "verzoek": b.verzoek,
            }
        )
        if b.opgeheven_op:
            items.append(
                {
                    "objecttype": "beperking",
                    "object": b.pk,
                    "op": b.opgeheven_op,
                    "soort": _("Beperking opgeheven"),
                    "door": b.opgeheven_door,
                    "rol": b.opgeheven_rol,
                    "reden": b.opheffen_reden,
                    "verzoek": "",
                }
            )
    return sorted(items, key=lambda item: item["op"], reverse=True)[:limit]
