"""One Incident from the events that report it: sources, ranges, date, place, grade."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from harmwatch.incidents.casualties import combined, conservative_fatalities, describe
from harmwatch.incidents.grading import assess
from harmwatch.incidents.independence import Signature, independent_groups
from harmwatch.incidents.rules import Rules
from harmwatch.model import (
    Casualties,
    DatePrecision,
    Event,
    EventRecord,
    Incident,
    IncidentSource,
    Location,
)


def new_incident_id(event_ids: Iterable[str], taken: Container[str] = frozenset()) -> str:
    """A stable id from the incident's first event, unique among `taken`."""
    seed = min(event_ids)
    for attempt in range(1000):
        salt = f"#{attempt}" if attempt else ""
        candidate = "inc-" + hashlib.sha1((seed + salt).encode("utf-8")).hexdigest()[:12]
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"no free incident id for event {seed}")


def _most_common(values: Iterable, tie_break: Callable | None = None):
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], tie_break(v) if tie_break else 0))


def _dates(events: Sequence[Event]) -> tuple[date | None, date | None, DatePrecision | None]:
    dated = [e.date for e in events if e.date is not None]
    if not dated:
        return None, None, None
    start, end = max(d.start for d in dated), min(d.end for d in dated)
    if start > end:  # no day all sources agree on: the span they cover
        start, end = min(d.start for d in dated), max(d.end for d in dated)
    days = (end - start).days
    precision: DatePrecision = ("day" if days == 0 else "week" if days <= 7
                                else "month" if days <= 31 else "year")
    return start, end, precision


def _location(events: Sequence[Event]) -> Location | None:
    located = [e.location for e in events if e.location is not None]
    if not located:
        return None
    common = Counter(loc.geonameid or loc.name for loc in located)
    return min(located, key=lambda loc: (loc.lat is None, loc.precision or 3,
                                         -common[loc.geonameid or loc.name]))


def _people(casualties: Casualties) -> str:
    parts = [f"{describe(getattr(casualties, name))} {name}"
             for name in ("civilians", "children", "women", "combatants")
             if getattr(casualties, name) is not None]
    head = describe(casualties.total) if casualties.total else None
    if head and parts:
        return f"{head} ({', '.join(parts)})"
    return head or ", ".join(parts)


def claim(event: Event) -> str:
    """What a source says, in one line."""
    parts = [event.method.replace("_", " ")]
    if killed := _people(event.killed):
        parts.append(f"{killed} killed")
    if injured := _people(event.injured):
        parts.append(f"{injured} injured")
    if event.actor1:
        parts.append(f"by {event.actor1.name}")
    if event.location:
        parts.append(f"at {event.location.name or event.location.text}")
    if event.date:
        parts.append(f"on {event.date.start.isoformat()}" if event.date.start == event.date.end
                     else f"between {event.date.start} and {event.date.end}")
    return "; ".join(parts)


def _informative(record: EventRecord) -> tuple:
    """Sort key putting first the event of a source that says the most (a headline's event
    often has no date or toll; the body's has)."""
    event = record.event
    known = (event.killed.total or event.killed.civilians, event.date, event.location,
             event.actor1, event.injured.total)
    return (-sum(value is not None for value in known), -event.confidence)


def _source(group: Sequence[EventRecord]) -> IncidentSource:
    first = group[0]
    event = first.event
    return IncidentSource(
        document_id=first.document_id, event_id=event.id, title=first.title, url=first.url,
        publisher=first.publisher, language=first.language, claim=claim(event),
        evidence=event.evidence, actor1=event.actor1.id if event.actor1 else None,
        killed=event.killed, injured=event.injured,
        duplicates=[r.event.id for r in group[1:]])


def assemble(incident_id: str, records: Sequence[EventRecord], rules: Rules | None = None,
             version: int = 1, overrides: dict[str, Any] | None = None,
             signatures: Mapping[str, Signature] | None = None) -> Incident:
    """The incident these event records report, graded, with every source and its claim;
    `overrides` are the fields people set, kept over what the events say and marked;
    `signatures` documents' text signatures computed already (see independent_groups)."""
    rules = rules or Rules.default()
    overrides = overrides or {}
    ordered = sorted(records, key=lambda r: (r.published or date.max, r.event.id))
    groups = [sorted(group, key=_informative)
              for group in independent_groups(ordered, rules.near_duplicate_similarity,
                                              signatures)]
    sources = [group[0].event for group in groups]
    events = [r.event for r in ordered]
    confidence = {e.event_type: e.confidence for e in events}
    start, end, precision = _dates(events)
    assessment = assess(groups, rules, attacker=overrides.get("actor1"))
    attributed = [e.actor1.id for e in sources if e.actor1 and rules.attributed(e.actor1.id)]
    incident = Incident(
        id=incident_id, version=version, event_ids=sorted(e.id for e in events),
        event_type=_most_common((e.event_type for e in sources), confidence.get),
        sub_event_type=_most_common(e.sub_event_type for e in sources),
        method=_most_common(e.method for e in sources),
        civilian_targeting=any(e.civilian_targeting for e in sources),
        actor1=_most_common(attributed) or _most_common(e.actor1.id for e in sources if e.actor1),
        actor2=_most_common(e.actor2.id for e in sources if e.actor2),
        date_start=start, date_end=end, date_precision=precision,
        location=_location(events),
        targets=sorted({t.type for e in events for t in e.targets}),
        killed=combined([e.killed for e in sources]),
        injured=combined([e.injured for e in sources]),
        fatalities=conservative_fatalities([e.killed for e in sources]),
        grade=assessment.grade, grade_reasons=assessment.reasons, flags=assessment.flags,
        sources=[_source(group) for group in groups],
        updated_at=datetime.now(UTC),
    )
    return _with_overrides(incident, overrides)


def _with_overrides(incident: Incident, overrides: dict[str, Any]) -> Incident:
    """People's values over the assembled ones, and what follows from them recomputed."""
    if not overrides:
        return incident
    data = {**incident.model_dump(mode="json"), **overrides, "overrides": sorted(overrides)}
    if "killed" in overrides and "fatalities" not in overrides:
        data["fatalities"] = conservative_fatalities(
            [Casualties.model_validate(overrides["killed"])])
    if overrides.get("grade", incident.grade) != incident.grade:
        data["grade_reasons"] = [f"grade set in review to {overrides['grade']}; the sources "
                                 f"alone make it {incident.grade}", *incident.grade_reasons]
    return Incident.model_validate(data)
