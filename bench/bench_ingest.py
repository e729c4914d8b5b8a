"""Benchmark: `harmwatch ingest` in one process, in two worker processes, and on Dask.

N real-looking reports are built at run time from /work/shared's FA-KES and Airwars dev
texts (a dateline, a part of the text, figures changed, a report number: no two are
duplicates) and written to a JSONL batch. Each contender ingests it into a fresh SQLite
database, as a user would (the CLI in a child process), in the same run:

- `--workers 1` (in-process, the baseline) against `--workers 2`: speed-up (target >= 1.7)
  and the peak RSS of each process of the run (target <= 600 MB per worker);
- a Dask LocalCluster of 2 single-threaded worker processes (`--scheduler`) against the
  in-process run: speed-up (target >= 1.6) and identical stored documents and events.
  The cluster's workers load their pipeline on a warm-up batch first (once per worker, as
  on a long-running cluster).

Run: .venv/bin/python bench/bench_ingest.py [--n 10000] [--cache DIR]

`--cache DIR` gives the run its own gazetteer index (HARMWATCH_CACHE), so that no other
process sharing the user's cache can rebuild or remove it mid-run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

EVAL = Path("/work/shared/eval")
HARMWATCH = [sys.executable, "-c", "from harmwatch.cli.app import main; main()"]
MAX_CHARACTERS = 3000
_FIGURE = re.compile(r"\b\d{1,3}\b")
_DATELINES = ["DAMASCUS", "BEIRUT", "ALEPPO", "IDLIB", "AMMAN", "ISTANBUL", "BAGHDAD", "GENEVA"]


def base_texts() -> list[str]:
    with (EVAL / "fakes-dev.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["article_content"] for row in csv.DictReader(handle)]
    with (EVAL / "airwars-sources-dev.jsonl").open(encoding="utf-8") as handle:
        texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return [t for t in texts if len(t.split()) >= 30]


def variant(text: str, number: int, rng: random.Random) -> str:
    """Another report like `text`: its opening part, other figures, its own dateline."""
    words = text.split(" ")
    part = " ".join(words[: rng.randint(min(60, len(words)), len(words))])[:MAX_CHARACTERS]
    part = _FIGURE.sub(lambda m: str(int(m[0]) + rng.randint(0, 4)), part)
    return f"{rng.choice(_DATELINES)} (report {number}) — {part}"


def write_reports(path: Path, n: int) -> None:
    rng = random.Random(20261130)
    texts = base_texts()
    with path.open("w", encoding="utf-8") as stream:
        for number in range(n):
            text = variant(texts[number % len(texts)], number, rng)
            stream.write(json.dumps({"id": f"bench-{number}", "text": text,
                                     "published": "2016-03-15"}, ensure_ascii=False) + "\n")


def _watch(process: psutil.Process, peaks: dict[int, int], done: threading.Event) -> None:
    while not done.is_set():
        try:
            for each in [process, *process.children(recursive=True)]:
                peaks[each.pid] = max(peaks.get(each.pid, 0), each.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.2)


def ingest(batch: Path, db: Path, *options: str) -> dict:
    """Wall time and the peak RSS of every process of one `harmwatch ingest` run."""
    started = time.perf_counter()
    child = subprocess.Popen([*HARMWATCH, "-q", "ingest", str(batch), "--db", str(db), *options])
    peaks: dict[int, int] = {}
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(psutil.Process(child.pid), peaks, done))
    watcher.start()
    code = child.wait()
    done.set()
    watcher.join()
    if code not in (0, 1):
        raise SystemExit(f"ingest {' '.join(options)} failed with exit code {code}")
    return {"seconds": time.perf_counter() - started,
            "peak_mb": sorted(round(rss / 2**20) for rss in peaks.values())}


def stored(db: Path) -> tuple[dict, list]:
    from harmwatch.store import DocumentRepository, open_database

    repository = DocumentRepository(open_database(f"sqlite:///{db}"))
    return ({d.id: d.content_hash for d in repository.all()},
            [e.model_dump(mode="json") for e in repository.events()])


def dask_run(batch: Path, folder: Path) -> dict:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        warm = folder / "warm.jsonl"
        warm.write_text("".join(batch.open(encoding="utf-8").readlines()[:40]),
                        encoding="utf-8")
        ingest(warm, folder / "warm.db", "--scheduler", cluster.scheduler_address)
        return ingest(batch, folder / "dask.db", "--scheduler", cluster.scheduler_address)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports to ingest")
    parser.add_argument("--cache", type=Path, help="the runs' own cache directory")
    args = parser.parse_args()
    if args.cache:
        os.environ["HARMWATCH_CACHE"] = str(args.cache)  # the children and Dask workers'
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch = folder / "reports.jsonl"
        write_reports(batch, args.n)
        one = ingest(batch, folder / "one.db", "--workers", "1")
        two = ingest(batch, folder / "two.db", "--workers", "2")
        cluster = dask_run(batch, folder)
        baseline = stored(folder / "one.db")
        same_two = stored(folder / "two.db") == baseline
        same_dask = stored(folder / "dask.db") == baseline
    print(f"{args.n} reports, {len(baseline[0])} stored, {len(baseline[1])} events")
    for name, run in (("--workers 1", one), ("--workers 2", two), ("dask 2x1", cluster)):
        print(f"{name:12} {run['seconds']:8.1f} s  {args.n / run['seconds']:6.1f} docs/s  "
              f"peak RSS per process (MB): {run['peak_mb']}")
    print(f"speed-up --workers 2 / 1: {one['seconds'] / two['seconds']:.2f}x (target >= 1.7), "
          f"same documents and events: {same_two}")
    print(f"speed-up dask / in-process: {one['seconds'] / cluster['seconds']:.2f}x "
          f"(target >= 1.6), same documents and events: {same_dask}")


if __name__ == "__main__":
    main()
