"""Ingest: inputs -> documents -> extraction -> store, idempotent and resumable.

Inputs are read as a stream: each batch of documents goes to extraction (in this process,
in local worker processes, or on a Dask cluster) as soon as it is read, and this process,
the one writer, stores each document with its events in its own transaction as results
come back. An interrupted run keeps all it stored, and re-running it skips those (same
content hash) and goes on. A document whose id is already stored with another text is
refused and recorded, never silently dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from harmwatch.model import Document, SourceFailure
from harmwatch.runner import Extraction, ExtractorLike, InProcess, Outcome
from harmwatch.sources import refusal
from harmwatch.store import DocumentRepository, Unstorable

log = logging.getLogger(__name__)
CHUNK = 16


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    failures: list[SourceFailure] = field(default_factory=list)


def _other_text(document: Document) -> str:
    return (f"id {document.id!r} is already stored with a different text; give this document "
            "another id (or leave the id column out to use content-hash ids)")


@dataclass
class _Run:
    repository: DocumentRepository
    advance: Callable[[int], None]
    summary: IngestSummary = field(default_factory=IngestSummary)
    # Sent to extraction and not yet stored: id -> content hash, and the hashes.
    in_flight: dict[str, str] = field(default_factory=dict)

    def fail(self, failure: SourceFailure) -> None:
        self.repository.record_failure(failure)
        self.summary.failed += 1
        self.summary.failures.append(failure)
        where = f"{failure.source}:{failure.location}" if failure.location else failure.source
        log.error("%s: %s", where, failure.reason)

    def fail_document(self, document: Document, reason: str) -> None:
        self.fail(SourceFailure(source=document.source or document.id, reason=reason))

    def _clash(self, document: Document) -> str | None:
        if document.content_hash in self.in_flight.values():
            return "same"
        if document.id in self.in_flight:
            return "other-text"
        return self.repository.stored_as(document)

    def screen(self, item: Document | SourceFailure) -> Document | None:
        """The document if it is new and storable; else it is counted and recorded here."""
        if isinstance(item, SourceFailure):
            self.fail(item)
        elif reason := refusal(item):
            self.fail_document(item, reason)
        elif (clash := self._clash(item)) == "same":
            self.summary.duplicate += 1
        elif clash == "other-text":
            self.fail_document(item, _other_text(item))
        else:
            self.in_flight[item.id] = item.content_hash
            return item
        self.advance(1)
        return None

    def batches(self, items: Iterable[Document | SourceFailure], size: int
                ) -> Iterator[list[Document]]:
        iterator = iter(items)
        while chunk := list(islice(iterator, size)):
            if batch := [d for d in map(self.screen, chunk) if d is not None]:
                yield batch

    def store(self, document: Document, outcome: Outcome) -> None:
        self.in_flight.pop(document.id, None)
        if outcome.error:
            self.fail_document(document, outcome.error)
            return
        try:
            added = self.repository.add(document, outcome.result)
        except Unstorable as exc:
            self.fail_document(document, f"the database refused it: {exc}")
            return
        if added:
            self.summary.new += 1
            self.summary.events += len(outcome.result.events) if outcome.result else 0
        elif self.repository.stored_as(document) == "other-text":
            self.fail_document(document, _other_text(document))
        else:
            self.summary.duplicate += 1


def ingest(items: Iterable[Document | SourceFailure], repository: DocumentRepository,
           extractor: ExtractorLike | None = None,
           advance: Callable[[int], None] = lambda n: None, *,
           extraction: Extraction | None = None,
           batch_size: int = CHUNK) -> IngestSummary:
    """Store every new document with its extraction; record every failure and go on.

    `extraction` (a runner backend) replaces `extractor` to extract in other processes.
    """
    run = _Run(repository, advance)
    extraction = extraction or InProcess(extractor)
    for batch, outcomes in extraction.run(run.batches(items, batch_size)):
        for document, outcome in zip(batch, outcomes, strict=True):
            run.store(document, outcome)
            advance(1)
    return run.summary
