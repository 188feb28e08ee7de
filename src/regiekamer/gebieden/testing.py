"""Small boundary files for tests: a square gemeente split into buurten, written as GeoJSON or GeoPackage in
WGS84 or RD New. Built with shapely and pyproj; the GeoPackage is written with sqlite3 as the standard prescribes."""

import json
import sqlite3
import struct
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

from regiekamer.gebieden.bestanden import RD_NEW, WGS84


def rechthoek(min_lon, min_lat, max_lon, max_lat):
    return shapely.box(min_lon, min_lat, max_lon, max_lat)


def buurt(code, naam, wijkcode, wijknaam, gemeentecode, geometrie, inwoners=None, **extra):
    props = {"BU_CODE": code, "BU_NAAM": naam, "WK_CODE": wijkcode, "WK_NAAM": wijknaam, "GM_CODE": gemeentecode}
    if inwoners is not None:
        props["AANT_INW"] = inwoners
    props.update(extra)
    return props, geometrie


def _naar(epsg, geometrie):
    if epsg == WGS84:
        return geometrie
    transformer = Transformer.from_crs(WGS84, epsg, always_xy=True)
    return shapely.transform(geometrie, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def schrijf_geojson(pad: Path, buurten, epsg: int = WGS84, crs_lid: bool = True) -> Path:
    features = [
        {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(_naar(epsg, geometrie)))}
        for props, geometrie in buurten
    ]
    data = {"type": "FeatureCollection", "features": features}
    if epsg != WGS84 and crs_lid:
        data["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    pad.write_text(json.dumps(data))
    return pad


def gpkg_blob(geometrie, srs_id: int) -> bytes:
    minx, miny, maxx, maxy = geometrie.bounds
    flags = 0b0000_0011  # little-endian, envelope [minx, maxx, miny, maxy]
    header = b"GP" + bytes([0, flags]) + struct.pack("<i", srs_id) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geometrie)


def schrijf_geopackage(pad: Path, buurten, epsg: int = RD_NEW, tabel: str = "buurten", kolommen=None) -> Path:
    connection = sqlite3.connect(pad)
    connection.executescript(
        """
        PRAGMA application_id = 1196444487;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
            description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT,
            description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE,
            max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
        """
    )
    connection.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, 'undefined', '')", (f"EPSG:{epsg}", epsg, epsg)
    )
    kolommen = kolommen or ["BU_CODE", "BU_NAAM", "WK_CODE", "WK_NAAM", "GM_CODE", "AANT_INW"]
    definitie = ", ".join(f'"{kolom}" TEXT' for kolom in kolommen)
    connection.execute(f'CREATE TABLE "{tabel}" (fid INTEGER PRIMARY KEY, geom BLOB, {definitie})')
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES (?, 'features', ?)", (tabel, epsg)
    )
    connection.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)", (tabel, epsg))
    namen = ", ".join(f'"{kolom}"' for kolom in kolommen)
    plaatsen = ", ".join("?" for _ in kolommen)
    invoegen = f'INSERT INTO "{tabel}" (geom, {namen}) VALUES (?, {plaatsen})'  # noqa: S608 # nosec B608 - test data
    for props, geometrie in buurten:
        connection.execute(invoegen, [gpkg_blob(_naar(epsg, geometrie), epsg), *(props.get(k) for k in kolommen)])
    connection.commit()
    connection.close()
    return pad


def vier_buurten(gemeentecode="GM9901", prefix="9901", inwoners=(1000, 2000, -99999999, 500)):
    """A 2 x 2 grid around (6.5, 53.0): buurten 01/02 in wijk 01 (west), 03/04 in wijk 02 (east).
    The first buurt code equals the ``Tenant`` fixture's buurt (BU<prefix>0101)."""
    cellen = [
        ("0101", "Centrum", "01", "West", rechthoek(6.48, 53.0, 6.50, 53.02)),
        ("0102", "Haven", "01", "West", rechthoek(6.48, 52.98, 6.50, 53.0)),
        ("0201", "Oost", "02", "Oost", rechthoek(6.50, 53.0, 6.52, 53.02)),
        ("0202", "Zuidoost", "02", "Oost", rechthoek(6.50, 52.98, 6.52, 53.0)),
    ]
    return [
        buurt(f"BU{prefix}{code}", naam, f"WK{prefix}{wijk}", wijknaam, gemeentecode, geometrie, inwoners=inw)
        for (code, naam, wijk, wijknaam, geometrie), inw in zip(cellen, inwoners, strict=True)
    ]


def herbereken(gemeente) -> None:
    """Rebuild every summary of the gemeente (the figures' counts and the area summaries), as anything that changes
    signals around the services must; for tests that move dates or statuses directly."""
    from regiekamer.gebieden import tellingen
    from regiekamer.inzicht import services as cijfers

    cijfers.herbereken(gemeente, wegingen=False)
    tellingen.herbereken(gemeente)
