"""Which events may be reports of one attack, and finding candidates without comparing all pairs.

Two events are compatible when their dates, places, types and attackers all fit (see
`compatible`). Events are indexed by a grid of map cells and by day, so each new event is
compared only with incidents in its own and the neighbouring cells on neighbouring days;
events known only to the province or month are indexed by (province, month), and places
geoparsing could not resolve by (name, month).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from harmwatch.geo import distance_km
from harmwatch.incidents.rules import Rules
from harmwatch.model import Event

# Grid cells of 0.2 degrees are wider than 10 km up to latitude 63, so the 3x3 neighbourhood
# of a cell holds every place within 10 km of it.
CELL_DEGREES = 0.2
FINE_DATES = {"day", "week"}
PROVINCE_PRECISION = 3
MAX_MONTHS = 12
REPORT_LAG_DAYS = 7


def _norm(text: str | None) -> str | None:
    return " ".join(text.lower().replace("governorate", "").split()) if text else None


@dataclass(frozen=True, slots=True)
class Key:
    """What matching needs of an event, computed once."""

    event_id: str
    event_type: str
    method: str
    actor1: str | None
    start: date | None
    end: date | None
    day_precise: bool
    fine_date: bool
    lat: float | None
    lon: float | None
    point: bool
    admin1: str | None
    country: str | None
    place: str | None
    vague_place: bool

    @classmethod
    def of(cls, event: Event, published: date | None = None) -> Key:
        """An event without a date of its own is taken to fall in the week before its
        report was published (reports tell recent news); `published` is that date."""
        when, where = event.date, event.location
        if when is not None:
            start, end, precision = when.start, when.end, when.precision
        elif published is not None:
            start, end, precision = published - timedelta(days=REPORT_LAG_DAYS), published, "week"
        else:
            start = end = precision = None
        has_point = where is not None and where.lat is not None and where.lon is not None
        return cls(
            event_id=event.id, event_type=event.event_type, method=event.method,
            actor1=event.actor1.id if event.actor1 else None,
            start=start, end=end, day_precise=precision == "day",
            fine_date=precision in FINE_DATES and (end - start).days <= 7,
            lat=where.lat if has_point else None, lon=where.lon if has_point else None,
            point=has_point and (where.precision or 1) < PROVINCE_PRECISION,
            admin1=_norm(where.admin1) if where else None,
            country=((where.country or "").upper() or None) if where else None,
            place=_norm(where.name or where.text) if where else None,
            # Located, but only to a country or region with no province: matches nothing.
            vague_place=bool(has_point and not where.admin1
                             and (where.precision or 1) >= PROVINCE_PRECISION),
        )

    @property
    def fine(self) -> bool:
        return self.fine_date and self.point

    def cell(self) -> tuple[int, int]:
        return math.floor(self.lat / CELL_DEGREES), math.floor(self.lon / CELL_DEGREES)

    def days(self, margin: int = 0) -> list[date]:
        count = (self.end - self.start).days + 2 * margin
        first = self.start - timedelta(days=margin)
        return [first + timedelta(days=n) for n in range(count + 1)]

    def months(self) -> list[tuple[int, int]]:
        months, day = [], self.start.replace(day=1)
        while day <= self.end and len(months) < MAX_MONTHS:
            months.append((day.year, day.month))
            day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return months


def dates_fit(a: Key, b: Key, rules: Rules) -> bool:
    if a.start is None or b.start is None:
        return False
    if max((a.end - a.start).days, (b.end - b.start).days) > rules.max_merge_span_days:
        return False  # "in 2016" fits every attack that year: too vague to merge on
    if a.day_precise and b.day_precise:
        return abs((a.start - b.start).days) <= rules.max_day_gap
    return a.start <= b.end and b.start <= a.end


def places_fit(a: Key, b: Key, rules: Rules) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.point and b.point:
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= rules.max_distance_km
    if a.vague_place or b.vague_place:
        return False
    if a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    # A place geoparsing could not resolve matches the same name only.
    return a.place is not None and a.place == b.place


def compatible(a: Key, b: Key, rules: Rules) -> bool:
    """Date, place, type and attackers all fit: the two may report one attack."""
    return (a.event_type == b.event_type and rules.methods_compatible(a.method, b.method)
            and rules.actors_compatible(a.actor1, b.actor1)
            and dates_fit(a, b, rules) and places_fit(a, b, rules))


def closeness(a: Key, b: Key) -> tuple[int, float]:
    """Smaller is closer: days apart, then kilometres apart."""
    days = abs((a.start - b.start).days)
    km = distance_km(a.lat, a.lon, b.lat, b.lon) if a.point and b.point else math.inf
    return days, km


class CandidateIndex:
    """Incidents by map cell and day, and by province and month; `best` finds the closest
    incident every member of which is compatible with a new event."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.members: dict[str, list[Key]] = defaultdict(list)
        # Where each incident is indexed, kept so that forgetting it needs no recomputing.
        self.entries: dict[str, list[tuple[dict[tuple, set[str]], tuple]]] = defaultdict(list)
        self.by_cell_day: dict[tuple, set[str]] = defaultdict(set)
        self.by_province_month: dict[tuple, set[str]] = defaultdict(set)
        self.coarse_by_province_month: dict[tuple, set[str]] = defaultdict(set)
        self.by_name_month: dict[tuple, set[str]] = defaultdict(set)
        self.unplaced_by_name_month: dict[tuple, set[str]] = defaultdict(set)

    def _entries(self, key: Key) -> Iterator[tuple[dict[tuple, set[str]], tuple]]:
        """The index sets an event's incident belongs in."""
        if key.start is None:
            return
        if key.fine:
            x, y = key.cell()
            for day in key.days():
                yield self.by_cell_day, (x, y, day)
        months = key.months() if key.admin1 or key.place else []
        if key.admin1:
            for month in months:
                yield self.by_province_month, (key.admin1, month)
                if not key.fine:
                    yield self.coarse_by_province_month, (key.admin1, month)
        if key.place:
            for month in months:
                yield self.by_name_month, (key.place, month)
                if not key.point:
                    yield self.unplaced_by_name_month, (key.place, month)

    def add(self, incident_id: str, key: Key) -> None:
        self.members[incident_id].append(key)
        entries = list(self._entries(key))
        self.entries[incident_id] += entries
        for index, entry in entries:
            index[entry].add(incident_id)

    def discard(self, incident_id: str) -> None:
        """Forget a finished incident (the build's window moved past it)."""
        self.members.pop(incident_id, None)
        for index, entry in self.entries.pop(incident_id, ()):
            ids = index.get(entry)
            if ids is not None:
                ids.discard(incident_id)
                if not ids:
                    del index[entry]

    def candidates(self, key: Key) -> set[str]:
        if key.start is None:
            return set()
        entries: list[tuple[dict[tuple, set[str]], tuple]] = []
        if key.fine:
            x, y = key.cell()
            entries += [(self.by_cell_day, (x + dx, y + dy, day))
                        for day in key.days(margin=self.rules.max_day_gap)
                        for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        if key.admin1 or key.place:
            months = key.months()
            if key.admin1:
                index = self.coarse_by_province_month if key.fine else self.by_province_month
                entries += [(index, (key.admin1, month)) for month in months]
            if key.place:
                index = self.unplaced_by_name_month if key.point else self.by_name_month
                entries += [(index, (key.place, month)) for month in months]
        found: set[str] = set()
        for index, entry in entries:
            if ids := index.get(entry):
                found |= ids
        return found

    def best(self, key: Key) -> str | None:
        fitting = [incident_id for incident_id in self.candidates(key)
                   if all(compatible(key, member, self.rules)
                          for member in self.members[incident_id])]
        if not fitting:
            return None
        return min(fitting, key=lambda i: (min(closeness(key, m) for m in self.members[i]), i))
