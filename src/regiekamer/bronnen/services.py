"""Bronnenonderzoek (step 3): hit/no-hit first, content only with a recorded justification."""

from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit.services import gelogd
from regiekamer.bronnen.connectors import subject_soort
from regiekamer.bronnen.models import Bronraadpleging
from regiekamer.bronnen.registry import connector
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.inzage.beperking import is_restricted
from regiekamer.protocol.machine import Status, WegingSoort


def allowed_bronnen(signaal) -> list[str]:
    """The sources privacy check 1 allowed for this signal (the latest such check counts)."""
    check = signaal.wegingen.filter(soort=WegingSoort.PRIVACYCHECK_1).order_by("-vastgelegd_op").first()
    return list(check.details.get("bronnen", [])) if check else []


def _subject_fields(subject) -> dict:
    return {subject_soort(subject): subject}


def _check(user, signaal, bron_code: str, subject):
    if not permissions.has_capability(user, permissions.CONSULT_SOURCES) or signaal.gemeente_id != user.gemeente.pk:
        raise NotAllowed(_("U mag geen bronnen raadplegen."))
    if signaal.status != Status.BRONNENONDERZOEK:
        raise TransitionRefused(
            _("Bronnen raadplegen kan alleen tijdens het bronnenonderzoek (stap 3), na privacycheck 1.")
        )
    if bron_code not in allowed_bronnen(signaal):
        raise TransitionRefused(_("Privacycheck 1 staat raadpleging van deze bron niet toe."))
    bron = connector(bron_code)
    if bron is None:
        raise InvalidInput.field("bron", _("Onbekende bron."), "onbekend")
    linked = {
        "persoon": signaal.personen,
        "adres": signaal.adressen,
        "rechtspersoon": signaal.rechtspersonen,
    }.get(subject_soort(subject))
    if linked is None or not linked.filter(pk=subject.pk).exists():
        raise InvalidInput.field("subject", _("Dit subject hoort niet bij het signaal."), "subject")
    if subject_soort(subject) == "persoon" and is_restricted(subject):
        raise TransitionRefused(_("De verwerking van gegevens over deze persoon is beperkt (art. 18 AVG)."))
    if not bron.supports(subject):
        raise InvalidInput.field("subject", _("Deze bron kent dit soort subject niet."), "subject")
    return bron


def _subject(result, arguments):
    return [arguments["subject"], result]


def _soort(result, arguments):
    return subject_soort(arguments["subject"])


@gelogd("lezen", "bron.hit", _soort, _subject)
def query_hit(user, signaal, bron_code: str, subject) -> Bronraadpleging:
    """Ask whether the subject is known in the source at all; the answer reveals nothing else."""
    bron = _check(user, signaal, bron_code, subject)
    return Bronraadpleging.objects.create(
        gemeente=signaal.gemeente,
        signaal=signaal,
        bron=bron_code,
        soort=Bronraadpleging.Soort.HIT_NO_HIT,
        hit=bron.is_bekend(subject),
        uitgevoerd_door=user,
        rol=permissions.acting_rol(user, permissions.RECORD_WEGING),
        **_subject_fields(subject),
    )


@gelogd("lezen", "bron.inhoud", _soort, _subject)
def query_inhoud(user, signaal, bron_code: str, subject, motivering: str) -> Bronraadpleging:
    """Read the content the source holds. Requires an earlier hit and a justification."""
    bron = _check(user, signaal, bron_code, subject)
    if not (motivering or "").strip():
        raise InvalidInput.field("motivering", _("Motiveer waarom de inhoud nodig is."), "required")
    had_hit = Bronraadpleging.objects.filter(
        signaal=signaal,
        bron=bron_code,
        soort=Bronraadpleging.Soort.HIT_NO_HIT,
        hit=True,
        **_subject_fields(subject),
    ).exists()
    if not had_hit:
        raise TransitionRefused(_("Vraag eerst hit/no-hit op; inhoud kan alleen bij een hit worden opgevraagd."))
    return Bronraadpleging.objects.create(
        gemeente=signaal.gemeente,
        signaal=signaal,
        bron=bron_code,
        soort=Bronraadpleging.Soort.INHOUD,
        hit=True,
        inhoud=bron.inhoud(subject),
        motivering=motivering.strip(),
        uitgevoerd_door=user,
        rol=permissions.acting_rol(user, permissions.RECORD_WEGING),
        **_subject_fields(subject),
    )
