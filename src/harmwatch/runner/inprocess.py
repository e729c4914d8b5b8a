"""Extraction of one batch in this process: the batch at once, or one by one if it fails."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from harmwatch.model import Document, ExtractionResult

log = logging.getLogger(__name__)


class ExtractorLike(Protocol):
    def pipe(self, documents: Iterable[Document]) -> Iterable[ExtractionResult]: ...


@dataclass
class Outcome:
    """What became of one document: its result, or why it has none."""

    result: ExtractionResult | None = None
    error: str | None = None


def extract_batch(extractor: ExtractorLike | None, documents: list[Document]) -> list[Outcome]:
    """One outcome per document, in order; a failing document costs only itself."""
    if extractor is None:
        return [Outcome() for _ in documents]
    try:
        return [Outcome(result) for result in _all(extractor, documents)]
    except Exception:
        log.debug("extraction failed on a batch; retrying one by one", exc_info=True)
    outcomes = []
    for document in documents:
        try:
            [result] = _all(extractor, [document])
            outcomes.append(Outcome(result))
        except Exception as exc:
            outcomes.append(Outcome(error=f"extraction failed: {exc.__class__.__name__}: {exc}"))
    return outcomes


def _all(extractor: ExtractorLike, documents: list[Document]) -> list[ExtractionResult]:
    results = list(extractor.pipe(documents))
    if len(results) != len(documents):
        raise ValueError(f"{len(results)} results for {len(documents)} documents")
    return results


class Extraction(Protocol):
    """A backend: batches in, (batch, outcomes) out as they finish (or in input order)."""

    def run(self, batches: Iterable[list[Document]], ordered: bool = False
            ) -> Iterator[tuple[list[Document], list[Outcome]]]: ...

    def close(self) -> None: ...


class InProcess:
    """Batches extracted one after another in this process (`--workers 1`)."""

    def __init__(self, extractor: ExtractorLike | None):
        self.extractor = extractor

    def run(self, batches: Iterable[list[Document]], ordered: bool = False
            ) -> Iterator[tuple[list[Document], list[Outcome]]]:
        for batch in batches:
            yield batch, extract_batch(self.extractor, batch)

    def close(self) -> None:
        pass
