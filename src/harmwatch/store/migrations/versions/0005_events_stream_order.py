"""events in the incident build's order: a stream date (the event's, else its report's) and
an index on it

`incidents build` reads every event ordered by its date, else its document's publication
date. Ordered by that expression across the join, both databases sorted the whole archive
before the first row came back (SQLite in a temporary B-tree, PostgreSQL in an external sort);
a column with an index streams them in order instead.

Revision ID: 0005_events_stream_order
Revises: 0004_compact_search_text
Create Date: 2026-11-30 16:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_events_stream_order'
down_revision = '0004_compact_search_text'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as table:
        table.add_column(sa.Column("stream_date", sa.Date()))
    op.execute("UPDATE events SET stream_date = COALESCE(date_start, (SELECT published FROM "
               "documents WHERE documents.id = events.document_id))")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_events_stream ON events (stream_date NULLS FIRST, id)")
    else:  # SQLite sorts NULL first, and cannot say so in an index
        op.create_index("ix_events_stream", "events", ["stream_date", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_stream", table_name="events")
    with op.batch_alter_table("events") as table:
        table.drop_column("stream_date")
