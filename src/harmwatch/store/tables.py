"""The database schema. Alembic migrations in store/migrations create and change it.

Full records live in JSON columns (the pydantic models, exactly); the columns beside them
are copies of the fields that queries filter and sort on.
"""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData()



class Json(TypeDecorator):
    """JSON, stored as JSONB on PostgreSQL; the PostgreSQL dialect is imported only when used,
    so commands on a SQLite database do not pay for it."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB
            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())

documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("published", Date),
    Column("publisher", Text),
    Column("language", String(16)),
    Column("source", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extraction", Json, doc="The ExtractionResult without events (mentions, quotes)."),
)

events = Table(
    "events",
    metadata,
    Column("id", String(240), primary_key=True),
    Column("document_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("method", String(32), nullable=False),
    Column("civilian_targeting", Boolean, nullable=False, default=False),
    Column("actor1", String(64)),
    Column("actor2", String(64)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("country", String(8)),
    Column("geo_precision", Integer),
    Column("killed_min", Integer),
    Column("killed_max", Integer),
    Column("data", Json, nullable=False),
    Column("stream_date", Date, doc="The event's start date, else its document's publication "
                                    "date: the order `incidents build` reads events in."),
)
Index("ix_events_date", events.c.date_start, events.c.date_end)
# The build reads every event in this order; the index lets it stream them without sorting
# the archive first. PostgreSQL's index keeps undated events first, as the build reads them
# (SQLite sorts NULL first anyway, and cannot declare it).
Index("ix_events_stream", events.c.stream_date, events.c.id).ddl_if(dialect="sqlite")
Index("ix_events_stream", events.c.stream_date.asc().nulls_first(), events.c.id
      ).ddl_if(dialect="postgresql")

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("location", Text),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("version", Integer, nullable=False, default=1),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("method", String(32), nullable=False),
    Column("civilian_targeting", Boolean, nullable=False, default=False),
    Column("actor1", String(64)),
    Column("actor2", String(64)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("country", String(8)),
    Column("grade", String(16), nullable=False),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("civilians_killed_min", Integer),
    Column("civilians_killed_max", Integer),
    Column("search_text", Text, doc="Lower-cased text the list's search box matches."),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("data", Json, nullable=False),
)
Index("ix_incidents_date", incidents.c.date_start)
# SQLite keeps each row's JSON inline, so a filter or sort that scans the table reads every
# record whole. This index is a narrow copy of the columns the list filters and sorts on, so
# counting, filtering and picking a page's ids never touch the JSON (10x on 10,000 incidents).
# PostgreSQL already stores large JSON out of line (TOAST), and caps an index entry at about
# 2.7 KB, which search_text can pass: the index is SQLite's only.
Index("ix_incidents_list", *(incidents.c[name] for name in (
    "date_start", "id", "date_end", "method", "actor1", "actor2", "admin1", "grade",
    "civilian_targeting", "civilians_killed_min", "civilians_killed_max", "fatalities",
    "updated_at", "search_text"))).ddl_if(dialect="sqlite")

incident_events = Table(
    "incident_events",
    metadata,
    Column("event_id", String(240), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", String(64), ForeignKey("incidents.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("locked", Boolean, nullable=False, default=False,
           doc="Set by a person's split or merge; automatic rebuilds leave it alone."),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("object_type", String(32), nullable=False),
    Column("object_id", String(240), nullable=False, index=True),
    Column("before", Json),
    Column("after", Json),
    Column("why", Text),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Raised by logout, a new password or role: every session cookie made before is void.
    Column("session_generation", Integer, nullable=False, server_default="0"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
)

# How many times each table was changed; triggers (migration 0006) raise the incidents row in
# the writer's transaction, so a cached answer made at one count is stale at any other.
change_counts = Table(
    "change_counts",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("count", BigInteger, nullable=False),
)
