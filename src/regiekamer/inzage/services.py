"""The rights of the person concerned, regisseur side: withholding parts of an inzage report (art. 15 AVG),
rectification (art. 16) and restriction of processing (art. 18). Each is recorded with its own trail and logged."""

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.inzage import selectors
from regiekamer.inzage.beperking import actieve_beperking, is_restricted
from regiekamer.inzage.models import Beperking, Rectificatie, Weigering
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import name_key

DOEL_INZAGE = "behandeling van een inzageverzoek"
GRONDSLAG_INZAGE = "art. 15 AVG (recht van inzage)"
DOEL_RECHTEN = "behandeling van een verzoek van de betrokkene"
GRONDSLAG_RECTIFICATIE = "art. 16 AVG (recht op rectificatie)"
GRONDSLAG_BEPERKING = "art. 18 AVG (recht op beperking van de verwerking)"

# "persoon", "verwerkingen", or "<soort>:<uuid>".
_ONDERDEEL = re.compile(
    r"^(persoon|verwerkingen|(relatie|signaal|weging|bronraadpleging|casus|delingsbesluit):[0-9a-f-]{36})$"
)


def may_withhold(user) -> bool:
    return permissions.has_capability(user, permissions.MANAGE_CASES) or permissions.has_capability(
        user, permissions.VIEW_SIGNALS
    )


def _check(user, persoon, onderdeel: str) -> str:
    if not may_withhold(user):
        raise NotAllowed(_("Alleen de regisseur kan onderdelen van een inzage weigeren of vrijgeven."))
    if persoon.gemeente_id != user.gemeente.pk:
        raise Http404
    onderdeel = (onderdeel or "").strip().lower()
    if not _ONDERDEEL.match(onderdeel) or onderdeel not in selectors.rapport(persoon).sleutels():
        raise InvalidInput.field("onderdeel", _("Onbekend onderdeel van het inzageverslag."), "invalid")
    return onderdeel


@transaction.atomic
def withhold(user, persoon, onderdeel: str, reden: str) -> Weigering:
    """Mark a part of the report as not provided to the person concerned, with the legal reason."""
    onderdeel = _check(user, persoon, onderdeel)
    reden = (reden or "").strip()
    if not reden:
        raise InvalidInput.field(
            "reden", _("Geef de reden waarom dit onderdeel niet wordt verstrekt (bijv. art. 41 UAVG)."), "required"
        )
    weigering, _created = Weigering.objects.update_or_create(
        gemeente=persoon.gemeente,
        persoon=persoon,
        onderdeel=onderdeel,
        defaults={"reden": reden[:300], "door": user},
    )
    audit.log(
        user, Actie.WIJZIGEN, "inzage.weigeren", "persoon", [persoon], doel=DOEL_INZAGE, grondslag=GRONDSLAG_INZAGE
    )
    return weigering


@transaction.atomic
def release(user, persoon, onderdeel: str) -> bool:
    """Provide a withheld part after all. True when something was withheld."""
    onderdeel = _check(user, persoon, onderdeel)
    deleted, _details = Weigering.objects.filter(
        gemeente=persoon.gemeente, persoon=persoon, onderdeel=onderdeel
    ).delete()
    if deleted:
        audit.log(
            user,
            Actie.WIJZIGEN,
            "inzage.vrijgeven",
            "persoon",
            [persoon],
            doel=DOEL_INZAGE,
            grondslag=GRONDSLAG_INZAGE,
        )
    return bool(deleted)


# --- Rectification (art. 16 AVG) ---------------------------------------------------------------------------------

RECTIFIABLE = tuple(Rectificatie.Veld.values)


def _check_request(user, persoon) -> None:
    if not may_withhold(user):
        raise NotAllowed(_("Alleen de regisseur behandelt verzoeken van betrokkenen."))
    if persoon.gemeente_id != user.gemeente.pk:
        raise Http404


def _required(value: str, name: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput.field(name, message, "required")
    return value


def _shown(persoon, veld: str) -> str:
    value = getattr(persoon, veld)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value or ""


@transaction.atomic
def rectify(user, persoon, veld: str, nieuwe_waarde: str, reden: str, verzoek: str = "") -> Rectificatie:
    """Correct one field of a person, record the old and new value and log it, all in one transaction.

    The BSN is not rectified here: a wrong BSN is corrected through a new signal and a check in the BRP."""
    _check_request(user, persoon)
    persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
    if is_restricted(persoon):
        raise TransitionRefused(
            _("De verwerking is beperkt (art. 18 AVG): hef de beperking eerst op om gegevens te wijzigen.")
        )
    if veld not in RECTIFIABLE:
        raise InvalidInput.field("veld", _("Dit gegeven kan hier niet worden gecorrigeerd."), "invalid")
    reden = _required(reden, "reden", _("Geef de reden van de correctie (het verzoek van de betrokkene)."))
    nieuwe_waarde = (nieuwe_waarde or "").strip()
    if veld == Rectificatie.Veld.GEBOORTEDATUM:
        try:
            datum = parse_date(nieuwe_waarde) if nieuwe_waarde else None
        except ValueError:  # well formed but impossible, e.g. 2020-02-30
            datum = None
        if nieuwe_waarde and (datum is None or datum > timezone.localdate()):
            raise InvalidInput.field("nieuwe_waarde", _("Geef een geldige geboortedatum (JJJJ-MM-DD)."), "invalid")
        nieuw = datum
    else:
        if veld in ("voornamen", "achternaam") and not nieuwe_waarde:
            raise InvalidInput.field("nieuwe_waarde", _("Dit gegeven mag niet leeg zijn."), "required")
        limit = Persoon._meta.get_field(veld).max_length
        if len(nieuwe_waarde) > limit:
            raise InvalidInput.field("nieuwe_waarde", _("De nieuwe waarde is te lang."), "invalid")
        nieuw = nieuwe_waarde
    oud = _shown(persoon, veld)
    if oud == (nieuw.isoformat() if isinstance(nieuw, dt.date) else nieuw):
        raise InvalidInput.field("nieuwe_waarde", _("De nieuwe waarde is gelijk aan de huidige."), "unchanged")
    setattr(persoon, veld, nieuw)
    persoon.naam_sleutel = name_key(persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam)
    persoon.save(update_fields=[veld, "naam_sleutel"])
    rectificatie = Rectificatie.objects.create(
        gemeente=persoon.gemeente,
        persoon=persoon,
        veld=veld,
        oude_waarde=oud,
        nieuwe_waarde=_shown(persoon, veld),
        reden=reden[:300],
        verzoek=(verzoek or "").strip()[:100],
        door=user,
        rol=permissions.acting_rol(user, permissions.RECORD_WEGING),
    )
    audit.log(
        user,
        Actie.WIJZIGEN,
        "inzage.rectificatie",
        "persoon",
        [persoon],
        doel=DOEL_RECHTEN,
        grondslag=GRONDSLAG_RECTIFICATIE,
    )
    return rectificatie


# --- Restriction of processing (art. 18 AVG) ---------------------------------------------------------------------


@transaction.atomic
def restrict(user, persoon, reden: str, verzoek: str = "") -> Beperking:
    """Restrict the processing of a person's data: kept, but left out of searches and suggestions, no source
    queries and no changes until it is lifted."""
    _check_request(user, persoon)
    Persoon.objects.select_for_update().filter(pk=persoon.pk).first()
    reden = _required(reden, "reden", _("Geef de reden van de beperking (bijv. de juistheid wordt betwist)."))
    if is_restricted(persoon):
        raise TransitionRefused(_("De verwerking van gegevens over deze persoon is al beperkt."))
    try:
        with transaction.atomic():
            beperking = Beperking.objects.create(
                gemeente=persoon.gemeente,
                persoon=persoon,
                reden=reden[:300],
                verzoek=(verzoek or "").strip()[:100],
                geplaatst_door=user,
                geplaatst_rol=permissions.acting_rol(user, permissions.RECORD_WEGING),
            )
    except IntegrityError as error:
        raise TransitionRefused(_("De verwerking van gegevens over deze persoon is al beperkt.")) from error
    audit.log(
        user,
        Actie.WIJZIGEN,
        "inzage.beperken",
        "persoon",
        [persoon],
        doel=DOEL_RECHTEN,
        grondslag=GRONDSLAG_BEPERKING,
    )
    return beperking


@transaction.atomic
def lift(user, persoon, reden: str) -> Beperking:
    """Lift the active restriction, with the reason. The record of the restriction stays."""
    _check_request(user, persoon)
    Persoon.objects.select_for_update().filter(pk=persoon.pk).first()
    reden = _required(reden, "opheffen_reden", _("Geef de reden waarom de beperking wordt opgeheven."))
    beperking = actieve_beperking(persoon)
    if beperking is None:
        raise TransitionRefused(_("De verwerking van gegevens over deze persoon is niet beperkt."))
    beperking.opheffen_reden = reden[:300]
    beperking.opgeheven_door = user
    beperking.opgeheven_rol = permissions.acting_rol(user, permissions.RECORD_WEGING)
    beperking.opgeheven_op = timezone.now()
    beperking.save(update_fields=["opheffen_reden", "opgeheven_door", "opgeheven_rol", "opgeheven_op"])
    audit.log(
        user,
        Actie.WIJZIGEN,
        "inzage.beperking-opheffen",
        "persoon",
        [persoon],
        doel=DOEL_RECHTEN,
        grondslag=GRONDSLAG_BEPERKING,
    )
    return beperking
