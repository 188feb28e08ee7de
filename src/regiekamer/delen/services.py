"""Recording and withdrawing sharing decisions. Both are done by the regisseur side (privacy check 2B
or the case page), both are logged, and a decision is never changed otherwise."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit.services import gelogd
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.delen.models import VERPLICHT, Categorie, DelingsBesluit

GRONDSLAG_DELEN = "art. 6 lid 1 sub e AVG; convenant en privacyprotocol ondermijning"


def may_record(user) -> bool:
    return permissions.has_capability(user, permissions.MANAGE_CASES) or permissions.has_capability(
        user, permissions.RECORD_WEGING
    )


def _subject_ids(besluit, arguments):
    return [besluit.casus_id or besluit.signaal_id, besluit.pk]


def _objecttype(besluit, arguments):
    return "casus" if besluit.casus_id else "signaal"


def clean_categorieen(categorieen) -> list[str]:
    """The chosen categories in their fixed order, with the mandatory header; unknown codes refused."""
    chosen = set(categorieen or ())
    unknown = sorted(chosen - set(Categorie.values))
    if unknown:
        raise InvalidInput.field(
            "categorieen",
            _("Onbekende categorie: %(codes)s. Kies uit: %(keuze)s.")
            % {"codes": ", ".join(unknown), "keuze": ", ".join(Categorie.values)},
            "onbekend",
        )
    chosen.update(VERPLICHT)
    return [code for code in Categorie.values if code in chosen]


@gelogd("aanmaken", "delen.besluit", _objecttype, _subject_ids, grondslag=lambda besluit, a: besluit.grondslag)
def record_delingsbesluit(
    user,
    *,
    ontvanger,
    categorieen,
    omschrijving: str,
    doel: str,
    grondslag: str,
    casus=None,
    signaal=None,
    geldig_tot: dt.date | None = None,
    weging=None,
) -> DelingsBesluit:
    """Record that ``ontvanger`` may see the given categories of ``casus`` (or of the case ``signaal``
    leads to). Refused (nothing stored) without the capability, across tenants, on a closed case or
    with a missing description, purpose or legal basis."""
    if user.gemeente is None or not may_record(user):
        raise NotAllowed(_("U mag geen delingsbesluiten vastleggen."))
    gemeente = user.gemeente
    for record in (ontvanger, casus, signaal):
        if record is not None and record.gemeente_id != gemeente.pk:
            raise NotAllowed(_("Dit hoort niet bij uw gemeente."))
    if casus is None and signaal is None:
        raise InvalidInput.field("casus", _("Een delingsbesluit hoort bij een casus of een signaal."), "required")
    if casus is not None and not casus.is_open:
        raise TransitionRefused(_("Deze casus is gesloten; er kunnen geen gegevens meer worden gedeeld."))
    errors = []
    for name, value, reason in (
        ("omschrijving", omschrijving, _("Leg vast welke gegevens precies worden gedeeld.")),
        ("doel", doel, _("Leg het doel van het delen vast.")),
        ("grondslag", grondslag, _("Leg de grondslag van het delen vast.")),
    ):
        if not (value or "").strip():
            errors.append({"name": name, "code": "required", "reason": reason})
    if ontvanger is None:
        errors.append({"name": "ontvanger", "code": "required", "reason": _("Kies de ontvangende organisatie.")})
    if geldig_tot is not None and geldig_tot < timezone.localdate():
        errors.append({"name": "geldig_tot", "code": "invalid", "reason": _("Deze datum ligt in het verleden.")})
    try:
        codes = clean_categorieen(categorieen)
    except InvalidInput as error:
        errors += error.invalid_params
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    return DelingsBesluit.objects.create(
        gemeente=gemeente,
        ontvanger=ontvanger,
        casus=casus,
        signaal=signaal,
        categorieen=codes,
        omschrijving=omschrijving.strip(),
        doel=doel.strip(),
        grondslag=grondslag.strip(),
        geldig_tot=geldig_tot,
        weging=weging,
        vastgelegd_door=user,
        rol=permissions.acting_rol(user, permissions.MANAGE_CASES, permissions.RECORD_WEGING),
        vastgelegd_op=timezone.now(),
    )


@gelogd("wijzigen", "delen.intrekking", _objecttype, _subject_ids)
def withdraw(user, besluit: DelingsBesluit, reden: str) -> DelingsBesluit:
    """Withdraw a decision: from this moment the partner no longer sees what it allowed."""
    if user.gemeente is None or not may_record(user) or besluit.gemeente_id != user.gemeente.pk:
        raise NotAllowed(_("U mag dit delingsbesluit niet intrekken."))
    besluit = DelingsBesluit.objects.select_for_update().get(pk=besluit.pk)
    if besluit.is_ingetrokken:
        raise TransitionRefused(_("Dit delingsbesluit is al ingetrokken."))
    if not (reden or "").strip():
        raise InvalidInput.field("reden", _("Geef de reden van intrekking."), "required")
    besluit.ingetrokken_op = timezone.now()
    besluit.ingetrokken_door = user
    besluit.reden_intrekking = reden.strip()
    besluit.save(update_fields=["ingetrokken_op", "ingetrokken_door", "reden_intrekking"])
    return besluit
