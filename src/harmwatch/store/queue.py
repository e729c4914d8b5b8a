"""The review queue: incidents that need a person's look, by why they need it."""

from __future__ import annotations

from sqlalchemy import Engine, Text, cast, func, select

from harmwatch.errors import UsageError
from harmwatch.model import Incident
from harmwatch.store.tables import audit_log, incidents

_reviewed = select(audit_log.c.id).where(audit_log.c.object_id == incidents.c.id).exists()
# Both databases write JSON as '"key": value', so an empty list of flags reads the same.
QUEUES = {
    "weak": ("Weak grade", incidents.c.grade == "Weak"),
    "unlocated": ("not located", incidents.c.lat.is_(None)),
    "flagged": ("sources disagree",
                ~cast(incidents.c.data, Text).contains('"flags": []', autoescape=True)),
    "unreviewed": ("no person has changed them yet", ~_reviewed),
    "recent": ("recently changed", None),
}


class ReviewQueue:
    """Mixed into the incident repository (needs `engine`)."""

    engine: Engine

    def queue(self, reason: str, limit: int = 50) -> tuple[list[Incident], int]:
        """Incidents in one queue (newest first; `recent`: last changed first), and how many."""
        if reason not in QUEUES:
            raise UsageError(f"no review queue {reason!r}; use one of {', '.join(QUEUES)}")
        condition = QUEUES[reason][1]
        conditions = [] if condition is None else [condition]
        order = (incidents.c.updated_at.desc() if reason == "recent"
                 else incidents.c.date_start.desc().nulls_last())
        query = (select(incidents.c.data).where(*conditions).order_by(order, incidents.c.id)
                 .limit(limit))
        count = select(func.count()).select_from(incidents).where(*conditions)
        with self.engine.connect() as connection:
            found = [Incident.model_validate(d) for d in connection.execute(query).scalars()]
            return found, connection.execute(count).scalar_one()

    def queue_sizes(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {reason: connection.execute(
                select(func.count()).select_from(incidents).where(
                    *([] if condition is None else [condition]))).scalar_one()
                for reason, (_, condition) in QUEUES.items()}
