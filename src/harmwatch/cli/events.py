"""`harmwatch events`: the events stored with their documents."""

from typing import Annotated

import typer

from harmwatch.cli.base import DbOption, app, out
from harmwatch.cli.listing import Listing, emit, narrow_table, open_existing, with_listing
from harmwatch.exports import Labels
from harmwatch.model import Event, Range
from harmwatch.store import DocumentRepository


def _range(value: Range | None) -> str:
    if value is None:
        return ""
    return str(value.min) if value.min == value.max else f"{value.min}-{value.max}"


def _row(event: Event) -> dict:
    labels = Labels.load()
    where = event.location
    return {"event": event.id, "date": event.date.start.isoformat() if event.date else "",
            "method": labels.method(event.method),
            "place": (where.name or where.text) if where else "",
            "actor": labels.actor(event.actor1.id) if event.actor1 else "",
            "killed": _range(event.killed.total), "civilians": _range(event.killed.civilians),
            "evidence": event.evidence.text}


def _table(events: list[Event]):
    table = narrow_table("event", "date", "what", "killed", no_wrap=("event", "date"))
    for event in events:
        row = _row(event)
        what = row["method"] + (f" in {row['place']}" if row["place"] else "") + (
            f" by {row['actor']}" if row["actor"] else "")
        table.add_row(row["event"], row["date"], what, row["killed"])
    return table


@app.command("events")
@with_listing(default_limit=100)
def events_command(
    listing: Listing,
    db: DbOption = None,
    document: Annotated[str | None, typer.Option("--document", "-d",
                                                 help="Only this document's events.")] = None,
) -> None:
    """List stored events: what happened, when, where, by whom, how many killed.

    Example: harmwatch events --db team.db --document doc-1f3a9c -n 20 (--json adds the
    evidence and every field)
    """
    events = DocumentRepository(open_existing(db)).events(document)
    shown = events[:listing.limit]
    emit(listing, shown, lambda e: e.model_dump(mode="json"), _row, _table)
    if listing.output == "table":
        out.print(f"{len(shown)} of {len(events)} event(s)"
                  + (f"; --limit {len(events)} shows all" if len(shown) < len(events) else ""))
