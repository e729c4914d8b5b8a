"""Every input item's outcome in input order: how `extract --batch` runs on any backend."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from harmwatch.model import Document, SourceFailure
from harmwatch.runner.inprocess import Extraction, Outcome
from harmwatch.sources import refusal

Item = Document | SourceFailure


def outcomes_in_order(items: Iterable[Item], extraction: Extraction, batch_size: int = 16
                      ) -> Iterator[tuple[Item, Outcome]]:
    """(item, outcome) per item, in order; a failure or an unusable document gets an
    Outcome with the error, and the items around it go on."""
    chunks: deque[list[tuple[Item, Outcome | None]]] = deque()

    def batches() -> Iterator[list[Document]]:
        iterator = iter(items)
        while chunk := list(islice(iterator, batch_size)):
            marked = [(item, _refused(item)) for item in chunk]
            chunks.append(marked)
            yield [item for item, refused in marked if refused is None]

    for _, outcomes in extraction.run(batches(), ordered=True):
        done = iter(outcomes)
        for item, refused in chunks.popleft():
            yield item, refused or next(done)


def _refused(item: Item) -> Outcome | None:
    if isinstance(item, SourceFailure):
        where = f"{item.location}: " if item.location else ""
        return Outcome(error=f"{where}{item.reason}")
    reason = refusal(item)
    return Outcome(error=reason) if reason else None
