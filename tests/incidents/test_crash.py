"""The crash-safety probe in small: `kill -9` an `incidents build` and an `ingest` at random
points, three times each, on SQLite and PostgreSQL; nothing is lost, duplicated or half
written, and running the command again finishes the job."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from harmwatch.incidents import build_incidents
from harmwatch.store import IncidentRepository, open_database
from harmwatch.store.tables import documents, events
from tests.incidents.consistency import problems
from tests.incidents.test_window import _bench

HARMWATCH = [sys.executable, "-c",
             "import sys; from harmwatch.cli.app import run; sys.exit(run(sys.argv[1:]))"]
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}


def _killed(args: list[str], after: float) -> None:
    process = subprocess.Popen([*HARMWATCH, *args], env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(after)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_killed_builds_leave_every_incident_whole(db_url):
    _bench().generate(db_url, 3000)
    engine = open_database(db_url)
    rng = random.Random(3)
    for rebuild in (False, True, True):
        _killed(["incidents", "build", "--db", db_url] + (["--rebuild"] if rebuild else []),
                after=rng.uniform(2.0, 6.0))
        assert problems(engine, all_assigned=False) == []
    repository = IncidentRepository(engine)
    build_incidents(repository)
    assert problems(engine) == []
    again = build_incidents(repository, rebuild=True)
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    engine.dispose()


def test_killed_ingests_lose_and_duplicate_nothing(db_url, tmp_path):
    batch = tmp_path / "reports.jsonl"
    with batch.open("w") as out:
        for n in range(30):
            out.write(json.dumps({"id": f"r{n}", "published": "2016-03-14", "text": (
                f"Warplanes struck the market in Tabqa on Sunday, killing {n + 2} civilians, "
                "activists said.")}) + "\n")
    rng = random.Random(5)
    engine = open_database(db_url)
    for _ in range(3):
        _killed(["ingest", str(batch), "--db", db_url], after=rng.uniform(4.0, 12.0))
        with engine.connect() as connection:
            # A stored document always has its events (one transaction each).
            bare = connection.execute(select(func.count()).select_from(documents).where(
                ~select(events.c.id).where(events.c.document_id == documents.c.id).exists()))
            assert bare.scalar_one() == 0
    done = subprocess.run([*HARMWATCH, "ingest", str(batch), "--db", db_url], env=ENV,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with engine.connect() as connection:
        ids = list(connection.execute(select(documents.c.id)).scalars())
        assert sorted(ids) == sorted(f"r{n}" for n in range(30))
        per_document = connection.execute(select(events.c.document_id, func.count())
                                          .group_by(events.c.document_id)).all()
        assert {count for _, count in per_document} == {1}
    engine.dispose()
