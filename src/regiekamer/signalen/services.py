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
    melder_titel: str = ""  # the reporter's own short title


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


def _next_nummers(gemeente, year: int, aantal: int = 1) -> list[str]:
    """The next ``aantal`` signal numbers of the year, taken as one block while the counter row is locked."""
    nummering = locked_row(SignaalNummering, gemeente=gemeente, jaar=year)
    eerste = nummering.laatste + 1
    nummering.laatste += aantal
    nummering.save(update_fields=["laatste"])
    return [f"S{year}-{nummer:05d}" for nummer in range(eerste, eerste + aantal)]


@dataclass(frozen=True)
class Catalogus:
    """The gemeente's active phenomena and indicators by code, and its buurten by code as far as asked: read once
    per intake, or once per import for every row of it."""

    gemeente: object
    fenomenen: dict
    indicatoren: dict
    buurten: dict = field(default_factory=dict)

    def buurt(self, code: str):
        if code not in self.buurten:
            self.buurten[code] = Buurt.objects.filter(gemeente=self.gemeente, code=code).first()
        return self.buurten[code]


def laad_catalogus(gemeente, invoer: SignaalInvoer | None = None) -> Catalogus:
    """The active phenomena and indicators of ``gemeente``: all of them (a bulk import looks up many rows in one
    catalogue), or with ``invoer`` only those that one signal names."""
    fenomenen = Fenomeen.objects.filter(gemeente=gemeente, actief=True).select_related("eigenaar")
    indicatoren = Indicator.objects.filter(gemeente=gemeente, actief=True)
    if invoer is not None:
        fenomenen = fenomenen.filter(code__in=list(invoer.fenomenen or []))
        indicatoren = indicatoren.filter(code__in=list(invoer.indicatoren or []))
    return Catalogus(
        gemeente=gemeente,
        fenomenen={f.code: f for f in fenomenen},
        indicatoren={i.code: i for i in indicatoren},
    )


@dataclass
class GevalideerdeInvoer:
    """A signal that passed every rule of intake, with its phenomena, indicators and buurt looked up and its
    subjects cleaned; :func:`registreer` stores it."""

    invoer: SignaalInvoer
    fenomenen: list
    indicatoren: list
    personen: list
    adressen: list
    buurt: object = None
    content_types: list = field(default_factory=list)


# The most one signal may hold: far above any real report, low enough that no request can flood the register.
MAXIMA = {
    "omschrijving": 10_000,  # characters
    "melder_titel": 80,
    "locatie": 250,
    "fenomenen": 20,
    "indicatoren": 100,
    "personen": 50,
    "adressen": 50,
    "rechtspersonen": 20,
    "voertuigen": 20,
    "bijlagen": 20,
}


def _te_veel(invoer: SignaalInvoer) -> list[dict]:
    errors = []
    for name in ("omschrijving", "melder_titel", "locatie"):
        if len(getattr(invoer, name) or "") > MAXIMA[name]:
            reason = _("Gebruik ten hoogste %(max)d tekens.") % {"max": MAXIMA[name]}
            errors.append({"name": name, "code": "max_length", "reason": reason})
    for name in ("fenomenen", "indicatoren", "personen", "adressen", "rechtspersonen", "voertuigen", "bijlagen"):
        if len(getattr(invoer, name) or []) > MAXIMA[name]:
            reason = _("Ten hoogste %(max)d per signaal.") % {"max": MAXIMA[name]}
            errors.append({"name": name, "code": "max_items", "reason": reason})
    return errors


def valideer(gemeente, invoer: SignaalInvoer, catalogus: Catalogus | None = None) -> GevalideerdeInvoer:
    """Check every field of ``invoer`` against the rules of intake and report every error at once
    (``InvalidInput``). Stores nothing. The single form, the API and the bulk import all go through here."""
    if errors := _te_veel(invoer):
        # Nothing else is looked at: validating 10,000 persons is the flood this refuses.
        raise InvalidInput(_("Een of meer velden zijn ongeldig."), errors)
    catalogus = catalogus or laad_catalogus(gemeente, invoer)
    errors: list[dict] = []

    omschrijving = (invoer.omschrijving or "").strip()
    if not omschrijving:
        errors.append({"name": "omschrijving", "code": "required", "reason": _("De omschrijving is verplicht.")})

    codes = list(dict.fromkeys(invoer.fenomenen or []))
    fenomenen = [catalogus.fenomenen[code] for code in codes if code in catalogus.fenomenen]
    if not codes:
        errors.append({"name": "fenomenen", "code": "required", "reason": _("Kies ten minste één fenomeen.")})
    for unknown in sorted(set(codes) - set(catalogus.fenomenen)):
        errors.append(
            {"name": "fenomenen", "code": "onbekend", "reason": _("Onbekend fenomeen: %(code)s.") % {"code": unknown}}
        )

    indicator_codes = list(dict.fromkeys(invoer.indicatoren or []))
    indicatoren = [catalogus.indicatoren[code] for code in indicator_codes if code in catalogus.indicatoren]
    for unknown in sorted(set(indicator_codes) - set(catalogus.indicatoren)):
        errors.append(
            {
                "name": "indicatoren",
                "code": "onbekend",
                "reason": _("Onbekende indicator: %(code)s.") % {"code": unknown},
            }
        )

    buurt = None
    if invoer.buurt:
        buurt = catalogus.buurt(invoer.buurt)
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
    return GevalideerdeInvoer(invoer, fenomenen, indicatoren, personen, adressen, buurt, content_types)


def report_signaal(principal, invoer: SignaalInvoer, ontvangen_op=None) -> Signaal:
    """Register a signal from a partner professional, staff member or partner system.

    Every field is validated before anything is stored; on any error nothing is saved.
    """
    if not permissions.has_capability(principal, permissions.REPORT_SIGNAL):
        raise NotAllowed(_("U mag geen signalen melden."))
    gevalideerd = valideer(principal.gemeente, invoer)
    with _files_removed_on_failure() as stored:
        return _create_signaal(principal, gevalideerd, ontvangen_op, stored)


@dataclass(frozen=True)
class Melder:
    """Who a signal is registered for: the organisation, and the user or organisation token that reported it."""

    gemeente: object
    organisatie: object
    gebruiker: object = None
    api_token: object = None

    @classmethod
    def van(cls, principal) -> "Melder":
        if getattr(principal, "is_partner_system", False):
            return cls(principal.gemeente, principal.organisatie, None, getattr(principal, "token", None))
        return cls(principal.gemeente, principal.organisatie, principal, None)


@dataclass
class Gekoppeld:
    """The subjects a signal links to, found or created by the subject rules."""

    personen: list
    adressen: list
    rechtspersonen: list = field(default_factory=list)
    voertuigen: list = field(default_factory=list)


def woonadres(adressen: list):
    """The address a signal places the persons it names at, as evidence for matching them with known persons:
    its address when it names exactly one, else none."""
    return adressen[0] if len(set(adressen)) == 1 else None


def koppel_subjecten(gemeente, gevalideerd: GevalideerdeInvoer, kanaal: str) -> Gekoppeld:
    invoer = gevalideerd.invoer
    adressen = [subjects.find_or_create_adres(gemeente, a)[0] for a in gevalideerd.adressen]
    context = subjects.KoppelContext(kanaal=kanaal)
    adres = woonadres(adressen)
    return Gekoppeld(
        personen=[subjects.koppel_persoon(gemeente, p, adres, context).persoon for p in gevalideerd.personen],
        adressen=adressen,
        rechtspersonen=[
            subjects.find_or_create_rechtspersoon(gemeente, naam, kvk)[0] for naam, kvk in invoer.rechtspersonen
        ],
        voertuigen=[subjects.find_or_create_voertuig(gemeente, kenteken)[0] for kenteken in invoer.voertuigen],
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
def _create_signaal(principal, gevalideerd, ontvangen_op, stored) -> Signaal:
    melder = Melder.van(principal)
    gekoppeld = koppel_subjecten(melder.gemeente, gevalideerd, "formulier" if melder.gebruiker else "api")
    signaal = registreer(melder, gevalideerd, gekoppeld, ontvangen_op)
    for upload, content_type in zip(gevalideerd.invoer.bijlagen, gevalideerd.content_types, strict=True):
        _store_bijlage(signaal, upload, content_type, melder.gebruiker, stored)
    _notify_owners(signaal, gevalideerd.fenomenen)
    link_new_signaal(signaal)
    return signaal


def registreer(melder: Melder, gevalideerd: GevalideerdeInvoer, gekoppeld: Gekoppeld, ontvangen_op=None) -> Signaal:
    """Store a validated signal with its links, number it and count it in the summaries. The caller holds the
    transaction, writes the processing-log entry and decides whom to tell (``_notify_owners``,
    ``link_new_signaal``): intake one signal at a time does both per signal, the bulk import per import."""
    return registreer_reeks(melder, [(gevalideerd, gekoppeld)], ontvangen_op)[0]


def registreer_reeks(melder: Melder, items: list, ontvangen_op=None) -> list[Signaal]:
    """Store several validated signals of one reporter, each ``(GevalideerdeInvoer, Gekoppeld)``, as
    :func:`registreer` stores one: the same fields, numbers, links and summary counts, written a table at a time
    (numbers taken as one block, one insert per table, one upsert per summary)."""
    gemeente = melder.gemeente
    ontvangen_op = ontvangen_op or timezone.now()
    jaar = timezone.localtime(ontvangen_op).year
    nummers = _next_nummers(gemeente, jaar, len(items))
    signalen = []
    for (gevalideerd, gekoppeld), nummer in zip(items, nummers, strict=True):
        invoer = gevalideerd.invoer
        if gevalideerd.buurt is None:
            buurt_id = next((adres.buurt_id for adres in gekoppeld.adressen if adres.buurt_id), None)
        else:
            buurt_id = gevalideerd.buurt.pk
        signaal = Signaal(
            gemeente=gemeente,
            nummer=nummer,
            ontvangen_op=ontvangen_op,
            omschrijving=invoer.omschrijving.strip(),
            melder_organisatie=melder.organisatie,
            melder=melder.gebruiker,
            api_token=melder.api_token if melder.gebruiker is None else None,
            anoniem=bool(invoer.anoniem or invoer.anonieme_bron),
            anonieme_bron=invoer.anonieme_bron,
            locatie=invoer.locatie.strip(),
            buurt_id=buurt_id,
            doel=invoer.doel or doel_voor_organisatie(melder.organisatie),
            melder_titel=(invoer.melder_titel or "").strip()[:80],
        )
        if signalen:
            # Received at the same moment in the same gemeente: the same status, step and deadline as the first.
            for veld in ("status", "stap", "stap_gestart_op", "termijn", "afgerond_op"):
                setattr(signaal, veld, getattr(signalen[0], veld))
        else:
            start_protocol(signaal)
        signalen.append(signaal)
    Signaal.objects.bulk_create(signalen)
    for relation in ("personen", "adressen", "rechtspersonen", "voertuigen", "fenomenen", "indicatoren"):
        through = getattr(Signaal, relation).through
        column = getattr(Signaal, relation).field.m2m_reverse_field_name()
        rows = []
        for signaal, (gevalideerd, gekoppeld) in zip(signalen, items, strict=True):
            linked = getattr(gekoppeld, relation, None)
            if linked is None:
                linked = getattr(gevalideerd, relation)
            # In the order given: the first address decides the signal's buurt, also when buurten are assigned again
            # after new boundaries (gebieden.toewijzing reads the order of the links).
            for subject in dict.fromkeys(linked):
                rows.append(through(signaal_id=signaal.pk, **{f"{column}_id": subject.pk}))
        if rows:
            through.objects.bulk_create(rows)
    cijfers.verwerk_nieuw(
        [
            cijfers.stand(signaal, fenomenen=tuple(sorted(f.pk.hex for f in gevalideerd.fenomenen)), nieuw=True)
            for signaal, (gevalideerd, _gekoppeld) in zip(signalen, items, strict=True)
        ]
    )
    gebiedstellingen.verwerk_reeks(
        [
            (
                None,
                gebiedstellingen.bijdrage(
                    signaal,
                    adressen=[a.pk for a in gekoppeld.adressen],
                    fenomenen=[f.pk for f in gevalideerd.fenomenen],
                ),
            )
            for signaal, (gevalideerd, gekoppeld) in zip(signalen, items, strict=True)
        ]
    )
    return signalen


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


@gelogd("wijzigen", "signaal.toewijzen", "signaal", lambda signaal, arguments: [signaal])
def wijs_toe(user, signaal, behandelaar) -> Signaal:
    """Make ``behandelaar`` (a regisseur of the gemeente, or nobody) the one who takes the signal through the steps.
    They are told, unless they took it themselves."""
    if not permissions.has_capability(user, permissions.RECORD_WEGING) or signaal.gemeente_id != user.gemeente.pk:
        raise NotAllowed(_("U mag geen signalen toewijzen."))
    if behandelaar is not None and (
        behandelaar.gemeente is None
        or behandelaar.gemeente.pk != signaal.gemeente_id
        or not behandelaar.is_active
        or not permissions.has_capability(behandelaar, permissions.RECORD_WEGING)
    ):
        raise InvalidInput.field("behandelaar", _("Kies een regisseur van uw gemeente."), "invalid")
    signaal.behandelaar = behandelaar
    signaal.save(update_fields=["behandelaar", "bijgewerkt_op"])
    if behandelaar is not None and behandelaar != user:
        notify(
            behandelaar,
            _("Signaal %(nummer)s aan u toegewezen") % {"nummer": signaal.nummer},
            _("U brengt dit signaal door de stappen van het privacyprotocol."),
            f"/signalen/{signaal.pk}/",
        )
    return signaal


def bewaar_filter(user, naam: str, query: str):
    """Keep the worklist filters ``query`` under ``naam`` for ``user``; the same name again replaces them."""
    from regiekamer.signalen.models import OpgeslagenFilter

    naam = (naam or "").strip()
    if not naam:
        raise InvalidInput.field("naam", _("Geef de filters een naam."), "required")
    if len(naam) > 60:
        raise InvalidInput.field("naam", _("Gebruik ten hoogste 60 tekens."), "max_length")
    if user.signaalfilters.exclude(naam=naam).count() >= MAX_FILTERS:
        raise InvalidInput.field("naam", _("U kunt ten hoogste %(max)d filters bewaren.") % {"max": MAX_FILTERS}, "max")
    filter_, _created = OpgeslagenFilter.objects.update_or_create(gebruiker=user, naam=naam, defaults={"query": query})
    return filter_


MAX_FILTERS = 20


def behandelaars(gemeente):
    """Who a signal can be assigned to: the active users of the gemeente who may record wegingen."""
    from regiekamer.accounts.models import User

    return [
        gebruiker
        for gebruiker in User.objects.filter(organisatie__gemeente=gemeente, is_active=True)
        .select_related("organisatie__gemeente")
        .order_by("first_name", "username")
        if permissions.has_capability(gebruiker, permissions.RECORD_WEGING)
    ]


def _notify_owners(signaal, fenomenen):
    owners = {f.eigenaar for f in fenomenen if f.eigenaar_id and f.eigenaar.is_active}
    for owner in owners:
        notify(
            owner,
            _("Nieuw signaal %(nummer)s over uw fenomeen") % {"nummer": signaal.nummer},
            _("Er is een nieuw signaal binnengekomen over een fenomeen waarvoor u verantwoordelijk bent."),
            f"/signalen/{signaal.pk}/",
        )
