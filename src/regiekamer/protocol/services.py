"""The rules of the model privacy protocol. UI and API both call ``record_weging``."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.accounts.models import Organisatie
from regiekamer.audit.services import GRONDSLAG_STANDAARD, gelogd
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.core.ids import uuid_or_none
from regiekamer.core.workdays import add_working_days
from regiekamer.inzicht import services as cijfers
from regiekamer.protocol.doorlooptijden import timing
from regiekamer.protocol.machine import (
    EXPECTED_WEGING,
    STEP_OF_STATUS,
    WEGINGEN,
    Aanpak,
    Status,
    WegingSoort,
    is_final,
)
from regiekamer.protocol.models import ProtocolInstelling, Weging

# "Casus starten" hands the signal to the case domain, which builds on this one: it registers how a case is opened
# (casussen.apps), so that the protocol does not import it.
_open_casus = []


def register_casus_opener(opener) -> None:
    """``opener(signaal, aanpak, regisseur) -> Casus``; called once per process by the case domain."""
    _open_casus[:] = [opener]


def _casus_opener():
    if not _open_casus:
        raise ImproperlyConfigured("No case domain registered to open a case (regiekamer.casussen not installed?).")
    return _open_casus[0]


def instellingen(gemeente) -> ProtocolInstelling:
    settings_row, _created = ProtocolInstelling.objects.get_or_create(gemeente=gemeente)
    return settings_row


def _enter_status(signaal, status: str, now: dt.datetime) -> None:
    """Set the status; start the step's deadline when a new step begins; close when final."""
    previous_step = STEP_OF_STATUS.get(signaal.status) if signaal.status else None
    signaal.status = status
    if is_final(status):
        signaal.stap = 0
        signaal.termijn = None
        signaal.afgerond_op = now
        return
    signaal.afgerond_op = None
    step = STEP_OF_STATUS[status]
    if step != previous_step or signaal.termijn is None:
        signaal.stap = step
        signaal.stap_gestart_op = now
        days = instellingen(signaal.gemeente).termijn_voor_stap(step)
        signaal.termijn = add_working_days(timezone.localtime(now).date(), days)


def start_protocol(signaal) -> None:
    """A new (unsaved) signal enters step 1 with the step's deadline counted from receipt."""
    signaal.status = ""
    _enter_status(signaal, Status.WEGING_1, signaal.ontvangen_op)


@dataclass
class WegingInvoer:
    weging: str
    uitkomst: str
    toelichting: str
    grondslag: str = ""
    # Outcome-specific details:
    ontvanger: str = ""  # whom a signal is referred or handed to
    indicatoren: list[str] = field(default_factory=list)  # weging 1: anchoring indicators and red flags seen
    bronnen: list[str] = field(default_factory=list)  # privacy check 1: sources that may be consulted
    gegevens: str = ""  # privacy checks 2A/2B: which data may be shared
    doel: str = ""  # privacy checks 2A/2B: purpose of sharing
    ontvangers: list[str] = field(default_factory=list)  # privacy check 2B: organisation ids
    categorieen: list[str] = field(default_factory=list)  # privacy check 2B: what of the case (delen.Categorie)
    aanpak: str = ""  # hand-over: the approach of the new case
    corrigeert: str | None = None  # id of the weging this one corrects


def _details(signaal, invoer: WegingInvoer, required: tuple[str, ...]) -> dict:
    from regiekamer.bronnen.registry import connectors
    from regiekamer.signalen.models import Indicator

    details: dict = {}
    errors: list[dict] = []
    if invoer.ontvanger.strip():
        details["ontvanger"] = invoer.ontvanger.strip()
    if invoer.indicatoren:
        known = dict(
            Indicator.objects.filter(gemeente=signaal.gemeente, code__in=invoer.indicatoren).values_list(
                "code", "soort"
            )
        )
        unknown = sorted(set(invoer.indicatoren) - set(known))
        if unknown:
            errors.append(
                {
                    "name": "indicatoren",
                    "code": "onbekend",
                    "reason": _("Onbekende indicatoren: %(codes)s.") % {"codes": ", ".join(unknown)},
                }
            )
        details["indicatoren"] = sorted(known)
    if "bronnen" in required:
        unknown = sorted(set(invoer.bronnen) - set(connectors()))
        if not invoer.bronnen:
            errors.append(
                {"name": "bronnen", "code": "required", "reason": _("Kies welke bronnen geraadpleegd mogen worden.")}
            )
        elif unknown:
            errors.append(
                {
                    "name": "bronnen",
                    "code": "onbekend",
                    "reason": _("Onbekende bronnen: %(codes)s.") % {"codes": ", ".join(unknown)},
                }
            )
        details["bronnen"] = sorted(set(invoer.bronnen))
    # Privacy check 2B decides what is shared by its categories; its text only explains them. 2A has no categories:
    # there the text is the decision.
    if "gegevens" in required or "ontvangers" in required:
        if "gegevens" in required and not invoer.gegevens.strip():
            errors.append(
                {"name": "gegevens", "code": "required", "reason": _("Leg vast welke gegevens gedeeld mogen worden.")}
            )
        if not invoer.doel.strip():
            errors.append({"name": "doel", "code": "required", "reason": _("Leg het doel van het delen vast.")})
        details["gegevens"] = invoer.gegevens.strip()
        details["doel"] = invoer.doel.strip()
    if "ontvangers" in required:
        ids = [parsed for parsed in map(uuid_or_none, invoer.ontvangers) if parsed]
        organisaties = list(Organisatie.objects.filter(gemeente=signaal.gemeente, actief=True, pk__in=ids))
        if not organisaties or len(organisaties) != len(set(invoer.ontvangers)):
            errors.append(
                {
                    "name": "ontvangers",
                    "code": "invalid",
                    "reason": _("Kies de organisaties waarmee gedeeld mag worden."),
                }
            )
        details["ontvangers"] = [{"id": str(o.pk), "naam": o.naam} for o in organisaties]
        from regiekamer.delen.models import MINIMAAL, Categorie
        from regiekamer.delen.services import clean_categorieen

        try:
            details["categorieen"] = clean_categorieen(invoer.categorieen or MINIMAAL)
        except InvalidInput as error:
            errors += error.invalid_params
        else:
            if not details["gegevens"]:
                details["gegevens"] = ", ".join(str(Categorie(code).label) for code in details["categorieen"])
    if "aanpak" in required:
        if invoer.aanpak not in Aanpak.values:
            errors.append(
                {
                    "name": "aanpak",
                    "code": "invalid",
                    "reason": _("Kies een aanpak: persoonsgericht, huishouden, groepsgericht of gebiedsgericht."),
                }
            )
        details["aanpak"] = invoer.aanpak
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    return details


@gelogd(
    "wijzigen",
    "signaal.weging",
    "signaal",
    lambda weging, arguments: [weging.signaal_id, weging, weging.details.get("casus")],
    grondslag=lambda weging, arguments: weging.grondslag or GRONDSLAG_STANDAARD,
)
def record_weging(user, signaal, invoer: WegingInvoer) -> Weging:
    """Record a weighing and move the signal to the status its outcome leads to.

    Refused (nothing stored) when the user may not weigh, when this weging is not the one the
    protocol expects now, when the outcome is unknown, or when the reasoning or legal basis is missing.
    """
    from regiekamer.signalen.models import Signaal

    if not permissions.has_capability(user, permissions.RECORD_WEGING) or signaal.gemeente_id != user.gemeente.pk:
        raise NotAllowed(_("U mag geen wegingen vastleggen."))
    # Lock the signal so two simultaneous weighings cannot both pass the order check.
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    voor = cijfers.stand(signaal)

    definition = WEGINGEN.get(invoer.weging)
    if definition is None:
        raise InvalidInput.field("weging", _("Onbekende weging: %(code)s.") % {"code": invoer.weging}, "onbekend")

    corrected = None
    from_status = signaal.status
    if invoer.corrigeert:
        corrected = _correctable(signaal, invoer.corrigeert, definition)
        from_status = corrected.status_voor
    elif EXPECTED_WEGING.get(from_status) is not definition:
        expected = EXPECTED_WEGING.get(from_status)
        if expected is None:
            message = _("Dit signaal is afgerond (%(status)s); er kan geen weging meer worden vastgelegd.") % {
                "status": Status(from_status).label
            }
        else:
            message = _("%(weging)s kan nu niet worden vastgelegd: eerst is %(verwacht)s aan de beurt.") % {
                "weging": definition.soort.label,
                "verwacht": expected.soort.label,
            }
        raise TransitionRefused(message)

    outcome = definition.outcome(invoer.uitkomst)
    errors = []
    if outcome is None:
        errors.append(
            {
                "name": "uitkomst",
                "code": "onbekend",
                "reason": _("Onbekende uitkomst voor deze weging. Kies uit: %(codes)s.")
                % {"codes": ", ".join(o.code for o in definition.outcomes)},
            }
        )
    if not (invoer.toelichting or "").strip():
        errors.append(
            {"name": "toelichting", "code": "required", "reason": _("Een toelichting (motivering) is verplicht.")}
        )
    if definition.requires_grondslag and not (invoer.grondslag or "").strip():
        errors.append(
            {"name": "grondslag", "code": "required", "reason": _("Leg de grondslag (taak of bevoegdheid) vast.")}
        )
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    details = _details(signaal, invoer, outcome.requires)

    now = timezone.now()
    if outcome.next_status == Status.GEEN_ACTIE:
        days = instellingen(signaal.gemeente).bewaartermijn_geen_actie_dagen
        details["vernietigen_op"] = (timezone.localtime(now).date() + dt.timedelta(days=days)).isoformat()
    if outcome.code == "doorzetten-riec" and "ontvanger" not in details:
        details["ontvanger"] = "RIEC"
    if definition.soort == WegingSoort.BRONNEN and outcome.code == "doorgaan" and _unresearched(signaal):
        raise TransitionRefused(_("Doorgaan kan pas na ten minste één bronraadpleging (hit/no-hit)."))
    if outcome.next_status == Status.CASUS:
        # The case exists before the weging is written, so the record names it and is never changed.
        details["casus"] = str(_casus_opener()(signaal, details["aanpak"], user).pk)

    # A correction replays its step from the start of the step of the weging it corrects.
    begun = signaal.stap_gestart_op
    if corrected is not None and corrected.stap_gestart_op is not None:
        begun = corrected.stap_gestart_op
    step_timing = timing(from_status, outcome.next_status, begun, now)
    weging = Weging.objects.create(
        gemeente=signaal.gemeente,
        signaal=signaal,
        soort=definition.soort,
        uitkomst=outcome.code,
        toelichting=invoer.toelichting.strip(),
        grondslag=(invoer.grondslag or "").strip(),
        details=details,
        status_voor=from_status,
        status_na=outcome.next_status,
        corrigeert=corrected,
        vastgelegd_door=user,
        rol=permissions.acting_rol(user, permissions.RECORD_WEGING),
        vastgelegd_op=now,
        stap=step_timing.stap,
        stap_gestart_op=step_timing.stap_gestart_op,
        doorlooptijd=step_timing.doorlooptijd,
    )
    _record_sharing_decisions(user, signaal, weging, corrected)
    if corrected is not None:
        # Re-enter the step the corrected weging was made in, so its deadline is kept.
        signaal.status = corrected.status_voor
    _enter_status(signaal, outcome.next_status, now)
    signaal.vernietigen_op = dt.date.fromisoformat(details["vernietigen_op"]) if "vernietigen_op" in details else None
    signaal.save()
    cijfers.verwerk(voor, cijfers.stand(signaal, fenomenen=voor.fenomenen))
    return weging


def _record_sharing_decisions(user, signaal, weging, corrected) -> None:
    """Privacy check 2B "delen" records one sharing decision per recipient, for the case the signal leads
    to. A correction of 2B withdraws the decisions of the check it corrects."""
    from regiekamer.accounts.models import Organisatie
    from regiekamer.delen import services as delen

    if corrected is not None and corrected.soort == WegingSoort.PRIVACYCHECK_2B:
        for besluit in corrected.delingsbesluiten.filter(ingetrokken_op__isnull=True):
            delen.withdraw(user, besluit, _("Vervangen door een correctie van privacycheck 2B."))
    if weging.soort != WegingSoort.PRIVACYCHECK_2B or "ontvangers" not in weging.details:
        return
    ids = [ontvanger["id"] for ontvanger in weging.details["ontvangers"]]
    for organisatie in Organisatie.objects.filter(gemeente=signaal.gemeente, pk__in=ids).order_by("naam"):
        delen.record_delingsbesluit(
            user,
            ontvanger=organisatie,
            signaal=signaal,
            categorieen=weging.details.get("categorieen") or [],
            omschrijving=weging.details.get("gegevens", ""),
            doel=weging.details.get("doel", ""),
            grondslag=weging.grondslag,
            weging=weging,
        )


def _unresearched(signaal) -> bool:
    """Subjects were named but no source was consulted about any of them. (A signal about a place
    without subjects, such as a hangplek, has nothing to look up.)"""
    has_subjects = signaal.personen.exists() or signaal.adressen.exists() or signaal.rechtspersonen.exists()
    return has_subjects and not signaal.bronraadplegingen.exists()


def _correctable(signaal, weging_id: str, definition) -> Weging:
    latest = signaal.wegingen.order_by("-vastgelegd_op").first()
    if latest is None or str(latest.pk) != str(weging_id):
        raise TransitionRefused(
            _("Alleen de laatst vastgelegde weging kan worden gecorrigeerd; latere wegingen bouwen erop voort.")
        )
    if latest.soort != definition.soort:
        raise TransitionRefused(_("Een correctie moet dezelfde weging betreffen als de weging die zij corrigeert."))
    if latest.soort == WegingSoort.AANPAK and latest.uitkomst == "casus":
        raise TransitionRefused(_("Er is al een casus gestart; sluit of wijzig de casus in plaats daarvan."))
    return latest


def expected_weging(signaal):
    """The weging the protocol waits for, or None when the signal is finished."""
    return EXPECTED_WEGING.get(signaal.status)
