"""Incidents, which events make them up, and who changed what: the one door to those tables.

The build (harmwatch.incidents) reads events through `event_records()` and writes its result
through `save_build()`; people change incidents through `update`, `merge` and `split`, which
lock the events they touch so that a later automatic build leaves their decision alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import (
    Engine,
    Text,
    case,
    cast,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from harmwatch.errors import HarmwatchError, UsageError
from harmwatch.model import Event, Incident
from harmwatch.store.db import reader
from harmwatch.store.tables import audit_log, documents, events, incident_events, incidents

CHUNK = 500
GRADE_ORDER = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"]
# Fields the build derives from the events; a person edits the others.
DERIVED_FIELDS = {"id", "version", "event_ids", "sources", "updated_at"}
SORTS = {
    "date": (incidents.c.date_start, False),
    "fatalities": (incidents.c.fatalities, False),
    "grade": (case({g: n for n, g in enumerate(GRADE_ORDER)}, value=incidents.c.grade), False),
    "updated": (incidents.c.updated_at, False),
    "civilians": (incidents.c.civilians_killed_min, False),
}
# An incident's stored JSON as text: pydantic validates text in one pass, nearly twice as fast
# as the database driver's json.loads followed by validating the dicts.
DATA_TEXT = cast(incidents.c.data, Text)
# The list's total is exact up to this many matches; search_json says COUNT_EXACT_UP_TO + 1
# ("more than") past it.
COUNT_EXACT_UP_TO = 100_000


class EditConflict(HarmwatchError):
    """Someone else changed the incident since it was read."""

    def __init__(self, incident_id: str, expected: int, current: int):
        self.incident_id = incident_id
        self.expected = expected
        self.current = current
        super().__init__(
            f"incident {incident_id} was changed by someone else (version {current}, you edited "
            f"version {expected}); reload it, re-apply your change and save again")


class UnknownIncident(HarmwatchError):
    def __init__(self, incident_id: str):
        super().__init__(f"no incident {incident_id!r}; `harmwatch incidents list` shows the ids")


@dataclass
class IncidentFilters:
    """What the list page, the exports and the report select; None means any."""

    date_from: date | None = None
    date_to: date | None = None
    actor: str | None = None
    method: str | None = None
    target: str | None = None
    admin1: str | None = None
    grade: str | None = None
    civilian: bool | None = None
    q: str | None = None
    sort: str = "-date"
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    who: str
    action: str
    object_type: str
    object_id: str
    before: dict | None
    after: dict | None
    why: str | None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A stored event with the document it came from: what the build groups."""

    event: Event
    document_id: str
    title: str | None
    url: str | None
    publisher: str | None
    language: str | None
    published: date | None
    text: str


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def search_text(incident: Incident) -> str:
    """What the search box matches, plus `target:` tags the target filter matches exactly."""
    location = incident.location
    parts = [incident.id, incident.event_type, incident.sub_event_type, incident.method,
             incident.actor1 or "", incident.actor2 or "", incident.notes or "",
             location.name or location.text if location else "", location.admin1 or ""
             if location else ""]
    parts += [f"{s.publisher or ''} {s.title or ''} {s.claim}" for s in incident.sources]
    parts += [f"target:{target}" for target in incident.targets]
    return " ".join(parts).lower()


def incident_row(incident: Incident) -> dict:
    location = incident.location
    civilians = incident.killed.civilians
    return {
        "id": incident.id,
        "version": incident.version,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "method": incident.method,
        "civilian_targeting": incident.civilian_targeting,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "date_start": incident.date_start,
        "date_end": incident.date_end,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "admin1": location.admin1 if location else None,
        "country": location.country if location else None,
        "grade": incident.grade,
        "fatalities": incident.fatalities,
        "civilians_killed_min": civilians.min if civilians else None,
        "civilians_killed_max": civilians.max if civilians else None,
        "search_text": search_text(incident),
        "updated_at": incident.updated_at or _now(),
        # The JSON pydantic writes (NaN as null), so the API can hand the stored text out as
        # it is and it stays valid JSON.
        "data": json.loads(incident.model_dump_json()),
    }


def _conditions(filters: IncidentFilters) -> list:
    c = incidents.c
    conditions = []
    if filters.date_from:
        conditions.append(func.coalesce(c.date_end, c.date_start) >= filters.date_from)
    if filters.date_to:
        conditions.append(c.date_start <= filters.date_to)
    if filters.actor:
        conditions.append(or_(c.actor1 == filters.actor, c.actor2 == filters.actor))
    if filters.method:
        conditions.append(c.method == filters.method)
    if filters.target:
        conditions.append(c.search_text.contains(f"target:{filters.target.lower()}",
                                                 autoescape=True))
    if filters.admin1:
        conditions.append(func.lower(c.admin1) == filters.admin1.lower())
    if filters.grade:
        conditions.append(c.grade == filters.grade)
    if filters.civilian is not None:
        harmed = or_(c.civilian_targeting.is_(True), func.coalesce(c.civilians_killed_max, 0) > 0)
        conditions.append(harmed if filters.civilian else ~harmed)
    for word in (filters.q or "").lower().split():
        conditions.append(c.search_text.contains(word, autoescape=True))
    return conditions


def _order(sort: str) -> list:
    descending = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in SORTS:
        raise UsageError(f"cannot sort incidents by {sort!r}; use one of "
                         + ", ".join(f"{k}, -{k}" for k in SORTS))
    column = SORTS[key][0]
    primary = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return [primary, incidents.c.id]


def _records_query():
    d = documents.c
    return (select(events.c.data, events.c.document_id, d.title, d.url, d.publisher, d.language,
                   d.published, d.text)
            .join(documents, documents.c.id == events.c.document_id))


def _record(row) -> EventRecord:
    return EventRecord(Event.model_validate(row.data), row.document_id, row.title, row.url,
                       row.publisher, row.language, row.published, row.text)


def _incident(data: str) -> Incident:
    return Incident.model_validate_json(data)


def period_of(day: date, by: Literal["month", "week"]) -> date:
    """The first day of the month or ISO week a day falls in."""
    if by == "month":
        return day.replace(day=1)
    if by == "week":
        return day - timedelta(days=day.weekday())
    raise UsageError(f"cannot group by {by!r}; use month or week")


def next_period(start: date, by: Literal["month", "week"]) -> date:
    if by == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


class IncidentRepository:
    def __init__(self, engine: Engine, assemble: Callable[..., Incident] | None = None):
        """`assemble(incident_id, records)` recomputes an incident after a merge or split;
        by default harmwatch.incidents.assemble."""
        self.engine = engine
        self._assemble = assemble
        self._reads = reader(engine)  # the list API's queries: one round trip each

    # --- reading ------------------------------------------------------------------------

    def search(self, filters: IncidentFilters) -> tuple[list[Incident], int]:
        """One page of incidents and how many match in all."""
        page, total = self.search_json(filters)
        return [_incident(data) for data in page], total

    def search_json(self, filters: IncidentFilters) -> tuple[list[str], int]:
        """One page of incidents as their stored JSON text, and how many match in all (up to
        COUNT_EXACT_UP_TO; COUNT_EXACT_UP_TO + 1 means more): for handing the page out as it
        is (the API) without building models. The text is what `incident_row` stored."""
        per_page = max(1, min(filters.per_page, 1000))
        page = max(1, filters.page)
        conditions = _conditions(filters)
        order = _order(filters.sort)
        # The page's ids first, then their JSON (a deferred join): sorting and skipping rows
        # then handles ids (from an index on SQLite), not whole records.
        page_ids = (select(incidents.c.id).where(*conditions).order_by(*order)
                    .limit(per_page).offset((page - 1) * per_page))
        # Counted up to one past the limit: past it the exact number costs a scan of every
        # match for a figure nobody pages through (the page says "more than").
        matches = (select(literal_column("1")).select_from(incidents).where(*conditions)
                   .limit(COUNT_EXACT_UP_TO + 1).subquery())
        count = select(func.count()).select_from(matches).scalar_subquery()
        # The count rides along with the page (computed once): one round trip, not two.
        query = (select(DATA_TEXT, count).where(incidents.c.id.in_(page_ids))
                 .order_by(*order))
        with self._reads.connect() as connection:
            rows = connection.execute(query).all()
            if not rows:  # past the last page: the count alone
                return [], connection.execute(select(count)).scalar_one()
            return [data for data, _ in rows], rows[0][1]

    def all(self, filters: IncidentFilters | None = None) -> Iterator[Incident]:
        """Every matching incident, in the filters' order, without paging."""
        filters = filters or IncidentFilters()
        query = select(DATA_TEXT).where(*_conditions(filters)).order_by(*_order(filters.sort))
        with self.engine.connect() as connection:
            for data in connection.execution_options(yield_per=1000).execute(query).scalars():
                yield _incident(data)

    def count(self, filters: IncidentFilters | None = None) -> int:
        conditions = _conditions(filters or IncidentFilters())
        with self._reads.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(incidents).where(*conditions)).scalar_one()

    def get(self, incident_id: str) -> Incident | None:
        with self.engine.connect() as connection:
            data = connection.execute(
                select(DATA_TEXT).where(incidents.c.id == incident_id)).scalar()
        return _incident(data) if data is not None else None

    def events_of(self, incident_id: str) -> list[Event]:
        query = (select(events.c.data).join(incident_events,
                                            incident_events.c.event_id == events.c.id)
                 .where(incident_events.c.incident_id == incident_id).order_by(events.c.id))
        with self.engine.connect() as connection:
            return [Event.model_validate(d) for d in connection.execute(query).scalars()]

    def timeline(self, filters: IncidentFilters | None = None,
                 by: Literal["month", "week"] = "month") -> list[tuple[date, int, int]]:
        """(first day of period, incidents, civilian deaths) for every period from the first
        to the last dated incident, empty periods included; deaths are the conservative
        (lowest reported) civilian counts."""
        query = (select(incidents.c.date_start, incidents.c.civilians_killed_min)
                 .where(*_conditions(filters or IncidentFilters()),
                        incidents.c.date_start.is_not(None)))
        totals: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        with self.engine.connect() as connection:
            for day, civilians in connection.execute(query):
                bucket = totals[period_of(day, by)]
                bucket[0] += 1
                bucket[1] += civilians or 0
        if not totals:
            return []
        rows, period, last = [], min(totals), max(totals)
        while period <= last:
            count, deaths = totals.get(period, (0, 0))
            rows.append((period, count, deaths))
            period = next_period(period, by)
        return rows

    def _distinct(self, column) -> list[str]:
        with self.engine.connect() as connection:
            return sorted(connection.execute(
                select(column).where(column.is_not(None)).distinct()).scalars())

    def actors(self) -> list[str]:
        return sorted(set(self._distinct(incidents.c.actor1)) |
                      set(self._distinct(incidents.c.actor2)))

    def methods(self) -> list[str]:
        return self._distinct(incidents.c.method)

    def admin1s(self) -> list[str]:
        return self._distinct(incidents.c.admin1)

    def grades(self) -> list[str]:
        present = set(self._distinct(incidents.c.grade))
        return [grade for grade in GRADE_ORDER if grade in present]

    def targets(self) -> list[str]:
        found: set[str] = set()
        for incident in self.all():
            found.update(incident.targets)
        return sorted(found)

    def actor_names(self) -> dict[str, str]:
        """Actor id -> the name extraction gave it (from one event per actor)."""
        first = (select(func.min(events.c.id)).where(events.c.actor1.is_not(None))
                 .group_by(events.c.actor1))
        with self.engine.connect() as connection:
            rows = connection.execute(select(events.c.data).where(events.c.id.in_(first)))
            return {data["actor1"]["id"]: data["actor1"]["name"] for data in rows.scalars()}

    def facets(self) -> dict[str, list[str]]:
        return {"actors": self.actors(), "methods": self.methods(), "admin1s": self.admin1s(),
                "grades": self.grades()}

    def audit(self, object_id: str) -> list[AuditEntry]:
        query = (select(audit_log).where(audit_log.c.object_id == object_id)
                 .order_by(audit_log.c.id))
        with self.engine.connect() as connection:
            return [AuditEntry(id=r.id, at=r.at, who=r.who, action=r.action,
                               object_type=r.object_type, object_id=r.object_id,
                               before=r.before, after=r.after, why=r.why)
                    for r in connection.execute(query)]

    # --- what the build reads and writes ------------------------------------------------

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

    def versions(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return dict(connection.execute(select(incidents.c.id, incidents.c.version)).all())

    def person_edits(self, incident_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The fields people set on these incidents (the latest value of each)."""
        edits: dict[str, dict[str, Any]] = defaultdict(dict)
        with self.engine.connect() as connection:
            for chunk in _chunks(list(incident_ids)):
                query = (select(audit_log.c.object_id, audit_log.c.after)
                         .where(audit_log.c.action == "update",
                                audit_log.c.object_id.in_(chunk)).order_by(audit_log.c.id))
                for object_id, after in connection.execute(query):
                    edits[object_id].update(after or {})
        return dict(edits)

    def save_build(self, changed: list[Incident], removed: Iterable[str] = (),
                   locked: frozenset[str] = frozenset()) -> None:
        """Replace the changed incidents and their event links in one transaction."""
        ids = [incident.id for incident in changed] + list(removed)
        with self.engine.begin() as connection:
            for chunk in _chunks(ids):
                connection.execute(delete(incident_events)
                                   .where(incident_events.c.incident_id.in_(chunk)))
                connection.execute(delete(incidents).where(incidents.c.id.in_(chunk)))
            for chunk in _chunks(changed):
                connection.execute(insert(incidents), [incident_row(i) for i in chunk])
            links = [{"event_id": e, "incident_id": i.id, "locked": e in locked}
                     for i in changed for e in i.event_ids]
            for chunk in _chunks(links, 5000):
                connection.execute(insert(incident_events), chunk)

    # --- what people do -----------------------------------------------------------------

    def _audit(self, connection: Connection, who: str, action: str, object_id: str,
               before: dict | None, after: dict | None, why: str | None) -> None:
        connection.execute(insert(audit_log).values(
            at=_now(), who=who, action=action, object_type="incident", object_id=object_id,
            before=before, after=after, why=why))

    def update(self, incident_id: str, changes: dict, who: str, why: str,
               expected_version: int) -> Incident:
        """Change fields a person may edit; EditConflict if the version moved meanwhile."""
        bad = sorted(set(changes) & DERIVED_FIELDS | set(changes) - set(Incident.model_fields))
        if bad:
            raise UsageError(f"cannot edit {', '.join(bad)} of incident {incident_id}: they are "
                             "derived from its events or do not exist")
        current = self.get(incident_id)
        if current is None:
            raise UnknownIncident(incident_id)
        merged = current.model_dump(mode="json")
        after = Incident.model_validate({**merged, **changes}).model_dump(mode="json")
        diff = {k: after[k] for k in changes if after[k] != merged[k]}
        updated = Incident.model_validate({**after, "version": expected_version + 1,
                                           "updated_at": _now()})
        row = incident_row(updated)
        with self.engine.begin() as connection:
            done = connection.execute(
                update(incidents).where(incidents.c.id == incident_id,
                                        incidents.c.version == expected_version).values(**row))
            if done.rowcount != 1:
                raise EditConflict(incident_id, expected_version, current.version)
            self._audit(connection, who, "update", incident_id,
                        {k: merged[k] for k in diff}, diff, why)
        return updated

    def _records_of(self, event_ids: list[str]) -> list[EventRecord]:
        records = []
        with self.engine.connect() as connection:
            for chunk in _chunks(sorted(set(event_ids))):
                query = _records_query().where(events.c.id.in_(chunk))
                records += [_record(row) for row in connection.execute(query)]
        return sorted(records, key=lambda r: r.event.id)

    def _rebuilt(self, incident_id: str, event_ids: list[str], version: int) -> Incident:
        assemble = self._assemble
        if assemble is None:
            from harmwatch.incidents import assemble  # here: incidents imports store
        incident = assemble(incident_id, self._records_of(event_ids))
        edits = self.person_edits([incident_id]).get(incident_id, {})
        return Incident.model_validate({**incident.model_dump(mode="json"), **edits,
                                        "version": version, "updated_at": _now()})

    def _write_people(self, connection: Connection, kept: list[Incident],
                      removed: list[str]) -> None:
        ids = [i.id for i in kept] + removed
        connection.execute(delete(incident_events).where(incident_events.c.incident_id.in_(ids)))
        connection.execute(delete(incidents).where(incidents.c.id.in_(ids)))
        connection.execute(insert(incidents), [incident_row(i) for i in kept])
        connection.execute(insert(incident_events), [
            {"event_id": e, "incident_id": i.id, "locked": True}
            for i in kept for e in i.event_ids])

    def _require(self, incident_ids: Iterable[str]) -> list[Incident]:
        found = []
        for incident_id in incident_ids:
            incident = self.get(incident_id)
            if incident is None:
                raise UnknownIncident(incident_id)
            found.append(incident)
        return found

    def merge(self, ids: list[str], who: str, why: str) -> Incident:
        """Join incidents into the first one given; the others disappear (audited)."""
        if len(set(ids)) < 2:
            raise UsageError("merge needs at least two different incident ids")
        parts = self._require(dict.fromkeys(ids))
        keep = parts[0]
        event_ids = sorted({e for part in parts for e in part.event_ids})
        merged = self._rebuilt(keep.id, event_ids, keep.version + 1)
        absorbed = [part.id for part in parts[1:]]
        with self.engine.begin() as connection:
            self._write_people(connection, [merged], absorbed)
            before = {part.id: part.event_ids for part in parts}
            self._audit(connection, who, "merge", keep.id, before, {keep.id: event_ids}, why)
            for part in absorbed:
                self._audit(connection, who, "merged_into", part, before, {keep.id: event_ids},
                            why)
        return merged

    def split(self, incident_id: str, event_ids: list[str], who: str, why: str) -> Incident:
        """Move some events of an incident into a new incident, which is returned."""
        (source,) = self._require([incident_id])
        moving = sorted(set(event_ids))
        stray = [e for e in moving if e not in source.event_ids]
        if stray:
            raise UsageError(f"events {', '.join(stray)} are not in incident {incident_id}; "
                             f"its events are {', '.join(source.event_ids)}")
        staying = [e for e in source.event_ids if e not in set(moving)]
        if not moving or not staying:
            raise UsageError("split needs some, but not all, of the incident's events")
        from harmwatch.incidents import new_incident_id  # here: incidents imports store

        taken = set(self.versions())
        new_id = new_incident_id(moving, taken)
        remaining = self._rebuilt(incident_id, staying, source.version + 1)
        split_off = self._rebuilt(new_id, moving, 1)
        with self.engine.begin() as connection:
            self._write_people(connection, [remaining, split_off], [])
            before = {incident_id: source.event_ids}
            after = {incident_id: staying, new_id: moving}
            self._audit(connection, who, "split", incident_id, before, after, why)
            self._audit(connection, who, "split_from", new_id, before, after, why)
        return split_off
