"""The audit log: who changed which incident, when, how and why; one row per change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection

from harmwatch.store.tables import audit_log

AUDIT_PAGE = 100


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


def _entry(row) -> AuditEntry:
    return AuditEntry(id=row.id, at=row.at, who=row.who, action=row.action,
                      object_type=row.object_type, object_id=row.object_id,
                      before=row.before, after=row.after, why=row.why)


def write_audit(connection: Connection, who: str, action: str, object_id: str,
                before: dict | None, after: dict | None, why: str | None) -> None:
    connection.execute(insert(audit_log).values(
        at=datetime.now(UTC), who=who, action=action, object_type="incident",
        object_id=object_id, before=before, after=after, why=why))


class AuditLog:
    """Reading the audit log; a repository with an `engine` mixes it in."""

    engine: Engine

    def audit(self, object_id: str) -> list[AuditEntry]:
        query = (select(audit_log).where(audit_log.c.object_id == object_id)
                 .order_by(audit_log.c.id))
        with self.engine.connect() as connection:
            return [_entry(row) for row in connection.execute(query)]

    def recent_changes(self, page: int = 1, per_page: int = AUDIT_PAGE, who: str | None = None,
                       action: str | None = None) -> tuple[list[AuditEntry], int]:
        """The whole database's changes, newest first, one page, and how many in all."""
        conditions = [column == value for column, value in
                      ((audit_log.c.who, who), (audit_log.c.action, action)) if value]
        query = (select(audit_log).where(*conditions).order_by(audit_log.c.id.desc())
                 .limit(per_page).offset((max(page, 1) - 1) * per_page))
        count = select(func.count()).select_from(audit_log).where(*conditions)
        with self.engine.connect() as connection:
            return ([_entry(row) for row in connection.execute(query)],
                    connection.execute(count).scalar_one())
