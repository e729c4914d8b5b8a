import json

SEED = ("Samer from Albu Kamal said to “Sound and Picture” reporter: “Coalition aircraft "
        "bombed Aisha hospital in Albu Kamal and killed three civilians there.”\n")


def test_extract_file_json_spans_slice_the_text(cli, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(SEED, encoding="utf-8")
    result = cli("extract", path, "--published", "2015-09-01")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    text = path.read_text(encoding="utf-8")
    event = data["events"][0]
    assert event["actor1"]["id"] == "coalition" and event["civilian_targeting"]
    start, end = event["evidence"]["span"]
    assert text[start:end] == event["evidence"]["text"]
    assert data["quotes"][0]["speaker"] == "Samer"
    assert data["document"]["published"] == "2015-09-01"


def test_extract_geojson_and_table(cli, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(SEED, encoding="utf-8")
    geojson = json.loads(cli("extract", path, "--format", "geojson").stdout)
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    assert geojson["features"][0]["properties"]["method"] == "air_strike"
    table = cli("extract", path, "--format", "table")
    assert table.exit_code == 0 and "hospital" in table.stdout


def test_batch_keeps_order_and_goes_past_bad_lines(cli, tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "a", "text": SEED, "published": "2015-09-01"}),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "Regime shelling killed two children in Douma."}),
    ]) + "\n", encoding="utf-8")
    result = cli("extract", "--batch", batch)
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "2", "c", "d"]
    assert "error" in rows[1] and "error" in rows[2]
    assert rows[3]["events"][0]["killed"]["children"] == {"min": 2, "max": 2}


def test_usage_errors(cli, tmp_path):
    assert cli("extract").exit_code == 2
    assert cli("extract", tmp_path / "x.txt", "--format", "xml").exit_code == 2
    missing = cli("extract", tmp_path / "missing.txt")
    assert missing.exit_code == 1 and "missing.txt" in missing.stderr


def test_actor_file_extends_the_dictionary(cli, tmp_path):
    actors = tmp_path / "mine.yaml"
    actors.write_text("actors:\n  - id: liwa_x\n    name: Liwa X\n    inter: 2\n"
                      "    aliases: [Liwa X]\n", encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text("Liwa X shelled a school in Tafas, killing four pupils.", encoding="utf-8")
    data = json.loads(cli("extract", path, "--actors", actors).stdout)
    assert data["events"][0]["actor1"]["id"] == "liwa_x"
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: 3", encoding="utf-8")
    assert cli("extract", path, "--actors", bad).exit_code == 2


def test_batch_lines_without_a_date_take_published(cli, tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": "x", "text": "Jets bombed Saraqib yesterday."}) + "\n",
                     encoding="utf-8")
    row = json.loads(cli("extract", "--batch", batch, "--published", "2016-02-10").stdout)
    assert row["document"]["published"] == "2016-02-10"
    assert row["events"][0]["date"]["start"] == "2016-02-09"
