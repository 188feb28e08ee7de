"""Retention: what is due for destruction, and destroying it.

Rules:
- A signal with "geen actie" is due on its own ``vernietigen_op`` (decision + the protocol's term).
- Any other finished signal that is not on a case is due ``Bewaartermijn.signaal_dagen`` after ``afgerond_op``.
- A closed case is due ``Bewaartermijn.casus_dagen`` after ``gesloten_op``. Its finished signals that are on no
  other case are destroyed with it; a signal still in the protocol is only unlinked (it keeps its own term).
- A signal on a case is never due on its own: it goes with the case.
- An active legal hold stops destruction. A hold on a signal also keeps the cases it is on (the case file holds
  what came from it); a hold on a case keeps its signals.

Destroying removes the record and everything derived from it, including wegingen. Wegingen are never deleted one
by one (``Weging.delete`` raises); this module is the only code path that removes them, via a queryset delete.
Each item is destroyed in its own transaction, so an interrupted run leaves every item either fully present or
fully gone; attachment files are deleted only after the transaction commits, and a file left behind by a crash
between commit and file deletion is removed by ``sweep_orphan_files``.
"""

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.casussen.models import (
    Afspraak,
    Analyse,
    Betrokkene,
    Casus,
    CasusSignaal,
    Deelnemer,
    Doel,
    Escalatie,
    Herinnering,
    Interventie,
    PlanVersie,
)
from regiekamer.delen.models import DelingsBesluit
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit
from regiekamer.gebieden import tellingen as gebiedstellingen
from regiekamer.inzage.models import Beperking
from regiekamer.inzicht import services as cijfers
from regiekamer.notifications.models import Notificatie
from regiekamer.overleggen.models import Agendapunt, BesprekingsVerzoek
from regiekamer.protocol.machine import FINAL_STATUSES, Status
from regiekamer.protocol.models import Weging
from regiekamer.retention.models import Bewaartermijn, LegalHold, VernietigingsRecord
from regiekamer.signalen.models import Bijlage, Signaal
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon, SubjectRelatie, Voertuig

logger = logging.getLogger(__name__)

GRONDSLAG = "bewaartermijn verstreken"
DOOR = "regiekamer retention"
COMMANDO_HOLD = "regiekamer retention hold"

# Finished statuses whose retention runs from ``afgerond_op`` (geen-actie has its own date).
_SIGNAAL_TERM_STATUSES = sorted(str(s) for s in FINAL_STATUSES if s != Status.GEEN_ACTIE)


@dataclass(frozen=True)
class DueItem:
    """One record due for destruction. Carries no personal data: only kind, number and dates."""

    soort: str  # VernietigingsRecord.Soort
    pk: object
    gemeente_id: object
    nummer: str
    reden: str
    vervaldatum: dt.date


def bewaartermijn(gemeente) -> Bewaartermijn:
    termijn, _created = Bewaartermijn.objects.get_or_create(gemeente=gemeente)
    return termijn


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _date_of(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _held_signaal_ids(gemeente) -> set:
    return set(
        LegalHold.objects.filter(gemeente=gemeente, opgeheven_op__isnull=True, signaal__isnull=False).values_list(
            "signaal_id", flat=True
        )
    )


def _held_casus_ids(gemeente) -> set:
    """Cases under a hold themselves, or through one of their signals."""
    direct = set(
        LegalHold.objects.filter(gemeente=gemeente, opgeheven_op__isnull=True, casus__isnull=False).values_list(
            "casus_id", flat=True
        )
    )
    via_signal = set(
        CasusSignaal.objects.filter(gemeente=gemeente, signaal_id__in=_held_signaal_ids(gemeente)).values_list(
            "casus_id", flat=True
        )
    )
    return direct | via_signal


def _due_signalen(gemeente, today: dt.date, only=None) -> list[DueItem]:
    termijn = bewaartermijn(gemeente)
    held = _held_signaal_ids(gemeente)
    cutoff = _start_of_day(today - dt.timedelta(days=termijn.signaal_dagen - 1))
    on_a_case = CasusSignaal.objects.filter(gemeente=gemeente).values("signaal_id")
    candidates = (
        Signaal.objects.filter(gemeente=gemeente)
        .filter(
            Q(status=Status.GEEN_ACTIE, vernietigen_op__lte=today)
            | Q(status__in=_SIGNAAL_TERM_STATUSES, afgerond_op__lt=cutoff)
        )
        .exclude(pk__in=on_a_case)
        .exclude(pk__in=held)
        .filter(**({"pk": only} if only is not None else {}))
        .only("pk", "gemeente_id", "nummer", "status", "afgerond_op", "vernietigen_op")
    )
    items = []
    for signaal in candidates:
        if signaal.status == Status.GEEN_ACTIE:
            reden, vervaldatum = "geen actie: bewaartermijn verstreken", signaal.vernietigen_op
        else:
            reden = f"afgerond zonder casus ({signaal.status}): bewaartermijn verstreken"
            vervaldatum = _date_of(signaal.afgerond_op) + dt.timedelta(days=termijn.signaal_dagen)
        soort = VernietigingsRecord.Soort.SIGNAAL
        items.append(DueItem(soort, signaal.pk, signaal.gemeente_id, signaal.nummer, reden, vervaldatum))
    return items


def _due_casussen(gemeente, today: dt.date, only=None) -> list[DueItem]:
    termijn = bewaartermijn(gemeente)
    cutoff = _start_of_day(today - dt.timedelta(days=termijn.casus_dagen - 1))
    candidates = (
        Casus.objects.filter(gemeente=gemeente, status=Casus.Status.GESLOTEN, gesloten_op__lt=cutoff)
        .exclude(pk__in=_held_casus_ids(gemeente))
        .filter(**({"pk": only} if only is not None else {}))
        .only("pk", "gemeente_id", "nummer", "gesloten_op")
    )
    return [
        DueItem(
            VernietigingsRecord.Soort.CASUS,
            casus.pk,
            casus.gemeente_id,
            casus.nummer,
            "casus gesloten: bewaartermijn verstreken",
            _date_of(casus.gesloten_op) + dt.timedelta(days=termijn.casus_dagen),
        )
        for casus in candidates
    ]


def due(gemeente, today: dt.date | None = None) -> list[DueItem]:
    """Everything of ``gemeente`` due for destruction on ``today``: signals first, then cases."""
    today = today or timezone.localdate()
    signalen = sorted(_due_signalen(gemeente, today), key=lambda item: (item.vervaldatum, item.nummer))
    casussen = sorted(_due_casussen(gemeente, today), key=lambda item: (item.vervaldatum, item.nummer))
    return signalen + casussen


# --- Legal holds ---------------------------------------------------------------------------------

# Placing or lifting a hold keeps records that would otherwise be destroyed: logged with this purpose.
DOEL_BEWAARPLICHT = "bewaarplicht (legal hold)"
GRONDSLAG_BEWAREN = "art. 5 lid 1 sub e en art. 17 lid 3 sub e AVG (bewaren voor rechtsvorderingen)"
GRONDSLAG_VERNIETIGEN = "art. 5 lid 1 sub e AVG (opslagbeperking); bewaartermijn verstreken"


def _hold_ids(hold: LegalHold) -> list:
    return [hold.signaal_id or hold.casus_id, hold.pk]


def _hold_objecttype(hold: LegalHold) -> str:
    return "signaal" if hold.signaal_id else "casus"


def _log_hold(user, actie, handeling, hold, door_commando):
    extra = {"gemeente": hold.gemeente_id, "gebruiker": COMMANDO_HOLD} if door_commando else {}
    audit.log(
        None if door_commando else user,
        actie,
        handeling,
        _hold_objecttype(hold),
        _hold_ids(hold),
        doel=DOEL_BEWAARPLICHT,
        grondslag=GRONDSLAG_BEWAREN,
        **extra,
    )


def _may_hold(user, gemeente_id, door_commando: bool) -> bool:
    from regiekamer.accounts import permissions

    if door_commando:
        return True
    return (
        user is not None
        and user.gemeente is not None
        and permissions.has_capability(user, permissions.MANAGE_CASES)
        and gemeente_id == user.gemeente.pk
    )


def place_hold(user, record, reden: str, *, door_commando: bool = False) -> LegalHold:
    """Put a signal or case under a legal hold: it is not destroyed until the hold is lifted.

    ``door_commando``: placed by an administrator through ``regiekamer retention hold`` (``user`` is None);
    otherwise ``user`` needs MANAGE_CASES in the record's gemeente."""
    from regiekamer.core.errors import InvalidInput, NotAllowed

    if not _may_hold(user, record.gemeente_id, door_commando):
        raise NotAllowed(_("U mag hier geen bewaarplicht voor vastleggen."))
    if not reden.strip():
        raise InvalidInput.field("reden", _("Geef de reden van de bewaarplicht."), "required")
    soort = "casus" if isinstance(record, Casus) else "signaal"
    with transaction.atomic():
        hold = LegalHold.objects.create(
            gemeente_id=record.gemeente_id,
            door=None if door_commando else user,
            reden=reden.strip(),
            **{soort: record},
        )
        _log_hold(user, Actie.AANMAKEN, "bewaarplicht.plaatsen", hold, door_commando)
    return hold


def lift_hold(user, hold: LegalHold, reden: str, *, door_commando: bool = False) -> LegalHold:
    """Lift a hold, with a reason; the record is due again once its term has passed. Lifting a lifted hold
    changes nothing."""
    from regiekamer.core.errors import InvalidInput, NotAllowed

    if not _may_hold(user, hold.gemeente_id, door_commando):
        raise NotAllowed(_("U mag deze bewaarplicht niet opheffen."))
    if not reden.strip():
        raise InvalidInput.field("reden", _("Geef de reden voor het opheffen."), "required")
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.opgeheven_op is None:
            hold.opgeheven_op = timezone.now()
            hold.opgeheven_door = None if door_commando else user
            hold.opheffingsreden = reden.strip()
            hold.save(update_fields=["opgeheven_op", "opgeheven_door", "opheffingsreden"])
            _log_hold(user, Actie.WIJZIGEN, "bewaarplicht.opheffen", hold, door_commando)
    return hold


def active_holds(gemeente):
    return (
        LegalHold.objects.filter(gemeente=gemeente, opgeheven_op__isnull=True)
        .select_related("signaal", "casus", "door")
        .order_by("-sinds")
    )


def log_run(gemeente, aantallen: dict, records: list) -> None:
    """One processing-log entry per gemeente per destruction run: what was destroyed in numbers, and the ids of
    the destruction records. No personal data: the destroyed records' ids are gone with them."""
    tellingen = " ".join(f"{naam}={aantal}" for naam, aantal in sorted(aantallen.items()))
    audit.log(
        None,
        Actie.VERNIETIGEN,
        "bewaartermijn.vernietigen",
        "vernietigingsrecord",
        records,
        doel="bewaartermijnen",
        grondslag=GRONDSLAG_VERNIETIGEN,
        kanaal=f"retention --apply; {tellingen}"[:120],
        gemeente=gemeente,
        gebruiker=DOOR,
    )


# --- Destroying ----------------------------------------------------------------------------------


@dataclass
class _Destruction:
    """What one destruction removed: counts per kind, subjects to check afterwards, files to delete."""

    aantallen: dict = field(default_factory=dict)
    subjects: dict = field(
        default_factory=lambda: {"persoon": set(), "adres": set(), "rechtspersoon": set(), "voertuig": set()}
    )
    files: list = field(default_factory=list)

    def count(self, naam: str, aantal: int):
        if aantal:
            self.aantallen[naam] = self.aantallen.get(naam, 0) + aantal


def _delete(destruction: _Destruction, naam: str, queryset) -> None:
    """Delete a queryset (model ``delete()`` methods are not called) and count its rows."""
    _total, per_model = queryset.delete()
    destruction.count(naam, per_model.get(queryset.model._meta.label, 0))


def _notifications_about(gemeente, nummer: str, link: str):
    """Notifications that point to a record: by link, or naming its number in the subject."""
    pattern = rf"(^|[^0-9A-Za-z-]){re.escape(nummer)}($|[^0-9A-Za-z-])"
    return Notificatie.objects.filter(
        Q(link=link) | Q(ontvanger__organisatie__gemeente=gemeente, onderwerp__regex=pattern)
    )


def _destroy_signaal_parts(signaal: Signaal, destruction: _Destruction) -> None:
    cijfers.verwerk(cijfers.stand(signaal), None)  # the figures count what is there, as a direct count would
    gebiedstellingen.verwerk(gebiedstellingen.bijdrage(signaal), None)  # and so do the area summaries
    destruction.subjects["persoon"].update(signaal.personen.values_list("pk", flat=True))
    destruction.subjects["adres"].update(signaal.adressen.values_list("pk", flat=True))
    destruction.subjects["rechtspersoon"].update(signaal.rechtspersonen.values_list("pk", flat=True))
    destruction.subjects["voertuig"].update(signaal.voertuigen.values_list("pk", flat=True))
    bronnen = Bronraadpleging.objects.filter(signaal=signaal)
    for veld in ("persoon", "adres", "rechtspersoon"):
        destruction.subjects[veld].update(bronnen.filter(**{f"{veld}__isnull": False}).values_list(veld, flat=True))
    _delete(destruction, "bronraadplegingen", bronnen)
    _delete(destruction, "delingsbesluiten", DelingsBesluit.objects.filter(signaal=signaal))
    _delete(destruction, "verenigbaarheidsbesluiten", Verenigbaarheidsbesluit.objects.filter(signaal=signaal))
    # Wegingen are never deleted one by one (Weging.delete raises): retention is the only path that removes them,
    # with a queryset delete. Corrections point to the weging they correct (PROTECT): unlink them first.
    wegingen = Weging.objects.filter(signaal=signaal)
    wegingen.filter(corrigeert__isnull=False).update(corrigeert=None)
    _delete(destruction, "wegingen", wegingen)
    bijlagen = Bijlage.objects.filter(signaal=signaal)
    destruction.files.extend((b.bestand.storage, b.bestand.name) for b in bijlagen if b.bestand.name)
    _delete(destruction, "bijlagen", bijlagen)
    _delete(destruction, "casus_signalen", CasusSignaal.objects.filter(signaal=signaal))
    _delete(destruction, "legal_holds", LegalHold.objects.filter(signaal=signaal))
    _delete(
        destruction, "notificaties", _notifications_about(signaal.gemeente, signaal.nummer, f"/signalen/{signaal.pk}/")
    )
    _delete(destruction, "signalen", Signaal.objects.filter(pk=signaal.pk))


def _destroy_casus_parts(casus: Casus, destruction: _Destruction) -> list[str]:
    """Delete a case and its children; returns the numbers of its signals destroyed with it."""
    for veld in ("persoon", "adres", "rechtspersoon"):
        destruction.subjects[veld].update(
            casus.betrokkenen.filter(**{f"{veld}__isnull": False}).values_list(veld, flat=True)
        )
    signal_ids = list(casus.casus_signalen.values_list("signaal_id", flat=True))
    elsewhere = set(
        CasusSignaal.objects.filter(signaal_id__in=signal_ids).exclude(casus=casus).values_list("signaal_id", flat=True)
    )
    # Finished signals on no other case go with the case; others (still in the protocol, or on another case)
    # are only unlinked.
    with_case = list(
        Signaal.objects.filter(pk__in=signal_ids, status__in=[str(s) for s in FINAL_STATUSES])
        .exclude(pk__in=elsewhere)
        .select_for_update()
    )
    _delete(destruction, "casus_signalen", CasusSignaal.objects.filter(casus=casus))
    nummers = []
    for signaal in with_case:
        nummers.append(signaal.nummer)
        _destroy_signaal_parts(signaal, destruction)
    # Order matters where children protect each other: agendapunten protect plan versions, interventions protect
    # goals. Meetings themselves stay; only this case's agenda items go.
    _delete(destruction, "besprekingsverzoeken", BesprekingsVerzoek.objects.filter(casus=casus))
    _delete(destruction, "agendapunten", Agendapunt.objects.filter(casus=casus))
    _delete(destruction, "escalaties", Escalatie.objects.filter(casus=casus))
    _delete(destruction, "herinneringen", Herinnering.objects.filter(interventie__casus=casus))
    _delete(destruction, "interventies", Interventie.objects.filter(casus=casus))
    _delete(destruction, "doelen", Doel.objects.filter(casus=casus))
    _delete(destruction, "afspraken", Afspraak.objects.filter(casus=casus))
    _delete(destruction, "analyses", Analyse.objects.filter(casus=casus))
    _delete(destruction, "planversies", PlanVersie.objects.filter(casus=casus))
    _delete(destruction, "delingsbesluiten", DelingsBesluit.objects.filter(casus=casus))
    _delete(destruction, "verenigbaarheidsbesluiten", Verenigbaarheidsbesluit.objects.filter(casus=casus))
    _delete(destruction, "deelnemers", Deelnemer.objects.filter(casus=casus))
    _delete(destruction, "betrokkenen", Betrokkene.objects.filter(casus=casus))
    _delete(destruction, "legal_holds", LegalHold.objects.filter(casus=casus))
    _delete(destruction, "notificaties", _notifications_about(casus.gemeente, casus.nummer, f"/casussen/{casus.pk}/"))
    Casus.objects.filter(pk=casus.pk).delete()
    return nummers


_SUBJECT_MODELS = {"persoon": Persoon, "adres": Adres, "rechtspersoon": Rechtspersoon, "voertuig": Voertuig}
_RELATIE_FIELDS = {
    "persoon": ("van_persoon", "naar_persoon"),
    "rechtspersoon": ("van_rechtspersoon", "naar_rechtspersoon"),
    "adres": ("naar_adres",),
    "voertuig": ("naar_voertuig",),
}


def _anchored(soort: str, ids) -> set:
    """Of the subjects ``ids``, those still used by a remaining signal, case betrokkene or source query, and persons
    whose processing is restricted (art. 18(1)(c) AVG: kept for legal claims, like a legal hold keeps records)."""
    model = _SUBJECT_MODELS[soort]
    used = set(model.objects.filter(pk__in=ids, signalen__isnull=False).values_list("pk", flat=True))
    if soort == "persoon":
        used |= set(
            Beperking.objects.filter(persoon_id__in=ids, opgeheven_op=None).values_list("persoon_id", flat=True)
        )
    if soort != "voertuig":
        used |= set(Betrokkene.objects.filter(**{f"{soort}_id__in": ids}).values_list(soort, flat=True))
        used |= set(Bronraadpleging.objects.filter(**{f"{soort}_id__in": ids}).values_list(soort, flat=True))
    return used


def _relaties_of(soort: str, ids):
    condition = Q()
    for veld in _RELATIE_FIELDS[soort]:
        condition |= Q(**{f"{veld}_id__in": ids})
    return SubjectRelatie.objects.filter(condition)


def _subject_ids_of(relatie: SubjectRelatie) -> list[tuple[str, object]]:
    return [
        (soort, getattr(relatie, f"{veld}_id"))
        for soort, velden in _RELATIE_FIELDS.items()
        for veld in velden
        if getattr(relatie, f"{veld}_id")
    ]


def _delete_orphaned_subjects(gemeente, destruction: _Destruction) -> None:
    """Delete the subjects of the destroyed records that nothing remaining uses, with their relations.

    A subject only known through a relation of such a subject (e.g. the vehicle of a destroyed person) goes too,
    unless it is used itself or related to a subject that stays. One hop of relations is followed."""
    candidates = {soort: set(ids) for soort, ids in destruction.subjects.items()}
    for soort, ids in list(destruction.subjects.items()):
        for relatie in _relaties_of(soort, ids):
            for other_soort, other_id in _subject_ids_of(relatie):
                candidates[other_soort].add(other_id)
    staying = {soort: _anchored(soort, ids) for soort, ids in candidates.items()}
    doomed = {soort: ids - staying[soort] for soort, ids in candidates.items()}
    # A candidate reached through a relation stays when it is related to a subject that stays.
    direct = destruction.subjects
    for soort, ids in doomed.items():
        for subject_id in list(ids - direct[soort]):
            for relatie in _relaties_of(soort, [subject_id]):
                if any(
                    other_id not in doomed[other_soort]
                    for other_soort, other_id in _subject_ids_of(relatie)
                    if (other_soort, other_id) != (soort, subject_id)
                ):
                    ids.discard(subject_id)
                    break
    relaties = SubjectRelatie.objects.none()
    for soort, ids in doomed.items():
        relaties = relaties | _relaties_of(soort, ids)
    _delete(destruction, "relaties", SubjectRelatie.objects.filter(pk__in=relaties.values("pk")))
    for soort, naam in (
        ("persoon", "personen"),
        ("adres", "adressen"),
        ("rechtspersoon", "rechtspersonen"),
        ("voertuig", "voertuigen"),
    ):
        _delete(destruction, naam, _SUBJECT_MODELS[soort].objects.filter(gemeente=gemeente, pk__in=doomed[soort]))


def _delete_files_after_commit(files: list) -> None:
    def delete_files():
        for storage, name in files:
            try:
                storage.delete(name)
            except OSError:  # pragma: no cover - left for the sweep
                logger.warning("Bijlagebestand kon niet worden verwijderd; de opruimronde probeert het opnieuw.")

    if files:
        transaction.on_commit(delete_files)


def destroy(item: DueItem, today: dt.date | None = None, door: str = DOOR) -> VernietigingsRecord | None:
    """Destroy one due item and everything derived from it, in one transaction, and record it.

    Returns None when the item is (no longer) due, e.g. destroyed by an earlier or concurrent run."""
    from regiekamer.accounts.models import Gemeente

    with transaction.atomic():
        gemeente = Gemeente.objects.select_for_update().get(pk=item.gemeente_id)
        # Re-check under the gemeente lock: a second run, or a hold placed meanwhile, wins.
        check = _due_signalen if item.soort == VernietigingsRecord.Soort.SIGNAAL else _due_casussen
        if not check(gemeente, today or timezone.localdate(), only=item.pk):
            return None
        destruction = _Destruction()
        if item.soort == VernietigingsRecord.Soort.SIGNAAL:
            signaal = Signaal.objects.select_for_update().get(pk=item.pk)
            _destroy_signaal_parts(signaal, destruction)
            records = [(VernietigingsRecord.Soort.SIGNAAL, signaal.nummer, GRONDSLAG)]
        else:
            casus = Casus.objects.select_for_update().get(pk=item.pk)
            signal_numbers = _destroy_casus_parts(casus, destruction)
            records = [
                (VernietigingsRecord.Soort.SIGNAAL, nummer, f"{GRONDSLAG} (met casus {casus.nummer})")
                for nummer in signal_numbers
            ]
            records.append((VernietigingsRecord.Soort.CASUS, casus.nummer, GRONDSLAG))
        _delete_orphaned_subjects(gemeente, destruction)
        _delete_files_after_commit(destruction.files)
        now = timezone.now()
        record = None
        for soort, nummer, grondslag in records:
            record = VernietigingsRecord.objects.create(
                gemeente=gemeente,
                soort=soort,
                nummer=nummer,
                grondslag=grondslag,
                vernietigd_op=now,
                door=door,
                aantallen=dict(sorted(destruction.aantallen.items())) if soort == item.soort else {},
            )
        return record


# --- Files ---------------------------------------------------------------------------------------


def _walk(storage, path: str = ""):
    directories, files = storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from _walk(storage, f"{path}/{directory}" if path else directory)


def sweep_orphan_files(gemeente, min_age: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Delete attachment files of ``gemeente`` that no Bijlage refers to, e.g. left by a run interrupted between
    its commit and deleting the files. Files younger than ``min_age`` are left alone: an upload in progress
    stores its file just before its row is committed."""
    storage = Bijlage._meta.get_field("bestand").storage
    root = str(gemeente.pk)
    if not storage.exists(root):
        return 0
    known = set(Bijlage.objects.filter(gemeente=gemeente).values_list("bestand", flat=True))
    threshold = timezone.now() - min_age
    removed = 0
    for name in _walk(storage, root):
        if name in known:
            continue
        if min_age and storage.get_modified_time(name) > threshold:
            continue
        storage.delete(name)
        removed += 1
    return removed
