"""`--scheduler`: extraction on a real Dask cluster (two worker processes on 127.0.0.1)
stores what an in-process run stores, and a worker killed mid-batch loses no document."""

from __future__ import annotations

import os
import signal

import pytest

from harmwatch.model import Document
from harmwatch.runner import PipelineSettings
from tests.runner.reports import report, stored_state, write_batch

distributed = pytest.importorskip("distributed")  # the `dask` extra, part of `dev`


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_a_cluster_stores_what_one_process_stores(tmp_path, cli, scheduler):
    batch = write_batch(tmp_path / "reports.jsonl", range(40))
    here = f"sqlite:///{tmp_path / 'here.db'}"
    there = f"sqlite:///{tmp_path / 'there.db'}"
    assert cli("ingest", batch, "--workers", "1", "--db", here).exit_code == 0
    result = cli("ingest", batch, "--scheduler", scheduler, "--db", there)
    assert result.exit_code == 0, result.output
    documents, events = stored_state(there)
    assert len(documents) == 40 and events
    assert (documents, events) == stored_state(here)


def test_a_worker_killed_mid_batch_loses_no_document(scheduler):
    from harmwatch.runner.cluster import DaskCluster

    cluster = DaskCluster(scheduler, PipelineSettings().prepared())
    documents = [Document(id=f"k{n}", text=report(n)) for n in range(24)]
    batches = [documents[i:i + 2] for i in range(0, len(documents), 2)]
    seen: dict[str, object] = {}
    try:
        for batch, outcomes in cluster.run(batches):
            if not seen:  # the pipelines are loaded and batches are in flight: kill one
                pid = next(iter(cluster.client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)
            seen.update({d.id: o for d, o in zip(batch, outcomes, strict=True)})
    finally:
        cluster.close()
    assert sorted(seen) == sorted(d.id for d in documents)
    assert all(o.result is not None and o.result.events for o in seen.values()), \
        {k: o.error for k, o in seen.items() if o.error}
