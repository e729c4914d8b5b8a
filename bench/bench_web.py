"""Load on the incident list API: 10,000 incidents in SQLite or PostgreSQL, uvicorn on loopback.

Run: .venv/bin/python bench/bench_web.py [--backend sqlite|postgresql] [--workers N]
     [--incidents 10000] [--seconds 15] [--requests 3000] [--load wrk|httpx]

PostgreSQL: a fresh schema in the database at --postgres (default: the tests' server),
dropped afterwards.

The server is `harmwatch serve --workers N` (default: one worker per CPU core), as a user runs
it, in its own process; this process sends the load (bounded by a request count and a time
limit) with a few concurrent connections, and prints requests/s and latency
percentiles for /health (the baseline: the framework and middleware, no database) beside the
list API, with the ratio between them, and the server's CPU time per request (Linux).

--incidents past 10,000 copies the seeded incidents in SQL (see seed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
import sqlalchemy

from harmwatch.model import Casualties, Incident, IncidentSource, Location, Mention, Range, Span
from harmwatch.store import IncidentRepository, UserRepository, open_database
from harmwatch.store.db import refresh_statistics
from harmwatch.store.tables import incidents

PLACES = [("Tabqa", 35.83, 38.55, "Raqqa"), ("Raqqa", 35.95, 39.01, "Raqqa"),
          ("Maskanah", 35.96, 38.03, "Aleppo"), ("Deir ez-Zor", 35.33, 40.14, "Deir ez-Zor"),
          ("Mosul", 36.34, 43.13, "Nineveh"), ("Idlib", 35.93, 36.63, "Idlib")]
METHODS = ["air_strike", "shelling", "drone_strike", "ied", "gunfire"]
ACTORS = ["coalition", "russia", "syrian_government", "islamic_state", None]
GRADES = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"]
BASELINE = "/health"
SCENARIOS = {
    "list, first page": "/api/incidents",
    "list, filtered": "/api/incidents?method=air_strike&civilian=yes&q=market&sort=-fatalities",
    "list, page 100": "/api/incidents?page=100&sort=date",
    "list, search 1 place": "/api/incidents?q=maskanah",
    "list, varied pages": "/api/incidents?page={n}&per_page={n}&sort=date",
}
# wrk's report, as the script below writes it: requests, microseconds, p50, p95, failures.
WRK_SCRIPT = """
math.randomseed(os.time())
template = wrk.path
request = function()
  local path = string.gsub(template, "{n}", function() return tostring(math.random(1, 100)) end)
  return wrk.format(nil, path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SEEDED = 10_000  # incidents built as models; more are copied in SQL (see seed)


def _incident(number: int, rng: random.Random) -> Incident:
    name, lat, lon, admin1 = rng.choice(PLACES)
    day = date(2014, 1, 1) + timedelta(days=rng.randrange(0, 3000))
    killed = rng.randrange(0, 40)
    claim = f"Warplanes struck the market in {name}, killing {killed} civilians."
    sources = [IncidentSource(
        document_id=f"doc-{number}-{s}", event_id=f"ev-{number}-{s}", title=claim,
        publisher=rng.choice(["SNHR", "Raqqa Post", "Airwars"]), claim=claim,
        evidence=Mention(text=claim, span=Span.of(0, len(claim))),
        killed=Casualties(total=Range(min=killed, max=killed))) for s in range(2)]
    return Incident(
        id=f"inc-{number:06d}", event_ids=[], event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", method=rng.choice(METHODS),
        civilian_targeting=rng.random() < 0.3, actor1=rng.choice(ACTORS),
        date_start=day, date_end=day, date_precision="day",
        location=Location(text=name, span=Span.of(0, len(name)), name=name, lat=lat, lon=lon,
                          admin1=admin1, country="SY", precision=1),
        targets=[rng.choice(["market", "residential", "school", "hospital"])],
        killed=Casualties(total=Range(min=killed, max=killed + 3),
                          civilians=Range(min=killed // 2, max=killed)),
        fatalities=killed, grade=rng.choice(GRADES), grade_reasons=["2 independent sources"],
        sources=sources)


def seed(url: str, count: int) -> str:
    """The database with `count` incidents and a viewer; returns the viewer's API token.

    Past SEEDED, the rest are copies of the first SEEDED under new ids, made in SQL: the
    same words in the same proportions (a sixth of the incidents in Maskanah at any size),
    where save_build would take an hour and gigabytes of models for a million."""
    engine = open_database(url)
    rng = random.Random(6)
    IncidentRepository(engine).save_build([_incident(n, rng) for n in range(min(count,
                                                                                 SEEDED))])
    if count > SEEDED:
        _copy(engine, count)
    users = UserRepository(engine)
    users.add("bench", "bench-password", "viewer")
    token = users.create_token("bench", "benchmark")
    engine.dispose()
    return token


def _copy(engine: sqlalchemy.Engine, count: int) -> None:
    """Copies of the seeded incidents under ids `inc-NNNNNN-k` (the search text's first word,
    the id, renamed too) until there are `count`."""
    names = [column.name for column in incidents.columns if column.name not in
             ("id", "search_text")]
    columns = ", ".join(names)
    with engine.begin() as connection:
        for copy in range(1, -(-count // SEEDED)):
            suffix = f"-{copy}"
            connection.execute(sqlalchemy.text(
                f"INSERT INTO incidents (id, search_text, {columns}) "
                f"SELECT id || '{suffix}', ' ' || id || '{suffix}' || "
                f"substr(search_text, length(id) + 2), {columns} FROM incidents "
                f"WHERE length(id) = 10 ORDER BY id LIMIT :rows"),
                {"rows": min(SEEDED, count - copy * SEEDED)})
    refresh_statistics(engine, "incidents")


def serve(url: str, workers: int) -> tuple[subprocess.Popen, str]:
    """`harmwatch serve` on a free loopback port, the command a user runs, once it answers
    /health; returns the process and its base URL."""
    port = _free_port()
    command = Path(sys.executable).with_name("harmwatch")
    server = subprocess.Popen([str(command), "serve", "--db", url, "--port", str(port),
                               "--workers", str(workers), "--secret-key", "benchmark"],
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base}/health", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return server, base


def repository_ms(url: str) -> dict[str, float]:
    """Milliseconds per IncidentRepository.search_json (the list API's query), in this process:
    the database's share of a request."""
    from harmwatch.web.filters import IncidentFilters

    repository = IncidentRepository(open_database(url))
    cases = {"list, first page": IncidentFilters(),
             "list, filtered": IncidentFilters(method="air_strike", civilian=True, q="market",
                                               sort="-fatalities"),
             "list, page 100": IncidentFilters(page=100, sort="date"),
             "list, search 1 place": IncidentFilters(q="maskanah")}
    timings = {}
    for name, filters in cases.items():
        started = time.perf_counter()
        for _ in range(50):
            repository.search_json(filters)
        timings[name] = (time.perf_counter() - started) / 50 * 1000
    return timings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Measured:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    failures: int


def _varied(path: str) -> str:
    return re.sub(r"\{n\}", lambda _: str(random.randint(1, 100)), path)


def _wrk(base: str, path: str, token: str, seconds: float, concurrency: int) -> Measured:
    """wrk for `seconds` (whole ones; it has no request limit), one thread; non-2xx/3xx
    answers, timeouts and socket errors are failures."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        output = subprocess.run(
            ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "-s", script.name,
             "-H", f"Authorization: Bearer {token}", base + path],
            capture_output=True, text=True, check=True).stdout
    requests, micros, p50, p95, failures = map(int, output.split("RESULT")[1].split())
    return Measured(requests, micros / 1e6, p50 / 1000, p95 / 1000, failures)


def _httpx(base: str, path: str, token: str, requests: int, seconds: float,
           concurrency: int) -> Measured:
    latencies, elapsed, failures = asyncio.run(_httpx_load(base, path, token, requests,
                                                           seconds, concurrency))
    cuts = statistics.quantiles(latencies, n=100)
    return Measured(len(latencies), elapsed, cuts[49] * 1000, cuts[94] * 1000, failures)


async def _httpx_load(base: str, path: str, token: str, requests: int, seconds: float,
                      concurrency: int) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds
    remaining = iter(range(requests))
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:
        async def worker() -> None:
            nonlocal failures
            for _ in remaining:
                if time.perf_counter() > deadline:
                    return
                started = time.perf_counter()
                response = await client.get(_varied(path))
                latencies.append(time.perf_counter() - started)
                failures += response.status_code != 200

        for _ in range(concurrency):  # warm up: connections, caches
            await client.get(_varied(path))
        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return latencies, elapsed, failures


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of the server and its workers so far, from /proc (Linux;
    None elsewhere). Unlike requests/s it hardly moves with other jobs on the machine. The
    database server's own processes are not in it."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return sum(_process_cpu(process) for process in [pid, *map(int, children)])
    except OSError:
        return None


def _scenario(name: str, server: subprocess.Popen, load) -> float:
    """Runs one scenario's load (a callable returning Measured); prints and returns its
    requests/s."""
    cpu_before = _server_cpu(server.pid)
    measured = load()
    cpu_after = _server_cpu(server.pid)
    rate = measured.requests / measured.seconds
    cpu = ("" if cpu_before is None or cpu_after is None else
           f"   server CPU {(cpu_after - cpu_before) / measured.requests * 1000:5.2f} ms/req")
    print(f"{name:<22} {measured.requests:>6} req {rate:>8.1f} req/s   p50 "
          f"{measured.p50_ms:6.1f} ms   p95 {measured.p95_ms:6.1f} ms   failures "
          f"{measured.failures}{cpu}", flush=True)
    return rate


def _loader(args, base: str, token: str):
    """A function (path -> Measured) sending the benchmark's load with the chosen tool."""
    if args.load == "wrk":
        return lambda path: _wrk(base, path, token, args.seconds, args.concurrency)
    return lambda path: _httpx(base, path, token, args.requests, args.seconds,
                               args.concurrency)


@contextmanager
def _database(args, tmp: Path) -> Iterator[str]:
    """The benchmark's database URL: a file in tmp, or a new PostgreSQL schema."""
    if args.backend == "sqlite":
        yield f"sqlite:///{tmp / 'bench.db'}"
        return
    schema = f"hw_bench_{os.getpid()}"
    admin = sqlalchemy.create_engine(args.postgres)
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{args.postgres}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=15.0, help="time limit per scenario")
    parser.add_argument("--requests", type=int, default=3000, help="request limit per scenario")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres", default=POSTGRES, help="server for --backend postgresql")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="harmwatch serve --workers (default: one per CPU core)")
    parser.add_argument("--load", choices=["wrk", "httpx"],
                        default="wrk" if shutil.which("wrk") else "httpx",
                        help="load generator (default: wrk if installed, else httpx)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, _database(args, Path(tmp)) as url:
        started = time.perf_counter()
        token = seed(url, args.incidents)
        print(f"seeded {args.incidents} incidents in {time.perf_counter() - started:.1f} s")
        searches = repository_ms(url)
        print(f"{args.backend}: harmwatch serve --workers {args.workers}; load from {args.load}, "
              f"{args.concurrency} connections; load average before the load "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        server, base = serve(url, args.workers)
        load = _loader(args, base, token)
        try:
            for name, path in SCENARIOS.items():
                baseline = _scenario("  baseline /health", server, lambda: load(BASELINE))
                rate = _scenario(name, server, lambda path=path: load(path))
                search = searches.get(name)
                print(f"{'':<22} {rate / baseline:.2f}x the baseline's requests/s" +
                      (f"; IncidentRepository.search_json alone {search:.1f} ms"
                       if search else ""))
        finally:
            server.terminate()
            server.wait(10)
    print(f"load average after the load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
