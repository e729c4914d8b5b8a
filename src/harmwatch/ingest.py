"""Ingest: inputs -> documents -> extraction -> store, idempotent and resumable.

Each document is committed with its events in its own transaction, so an interrupted run
keeps all it finished, and re-running it skips those (same content hash) and goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from harmwatch.model import Document, ExtractionResult, SourceFailure
from harmwatch.store import DocumentRepository

log = logging.getLogger(__name__)
CHUNK = 16


class ExtractorLike(Protocol):
    def pipe(self, documents: Iterable[Document]) -> Iterable[ExtractionResult]: ...


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    failures: list[SourceFailure] = field(default_factory=list)


def _chunks(items: Iterable, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _fail(repository: DocumentRepository, summary: IngestSummary, failure: SourceFailure) -> None:
    repository.record_failure(failure)
    summary.failed += 1
    summary.failures.append(failure)
    where = f"{failure.source}:{failure.location}" if failure.location else failure.source
    log.error("%s: %s", where, failure.reason)


def _extracted(documents: list[Document], repository: DocumentRepository,
               extractor: ExtractorLike | None, summary: IngestSummary
               ) -> list[tuple[Document, ExtractionResult | None]]:
    """Extraction results for a chunk; if the chunk fails, one by one, so only the bad one fails."""
    if extractor is None:
        return [(document, None) for document in documents]
    try:
        return list(zip(documents, extractor.pipe(documents), strict=True))
    except Exception:
        log.debug("extraction failed on a chunk; retrying one by one", exc_info=True)
    pairs = []
    for document in documents:
        try:
            pairs.extend(zip([document], extractor.pipe([document]), strict=True))
        except Exception as exc:
            _fail(repository, summary, SourceFailure(
                source=document.source or document.id,
                reason=f"extraction failed: {exc.__class__.__name__}: {exc}"))
    return pairs


def ingest(items: Iterable[Document | SourceFailure], repository: DocumentRepository,
           extractor: ExtractorLike | None = None,
           advance: Callable[[int], None] = lambda n: None) -> IngestSummary:
    """Store every new document with its extraction; record every failure and go on."""
    summary = IngestSummary()
    for chunk in _chunks(items, CHUNK):
        pending: list[Document] = []
        for item in chunk:
            if isinstance(item, SourceFailure):
                _fail(repository, summary, item)
            elif repository.contains(item) or any(
                    p.content_hash == item.content_hash or p.id == item.id for p in pending):
                summary.duplicate += 1
            else:
                pending.append(item)
        for document, result in _extracted(pending, repository, extractor, summary):
            if repository.add(document, result):
                summary.new += 1
                summary.events += len(result.events) if result else 0
            else:
                summary.duplicate += 1
        advance(len(chunk))
    return summary
