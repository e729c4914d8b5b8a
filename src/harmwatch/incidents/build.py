"""`incidents build`: group stored events into incidents, streaming them in date order.

Events already in an incident stay there (a person's split or merge locks them); new events
join the closest compatible incident or start one. `rebuild=True` regroups every unlocked
event, still keeping locked ones and reusing old ids where the events are the same.

Memory is bounded by a window, not by the archive: events arrive in date order, and an
incident that no later event can fit (a member ends more than the day gap before the next
event) is finished. Finished incidents are written in batches, each in one transaction holding
the incident write lock, which re-reads what people did meanwhile: their edits are applied,
events they placed are left where they put them, and an incident whose content did not change
is not written (its version and time stay). One build runs at a time.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta

from harmwatch.collector import collector_paused
from harmwatch.incidents.independence import Signature, signature
from harmwatch.incidents.matching import CandidateIndex, Key
from harmwatch.incidents.ports import IncidentStore, StreamedEvent
from harmwatch.incidents.rules import Rules
from harmwatch.incidents.writer_process import WriterProcess
from harmwatch.incidents.writing import BatchWriter, Finished

log = logging.getLogger(__name__)
Progress = Callable[..., AbstractContextManager[Callable[[int], None]]]
# How far the stream reads ahead of the event being placed: the date order is by each event's
# own date or, undated, its report's (up to a week later than the date matching assumes).
REPORT_LAG = timedelta(days=7)


@contextmanager
def _silent(_description: str, total: int | None, unit: str = ""):
    yield lambda n=1: None


@dataclass
class BuildSummary:
    events: int = 0
    new_events: int = 0
    incidents: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0
    locked_events: int = 0
    unchanged: int = 0


@dataclass
class _Group:
    kept: bool
    deadline: date
    joined: list[tuple[str, str | None]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # its members' documents, by id

    def signatures(self) -> dict[str, Signature]:
        """Its documents' signatures, if it has more than one (one needs no comparing)."""
        if len(self.texts) < 2:
            return {}
        return {document_id: signature(text) for document_id, text in self.texts.items()}


@dataclass(frozen=True, slots=True)
class _Report:
    """An event the window holds: what matching needs, its document, its incident before."""

    key: Key
    document_id: str
    text: str
    previous: str | None = None

    @classmethod
    def of(cls, item: StreamedEvent) -> _Report:
        return cls(Key.of(item.event, item.published), item.document_id, item.text,
                   item.incident_id)


class _Window:
    """The incidents still open to new events, and the events waiting to be placed."""

    def __init__(self, rules: Rules, finish: Callable[[Finished], None], window: bool = True):
        self.rules = rules
        self.index = CandidateIndex(rules)
        self.groups: dict[str, _Group] = {}
        self.deadlines: list[tuple[date, str]] = []
        self.waiting: list[tuple[date, str, _Report]] = []
        self.finish = finish
        self.window = window
        gap = timedelta(days=rules.max_day_gap)
        # Members of one incident all fit one another, so an incident a waiting event fits has
        # no member more than this after the event: once the stream is that far ahead, every
        # kept member that could rule it out has been read.
        self.horizon = REPORT_LAG + 2 * timedelta(days=rules.max_merge_span_days) + 2 * gap + gap

    def _deadline(self, key: Key) -> date:
        """The last start date a later event may have and still fit this member."""
        if key.start is None or (key.end - key.start).days > self.rules.max_merge_span_days:
            return date.min
        return key.end + timedelta(days=self.rules.max_day_gap)

    def _join(self, incident_id: str, report: _Report, kept: bool) -> _Group:
        group = self.groups.get(incident_id)
        deadline = self._deadline(report.key)
        if group is None:
            group = self.groups[incident_id] = _Group(kept, date.max)
        if deadline < group.deadline:
            group.deadline = deadline
            heapq.heappush(self.deadlines, (deadline, incident_id))
        group.texts[report.document_id] = report.text
        self.index.add(incident_id, report.key)
        return group

    def keep(self, incident_id: str, report: _Report) -> None:
        """An event that stays in its incident (locked, or placed by an earlier build)."""
        self._join(incident_id, report, kept=True)

    def wait(self, report: _Report) -> None:
        key = report.key
        heapq.heappush(self.waiting, (key.start or date.min, key.event_id, report))

    def _close_before(self, day: date) -> None:
        while self.window and self.deadlines and self.deadlines[0][0] < day:
            deadline, incident_id = heapq.heappop(self.deadlines)
            group = self.groups.get(incident_id)
            if group is None or group.deadline != deadline:
                continue  # a stale entry: the group closed already or its deadline moved
            self._close(incident_id, group)

    def _close(self, incident_id: str, group: _Group) -> None:
        del self.groups[incident_id]
        self.index.discard(incident_id)
        if group.joined:
            self.finish(Finished(incident_id, group.kept, group.joined, group.signatures()))

    def place_until(self, read_up_to: date | None) -> None:
        """Place the waiting events the stream is far enough ahead of (all at its end)."""
        while self.waiting and (read_up_to is None or self.waiting[0][2].key.start is None
                                or self.waiting[0][0] + self.horizon < read_up_to):
            _, event_id, report = heapq.heappop(self.waiting)
            if report.key.start is not None:
                self._close_before(report.key.start)
            incident_id = self.index.best(report.key) or f"new:{event_id}"
            self._join(incident_id, report, kept=False).joined.append((event_id, report.previous))

    def close_all(self) -> None:
        for incident_id, group in sorted(self.groups.items()):
            self._close(incident_id, group)


def build_incidents(store: IncidentStore, rules: Rules | None = None, rebuild: bool = False,
                    progress: Progress = _silent, window: bool = True,
                    on_wait: Callable[[], None] | None = None,
                    writer_process: bool = False) -> BuildSummary:
    """Group the stored events into incidents and store them; see the module's docstring.
    `window=False` keeps every incident open to the end (the reference the window must equal);
    `on_wait` is called if another build is running and this one waits for it;
    `writer_process=True` assembles and writes in a second process while this one groups
    (see writer_process; the same result, sooner on two cores)."""
    rules = rules or Rules.default()
    with store.build_lock(on_wait), collector_paused():  # nothing it makes is garbage
        return _build(store, rules, rebuild, progress, window, writer_process)


def _stream_date(item: StreamedEvent) -> date | None:
    """The date the stream is ordered by (the event's, else its report's)."""
    return item.event.date.start if item.event.date else item.published


def _writer(store: IncidentStore, rules: Rules, summary: BuildSummary, reserved: set[str],
            separate: bool) -> AbstractContextManager[BatchWriter | WriterProcess]:
    """A writer in this process, or (`separate`, and the store can be opened by another
    process) in a child process."""
    reopen = store.reopener() if separate else None
    if reopen is None:
        return nullcontext(BatchWriter(store, rules, summary, reserved))
    return WriterProcess(reopen, rules, summary, reserved)


def _build(store: IncidentStore, rules: Rules, rebuild: bool, progress: Progress,
           window: bool, writer_process: bool) -> BuildSummary:
    summary = BuildSummary()
    locked_items = list(store.locked_events())
    locked = {item.event.id for item in locked_items}
    summary.locked_events = len(locked)
    reserved = {item.incident_id for item in locked_items}
    with _writer(store, rules, summary, reserved, writer_process) as writer:
        area = _Window(rules, writer.add, window)
        for item in locked_items:
            area.keep(item.incident_id, _Report.of(item))
        with progress("grouping events", total=store.event_count(), unit="events") as advance:
            for item in _events(store, locked):
                summary.events += 1
                summary.new_events += item.incident_id is None
                report = _Report.of(item)
                if item.incident_id is not None and not rebuild:
                    area.keep(item.incident_id, report)
                else:
                    area.wait(report)
                if (day := _stream_date(item)) is not None:
                    area.place_until(day)
                advance(1)
            area.place_until(None)
            area.close_all()
        writer.close()
    summary.events += len(locked)
    log.debug("incident build: %s", summary)
    return summary


def _events(store: IncidentStore, locked: set[str]) -> Iterator[StreamedEvent]:
    # Recalled events (background, tolls, context) stay with their document, never grouped.
    for item in store.event_stream():
        if item.event.id not in locked and not item.event.recalled:
            yield item
