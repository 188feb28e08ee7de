"""Importing the CBS wijk- en buurtkaart, and assigning addresses and signals to buurten."""

import datetime as dt
import json
import sqlite3

import pytest
import shapely
from django.core.management import CommandError, call_command

from regiekamer.conftest import make_signaal
from regiekamer.gebieden import testing, toewijzing
from regiekamer.gebieden.bestanden import RD_NEW, WGS84, BestandFout, gpkg_geometrie
from regiekamer.gebieden.models import Buurtgrens, Indeling, Wijkgrens
from regiekamer.gebieden.services import importeer_bestand
from regiekamer.inzicht import services as inzicht_services
from regiekamer.signalen.models import Signaal
from regiekamer.subjects.models import Adres, Buurt
from regiekamer.subjects.services import AdresGegevens, find_or_create_adres

pytestmark = pytest.mark.django_db


def _adres(tenant, postcode, huisnummer, lat=None, lon=None):
    adres, _ = find_or_create_adres(tenant.gemeente, AdresGegevens(postcode=postcode, huisnummer=huisnummer))
    # Set (or, without lat/lon, clear) the coordinates the synthetic BAG gave.
    Adres.objects.filter(pk=adres.pk).update(latitude=lat, longitude=lon)
    adres.refresh_from_db()
    return adres


@pytest.mark.parametrize(
    ("formaat", "epsg"),
    [("geojson", WGS84), ("geojson", RD_NEW), ("gpkg", RD_NEW), ("gpkg", WGS84)],
)
def test_import_reads_geojson_and_geopackage_in_rd_new_and_wgs84(tenant, tmp_path, formaat, epsg):
    buurten = testing.vier_buurten()
    pad = tmp_path / f"wijkenbuurten_2024.{formaat}"
    if formaat == "geojson":
        testing.schrijf_geojson(pad, buurten, epsg)
    else:
        testing.schrijf_geopackage(pad, buurten, epsg)

    [resultaat] = importeer_bestand(pad)

    assert (resultaat.gemeente, resultaat.jaar, resultaat.buurten, resultaat.wijken) == (tenant.gemeente, 2024, 4, 2)
    indeling = Indeling.objects.get(gemeente=tenant.gemeente)
    assert indeling.bron_crs == f"EPSG:{epsg}"
    grenzen = {g.code: g for g in Buurtgrens.objects.filter(indeling=indeling)}
    assert set(grenzen) == {"BU99010101", "BU99010102", "BU99010201", "BU99010202"}
    centrum = shapely.from_geojson(grenzen["BU99010101"].geometrie)
    # Reprojected back to WGS84 within centimetres of the original square.
    assert centrum.symmetric_difference(testing.rechthoek(6.48, 53.0, 6.50, 53.02)).area < 1e-9
    assert grenzen["BU99010101"].min_lon == pytest.approx(6.48, abs=1e-6)
    # Inhabitants; CBS's negative sentinel means unknown.
    assert [grenzen[c].inwoners for c in sorted(grenzen)] == [1000, 2000, None, 500]
    # Wijken are the union of their buurten.
    west = Wijkgrens.objects.get(indeling=indeling, code="WK990101")
    assert west.naam == "West"
    assert shapely.from_geojson(west.geometrie).area == pytest.approx(0.02 * 0.04, rel=1e-4)
    # The current buurten: the existing one updated, the new ones created, postcodes kept.
    buurt = Buurt.objects.get(pk=tenant.buurt.pk)
    assert (buurt.naam, buurt.wijk, buurt.wijk_code, buurt.inwoners) == ("Centrum", "West", "WK990101", 1000)
    assert buurt.postcodes == "9901,9902"
    assert Buurt.objects.filter(gemeente=tenant.gemeente).count() == 4
    assert Buurt.objects.get(gemeente=tenant.gemeente, code="BU99010201").inwoners is None


def test_import_of_lowercase_fields_and_wijk_names_from_a_wijken_layer(tenant, tmp_path):
    """The newer CBS GeoPackages name the fields in lower case; wijk names may come from the wijken layer."""
    buurten = [
        (
            {
                "buurtcode": p["BU_CODE"],
                "buurtnaam": p["BU_NAAM"],
                "wijkcode": p["WK_CODE"],
                "gemeentecode": p["GM_CODE"],
                "aantal_inwoners": p["AANT_INW"],
            },
            g,
        )
        for p, g in testing.vier_buurten()
    ]
    pad = tmp_path / "wijkenbuurten_2023_v1.gpkg"
    testing.schrijf_geopackage(
        pad, buurten, kolommen=["buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "aantal_inwoners"]
    )
    connection = sqlite3.connect(pad)
    connection.execute("CREATE TABLE wijken (fid INTEGER PRIMARY KEY, geom BLOB, wijkcode TEXT, wijknaam TEXT)")
    connection.execute("INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES ('wijken', 'features', 28992)")
    connection.execute("INSERT INTO gpkg_geometry_columns VALUES ('wijken', 'geom', 'MULTIPOLYGON', 28992, 0, 0)")
    connection.executemany(
        "INSERT INTO wijken (wijkcode, wijknaam) VALUES (?, ?)", [("WK990101", "Wijk West"), ("WK990102", "Wijk Oost")]
    )
    connection.commit()
    connection.close()

    importeer_bestand(pad, gemeente_code="GM9901")

    assert Indeling.objects.get(gemeente=tenant.gemeente).jaar == 2023
    assert Buurt.objects.get(pk=tenant.buurt.pk).wijk == "Wijk West"
    assert Buurt.objects.get(gemeente=tenant.gemeente, code="BU99010202").inwoners == 500


def test_gpkg_geometry_header_is_parsed_with_and_without_envelope():
    vlak = testing.rechthoek(1, 2, 3, 4)
    assert gpkg_geometrie(testing.gpkg_blob(vlak, 4326)).equals(vlak)
    zonder = b"GP" + bytes([0, 1]) + (4326).to_bytes(4, "little") + shapely.to_wkb(vlak)
    assert gpkg_geometrie(zonder).equals(vlak)


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"hallo", "Onbekend bestandsformaat"),
        (b"{ niet json", "geen geldige GeoJSON"),
        (json.dumps({"type": "Feature"}).encode(), "geen GeoJSON FeatureCollection"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [{"type": "Feature", "properties": {"BU_CODE": "x"}, "geometry": None}],
                }
            ).encode(),
            "mist de velden: BU_NAAM, WK_CODE, GM_CODE",
        ),
    ],
)
def test_bad_files_give_a_dutch_error_and_import_nothing(tenant, tmp_path, inhoud, melding):
    pad = tmp_path / "grenzen_2024.geojson"
    pad.write_bytes(inhoud)
    with pytest.raises(BestandFout, match=melding):
        importeer_bestand(pad)
    assert not Indeling.objects.exists()


def test_invalid_code_or_unknown_gemeente_or_missing_year(tenant, tmp_path):
    buurten = testing.vier_buurten()
    buurten[2] = ({**buurten[2][0], "BU_CODE": "BU12"}, buurten[2][1])
    pad = testing.schrijf_geojson(tmp_path / "grenzen_2024.geojson", buurten)
    with pytest.raises(BestandFout, match="ongeldige BU_CODE 'BU12'"):
        importeer_bestand(pad)
    pad = testing.schrijf_geojson(tmp_path / "grenzen.geojson", testing.vier_buurten())
    with pytest.raises(BestandFout, match="geef het op met --jaar"):
        importeer_bestand(pad)
    with pytest.raises(BestandFout, match="GM0001 is niet bekend"):
        importeer_bestand(pad, jaar=2024, gemeente_code="GM0001")
    assert not Indeling.objects.exists()
    assert not Buurt.objects.filter(wijk_code__gt="").exists()


def test_import_is_atomic_when_a_later_gemeente_fails(tenant, other_tenant, tmp_path, monkeypatch):
    buurten = testing.vier_buurten() + testing.vier_buurten("GM9902", "9902")
    pad = testing.schrijf_geojson(tmp_path / "grenzen_2024.geojson", buurten)
    from regiekamer.gebieden import services

    echte = services.importeer_indeling

    def faalt_bij_tweede(gemeente, *args, **kwargs):
        if gemeente == other_tenant.gemeente:
            raise RuntimeError("stroomstoring")
        return echte(gemeente, *args, **kwargs)

    monkeypatch.setattr(services, "importeer_indeling", faalt_bij_tweede)
    with pytest.raises(RuntimeError):
        importeer_bestand(pad)
    assert not Indeling.objects.exists()
    assert Buurt.objects.get(pk=tenant.buurt.pk).wijk_code == ""


def test_command_reports_and_refuses_bad_files(tenant, tmp_path, capsys):
    pad = testing.schrijf_geojson(tmp_path / "buurten.geojson", testing.vier_buurten())
    call_command("import_gebieden", str(pad), "--jaar", "2024", "--gemeente", "GM9901")
    assert "Zuiderveen (GM9901) 2024: 4 buurten, 2 wijken" in capsys.readouterr().out
    kapot = tmp_path / "kapot.geojson"
    kapot.write_text("{}")
    with pytest.raises(CommandError, match="Niets ingelezen"):
        call_command("import_gebieden", str(kapot), "--jaar", "2024")


# --- Assignment --------------------------------------------------------------------------------------------


def test_intake_assigns_by_point_in_polygon_else_by_postcode(tenant, tmp_path, monkeypatch):
    importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2024.geojson", testing.vier_buurten()))
    oost = Buurt.objects.get(gemeente=tenant.gemeente, code="BU99010201")
    from regiekamer.bronnen import registry
    from regiekamer.bronnen.connectors import BagAdres

    # The BAG gives coordinates in Oost, although the postcode (9901) belongs to Centrum.
    monkeypatch.setattr(registry, "bag_lookup", lambda g, pc, nr: BagAdres("Kade", "Zuiderveen", 53.01, 6.51))
    adres, _ = find_or_create_adres(tenant.gemeente, AdresGegevens(postcode="9901AB", huisnummer=1))
    assert adres.buurt == oost
    # Without coordinates: the postcode.
    monkeypatch.setattr(registry, "bag_lookup", lambda g, pc, nr: None)
    adres, _ = find_or_create_adres(tenant.gemeente, AdresGegevens(postcode="9901AB", huisnummer=2))
    assert adres.buurt == tenant.buurt
    # Coordinates outside every buurt: the postcode as well.
    monkeypatch.setattr(registry, "bag_lookup", lambda g, pc, nr: BagAdres("Kade", "Elders", 52.0, 5.0))
    adres, _ = find_or_create_adres(tenant.gemeente, AdresGegevens(postcode="9901AB", huisnummer=3))
    assert adres.buurt == tenant.buurt
    assert toewijzing.buurt_op_punt(tenant.gemeente, 52.99, 6.49).code == "BU99010102"
    assert toewijzing.buurt_op_punt(tenant.gemeente, 52.0, 5.0) is None


def test_signal_gets_the_buurt_of_its_first_address(tenant, tmp_path):
    importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2024.geojson", testing.vier_buurten()))
    _adres(tenant, "9901AB", 7, 53.01, 6.51)  # Oost by its coordinates
    signaal = make_signaal(tenant, adressen=[AdresGegevens(postcode="9901AB", huisnummer=7)])
    assert signaal.buurt.code == "BU99010201"


def test_new_year_reassigns_addresses_and_signals_but_keeps_explicit_buurten(tenant, tmp_path):
    importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2023.geojson", testing.vier_buurten()))
    centrum = Buurt.objects.get(gemeente=tenant.gemeente, code="BU99010101")
    oost = Buurt.objects.get(gemeente=tenant.gemeente, code="BU99010201")
    zuidoost = Buurt.objects.get(gemeente=tenant.gemeente, code="BU99010202")
    a = _adres(tenant, "9901AA", 1, 53.01, 6.505)  # Oost in 2023
    b = _adres(tenant, "9901AA", 2, 53.01, 6.49)  # Centrum
    c = _adres(tenant, "9901AA", 3)  # no coordinates: postcode -> Centrum
    toewijzing.wijs_buurten_toe(tenant.gemeente)
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.buurt, b.buurt, c.buurt) == (oost, centrum, centrum)
    volgt = make_signaal(
        tenant,
        adressen=[AdresGegevens(postcode="9901AA", huisnummer=1), AdresGegevens(postcode="9901AA", huisnummer=2)],
    )
    expliciet = make_signaal(tenant, adressen=[AdresGegevens(postcode="9901AA", huisnummer=1)], buurt="BU99010202")
    zonder_adres = make_signaal(tenant, adressen=[], buurt="BU99010202")
    assert (volgt.buurt, expliciet.buurt, zonder_adres.buurt) == (oost, zuidoost, zuidoost)

    # 2024: Oost gives its western strip (lon 6.50-6.51) to Centrum.
    buurten = testing.vier_buurten()
    buurten[0] = (buurten[0][0], testing.rechthoek(6.48, 53.0, 6.51, 53.02))
    buurten[2] = (buurten[2][0], testing.rechthoek(6.51, 53.0, 6.52, 53.02))
    [resultaat] = importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2024.geojson", buurten))

    assert resultaat.actueel and resultaat.toewijzing.adressen == 1
    a.refresh_from_db()
    assert a.buurt == centrum
    assert Signaal.objects.get(pk=volgt.pk).buurt == centrum  # follows its first address
    assert Signaal.objects.get(pk=expliciet.pk).buurt == zuidoost  # chosen explicitly: kept
    assert Signaal.objects.get(pk=zonder_adres.pk).buurt == zuidoost
    # The figures counted per buurt moved with the signal.
    assert inzicht_services.controleer(tenant.gemeente) == []

    # Importing an older year again keeps 2024 current and changes no assignment.
    [ouder] = importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2023.geojson", testing.vier_buurten()))
    assert (ouder.actueel, ouder.vervangen, ouder.toewijzing) == (False, True, None)
    assert toewijzing.actuele_indeling(tenant.gemeente).jaar == 2024
    a.refresh_from_db()
    assert a.buurt == centrum
    assert Indeling.objects.filter(gemeente=tenant.gemeente).count() == 2
    # Re-importing 2024 replaces it: still one set for that year.
    importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2024.geojson", buurten))
    assert Indeling.objects.filter(gemeente=tenant.gemeente, jaar=2024).count() == 1
    assert Buurtgrens.objects.filter(gemeente=tenant.gemeente).count() == 8


def test_reassignment_matches_intake_for_every_address(tenant, tmp_path):
    """The bulk run and the per-address intake rule agree (a direct computation over all addresses)."""
    for nummer in range(1, 40):
        _adres(tenant, "9901AB", nummer, 52.981 + (nummer % 7) * 0.0055, 6.481 + (nummer % 5) * 0.0075)
    _adres(tenant, "9902AB", 1)
    importeer_bestand(testing.schrijf_geojson(tmp_path / "b_2024.geojson", testing.vier_buurten()))
    for adres in Adres.objects.filter(gemeente=tenant.gemeente):
        verwacht = (
            toewijzing.buurt_op_punt(tenant.gemeente, adres.latitude, adres.longitude) if adres.latitude else None
        )
        assert adres.buurt == (verwacht or tenant.buurt), adres
    assert toewijzing.nieuwe_adresbuurten(tenant.gemeente) == {}


def test_addresses_of_another_gemeente_are_untouched(tenant, other_tenant, tmp_path):
    ander, _ = find_or_create_adres(other_tenant.gemeente, AdresGegevens(postcode="9901AB", huisnummer=1))
    Adres.objects.filter(pk=ander.pk).update(latitude=53.01, longitude=6.51, buurt=other_tenant.buurt)
    importeer_bestand(
        testing.schrijf_geojson(tmp_path / "b_2024.geojson", testing.vier_buurten()), gemeente_code="GM9901"
    )
    ander.refresh_from_db()
    assert ander.buurt == other_tenant.buurt
    assert dt.date.today()  # keep the import used


def test_demo_boundaries_tile_each_gemeente_and_hold_its_synthetic_addresses(db):
    """The shipped demo files import as they are; every address the synthetic BAG can give lies inside the buurt
    of its postcode, so intake by point-in-polygon and by postcode agree in the demo."""
    from regiekamer.accounts.services import create_gemeente
    from regiekamer.demo import data, grenzen

    for spec in data.GEMEENTEN:
        gemeente = create_gemeente(spec.naam, spec.cbs_code)
        for buurt in spec.buurten:
            Buurt.objects.create(
                gemeente=gemeente,
                code=buurt.code,
                naam=buurt.naam,
                postcodes=",".join(buurt.postcodes),
                latitude=buurt.latitude,
                longitude=buurt.longitude,
            )
        [resultaat] = importeer_bestand(grenzen.bestand(spec))
        assert (resultaat.gemeente, resultaat.jaar, resultaat.buurten) == (gemeente, grenzen.JAAR, len(spec.buurten))
        vlakken = [
            shapely.from_geojson(g)
            for g in Buurtgrens.objects.filter(gemeente=gemeente).values_list("geometrie", flat=True)
        ]
        assert shapely.union_all(vlakken).geom_type == "Polygon"  # one contiguous gemeente
        assert sum(v.area for v in vlakken) == pytest.approx(shapely.union_all(vlakken).area, rel=1e-6)  # no overlap
        for buurt in spec.buurten:
            stored = Buurt.objects.get(gemeente=gemeente, code=buurt.code)
            assert (stored.latitude, stored.longitude) == (buurt.latitude, buurt.longitude)  # reference point kept
            assert stored.inwoners == grenzen.INWONERS[buurt.code]
            grens = shapely.from_geojson(Buurtgrens.objects.get(gemeente=gemeente, code=buurt.code).geometrie)
            assert grens.contains(grenzen.bag_vak(buurt)), buurt.code
            for postcode in buurt.postcodes:
                for nummer in (1, 57, 180):
                    adres, _ = find_or_create_adres(
                        gemeente, AdresGegevens(postcode=f"{postcode}AB", huisnummer=nummer)
                    )
                    assert adres.latitude is not None
                    assert adres.buurt == stored
