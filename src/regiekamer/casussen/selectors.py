"""Reads of cases. The regisseur side (VIEW_CASES) sees every case of its gemeente; a partner sees
only cases it takes part in and that an active sharing decision for its organisation covers, and
within them only the sections whose category a decision allows (``delen.selectors``)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.casussen.models import Casus, CasusSignaal, Deelnemer, Escalatie, Interventie
from regiekamer.casussen.services import stalled_cutoff
from regiekamer.core.ids import parse_uuid
from regiekamer.delen import selectors as delen
from regiekamer.delen.models import Categorie
from regiekamer.inzage.beperking import restricted_ids


def _participation(user) -> Q:
    """Cases the user takes part in, personally or through their organisation: an ``EXISTS`` per case rather than a
    join, so a case appears once without ``DISTINCT``."""
    deelnemers = Deelnemer.objects.filter(casus=OuterRef("pk")).filter(
        Q(gebruiker=user) | Q(organisatie=user.organisatie_id, gebruiker=None)
    )
    return Q(Exists(deelnemers))


def zichtbare_casussen(user, categorie: str | None = None):
    """The cases the user may open: every case of the gemeente on the regisseur side; for a partner the cases they
    take part in that an active decision for their organisation covers (with ``categorie`` among its categories,
    when given)."""
    if user.gemeente is None:
        return Casus.objects.none()
    queryset = Casus.objects.filter(gemeente=user.gemeente).select_related("regisseur", "buurt")
    if permissions.has_capability(user, permissions.VIEW_CASES):
        return queryset
    if permissions.has_capability(user, permissions.UPDATE_OWN_ACTIONS) and user.organisatie_id:
        return queryset.filter(_participation(user)).filter(delen.covered_by_decision(user.organisatie_id, categorie))
    return Casus.objects.none()


def zoek_casussen(user, term: str, limit: int = 25):
    """The cases the user may open whose number or title holds every word of ``term`` (case-insensitive): "C2026-12",
    "2026-0012", "Jansen". Newest first."""
    words = [word for word in term.split() if any(ch.isalnum() for ch in word)]
    if not words:
        return Casus.objects.none()
    queryset = zichtbare_casussen(user)
    for word in words:
        queryset = queryset.filter(Q(nummer__icontains=word) | Q(titel__icontains=word))
    return queryset.order_by("-geopend_op", "pk")[:limit]


def gedeelde_casussen(user, categorie: str):
    """The cases a partner sees (``zichtbare_casussen``) whose decisions allow ``categorie``. A decision that allows
    the category covers the case, so one test says both."""
    return zichtbare_casussen(user, categorie)


def allowed_categories(user, casus) -> frozenset[str]:
    return delen.allowed_categories(user, casus)


@dataclass
class PartnerDeel:
    """What a participating partner sees of a case beyond the header: per shared category its part, ``None`` for a
    category that is not shared. The web page and the API both show exactly this."""

    toegestaan: frozenset[str]
    betrokkenen: list | None
    doelen: list | None
    afspraken: list | None


def partner_deel(user, casus) -> PartnerDeel:
    toegestaan = allowed_categories(user, casus)
    betrokkenen = doelen = afspraken = None
    if Categorie.BETROKKENEN in toegestaan:
        # A person whose processing is restricted (art. 18 AVG) is not shared further, nor is the restriction.
        betrokkenen = list(
            casus.betrokkenen.select_related("persoon", "adres__buurt", "rechtspersoon").exclude(
                persoon__in=restricted_ids(casus.gemeente)
            )
        )
    if Categorie.PLAN in toegestaan:
        doelen = list(casus.doelen.order_by("aangemaakt_op"))
        afspraken = list(casus.afspraken.all())
    return PartnerDeel(toegestaan, betrokkenen, doelen, afspraken)


def get_casus(user, pk) -> Casus:
    """A case the user takes part in or directs; 404 otherwise (also for another tenant's case)."""
    casus = get_object_or_404(zichtbare_casussen(user), pk=parse_uuid(pk))
    audit.log(user, "lezen", "casus.detail", "casus", [casus], doel=casus.doel)
    return casus


def sees_whole_case(user) -> bool:
    return permissions.has_capability(user, permissions.VIEW_CASES)


def eigen_acties(user):
    """The actions assigned to a partner (to them personally, or to their organisation without a person)
    in the cases they see whose sharing decisions allow "eigen acties"."""
    if user.gemeente is None or not permissions.has_capability(user, permissions.UPDATE_OWN_ACTIONS):
        return Interventie.objects.none()
    return (
        Interventie.objects.filter(gemeente=user.gemeente)
        .filter(Q(eigenaar=user) | Q(eigenaar__isnull=True, eigenaar_organisatie=user.organisatie_id))
        # Per action whether its case is shared (not the set of all shared cases first): a partner organisation may
        # take part in tens of thousands of cases and hold far fewer actions.
        .filter(Exists(gedeelde_casussen(user, Categorie.EIGEN_ACTIES).filter(pk=OuterRef("casus_id"))))
        .select_related("casus", "soort", "doel", "eigenaar_organisatie", "eigenaar")
        .order_by("status", "deadline")
    )


def interventies_voor(user, casus):
    queryset = casus.interventies.select_related("soort", "doel", "eigenaar_organisatie", "eigenaar")
    if sees_whole_case(user):
        return queryset
    return queryset.filter(pk__in=eigen_acties(user).values("pk"))


def casussen_met_signalen(casussen):
    """Annotate with the number of unseen new signals and whether any action is overdue. Both are subqueries per
    case, so a page of cases counts for its own rows only, not for every case before the ``LIMIT``."""
    today = timezone.localdate()
    overdue = Interventie.objects.filter(casus=OuterRef("pk"), status__in=Interventie.OPEN_STATUSES, deadline__lt=today)
    nieuw = (
        CasusSignaal.objects.filter(casus=OuterRef("pk"), gezien_op__isnull=True, soort__in=["nieuw", "terugval"])
        .order_by()
        .values("casus")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return casussen.annotate(
        nieuwe_signalen=Coalesce(Subquery(nieuw), 0),
        acties_te_laat=Exists(overdue),
    )


def regisseur_home(user) -> dict:
    """Everything the regisseur's start page shows."""
    from regiekamer.overleggen.models import Overleg

    mine = Casus.objects.filter(gemeente=user.gemeente, regisseur=user, status=Casus.Status.OPEN)
    today = timezone.localdate()
    return {
        "acties_te_laat": Interventie.objects.filter(
            casus__in=mine, status__in=Interventie.OPEN_STATUSES, deadline__lt=today
        )
        .select_related("casus", "soort", "eigenaar_organisatie", "eigenaar")
        .order_by("deadline"),
        "stagnerend": mine.filter(laatste_activiteit_op__lt=stalled_cutoff(user.gemeente)).order_by(
            "laatste_activiteit_op"
        ),
        "nieuwe_signalen": CasusSignaal.objects.filter(
            casus__in=mine, gezien_op__isnull=True, soort=CasusSignaal.Soort.NIEUW
        )
        .select_related("casus", "signaal")
        .order_by("-gekoppeld_op"),
        "terugval": CasusSignaal.objects.filter(
            casus__gemeente=user.gemeente,
            casus__regisseur=user,
            soort=CasusSignaal.Soort.TERUGVAL,
            gezien_op__isnull=True,
        ).select_related("casus", "signaal"),
        "overleggen": Overleg.objects.filter(gemeente=user.gemeente, datum__gte=timezone.now(), gehouden=False)
        .filter(Q(voorzitter=user) | Q(deelnemers=user))
        .distinct()
        .order_by("datum")[:5],
        "escalaties": Escalatie.objects.filter(gemeente=user.gemeente, afgehandeld_op__isnull=True)
        .filter(Q(naar=user) | Q(casus__regisseur=user))
        .select_related("casus", "interventie__soort", "naar", "afgehandeld_door")
        .distinct(),
        "casussen": casussen_met_signalen(mine).order_by("-laatste_activiteit_op"),
    }


def review_signalen(casus):
    """For the review ("zijn er signalen gemist?"): every signal about the case's subjects received
    before the case started, oldest first."""
    from regiekamer.signalen.models import Signaal

    betrokkenen = casus.betrokkenen.all()
    condition = (
        Q(personen__in=betrokkenen.exclude(persoon=None).values("persoon"))
        | Q(adressen__in=betrokkenen.exclude(adres=None).values("adres"))
        | Q(rechtspersonen__in=betrokkenen.exclude(rechtspersoon=None).values("rechtspersoon"))
    )
    return (
        Signaal.objects.filter(gemeente=casus.gemeente, ontvangen_op__lt=casus.geopend_op)
        .filter(condition)
        .distinct()
        .select_related("melder_organisatie")
        .prefetch_related("fenomenen")
        .order_by("ontvangen_op")
    )


def vastgestelde_versies(casus) -> dict:
    """Per plan version id, the meeting in which that version was agreed (for "the plan as agreed at
    each meeting can be shown again")."""
    from regiekamer.overleggen.models import Agendapunt

    punten = Agendapunt.objects.filter(casus=casus, planversie__isnull=False).select_related("overleg")
    return {punt.planversie_id: punt.overleg for punt in punten}


def voorgestelde_subjecten(casus) -> list:
    """Persons, addresses and companies of the case's signals that are not yet betrokkene."""
    betrokkenen = casus.betrokkenen.all()
    known = {
        "persoon": set(betrokkenen.exclude(persoon=None).values_list("persoon", flat=True)),
        "adres": set(betrokkenen.exclude(adres=None).values_list("adres", flat=True)),
        "rechtspersoon": set(betrokkenen.exclude(rechtspersoon=None).values_list("rechtspersoon", flat=True)),
    }
    beperkt = set(restricted_ids(casus.gemeente).values_list("persoon_id", flat=True))  # art. 18 AVG
    result, seen = [], set()
    for koppeling in casus.casus_signalen.select_related("signaal").prefetch_related(
        "signaal__personen", "signaal__adressen", "signaal__rechtspersonen"
    ):
        signaal = koppeling.signaal
        for soort, subjects in (
            ("persoon", [p for p in signaal.personen.all() if p.pk not in beperkt]),
            ("adres", signaal.adressen.all()),
            ("rechtspersoon", signaal.rechtspersonen.all()),
        ):
            for subject in subjects:
                if subject.pk not in known[soort] and subject.pk not in seen:
                    seen.add(subject.pk)
                    result.append(subject)
    return result


def escalaties_naar(user):
    """Escalations addressed to the user: open ones first, then the last handled ones."""
    if user.gemeente is None:
        return Escalatie.objects.none()
    return (
        Escalatie.objects.filter(gemeente=user.gemeente, naar=user)
        .select_related("casus", "interventie__soort", "naar", "afgehandeld_door")
        .order_by("afgehandeld_op", "-aangemaakt_op")[:50]
    )
