"""Reads for entity resolution: the review queue, one pair side by side, and the explanations on a profile.

Every read checks the capability and the gemeente and logs the persons shown."""

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.core.errors import NotAllowed
from regiekamer.core.ids import parse_uuid
from regiekamer.identiteit import matching
from regiekamer.identiteit.models import Beoordeling, Koppeling, Samenvoeging
from regiekamer.inzage.beperking import restricted_ids
from regiekamer.subjects.models import Persoon
from regiekamer.subjects.services import _drempels, kandidaten, kenmerken_van_persoon, verschillend_beoordeeld

VELD_LABELS = {
    "bsn": _("BSN"),
    "achternaam": _("Achternaam"),
    "voornamen": _("Voornamen"),
    "geboortedatum": _("Geboortedatum"),
    "adres": _("Adres"),
    "context": _("Zelfde casus"),
}
NIVEAU_LABELS = {
    "gelijk": _("gelijk"),
    "klank": _("klinkt gelijk"),
    "typo": _("kleine tikfout"),
    "roepnaam": _("zelfde eerste voornaam"),
    "bijnaam": _("roepnaam van dezelfde voornaam"),
    "initialen": _("initialen passen"),
    "verwisseld": _("dag en maand verwisseld"),
    "vorig": _("vorig adres"),
    "postcode": _("zelfde postcode, ander huisnummer"),
    "verschillend": _("verschillend"),
    "onbekend": _("niet te vergelijken (ontbreekt)"),
}
OORDEEL_LABELS = {
    "eens": _("komt overeen"),
    "deels": _("komt deels overeen"),
    "oneens": _("wijkt af"),
    "onbekend": _("onbekend"),
}
_ADRES = re.compile(r"^([0-9]{4})([A-Z]{2})([0-9]+)([A-Z]?)(?:-([A-Z0-9]+))?$")


def adres_tekst(sleutel: str) -> str:
    """An address key shown as people read it: "9901AB12A-2" -> "9901 AB 12A-2"."""
    match = _ADRES.match(sleutel or "")
    if not match:
        return sleutel or ""
    postcode, letters, nummer, letter, toevoeging = match.groups()
    return f"{postcode} {letters} {nummer}{letter}" + (f"-{toevoeging}" if toevoeging else "")


@dataclass
class Bewijs:
    """One field of a comparison, as shown: label, level, agreement, weight and the two values."""

    veld: str
    label: str
    niveau: str
    niveau_label: str
    oordeel: str
    oordeel_label: str
    gewicht: float
    links: str = ""
    rechts: str = ""


def _waarden_persoon(persoon: Persoon) -> dict:
    return {
        "bsn": persoon.bsn,
        "achternaam": " ".join(p for p in (persoon.tussenvoegsel, persoon.achternaam) if p),
        "voornamen": persoon.voornamen,
        "geboortedatum": persoon.geboortedatum.strftime("%d-%m-%Y") if persoon.geboortedatum else "",
        "adres": " / ".join(
            adres_tekst(s) + (f" ({_('vorig')})" if i else "")
            for i, s in enumerate((persoon.adres_sleutel, persoon.vorig_adres_sleutel))
            if s
        ),
        "context": "",
    }


def _waarden_invoer(invoer: dict) -> dict:
    geboren = parse_date(invoer.get("geboortedatum") or "")
    return {
        "bsn": _("opgegeven") if invoer.get("bsn") else "",
        "achternaam": " ".join(p for p in (invoer.get("tussenvoegsel", ""), invoer.get("achternaam", "")) if p),
        "voornamen": invoer.get("voornamen", ""),
        "geboortedatum": geboren.strftime("%d-%m-%Y") if geboren else "",
        "adres": adres_tekst(invoer.get("adres", "")),
        "context": "",
    }


def _masker(waarden: dict) -> dict:
    bsn = waarden.get("bsn", "")
    if bsn and bsn.isdigit():
        waarden["bsn"] = "•" * 5 + bsn[-4:]
    return waarden


def bewijs(velden: list[dict], links: dict, rechts: dict) -> list[Bewijs]:
    result = []
    for item in velden:
        veld, niveau = item["veld"], item["niveau"]
        if veld == "context" and niveau == "onbekend":
            continue
        oordeel = matching.Veldoordeel(veld, niveau, item["gewicht"]).oordeel
        result.append(
            Bewijs(
                veld=veld,
                label=VELD_LABELS.get(veld, veld),
                niveau=niveau,
                niveau_label=NIVEAU_LABELS.get(niveau, niveau),
                oordeel=oordeel,
                oordeel_label=OORDEEL_LABELS[oordeel],
                gewicht=item["gewicht"],
                links=links.get(veld, ""),
                rechts=rechts.get(veld, ""),
            )
        )
    return result


def _require(user) -> None:
    if not permissions.has_capability(user, permissions.MERGE_PERSONS) or user.gemeente is None:
        raise NotAllowed(_("U mag de beoordelingslijst niet inzien."))


# --- The review queue --------------------------------------------------------------------------------------------


def _zichtbaar(queryset, gemeente):
    """Review items of the gemeente whose persons are not restricted (art. 18 AVG) and not merged away."""
    beperkt = restricted_ids(gemeente)
    return (
        queryset.filter(gemeente=gemeente)
        .exclude(bekend_id__in=beperkt)
        .exclude(nieuw_id__in=beperkt)
        .select_related("bekend", "nieuw")
    )


def wachtrij(user, limit: int = 200) -> list[Beoordeling]:
    """The open review items, oldest first."""
    _require(user)
    items = list(
        _zichtbaar(Beoordeling.objects.filter(status=Beoordeling.Status.OPEN), user.gemeente).order_by("aangemaakt_op")[
            :limit
        ]
    )
    audit.log_lijst(user, "beoordelingen.lijst", "persoon", [p for b in items for p in (b.bekend, b.nieuw)])
    return items


def afgehandeld(user, limit: int = 25) -> list[Beoordeling]:
    """The most recently judged items, with the judgement and the model's weight."""
    _require(user)
    items = list(
        _zichtbaar(Beoordeling.objects.exclude(status=Beoordeling.Status.OPEN), user.gemeente)
        .exclude(status=Beoordeling.Status.VERVALLEN)
        .select_related("beoordeeld_door")
        .order_by("-beoordeeld_op")[:limit]
    )
    audit.log_lijst(user, "beoordelingen.lijst", "persoon", [p for b in items for p in (b.bekend, b.nieuw)])
    return items


@dataclass
class Paar:
    beoordeling: Beoordeling
    bewijs: list[Bewijs]
    signalen: dict = field(default_factory=dict)  # person id -> its most recent signals
    personen: list = field(default_factory=list)  # (label, person, its most recent signals or None)


def paar(user, pk) -> Paar:
    """One review item: the two persons side by side with the evidence per field. 404 for another gemeente's
    item, or a restricted person."""
    _require(user)
    beoordeling = _zichtbaar(Beoordeling.objects.filter(pk=parse_uuid(pk)), user.gemeente).first()
    if beoordeling is None:
        raise Http404
    bekend, nieuw = beoordeling.bekend, beoordeling.nieuw
    result = Paar(
        beoordeling,
        bewijs(beoordeling.velden, _masker(_waarden_persoon(bekend)), _masker(_waarden_persoon(nieuw))),
    )
    if permissions.has_capability(user, permissions.VIEW_SIGNALS):
        for persoon in (bekend, nieuw):
            result.signalen[persoon.pk] = list(
                persoon.signalen.only("id", "gemeente_id", "nummer", "ontvangen_op").order_by("-ontvangen_op")[:5]
            )
    result.personen = [
        (_("Profiel van de bekende persoon"), bekend, result.signalen.get(bekend.pk)),
        (_("Profiel van de gemelde persoon"), nieuw, result.signalen.get(nieuw.pk)),
    ]
    audit.log(user, Actie.LEZEN, "beoordeling.detail", "persoon", [bekend, nieuw])
    audit.log_lijst(user, "beoordeling.detail", "signaal", [s for lijst in result.signalen.values() for s in lijst])
    return result


# --- On the profile of a person ----------------------------------------------------------------------------------


@dataclass
class Uitleg:
    koppeling: Koppeling
    bewijs: list[Bewijs]


@dataclass
class Dubbel:
    persoon: Persoon
    gewicht: float
    bewijs: list[Bewijs]


@dataclass
class Identiteit:
    koppelingen: list[Uitleg] = field(default_factory=list)
    koppelingen_totaal: int = 0
    samenvoegingen: list[Samenvoeging] = field(default_factory=list)
    dubbelen: list[Dubbel] | None = None  # only for who may merge
    open_beoordelingen: list[Beoordeling] = field(default_factory=list)


MAX_UITLEG = 10
MAX_DUBBELEN = 5


def profiel(user, persoon: Persoon) -> Identiteit:
    """For a person's profile (the caller checked ``subject.inzien`` and the gemeente): how reports were linked to
    this person and why, its merges, and for who may merge: the known persons that may be the same."""
    result = Identiteit()
    koppelingen = Koppeling.objects.filter(gemeente=persoon.gemeente, persoon=persoon).exclude(uitkomst=matching.NIEUW)
    result.koppelingen_totaal = koppelingen.count()
    waarden = _masker(_waarden_persoon(persoon))
    for koppeling in koppelingen.order_by("-op")[:MAX_UITLEG]:
        result.koppelingen.append(
            Uitleg(koppeling, bewijs(koppeling.velden, _waarden_invoer(koppeling.invoer), waarden))
        )
    result.samenvoegingen = list(
        Samenvoeging.objects.filter(gemeente=persoon.gemeente, blijvend=persoon)
        .select_related("opgeheven", "door", "ongedaan_door")
        .order_by("-op")
    )
    if permissions.has_capability(user, permissions.MERGE_PERSONS):
        result.open_beoordelingen = list(
            Beoordeling.objects.filter(gemeente=persoon.gemeente, status=Beoordeling.Status.OPEN).filter(
                Q(bekend=persoon) | Q(nieuw=persoon)
            )
        )
        result.dubbelen = mogelijke_dubbelen(persoon)
    shown = [s.opgeheven for s in result.samenvoegingen] + [d.persoon for d in result.dubbelen or []]
    audit.log_lijst(user, "profiel.identiteit", "persoon", shown)
    return result


def mogelijke_dubbelen(persoon: Persoon) -> list[Dubbel]:
    """Known persons that may be this one: the candidates the intake rule would consider, compared with this
    person, above the gemeente's review threshold; not those judged to be someone else, nor restricted ones."""
    drempels = _drempels(persoon.gemeente)
    record = kenmerken_van_persoon(persoon)
    gevonden = [p for p in kandidaten(persoon.gemeente, record) if p.pk != persoon.pk]
    if not gevonden:
        return []
    uitgesloten = verschillend_beoordeeld(persoon.gemeente, persoon, [p.pk for p in gevonden])
    beperkt = set(Persoon.objects.filter(pk__in=restricted_ids(persoon.gemeente)).values_list("pk", flat=True))
    waarden = _masker(_waarden_persoon(persoon))
    dubbelen = []
    for kandidaat in gevonden:
        if kandidaat.pk in uitgesloten or kandidaat.pk in beperkt:
            continue
        v = matching.vergelijk(record, kenmerken_van_persoon(kandidaat))
        if v.niveau("bsn") == "verschillend" or v.gewicht < drempels.beoordelen or matching.huisgenoot(v):
            continue
        volledig = Persoon.objects.get(pk=kandidaat.pk)
        dubbelen.append(Dubbel(volledig, v.gewicht, bewijs(v.als_json(), waarden, _masker(_waarden_persoon(volledig)))))
    dubbelen.sort(key=lambda d: d.gewicht, reverse=True)
    return dubbelen[:MAX_DUBBELEN]


def doorverwijzing(gemeente, pk):
    """The person a merged person was merged into (at the end of the chain), or None."""
    if gemeente is None:
        return None
    persoon = Persoon.objects.filter(gemeente=gemeente, pk=parse_uuid(pk)).only("pk", "samengevoegd_in").first()
    if persoon is None or persoon.samengevoegd_in_id is None:
        return None
    while persoon.samengevoegd_in_id is not None:
        persoon = Persoon.objects.only("pk", "samengevoegd_in").get(pk=persoon.samengevoegd_in_id)
    return persoon.pk
