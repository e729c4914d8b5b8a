"""List commands as issue 14 found them: tables that fit 80 columns, --json/--csv/--limit on
every list, readable filter values with the valid ones listed, no database made by a typo,
and help without placeholder types for flags."""

from __future__ import annotations

import csv
import io
import json

import pytest

from harmwatch.store import open_database
from tests.web.conftest import seed
from tests.web.live import more_reports

LISTS = [("incidents", "list"), ("events",), ("documents",)]


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    path = tmp_path / "demo.db"
    engine = open_database(str(path))
    more_reports(engine)
    seed(engine)
    engine.dispose()
    return str(path)


def test_incident_table_fits_80_columns_with_whole_headers(cli, db):
    result = cli("incidents", "list", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in result.stdout
    assert all(word in result.stdout for word in ("date", "place", "attacker", "killed",
                                                  "grade", "inc-"))
    assert "International" in result.stdout and "coalition" in result.stdout


def test_events_name_their_document_and_keep_whole_dates(cli, db):
    result = cli("events", "--db", db, "-n", "3")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    rows = [line for line in result.stdout.splitlines() if line.strip().startswith("doc-")]
    assert len(rows) == 3
    assert all(":e1" in row and "2016-" in row and "2016-…" not in row for row in rows)
    assert "3 of 17 event(s)" in result.stdout


@pytest.mark.parametrize("command", LISTS)
def test_every_list_has_json_csv_and_limit(cli, db, command):
    as_json = cli(*command, "--db", db, "--json", "--limit", "2")
    assert as_json.exit_code == 0, as_json.output
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert len(records) == 2 and all("id" in r for r in records)
    as_csv = cli(*command, "--db", db, "--csv", "-n", "3")
    assert as_csv.exit_code == 0, as_csv.output
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == 3


def test_filters_take_readable_names(cli, db):
    by_name = cli("incidents", "list", "--db", db, "--actor", "Syrian government forces",
                  "--method", "airstrike", "--json")
    by_id = cli("incidents", "list", "--db", db, "--actor", "syrian_government",
                "--method", "air_strike", "--json")
    assert by_name.exit_code == 0, by_name.output
    assert by_name.stdout == by_id.stdout and by_name.stdout.count("\n") >= 1


def test_a_wrong_filter_lists_the_valid_values(cli, db):
    actor = cli("incidents", "list", "--db", db, "--actor", "Islamic Stat")
    assert actor.exit_code == 2
    assert "islamic_state (Islamic State)" in " ".join(actor.output.split())
    method = cli("export", "--format", "jsonl", "--db", db, "--actor", "ISIS group")
    assert method.exit_code == 2
    bad_method = cli("incidents", "list", "--db", db, "--method", "bombardment")
    assert bad_method.exit_code == 2 and "air_strike" in bad_method.output


@pytest.mark.parametrize("command", [*LISTS, ("incidents", "show", "inc-1"), ("report",),
                                     ("export", "--format", "acled")])
def test_read_commands_refuse_a_database_that_is_not_there(cli, tmp_path, command):
    missing = tmp_path / "typo.db"
    result = cli(*command, "--db", missing)
    assert result.exit_code == 3, result.output
    assert "there is no database at" in result.output and str(missing) in result.output
    assert not missing.exists()


@pytest.mark.parametrize("command", [("incidents", "list"), ("events",), ("export",)])
def test_help_shows_no_bool_placeholder(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert "--help" in result.output
