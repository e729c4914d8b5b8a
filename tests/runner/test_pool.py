"""`--workers N`: N extraction processes, one writer; what is stored equals one process's run,
an interrupted run resumes storing each document once, and concurrent ingests lose nothing."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import psutil

from harmwatch.store import DocumentRepository, open_database
from tests.runner.reports import stored_state, write_batch

HARMWATCH = [sys.executable, "-c", "from harmwatch.cli.app import main; main()"]


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([*HARMWATCH, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_documents(db: str, at_least: int, process: subprocess.Popen) -> None:
    repository = DocumentRepository(open_database(db))
    while repository.count() < at_least:
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)


def test_interrupted_and_killed_parallel_ingest_resumes_and_equals_one_process(tmp_path, cli):
    batch = write_batch(tmp_path / "reports.jsonl", range(600))
    one = f"sqlite:///{tmp_path / 'one.db'}"
    two = f"sqlite:///{tmp_path / 'two.db'}"
    assert cli("ingest", batch, "--workers", "1", "--db", one).exit_code == 0

    first = start("ingest", batch, "--workers", "2", "--db", two)
    wait_for_documents(two, 20, first)
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 130, stderr
    kept = DocumentRepository(open_database(two)).count()
    assert 20 <= kept < 600 and "run the same command again" in stderr

    second = start("ingest", batch, "--workers", "2", "--db", two)
    wait_for_documents(two, kept + 20, second)
    workers = psutil.Process(second.pid).children(recursive=True)
    second.kill()
    second.communicate()
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == []  # orphaned workers end with their parent
    kept = DocumentRepository(open_database(two)).count()

    again = cli("ingest", batch, "--workers", "2", "--db", two)
    assert again.exit_code == 0 and f"duplicate: {kept}" in again.stdout
    assert stored_state(two) == stored_state(one)


def test_batch_extraction_in_workers_keeps_input_order(tmp_path, cli):
    batch = write_batch(tmp_path / "reports.jsonl", range(40))
    with batch.open("a") as stream:
        stream.write('{"id": "bad", "text": 5}\n')
    result = cli("extract", "--batch", batch, "--workers", "2")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [f"r{n}" for n in range(40)] + ["bad"]
    assert all(r["events"] for r in rows[:40]) and "must be a string" in rows[40]["error"]


def test_concurrent_ingests_on_postgresql_store_each_document_once(tmp_path, make_postgres_url):
    db = make_postgres_url()
    open_database(db)
    halves = [write_batch(tmp_path / "a.jsonl", range(0, 300)),
              write_batch(tmp_path / "b.jsonl", range(150, 450))]
    runs = [start("ingest", half, "--no-extract", "--db", db) for half in halves]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    new = [int(re.search(r"new: (\d+)", stdout)[1]) for stdout, _ in outputs]
    assert sum(new) == 450  # each document counted new by exactly one of the two
    repository = DocumentRepository(open_database(db))
    assert sorted(d.id for d in repository.all()) == sorted(f"r{n}" for n in range(450))
    assert repository.failures() == []


def test_a_second_sqlite_writer_waits_and_says_so(tmp_path, cli):
    db = tmp_path / "h.db"
    open_database(str(db))
    batch = write_batch(tmp_path / "reports.jsonl", range(3))
    holder = sqlite3.connect(db, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(12, holder.rollback)  # longer than SQLite's 10 s busy timeout
    release.start()
    result = cli("ingest", batch, "--no-extract", "--db", db)
    release.join()
    assert result.exit_code == 0, result.output
    assert "busy with another writer; waiting" in result.stderr
    assert "database is locked" not in result.output
    assert DocumentRepository(open_database(str(db))).count() == 3
