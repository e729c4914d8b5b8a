"""What incident building and review need of a store, as protocols: harmwatch.store's
IncidentRepository provides them, and incidents never imports the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, Protocol

from harmwatch.model import Event, EventRecord, Incident


class StreamedEvent(Protocol):
    event: Event
    document_id: str
    text: str
    published: date | None
    incident_id: str | None
    locked: bool


class IncidentTransaction(Protocol):
    """Reads and writes in one transaction holding the incident write lock."""

    def stored(self, ids: Iterable[str]) -> dict[str, Incident]: ...

    def __contains__(self, incident_id: object) -> bool: ...

    def existing(self, ids: Iterable[str]) -> set[str]: ...

    def links_of_incidents(self, ids: Iterable[str]) -> dict[str, tuple[str, bool]]: ...

    def links_of_events(self, event_ids: Iterable[str]) -> dict[str, tuple[str, bool]]: ...

    def records(self, event_ids: Iterable[str]) -> list[EventRecord]: ...

    def person_edits(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...

    def merged_into(self, incident_id: str) -> str | None: ...

    def write(self, written: list[Incident], removed: Iterable[str] = (),
              links: Mapping[str, tuple[str, bool]] | None = None) -> None: ...

    def audit(self, who: str, action: str, object_id: str, before: dict | None,
              after: dict | None, why: str | None) -> None: ...

    def remove_empty(self) -> int: ...

    def count(self) -> int: ...


class IncidentStore(Protocol):
    def writing(self) -> AbstractContextManager[IncidentTransaction]: ...

    def build_lock(self, on_wait: Callable[[], None] | None = None
                   ) -> AbstractContextManager[None]: ...

    def event_stream(self) -> Iterable[StreamedEvent]: ...

    def event_count(self) -> int: ...

    def locked_events(self) -> Iterable[StreamedEvent]: ...

    def reopener(self) -> Callable[[], IncidentStore] | None:
        """How another process opens this store (a picklable callable), or None if it
        cannot (a database in this process's memory)."""
        ...
