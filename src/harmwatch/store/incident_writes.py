"""Writing incidents: every write (a build's, a person's) runs in one transaction that holds
the incident write lock from its first read, so what it checked (versions, locks, people's
edits) is still true when it writes; and only one `incidents build` runs at a time.

The domain decisions (what to group, how to assemble, whose change wins) are harmwatch.incidents'
own; this module reads and writes rows.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, Text, bindparam, cast, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from harmwatch.model import Event, EventRecord, Incident
from harmwatch.store.audit import write_audit
from harmwatch.store.db import exclusive, refresh_statistics, write_transaction
from harmwatch.store.tables import audit_log, documents, events, incident_events, incidents

log = logging.getLogger(__name__)
CHUNK = 500
WRITE_LOCK = "incident-writes"
BUILD_LOCK = "incidents-build"


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True, slots=True)
class StreamedEvent:
    """An event as the build streams it: enough to group it, and its document's text (for
    telling copies apart; the build signs it and lets it go)."""

    event: Event
    document_id: str
    text: str
    published: date | None
    incident_id: str | None
    locked: bool


# An event's stored JSON as text: pydantic validates text in one pass, nearly twice as fast as
# the driver's json.loads followed by validating the dicts (a build reads every event twice).
EVENT_TEXT = cast(events.c.data, Text).label("data")


def _event(data: str) -> Event:
    return Event.model_validate_json(data)


def _records_query():
    d = documents.c
    return (select(EVENT_TEXT, events.c.document_id, d.title, d.url, d.publisher, d.language,
                   d.published, d.text)
            .join(documents, documents.c.id == events.c.document_id))


def _record(row) -> EventRecord:
    return EventRecord(_event(row.data), row.document_id, row.title, row.url,
                       row.publisher, row.language, row.published, row.text)


class IncidentTransaction:
    """Reads and writes inside one locked transaction (see `IncidentWrites.writing`)."""

    def __init__(self, connection: Connection, row_of: Callable[[Incident], dict]):
        self.connection = connection
        self._row_of = row_of

    def stored(self, ids: Iterable[str]) -> dict[str, Incident]:
        found = {}
        for chunk in chunks(sorted(set(ids))):
            query = select(incidents.c.data).where(incidents.c.id.in_(chunk))
            for data in self.connection.execute(query).scalars():
                incident = Incident.model_validate(data)
                found[incident.id] = incident
        return found

    def __contains__(self, incident_id: object) -> bool:
        """Whether an incident with this id exists (for minting new ids)."""
        return self.connection.execute(
            select(incidents.c.id).where(incidents.c.id == incident_id)).first() is not None

    def existing(self, ids: Iterable[str]) -> set[str]:
        """Which of these incident ids exist."""
        found = set()
        for chunk in chunks(sorted(set(ids))):
            query = select(incidents.c.id).where(incidents.c.id.in_(chunk))
            found.update(self.connection.execute(query).scalars())
        return found

    def links_of_incidents(self, ids: Iterable[str]) -> dict[str, tuple[str, bool]]:
        """event id -> (incident id, locked by a person), for these incidents' events."""
        found = {}
        for chunk in chunks(sorted(set(ids))):
            query = select(incident_events).where(incident_events.c.incident_id.in_(chunk))
            found.update({r.event_id: (r.incident_id, r.locked)
                          for r in self.connection.execute(query)})
        return found

    def links_of_events(self, event_ids: Iterable[str]) -> dict[str, tuple[str, bool]]:
        found = {}
        for chunk in chunks(sorted(set(event_ids))):
            query = select(incident_events).where(incident_events.c.event_id.in_(chunk))
            found.update({r.event_id: (r.incident_id, r.locked)
                          for r in self.connection.execute(query)})
        return found

    def records(self, event_ids: Iterable[str]) -> list[EventRecord]:
        found = []
        for chunk in chunks(sorted(set(event_ids))):
            query = _records_query().where(events.c.id.in_(chunk))
            found += [_record(row) for row in self.connection.execute(query)]
        return sorted(found, key=lambda r: r.event.id)

    def person_edits(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The fields people set on these incidents (the latest value of each)."""
        edits: dict[str, dict[str, Any]] = defaultdict(dict)
        for chunk in chunks(sorted(set(ids))):
            query = (select(audit_log.c.object_id, audit_log.c.after)
                     .where(audit_log.c.action == "update", audit_log.c.object_id.in_(chunk))
                     .order_by(audit_log.c.id))
            for object_id, after in self.connection.execute(query):
                edits[object_id].update(after or {})
        return dict(edits)

    def merged_into(self, incident_id: str) -> str | None:
        """Where a person merged this (now gone) incident, if they did."""
        query = (select(audit_log.c.after).where(audit_log.c.object_id == incident_id,
                                                 audit_log.c.action == "merged_into")
                 .order_by(audit_log.c.id.desc()).limit(1))
        after = self.connection.execute(query).scalar()
        return next(iter(after), None) if after else None

    def write(self, written: list[Incident], removed: Iterable[str] = (),
              links: Mapping[str, tuple[str, bool]] | None = None) -> None:
        """Store these incidents (updated in place, so links to them stay), delete the removed
        ones, and point each event in `links` at (incident id, locked). The caller has
        checked versions."""
        links = links or {}
        c = self.connection
        for chunk in chunks(sorted(links)):
            c.execute(delete(incident_events).where(incident_events.c.event_id.in_(chunk)))
        existing = self.existing(i.id for i in written)
        rows = [self._row_of(i) for i in written]
        changed = [{**row, "b_id": row["id"]} for row in rows if row["id"] in existing]
        if changed:
            c.execute(update(incidents).where(incidents.c.id == bindparam("b_id")), changed)
        for chunk in chunks([row for row in rows if row["id"] not in existing]):
            c.execute(insert(incidents), chunk)
        for chunk in chunks(sorted(set(removed))):
            c.execute(delete(incidents).where(incidents.c.id.in_(chunk)))
        link_rows = [{"event_id": e, "incident_id": i, "locked": locked}
                     for e, (i, locked) in sorted(links.items())]
        for chunk in chunks(link_rows, 5000):
            c.execute(insert(incident_events), chunk)

    def remove_empty(self) -> int:
        """Delete incidents no event belongs to any more (their documents were deleted)."""
        linked = select(incident_events.c.incident_id).where(
            incident_events.c.incident_id == incidents.c.id)
        return self.connection.execute(delete(incidents).where(~linked.exists())).rowcount

    def count(self) -> int:
        return self.connection.execute(select(func.count()).select_from(incidents)).scalar_one()

    def audit(self, who: str, action: str, object_id: str, before: dict | None,
              after: dict | None, why: str | None) -> None:
        write_audit(self.connection, who, action, object_id, before, after, why)


class IncidentWrites:
    """The write side of the incident repository; mixed into it (needs `engine`, `row_of`)."""

    engine: Engine
    row_of: Callable[[Incident], dict]

    @contextmanager
    def writing(self) -> Iterator[IncidentTransaction]:
        with write_transaction(self.engine, WRITE_LOCK) as connection:
            yield IncidentTransaction(connection, self.row_of)

    @contextmanager
    def build_lock(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Held for a whole `incidents build`: a second one waits (calling `on_wait`). The
        build rewrote the table: the planner's statistics are refreshed after it."""
        with exclusive(self.engine, BUILD_LOCK, on_wait):
            yield
        refresh_statistics(self.engine, "incidents")

    def event_stream(self) -> Iterator[StreamedEvent]:
        """Every stored event with its document's date and its incident, in date order (by
        its date, else its report's publication date; undated first), read along an index."""
        query = (select(EVENT_TEXT, events.c.document_id, documents.c.text, documents.c.published,
                        incident_events.c.incident_id, incident_events.c.locked)
                 .join(documents, documents.c.id == events.c.document_id)
                 .outerjoin(incident_events, incident_events.c.event_id == events.c.id)
                 .order_by(events.c.stream_date.asc().nulls_first(), events.c.id))
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=2000).execute(query):
                yield StreamedEvent(_event(row.data), row.document_id, row.text, row.published,
                                    row.incident_id, bool(row.locked))

    def event_count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(events)).scalar_one()

    def locked_events(self) -> Iterator[StreamedEvent]:
        """The events people placed (split or merged): few, read before the stream."""
        query = (select(EVENT_TEXT, events.c.document_id, documents.c.text, documents.c.published,
                        incident_events.c.incident_id)
                 .join(documents, documents.c.id == events.c.document_id)
                 .join(incident_events, incident_events.c.event_id == events.c.id)
                 .where(incident_events.c.locked.is_(True)).order_by(events.c.id))
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield StreamedEvent(_event(row.data), row.document_id, row.text, row.published,
                                    row.incident_id, True)

    def incidents_of_events(self, event_ids: Iterable[str]) -> dict[str, str]:
        """event id -> the incident it is in, for these events."""
        found = {}
        with self.engine.connect() as connection:
            for chunk in chunks(sorted(set(event_ids))):
                query = select(incident_events.c.event_id, incident_events.c.incident_id).where(
                    incident_events.c.event_id.in_(chunk))
                found.update(dict(connection.execute(query).all()))
        return found

    def event_records(self) -> Iterator[EventRecord]:
        """Every stored event with its document, in one pass."""
        with self.engine.connect() as connection:
            query = _records_query().order_by(events.c.id)
            for row in connection.execution_options(yield_per=2000).execute(query):
                yield _record(row)

    def assignments(self) -> dict[str, tuple[str, bool]]:
        """event id -> (incident id, locked by a person)."""
        with self.engine.connect() as connection:
            return {row.event_id: (row.incident_id, row.locked)
                    for row in connection.execute(select(incident_events))}

    def save_build(self, written: list[Incident]) -> None:
        """Store whole incidents as given, their events linked unlocked (fixtures, benchmarks)."""
        with self.writing() as transaction:
            transaction.write(written, links={e: (i.id, False) for i in written
                                              for e in i.event_ids})
        refresh_statistics(self.engine, "incidents")
