"""Assembling the stages: the extractor that ingest and extract run.

The only module that joins extraction to geoparsing: extract knows places only through
its PlaceFinder protocol, and the gazetteer-backed Geoparser is plugged in here.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from harmwatch.extract import Extractor
from harmwatch.geo import Geoparser
from harmwatch.ingest import IngestSummary, ingest
from harmwatch.model import Document, SourceFailure
from harmwatch.store import DocumentRepository


def load_extractor(actors: Path | None = None, model: str | None = None) -> Extractor:
    """The extractor with the offline gazetteer resolving its places (index built once)."""
    return Extractor.load(actors=actors, place_finder=Geoparser.load(), model=model)


@cache
def shared_extractor() -> Extractor:
    """One extractor per process for long-running callers (the web app): loaded on first use,
    since loading the model and gazetteer takes seconds."""
    return load_extractor()


def ingest_items(items: Iterable[Document | SourceFailure],
                 repository: DocumentRepository) -> IngestSummary:
    """Extract and store documents with the process's shared extractor: the web's ingest."""
    return ingest(items, repository, shared_extractor())
