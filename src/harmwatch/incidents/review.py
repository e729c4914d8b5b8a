"""People correct incidents: edit fields, merge incidents, split one. Each change is checked
against the version it was made on, recomputed from the events with the build's rules (people's
earlier edits kept and marked), written with the events it touches locked against later
builds, and audited, all in one transaction holding the incident write lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from harmwatch.errors import EditConflict, InvalidEdit, UnknownIncident, UsageError
from harmwatch.incidents.assemble import assemble, new_incident_id
from harmwatch.incidents.ports import IncidentStore, IncidentTransaction
from harmwatch.incidents.rules import Rules
from harmwatch.model import Incident

# Fields the build derives from the events; a person edits the others.
DERIVED_FIELDS = {"id", "version", "event_ids", "sources", "updated_at", "overrides",
                  "grade_reasons", "flags"}


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}"
                     for e in exc.errors())


class Review:
    """A person's corrections through a store, with the rules the build uses."""

    def __init__(self, store: IncidentStore, rules: Rules | None = None):
        self.store = store
        self.rules = rules or Rules.default()

    def _current(self, tx: IncidentTransaction, ids: Iterable[str],
                 versions: dict[str, int] | None = None) -> list[Incident]:
        """The stored incidents, in order; a conflict if one moved past the version the
        person saw or was merged away meanwhile."""
        ids = list(dict.fromkeys(ids))
        stored = tx.stored(ids)
        for incident_id in ids:
            if incident_id not in stored:
                target = tx.merged_into(incident_id)
                if target is None:
                    raise UnknownIncident(incident_id)
                raise EditConflict(incident_id, None, None, f"incident {incident_id} was merged "
                                   f"into {target} meanwhile; reload and decide again")
            expected = (versions or {}).get(incident_id)
            if expected is not None and stored[incident_id].version != expected:
                raise EditConflict(incident_id, expected, stored[incident_id].version)
        return [stored[i] for i in ids]

    def _assembled(self, tx: IncidentTransaction, incident_id: str, event_ids: list[str],
                   version: int, edits: dict[str, Any]) -> Incident:
        return assemble(incident_id, tx.records(event_ids), self.rules, version=version,
                        overrides=edits)

    def update(self, incident_id: str, changes: dict[str, Any], who: str, why: str,
               expected_version: int) -> Incident:
        """Change fields a person may edit; EditConflict if the version moved meanwhile."""
        bad = sorted(set(changes) & DERIVED_FIELDS | set(changes) - set(Incident.model_fields))
        if bad:
            raise UsageError(f"cannot edit {', '.join(bad)} of incident {incident_id}: they are "
                             "derived from its events or do not exist")
        with self.store.writing() as tx:
            (current,) = self._current(tx, [incident_id], {incident_id: expected_version})
            before = current.model_dump(mode="json")
            try:
                after = Incident.model_validate({**before, **changes}).model_dump(mode="json")
            except ValidationError as exc:
                raise InvalidEdit(f"incident {incident_id}: {_problems(exc)}") from exc
            diff = {k: after[k] for k in changes if after[k] != before[k]}
            if not diff:
                return current
            edits = {**tx.person_edits([incident_id]).get(incident_id, {}), **diff}
            updated = self._assembled(tx, incident_id, current.event_ids, current.version + 1,
                                      edits)
            tx.write([updated])
            tx.audit(who, "update", incident_id, {k: before[k] for k in diff}, diff, why)
        return updated

    def merge(self, ids: list[str], who: str, why: str,
              versions: dict[str, int] | None = None) -> Incident:
        """Join incidents into the first one given; the others disappear (audited)."""
        if len(set(ids)) < 2:
            raise UsageError("merge needs at least two different incident ids")
        with self.store.writing() as tx:
            parts = self._current(tx, ids, versions)
            keep = parts[0]
            event_ids = sorted({e for part in parts for e in part.event_ids})
            edits = tx.person_edits([part.id for part in parts])
            kept = edits.get(keep.id, {})
            # What people set on the absorbed incidents carries over where the kept one has
            # no value of its own, recorded as an edit so that later builds keep it.
            carried = {k: v for part in reversed(parts[1:])
                       for k, v in edits.get(part.id, {}).items() if k not in kept}
            merged = self._assembled(tx, keep.id, event_ids, keep.version + 1,
                                     {**carried, **kept})
            absorbed = [part.id for part in parts[1:]]
            tx.write([merged], absorbed, {e: (keep.id, True) for e in event_ids})
            before = {part.id: part.event_ids for part in parts}
            tx.audit(who, "merge", keep.id, before, {keep.id: event_ids}, why)
            if carried:
                old = keep.model_dump(mode="json")
                tx.audit(who, "update", keep.id, {k: old.get(k) for k in carried}, carried,
                         f"carried over from {', '.join(absorbed)} in the merge")
            for part in absorbed:
                tx.audit(who, "merged_into", part, before, {keep.id: event_ids}, why)
        return merged

    def split(self, incident_id: str, event_ids: list[str], who: str, why: str,
              expected_version: int | None = None) -> Incident:
        """Move some events of an incident into a new incident, which is returned."""
        with self.store.writing() as tx:
            versions = {incident_id: expected_version} if expected_version is not None else None
            (source,) = self._current(tx, [incident_id], versions)
            moving = sorted(set(event_ids))
            stray = [e for e in moving if e not in source.event_ids]
            if stray:
                raise UsageError(f"events {', '.join(stray)} are not in incident {incident_id}; "
                                 f"its events are {', '.join(source.event_ids)}")
            staying = [e for e in source.event_ids if e not in set(moving)]
            if not moving or not staying:
                raise UsageError("split needs some, but not all, of the incident's events")
            new_id = new_incident_id(moving, tx)
            edits = tx.person_edits([incident_id]).get(incident_id, {})
            remaining = self._assembled(tx, incident_id, staying, source.version + 1, edits)
            split_off = self._assembled(tx, new_id, moving, 1, {})
            tx.write([remaining, split_off], links={
                **{e: (incident_id, True) for e in staying}, **{e: (new_id, True) for e in moving}})
            before = {incident_id: source.event_ids}
            after = {incident_id: staying, new_id: moving}
            tx.audit(who, "split", incident_id, before, after, why)
            tx.audit(who, "split_from", new_id, before, after, why)
        return split_off
