"""`harmwatch errors`: the inputs that failed, and why."""

import json
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import DbOption, app, out
from harmwatch.store import DocumentRepository, open_database


@app.command("errors")
def errors_command(
    db: DbOption = None,
    clear: Annotated[bool, typer.Option("--clear", help="Forget the listed failures.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List inputs that failed to ingest, with the reason for each.

    Example: harmwatch errors --db team.db
    """
    repository = DocumentRepository(open_database(db))
    failures = repository.failures()
    if as_json:
        for at, failure in failures:
            out.print_json(json.dumps({"at": at.isoformat(), **failure.model_dump()}), indent=None)
    else:
        _print_table(failures)
    if clear:
        out.print(f"cleared {repository.clear_failures()}")


def _print_table(failures) -> None:
    table = Table("when", "source", "where", "reason")
    for at, failure in failures:
        table.add_row(f"{at:%Y-%m-%d %H:%M}", failure.source, failure.location or "",
                      failure.reason)
    out.print(table)
    out.print(f"{len(failures)} failure(s)")
