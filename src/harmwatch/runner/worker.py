"""What a worker process needs to build its own pipeline: settings, never a pickled pipeline.

`worker_pipeline` is the one place a worker builds its extractor; `process_pipeline` keeps
one per process (a Dask worker or a pool process builds it once, not once per task).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from harmwatch import geo
from harmwatch.model import Document
from harmwatch.runner.inprocess import Outcome, extract_batch

if TYPE_CHECKING:
    from harmwatch.extract import Extractor


@dataclass(frozen=True)
class PipelineSettings:
    """Plain values a pipeline is rebuilt from in another process or on another machine."""

    actors: str | None = None
    model: str | None = None
    cache_dir: str | None = None
    language: str = "auto"  # a pack code, or auto: per document
    language_packs: tuple[str, ...] = ()  # the user's own pack directories

    @classmethod
    def of(cls, actors: Path | None = None, language: str = "auto",
           language_packs: tuple[Path | str, ...] = ()) -> PipelineSettings:
        return cls(actors=str(actors) if actors else None, language=language,
                   language_packs=tuple(str(p) for p in language_packs))

    def prepared(self) -> PipelineSettings:
        """These settings with the gazetteer index built now, once, by the caller; workers
        open it from cache_dir (on other machines that path must hold a copy of the index)."""
        cache_dir = geo.cache_dir_default()
        geo.Geoparser.load(cache_dir)
        return replace(self, cache_dir=str(cache_dir))


def worker_pipeline(settings: PipelineSettings) -> Extractor:
    """The extractor a worker process runs, built from settings alone."""
    from harmwatch.pipeline import load_extractor  # spaCy: only where extraction runs

    if settings.cache_dir and Path(settings.cache_dir) != geo.cache_dir_default():
        os.environ["HARMWATCH_CACHE"] = settings.cache_dir  # this process is a worker
    return load_extractor(actors=Path(settings.actors) if settings.actors else None,
                          model=settings.model, language=settings.language,
                          language_packs=settings.language_packs)


_pipelines: dict[PipelineSettings, Extractor] = {}
_lock = threading.Lock()


def process_pipeline(settings: PipelineSettings) -> Extractor:
    """This process's extractor for these settings, built on first use."""
    with _lock:
        if settings not in _pipelines:
            _pipelines[settings] = worker_pipeline(settings)
        return _pipelines[settings]


def extract_in_worker(settings: PipelineSettings, documents: list[Document]) -> list[Outcome]:
    """The task a pool process or a Dask worker runs on one batch."""
    return extract_batch(process_pipeline(settings), documents)
