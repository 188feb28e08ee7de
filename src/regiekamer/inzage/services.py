"""Withholding parts of an inzage report (art. 15 AVG) and releasing them again. Regisseur side only."""

import re

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.inzage import selectors
from regiekamer.inzage.models import Weigering

DOEL_INZAGE = "behandeling van een inzageverzoek"
GRONDSLAG_INZAGE = "art. 15 AVG (recht van inzage)"

# "persoon", "verwerkingen", or "<soort>:<uuid>".
_ONDERDEEL = re.compile(r"^(persoon|verwerkingen|(relatie|signaal|weging|bronraadpleging|casus):[0-9a-f-]{36})$")


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
