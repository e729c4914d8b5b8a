"""the list sorted deadliest first reads an index in that order (PostgreSQL)

`sort=-fatalities` with filters sorted every matching row: 580 ms at 1,000,000 incidents for
air strikes on civilians mentioning a market. In an index of that order the first page is the
first few hundred entries that pass the filters (2 ms). SQLite's covering list index (0002)
already serves it.

Revision ID: 0007_deadliest_first_index
Revises: 0006_incident_change_count
Create Date: 2026-11-30 20:30:00
"""
from alembic import op

revision = '0007_deadliest_first_index'
down_revision = '0006_incident_change_count'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_incidents_deadliest ON incidents "
                   "(fatalities DESC NULLS LAST, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_incidents_deadliest")
