"""Benchmark: export 1,000 incidents in every format, beside reading them.

    PYTHONPATH=src .venv/bin/python bench/bench_exports.py [--incidents 1000]

Builds a SQLite database of N one-source incidents (synthetic reports with every field), then
prints, in one run, the baseline (reading every incident from the store, as any export must)
and each exporter writing the same incidents, with its ratio to the baseline. Target: ACLED
CSV of 1,000 incidents under 2 s.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from harmwatch.exports import exporters
from harmwatch.incidents import build_incidents
from harmwatch.store import DocumentRepository, IncidentRepository, open_database
from tests.incidents.factory import TOWNS, casualties, report


def _database(folder: Path, count: int) -> IncidentRepository:
    engine = open_database(str(folder / "bench.db"))
    documents = DocumentRepository(engine)
    towns = list(TOWNS)
    for number in range(count):
        town = towns[number % len(towns)]
        report(documents, f"Report {number}: warplanes struck {town}, killing {number % 9 + 1}.",
               town=town, day=date(2015, 1, 1) + timedelta(days=number * 3),
               killed=casualties(number % 9 + 1, number % 5), publisher=f"outlet {number % 7}")
    repository = IncidentRepository(engine)
    build_incidents(repository)
    return repository


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repository = _database(Path(folder), args.incidents)
        total = repository.count()
        baseline = _timed(lambda: list(repository.all()))
        print(f"{total} incidents; baseline (read them all): {baseline:.2f} s")
        for name, exporter in exporters().items():
            seconds = _timed(lambda e=exporter: e.write(repository.all(), repository.events_of,
                                                        io.BytesIO()))
            print(f"{name:8} {seconds:6.2f} s  ({seconds / baseline:.1f}x the baseline)")


if __name__ == "__main__":
    main()
