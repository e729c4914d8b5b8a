"""Extraction on a Dask distributed cluster (`--scheduler tcp://host:8786`).

Only imported when a scheduler is given, so dask stays an optional extra. Each worker
builds its pipeline once (a cached global per worker process) from PipelineSettings, and
opens the gazetteer index the client built, at settings.cache_dir. Batches are tasks;
the scheduler re-runs a dead worker's tasks elsewhere, and a batch lost even so is sent
once more, then recorded as failed with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from harmwatch.errors import UsageError
from harmwatch.model import Document
from harmwatch.runner.inprocess import Outcome
from harmwatch.runner.window import windowed
from harmwatch.runner.worker import PipelineSettings, extract_in_worker

try:
    import distributed
except ImportError as exc:  # pragma: no cover - depends on the install
    raise UsageError("--scheduler needs Dask: pip install 'harmwatch[dask]'") from exc

CONNECT_TIMEOUT = "20s"


class DaskCluster:
    def __init__(self, address: str, settings: PipelineSettings):
        self.settings = settings
        try:
            self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        threads = sum(self.client.nthreads().values())
        self.window = 2 * max(threads, 1)

    def _submit(self, batch: list[Document]):
        return self.client.submit(extract_in_worker, self.settings, batch, pure=False)

    def run(self, batches: Iterable[list[Document]], ordered: bool = False
            ) -> Iterator[tuple[list[Document], list[Outcome]]]:
        yield from windowed(
            batches, self._submit,
            lambda futures: distributed.wait(futures, return_when="FIRST_COMPLETED").done,
            window=self.window, ordered=ordered)

    def close(self) -> None:
        self.client.close()
