"""Every export format on a built database, read back by the tools users read them with."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from harmwatch.exports import exporters, get_exporter, register, registry
from harmwatch.exports.acled import COLUMNS, interaction
from harmwatch.exports.acled_codes import AcledCodes
from harmwatch.store import IncidentFilters, IncidentRepository, open_database

SCHEMA = json.loads((Path(__file__).parent / "geojson.schema.json").read_text())
ACLED_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
DISORDER = {"Political violence", "Demonstrations", "Political violence; Demonstrations",
            "Strategic developments"}


def export(url: str, name: str, filters: IncidentFilters | None = None) -> bytes:
    repository = IncidentRepository(open_database(url))
    stream = io.BytesIO()
    get_exporter(name).write(repository.all(filters or IncidentFilters(sort="date")),
                             repository.events_of, stream)
    return stream.getvalue()


def test_acled_csv_loads_in_pandas_with_acleds_columns_and_valid_codes(built_db):
    frame = pd.read_csv(io.BytesIO(export(built_db, "acled")), keep_default_na=False)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 4
    for _, row in frame.iterrows():
        assert row.sub_event_type in ACLED_EVENT_TYPES[row.event_type]
        assert row.disorder_type in DISORDER
        assert row.inter1 in range(1, 9)
        assert row.inter2 in range(0, 9) and (row.inter2 == 0) == (row.actor2 == "")
        assert row.interaction == interaction(row.inter1, row.inter2)
        assert str(row.interaction)[0] <= str(row.interaction)[-1] or row.inter2 == 0
        assert row.geo_precision in (1, 2, 3) and row.time_precision in (1, 2, 3)
        assert row.civilian_targeting in ("Civilian targeting", "")
        assert (row.iso, row.country, row.region) == (760, "Syria", "Middle East")
        assert row.event_id_cnty.startswith("SYR") and row.event_id_cnty[3:].isdigit()
        assert pd.Timestamp(row.event_date).year == row.year
        assert row.fatalities >= 0 and row.timestamp > 1_600_000_000
    assert frame.event_id_cnty.is_unique
    tabqa = frame[frame.location == "Tabqa"].iloc[0]
    assert (tabqa.fatalities, tabqa.inter1, tabqa.actor2, tabqa.interaction) == (
        12, 8, "Civilians (Syria)", 78)
    assert tabqa.civilian_targeting == "Civilian targeting"
    assert tabqa.source == "Raqqa Post; SNHR"
    assert tabqa.source_scale == "Local partner-National"
    assert "12-15 people were killed, 12 of them civilians." in tabqa.notes
    assert "grade Fair" in tabqa.notes
    raqqa = frame[frame.location == "Raqqa"].iloc[0]
    assert (raqqa.time_precision, raqqa.geo_precision, raqqa.inter1) == (3, 3, 3)
    assert raqqa.actor1 == "Unidentified Armed Group (Syria)"
    assert raqqa.sub_event_type == "Attack"


def test_an_event_type_acled_does_not_know_falls_back_to_the_methods():
    codes = AcledCodes.load()
    assert codes.event_type("Explosions/Remote violence", "Air/drone strike", "shelling") == (
        "Explosions/Remote violence", "Air/drone strike")
    assert codes.event_type("Strike", "Bombing", "shelling") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_unplaced_incidents_are_kept_with_empty_coordinates(built_db):
    frame = pd.read_csv(io.BytesIO(export(built_db, "acled")), keep_default_na=False)
    assert len(frame) == 4
    geojson = json.loads(export(built_db, "geojson"))
    assert [f["geometry"] for f in geojson["features"]].count(None) == 1


def test_geojson_is_an_rfc7946_feature_collection(built_db):
    collection = json.loads(export(built_db, "geojson"))
    jsonschema.validate(collection, SCHEMA)
    points = {f["properties"]["place"]: f["geometry"]["coordinates"]
              for f in collection["features"] if f["geometry"]}
    assert points["Tabqa"] == [38.5481, 35.8356]  # [longitude, latitude]
    tabqa = next(f for f in collection["features"] if f["properties"]["place"] == "Tabqa")
    assert tabqa["properties"]["killed_min"] == 12 and tabqa["properties"]["killed_max"] == 15
    assert tabqa["properties"]["grade"] == "Fair"


def test_jsonl_holds_full_records_with_events_and_sources(built_db):
    lines = export(built_db, "jsonl").decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 4
    tabqa = next(r for r in records if r["location"] and r["location"]["name"] == "Tabqa")
    assert len(tabqa["events"]) == 2 and len(tabqa["sources"]) == 2
    assert tabqa["sources"][0]["evidence"]["span"] == [0, 59]


def test_parquet_reads_in_pandas(built_db, tmp_path):
    path = tmp_path / "incidents.parquet"
    path.write_bytes(export(built_db, "parquet"))
    frame = pd.read_parquet(path)
    assert len(frame) == 4
    tabqa = frame[frame.place == "Tabqa"].iloc[0]
    assert (tabqa.killed_min, tabqa.killed_max, tabqa.source_count) == (12, 15, 2)
    assert len(json.loads(tabqa.events)) == 2
    assert list(tabqa.targets) == ["market"]


def test_filters_apply_to_exports(built_db):
    frame = pd.read_csv(io.BytesIO(export(built_db, "acled", IncidentFilters(
        actor="syrian_government"))), keep_default_na=False)
    assert list(frame.location) == ["Maskanah"]


def test_a_plugin_format_can_be_registered(built_db, monkeypatch):
    monkeypatch.setattr(registry, "_registry", dict(registry._registry))
    class Ids:
        name, suffix, description = "ids", ".txt", "incident ids"

        def write(self, incidents, events_of, stream):
            ids = [i.id for i in incidents]
            stream.write("\n".join(ids).encode())
            return len(ids)

    register(Ids())
    assert "ids" in exporters()
    assert len(export(built_db, "ids").split()) == 4


def test_unknown_format_names_the_available_ones():
    with pytest.raises(Exception, match="available: acled, geojson"):
        get_exporter("xlsx")
