"""Benchmark: build incidents from 100,000 (or 1,000,000) synthetic events.

    .venv/bin/python bench/bench_incidents.py [--events 100000] [--keep DIR]
    .venv/bin/python bench/bench_incidents.py --backend postgresql [--postgres URL]

`--keep DIR` keeps the generated SQLite database and its truth in DIR and, on a later run with
as many events, builds on a copy of them instead of generating again. PostgreSQL: a fresh
schema in the database at --postgres (default: the tests' server), dropped at the end.

Prints, side by side, the baseline (reading every event with its document once, as the build
must) and the full build (read, group, assemble, grade, write), each run in a fresh process
so its peak memory is its own, and their ratio. The build runs as `harmwatch incidents build`
does, writing in a second process: its CPU and peak are added in and shown beside. Then an
incremental build after 1% more events. Targets: the full build under 60 s at 100,000 events
on the 2-core development machine; at 1,000,000, under 5 minutes and 500 MB peak (the build
streams events through a window, so memory follows the window, not the archive).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from harmwatch.incidents import build_incidents
from harmwatch.model import (
    ActorRef,
    Casualties,
    DateRef,
    Document,
    Event,
    Location,
    Mention,
    Range,
    Span,
    Target,
)
from harmwatch.store import IncidentRepository, open_database
from harmwatch.store.documents import event_row
from harmwatch.store.tables import documents, events

ACTORS = [("coalition", "International coalition"), ("russia", "Russian armed forces"),
          ("syrian_government", "Syrian government forces"), ("turkey", "Turkish forces")]
METHODS = ["air_strike", "drone_strike", "shelling", "helicopter_barrel_bomb"]
TARGETS = ["market", "hospital", "residential", "school", "oil_facility", "checkpoint"]
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PUBLISHERS = ["SNHR", "Raqqa Post", "Deir Ezzor 24", "Reuters", "AFP", "SOHR", "local page"]
FILLER = ("the residents said that rescue teams worked through the night to pull families from "
          "the rubble while hospitals in the area were overwhelmed and appealed for blood "
          "donations and medical supplies as the bombardment continued")
WORDS = FILLER.split(" ")
# 100,000 events fall over four years (2014-09-01 .. 2018-08-30), as in every earlier run.
DAYS_PER_100K = 1460
LAST_DAY = date(2018, 8, 30)


def _towns(rng: random.Random, count: int = 400) -> list[tuple[str, float, float, str]]:
    """Towns scattered over Syria's extent, in 14 provinces."""
    return [(f"Town{n}", rng.uniform(32.5, 37.0), rng.uniform(36.0, 42.0), f"Province{n % 14}")
            for n in range(count)]


def _text(rng: random.Random, strike: dict, publisher: str, killed: int) -> str:
    filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60)))
    return (f"{publisher}: {strike['method'].replace('_', ' ')} on a {strike['target']} in "
            f"{strike['town'][0]} on {strike['day']:%d %B %Y} killed {killed} people. {filler}")


def _event(rng: random.Random, strike: dict, document: Document, number: int,
           killed: int) -> Event:
    name, lat, lon, province = strike["town"]
    span = Span.of(0, 10)
    actor = strike["actor"] if rng.random() > 0.15 else None
    day = strike["day"] + timedelta(days=rng.choice([0, 0, 0, 1]))
    return Event(
        id=f"{document.id}:e{number}", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", method=strike["method"],
        actor1=ActorRef(id=actor[0], name=actor[1], text=actor[0], span=span) if actor else None,
        date=DateRef(text="on", span=span, start=day, end=day, precision="day"),
        location=Location(text=name, span=span, name=name, lat=lat + rng.uniform(-0.01, 0.01),
                          lon=lon + rng.uniform(-0.01, 0.01), admin1=province, country="SY",
                          precision=1),
        targets=[Target(text=strike["target"], span=span, type=strike["target"])],
        killed=Casualties(total=Range(min=killed, max=killed)),
        evidence=Mention(text=document.text[:120], span=Span.of(0, 120)), confidence=0.8)


def generate(url: str, count: int, seed: int = 7, days: int | None = None) -> dict[str, int]:
    """Store `count` events: strikes reported by 1-5 sources, one in ten a syndicated copy,
    over `days` ending on LAST_DAY. Returns the strike each stored event reports (the truth the
    grouping is scored on). By default an archive of more than 100,000 events covers more
    time, not more strikes a day: an archive grows by its years, and the same density keeps
    the grouping task (and the build's window) the same at every size."""
    days = days or max(DAYS_PER_100K, round(DAYS_PER_100K * count / 100_000))
    start_day = LAST_DAY - timedelta(days=days - 1)
    rng = random.Random(seed)
    towns = _towns(random.Random(0))  # the same towns whatever the seed
    engine = open_database(url)
    now = datetime.now(UTC)
    made, truth = 0, {}
    with engine.begin() as connection:
        while made < count:
            docs, rows, strikes = [], [], {}
            for _ in range(2000):
                strike = {"number": f"{seed}-{made}", "town": rng.choice(towns),
                          "actor": rng.choice(ACTORS),
                          "method": rng.choice(METHODS), "target": rng.choice(TARGETS),
                          "day": start_day + timedelta(days=rng.randrange(days))}
                base = rng.randint(0, 30)
                previous = None
                for _ in range(min(rng.choice([1, 1, 2, 2, 3, 4, 5]), count - made)):
                    killed = max(0, base + rng.randint(-3, 6))
                    publisher = rng.choice(PUBLISHERS)
                    if previous is not None and rng.random() < 0.1:
                        text = f"Republished by {publisher}. {previous}"
                    else:
                        text = _text(rng, strike, publisher, killed)
                    previous = text
                    document = Document(text=text, publisher=publisher, language="en",
                                        published=strike["day"] + timedelta(days=1),
                                        url=f"https://example.org/{seed}/{made}")
                    docs.append({**document.model_dump(exclude={"id"}), "id": document.id,
                                 "ingested_at": now, "extraction": None})
                    rows.append(event_row(_event(rng, strike, document, 1, killed), document.id,
                                         document.published))
                    strikes[rows[-1]["id"]] = strike["number"]
                    made += 1
                if made >= count:
                    break
            unique = {d["content_hash"]: d for d in docs}
            connection.execute(insert(documents), list(unique.values()))
            kept = {d["id"] for d in unique.values()}
            stored = [r for r in rows if r["document_id"] in kept]
            connection.execute(insert(events), stored)
            truth.update((r["id"], strikes[r["id"]]) for r in stored)
    engine.dispose()
    return truth


def _pairs(sizes) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise_scores(url: str, truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of the grouping: of the event pairs put in one incident,
    the share that report one strike; of the pairs reporting one strike, the share put in one
    incident."""
    assigned = {e: i for e, (i, _) in IncidentRepository(open_database(url)).assignments().items()}
    both = Counter((assigned[e], truth[e]) for e in truth)
    together = _pairs(Counter(assigned[e] for e in truth).values())
    same = _pairs(Counter(truth.values()).values())
    correct = _pairs(both.values())
    return correct / together, correct / same


def _peak_mb(pid: int | str = "self") -> float:
    """A process's own peak RSS (0 if it is gone). (getrusage's ru_maxrss would count the
    benchmark's parent too: Linux carries the high-water mark of the memory a process had at
    exec, and a child spawned by the parent starts out with the parent's.)"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _ChildPeaks:
    """The peak RSS of each child process (the build's writer process), sampled until
    stopped: a child's high-water mark is gone with it."""

    def __init__(self, seconds: float = 0.1):
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(seconds,), daemon=True)
        self._thread.start()

    def _sample(self, seconds: float) -> None:
        children = Path(f"/proc/self/task/{os.getpid()}/children")
        while not self._stop.wait(seconds):
            for pid in children.read_text().split():
                self.peaks[int(pid)] = max(self.peaks.get(int(pid), 0.0), _peak_mb(pid))

    def stop(self) -> float:
        """The largest child's peak."""
        self._stop.set()
        self._thread.join()
        return max(self.peaks.values(), default=0.0)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _phase(name: str, url: str) -> dict:
    # As `harmwatch incidents build` opens it: SQLite pages read, not memory-mapped (mapped
    # pages would count in the peak though they are the file's, not the build's).
    repository = IncidentRepository(open_database(url, memory_mapped=False))
    children = _ChildPeaks()
    started, cpu, children_cpu = time.perf_counter(), time.process_time(), _children_cpu()
    if name == "read":
        count = sum(1 for _ in repository.event_records())
        result = {"events": count}
    else:
        summary = build_incidents(repository, writer_process=True)
        result = {"events": summary.events, "incidents": summary.incidents,
                  "created": summary.created, "updated": summary.updated}
    result["seconds"] = time.perf_counter() - started
    # On a shared machine the wall time is mostly other jobs' share of the cores. The build's
    # writer process is a child: its CPU and peak are counted beside this process's.
    result["cpu_seconds"] = time.process_time() - cpu
    result["writer_cpu_seconds"] = _children_cpu() - children_cpu
    result["peak_mb"] = _peak_mb()
    result["writer_peak_mb"] = children.stop()
    return result


def _run(name: str, url: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--phase", name, url], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


@contextmanager
def _postgres_schema(server: str) -> Iterator[str]:
    schema = f"hw_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{server}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _generated(url: str, count: int, keep: Path | None) -> dict[str, int]:
    """Generate the events into `url`, or (SQLite, `keep`) copy the ones kept from a run with
    as many events."""
    kept = keep / f"generated-{count}.db" if keep else None
    if kept is not None and kept.exists():
        shutil.copyfile(kept, url.removeprefix("sqlite:///"))
        return json.loads(kept.with_suffix(".truth.json").read_text())
    started = time.perf_counter()
    truth = generate(url, count)
    print(f"generated {len(truth):,} events in {time.perf_counter() - started:.1f} s ({url})")
    if kept is not None:
        shutil.copyfile(url.removeprefix("sqlite:///"), kept)
        kept.with_suffix(".truth.json").write_text(json.dumps(truth))
    return truth


def _measure(url: str, count: int, keep: Path | None) -> None:
    truth = _generated(url, count, keep)
    baseline, build = _run("read", url), _run("build", url)
    print(f"{'':28}{'seconds':>9}{'CPU s':>9}{'peak MB':>9}   (of which the writer process)")
    for name, phase in [("baseline: read all events", baseline), ("full build", build)]:
        print(f"{name:28}{phase['seconds']:9.1f}"
              f"{phase['cpu_seconds'] + phase['writer_cpu_seconds']:9.1f}"
              f"{phase['peak_mb'] + phase['writer_peak_mb']:9.0f}"
              f"   ({phase['writer_cpu_seconds']:.1f} s CPU, {phase['writer_peak_mb']:.0f} MB)")
    print(f"build / read: {build['seconds'] / baseline['seconds']:.1f}x time, "
          f"{build['peak_mb'] / baseline['peak_mb']:.1f}x memory; "
          f"{build['incidents']:,} incidents from {build['events']:,} events "
          f"({len(set(truth.values())):,} strikes)")
    precision, recall = pairwise_scores(url, truth)
    print(f"grouping against the true strikes: pairwise precision {precision:.3f}, "
          f"recall {recall:.3f}")
    generate(url, count // 100, seed=8)
    more = _run("build", url)
    print(f"incremental build after {count // 100:,} more events: "
          f"{more['seconds']:.1f} s ({more['cpu_seconds'] + more['writer_cpu_seconds']:.1f} s "
          f"CPU), {more['created']:,} created, {more['updated']:,} updated, "
          f"peak {more['peak_mb']:.0f} + {more['writer_peak_mb']:.0f} MB (writer process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres", default=POSTGRES, help="server for --backend postgresql")
    parser.add_argument("--keep", type=Path, help="Keep the generated SQLite database here.")
    parser.add_argument("--phase", nargs=2, metavar=("NAME", "URL"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase:
        print(json.dumps(_phase(*options.phase)))
        return
    if options.backend == "postgresql":
        with _postgres_schema(options.postgres) as url:
            _measure(url, options.events, None)
        return
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="bench-incidents-"))
    try:
        _measure(f"sqlite:///{directory / 'bench.db'}", options.events, options.keep)
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
