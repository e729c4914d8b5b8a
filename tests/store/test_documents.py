"""The document store, on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, date, datetime

from harmwatch.model import (
    Document,
    DocumentRef,
    Event,
    ExtractionResult,
    Mention,
    Place,
    SourceFailure,
    Span,
)
from harmwatch.store import DocumentRepository
from harmwatch.store.db import table_names


def result_with_event(document: Document) -> ExtractionResult:
    evidence = Mention(text=document.text, span=Span.of(0, len(document.text)))
    event = Event(id=f"{document.id}:e1", event_type="Explosions/Remote violence",
                  sub_event_type="Shelling/artillery/missile attack", method="shelling",
                  evidence=evidence, confidence=0.5)
    place = Place(text="Douma", span=Span.of(document.text.index("Douma"),
                                             document.text.index("Douma") + 5))
    return ExtractionResult(document=DocumentRef.of(document), events=[event], places=[place])


def test_schema_has_every_table(engine):
    assert {"documents", "events", "ingest_errors", "incidents", "incident_events",
            "audit_log", "users", "api_tokens"} <= set(table_names(engine))


def test_document_and_events_round_trip(engine):
    repository = DocumentRepository(engine)
    document = Document(text="Shelling hit Douma, killing four.", title="Douma",
                        published=date(2016, 2, 1), url="https://example.org/d",
                        publisher="Example", language="en", source="d.txt")
    result = result_with_event(document)
    assert repository.add(document, result) is True
    assert repository.get(document.id) == document
    assert repository.events(document.id) == result.events
    assert repository.extraction(document.id) == result
    assert repository.count() == 1
    assert repository.event_counts() == {document.id: 1}


def test_same_content_is_stored_once(engine):
    repository = DocumentRepository(engine)
    first = Document(text="Shelling hit Douma.", url="https://a.example/1")
    copy = Document(text="Shelling  hit\nDouma.", url="https://b.example/2")
    assert repository.add(first) is True
    assert repository.contains(copy)
    assert repository.add(copy) is False
    assert repository.count() == 1
    assert repository.get(first.id).url == "https://a.example/1"


def test_failures_are_recorded_and_cleared(engine):
    repository = DocumentRepository(engine)
    repository.record_failure(SourceFailure(source="b.jsonl", location="line 2", reason="bad"))
    [(at, failure)] = repository.failures()
    assert failure == SourceFailure(source="b.jsonl", location="line 2", reason="bad")
    assert at is not None
    assert repository.clear_failures() == 1 and repository.failures() == []


def test_migrating_twice_keeps_data(db_url):
    from harmwatch.store import open_database

    DocumentRepository(open_database(db_url)).add(Document(text="Kept across upgrades."))
    assert DocumentRepository(open_database(db_url)).count() == 1


def test_the_upgrade_dates_stored_events_for_the_incident_build(db_url):
    """Migration 0005 gives events stored before it their stream date: the event's own date,
    else its document's publication date."""
    from alembic import command
    from sqlalchemy import select

    from harmwatch.store import open_database
    from harmwatch.store.db import alembic_config, create
    from harmwatch.store.tables import documents, events

    engine = create(db_url)
    command.upgrade(alembic_config(engine), "0003_sessions_tokens_search")
    document = Document(text="Shelling hit Douma.", published=date(2016, 3, 14))
    with engine.begin() as connection:
        connection.execute(documents.insert().values(
            id=document.id, content_hash=document.content_hash, text=document.text,
            published=document.published, ingested_at=datetime.now(UTC)))
        event = result_with_event(document).events[0]
        connection.execute(events.insert().values(
            id=event.id, document_id=document.id, event_type=event.event_type,
            sub_event_type=event.sub_event_type, method=event.method,
            data=event.model_dump(mode="json")))
    engine.dispose()
    with open_database(db_url).connect() as connection:
        assert connection.execute(select(events.c.stream_date)).scalar_one() == date(2016, 3, 14)
