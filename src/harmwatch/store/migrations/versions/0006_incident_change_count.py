"""a count of changes to the incidents table, raised by the database itself

The web server keeps recent answers of the incident list and hands one out again only while
this count is what it was when the answer was made. Triggers raise it on every insert,
update and delete (and TRUNCATE on PostgreSQL), whoever writes: the web app, an `incidents
build` in another process, or SQL typed by hand. The row is updated in the writer's own
transaction, so the new count becomes visible together with the change. SQLite has only row
triggers (a few microseconds per row); PostgreSQL's fire once per statement.

Revision ID: 0006_incident_change_count
Revises: 0005_events_stream_order
Create Date: 2026-11-30 19:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_incident_change_count'
down_revision = '0005_events_stream_order'
branch_labels = None
depends_on = None

RAISE = "UPDATE change_counts SET count = count + 1 WHERE name = 'incidents'"


def upgrade() -> None:
    op.create_table("change_counts",
                    sa.Column("name", sa.String(64), primary_key=True),
                    sa.Column("count", sa.BigInteger, nullable=False))
    op.execute("INSERT INTO change_counts (name, count) VALUES ('incidents', 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION count_incident_change() RETURNS trigger LANGUAGE plpgsql "
                   f"AS $$ BEGIN {RAISE}; RETURN NULL; END $$")
        op.execute("CREATE TRIGGER incidents_changed AFTER INSERT OR UPDATE OR DELETE OR "
                   "TRUNCATE ON incidents FOR EACH STATEMENT EXECUTE FUNCTION "
                   "count_incident_change()")
        return
    for action in ("INSERT", "UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER incidents_changed_{action.lower()} AFTER {action} ON "
                   f"incidents BEGIN {RAISE}; END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER incidents_changed ON incidents")
        op.execute("DROP FUNCTION count_incident_change()")
    else:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER incidents_changed_{action}")
    op.drop_table("change_counts")
