"""Judging uncertain pairs, and merging and unmerging persons with everything that hangs off them.

Linking at intake is ``regiekamer.subjects.services.koppel_persoon``; this module holds what the regisseur does
afterwards. A merge keeps the merged-away person as a hidden record (``Persoon.samengevoegd_in``) and moves every
row that refers to it to the remaining person, recording each move (``Samenvoeging``), so that an unmerge restores
both persons exactly.
"""

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.core.errors import InvalidInput, NotAllowed, TransitionRefused
from regiekamer.identiteit.models import Beoordeling, Samenvoeging
from regiekamer.inzage.beperking import is_restricted
from regiekamer.subjects.models import Persoon, SubjectRelatie

DOEL = "juistheid van persoonsgegevens (één persoon, één registratie)"
GRONDSLAG = "art. 5 lid 1 sub d AVG (juistheid); model privacyprotocol ondermijning"

OORDELEN = (Beoordeling.Status.ZELFDE, Beoordeling.Status.VERSCHILLEND, Beoordeling.Status.ONZEKER)


def _lock(model, pk):
    return model._base_manager.select_for_update().get(pk=pk)


def _require(user, gemeente_id=None) -> None:
    if not permissions.has_capability(user, permissions.MERGE_PERSONS):
        raise NotAllowed(_("U mag geen personen beoordelen of samenvoegen."))
    if gemeente_id is not None and gemeente_id != user.gemeente.pk:
        raise Http404


def _reden(reden: str) -> str:
    reden = (reden or "").strip()
    if not reden:
        raise InvalidInput.field("reden", _("Geef een reden."), "required")
    return reden[:500]


# --- Review ------------------------------------------------------------------------------------------------------


@transaction.atomic
def beoordeel(user, beoordeling: Beoordeling, oordeel: str, reden: str) -> Beoordeling:
    """Record the regisseur's judgement of an open pair. "zelfde" merges the new person into the known one;
    "verschillend" keeps them apart for good (the pair is never proposed again); "onzeker" keeps them apart and
    closes the item (a later report may propose the pair again)."""
    _require(user, beoordeling.gemeente_id)
    beoordeling = _lock(Beoordeling, beoordeling.pk)
    if not beoordeling.is_open:
        raise TransitionRefused(_("Deze beoordeling is al afgehandeld."))
    if oordeel not in OORDELEN:
        raise InvalidInput.field("oordeel", _("Kies: dezelfde persoon, verschillende personen of onzeker."), "invalid")
    reden = _reden(reden)
    beoordeling.status = oordeel
    beoordeling.beoordeeld_door = user
    beoordeling.rol = permissions.acting_rol(user, permissions.MERGE_PERSONS)
    beoordeling.beoordeeld_op = timezone.now()
    beoordeling.reden = reden
    beoordeling.save(update_fields=["status", "beoordeeld_door", "rol", "beoordeeld_op", "reden"])
    audit.log(
        user,
        Actie.WIJZIGEN,
        f"persoon.beoordelen.{oordeel}",
        "persoon",
        [beoordeling.bekend_id, beoordeling.nieuw_id],
        doel=DOEL,
        grondslag=GRONDSLAG,
    )
    if oordeel == Beoordeling.Status.ZELFDE:
        bekend = Persoon.objects.get(pk=beoordeling.bekend_id)
        nieuw = Persoon.objects.get(pk=beoordeling.nieuw_id)
        if bekend.samengevoegd_in_id or nieuw.samengevoegd_in_id:
            raise TransitionRefused(_("Een van beide personen is al samengevoegd met een andere persoon."))
        samenvoeging = merge(user, bekend, nieuw, reden, _beoordeling=beoordeling)
        beoordeling.samenvoeging = samenvoeging
        beoordeling.save(update_fields=["samenvoeging"])
    return beoordeling


# --- Merge and unmerge -------------------------------------------------------------------------------------------

# Relations handled by the merge itself, not moved as rows: the merge records, and the link to the merged person.
_NIET_VERPLAATSEN = {
    ("subjects.Persoon", "samengevoegd_in"),
    ("identiteit.Samenvoeging", "blijvend"),
    ("identiteit.Samenvoeging", "opgeheven"),
}
# Fields of the remaining person filled from the merged one when empty.
_AANVULBAAR = ("geboortedatum", "adres_sleutel", "vorig_adres_sleutel")


def _verwijzingen():
    """Every foreign key to Persoon in the project (any domain, also those without a reverse accessor), as
    (model, field). Many-to-many links appear as the foreign key of their through table."""
    for relation in Persoon._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or relation.many_to_many:
            continue
        model, veld = relation.related_model, relation.field
        if (model._meta.label, veld.name) in _NIET_VERPLAATSEN:
            continue
        yield model, veld


def _controleer_samenvoegen(blijvend: Persoon, opgeheven: Persoon) -> None:
    if blijvend.pk == opgeheven.pk:
        raise InvalidInput.field("persoon", _("Een persoon kan niet met zichzelf worden samengevoegd."), "invalid")
    if blijvend.gemeente_id != opgeheven.gemeente_id:
        raise Http404
    if blijvend.samengevoegd_in_id or opgeheven.samengevoegd_in_id:
        raise TransitionRefused(_("Een van beide personen is al samengevoegd met een andere persoon."))
    if blijvend.bsn and opgeheven.bsn and blijvend.bsn != opgeheven.bsn:
        raise TransitionRefused(_("Personen met een verschillend BSN zijn verschillende personen."))
    if is_restricted(blijvend) or is_restricted(opgeheven):
        raise TransitionRefused(_("De verwerking van gegevens over een van beide personen is beperkt (art. 18 AVG)."))
    onderling = SubjectRelatie.objects.filter(
        van_persoon__in=[blijvend, opgeheven], naar_persoon__in=[blijvend, opgeheven]
    )
    if onderling.exists():
        raise TransitionRefused(
            _("Tussen deze personen is een relatie vastgelegd (bijv. familie): het zijn verschillende personen.")
        )


def _verplaats(model, veld, van: Persoon, naar: Persoon, verplaatst: list, verwijderd: list) -> None:
    """Point every row of ``model`` whose ``veld`` is ``van`` to ``naar``. A row that cannot move because ``naar``
    holds the same already (a unique constraint) stays, except a link row of a many-to-many relation: that one is
    dropped and recorded so that an unmerge puts it back."""
    label = model._meta.label
    for row in model._base_manager.filter(**{veld.name: van}).only("pk"):
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=row.pk).update(**{veld.attname: naar.pk})
        except IntegrityError:
            if model._meta.auto_created:
                values = {f.attname: str(getattr(row, f.attname)) for f in model._meta.concrete_fields}
                model._base_manager.filter(pk=row.pk).delete()
                verwijderd.append({"model": label, "velden": values})
            continue
        verplaatst.append({"model": label, "pk": str(row.pk), "veld": veld.attname, "was": str(van.pk)})


@transaction.atomic
def merge(user, blijvend: Persoon, opgeheven: Persoon, reden: str, _beoordeling=None) -> Samenvoeging:
    """Merge ``opgeheven`` into ``blijvend``: signals, case betrokkenen, relations, source queries, inzage
    refusals, rectifications, restrictions, link explanations and review items move to ``blijvend``; empty fields of
    ``blijvend`` (BSN, birth date, addresses) are filled from ``opgeheven``. Reversible with ``unmerge``."""
    _require(user, blijvend.gemeente_id)
    reden = _reden(reden)
    blijvend = _lock(Persoon, blijvend.pk)
    opgeheven = _lock(Persoon, opgeheven.pk)
    _controleer_samenvoegen(blijvend, opgeheven)
    verplaatst: list[dict] = []
    verwijderd: list[dict] = []
    # Open review items of this very pair are settled by the merge.
    for item in Beoordeling.objects.filter(status=Beoordeling.Status.OPEN).filter(
        bekend__in=[blijvend, opgeheven], nieuw__in=[blijvend, opgeheven]
    ):
        if item.pk != getattr(_beoordeling, "pk", None):
            Beoordeling.objects.filter(pk=item.pk).update(status=Beoordeling.Status.VERVALLEN)
            verplaatst.append({"model": "identiteit.Beoordeling", "pk": str(item.pk), "veld": "status", "was": "open"})
    for model, veld in _verwijzingen():
        if model is Beoordeling:
            # History of this pair stays as it is; items with third persons follow the person.
            rows = Beoordeling.objects.filter(**{veld.name: opgeheven}).exclude(
                **{("nieuw" if veld.name == "bekend" else "bekend"): blijvend}
            )
            for item in rows:
                try:
                    with transaction.atomic():
                        Beoordeling.objects.filter(pk=item.pk).update(**{veld.attname: blijvend.pk})
                except IntegrityError:  # the same open pair exists for the remaining person already
                    Beoordeling.objects.filter(pk=item.pk).update(status=Beoordeling.Status.VERVALLEN)
                    verplaatst.append(
                        {"model": "identiteit.Beoordeling", "pk": str(item.pk), "veld": "status", "was": item.status}
                    )
                    continue
                verplaatst.append(
                    {
                        "model": "identiteit.Beoordeling",
                        "pk": str(item.pk),
                        "veld": veld.attname,
                        "was": str(opgeheven.pk),
                    }
                )
            continue
        _verplaats(model, veld, opgeheven, blijvend, verplaatst, verwijderd)
    aangevuld: dict = {}
    changed = []
    if opgeheven.bsn and not blijvend.bsn:
        aangevuld["bsn"] = opgeheven.bsn
        opgeheven.bsn = ""
        opgeheven.save(update_fields=["bsn"])  # the unique blind index allows one holder at a time
        blijvend.bsn = aangevuld["bsn"]
        changed.append("bsn")
    for veld in _AANVULBAAR:
        if getattr(opgeheven, veld) and not getattr(blijvend, veld):
            value = getattr(opgeheven, veld)
            aangevuld[veld] = value.isoformat() if hasattr(value, "isoformat") else value
            setattr(blijvend, veld, value)
            changed.append(veld)
    if changed:
        blijvend.save(update_fields=changed)
    opgeheven.samengevoegd_in = blijvend
    opgeheven.save(update_fields=["samengevoegd_in"])
    samenvoeging = Samenvoeging.objects.create(
        gemeente=blijvend.gemeente,
        blijvend=blijvend,
        opgeheven=opgeheven,
        reden=reden,
        door=user,
        rol=permissions.acting_rol(user, permissions.MERGE_PERSONS),
        verplaatst=verplaatst,
        verwijderd=verwijderd,
        aangevuld=aangevuld,
    )
    audit.log(
        user,
        Actie.WIJZIGEN,
        "persoon.samenvoegen",
        "persoon",
        [blijvend, opgeheven],
        doel=DOEL,
        grondslag=GRONDSLAG,
        kanaal=f"samenvoeging {samenvoeging.pk}; {len(verplaatst)} verplaatst",
    )
    return samenvoeging


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


@transaction.atomic
def unmerge(user, samenvoeging: Samenvoeging, reden: str) -> Samenvoeging:
    """Undo a merge: every row moved goes back to the merged person (as far as it still points to the remaining
    one; what was destroyed since stays destroyed), dropped link rows return, filled fields are emptied again."""
    _require(user, samenvoeging.gemeente_id)
    reden = _reden(reden)
    samenvoeging = _lock(Samenvoeging, samenvoeging.pk)
    if not samenvoeging.actief:
        raise TransitionRefused(_("Deze samenvoeging is al ongedaan gemaakt."))
    blijvend = _lock(Persoon, samenvoeging.blijvend_id)
    opgeheven = _lock(Persoon, samenvoeging.opgeheven_id)
    if blijvend.samengevoegd_in_id:
        raise TransitionRefused(
            _("De persoon is daarna samengevoegd met een andere persoon; maak die samenvoeging eerst ongedaan.")
        )
    aangevuld = samenvoeging.aangevuld or {}
    changed = []
    if "bsn" in aangevuld and blijvend.bsn == aangevuld["bsn"]:
        blijvend.bsn = ""
        changed.append("bsn")
    for veld in _AANVULBAAR:
        if veld in aangevuld:
            setattr(blijvend, veld, None if veld == "geboortedatum" else "")
            changed.append(veld)
    if changed:
        blijvend.save(update_fields=changed)
    if "bsn" in aangevuld:
        opgeheven.bsn = aangevuld["bsn"]
    opgeheven.samengevoegd_in = None
    opgeheven.save(update_fields=["bsn", "samengevoegd_in"] if "bsn" in aangevuld else ["samengevoegd_in"])
    for entry in reversed(samenvoeging.verplaatst):
        model = _model(entry["model"])
        if entry["veld"] == "status":
            model._base_manager.filter(pk=entry["pk"], status=Beoordeling.Status.VERVALLEN).update(status=entry["was"])
        else:
            model._base_manager.filter(pk=entry["pk"], **{entry["veld"]: blijvend.pk}).update(
                **{entry["veld"]: entry["was"]}
            )
    for entry in samenvoeging.verwijderd:
        model = _model(entry["model"])
        values = dict(entry["velden"])
        try:
            with transaction.atomic():
                model._base_manager.create(**values)  # with its own id again
        except IntegrityError:  # the other side was destroyed since, or the link was made again
            continue
    samenvoeging.ongedaan_op = timezone.now()
    samenvoeging.ongedaan_door = user
    samenvoeging.ongedaan_reden = reden
    samenvoeging.save(update_fields=["ongedaan_op", "ongedaan_door", "ongedaan_reden"])
    audit.log(
        user,
        Actie.WIJZIGEN,
        "persoon.samenvoegen-ongedaan",
        "persoon",
        [blijvend, opgeheven],
        doel=DOEL,
        grondslag=GRONDSLAG,
        kanaal=f"samenvoeging {samenvoeging.pk}",
    )
    return samenvoeging
