"""`incidents build`: group stored events into incidents, incrementally.

Events already in an incident stay there (a person's split or merge locks them); new events
join the closest compatible incident or start one. `rebuild=True` regroups every unlocked
event, still keeping locked ones and reusing old ids where the events are the same.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date

from harmwatch.incidents.assemble import assemble, new_incident_id
from harmwatch.incidents.matching import CandidateIndex, Key
from harmwatch.incidents.rules import Rules
from harmwatch.model import Incident
from harmwatch.store.incidents import EventRecord, IncidentRepository

log = logging.getLogger(__name__)
Progress = Callable[..., AbstractContextManager[Callable[[int], None]]]


@contextmanager
def _silent(_description: str, total: int | None, unit: str = ""):
    yield lambda n=1: None


@contextmanager
def _collector_paused():
    """The build keeps every event in memory at once; Python's cyclic garbage collector would
    rescan all of them again and again as they pile up (5x slower at 100,000 events). Nothing
    the build makes is cyclic garbage, so collection waits until it ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class BuildSummary:
    events: int = 0
    new_events: int = 0
    incidents: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0
    locked_events: int = 0


def _order(record: EventRecord) -> tuple:
    when = record.event.date
    return (when.start if when else date.max, record.event.id)


def _group(records: dict[str, EventRecord], kept: dict[str, str], rules: Rules,
           advance: Callable[[int], None]) -> dict[str, list[str]]:
    """incident id (or a provisional 'new:' id) -> its event ids."""
    index = CandidateIndex(rules)
    groups: dict[str, list[str]] = defaultdict(list)
    for event_id, incident_id in kept.items():
        record = records[event_id]
        index.add(incident_id, Key.of(record.event, record.published))
        groups[incident_id].append(event_id)
    pending = sorted((r for e, r in records.items() if e not in kept), key=_order)
    for record in pending:
        key = Key.of(record.event, record.published)
        incident_id = index.best(key) or f"new:{key.event_id}"
        index.add(incident_id, key)
        groups[incident_id].append(key.event_id)
        advance(1)
    return groups


def _name_new_groups(groups: dict[str, list[str]], previous: dict[str, str],
                     taken: set[str]) -> dict[str, list[str]]:
    """Give each provisional group the old id most of its events had, else a new id."""
    named = {i: events for i, events in groups.items() if not i.startswith("new:")}
    used = set(named) | taken
    for provisional in sorted(i for i in groups if i.startswith("new:")):
        events = groups[provisional]
        old = Counter(previous[e] for e in events if e in previous)
        reuse = next((i for i, _ in old.most_common() if i not in named), None)
        incident_id = reuse or new_incident_id(events, used)
        used.add(incident_id)
        named[incident_id] = events
    return named


def build_incidents(repository: IncidentRepository, rules: Rules | None = None,
                    rebuild: bool = False, progress: Progress = _silent) -> BuildSummary:
    """Group the stored events into incidents and store them; see the module's docstring."""
    with _collector_paused():
        return _build(repository, rules or Rules.default(), rebuild, progress)


def _build(repository: IncidentRepository, rules: Rules, rebuild: bool,
           progress: Progress) -> BuildSummary:
    # Recalled events (background, tolls, context) are kept with their document, never grouped.
    records = {r.event.id: r for r in repository.event_records() if not r.event.recalled}
    assignments = repository.assignments()
    locked = frozenset(e for e, (_, is_locked) in assignments.items() if is_locked)
    previous = {e: i for e, (i, _) in assignments.items() if e in records}
    kept = {e: i for e, i in previous.items() if e in locked or not rebuild}
    versions = repository.versions()
    summary = BuildSummary(events=len(records), new_events=len(records) - len(previous),
                           locked_events=len(locked))
    with progress("grouping events", total=len(records) - len(kept), unit="events") as advance:
        groups = _group(records, kept, rules, advance)
    groups = _name_new_groups(groups, previous, taken=set(versions) - set(previous.values()))
    before: dict[str, set[str]] = defaultdict(set)
    for event_id, incident_id in previous.items():
        before[incident_id].add(event_id)
    changed_ids = sorted(i for i, events in groups.items()
                         if rebuild or set(events) != before.get(i))
    edits = repository.person_edits(changed_ids)
    changed: list[Incident] = []
    with progress("assembling incidents", total=len(changed_ids), unit="incidents") as advance:
        for incident_id in changed_ids:
            incident = assemble(incident_id, [records[e] for e in groups[incident_id]], rules,
                                version=versions.get(incident_id, 0) + 1)
            if incident_id in edits:
                incident = Incident.model_validate(
                    {**incident.model_dump(mode="json"), **edits[incident_id]})
            changed.append(incident)
            advance(1)
    removed = sorted(set(versions) - set(groups))
    repository.save_build(changed, removed, locked)
    summary.incidents = len(groups)
    summary.created = sum(1 for i in changed_ids if i not in versions)
    summary.updated = len(changed_ids) - summary.created
    summary.removed = len(removed)
    log.debug("incident build: %s", summary)
    return summary
