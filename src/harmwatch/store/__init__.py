"""Storage: SQLite by default, PostgreSQL for teams; all queries live in the repositories."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "db": ["database_url", "open_database"],
    "documents": ["DocumentRepository", "Unstorable"],
    "incidents": ["COUNT_EXACT_UP_TO", "QUEUES", "AuditEntry", "EditConflict", "IncidentFilters",
                  "IncidentRepository", "UnknownIncident"],
    "users": ["ROLES", "User", "UserRepository"],
})
