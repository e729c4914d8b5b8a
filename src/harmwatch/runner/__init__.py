"""Running extraction: in this process, in N local processes, or on a Dask cluster.

Every backend takes batches of Documents and hands back (batch, outcomes) as batches
finish (or in input order); the caller stores them. Workers build their own pipeline with
`worker_pipeline(settings)`, never receiving a pickled one.
"""

from __future__ import annotations

import os
from pathlib import Path

from harmwatch.runner.inprocess import (
    Extraction,
    ExtractorLike,
    InProcess,
    Outcome,
    extract_batch,
)
from harmwatch.runner.ordered import outcomes_in_order
from harmwatch.runner.worker import PipelineSettings, process_pipeline, worker_pipeline

SCHEDULER_ENV = "HARMWATCH_SCHEDULER"

__all__ = ["SCHEDULER_ENV", "Extraction", "ExtractorLike", "InProcess", "Outcome",
           "PipelineSettings", "default_workers", "extract_batch", "extraction_for",
           "outcomes_in_order", "worker_pipeline"]


def default_workers() -> int:
    """Worker processes by default: one per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def extraction_for(actors: Path | None = None, workers: int = 1, scheduler: str | None = None,
                   extract: bool = True, language: str = "auto",
                   language_packs: tuple[Path | str, ...] = ()) -> Extraction:
    """The backend: InProcess, LocalPool (workers > 1) or DaskCluster (a scheduler address);
    with extract False, documents pass through without extraction."""
    if not extract:
        return InProcess(None)
    settings = PipelineSettings.of(actors, language, language_packs)
    if scheduler:
        from harmwatch.runner.cluster import DaskCluster  # dask only when asked for

        return DaskCluster(scheduler, settings.prepared())
    if workers > 1:
        from harmwatch.runner.pool import LocalPool

        return LocalPool(settings.prepared(), workers)
    return InProcess(process_pipeline(settings))
