"""What must hold after any mix of builds, edits, merges, splits and crashes."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from harmwatch.model import Incident
from harmwatch.store.tables import events, incident_events, incidents


def problems(engine, all_assigned: bool = True) -> list[str]:
    """Every event in at most one incident (all_assigned: exactly one); each incident's
    record lists exactly the events linked to it; no incident without events."""
    with engine.connect() as connection:
        event_ids = set(connection.execute(select(events.c.id)).scalars())
        links = defaultdict(set)
        for event_id, incident_id in connection.execute(
                select(incident_events.c.event_id, incident_events.c.incident_id)):
            links[incident_id].add(event_id)
        stored = [Incident.model_validate(d)
                  for d in connection.execute(select(incidents.c.data)).scalars()]
    found = []
    linked = set().union(*links.values()) if links else set()
    if all_assigned and event_ids - linked:
        found.append(f"events in no incident: {sorted(event_ids - linked)[:5]}")
    for incident in stored:
        if set(incident.event_ids) != links.get(incident.id, set()):
            found.append(f"{incident.id} lists {incident.event_ids}, linked "
                         f"{sorted(links.get(incident.id, ()))}")
    empty = set(links) - {i.id for i in stored}
    if empty:
        found.append(f"links to missing incidents: {sorted(empty)[:5]}")
    return found
