"""Incidents, which events make them up, and who changed what: the one door to those tables.

This module holds the queries; `store.incident_writes` the locked, versioned writes (the
build's and people's, decided by harmwatch.incidents) and `store.audit` the audit log.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from sqlalchemy import (
    Engine,
    Text,
    and_,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
)

from harmwatch.errors import EditConflict, UnknownIncident, UsageError
from harmwatch.model import Event, Incident
from harmwatch.store.audit import AuditEntry, AuditLog
from harmwatch.store.db import open_database, reader
from harmwatch.store.incident_writes import IncidentWrites
from harmwatch.store.queue import QUEUES, ReviewQueue
from harmwatch.store.tables import change_counts, events, incident_events, incidents
from harmwatch.text import fold_words

# Re-exported: callers catch these from the store, where they are raised.
__all__ = ["QUEUES", "AuditEntry", "EditConflict", "IncidentFilters", "IncidentRepository",
           "UnknownIncident"]

GRADE_ORDER = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"]
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
# ("more than") past it. At 1,000,000 incidents on PostgreSQL, a word in a sixth of them with
# a method filter took 1.7 s counted up to 100,000, 0.29 s up to 10,000, 34 ms up to 1,000:
# twenty pages of fifty is more than anyone pages through.
COUNT_EXACT_UP_TO = 1_000
CHANGE_COUNT = select(change_counts.c.count).where(change_counts.c.name == "incidents")


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


def _now() -> datetime:
    return datetime.now(UTC)


def search_text(incident: Incident) -> str:
    """What the search box matches, plus `target:` tags the target filter matches exactly.

    Each distinct word of the incident's text once, lower-cased, then `|` and each distinct
    folded word (see text.fold), then `|` and the tags as they are, every word with a space
    either side. A typed word has no spaces, so it matches inside one word, and a folded word
    matches whole: one copy of each word finds what the whole text would. Sources repeat their
    claim as title and claim, and reports repeat one another, so the text a search scans is
    half as long or less (and LIKE costs in proportion to it, PostgreSQL's most)."""
    location = incident.location
    parts = [incident.id, incident.event_type, incident.sub_event_type, incident.method,
             incident.actor1 or "", incident.actor2 or "", incident.notes or "",
             location.name or location.text if location else "", location.admin1 or ""
             if location else ""]
    parts += [f"{s.publisher or ''} {s.title or ''} {s.claim}" for s in incident.sources]
    tags = [f"target:{target}" for target in incident.targets]
    text = " ".join(parts + tags)
    words = " ".join(dict.fromkeys(text.lower().split()))
    folded = " ".join(dict.fromkeys(fold_words(text)))
    return f" {words} | {folded} | {' '.join(tags).lower()} "


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
        conditions.append(_matches(c.search_text, word))
    return conditions


def _matches(column, word: str):
    """The word as typed, or all its folded forms as whole folded words (see text.fold)."""
    folded = [column.contains(f" {f} ", autoescape=True) for f in fold_words(word)]
    typed = column.contains(word, autoescape=True)
    return or_(typed, and_(*folded)) if folded else typed


def _order(sort: str) -> list:
    descending = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in SORTS:
        raise UsageError(f"cannot sort incidents by {sort!r}; use one of "
                         + ", ".join(f"{k}, -{k}" for k in SORTS))
    column = SORTS[key][0]
    primary = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return [primary, incidents.c.id]


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


def open_repository(url: str) -> IncidentRepository:
    """The repository on the database at `url`, as a job writing incidents opens it (SQLite
    pages read, not memory-mapped: mapped pages would count in its memory)."""
    return IncidentRepository(open_database(url, memory_mapped=False))


class IncidentRepository(AuditLog, IncidentWrites, ReviewQueue):
    """Incidents: the queries here, the audit log and the (locked, versioned) writes mixed in."""

    row_of = staticmethod(incident_row)

    def __init__(self, engine: Engine):
        self.engine = engine
        self._reads = reader(engine)  # the list API's queries: one round trip each

    def reopener(self) -> Callable[[], IncidentRepository] | None:
        """How another process opens this repository (the build's writer process); None for
        a SQLite database in this process's memory."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            return None
        return functools.partial(open_repository, url.render_as_string(hide_password=False))

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
        count = self._count(conditions)
        # The count rides along with the page (computed once): one round trip, not two.
        query = (select(DATA_TEXT, count).where(incidents.c.id.in_(page_ids))
                 .order_by(*order))
        with self._reads.connect() as connection:
            rows = connection.execute(query).all()
            if not rows:  # past the last page: the count alone
                total = connection.execute(select(count)).scalar_one()
                return [], min(total, COUNT_EXACT_UP_TO + 1)
            return [data for data, _ in rows], min(rows[0][1], COUNT_EXACT_UP_TO + 1)

    def _count(self, conditions: list):
        """How many incidents match, as a scalar subquery: counted up to one past
        COUNT_EXACT_UP_TO, since past it the exact number costs a scan of every match for a
        figure nobody pages through (the page says "more than"). SQLite counts a whole table
        from its b-tree pages without reading rows (0.004 ms for 10,000, where the capped
        count reads every row: 1.5 ms), so an unfiltered count there is free (and capped
        after)."""
        if not conditions and self.engine.dialect.name == "sqlite":
            return select(func.count()).select_from(incidents).scalar_subquery()
        matches = (select(literal_column("1")).select_from(incidents).where(*conditions)
                   .limit(COUNT_EXACT_UP_TO + 1).subquery())
        return select(func.count()).select_from(matches).scalar_subquery()

    def change_count(self) -> int:
        """How many times the incidents were changed (by anyone, in any process): an answer
        made from them is current while this stays the same. Read it before the answer's own
        queries, so the answer is never older than the count it is kept under."""
        with self._reads.connect() as connection:
            return connection.execute(CHANGE_COUNT).scalar_one()

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
