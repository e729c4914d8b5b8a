"""The windowed build (events streamed in date order, finished incidents written as it goes)
equals the build that keeps every incident open to the end, on the benchmark's synthetic
strikes with a known truth, on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

import pytest

from harmwatch.incidents import build_incidents
from harmwatch.store import IncidentRepository, open_database
from tests.incidents.consistency import problems

BENCH = Path(__file__).parents[2] / "bench" / "bench_incidents.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_incidents", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["sqlite", "postgresql"])
def two_urls(request, tmp_path, make_postgres_url) -> list[str]:
    if request.param == "sqlite":
        return [f"sqlite:///{tmp_path / f'{n}.db'}" for n in range(2)]
    return [make_postgres_url() for _ in range(2)]


def _groups(url: str) -> set[frozenset[str]]:
    members = defaultdict(set)
    for event_id, (incident_id, _) in IncidentRepository(open_database(url)).assignments().items():
        members[incident_id].add(event_id)
    return {frozenset(events) for events in members.values()}


def test_windowed_build_equals_the_all_in_memory_build(two_urls):
    bench = _bench()
    windowed, reference = two_urls
    truth = bench.generate(windowed, 3000)
    assert bench.generate(reference, 3000) == truth
    build_incidents(IncidentRepository(open_database(windowed)))
    build_incidents(IncidentRepository(open_database(reference)), window=False)
    assert _groups(windowed) == _groups(reference)
    precision, recall = bench.pairwise_scores(windowed, truth)
    assert precision > 0.85 and recall > 0.95
    engine = open_database(windowed)
    assert problems(engine) == []
    # More events, an incremental build, then a rebuild: still the same as the reference.
    for url in two_urls:
        bench.generate(url, 300, seed=8)
    build_incidents(IncidentRepository(open_database(windowed)))
    build_incidents(IncidentRepository(open_database(reference)), window=False)
    assert _groups(windowed) == _groups(reference)
    summary = build_incidents(IncidentRepository(engine), rebuild=True)
    assert summary.created == summary.updated == summary.removed == 0
    assert problems(engine) == []


def _incidents(url: str) -> dict[str, dict]:
    """Every incident's content, without the time it was written."""
    repository = IncidentRepository(open_database(url))
    return {i.id: i.model_dump(exclude={"updated_at"}) for i in repository.all()}


def test_the_writer_process_writes_what_one_process_writes(two_urls):
    bench = _bench()
    separate, together = two_urls
    for url in two_urls:
        bench.generate(url, 2000)
    for extra in (False, True):  # a first build, then an incremental one
        if extra:
            for url in two_urls:
                bench.generate(url, 200, seed=8)
        first = build_incidents(IncidentRepository(open_database(separate)), writer_process=True)
        second = build_incidents(IncidentRepository(open_database(together)))
        assert first == second
        assert _incidents(separate) == _incidents(together)
    assert problems(open_database(separate)) == []
