"""Extraction: events with evidence from a report's text (placeholder)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from harmwatch.model import Document, DocumentRef, ExtractionResult


class Extractor:
    """Turns Documents into ExtractionResults."""

    @classmethod
    def load(cls, **_options) -> Extractor:
        return cls()

    def extract(self, document: Document) -> ExtractionResult:
        return ExtractionResult(document=DocumentRef.of(document))

    def pipe(self, documents: Iterable[Document]) -> Iterator[ExtractionResult]:
        for document in documents:
            yield self.extract(document)
