"""Storage: SQLite by default, PostgreSQL for teams; all queries live in the repositories."""

from harmwatch.store.db import database_url, open_database
from harmwatch.store.documents import DocumentRepository

__all__ = ["DocumentRepository", "database_url", "open_database"]
