"""Importing boundaries: one set per gemeente and year, atomically; the newest year updates the current buurten
(``subjects.Buurt``) and re-runs the assignment of addresses and signals."""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiekamer.accounts.models import Gemeente
from regiekamer.audit import services as audit
from regiekamer.audit.models import Actie
from regiekamer.gebieden import toewijzing
from regiekamer.gebieden.bestanden import BestandFout, BuurtFeature, Gelezen, jaar_uit_naam, lees_bestand
from regiekamer.gebieden.models import Buurtgrens, Indeling, Wijkgrens
from regiekamer.subjects.models import Buurt

PRECISIE = 1e-6  # degrees: about 0.1 m, more than the boundaries are worth
KAART_TOLERANTIE = 5e-5  # degrees: about 5 m, for the simplified drawing geometry


@dataclass(frozen=True)
class ImportResultaat:
    gemeente: Gemeente
    jaar: int
    buurten: int
    wijken: int
    vervangen: bool  # this year was imported before and is replaced
    actueel: bool  # this year is now the current one
    toewijzing: toewijzing.Toewijzing | None


def _geojson(geometrie) -> str:
    return shapely.to_geojson(shapely.set_precision(geometrie, PRECISIE))


def _kaart(geometrie) -> str:
    return _geojson(shapely.simplify(geometrie, KAART_TOLERANTIE, preserve_topology=True))


def _bbox(geometrie) -> dict:
    min_lon, min_lat, max_lon, max_lat = geometrie.bounds
    return {"min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat}


def importeer_bestand(pad, jaar: int | None = None, gemeente_code: str | None = None, door: str = ""):
    """Import a CBS wijk- en buurtkaart (GeoPackage or GeoJSON) for one gemeente (``gemeente_code``, e.g. GM0363)
    or for every gemeente in Regiekamer that the file covers. All or nothing."""
    gelezen = lees_bestand(pad)
    jaar = jaar or jaar_uit_naam(pad)
    if jaar is None:
        raise BestandFout(_("Het jaar staat niet in de bestandsnaam; geef het op met --jaar."))
    if not 2000 <= jaar <= timezone.localdate().year + 1:
        raise BestandFout(_("Ongeldig jaar %(jaar)s.") % {"jaar": jaar})
    per_gemeente = defaultdict(list)
    for feature in gelezen.features:
        per_gemeente[feature.gemeentecode].append(feature)
    if gemeente_code:
        gemeente_code = gemeente_code.strip().upper()
        gemeente = Gemeente.objects.filter(cbs_code=gemeente_code).first()
        if gemeente is None:
            raise BestandFout(_("Gemeente %(code)s is niet bekend in Regiekamer.") % {"code": gemeente_code})
        if gemeente_code not in per_gemeente:
            raise BestandFout(_("Het bestand bevat geen buurten van gemeente %(code)s.") % {"code": gemeente_code})
        gemeenten = [gemeente]
    else:
        gemeenten = list(Gemeente.objects.filter(cbs_code__in=per_gemeente).order_by("cbs_code"))
        if not gemeenten:
            raise BestandFout(
                _("Geen van de gemeenten in het bestand (%(codes)s) is bekend in Regiekamer.")
                % {"codes": ", ".join(sorted(per_gemeente)[:5])}
            )
    with transaction.atomic():
        return [
            importeer_indeling(gemeente, jaar, per_gemeente[gemeente.cbs_code], gelezen, Path(pad).name, door)
            for gemeente in gemeenten
        ]


def _wijken(features: list[BuurtFeature]) -> list[tuple[str, str, object]]:
    """(code, naam, geometry) per wijk: the union of its buurten."""
    per_wijk = defaultdict(list)
    namen = {}
    for feature in features:
        per_wijk[feature.wijkcode].append(feature.geometrie)
        namen.setdefault(feature.wijkcode, feature.wijknaam)
    return [(code, namen[code], shapely.union_all(geometrieen)) for code, geometrieen in sorted(per_wijk.items())]


def _punt_binnen(buurt: Buurt, geometrie) -> tuple[float, float]:
    """The buurt's reference point: kept when it lies inside the new boundary, else a point inside it."""
    bekend = buurt.latitude is not None and buurt.longitude is not None
    if bekend and geometrie.covers(shapely.Point(buurt.longitude, buurt.latitude)):
        return buurt.latitude, buurt.longitude
    punt = geometrie.representative_point()
    return round(punt.y, 6), round(punt.x, 6)


def _werk_buurten_bij(gemeente, features: list[BuurtFeature], heeft_inwoners: bool) -> dict[str, Buurt]:
    """Upsert the current buurten from the newest boundaries. Postcodes are kept; a new buurt starts without."""
    bestaand = {buurt.code: buurt for buurt in Buurt.objects.filter(gemeente=gemeente)}
    result = {}
    for feature in features:
        buurt = bestaand.get(feature.buurtcode) or Buurt(gemeente=gemeente, code=feature.buurtcode)
        buurt.naam = feature.buurtnaam[:100]
        buurt.wijk = feature.wijknaam[:100]
        buurt.wijk_code = feature.wijkcode
        if heeft_inwoners:
            buurt.inwoners = feature.inwoners
        buurt.latitude, buurt.longitude = _punt_binnen(buurt, feature.geometrie)
        buurt.save()
        result[buurt.code] = buurt
    return result


def importeer_indeling(gemeente, jaar: int, features: list[BuurtFeature], gelezen: Gelezen, bron: str, door: str = ""):
    with transaction.atomic():
        vervangen, _deleted = Indeling.objects.filter(gemeente=gemeente, jaar=jaar).delete()
        indeling = Indeling.objects.create(
            gemeente=gemeente, jaar=jaar, bron=bron[:255], bron_crs=f"EPSG:{gelezen.epsg}", geimporteerd_door=door
        )
        actueel = not Indeling.objects.filter(gemeente=gemeente, jaar__gt=jaar).exists()
        if actueel:
            buurten = _werk_buurten_bij(gemeente, features, gelezen.heeft_inwoners)
        else:
            codes = [feature.buurtcode for feature in features]
            buurten = {buurt.code: buurt for buurt in Buurt.objects.filter(gemeente=gemeente, code__in=codes)}
        Buurtgrens.objects.bulk_create(
            [
                Buurtgrens(
                    gemeente=gemeente,
                    indeling=indeling,
                    buurt=buurten.get(feature.buurtcode),
                    code=feature.buurtcode,
                    naam=feature.buurtnaam[:100],
                    wijk_code=feature.wijkcode,
                    wijk_naam=feature.wijknaam[:100],
                    inwoners=feature.inwoners,
                    geometrie=_geojson(feature.geometrie),
                    kaartgeometrie=_kaart(feature.geometrie),
                    **_bbox(feature.geometrie),
                )
                for feature in features
            ]
        )
        wijken = _wijken(features)
        Wijkgrens.objects.bulk_create(
            [
                Wijkgrens(
                    gemeente=gemeente,
                    indeling=indeling,
                    code=code,
                    naam=naam[:100],
                    geometrie=_geojson(geometrie),
                    kaartgeometrie=_kaart(geometrie),
                    **_bbox(geometrie),
                )
                for code, naam, geometrie in wijken
            ]
        )
        resultaat_toewijzing = toewijzing.wijs_buurten_toe(gemeente) if actueel else None
        audit.log(
            None,
            Actie.WIJZIGEN,
            "gebieden.import",
            "adres",
            [],
            gemeente=gemeente,
            gebruiker=door or "import_gebieden",
        )
    return ImportResultaat(
        gemeente=gemeente,
        jaar=jaar,
        buurten=len(features),
        wijken=len(wijken),
        vervangen=bool(vervangen),
        actueel=actueel,
        toewijzing=resultaat_toewijzing,
    )
