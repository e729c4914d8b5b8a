"""`harmwatch incidents`, `export` and `report` as a user runs them, from ingest onwards."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from harmwatch.incidents import build_incidents
from harmwatch.store import DocumentRepository, IncidentRepository, open_database
from tests.incidents.factory import casualties, report

FIRST = """Air strike hits market in Tabqa, killing civilians

At least 12 civilians, including three children, were killed on Sunday when warplanes of the \
US-led coalition struck a crowded market in the town of Tabqa, local activists said.
"""
SECOND = """Civilians killed in coalition raid on Tabqa market

At least 15 people, among them four children, were killed when coalition aircraft bombed the \
main market of Tabqa on Sunday, the Syrian Network for Human Rights said on Tuesday.
"""


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "h.db")


@pytest.fixture
def built(db):
    """Two reports of one Tabqa strike and a shelling in Maskanah, built."""
    engine = open_database(db)
    documents = DocumentRepository(engine)
    report(documents, "Warplanes struck the market in Tabqa, killing 12 civilians.",
           killed=casualties(12, 12))
    report(documents, "Coalition jets bombed Tabqa market; 15 dead.", publisher="SNHR",
           killed=casualties(15))
    report(documents, "Government artillery shelled Maskanah, wounding seven.", town="Maskanah",
           actor="syrian_government", method="shelling", day=date(2016, 3, 11),
           injured=casualties(7))
    build_incidents(IncidentRepository(engine))
    return IncidentRepository(engine)


def test_two_reports_of_one_strike_through_ingest_become_one_incident(cli, db, tmp_path):
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.txt").write_text(SECOND, encoding="utf-8")
    ingested = cli("ingest", tmp_path / "first.txt", tmp_path / "second.txt", "--db", db,
                   "--published", "2016-03-15")
    assert ingested.exit_code == 0, ingested.output
    built = cli("incidents", "build", "--db", db)
    assert built.exit_code == 0, built.output
    incidents = list(IncidentRepository(open_database(db)).all())
    both = [i for i in incidents if len({s.document_id for s in i.sources}) == 2]
    assert len(both) == 1, [(i.event_ids, i.location) for i in incidents]
    (strike,) = both
    assert (strike.killed.total.min, strike.killed.total.max) == (12, 15)
    assert strike.date_start == date(2016, 3, 13)


def test_the_same_text_under_two_urls_is_one_source(cli, db, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"text": FIRST, "url": url}) for url in (
        "https://example.org/a", "https://mirror.example.net/a")), encoding="utf-8")
    assert cli("ingest", batch, "--db", db, "--url-column", "url",
               "--published", "2016-03-15").exit_code == 0
    assert cli("incidents", "build", "--db", db).exit_code == 0
    for incident in IncidentRepository(open_database(db)).all():
        assert len(incident.sources) == 1


def test_list_show_split_merge(cli, db, built):
    listed = cli("incidents", "list", "--db", db, "--sort", "-fatalities")
    assert listed.exit_code == 0 and "2 of 2 incident(s)" in listed.stdout
    tabqa = next(i for i in built.all() if i.grade == "Fair")
    shown = cli("incidents", "show", tabqa.id, "--db", db)
    assert shown.exit_code == 0
    assert "grade: Fair" in shown.stdout and "killed: total 12-15" in shown.stdout
    assert "SNHR" in shown.stdout and "claims:" in shown.stdout
    split = cli("incidents", "split", tabqa.id, tabqa.event_ids[1], "--db", db, "--who", "ana",
                "--why", "two strikes")
    assert split.exit_code == 0, split.output
    new_id = split.stdout.split()[-1]
    assert cli("incidents", "build", "--db", db, "--rebuild").exit_code == 0
    assert built.get(new_id).event_ids == [tabqa.event_ids[1]]
    merged = cli("incidents", "merge", tabqa.id, new_id, "--db", db, "--why", "one strike")
    assert merged.exit_code == 0 and "2 event(s)" in merged.stdout
    history = cli("incidents", "show", tabqa.id, "--db", db).stdout
    assert "ana split" in history and "merge: one strike" in history


def test_unknown_incident_and_bad_grade_are_clear_errors(cli, db, built):
    missing = cli("incidents", "show", "inc-nope", "--db", db)
    assert missing.exit_code == 1 and "incidents list" in missing.stderr
    bad = cli("incidents", "list", "--db", db, "--grade", "Strong")
    assert bad.exit_code == 2 and "Confirmed" in bad.stderr


def test_export_to_file_with_filters(cli, db, built, tmp_path):
    path = tmp_path / "out.csv"
    result = cli("export", "--format", "acled", "-o", path, "--db", db, "--actor", "coalition",
                 "--from", "2016-03-12")
    assert result.exit_code == 0 and "1 incident(s)" in result.stderr
    assert list(pd.read_csv(path).location) == ["Tabqa"]


def test_export_to_stdout(cli, db, built):
    result = cli("export", "--format", "geojson", "--db", db)
    assert json.loads(result.stdout)["type"] == "FeatureCollection"
    assert cli("export", "--format", "xlsx", "--db", db).exit_code == 2


def test_report_command(cli, db, built, tmp_path):
    result = cli("report", "--db", db, "-o", tmp_path / "r", "--by", "week")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "index.html").exists() and (tmp_path / "r" / "method.png").exists()
