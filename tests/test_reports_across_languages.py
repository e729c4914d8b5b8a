"""An Arabic and an English report of one strike become one incident, through the commands
a user runs (the samples `make demo` ingests: two English reports and one Arabic post on the
coalition strike on Tabqa's market, 13 March 2016)."""

from __future__ import annotations

from pathlib import Path

from harmwatch.store import DocumentRepository, IncidentRepository, open_database

SAMPLES = Path(__file__).parents[1] / "src" / "harmwatch" / "data" / "samples"


def test_the_arabic_and_the_english_reports_of_one_strike_are_one_incident(cli, tmp_path):
    db = tmp_path / "demo.db"
    reports = sorted(SAMPLES.glob("*.txt"))
    ingested = cli("ingest", *reports, "--db", db, "--published", "2016-03-15", "--workers", 1)
    assert ingested.exit_code == 0, ingested.stderr
    assert cli("incidents", "build", "--db", db).exit_code == 0
    engine = open_database(str(db))
    languages = {d.id: d.language for d in DocumentRepository(engine).all()}
    assert set(languages.values()) >= {"ar", "en"}
    strike = next(i for i in IncidentRepository(engine).all()
                  if len({e.split(":")[0] for e in i.event_ids}) == 3)
    assert {languages[e.split(":")[0]] for e in strike.event_ids} == {"ar", "en"}
    assert strike.method == "air_strike" and strike.actor1 == "coalition"
    assert (strike.killed.total.min, strike.killed.total.max) == (12, 15)
