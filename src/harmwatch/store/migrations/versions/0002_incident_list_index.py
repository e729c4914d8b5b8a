"""incident list index (SQLite): a narrow covering copy of the list's filter and sort columns

Revision ID: 0002_incident_list_index
Revises: 0001_initial
Create Date: 2026-11-25 13:45:00
"""
from alembic import op

revision = '0002_incident_list_index'
down_revision = '0001_initial'
branch_labels = None
depends_on = None

# The columns of store/tables.py's ix_incidents_list; see there why it exists on SQLite only.
COLUMNS = ["date_start", "id", "date_end", "method", "actor1", "actor2", "admin1", "grade",
           "civilian_targeting", "civilians_killed_min", "civilians_killed_max", "fatalities",
           "updated_at", "search_text"]


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if _sqlite():
        op.create_index("ix_incidents_list", "incidents", COLUMNS)


def downgrade() -> None:
    if _sqlite():
        op.drop_index("ix_incidents_list", table_name="incidents")
