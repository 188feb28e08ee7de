"""Bulk intake: one service behind the three channels (web upload, ``POST /api/v1/importen`` and
``regiekamer import_signalen``).

An import reads the file as a stream of records and handles it in chunks of ``settings.IMPORT_CHUNK`` records. Each
chunk is one transaction holding its signals, subjects and references, its result lines, the import's progress and
its processing-log entry, so that a chunk lands whole or not at all; inside it every row has its own savepoint, so
a row that fails is reported and leaves nothing behind. An import that is stopped at any point (a killed process)
resumes at its first uncommitted chunk, and the partner's ``referentie`` (unique per organisation) makes sure that
nothing is created twice, also when the same file is delivered again.

Every row goes through the rules of intake (``signalen.services.valideer`` and ``registreer``); what is looked up
once per import instead of once per row is the catalogue of phenomena and indicators and the addresses already met.
"""

import csv
import hashlib
import io
import itertools
import logging
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.accounts.models import Organisatie
from regiekamer.accounts.roles import Rol
from regiekamer.audit import services as audit
from regiekamer.casussen.services import link_new_signaal, link_new_signalen
from regiekamer.core import memo
from regiekamer.core.errors import InvalidInput, NotAllowed
from regiekamer.importen import formaat, vroegsignalering
from regiekamer.importen.models import Bronreferentie, Import, ImportDeel, Kolomindeling
from regiekamer.notifications.services import notify
from regiekamer.signalen import services as intake
from regiekamer.signalen.models import Fenomeen
from regiekamer.subjects import services as subjects
from regiekamer.subjects.models import Adres

logger = logging.getLogger(__name__)

RESULTAAT_KOLOMMEN = ("rij", "referentie", "status", "signaal", "persoon", "koppeling", "melding")
NIEUW, AL_ONTVANGEN, FOUT = "nieuw", "al-ontvangen", "fout"
HANDELING = "signaal.importeren"  # the processing-log entry of each committed chunk (audit.completeness)
IMPORT = subjects.KoppelContext(kanaal="import")  # shown with the explanation of every link an import makes


# --- Who imports for which organisation ---------------------------------------------------------------------------


def organisatie_voor(principal, organisatie=None) -> Organisatie:
    """The organisation an import by ``principal`` reports for: a partner system and a partner professional their
    own; a functioneel beheerder any active organisation of the gemeente (their own when none is named)."""
    if not permissions.has_capability(principal, permissions.IMPORT_SIGNALS):
        raise NotAllowed(_("U mag geen signalen in bulk aanleveren."))
    eigen = principal.organisatie
    if organisatie is None or organisatie == eigen or str(getattr(organisatie, "pk", organisatie)) == str(eigen.pk):
        return eigen
    if Rol.FUNCTIONEEL_BEHEERDER not in getattr(principal, "rollen", ()):
        raise NotAllowed(_("U mag alleen voor uw eigen organisatie aanleveren."))
    gekozen = Organisatie.objects.filter(
        gemeente=principal.gemeente, actief=True, pk=getattr(organisatie, "pk", organisatie)
    ).first()
    if gekozen is None:
        raise InvalidInput.field("organisatie", _("Onbekende organisatie."), code="onbekend")
    return gekozen


def organisaties_voor(principal):
    """The organisations ``principal`` may import for (for the upload form)."""
    if not permissions.has_capability(principal, permissions.IMPORT_SIGNALS):
        return Organisatie.objects.none()
    if Rol.FUNCTIONEEL_BEHEERDER in getattr(principal, "rollen", ()):
        return Organisatie.objects.filter(gemeente=principal.gemeente, actief=True)
    return Organisatie.objects.filter(pk=principal.organisatie.pk)


def kolomindeling_van(organisatie) -> dict:
    indeling = Kolomindeling.objects.filter(organisatie=organisatie).first()
    return dict(indeling.kolommen) if indeling else {}


@transaction.atomic
def bewaar_kolomindeling(principal, organisatie, kolommen: dict) -> Kolomindeling:
    """Remember which header of the organisation's files holds which format column (format column -> header)."""
    organisatie = organisatie_voor(principal, organisatie)
    schoon = {kolom: str(naam).strip()[:200] for kolom, naam in kolommen.items() if kolom in formaat.KOLOMMEN and naam}
    indeling, _created = Kolomindeling.objects.update_or_create(
        organisatie=organisatie,
        defaults={
            "gemeente": organisatie.gemeente,
            "kolommen": schoon,
            "bijgewerkt_op": timezone.now(),
            "bijgewerkt_door": None if getattr(principal, "is_partner_system", False) else principal,
        },
    )
    return indeling


# --- Creating an import -------------------------------------------------------------------------------------------


def lees_kop(inhoud: bytes, soort: str) -> list[str]:
    """The header of a file (its first record); ``BestandFout`` when there is none."""
    try:
        records = formaat.lees(io.BytesIO(inhoud), soort)
        kop = next(records, None)
    except csv.Error as error:
        raise formaat.BestandFout(_("Het bestand is geen leesbaar CSV-bestand.")) from error
    if not kop or not any(kop):
        raise formaat.BestandFout(_("Het bestand is leeg: er is geen kopregel."))
    return kop


def controleer_bestand(inhoud: bytes, organisatie, kolommen: dict | None = None) -> formaat.Kolomindeling:
    """Check that the file is CSV or XLSX with a header that maps to the format (with the organisation's mapping
    or ``kolommen``); raise ``InvalidInput`` (field ``bestand``) otherwise."""
    if not inhoud:
        raise InvalidInput.field("bestand", _("Het bestand is leeg."), code="leeg")
    if len(inhoud) > settings.IMPORT_MAX_BYTES:
        raise InvalidInput.field(
            "bestand",
            _("Het bestand is te groot (maximaal %(mb)s MB).") % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)},
            code="te-groot",
        )
    try:
        kop = lees_kop(inhoud, formaat.soort_van(inhoud))
        return formaat.indeling(kop, kolommen if kolommen is not None else kolomindeling_van(organisatie))
    except formaat.BestandFout as error:
        raise InvalidInput.field("bestand", str(error), code="bestand") from None


def nieuw_import(principal, inhoud: bytes, bestandsnaam: str, kanaal: str, organisatie=None, kolommen=None) -> Import:
    """Store an uploaded file (encrypted, until it is processed) as a new import and queue it for the background
    worker. ``kolommen`` (format column -> header) is remembered as the organisation's mapping."""
    organisatie = organisatie_voor(principal, organisatie)
    if kolommen:
        bewaar_kolomindeling(principal, organisatie, kolommen)
    indeling = controleer_bestand(inhoud, organisatie)
    gebruiker = None if getattr(principal, "is_partner_system", False) else principal
    with transaction.atomic():
        import_obj = Import(
            gemeente=organisatie.gemeente,
            organisatie=organisatie,
            aangemaakt_door=gebruiker,
            api_token=getattr(principal, "token", None) if gebruiker is None else None,
            kanaal=kanaal,
            bestandsnaam=(bestandsnaam or "")[:200],
            bestand_hash=hashlib.sha256(inhoud).hexdigest(),
            soort=formaat.soort_van(inhoud),
            kolommen={kolom: indeling.koppen[index] for kolom, index in indeling.posities.items()},
        )
        import_obj.bestand.save("bestand", ContentFile(inhoud), save=False)
        import_obj.save(force_insert=True)
        audit.log(principal, "aanmaken", "import.aanleveren", "import", [import_obj])
        transaction.on_commit(lambda: plan(import_obj))
    return import_obj


def plan(import_obj) -> None:
    """Queue the import for the background worker."""
    from regiekamer.importen.tasks import importeer

    result = importeer.enqueue(str(import_obj.pk))
    Import.objects.filter(pk=import_obj.pk).update(taak_id=str(result.id)[:64])


def import_voor_bestand(organisatie, pad, kanaal=Import.Kanaal.COMMANDO) -> tuple[Import, bool]:
    """For the command line: the unfinished import of this same file by this organisation (to resume it), or a new
    import of it. The file stays where it is; only its hash is kept. Returns (import, resumed)."""
    digest = hashlib.sha256()
    with open(pad, "rb") as handle:
        begin = handle.read(8)
        handle.seek(0)
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    bestand_hash = digest.hexdigest()
    onderbroken = (
        Import.objects.filter(organisatie=organisatie, bestand_hash=bestand_hash, kanaal=kanaal)
        .exclude(status__in=(Import.Status.KLAAR, Import.Status.MISLUKT))
        .order_by("aangemaakt_op")
        .first()
    )
    if onderbroken is not None:
        return onderbroken, True
    with open(pad, "rb") as handle:
        kop_bytes = handle.read(min(settings.IMPORT_MAX_BYTES, 8 << 20))
    soort = formaat.soort_van(begin)
    if soort == "xlsx":
        with open(pad, "rb") as handle:
            kop = lees_kop(handle.read(), soort)
    else:
        kop = lees_kop(kop_bytes, soort)
    indeling = formaat.indeling(kop, kolomindeling_van(organisatie))
    import_obj = Import.objects.create(
        gemeente=organisatie.gemeente,
        organisatie=organisatie,
        kanaal=kanaal,
        bestandsnaam=str(pad)[-200:],
        bestand_hash=bestand_hash,
        soort=soort,
        kolommen={kolom: indeling.koppen[index] for kolom, index in indeling.posities.items()},
    )
    return import_obj, False


# --- Processing ---------------------------------------------------------------------------------------------------


@dataclass
class Regelresultaat:
    rij: int
    referentie: str
    status: str
    signaal: str = ""
    persoon: str = ""
    koppeling: str = ""
    melding: str = ""

    def csv_regel(self) -> list[str]:
        return [str(self.rij), self.referentie, self.status, self.signaal, self.persoon, self.koppeling, self.melding]


@dataclass
class Werkcontext:
    """What an import looks up once instead of once per row."""

    import_obj: Import
    melder: intake.Melder
    catalogus: intake.Catalogus
    adressen: dict = field(default_factory=dict)  # normalised address key -> Adres, committed chunks only
    nieuwe_adressen: dict = field(default_factory=dict)  # created in the chunk being processed

    def laad_adressen(self, gegevens_lijst: list, maken: bool = False) -> None:
        """Read the existing addresses among ``gegevens_lijst`` (validated) that are not known yet, with one query;
        with ``maken`` also create the others (one insert)."""
        sleutels = {(g.postcode, g.huisnummer, g.huisletter, g.toevoeging) for g in gegevens_lijst}
        sleutels -= set(self.adressen) | set(self.nieuwe_adressen)
        if not sleutels:
            return
        for adres in Adres.objects.filter(
            gemeente=self.import_obj.gemeente,
            postcode__in={sleutel[0] for sleutel in sleutels},
            huisnummer__in={sleutel[1] for sleutel in sleutels},
        ):
            sleutel = (adres.postcode, adres.huisnummer, adres.huisletter, adres.toevoeging)
            if sleutel in sleutels:
                self.adressen[sleutel] = adres
                sleutels.discard(sleutel)
        if maken and sleutels:
            # The rest is new: made as find_or_create_adres makes one, stored with one insert (a concurrent writer's
            # same address makes the insert fail; the chunk is then written row by row).
            nieuw = {}
            for gegevens in gegevens_lijst:
                sleutel = (gegevens.postcode, gegevens.huisnummer, gegevens.huisletter, gegevens.toevoeging)
                if sleutel in sleutels and sleutel not in nieuw:
                    nieuw[sleutel] = subjects.nieuw_adres(self.import_obj.gemeente, gegevens)
            Adres.objects.bulk_create(list(nieuw.values()))
            self.nieuwe_adressen.update(nieuw)

    def adres(self, gegevens: subjects.AdresGegevens):
        sleutel = (gegevens.postcode, gegevens.huisnummer, gegevens.huisletter, gegevens.toevoeging)
        adres = self.adressen.get(sleutel) or self.nieuwe_adressen.get(sleutel)
        if adres is None:
            adres, _created = subjects.find_or_create_adres(self.import_obj.gemeente, gegevens)
            self.nieuwe_adressen[sleutel] = adres
        return adres


def principal_van(import_obj):
    """Who the import acts for, for the processing log: its user, its organisation's partner system, or nobody
    (the command line)."""
    if import_obj.aangemaakt_door_id:
        return import_obj.aangemaakt_door
    if import_obj.api_token_id:
        from regiekamer.accounts.authentication import PartnerSystem

        return PartnerSystem(organisatie=import_obj.organisatie, token=import_obj.api_token)
    return None


def _melder(import_obj) -> intake.Melder:
    return intake.Melder(
        gemeente=import_obj.gemeente,
        organisatie=import_obj.organisatie,
        gebruiker=import_obj.aangemaakt_door,
        api_token=import_obj.api_token,
    )


def _open(import_obj):
    return io.BytesIO(import_obj.bestand.read_decrypted())


def verwerk(import_id, open_bestand: Callable | None = None, voortgang: Callable | None = None) -> Import:
    """Process (or resume) an import to its end. ``open_bestand()`` gives the file as a binary stream (default: the
    stored upload); ``voortgang(import)`` is called after each committed chunk. Safe to call again after any stop,
    and safe beside a second run of the same import (the chunk that one has committed the other skips)."""
    import_obj = Import.objects.select_related("organisatie", "gemeente").get(pk=import_id)
    if import_obj.is_afgerond:
        return import_obj
    with _in_behandeling(import_obj) as eigen:
        if not eigen:
            return import_obj  # a run in another living process has it
        return _verwerk(import_obj, open_bestand, voortgang)


def _verwerk(import_obj, open_bestand, voortgang) -> Import:
    try:
        with memo.onthouden(), (open_bestand or (lambda: _open(import_obj)))() as stream:
            records = formaat.lees(stream, import_obj.soort)
            kop = next(records, None)
            if not kop:
                raise formaat.BestandFout(_("Het bestand is leeg: er is geen kopregel."))
            indeling = formaat.indeling(kop, import_obj.kolommen)
            if import_obj.totaal is None:
                import_obj.totaal = _tel(open_bestand or (lambda: _open(import_obj)), import_obj.soort)
            Import.objects.filter(pk=import_obj.pk).update(
                status=Import.Status.BEZIG,
                totaal=import_obj.totaal,
                gestart_op=import_obj.gestart_op or timezone.now(),
                bijgewerkt_op=timezone.now(),
            )
            import_obj.refresh_from_db()
            context = Werkcontext(import_obj, _melder(import_obj), intake.laad_catalogus(import_obj.gemeente))
            records = itertools.islice(records, import_obj.verwerkt, None)
            eerste = import_obj.verwerkt
            nummer = import_obj.delen
            while True:
                deel = list(itertools.islice(records, settings.IMPORT_CHUNK))
                if not deel:
                    break
                if not _verwerk_deel(context, nummer, eerste, deel, indeling):
                    return Import.objects.get(pk=import_obj.pk)  # another run of this import got there first
                eerste += len(deel)
                nummer += 1
                if voortgang is not None:
                    voortgang(context.import_obj)
    except (formaat.BestandFout, csv.Error) as error:
        return _mislukt(import_obj, str(error) if isinstance(error, formaat.BestandFout) else _("Onleesbare CSV."))
    return _afronden(import_obj.pk)


# The first key of the advisory locks that mark an import as being processed (the second is taken from its id).
SLOT_IMPORT = 0x494D5054


def _slot(import_obj) -> tuple[int, int]:
    return SLOT_IMPORT, int.from_bytes(import_obj.pk.bytes[:4], "big", signed=True)


@contextmanager
def _in_behandeling(import_obj):
    """Mark the import as being processed by this process for as long as the block runs; gives False when a run in
    another living process has it. On PostgreSQL the mark is a session-level advisory lock: it goes with the
    database session, so also when the process is killed, and ``hervat_onderbroken`` can tell an import that is
    being processed from one that was left behind. SQLite has no such lock (one machine, the demo): always True."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", _slot(import_obj))
        eigen = cursor.fetchone()[0]
    try:
        yield eigen
    finally:
        if eigen:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", _slot(import_obj))
            except DatabaseError:  # the session is gone, and its lock with it
                logger.warning("Import %s: its processing mark was not released", import_obj.pk)


def _achtergelaten(import_obj) -> bool:
    """True when no living process is processing the import (see ``_in_behandeling``)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", _slot(import_obj))
        vrij = cursor.fetchone()[0]
        if vrij:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", _slot(import_obj))
    return vrij


def _tel(open_bestand, soort) -> int:
    """The number of records after the header (for the progress bar)."""
    with open_bestand() as stream:
        records = formaat.lees(stream, soort)
        next(records, None)
        return sum(1 for _record in records)


def _verwerk_deel(context: Werkcontext, nummer: int, eerste: int, deel: list, indeling) -> bool:
    """Process one chunk in one transaction; False when this chunk was committed by another run already."""
    try:
        with transaction.atomic():
            import_obj = Import.objects.select_for_update().get(pk=context.import_obj.pk)
            if import_obj.verwerkt != eerste or import_obj.is_afgerond:
                return False
            resultaten, signalen = _regels(context, import_obj, eerste, deel, indeling)
            tellingen = Counter(resultaat.status for resultaat in resultaten)
            uitvoer = io.StringIO()
            writer = csv.writer(uitvoer, delimiter=";", lineterminator="\n")
            writer.writerows(resultaat.csv_regel() for resultaat in resultaten)
            ImportDeel.objects.create(
                import_obj=import_obj,
                nummer=nummer,
                eerste_record=eerste,
                records=len(deel),
                resultaat=uitvoer.getvalue(),
            )
            import_obj.verwerkt = eerste + len(deel)
            import_obj.delen = nummer + 1
            import_obj.nieuw += tellingen[NIEUW]
            import_obj.al_ontvangen += tellingen[AL_ONTVANGEN]
            import_obj.fout += tellingen[FOUT]
            import_obj.bijgewerkt_op = timezone.now()
            import_obj.save(
                update_fields=["verwerkt", "delen", "nieuw", "al_ontvangen", "fout", "bijgewerkt_op", "status"]
            )
            if signalen:
                _log_deel(import_obj, signalen)
    except BaseException:
        context.nieuwe_adressen.clear()
        raise
    context.adressen.update(context.nieuwe_adressen)
    context.nieuwe_adressen.clear()
    context.import_obj = import_obj
    return True


def _log_deel(import_obj, signalen: list) -> None:
    principal = principal_van(import_obj)
    audit.log(
        principal,
        "aanmaken",
        HANDELING,
        "signaal",
        [import_obj.pk, *signalen],
        bron=import_obj.kanaal,
        kanaal="importen:verwerken",
        gemeente=import_obj.gemeente if principal is None else None,
        gebruiker="import_signalen" if principal is None else "",
    )


def _melding(error: InvalidInput) -> str:
    delen = []
    for param in error.invalid_params or []:
        kolom = formaat.kolom_van(param.get("name", ""))
        delen.append(f"{kolom}: {param.get('reason', '')}" if kolom else str(param.get("reason", "")))
    return " ".join(dict.fromkeys(delen)) or str(error)


def _regels(context: Werkcontext, import_obj, eerste: int, deel: list, indeling):
    """The result of each record of the chunk, and the ids of the signals it created or added to.

    The rows that pass validation are written together (``_leg_vast_reeks``, in one savepoint); when that fails,
    row by row with a savepoint each (``_leg_vast``)."""
    regels = []
    for offset, record in enumerate(deel):
        regel = formaat.regel(formaat.EERSTE_RIJ + eerste + offset, record, indeling)
        if regel is not None:
            regels.append(regel)
    referenties = {r.referentie for r in regels if r.referentie and not r.fouten}
    bekend = {
        b.referentie: b
        for b in Bronreferentie.objects.filter(
            organisatie=import_obj.organisatie, referentie__in=referenties
        ).select_related("signaal")
    }
    plan, gezien, samen, los = [], {}, [], []
    for regel in regels:
        if regel.fouten:
            plan.append((regel, FOUT, regel.melding))
        elif regel.referentie in bekend:
            plan.append((regel, AL_ONTVANGEN, bekend[regel.referentie]))
        elif regel.referentie in gezien:
            plan.append((regel, "dubbel", gezien[regel.referentie]))
        else:
            try:
                gevalideerd = intake.valideer(import_obj.gemeente, regel.invoer, context.catalogus)
            except InvalidInput as error:
                plan.append((regel, FOUT, _melding(error)))
                continue
            gezien[regel.referentie] = len(plan)
            samen.append(len(plan))
            plan.append((regel, NIEUW, gevalideerd))
    uitkomsten: dict = {}
    if samen:
        try:
            with transaction.atomic():
                vastgelegd = _leg_vast_reeks(context, import_obj, [plan[index] for index in samen])
            uitkomsten.update(zip(samen, vastgelegd, strict=True))
        except (InvalidInput, IntegrityError, DatabaseError) as error:
            logger.warning("Chunk of import %s stored row by row: %s", import_obj.pk, type(error).__name__)
            context.nieuwe_adressen.clear()  # created in the savepoint that was rolled back
            los = sorted(samen + los)
    for index in los:
        regel, _soort, gevalideerd = plan[index]
        voor = set(context.nieuwe_adressen)
        try:
            with transaction.atomic():  # a savepoint: a row lands whole or not at all
                uitkomsten[index] = _leg_vast(context, import_obj, regel, gevalideerd)
        except InvalidInput as error:
            uitkomsten[index] = _melding(error)
        except (IntegrityError, DatabaseError) as error:
            logger.warning("Row %s of import %s not stored: %s", regel.rij, import_obj.pk, type(error).__name__)
            uitkomsten[index] = _("Deze rij kon niet worden opgeslagen; lever haar opnieuw aan.")
        if isinstance(uitkomsten[index], str):
            for sleutel in set(context.nieuwe_adressen) - voor:
                del context.nieuwe_adressen[sleutel]
    resultaten, signalen = [], []
    for index, (regel, soort, data) in enumerate(plan):
        if soort == FOUT:
            resultaten.append(Regelresultaat(regel.rij, regel.referentie, FOUT, melding=data))
        elif soort == AL_ONTVANGEN:
            resultaten.append(
                Regelresultaat(
                    regel.rij,
                    regel.referentie,
                    AL_ONTVANGEN,
                    signaal=data.signaal.nummer,
                    persoon=str(data.persoon_id or ""),
                )
            )
        elif soort == "dubbel":
            eerder = uitkomsten.get(data)
            if isinstance(eerder, Vastgelegd):
                resultaten.append(
                    Regelresultaat(
                        regel.rij,
                        regel.referentie,
                        AL_ONTVANGEN,
                        signaal=eerder.bronreferentie.signaal.nummer,
                        persoon=str(eerder.bronreferentie.persoon_id or ""),
                    )
                )
            else:
                melding = _("Dezelfde referentie als rij %(rij)s, die niet is opgeslagen.") % {"rij": plan[data][0].rij}
                resultaten.append(Regelresultaat(regel.rij, regel.referentie, FOUT, melding=melding))
        else:
            uitkomst = uitkomsten[index]
            if isinstance(uitkomst, str):
                resultaten.append(Regelresultaat(regel.rij, regel.referentie, FOUT, melding=uitkomst))
                continue
            signalen.append(uitkomst.bronreferentie.signaal_id)
            resultaten.append(
                Regelresultaat(
                    regel.rij,
                    regel.referentie,
                    NIEUW,
                    signaal=uitkomst.bronreferentie.signaal.nummer,
                    persoon=str(uitkomst.persoon.pk) if uitkomst.persoon else "",
                    koppeling=uitkomst.koppeling,
                )
            )
    return resultaten, list(dict.fromkeys(signalen))


@dataclass
class Vastgelegd:
    bronreferentie: Bronreferentie
    persoon: object = None
    koppeling: str = ""


def _leg_vast_reeks(context: Werkcontext, import_obj, items: list) -> list[Vastgelegd]:
    """Store many rows a table at a time: their addresses and persons, their signals
    (``signalen.services.registreer_reeks``), the links to cases, their references and arrears. A row about arrears
    whose household has an open signal (from before, or from an earlier row of the chunk) joins that signal."""
    gemeente = import_obj.gemeente
    context.laad_adressen(
        [gegevens for _regel, _soort, gevalideerd in items for gegevens in gevalideerd.adressen], maken=True
    )
    adressen = [[context.adres(gegevens) for gegevens in gevalideerd.adressen] for _r, _s, gevalideerd in items]
    te_koppelen, van = [], []
    for index, (_regel, _soort, gevalideerd) in enumerate(items):
        for gegevens in gevalideerd.personen:
            te_koppelen.append((gegevens, intake.woonadres(adressen[index]), IMPORT))
            van.append(index)
    personen = [[] for _item in items]
    eerste: list = [None] * len(items)
    for index, resultaat in zip(van, subjects.koppel_personen(gemeente, te_koppelen), strict=True):
        personen[index].append(resultaat.persoon)
        eerste[index] = eerste[index] or resultaat
    gekoppeld = [intake.Gekoppeld(personen=personen[i], adressen=adressen[i]) for i in range(len(items))]

    huishouden = {}  # address id -> the household's signal, or the index of the row that creates it
    achterstanden = {i for i, (regel, _s, _g) in enumerate(items) if regel.achterstand is not None and adressen[i]}
    if achterstanden:
        huishouden = vroegsignalering.huishoudsignalen(
            gemeente, [adressen[i][0].pk for i in achterstanden], timezone.now()
        )
    nieuw, aansluiten = [], []
    for index in range(len(items)):
        if index in achterstanden and adressen[index][0].pk in huishouden:
            aansluiten.append(index)
            continue
        if index in achterstanden:
            huishouden[adressen[index][0].pk] = index
        nieuw.append(index)
    signaal_van = dict(
        zip(
            nieuw,
            intake.registreer_reeks(context.melder, [(items[i][2], gekoppeld[i]) for i in nieuw]),
            strict=True,
        )
    )
    for index in aansluiten:
        signaal = huishouden[adressen[index][0].pk]
        signaal = signaal_van[signaal] if isinstance(signaal, int) else signaal
        vroegsignalering.voeg_toe(signaal, items[index][2], gekoppeld[index])
        signaal_van[index] = signaal
    link_new_signalen(
        gemeente,
        [(signaal_van[i], [p.pk for p in personen[i]], [a.pk for a in adressen[i]]) for i in nieuw],
    )
    bronnen = [
        Bronreferentie(
            gemeente=gemeente,
            organisatie=import_obj.organisatie,
            referentie=regel.referentie,
            signaal=signaal_van[index],
            persoon=personen[index][0] if personen[index] else None,
            import_obj=import_obj,
            rij=regel.rij,
        )
        for index, (regel, _soort, _gevalideerd) in enumerate(items)
    ]
    Bronreferentie.objects.bulk_create(bronnen)
    vroegsignalering.leg_achterstanden_vast(
        [
            (bronnen[index], regel.achterstand, adressen[index][0] if adressen[index] else None)
            for index, (regel, _soort, _gevalideerd) in enumerate(items)
            if regel.achterstand is not None
        ]
    )
    return [
        Vastgelegd(bron, resultaat.persoon, resultaat.koppeling) if resultaat else Vastgelegd(bron)
        for bron, resultaat in zip(bronnen, eerste, strict=True)
    ]


def _leg_vast(context: Werkcontext, import_obj, regel: formaat.Regel, gevalideerd) -> Vastgelegd:
    """Store one row: its subjects, its signal (or its arrears on the household's signal) and its reference."""
    gemeente = import_obj.gemeente
    adressen = [context.adres(gegevens) for gegevens in gevalideerd.adressen]
    personen, eerste = [], None
    for gegevens in gevalideerd.personen:
        resultaat = subjects.koppel_persoon(gemeente, gegevens, intake.woonadres(adressen), IMPORT)
        personen.append(resultaat.persoon)
        eerste = eerste or resultaat
    gekoppeld = intake.Gekoppeld(personen=personen, adressen=adressen)
    signaal = None
    if regel.achterstand is not None:
        signaal = vroegsignalering.huishoudsignaal(gemeente, adressen[0] if adressen else None, timezone.now())
    if signaal is None:
        signaal = intake.registreer(context.melder, gevalideerd, gekoppeld)
        link_new_signaal(signaal)
    else:
        vroegsignalering.voeg_toe(signaal, gevalideerd, gekoppeld)
    bron = Bronreferentie.objects.create(
        gemeente=gemeente,
        organisatie=import_obj.organisatie,
        referentie=regel.referentie,
        signaal=signaal,
        persoon=personen[0] if personen else None,
        import_obj=import_obj,
        rij=regel.rij,
    )
    if regel.achterstand is not None:
        vroegsignalering.leg_achterstand_vast(bron, regel.achterstand, adressen[0] if adressen else None)
    return Vastgelegd(bron, eerste.persoon if eerste else None, eerste.koppeling if eerste else "")


def _mislukt(import_obj, melding: str) -> Import:
    Import.objects.filter(pk=import_obj.pk).update(
        status=Import.Status.MISLUKT, melding=melding, klaar_op=timezone.now(), bijgewerkt_op=timezone.now()
    )
    import_obj.refresh_from_db()
    _verwijder_bestand(import_obj)
    _meld_klaar(import_obj)
    return import_obj


def _afronden(import_id) -> Import:
    with transaction.atomic():
        import_obj = Import.objects.select_for_update().get(pk=import_id)
        if import_obj.is_afgerond:
            return import_obj
        import_obj.status = Import.Status.KLAAR
        import_obj.klaar_op = timezone.now()
        import_obj.bijgewerkt_op = import_obj.klaar_op
        import_obj.totaal = import_obj.verwerkt
        import_obj.save(update_fields=["status", "klaar_op", "bijgewerkt_op", "totaal"])
        _meld_eigenaren(import_obj)
        _meld_klaar(import_obj)
    _verwijder_bestand(import_obj)
    return import_obj


def _verwijder_bestand(import_obj) -> None:
    """The uploaded file holds personal data: it is deleted once the import is done (its results stay)."""
    if import_obj.bestand:
        import_obj.bestand.delete(save=False)
        Import.objects.filter(pk=import_obj.pk).update(bestand="")


def _meld_klaar(import_obj) -> None:
    if import_obj.aangemaakt_door_id is None or not import_obj.aangemaakt_door.is_active:
        return
    if import_obj.status == Import.Status.KLAAR:
        onderwerp = _("Import klaar: %(nieuw)s nieuw, %(al)s al ontvangen, %(fout)s fout") % {
            "nieuw": import_obj.nieuw,
            "al": import_obj.al_ontvangen,
            "fout": import_obj.fout,
        }
    else:
        onderwerp = _("Import mislukt")
    notify(
        import_obj.aangemaakt_door,
        onderwerp,
        _("Het resultaat per rij staat bij de import."),
        f"/importen/{import_obj.pk}/",
    )


def _meld_eigenaren(import_obj) -> None:
    """One message per phenomenon owner per import (not one per signal, as single intake does)."""
    eigenaren: dict = {}
    fenomenen = (
        Fenomeen.objects.filter(
            gemeente=import_obj.gemeente,
            eigenaar__isnull=False,
            eigenaar__is_active=True,
            signalen__bronreferenties__import_obj=import_obj,
        )
        .select_related("eigenaar")
        .distinct()
    )
    for fenomeen in fenomenen:
        eigenaren.setdefault(fenomeen.eigenaar, []).append(fenomeen.naam)
    for eigenaar, namen in eigenaren.items():
        notify(
            eigenaar,
            _("Nieuwe signalen uit een import over uw fenomeen"),
            _("Een import van %(organisatie)s bracht nieuwe signalen over: %(fenomenen)s.")
            % {"organisatie": import_obj.organisatie.naam, "fenomenen": ", ".join(sorted(namen))},
            "/signalen/",
        )


# --- The result ---------------------------------------------------------------------------------------------------


def resultaat_regels(import_obj):
    """The result file as lines of CSV text (``;``-separated, UTF-8), header first, in file order."""
    uitvoer = io.StringIO()
    csv.writer(uitvoer, delimiter=";", lineterminator="\n").writerow(RESULTAAT_KOLOMMEN)
    yield uitvoer.getvalue()
    for deel in ImportDeel.objects.filter(import_obj=import_obj).order_by("nummer").iterator(chunk_size=50):
        if deel.resultaat:
            yield deel.resultaat


def hervat_onderbroken(gemeente=None) -> list[Import]:
    """Queue again every unfinished upload that no worker has or will get: its task was claimed by a worker that is
    gone (killed, or the machine restarted), or it never reached the queue. The worker resumes each at its first
    uncommitted chunk. Run by ``regiekamer db_worker`` when it starts; safe to run at any time (on PostgreSQL an
    import that a living worker is processing is left alone; on SQLite, with its one worker, run it only when that
    worker starts). The task the lost worker left marked as running is marked failed. Imports from the command line
    are resumed by running it again."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    imports = Import.objects.filter(status__in=(Import.Status.WACHTRIJ, Import.Status.BEZIG)).exclude(
        kanaal=Import.Kanaal.COMMANDO
    )
    if gemeente is not None:
        imports = imports.filter(gemeente=gemeente)
    taken = {
        str(pk): status
        for pk, status in DBTaskResult.objects.filter(pk__in=[i.taak_id for i in imports if i.taak_id]).values_list(
            "pk", "status"
        )
    }
    result = []
    for import_obj in imports:
        taak = taken.get(import_obj.taak_id)
        if taak == TaskResultStatus.READY or not _achtergelaten(import_obj):
            continue  # still in the queue, or being processed
        if taak == TaskResultStatus.RUNNING:
            DBTaskResult.objects.filter(pk=import_obj.taak_id, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=timezone.now()
            )
        logger.warning("Import %s was left unfinished by a stopped worker: queued again", import_obj.pk)
        plan(import_obj)
        result.append(import_obj)
    return result
