"""Reads of sharing decisions, and the one place that says what of a case a partner may see.

``casussen.selectors`` (and through it the web pages, the API, the meeting minutes and their PDF and
the reminders) asks these functions; nothing else decides partner access to case content. A decision
counts while it is active: not withdrawn and not past ``geldig_tot``, checked at query time.
"""

from django.db.models import Exists, OuterRef, Q

from regiekamer.accounts import permissions
from regiekamer.delen.models import Categorie, DelingsBesluit

ALLE_CATEGORIEEN = frozenset(Categorie.values)


# A decision on a signal (privacy check 2B) covers the case that signal led to, not a case a later signal about
# the same people was linked to: that link does not extend what was decided for the other signal.
VIA = "overdracht"


def _covering(casus_id) -> Q:
    """Decisions that cover a case: recorded on the case itself, or on the signal it was handed over from.

    As the ids of a ``UNION`` of two index reads, not an ``OR`` over a join: that join needs ``DISTINCT`` and makes
    the database test every decision of the gemeente."""
    direct = DelingsBesluit.objects.filter(casus=casus_id).order_by().values("pk")
    via_signaal = (
        DelingsBesluit.objects.filter(signaal__casus_koppelingen__casus=casus_id, signaal__casus_koppelingen__soort=VIA)
        .order_by()
        .values("pk")
    )
    return Q(pk__in=direct.union(via_signaal))


def _active_for(organisatie_id, categorie: str | None = None):
    queryset = DelingsBesluit.objects.actief().filter(ontvanger_id=organisatie_id)
    if categorie:
        # The JSON list holds quoted codes; no code is part of another, so a text match is exact.
        queryset = queryset.filter(categorieen__icontains=f'"{categorie}"')
    return queryset


def covered_by_decision(organisatie_id, categorie: str | None = None) -> Q:
    """A filter for ``Casus`` querysets: cases an active decision for the organisation covers
    (with ``categorie`` among its categories, when given)."""
    from regiekamer.casussen.models import CasusSignaal

    direct = _active_for(organisatie_id, categorie).filter(casus=OuterRef("pk"))
    # The signals the case was handed over from, straight from the link table (no join through the signals).
    overgedragen = CasusSignaal.objects.filter(casus=OuterRef(OuterRef("pk")), soort=VIA).values("signaal_id")
    via_signaal = _active_for(organisatie_id, categorie).filter(signaal__in=overgedragen)
    return Q(Exists(direct)) | Q(Exists(via_signaal))


def ontvangers_zonder_deelname(casus, deelnemers) -> list:
    """The organisations an active decision covering ``casus`` shares with (privacy check 2B among them) that do not
    take part yet: proposed to the regisseur as participants, who chooses the organisation or a named professional."""
    deelnemend = {deelnemer.organisatie_id for deelnemer in deelnemers}
    ontvangers = {}
    for besluit in active_decisions_for_casus(casus):
        if besluit.ontvanger_id not in deelnemend:
            ontvangers.setdefault(besluit.ontvanger_id, besluit.ontvanger)
    return sorted(ontvangers.values(), key=lambda organisatie: organisatie.naam)


def active_decisions_for_casus(casus):
    return (
        DelingsBesluit.objects.actief()
        .filter(gemeente_id=casus.gemeente_id)
        .filter(_covering(casus.pk))
        .select_related("ontvanger")
    )


def active_decisions(organisatie, casus):
    """The active decisions for ``organisatie`` that cover ``casus``."""
    organisatie_id = getattr(organisatie, "pk", organisatie)
    return (
        DelingsBesluit.objects.actief()
        .filter(gemeente_id=casus.gemeente_id, ontvanger_id=organisatie_id)
        .filter(_covering(casus.pk))
    )


def decisions_for_casus(casus):
    """Every decision (active, withdrawn or expired) about the case or one of its signals, newest first."""
    return (
        DelingsBesluit.objects.filter(gemeente_id=casus.gemeente_id)
        .filter(_covering(casus.pk))
        .select_related("ontvanger", "vastgelegd_door", "ingetrokken_door", "signaal")
        .order_by("-vastgelegd_op")
    )


def _takes_part(user, casus) -> bool:
    return casus.deelnemers.filter(
        Q(gebruiker=user) | Q(organisatie_id=user.organisatie_id, gebruiker__isnull=True)
    ).exists()


def allowed_categories(user, casus) -> frozenset[str]:
    """What of ``casus`` the user may see: everything on the regisseur side; for a partner who takes part,
    the union of the categories of the active decisions for their organisation; otherwise nothing."""
    if user.gemeente is None or casus.gemeente_id != user.gemeente.pk:
        return frozenset()
    if permissions.has_capability(user, permissions.VIEW_CASES):
        return ALLE_CATEGORIEEN
    if not permissions.has_capability(user, permissions.UPDATE_OWN_ACTIONS) or not user.organisatie_id:
        return frozenset()
    if not _takes_part(user, casus):
        return frozenset()
    allowed = set()
    for categorieen in active_decisions(user.organisatie_id, casus).values_list("categorieen", flat=True):
        allowed.update(categorieen)
    return frozenset(allowed & ALLE_CATEGORIEEN)


def may_see(user, casus, categorie: str) -> bool:
    return categorie in allowed_categories(user, casus)


def decisions_to(organisatie):
    """Every decision to an organisation (for the disclosures report), newest first."""
    return (
        DelingsBesluit.objects.filter(gemeente_id=organisatie.gemeente_id, ontvanger=organisatie)
        .select_related("casus", "signaal", "vastgelegd_door", "ingetrokken_door", "weging")
        .order_by("-vastgelegd_op")
    )


CASE_OBJECT_TYPES = ("casus", "interventie", "betrokkene", "overleg")


def reads_by(organisatie, van, tot):
    """Logged reads of case data by the organisation's users (and its partner system) between two moments."""
    from regiekamer.audit.models import Actie, Verwerking

    return Verwerking.objects.filter(
        gemeente_id=organisatie.gemeente_id,
        organisatie=organisatie.naam,
        actie=Actie.LEZEN,
        objecttype__in=CASE_OBJECT_TYPES,
        tijdstip__gte=van,
        tijdstip__lt=tot,
    ).order_by("-tijdstip")
