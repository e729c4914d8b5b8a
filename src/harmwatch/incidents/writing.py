"""Writing a build's finished incidents, a batch per locked transaction, as people left them.

Inside the transaction the batch re-reads the events' links, the incidents it touches and
their people's edits: an event a person placed meanwhile stays where they put them, edits made
meanwhile are applied, and every touched incident (the ones events join and the ones they
leave) is assembled from the events linked to it now, so each commit leaves every event in
exactly one incident that describes it. An incident whose content is unchanged is not written.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from harmwatch.incidents.assemble import assemble, new_incident_id
from harmwatch.incidents.independence import Signature
from harmwatch.incidents.ports import IncidentStore, IncidentTransaction
from harmwatch.incidents.rules import Rules
from harmwatch.model import Incident

BATCH = 2000
VOLATILE = {"version", "updated_at"}


@dataclass(frozen=True)
class Finished:
    """A group the window closed: an existing incident, or a provisional 'new:' one."""

    incident_id: str
    kept: bool
    joined: list[tuple[str, str | None]]  # (event id, its incident before this build)
    # Its documents' text signatures, by document id, computed while grouping.
    signatures: dict[str, Signature] = field(default_factory=dict)


def same_content(old: Incident, new: Incident) -> bool:
    return old.model_dump(exclude=VOLATILE) == new.model_dump(exclude=VOLATILE)


class _Taken:
    """Ids in the database or named in this batch: new ids must avoid them. The batch's first
    choices are looked up in one query; another id (after a rare collision) on its own."""

    def __init__(self, tx: IncidentTransaction, named: set[str], first_choices: list[str]):
        self.tx, self.named = tx, named
        self.known = dict.fromkeys(first_choices, False)
        self.known.update(dict.fromkeys(tx.existing(first_choices), True))

    def __contains__(self, incident_id: object) -> bool:
        if incident_id in self.named:
            return True
        if incident_id not in self.known:
            self.known[incident_id] = incident_id in self.tx
        return self.known[incident_id]


class BatchWriter:
    def __init__(self, store: IncidentStore, rules: Rules, summary, reserved: set[str]):
        self.store, self.rules, self.summary = store, rules, summary
        # Old ids a provisional group may not take: people's incidents, and those taken.
        # (An id minted in this build is no event's old id: it is not kept here, so a first
        # build holds none, however large the archive.)
        self.claimed = set(reserved)
        self.pending: list[Finished] = []

    def add(self, finished: Finished) -> None:
        self.pending.append(finished)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            with self.store.writing() as tx:
                self._write(tx, self.pending)
            self.pending = []
            # The build pauses Python's cyclic collector, but a batch's transaction leaves a
            # few hundred objects in reference cycles: without this, the writer's memory grew
            # with every batch (by about 0.5 KB an incident). Only the objects made since the
            # last batch are scanned (the youngest generation), so the cost follows the batch.
            gc.collect(0)

    def close(self) -> None:
        self.flush()
        with self.store.writing() as tx:
            self.summary.removed += tx.remove_empty()
            self.summary.incidents = tx.count()

    def _name(self, group: Finished, events: list[str], existing: set[str],
              taken: _Taken) -> str:
        if group.kept and group.incident_id in existing:
            return self._claim(group.incident_id)
        previous = Counter(old for e, old in group.joined if old is not None and e in events)
        reuse = next((i for i, _ in previous.most_common() if i not in self.claimed), None)
        return self._claim(reuse) if reuse else new_incident_id(events, taken)

    def _claim(self, old_id: str) -> str:
        self.claimed.add(old_id)
        return old_id

    def _moves(self, tx: IncidentTransaction, batch: list[Finished],
               links: dict[str, tuple[str, bool]]) -> dict[str, str]:
        """event id -> the incident it goes to, people's placements left alone."""
        existing = tx.existing(f.incident_id for f in batch if f.kept)
        placed = [(group, [e for e, _ in group.joined if not links.get(e, ("", False))[1]])
                  for group in batch]
        placed = [(group, events) for group, events in placed if events]
        named: set[str] = set()
        taken = _Taken(tx, named, [new_incident_id(events) for _, events in placed])
        moves: dict[str, str] = {}
        for group, events in placed:
            incident_id = self._name(group, events, existing, taken)
            named.add(incident_id)
            moves.update(dict.fromkeys(events, incident_id))
        return moves

    def _write(self, tx: IncidentTransaction, batch: list[Finished]) -> None:
        links = tx.links_of_events(e for f in batch for e, _ in f.joined)
        moves = self._moves(tx, batch, links)
        touched = set(moves.values()) | {links[e][0] for e in moves if e in links}
        members: dict[str, list[str]] = defaultdict(list)
        for event_id, (incident_id, _) in tx.links_of_incidents(touched).items():
            if event_id not in moves:
                members[incident_id].append(event_id)
        for event_id, incident_id in moves.items():
            members[incident_id].append(event_id)
        stored = tx.stored(touched)
        edits = tx.person_edits(touched)
        records = {r.event.id: r for r in tx.records(e for ids in members.values() for e in ids)}
        signatures = {d: s for group in batch for d, s in group.signatures.items()}
        written, removed = [], []
        for incident_id in sorted(touched):
            ids = sorted(e for e in members.get(incident_id, ()) if e in records)
            old = stored.get(incident_id)
            if not ids:
                removed += [incident_id] if old else []
                continue
            new = assemble(incident_id, [records[e] for e in ids], self.rules,
                           version=old.version + 1 if old else 1,
                           overrides=edits.get(incident_id), signatures=signatures)
            if old is not None and same_content(old, new):
                self.summary.unchanged += 1
                continue
            written.append(new)
            self.summary.created += old is None
            self.summary.updated += old is not None
        tx.write(written, removed, {e: (i, False) for e, i in moves.items() if e in records})
