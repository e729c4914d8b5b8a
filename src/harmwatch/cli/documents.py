"""`harmwatch documents`: what is stored."""

from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import DbOption, app, out
from harmwatch.store import DocumentRepository, open_database


@app.command("documents")
def documents_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many.")] = 50,
) -> None:
    """List stored documents with their dates and event counts.

    Example: harmwatch documents --db team.db -n 20
    """
    repository = DocumentRepository(open_database(db))
    counts = repository.event_counts()
    table = Table("id", "published", "language", "events", "title / source")
    for number, document in enumerate(repository.all()):
        if number >= limit:
            break
        table.add_row(document.id, str(document.published or ""), document.language or "",
                      str(counts.get(document.id, 0)),
                      document.title or document.source or "")
    out.print(table)
    out.print(f"{repository.count()} document(s) stored")
