"""Storage: SQLite by default, PostgreSQL for teams; all queries live in the repositories."""

from harmwatch.store.db import database_url, open_database
from harmwatch.store.documents import DocumentRepository, Unstorable
from harmwatch.store.incidents import (
    QUEUES,
    AuditEntry,
    EditConflict,
    IncidentFilters,
    IncidentRepository,
    UnknownIncident,
)
from harmwatch.store.users import ROLES, User, UserRepository

__all__ = ["QUEUES", "ROLES", "AuditEntry", "DocumentRepository", "EditConflict",
           "IncidentFilters", "IncidentRepository", "UnknownIncident", "Unstorable", "User",
           "UserRepository", "database_url", "open_database"]
