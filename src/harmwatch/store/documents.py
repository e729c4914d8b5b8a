"""Documents, their extracted events, and the inputs that failed: the one door to those tables.

Writes are safe with several writers at once: a document is inserted with ON CONFLICT DO
NOTHING on its id and content hash, so two processes storing the same report store it
once, and a SQLite writer that finds the file locked waits (and says so) instead of failing.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Literal, TypeVar

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from harmwatch.errors import StoreError
from harmwatch.model import Document, Event, ExtractionResult, SourceFailure
from harmwatch.store.tables import documents, events, ingest_errors

log = logging.getLogger(__name__)
T = TypeVar("T")
# How long a writer waits for another process's write lock on a SQLite file, in all.
LOCK_WAIT_SECONDS = 600


def _insert_for(dialect_name: str):
    """The dialect's insert, which has ON CONFLICT; imported for the dialect in use only."""
    if dialect_name not in ("postgresql", "sqlite"):
        return insert
    return importlib.import_module(f"sqlalchemy.dialects.{dialect_name}").insert


class Unstorable(Exception):
    """The database refused this one document (a value it cannot hold); others go on."""


def _now() -> datetime:
    return datetime.now(UTC)


def _locked(exc: OperationalError) -> bool:
    return "locked" in str(exc.orig) or "busy" in str(exc.orig)


def event_row(event: Event, document_id: str, published: date | None) -> dict:
    """The events-table row of an Event from a document published on `published`: the full
    record plus its filterable fields."""
    location = event.location
    killed = event.killed.total
    return {
        "id": event.id,
        "document_id": document_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "method": event.method,
        "civilian_targeting": event.civilian_targeting,
        "actor1": event.actor1.id if event.actor1 else None,
        "actor2": event.actor2.id if event.actor2 else None,
        "date_start": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "admin1": location.admin1 if location else None,
        "country": location.country if location else None,
        "geo_precision": location.precision if location else None,
        "killed_min": killed.min if killed else None,
        "killed_max": killed.max if killed else None,
        "data": event.model_dump(mode="json"),
        "stream_date": event.date.start if event.date else published,
    }


def _document_from_row(row) -> Document:
    return Document(id=row.id, text=row.text, title=row.title, url=row.url,
                    published=row.published, publisher=row.publisher, language=row.language,
                    content_hash=row.content_hash, source=row.source)


class DocumentRepository:
    def __init__(self, engine: Engine):
        self.engine = engine

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one transaction, waiting while another process holds SQLite's lock."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        said = False
        while True:
            try:
                with self.engine.begin() as connection:
                    return work(connection)
            except OperationalError as exc:
                if not _locked(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StoreError(f"the database {self.engine.url} stayed locked by another "
                                     f"writer for {LOCK_WAIT_SECONDS} s; try again when it "
                                     "finishes") from exc
                if not said:
                    log.warning("the database %s is busy with another writer; waiting for it",
                                self.engine.url)
                    said = True
                time.sleep(0.5)

    def stored_as(self, document: Document) -> Literal["same", "other-text"] | None:
        """"same" if this content is stored, "other-text" if its id holds a different text."""
        query = select(documents.c.content_hash).where(
            (documents.c.content_hash == document.content_hash) | (documents.c.id == document.id))
        with self.engine.connect() as connection:
            hashes = set(connection.execute(query.limit(2)).scalars())
        if not hashes:
            return None
        return "same" if document.content_hash in hashes else "other-text"

    def contains(self, document: Document) -> bool:
        """True where this content, or a document with this id, is already stored."""
        query = select(documents.c.id).where(
            (documents.c.content_hash == document.content_hash) | (documents.c.id == document.id)
        )
        with self.engine.connect() as connection:
            return connection.execute(query.limit(1)).first() is not None

    def add(self, document: Document, extraction: ExtractionResult | None = None) -> bool:
        """Store a document and its events in one transaction; False if its id or content
        was already stored (by this process or another); Unstorable if the database
        refuses one of its values."""
        mentions = extraction.model_dump(mode="json", exclude={"events"}) if extraction else None
        insert_document = _insert_for(self.engine.dialect.name)(documents).values(
            **document.model_dump(exclude={"id"}), id=document.id, ingested_at=_now(),
            extraction=mentions).on_conflict_do_nothing().returning(documents.c.id)

        def work(connection: Connection) -> bool:
            if connection.execute(insert_document).first() is None:  # it was there
                return False
            if extraction and extraction.events:
                connection.execute(insert(events), [
                    event_row(event, document.id, document.published)
                    for event in extraction.events])
            return True

        try:
            return self._write(work)
        except (DataError, IntegrityError) as exc:
            raise Unstorable(f"{exc.__class__.__name__}: {str(exc.orig).strip()}") from exc

    def get(self, document_id: str) -> Document | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(documents).where(documents.c.id == document_id)).first()
        return _document_from_row(row) if row else None

    def extraction(self, document_id: str) -> ExtractionResult | None:
        """The stored extraction result of a document, its events included."""
        with self.engine.connect() as connection:
            mentions = connection.execute(
                select(documents.c.extraction).where(documents.c.id == document_id)).scalar()
        if mentions is None:
            return None
        return ExtractionResult.model_validate(
            {**mentions, "events": [e.model_dump() for e in self.events(document_id)]})

    def all(self, limit: int | None = None, offset: int = 0) -> Iterator[Document]:
        """Oldest first; `limit` and `offset` are applied by the database."""
        query = (select(documents).order_by(documents.c.ingested_at, documents.c.id)
                 .limit(limit).offset(offset or None))
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield _document_from_row(row)

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(documents)).scalar_one()

    def events(self, document_id: str | None = None, limit: int | None = None) -> list[Event]:
        """Events in document order, of one document or all; `limit` applied by the database."""
        query = select(events.c.data).order_by(events.c.document_id, events.c.id).limit(limit)
        if document_id is not None:
            query = query.where(events.c.document_id == document_id)
        with self.engine.connect() as connection:
            return [Event.model_validate(data) for data in connection.execute(query).scalars()]

    def event_count(self, document_id: str | None = None) -> int:
        query = select(func.count()).select_from(events)
        if document_id is not None:
            query = query.where(events.c.document_id == document_id)
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one()

    def event_counts(self) -> dict[str, int]:
        """Events per document id, in one query (documents without events are absent)."""
        query = select(events.c.document_id, func.count()).group_by(events.c.document_id)
        with self.engine.connect() as connection:
            return dict(connection.execute(query).all())

    def record_failure(self, failure: SourceFailure) -> None:
        self._write(lambda connection: connection.execute(insert(ingest_errors).values(
            source=failure.source, location=failure.location, reason=failure.reason, at=_now())))

    def failures(self) -> list[tuple[datetime, SourceFailure]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(ingest_errors).order_by(ingest_errors.c.id)).all()
        return [(row.at, SourceFailure(source=row.source, location=row.location,
                                       reason=row.reason)) for row in rows]

    def clear_failures(self) -> int:
        with self.engine.begin() as connection:
            return connection.execute(delete(ingest_errors)).rowcount
