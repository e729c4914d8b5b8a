"""sessions that end (a per-user generation), tokens that expire, list indexes (PostgreSQL)

The list API on PostgreSQL: a pg_trgm GIN index serves the search box's LIKE '%word%' (SQLite
keeps its covering list index of 0002: an FTS5 trigram table measured 5x slower there for a
common word, see docs/BENCHMARKS.md), and the default newest-first order gets an index in that
order, so the first page is read from the index instead of sorting every row.

Revision ID: 0003_sessions_tokens_search
Revises: 0002_incident_list_index
Create Date: 2026-11-30 13:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_sessions_tokens_search'
down_revision = '0002_incident_list_index'
branch_labels = None
depends_on = None


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _has_trigram_extension() -> bool:
    """pg_trgm installed, or installable here (it ships with PostgreSQL's contrib)."""
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT 1 FROM pg_available_extensions "
                                "WHERE name = 'pg_trgm'")).first():
        return False
    # In public, not the schema on the search path: one install serves every schema.
    bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    return True


def upgrade() -> None:
    if _postgresql():
        op.execute("CREATE INDEX ix_incidents_newest ON incidents "
                   "(date_start DESC NULLS LAST, id)")
        if _has_trigram_extension():
            op.execute("CREATE INDEX ix_incidents_search ON incidents "
                       "USING gin (search_text public.gin_trgm_ops)")
    with op.batch_alter_table("users") as table:
        table.add_column(sa.Column("session_generation", sa.Integer(), nullable=False,
                                   server_default="0"))
    with op.batch_alter_table("api_tokens") as table:
        table.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
        table.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    if _postgresql():
        op.execute("DROP INDEX IF EXISTS ix_incidents_search")
        op.execute("DROP INDEX IF EXISTS ix_incidents_newest")
    with op.batch_alter_table("api_tokens") as table:
        table.drop_column("last_used_at")
        table.drop_column("expires_at")
    with op.batch_alter_table("users") as table:
        table.drop_column("session_generation")
