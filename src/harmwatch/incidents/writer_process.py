"""The build's writing in a second process, so that grouping and writing overlap on two cores.

The build groups events and hands each batch of finished incidents to a child process, which
assembles, grades and writes them with a `BatchWriter` of its own on its own connection: the
same batches in the same order and the same locked transactions as in one process, so the
same incidents. At most QUEUED batches wait between the two, which bounds the memory they
hold. The child is started fresh (spawned, not forked: a forked child would share the
parent's database connections and threads).
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import queue
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection

from harmwatch.incidents.ports import IncidentStore
from harmwatch.incidents.rules import Rules
from harmwatch.incidents.writing import BATCH, BatchWriter, Finished

QUEUED = 2
POLL_SECONDS = 1.0


class WriterFailed(RuntimeError):
    """The writer process stopped with an error or died."""


def _write_batches(reopen: Callable[[], IncidentStore], rules: Rules, summary_type: type,
                   reserved: set[str], batches: multiprocessing.Queue,
                   results: Connection) -> None:
    """The child: write every batch received until None, then send the summary's counts."""
    gc.disable()  # as in the parent: nothing the build makes is cyclic garbage
    try:
        summary = summary_type()
        writer = BatchWriter(reopen(), rules, summary, reserved)
        while (batch := batches.get()) is not None:
            for finished in batch:
                writer.add(finished)
        writer.close()
        results.send(("done", summary))
    except BaseException:
        results.send(("failed", traceback.format_exc()))
        raise


class WriterProcess:
    """A BatchWriter's add and close, done by a child process; a context manager that stops
    the child if the build fails."""

    def __init__(self, reopen: Callable[[], IncidentStore], rules: Rules, summary,
                 reserved: set[str]):
        context = multiprocessing.get_context("spawn")
        self.summary = summary
        self.pending: list[Finished] = []
        self.batches = context.Queue(maxsize=QUEUED)
        self.results, child_end = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_write_batches, name="harmwatch-incident-writer", daemon=True,
            args=(reopen, rules, type(summary), set(reserved), self.batches, child_end))
        self.process.start()
        child_end.close()

    def __enter__(self) -> WriterProcess:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.batches.cancel_join_thread()  # a dead child reads nothing more: do not wait
        self.batches.close()
        self.results.close()

    def add(self, finished: Finished) -> None:
        self.pending.append(finished)
        if len(self.pending) >= BATCH:
            self._send(self.pending)
            self.pending = []

    def close(self) -> None:
        """Send what is left and wait for the child to write it; its counts join ours."""
        self._send(self.pending)
        self.pending = []
        self._send(None)
        while not self.results.poll(POLL_SECONDS):
            self._check_alive()
        result = self._received()
        for name in (f.name for f in dataclasses.fields(result)):
            setattr(self.summary, name, getattr(self.summary, name) + getattr(result, name))
        self.process.join()

    def _send(self, batch: list[Finished] | None) -> None:
        while True:
            try:
                self.batches.put(batch, timeout=POLL_SECONDS)
                return
            except queue.Full:
                self._check_alive()

    def _received(self):
        """The child's summary, or its error raised here."""
        outcome, result = self.results.recv()
        if outcome == "failed":
            raise WriterFailed(f"the incident writer process failed:\n{result}")
        return result

    def _check_alive(self) -> None:
        if self.process.is_alive():
            return
        if self.results.poll():
            self._received()
        raise WriterFailed(f"the incident writer process died (exit code "
                           f"{self.process.exitcode})")
