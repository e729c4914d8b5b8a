"""The geo commands as a user runs them: geocode, gazetteer load/download/info, eval."""

import csv
import functools
import http.server
import json
import threading
import zipfile
from pathlib import Path

import pytest

GEONAMES_ROWS = [
    ["999001", "Tell Shaair", "Tell Shaair", "Tal Shair,تل شعير", "36.3", "37.3", "P", "PPL",
     "SY", "", "09", "", "", "", "0", "", "400", "Asia/Damascus", "2020-01-01"],
    ["999002", "Khirbat Test", "Khirbat Test", "Khirbet Test", "36.4", "37.4", "P", "PPL",
     "SY", "", "09", "", "", "", "0", "", "400", "Asia/Damascus", "2020-01-01"],
]

TEXT = "Flooding hit Alexandria, Louisiana and Paris on Monday; Qxqxqxq was spared."


def _toponym(phrase: str, geonameid: str, lat: float, lon: float) -> str:
    start = TEXT.index(phrase)
    return (f"<toponym><start>{start}</start><end>{start + len(phrase)}</end>"
            f"<phrase>{phrase}</phrase><gaztag geonameid=\"{geonameid}\"><lat>{lat}</lat>"
            f"<lon>{lon}</lon></gaztag></toponym>")


def gold_xml() -> str:
    toponyms = "".join([_toponym("Alexandria", "4314550", 31.3113, -92.4451),
                        _toponym("Louisiana", "4331987", 31.0, -92.0),
                        _toponym("Qxqxqxq", "1", 0.0, 0.0)])
    return (f"<?xml version=\"1.0\"?><articles><article docid=\"1\"><text>{TEXT}</text>"
            f"<toponyms>{toponyms}</toponyms></article></articles>")


@pytest.fixture
def geo_env(geoparser, monkeypatch, tmp_path):
    """The CLI on the session's built index, with a private user database."""
    monkeypatch.setenv("HARMWATCH_CACHE", str(geoparser.embedded.path.parent.parent))
    monkeypatch.setenv("HARMWATCH_GAZETTEER_DB", str(tmp_path / "user.sqlite"))
    return tmp_path


def test_geocode_name_as_json(cli, geo_env):
    r = cli("geocode", "Dayr az Zawr", "--country", "SY", "--format", "json", "-n", "2")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows[0]["geonameid"] == "170794" and rows[0]["country"] == "SY"
    assert set(rows[0]) >= {"name", "id", "lat", "lon", "admin1", "feature", "score", "source"}


def test_geocode_table_and_unknown_name(cli, geo_env):
    assert "163750" in cli("geocode", "Tel Abyad").stdout  # Tall Abyaḑ
    r = cli("geocode", "Qxqxqxq")
    assert r.exit_code == 1 and "no place found" in r.stdout


def test_geocode_usage_errors(cli, geo_env):
    assert cli("geocode").exit_code == 2
    assert cli("geocode", "Raqqa", "--format", "xml").exit_code == 2
    assert cli("geocode", "--csv", geo_env / "x.csv").exit_code == 2


def test_geocode_csv_streams_ten_thousand_rows_in_order(cli, geo_env):
    names = ["Albu Kamal", "Raqqa", "البوكمال", "Qxqxqxq village", "", "Tel Abyad", "Manbij"]
    source = geo_env / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "village", "province"])
        for i in range(10_000):
            writer.writerow([i, names[i % len(names)], "Raqqa" if i % 2 else ""])
    target = geo_env / "out.csv"
    r = cli("geocode", "--csv", source, "--name-column", "village", "--admin1-column",
            "province", "--country", "SY", "-o", target)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 10_000
    assert [int(row["row"]) for row in rows] == list(range(10_000))
    assert rows[0]["match_name"] == "Ālbū Kamāl" and float(rows[0]["lat"]) == pytest.approx(
        34.452, abs=0.01)
    assert rows[3]["lat"] == "" and rows[4]["match_name"] == ""
    assert rows[5]["match_source"] == "geonames" and rows[5]["match_name"] == "Tall Abyaḑ"


def test_geocode_csv_names_a_missing_column(cli, geo_env):
    source = geo_env / "in.csv"
    source.write_text("place\nRaqqa\n", encoding="utf-8")
    r = cli("geocode", "--csv", source, "--name-column", "village")
    assert r.exit_code == 1 and "no column 'village'" in r.stderr


def test_gazetteer_load_then_geocode_and_info(cli, geo_env):
    places = geo_env / "archive.json"
    places.write_text(json.dumps([
        {"name": "Hay al-Sukkari", "arabic_name": "حي السكري", "latitude": "36.17",
         "longitude": "37.16", "region": "ALEPPO ", "id": 1},
        {"name": "Broken", "latitude": "north", "longitude": "", "id": 2},
    ], ensure_ascii=False), encoding="utf-8")
    r = cli("gazetteer", "load", places, "--country", "SY")
    assert r.exit_code == 0, r.output
    assert "1 place(s) loaded" in r.stdout and "1 row(s) skipped" in r.stderr
    best = json.loads(cli("geocode", "Hay al Sukari", "--format", "json").stdout)[0]
    assert best["source"] == "archive" and best["admin1"] == "Aleppo"
    info = cli("gazetteer", "info")
    assert info.exit_code == 0 and "archive" in info.stdout and "geonames" in info.stdout


def test_gazetteer_load_with_nothing_readable_fails(cli, geo_env):
    places = geo_env / "empty.csv"
    places.write_text("name,lat,lon\nX,,\n", encoding="utf-8")
    r = cli("gazetteer", "load", places)
    assert r.exit_code == 1 and "no place could be read" in r.stderr


@pytest.fixture
def dump_server(tmp_path):
    """A local HTTP server serving SY.zip (a small GeoNames dump)."""
    folder = tmp_path / "www"
    folder.mkdir()
    with zipfile.ZipFile(folder / "SY.zip", "w") as archive:
        archive.writestr("SY.txt", "\n".join("\t".join(r) for r in GEONAMES_ROWS) + "\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_gazetteer_download_fetches_and_loads(cli, geo_env, dump_server):
    r = cli("gazetteer", "download", "SY", "--base-url", dump_server)
    assert r.exit_code == 0, r.output
    assert "SY: 2 place(s) loaded" in r.stdout
    best = json.loads(cli("geocode", "Tal Shair", "--format", "json").stdout)[0]
    assert best["source"] == "geonames-dump" and best["geonameid"] == "999001"


def test_gazetteer_download_reports_a_missing_dump(cli, geo_env, dump_server):
    r = cli("gazetteer", "download", "IQ", "--base-url", dump_server)
    assert r.exit_code == 1 and "IQ.zip" in r.stderr and "download failed" in r.stderr
    assert cli("gazetteer", "download", "Syria", "--base-url", dump_server).exit_code == 2


def test_eval_geoparsing_on_a_small_corpus(cli, geo_env):
    folder = geo_env / "gold"
    folder.mkdir()
    (folder / "lgl.xml").write_text(gold_xml(), encoding="utf-8")
    r = cli("eval", "geoparsing", folder, "--json")
    assert r.exit_code == 0, r.output
    rows = {row["part"]: row for row in json.loads(r.stdout)}
    assert set(rows) == {"write", "check"}
    [row] = [row for row in rows.values() if row["toponyms"]]  # the one article's part
    assert row["corpus"] == "LGL" and row["toponyms"] == 3
    assert row["exact"] == 2 and row["within_161"] == 2 and row["unresolved"] == 1
    assert row["mordecai3_exact_pct"] == 79.4


def test_eval_places_on_a_small_sheet(cli, geo_env):
    sheet = geo_env / "airwars.csv"
    sheet.write_text(
        "code,location_en,location_ar,region_en,lat,lon\n"
        "A1,Albu Kamal,البوكمال,Deir Ezzor,34.4523,40.9185\n"
        "A2,Hay Unknown,حي مجهول,Aleppo,36.1,37.1\n"
        "A3,Raqqa,,Raqqa,30.0,30.0\n", encoding="utf-8")
    listing = geo_env / "list.csv"
    listing.write_text("name,arabic_name,lat,lon\nHay Unknown,حي مجهول,36.1,37.1\n",
                       encoding="utf-8")
    r = cli("eval", "places", sheet, "--gazetteer", listing, "--json")
    assert r.exit_code == 0, r.output
    shares = json.loads(r.stdout)["within_10km_pct"]
    assert shares["en embedded"] == pytest.approx(33.3)
    assert shares["en with list.csv"] == pytest.approx(66.7)
    assert shares["ar with list.csv"] == 100.0


SEED = Path("/work/shared/corpus/seed/deir-ezzor-sound-and-picture.txt")


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed report is not on this machine")
def test_extract_resolves_the_seed_report_places(cli, geo_env):
    r = cli("extract", SEED, "--published", "2015-09-01")
    assert r.exit_code == 0, r.output
    places = json.loads(r.stdout)["places"]
    by_text = {}
    for place in places:
        by_text.setdefault(place["text"], []).append(place)
    expected = {"Albu Kamal": (34.452, 40.919), "Tal Abiad": (36.696, 38.954),
                "Aleppo": (36.201, 37.161), "Hasaka": (36.502, 40.748),
                "Deir Ezzor": (35.336, 40.141), "Raqqa": (35.95, 38.75)}
    for text, (lat, lon) in expected.items():
        place = by_text[text][0]
        assert abs(place["lat"] - lat) < 0.1 and abs(place["lon"] - lon) < 0.1, place
    assert by_text["Raqqa province"][0]["precision"] == 3
    assert all(p["country"] in ("SY", "IQ") for p in places if p["resolved"])
