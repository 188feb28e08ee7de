"""Purpose binding: the one place that decides whether a signal may be used in a case, and records the
compatibility decisions (AVG art. 6(4)) that allow a crossing between purposes.

``vereis_verenigbaarheid`` is called by every path that links a signal to a case (``casussen.services``);
web pages and the API reach it through those services.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit.services import gelogd
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.core.ids import uuid_or_none
from regiekamer.doelbinding.doelen import Doel, is_verenigbaar_bij_wet, label
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit


class VerenigbaarheidsbesluitOntbreekt(TransitionRefused):
    """A signal would be used for another purpose than it was collected for, without a decision."""

    code = "verenigbaarheidsbesluit-ontbreekt"
    title = "Er is geen verenigbaarheidsbesluit voor dit gebruik."

    def __init__(self, signaal, naar_doel: str, casus=None):
        self.signaal, self.naar_doel, self.casus = signaal, naar_doel, casus
        if casus is None:
            message = _(
                "Signaal %(signaal)s is verzameld voor '%(van)s'. Een casus voor '%(naar)s' openen is gebruik "
                "voor een ander doel: leg eerst een verenigbaarheidsbesluit (art. 6 lid 4 AVG) vast."
            )
        else:
            message = _(
                "Signaal %(signaal)s is verzameld voor '%(van)s'. Gebruik in casus %(casus)s ('%(naar)s') is "
                "gebruik voor een ander doel: leg eerst een verenigbaarheidsbesluit (art. 6 lid 4 AVG) vast."
            )
        super().__init__(
            message
            % {
                "signaal": signaal.nummer,
                "van": label(signaal.doel),
                "naar": label(naar_doel),
                "casus": getattr(casus, "nummer", ""),
            }
        )
        # Named in the API problem so a client knows which decision to record.
        self.extra = {
            "ontbrekendBesluit": {
                "signaal": str(signaal.pk),
                "vanDoel": signaal.doel,
                "naarDoel": naar_doel,
                "casus": str(casus.pk) if casus is not None else None,
            }
        }

    @property
    def formulier_url(self) -> str:
        """The web form to record the missing decision."""
        query = {"signaal": str(self.signaal.pk), "naar_doel": self.naar_doel}
        if self.casus is not None:
            query["casus"] = str(self.casus.pk)
        return f"{reverse('doelbinding:nieuw')}?{urlencode(query)}"


def besluit_voor(signaal, naar_doel: str, casus=None) -> Verenigbaarheidsbesluit | None:
    """The decision allowing this use: for this signal, from its purpose to ``naar_doel``, for this case
    (or, when opening a case from the signal, one recorded for the case still to be opened). Only the latest
    decision counts: a later "niet verenigbaar" revokes an earlier "verenigbaar"."""
    besluiten = Verenigbaarheidsbesluit.objects.filter(
        gemeente=signaal.gemeente_id,
        signaal=signaal,
        van_doel=signaal.doel,
        naar_doel=naar_doel,
    )
    besluiten = besluiten.filter(casus__isnull=True) if casus is None else besluiten.filter(casus=casus)
    laatste = besluiten.order_by("-vastgelegd_op", "-pk").first()
    return laatste if laatste and laatste.conclusie == Verenigbaarheidsbesluit.Conclusie.VERENIGBAAR else None


def mag_gebruiken(signaal, naar_doel: str, casus=None) -> bool:
    return is_verenigbaar_bij_wet(signaal.doel, naar_doel) or besluit_voor(signaal, naar_doel, casus) is not None


def vereis_verenigbaarheid(signaal, naar_doel: str, casus=None) -> Verenigbaarheidsbesluit | None:
    """Refuse (409) using ``signaal`` for ``naar_doel`` (in ``casus``, or in a case to be opened from it)
    unless the purposes are compatible by law or a compatibility decision exists. Returns the decision."""
    if is_verenigbaar_bij_wet(signaal.doel, naar_doel):
        return None
    besluit = besluit_voor(signaal, naar_doel, casus)
    if besluit is None:
        raise VerenigbaarheidsbesluitOntbreekt(signaal, naar_doel, casus)
    return besluit


def bind_aan_casus(besluit: Verenigbaarheidsbesluit | None, casus) -> None:
    """A decision recorded for the case still to be opened names that case once it exists."""
    if besluit is not None and besluit.casus_id is None:
        Verenigbaarheidsbesluit.objects.filter(pk=besluit.pk, casus__isnull=True).update(casus=casus)
        besluit.casus = casus


@dataclass
class BesluitInvoer:
    signaal: str  # signal id
    verband_doelen: str
    context_verzameling: str
    aard_gegevens: str
    gevolgen_betrokkene: str
    waarborgen: str
    conclusie: str
    toelichting: str
    casus: str | None = None  # case id; empty for the case still to be opened from the signal
    naar_doel: str = ""  # required without a case; with a case it is the case's purpose


OVERWEGINGEN = ("verband_doelen", "context_verzameling", "aard_gegevens", "gevolgen_betrokkene", "waarborgen")


def _ids(besluit, arguments):
    return [besluit.pk, besluit.signaal_id, besluit.casus_id]


@gelogd(
    "aanmaken",
    "doelbinding.verenigbaarheidsbesluit",
    "verenigbaarheidsbesluit",
    _ids,
    doel=lambda besluit, arguments: besluit.naar_doel,
    grondslag="art. 6 lid 4 AVG",
)
def leg_besluit_vast(user, invoer: BesluitInvoer) -> Verenigbaarheidsbesluit:
    """Record a compatibility decision. Every consideration of art. 6(4) AVG and the reasoning are required;
    on any error nothing is stored."""
    from regiekamer.casussen.models import Casus
    from regiekamer.signalen.models import Signaal

    if not permissions.has_capability(user, permissions.MANAGE_CASES):
        raise NotAllowed(_("U mag geen verenigbaarheidsbesluiten vastleggen."))
    gemeente = user.gemeente
    errors = []
    signaal = Signaal.objects.filter(gemeente=gemeente, pk=uuid_or_none(invoer.signaal)).first()
    if signaal is None:
        errors.append({"name": "signaal", "code": "onbekend", "reason": _("Onbekend signaal.")})
    casus = None
    if invoer.casus:
        casus = Casus.objects.filter(gemeente=gemeente, pk=uuid_or_none(invoer.casus)).first()
        if casus is None:
            errors.append({"name": "casus", "code": "onbekend", "reason": _("Onbekende casus.")})
    naar_doel = invoer.naar_doel or (casus.doel if casus is not None else "")
    if naar_doel not in Doel.values:
        errors.append({"name": "naar_doel", "code": "invalid", "reason": _("Kies het doel van het nieuwe gebruik.")})
    elif casus is not None and naar_doel != casus.doel:
        errors.append(
            {
                "name": "naar_doel",
                "code": "invalid",
                "reason": _("Het doel van het gebruik is het doel van de casus: %(doel)s.")
                % {"doel": label(casus.doel)},
            }
        )
    elif signaal is not None and naar_doel == signaal.doel:
        errors.append(
            {
                "name": "naar_doel",
                "code": "zelfde-doel",
                "reason": _("Het signaal is voor dit doel verzameld; er is geen besluit nodig."),
            }
        )
    if not invoer.casus and signaal is not None and signaal.is_afgerond:
        # Without a case the decision is for the case still to be opened from the signal in step 4.
        errors.append(
            {"name": "casus", "code": "required", "reason": _("Kies de casus waarin het signaal wordt gebruikt.")}
        )
    for name in (*OVERWEGINGEN, "toelichting"):
        if not (getattr(invoer, name) or "").strip():
            errors.append({"name": name, "code": "required", "reason": _("Deze overweging is verplicht.")})
    if invoer.conclusie not in Verenigbaarheidsbesluit.Conclusie.values:
        errors.append({"name": "conclusie", "code": "required", "reason": _("Kies de conclusie.")})
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    return Verenigbaarheidsbesluit.objects.create(
        gemeente=gemeente,
        signaal=signaal,
        casus=casus,
        van_doel=signaal.doel,
        naar_doel=naar_doel,
        conclusie=invoer.conclusie,
        vastgelegd_door=user,
        rol=permissions.acting_rol(user, permissions.RECORD_WEGING),
        vastgelegd_op=timezone.now(),
        **{name: getattr(invoer, name).strip() for name in (*OVERWEGINGEN, "toelichting")},
    )
