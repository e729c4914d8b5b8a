"""The build's writing in a second process, so that grouping and writing overlap on two cores.

The build groups events and hands each batch of finished incidents to a child process, which
assembles, grades and writes them with a `BatchWriter` of its own on its own connection: the
same batches in the same order and the same locked transactions as in one process, so the
same incidents. Batches go through a pipe: sending the next one waits until the child has
taken it, so at most one batch waits beside the one being written (bounded memory). The child
is spawned, not forked (a forked child would share the parent's database connections), and
holds only its own end of the pipe: if the build's process dies (`kill -9`), the child reads
the end of the pipe after its current batch and stops.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection

from harmwatch.incidents.ports import IncidentStore
from harmwatch.incidents.rules import Rules
from harmwatch.incidents.writing import BATCH, BatchWriter, Finished


class WriterFailed(RuntimeError):
    """The writer process stopped with an error or died."""


def _write_batches(reopen: Callable[[], IncidentStore], rules: Rules, summary_type: type,
                   reserved: set[str], build: Connection) -> None:
    """The child: write every batch received until None, then send back the summary's
    counts; stop quietly if the build's process is gone."""
    gc.disable()  # as in the parent: nothing the build makes is cyclic garbage
    try:
        summary = summary_type()
        writer = BatchWriter(reopen(), rules, summary, reserved)
        while (batch := build.recv()) is not None:
            for finished in batch:
                writer.add(finished)
        writer.close()
        build.send(("done", summary))
    except EOFError:
        return  # the build's process died: nothing more will come
    except BaseException:
        build.send(("failed", traceback.format_exc()))
        raise


class WriterProcess:
    """A BatchWriter's add and close, done by a child process; a context manager that stops
    the child if the build fails."""

    def __init__(self, reopen: Callable[[], IncidentStore], rules: Rules, summary,
                 reserved: set[str]):
        context = multiprocessing.get_context("spawn")
        self.summary = summary
        self.pending: list[Finished] = []
        self.child, child_end = context.Pipe()
        self.process = context.Process(
            target=_write_batches, name="harmwatch-incident-writer", daemon=True,
            args=(reopen, rules, type(summary), set(reserved), child_end))
        self.process.start()
        child_end.close()

    def __enter__(self) -> WriterProcess:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.child.close()

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
        try:
            result = self._received()
        except EOFError:
            raise self._failure() from None
        for name in (f.name for f in dataclasses.fields(result)):
            setattr(self.summary, name, getattr(self.summary, name) + getattr(result, name))
        self.process.join()

    def _send(self, batch: list[Finished] | None) -> None:
        try:
            self.child.send(batch)
        except OSError:  # the child is gone
            raise self._failure() from None

    def _received(self):
        """The child's summary, or its error raised here."""
        outcome, result = self.child.recv()
        if outcome == "failed":
            raise WriterFailed(f"the incident writer process failed:\n{result}")
        return result

    def _failure(self) -> WriterFailed:
        """Why the child stopped: the error it sent, else how it died."""
        try:
            if self.child.poll():
                self._received()
        except EOFError:
            pass  # it sent nothing
        self.process.join()
        return WriterFailed(f"the incident writer process died (exit code "
                            f"{self.process.exitcode})")
