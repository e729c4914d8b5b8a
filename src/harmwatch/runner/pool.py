"""Extraction in N local processes, each with its own pipeline (`--workers N`)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import chain

from harmwatch.model import Document
from harmwatch.runner.inprocess import Outcome
from harmwatch.runner.window import windowed
from harmwatch.runner.worker import PipelineSettings, extract_in_worker, process_pipeline

ORPHAN_CHECK_SECONDS = 1.0


def _exit_with(parent: int) -> None:
    """A worker whose parent was killed (kill -9) ends instead of idling on."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def _start(settings: PipelineSettings) -> None:
    # Ctrl-C is the parent's to handle: it stops submitting and keeps what it stored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    process_pipeline(settings)


class LocalPool:
    """Worker processes started on the second batch: an input of one batch is extracted
    here, as starting a process that loads a pipeline costs more than it saves."""

    def __init__(self, settings: PipelineSettings, workers: int):
        self.settings = settings
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per worker, never a forked copy of the parent's threads.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start, initargs=(self.settings,))

    def _submit(self, batch: list[Document]):
        if self._pool is None:
            self._pool = self._new_pool()
        try:
            return self._pool.submit(extract_in_worker, self.settings, batch)
        except BrokenProcessPool:  # a worker died: start a fresh pool for what remains
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(extract_in_worker, self.settings, batch)

    def run(self, batches: Iterable[list[Document]], ordered: bool = False
            ) -> Iterator[tuple[list[Document], list[Outcome]]]:
        batches = iter(batches)
        first = next(batches, None)
        second = next(batches, None)
        if first is not None and second is None:
            yield first, extract_in_worker(self.settings, first)
            return
        rest = chain([first, second], batches) if first is not None else iter(())
        yield from windowed(rest, self._submit,
                            lambda futures: wait(futures, return_when=FIRST_COMPLETED).done,
                            window=2 * self.workers, ordered=ordered)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
