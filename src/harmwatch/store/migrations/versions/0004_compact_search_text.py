"""compact search text (each word once), oldest-first list index (PostgreSQL)

The search text held the incident's whole text twice (lower-cased, then folded), with every
source's claim repeated as its title; a LIKE scans it all for every row. Now each distinct
word once, in each form (see store.incidents.search_text): the same words match, and a
search reads half the text or less. Stored texts are rewritten from their old form here (the
words are all in it), so this migration does not depend on the code that writes new ones.

PostgreSQL had an index for the default newest-first order only; `sort=date` (oldest first,
what a deep page is read in) sorted the whole table through ix_incidents_date. (date_start,
id) serves it as an index-only scan. SQLite's covering list index starts with them already.

Revision ID: 0004_compact_search_text
Revises: 0003_sessions_tokens_search
Create Date: 2026-11-30 16:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_compact_search_text'
down_revision = '0003_sessions_tokens_search'
branch_labels = None
depends_on = None

BATCH = 5000
incidents = sa.table("incidents", sa.column("id", sa.String), sa.column("search_text", sa.Text))


def compact(old: str) -> str:
    """`lower-cased text |folded words` -> ` words | folded words | target tags `."""
    lower, _, folded = old.rpartition("|")  # folded words hold no "|"
    words = lower.split()
    tags = " ".join(word for word in words if word.startswith("target:"))
    return (f" {' '.join(dict.fromkeys(words))} | {' '.join(dict.fromkeys(folded.split()))} "
            f"| {tags} ")


def _rewrite_search_texts() -> None:
    bind = op.get_bind()
    last = ""
    while True:
        rows = bind.execute(sa.select(incidents.c.id, incidents.c.search_text)
                            .where(incidents.c.id > last).order_by(incidents.c.id)
                            .limit(BATCH)).all()
        if not rows:
            return
        texts = [{"old_id": row.id, "text": compact(row.search_text)}
                 for row in rows if row.search_text is not None]
        if texts:
            bind.execute(incidents.update().where(incidents.c.id == sa.bindparam("old_id"))
                         .values(search_text=sa.bindparam("text")), texts)
        last = rows[-1].id


def upgrade() -> None:
    _rewrite_search_texts()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_incidents_oldest ON incidents (date_start, id)")


def downgrade() -> None:
    # The compact texts stay: the earlier queries match them as they matched the long ones.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_incidents_oldest")
