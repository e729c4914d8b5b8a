"""Benchmark: editors PATCHing and merging incidents while builds and ingests run, on SQLite
and PostgreSQL.

    .venv/bin/python bench/bench_concurrency.py [--editors 4] [--seconds 30] [--events 3000]

`harmwatch serve` runs on loopback; N editor threads read an incident and PATCH its notes with
the version they read (a 409 is a refused, not a lost, edit), one thread merges pairs of
incidents, `harmwatch incidents build --rebuild` runs again and again in its own process, and
another thread stores new reports. At the end it reports accepted edits, lost edits (an
accepted note that is not the incident's note, or not carried into the incident it was merged
into: must be 0), orphaned events (in an incident at the start, in none at the end: must be 0),
500s (must be 0) and latency percentiles; the baseline in the same run is GET /health.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import sqlalchemy
from bench_incidents import generate
from bench_web import serve

from harmwatch.incidents import build_incidents
from harmwatch.store import IncidentRepository, UserRepository, open_database

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class Record:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter = Counter()
        self.accepted: list[tuple[str, int, str]] = []  # incident, version after, note

    def call(self, kind: str, client: httpx.Client, method: str, url: str, **options):
        started = time.perf_counter()
        response = client.request(method, url, **options)
        with self.lock:
            self.latency[kind].append((time.perf_counter() - started) * 1000)
            self.status[(kind, response.status_code)] += 1
        return response


def _editor(base: str, token: str, ids: list[str], record: Record, stop: float, seed: int):
    rng = random.Random(seed)
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                      timeout=60) as client:
        n = 0
        while time.time() < stop:
            incident_id = rng.choice(ids)
            current = record.call("GET incident", client, "GET", f"/api/incidents/{incident_id}")
            if current.status_code != 200:
                continue
            note = f"editor {seed} note {n}"
            n += 1
            response = record.call("PATCH", client, "PATCH", f"/api/incidents/{incident_id}",
                                   json={"changes": {"notes": note}, "why": "bench",
                                         "version": current.json()["incident"]["version"]})
            if response.status_code == 200:
                with record.lock:
                    record.accepted.append((incident_id, response.json()["version"], note))


def _merger(base: str, token: str, ids: list[str], record: Record, stop: float):
    rng = random.Random(99)
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                      timeout=60) as client:
        while time.time() < stop:
            keep, other = rng.sample(ids, 2)
            record.call("merge", client, "POST", f"/api/incidents/{keep}/merge",
                        json={"ids": [other], "why": "bench"})
            time.sleep(0.05)


def _builder(url: str, stop: float, runs: list[int]):
    command = Path(sys.executable).with_name("harmwatch")
    while time.time() < stop:
        done = subprocess.run([str(command), "-q", "incidents", "build", "--rebuild", "--db", url],
                              capture_output=True, text=True)
        runs.append(done.returncode)
        if done.returncode:
            print("build failed:", done.stderr[-500:])


def _ingester(url: str, stop: float, batches: list[int]):
    seed = 100
    while time.time() < stop:
        generate(url, 100, seed=seed)
        batches.append(seed)
        seed += 1
        time.sleep(0.5)


def _lost(repository: IncidentRepository, accepted: list[tuple[str, int, str]]) -> int:
    last: dict[str, tuple[int, str]] = {}
    for incident_id, version, note in accepted:
        if version > last.get(incident_id, (0, ""))[0]:
            last[incident_id] = (version, note)
    lost = 0
    for incident_id, (_, note) in last.items():
        incident = repository.get(incident_id)
        if incident is None:  # merged away: its note carries into the incident it joined
            target = _merged_into(repository, incident_id)
            lost += target is None or target.notes is None
        else:
            lost += incident.notes != note
    return lost


def _merged_into(repository: IncidentRepository, incident_id: str, hops: int = 20):
    """The incident a merged-away one now lives in, following merges of merges."""
    for _ in range(hops):
        merged = [e for e in repository.audit(incident_id) if e.action == "merged_into"]
        if not merged:
            return None
        incident_id = next(iter(merged[-1].after))
        target = repository.get(incident_id)
        if target is not None:
            return target
    return None


def run(url: str, editors: int, seconds: float, events: int) -> dict:
    generate(url, events)
    engine = open_database(url)
    repository = IncidentRepository(engine)
    build_incidents(repository)
    users = UserRepository(engine)
    users.add("bench-editor", "bench-password-1", "editor")
    token = users.create_token("bench-editor", "benchmark")
    ids = [i.id for i in repository.all()]
    linked_at_start = set(repository.assignments())
    server, base = serve(url, 1)
    record, runs, batches = Record(), [], []
    stop = time.time() + seconds
    threads = [threading.Thread(target=_editor, args=(base, token, ids, record, stop, n))
               for n in range(editors)]
    threads += [threading.Thread(target=_merger, args=(base, token, ids, record, stop)),
                threading.Thread(target=_builder, args=(url, stop, runs)),
                threading.Thread(target=_ingester, args=(url, stop, batches))]
    with httpx.Client(base_url=base) as client:
        for thread in threads:
            thread.start()
        while time.time() < stop:
            record.call("GET /health", client, "GET", "/health")
            time.sleep(0.1)
    for thread in threads:
        thread.join()
    server.terminate()
    server.wait()
    orphaned = len(linked_at_start - set(repository.assignments()))
    result = {"accepted": len(record.accepted), "lost": _lost(repository, record.accepted),
              "orphaned": orphaned, "builds": len(runs), "failed builds": sum(map(bool, runs)),
              "ingest batches": len(batches),
              "500s": sum(n for (_, status), n in record.status.items() if status >= 500),
              "statuses": dict(record.status)}
    for kind, values in record.latency.items():
        values.sort()
        result[f"{kind} p50/p95 ms"] = (round(statistics.median(values), 1),
                                        round(values[int(0.95 * (len(values) - 1))], 1))
    engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--postgres", default=POSTGRES, help="A PostgreSQL database URL.")
    options = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="bench-concurrency-"))
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(options.postgres)
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    urls = {"sqlite": f"sqlite:///{directory / 'bench.db'}",
            "postgresql": f"{options.postgres}?options=-csearch_path%3D{schema}"}
    try:
        for name, url in urls.items():
            result = run(url, options.editors, options.seconds, options.events)
            print(f"{name}: " + "; ".join(f"{k}: {v}" for k, v in result.items()), flush=True)
    finally:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
