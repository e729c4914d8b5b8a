"""`harmwatch events`: the events stored with their documents."""

from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import DbOption, app, out
from harmwatch.model import Event
from harmwatch.store import DocumentRepository, open_database


def _count(event: Event) -> str:
    killed = event.killed.total
    if killed is None:
        return ""
    return str(killed.min) if killed.min == killed.max else f"{killed.min}-{killed.max}"


@app.command("events")
def events_command(
    db: DbOption = None,
    document: Annotated[str | None, typer.Option("--document", "-d",
                                                 help="Only this document's events.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON event per line.")] = False,
) -> None:
    """List stored events: what happened, when, where, who, how many killed, and the evidence.

    Example: harmwatch events --db team.db --document doc-1f3a9c
    """
    events = DocumentRepository(open_database(db)).events(document)
    if as_json:
        for event in events:
            out.print(event.model_dump_json(), highlight=False)
        return
    table = Table("event", "type", "date", "place", "actor", "killed", "evidence")
    for event in events:
        table.add_row(event.id.rsplit(":", 1)[-1], f"{event.sub_event_type}\n({event.method})",
                      event.date.start.isoformat() if event.date else "",
                      (event.location.name or event.location.text) if event.location else "",
                      event.actor1.name if event.actor1 else "", _count(event),
                      event.evidence.text[:160])
    out.print(table)
    out.print(f"{len(events)} event(s)")
