"""Loading place lists (Syrian Archive shape, CSV) and GeoNames dumps (.txt, .zip)."""

import json
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmwatch.errors import SourceError
from harmwatch.geo.index import GazetteerDB
from harmwatch.geo.loaders import FieldMapping, LoadReport, read_geonames, read_place_list
from harmwatch.geo.manage import load_file
from harmwatch.geo.names import NameRules

# The shape of ../shared/gazetteers/syrianarchive-locations.json (values made up).
ARCHIVE = [
    {"latlon": "36.1, 37.1", "name": "ALEPPO ", "region": "ALEPPO ", "longitude": "37.10",
     "arabic_name": "حلب", "latitude": "36.10", "id": 0},
    {"latlon": "36°11'19\"N 37°6'8\"E", "name": "Hay al-Sukkari", "region": "ALEPPO ",
     "longitude": "37.1600", "arabic_name": " حي السكري", "latitude": "36.1700", "id": 1},
    {"latlon": "", "name": "Nowhere", "region": "IDLIB", "longitude": "", "arabic_name": "",
     "latitude": "", "id": 2},
    {"latlon": "35.9, 36.6", "name": "Kafr Nabl", "region": "IDLIB", "longitude": "",
     "arabic_name": "كفرنبل", "latitude": "", "id": 3},
]

GEONAMES_LINES = [
    ["170063", "Aleppo", "Aleppo", "Halab,Alep,حلب", "36.20124", "37.16117", "P", "PPLA", "SY",
     "", "09", "", "", "", "2098210", "", "390", "Asia/Damascus", "2020-01-01"],
    ["170062", "Aleppo Governorate", "Aleppo Governorate", "Halab,محافظة حلب", "36.25",
     "37.5", "A", "ADM1", "SY", "", "09", "", "", "", "4867991", "", "400", "Asia/Damascus",
     "2020-01-01"],
    ["999001", "Tell Shaair", "Tell Shaair", "Tal Shair,تل شعير", "36.3", "37.3", "P", "PPL",
     "SY", "", "09", "", "", "", "0", "", "400", "Asia/Damascus", "2020-01-01"],
    ["bad", "line"],
]


def write_dump(path):
    path.write_text("\n".join("\t".join(cols) for cols in GEONAMES_LINES) + "\n",
                    encoding="utf-8")
    return path


def test_syrian_archive_shape_loads_with_the_built_in_mapping(tmp_path):
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(ARCHIVE, ensure_ascii=False), encoding="utf-8")
    report = LoadReport(source="archive")
    records = list(read_place_list(path, FieldMapping(), report, default_country="SY"))
    assert [r.name for r in records] == ["ALEPPO", "Hay al-Sukkari", "Kafr Nabl"]
    assert records[0].admin1 == "Aleppo" and records[0].country == "SY"
    assert records[1].names == ["Hay al-Sukkari", "حي السكري"]
    assert (records[2].lat, records[2].lon) == (35.9, 36.6)  # from "latlon"
    assert report.skipped == [("item 2", "no usable latitude/longitude")]


def test_explicit_field_mapping_and_unknown_fields(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("village,y_coord,x_coord\nTell Baz,36.5,38.1\n", encoding="utf-8")
    report = LoadReport(source="mine")
    mapping = FieldMapping(name="village", lat="y_coord", lon="x_coord")
    [record] = read_place_list(path, mapping, report)
    assert (record.name, record.lat, record.lon) == ("Tell Baz", 36.5, 38.1)
    with pytest.raises(SourceError, match="no field 'town'"):
        list(read_place_list(path, FieldMapping(name="town"), report))
    with pytest.raises(SourceError, match="latitude/longitude"):
        list(read_place_list(path, FieldMapping(name="village"), report))


@pytest.mark.parametrize("zipped", [False, True])
def test_geonames_dump_plain_and_zipped(tmp_path, zipped):
    path = write_dump(tmp_path / "SY.txt")
    if zipped:
        with zipfile.ZipFile(tmp_path / "SY.zip", "w") as archive:
            archive.write(path, "SY.txt")
            archive.writestr("readme.txt", "not a dump")
        path = tmp_path / "SY.zip"
    report = LoadReport(source="geonames-dump")
    records = list(read_geonames(path, report))
    assert [r.source_id for r in records] == ["170063", "170062", "999001"]
    assert records[2].admin1 == "Aleppo Governorate"
    assert "Tal Shair" in records[2].names and "تل شعير" in records[2].names
    assert report.skipped and "columns" in report.skipped[0][1]


def test_load_file_into_a_user_database_and_replace_on_reload(tmp_path):
    db_path = tmp_path / "user.sqlite"
    dump = write_dump(tmp_path / "SY.txt")
    assert load_file(dump, db_path).places == 3
    assert load_file(dump, db_path).places == 3
    db = GazetteerDB.open(db_path, NameRules.load())
    counts = db.counts()
    assert list(counts) == ["geonames-dump"] and counts["geonames-dump"]["places"] == 3
    assert sum(counts["geonames-dump"]["features"].values()) == 3
    key = NameRules.load().key("Tal Shair")
    assert [c.name for c in db.by_keys([key])[key]] == ["Tell Shaair"]


def test_load_file_rejects_unknown_formats(tmp_path):
    odd = tmp_path / "places.xlsx"
    odd.write_bytes(b"PK")
    with pytest.raises(SourceError, match="unknown gazetteer format"):
        load_file(odd, tmp_path / "user.sqlite")
    with pytest.raises(SourceError, match="no such file"):
        load_file(tmp_path / "missing.csv", tmp_path / "user.sqlite")


@given(st.floats(-90, 90), st.floats(-180, 180), st.sampled_from([", ", ",", " ", "; "]))
def test_latlon_field_parses_any_valid_pair(lat, lon, separator):
    from harmwatch.geo.loaders import _coordinates

    row = {"latlon": f"{lat}{separator}{lon}"}
    fields = {"lat": None, "lon": None, "latlon": "latlon"}
    assert _coordinates(row, fields) == (pytest.approx(lat), pytest.approx(lon))


@given(st.floats(90.001, 1e6))
def test_out_of_range_latitudes_are_refused(lat):
    from harmwatch.geo.loaders import _coordinates

    assert _coordinates({"lat": str(lat), "lon": "10"},
                        {"lat": "lat", "lon": "lon", "latlon": None}) is None
