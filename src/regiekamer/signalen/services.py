"""Intake of signals: validation, subject linking, numbering, attachments and notifying owners."""

from contextlib import contextmanager
from dataclasses import dataclass, field

import filetype
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit.services import gelogd
from regiekamer.audit.services import log as audit_log
from regiekamer.casussen.services import link_new_signaal
from regiekamer.core.db import locked_row
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.doelbinding.doelen import Doel, doel_voor_organisatie
from regiekamer.gebieden import tellingen as gebiedstellingen
from regiekamer.inzicht import services as cijfers
from regiekamer.notifications.services import notify
from regiekamer.protocol.services import start_protocol
from regiekamer.signalen.models import AnoniemeBron, Bijlage, Fenomeen, Indicator, Signaal, SignaalNummering
from regiekamer.subjects import services as subjects
from regiekamer.subjects.models import Buurt
from regiekamer.subjects.services import AdresGegevens, PersoonGegevens


@dataclass
class SignaalInvoer:
    omschrijving: str
    fenomenen: list[str]
    indicatoren: list[str] = field(default_factory=list)
    anoniem: bool = False
    anonieme_bron: str = ""
    personen: list[PersoonGegevens] = field(default_factory=list)
    adressen: list[AdresGegevens] = field(default_factory=list)
    rechtspersonen: list[tuple[str, str]] = field(default_factory=list)  # (naam, kvk_nummer)
    voertuigen: list[str] = field(default_factory=list)
    locatie: str = ""
    buurt: str = ""  # buurt code, for a signal about a place without an address (e.g. a hangplek)
    bijlagen: list = field(default_factory=list)  # uploaded files
    doel: str = ""  # purpose the data was collected for; empty: derived from the reporting organisation


def _collect(errors: list, func, *args):
    try:
        return func(*args)
    except InvalidInput as error:
        errors.extend(error.invalid_params)
        return None


def validate_bijlage(upload, field_name="bijlagen"):
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise InvalidInput.field(
            field_name,
            _("Bestand %(naam)s is te groot (maximaal %(mb)s MB).")
            % {"naam": upload.name, "mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            code="te-groot",
        )
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        content_type = kind.mime
        if content_type == "application/zip" and upload.name.lower().endswith(".docx"):
            content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        try:
            head.decode("utf-8")
            content_type = "text/plain"
        except UnicodeDecodeError:
            content_type = "application/octet-stream"
    if content_type not in settings.ATTACHMENT_ALLOWED_TYPES:
        raise InvalidInput.field(
            field_name,
            _("Bestand %(naam)s heeft een niet-toegestaan type. Toegestaan: PDF, JPG, PNG, TXT, DOCX.")
            % {"naam": upload.name},
            code="bestandstype",
        )
    return content_type


def _next_nummer(gemeente, year: int) -> str:
    nummering = locked_row(SignaalNummering, gemeente=gemeente, jaar=year)
    nummering.laatste += 1
    nummering.save(update_fields=["laatste"])
    return f"S{year}-{nummering.laatste:05d}"


def report_signaal(principal, invoer: SignaalInvoer, ontvangen_op=None) -> Signaal:
    """Register a signal from a partner professional, staff member or partner system.

    Every field is validated before anything is stored; on any error nothing is saved.
    """
    if not permissions.has_capability(principal, permissions.REPORT_SIGNAL):
        raise NotAllowed(_("U mag geen signalen melden."))
    gemeente = principal.gemeente
    errors: list[dict] = []

    omschrijving = (invoer.omschrijving or "").strip()
    if not omschrijving:
        errors.append({"name": "omschrijving", "code": "required", "reason": _("De omschrijving is verplicht.")})

    codes = list(dict.fromkeys(invoer.fenomenen or []))
    fenomenen = list(Fenomeen.objects.filter(gemeente=gemeente, actief=True, code__in=codes))
    if not codes:
        errors.append({"name": "fenomenen", "code": "required", "reason": _("Kies ten minste één fenomeen.")})
    for unknown in sorted(set(codes) - {f.code for f in fenomenen}):
        errors.append(
            {"name": "fenomenen", "code": "onbekend", "reason": _("Onbekend fenomeen: %(code)s.") % {"code": unknown}}
        )

    indicator_codes = list(dict.fromkeys(invoer.indicatoren or []))
    indicatoren = list(Indicator.objects.filter(gemeente=gemeente, actief=True, code__in=indicator_codes))
    for unknown in sorted(set(indicator_codes) - {i.code for i in indicatoren}):
        errors.append(
            {
                "name": "indicatoren",
                "code": "onbekend",
                "reason": _("Onbekende indicator: %(code)s.") % {"code": unknown},
            }
        )

    buurt = None
    if invoer.buurt:
        buurt = Buurt.objects.filter(gemeente=gemeente, code=invoer.buurt).first()
        if buurt is None:
            errors.append({"name": "buurt", "code": "onbekend", "reason": _("Onbekende buurt.")})

    if invoer.doel and invoer.doel not in Doel.values:
        errors.append({"name": "doel", "code": "onbekend", "reason": _("Onbekend doel.")})

    if invoer.anonieme_bron and invoer.anonieme_bron not in AnoniemeBron.values:
        errors.append({"name": "anonieme_bron", "code": "onbekend", "reason": _("Onbekende anonieme bron.")})

    personen = [
        _collect(errors, subjects.validate_persoon, persoon, f"personen.{index}")
        for index, persoon in enumerate(invoer.personen)
    ]
    adressen = [
        _collect(errors, subjects.validate_adres, adres, f"adressen.{index}")
        for index, adres in enumerate(invoer.adressen)
    ]
    for index, (naam, kvk) in enumerate(invoer.rechtspersonen):
        _collect(errors, subjects.clean_kvk, kvk, f"rechtspersonen.{index}.kvk_nummer")
        if not naam.strip():
            errors.append(
                {"name": f"rechtspersonen.{index}.naam", "code": "required", "reason": _("De naam is verplicht.")}
            )
    for index, kenteken in enumerate(invoer.voertuigen):
        _collect(errors, subjects.clean_kenteken, kenteken, f"voertuigen.{index}")
    content_types = [
        _collect(errors, validate_bijlage, upload, f"bijlagen.{index}") for index, upload in enumerate(invoer.bijlagen)
    ]
    if errors:
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)

    with _files_removed_on_failure() as stored:
        return _create_signaal(
            principal, invoer, ontvangen_op, fenomenen, indicatoren, personen, adressen, buurt, content_types, stored
        )


# The signal, its subjects, attachments and log entry are stored in one transaction (``gelogd``); the files written
# are removed again when that transaction fails (``_files_removed_on_failure`` around it).
@gelogd(
    "aanmaken",
    "signaal.melden",
    "signaal",
    lambda signaal, arguments: [signaal],
    principal="principal",
    doel=lambda signaal, arguments: signaal.doel,
)
def _create_signaal(
    principal, invoer, ontvangen_op, fenomenen, indicatoren, personen, adressen, buurt, content_types, stored
) -> Signaal:
    gemeente = principal.gemeente
    user = None if getattr(principal, "is_partner_system", False) else principal
    adressen = [subjects.find_or_create_adres(gemeente, a)[0] for a in adressen]
    # A signal about one address places the persons it names there: evidence for matching them with known persons.
    context = subjects.KoppelContext(kanaal="formulier" if user is not None else "api")
    woonadres = adressen[0] if len(set(adressen)) == 1 else None
    linked = {
        "personen": [subjects.koppel_persoon(gemeente, p, woonadres, context).persoon for p in personen],
        "adressen": adressen,
        "rechtspersonen": [
            subjects.find_or_create_rechtspersoon(gemeente, naam, kvk)[0] for naam, kvk in invoer.rechtspersonen
        ],
        "voertuigen": [subjects.find_or_create_voertuig(gemeente, kenteken)[0] for kenteken in invoer.voertuigen],
        "fenomenen": fenomenen,
        "indicatoren": indicatoren,
    }
    if buurt is None:
        buurt_id = next((adres.buurt_id for adres in linked["adressen"] if adres.buurt_id), None)
    else:
        buurt_id = buurt.pk
    ontvangen_op = ontvangen_op or timezone.now()
    signaal = Signaal(
        gemeente=gemeente,
        nummer=_next_nummer(gemeente, timezone.localtime(ontvangen_op).year),
        ontvangen_op=ontvangen_op,
        omschrijving=invoer.omschrijving.strip(),
        melder_organisatie=principal.organisatie,
        melder=user,
        api_token=getattr(principal, "token", None) if user is None else None,
        anoniem=bool(invoer.anoniem or invoer.anonieme_bron),
        anonieme_bron=invoer.anonieme_bron,
        locatie=invoer.locatie.strip(),
        buurt_id=buurt_id,
        doel=invoer.doel or doel_voor_organisatie(principal.organisatie),
    )
    start_protocol(signaal)
    signaal.save(force_insert=True)
    for relation, items in linked.items():
        if relation == "adressen":
            # One at a time, in the order given: the first address decides the signal's buurt, also when buurten
            # are assigned again after new boundaries (gebieden.toewijzing reads the order of the links).
            for adres in dict.fromkeys(items):
                signaal.adressen.add(adres)
        elif items:
            getattr(signaal, relation).add(*items)
    for upload, content_type in zip(invoer.bijlagen, content_types, strict=True):
        _store_bijlage(signaal, upload, content_type, user, stored)
    cijfers.verwerk(None, cijfers.stand(signaal, fenomenen=tuple(sorted(f.pk.hex for f in fenomenen))))
    gebiedstellingen.verwerk(
        None,
        gebiedstellingen.bijdrage(
            signaal, adressen=[a.pk for a in linked["adressen"]], fenomenen=[f.pk for f in fenomenen]
        ),
    )
    _notify_owners(signaal, fenomenen)
    link_new_signaal(signaal)
    return signaal


def _store_bijlage(signaal, upload, content_type, user, stored: list):
    bijlage = Bijlage(
        gemeente=signaal.gemeente,
        signaal=signaal,
        bestandsnaam=upload.name[:200],
        content_type=content_type,
        grootte=upload.size,
        toegevoegd_door=user,
    )
    bijlage.bestand.save(upload.name, upload, save=False)
    stored.append(bijlage.bestand)
    bijlage.save()
    return bijlage


@contextmanager
def _files_removed_on_failure():
    """Files are not transactional: if saving the records fails, delete the files written so far."""
    stored: list = []
    try:
        yield stored
    except BaseException:
        for stored_file in stored:
            stored_file.storage.delete(stored_file.name)
        raise


def add_bijlage(user, signaal, upload) -> Bijlage:
    if not permissions.has_capability(user, permissions.VIEW_SIGNALS) or signaal.gemeente_id != user.gemeente.pk:
        raise NotAllowed(_("U mag geen bijlagen toevoegen aan dit signaal."))
    content_type = validate_bijlage(upload)
    with _files_removed_on_failure() as stored, transaction.atomic():
        bijlage = _store_bijlage(signaal, upload, content_type, user, stored)
        audit_log(user, "aanmaken", "signaal.bijlage-toevoegen", "bijlage", [bijlage, signaal])
        return bijlage


def _notify_owners(signaal, fenomenen):
    owners = {f.eigenaar for f in fenomenen if f.eigenaar_id and f.eigenaar.is_active}
    for owner in owners:
        notify(
            owner,
            _("Nieuw signaal %(nummer)s over uw fenomeen") % {"nummer": signaal.nummer},
            _("Er is een nieuw signaal binnengekomen over een fenomeen waarvoor u verantwoordelijk bent."),
            f"/signalen/{signaal.pk}/",
        )
