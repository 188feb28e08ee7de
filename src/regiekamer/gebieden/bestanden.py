"""Reading the CBS wijk- en buurtkaart: GeoPackage (read with sqlite3, the geometry blobs parsed with shapely) and
GeoJSON, in RD New (EPSG:28992), WGS84 or any other EPSG system pyproj knows. Returns plain features in WGS84;
nothing is stored here. Every problem is a :class:`BestandFout` with a Dutch message for the person importing.
"""

import json
import re
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from django.utils.translation import gettext as _
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from regiekamer.core.errors import DomainError

WGS84 = 4326
RD_NEW = 28992

# Field names per meaning, lower case. The first names are those of the CBS Shapefile and of the issue; the
# others are the lower-case names of the newer GeoPackages and of PDOK's OGC API.
VELDEN = {
    "buurtcode": ("bu_code", "buurtcode"),
    "buurtnaam": ("bu_naam", "buurtnaam"),
    "wijkcode": ("wk_code", "wijkcode"),
    "wijknaam": ("wk_naam", "wijknaam"),
    "gemeentecode": ("gm_code", "gemeentecode"),
    "inwoners": ("aant_inw", "aantal_inwoners", "aantalinwoners"),
}
VERPLICHT = ("buurtcode", "buurtnaam", "wijkcode", "gemeentecode")
CODE_PATRONEN = {
    "buurtcode": re.compile(r"BU\d{8}"),
    "wijkcode": re.compile(r"WK\d{6}"),
    "gemeentecode": re.compile(r"GM\d{4}"),
}
SQLITE_MAGIC = b"SQLite format 3\x00"
# GeoPackage geometry header: envelope size in bytes per envelope indicator (flags bits 1-3).
ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class BestandFout(DomainError):
    code = "gebieden-bestand"
    title = "Het bestand met gebiedsgrenzen kan niet worden ingelezen."


@dataclass(frozen=True)
class BuurtFeature:
    buurtcode: str
    buurtnaam: str
    wijkcode: str
    wijknaam: str
    gemeentecode: str
    inwoners: int | None
    geometrie: shapely.Geometry  # WGS84, (lon, lat)


@dataclass(frozen=True)
class Gelezen:
    features: list[BuurtFeature]
    epsg: int
    heeft_inwoners: bool


def _veldnamen(kolommen) -> dict[str, str]:
    """Meaning -> the column or property name that carries it in this file (case-insensitive)."""
    by_lower = {str(naam).lower(): naam for naam in kolommen}
    result = {}
    for betekenis, namen in VELDEN.items():
        for naam in namen:
            if naam in by_lower:
                result[betekenis] = by_lower[naam]
                break
    return result


def _ontbrekend(velden: dict[str, str]) -> list[str]:
    return [VELDEN[betekenis][0].upper() for betekenis in VERPLICHT if betekenis not in velden]


def _inwoners(value) -> int | None:
    """CBS marks secret or unknown figures with negative sentinel values (e.g. -99999999)."""
    if value is None or value == "":
        return None
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _transformer(epsg: int):
    if epsg == WGS84:
        return None
    try:
        bron = CRS.from_epsg(epsg)
    except CRSError:
        raise BestandFout(_("Onbekend coördinatenstelsel EPSG:%(epsg)s.") % {"epsg": epsg}) from None
    transformer = Transformer.from_crs(bron, CRS.from_epsg(WGS84), always_xy=True)

    def transform(coords):
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return transform


def _polygonaal(geometrie, label: str):
    if geometrie is None or geometrie.is_empty:
        raise BestandFout(_("Buurt %(buurt)s heeft geen geometrie.") % {"buurt": label})
    if not geometrie.is_valid:
        geometrie = shapely.make_valid(geometrie)
    if geometrie.geom_type == "GeometryCollection":
        delen = [deel for deel in geometrie.geoms if deel.geom_type in ("Polygon", "MultiPolygon")]
        geometrie = shapely.union_all(delen) if delen else None
    if geometrie is None or geometrie.geom_type not in ("Polygon", "MultiPolygon"):
        raise BestandFout(_("De geometrie van buurt %(buurt)s is geen vlak.") % {"buurt": label})
    return geometrie


def _features(rijen, velden: dict[str, str], epsg: int, wijknamen: dict[str, str] | None = None) -> list[BuurtFeature]:
    """Validate the rows ``(properties, geometry in the source system)`` and project them to WGS84."""
    transform = _transformer(epsg)
    features = []
    gezien = set()
    for nummer, (props, geometrie) in enumerate(rijen, start=1):
        waarden = {betekenis: str(props.get(naam) or "").strip() for betekenis, naam in velden.items()}
        label = waarden.get("buurtcode") or _("nummer %(n)s") % {"n": nummer}
        for betekenis, patroon in CODE_PATRONEN.items():
            if not patroon.fullmatch(waarden.get(betekenis, "")):
                raise BestandFout(
                    _("Object %(label)s: ongeldige %(veld)s '%(waarde)s' (verwacht bijv. %(voorbeeld)s).")
                    % {
                        "label": label,
                        "veld": VELDEN[betekenis][0].upper(),
                        "waarde": waarden.get(betekenis, ""),
                        "voorbeeld": {"buurtcode": "BU03630001", "wijkcode": "WK036300", "gemeentecode": "GM0363"}[
                            betekenis
                        ],
                    }
                )
        if not waarden["buurtnaam"]:
            raise BestandFout(_("Buurt %(buurt)s heeft geen naam (BU_NAAM).") % {"buurt": label})
        if waarden["buurtcode"] in gezien:
            raise BestandFout(_("Buurtcode %(buurt)s komt meer dan eens voor.") % {"buurt": label})
        gezien.add(waarden["buurtcode"])
        geometrie = _polygonaal(geometrie, label)
        if transform is not None:
            geometrie = shapely.transform(geometrie, transform)
        minx, miny, maxx, maxy = geometrie.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise BestandFout(
                _("De coördinaten van buurt %(buurt)s passen niet bij EPSG:%(epsg)s.") % {"buurt": label, "epsg": epsg}
            )
        wijknaam = waarden.get("wijknaam") or (wijknamen or {}).get(waarden["wijkcode"]) or waarden["wijkcode"]
        features.append(
            BuurtFeature(
                buurtcode=waarden["buurtcode"],
                buurtnaam=waarden["buurtnaam"],
                wijkcode=waarden["wijkcode"],
                wijknaam=wijknaam,
                gemeentecode=waarden["gemeentecode"],
                inwoners=_inwoners(props.get(velden["inwoners"])) if "inwoners" in velden else None,
                geometrie=geometrie,
            )
        )
    if not features:
        raise BestandFout(_("Het bestand bevat geen buurten."))
    return features


# --- GeoJSON ---------------------------------------------------------------------------------------------------


def _epsg_uit_naam(naam: str) -> int | None:
    naam = naam.strip()
    if naam.upper().endswith("CRS84"):
        return WGS84
    match = re.search(r"EPSG:+(\d+)$", naam, re.IGNORECASE)
    return int(match.group(1)) if match else None


def _raad_epsg(geometrieen) -> int:
    """A GeoJSON without a ``crs`` member: WGS84 (RFC 7946) when the coordinates fit, else RD New when they fit
    the Netherlands in metres."""
    minx, miny, maxx, maxy = shapely.total_bounds(geometrieen)
    if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
        return WGS84
    if -8000 <= minx <= maxx <= 300000 and 289000 <= miny <= maxy <= 629000:
        return RD_NEW
    raise BestandFout(_("Het coördinatenstelsel is niet te herkennen; gebruik RD New (EPSG:28992) of WGS84."))


def lees_geojson(pad: Path) -> Gelezen:
    try:
        data = json.loads(pad.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BestandFout(_("Het bestand is geen geldige GeoJSON: %(fout)s") % {"fout": exc}) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise BestandFout(_("Het bestand is geen GeoJSON FeatureCollection."))
    epsg = None
    crs = data.get("crs")
    if isinstance(crs, dict):
        epsg = _epsg_uit_naam(str((crs.get("properties") or {}).get("name", "")))
        if epsg is None:
            raise BestandFout(_("Het coördinatenstelsel in 'crs' is niet te herkennen; gebruik een EPSG-code."))
    rijen = []
    kolommen: set[str] = set()
    for nummer, feature in enumerate(data["features"], start=1):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise BestandFout(_("Object %(n)s is geen geldige GeoJSON Feature.") % {"n": nummer})
        try:
            geometrie = shapely.geometry.shape(feature["geometry"]) if feature.get("geometry") else None
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
            raise BestandFout(_("Object %(n)s heeft een ongeldige geometrie.") % {"n": nummer}) from None
        rijen.append((feature["properties"], geometrie))
        kolommen.update(feature["properties"])
    velden = _veldnamen(kolommen)
    if ontbrekend := _ontbrekend(velden):
        raise BestandFout(_("Het bestand mist de velden: %(velden)s.") % {"velden": ", ".join(ontbrekend)})
    if epsg is None:
        epsg = _raad_epsg([g for _, g in rijen if g is not None])
    return Gelezen(_features(rijen, velden, epsg), epsg, "inwoners" in velden)


# --- GeoPackage ------------------------------------------------------------------------------------------------


def gpkg_geometrie(blob: bytes):
    """Parse a GeoPackage geometry blob (header 'GP', version, flags, srs_id, envelope, then WKB)."""
    if blob is None:
        return None
    blob = bytes(blob)
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("no GeoPackage geometry header")
    flags = blob[3]
    if flags & 0b0010_0000:
        raise ValueError("extended GeoPackage geometry")
    if flags & 0b0001_0000:
        return None  # empty geometry
    envelope = (flags >> 1) & 0b111
    if envelope not in ENVELOPE_BYTES:
        raise ValueError("invalid envelope indicator")
    return shapely.from_wkb(blob[8 + ENVELOPE_BYTES[envelope] :])


def gpkg_srs_id(blob: bytes) -> int:
    byteorder = "<" if blob[3] & 1 else ">"
    return struct.unpack(f"{byteorder}i", bytes(blob[4:8]))[0]


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def lees_geopackage(pad: Path) -> Gelezen:
    try:
        connection = sqlite3.connect(f"{pad.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BestandFout(_("Het GeoPackage kan niet worden geopend: %(fout)s") % {"fout": exc}) from None
    try:
        return _lees_geopackage(connection)
    except sqlite3.Error as exc:
        raise BestandFout(_("Het GeoPackage is onleesbaar: %(fout)s") % {"fout": exc}) from None
    finally:
        connection.close()


def _lees_geopackage(connection) -> Gelezen:
    try:
        lagen = connection.execute(
            "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
            "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'"
        ).fetchall()
    except sqlite3.DatabaseError:
        raise BestandFout(_("Het bestand is geen GeoPackage (de tabel gpkg_contents ontbreekt).")) from None
    buurtlagen, wijknamen = [], {}
    for tabel, kolom, srs_id in lagen:
        kolommen = [row[1] for row in connection.execute(f"PRAGMA table_info({_quote(tabel)})")]  # noqa: S608
        velden = _veldnamen(kolommen)
        if "buurtcode" in velden:
            buurtlagen.append((tabel, kolom, srs_id, velden))
        elif "wijkcode" in velden and "wijknaam" in velden:
            # Identifiers from the file's own schema, quoted; the file is opened read-only.
            wijk_sql = f"SELECT {_quote(velden['wijkcode'])}, {_quote(velden['wijknaam'])} FROM {_quote(tabel)}"  # noqa: S608 # nosec B608
            wijknamen.update({str(code): str(naam) for code, naam in connection.execute(wijk_sql) if code and naam})
    if not buurtlagen:
        raise BestandFout(_("Het GeoPackage heeft geen laag met buurten (veld BU_CODE of buurtcode)."))
    buurtlagen.sort(key=lambda laag: ("buurt" not in laag[0].lower(), laag[0]))
    tabel, kolom, srs_id, velden = buurtlagen[0]
    if ontbrekend := _ontbrekend(velden):
        raise BestandFout(_("Het GeoPackage mist de velden: %(velden)s.") % {"velden": ", ".join(ontbrekend)})
    epsg = _gpkg_epsg(connection, srs_id)
    namen = list(dict.fromkeys(velden.values()))
    # Identifiers from the file's own schema, quoted; the file is opened read-only.
    kolommen_sql = ", ".join(_quote(n) for n in namen)
    query = f"SELECT {_quote(kolom)}, {kolommen_sql} FROM {_quote(tabel)}"  # noqa: S608 # nosec B608
    rijen = []
    for row in connection.execute(query):
        props = dict(zip(namen, row[1:], strict=True))
        try:
            geometrie = gpkg_geometrie(row[0])
        except (ValueError, shapely.errors.GEOSException):
            raise BestandFout(
                _("Buurt %(buurt)s heeft een ongeldige geometrie.") % {"buurt": props.get(velden["buurtcode"])}
            ) from None
        rijen.append((props, geometrie))
    return Gelezen(_features(rijen, velden, epsg, wijknamen), epsg, "inwoners" in velden)


def _gpkg_epsg(connection, srs_id: int) -> int:
    row = connection.execute(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)
    ).fetchone()
    if row and str(row[0]).upper() == "EPSG" and row[1]:
        return int(row[1])
    if srs_id in (WGS84, RD_NEW):
        return srs_id
    raise BestandFout(_("Het coördinatenstelsel van het GeoPackage (srs_id %(srs)s) is onbekend.") % {"srs": srs_id})


def lees_bestand(pad) -> Gelezen:
    """Read a GeoPackage or GeoJSON file, recognised by its content."""
    pad = Path(pad)
    if not pad.is_file():
        raise BestandFout(_("Bestand %(pad)s bestaat niet.") % {"pad": pad})
    with pad.open("rb") as handle:
        begin = handle.read(16)
    if begin == SQLITE_MAGIC:
        return lees_geopackage(pad)
    if begin.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{":
        return lees_geojson(pad)
    raise BestandFout(_("Onbekend bestandsformaat: gebruik een GeoPackage (.gpkg) of GeoJSON (.geojson)."))


def jaar_uit_naam(pad) -> int | None:
    """The year in a file name such as ``wijkenbuurten_2024_v1.gpkg``."""
    match = re.search(r"(?<!\d)(20\d\d)(?!\d)", Path(pad).name)
    return int(match.group(1)) if match else None
