"""What every list command shares: --json, --csv and --limit; tables that fit 80 columns;
and read commands that refuse a database that is not there instead of creating it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from sqlalchemy import Engine, make_url

from harmwatch.cli.base import out
from harmwatch.cli.option_groups import option_group
from harmwatch.errors import StoreError, UsageError
from harmwatch.store import database_url, open_database


@dataclass(frozen=True)
class Listing:
    output: str  # table, json or csv
    limit: int


def _listing(values: dict) -> Listing:
    if values["as_json"] and values["as_csv"]:
        raise UsageError("--json and --csv do not go together; choose one")
    if values["limit"] < 1:
        raise UsageError(f"--limit {values['limit']} must be 1 or more")
    output = "json" if values["as_json"] else "csv" if values["as_csv"] else "table"
    return Listing(output, values["limit"])


def with_listing(default_limit: int = 50):
    """Decorator: --json (one JSON record a line), --csv and --limit/-n; the command
    receives `listing`."""
    flags = {
        "as_json": (Annotated[bool, typer.Option(
            "--json", help="One full JSON record a line, for scripts.")], False),
        "as_csv": (Annotated[bool, typer.Option(
            "--csv", help="CSV with a header row, for spreadsheets.")], False),
        "limit": (Annotated[int, typer.Option(
            "--limit", "-n", help="Show at most this many.")], default_limit),
    }
    return option_group(flags, _listing, "listing")


def open_existing(db: str | None) -> Engine:
    """The database for a read command: a SQLite file that does not exist is an error
    (exit 3), never a new empty database made by a typo in --db."""
    url = database_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.exists():
            raise StoreError(f"there is no database at {path}: check --db or $HARMWATCH_DB, "
                             "or create one with `harmwatch ingest`")
    return open_database(url)


def narrow_table(*columns: str, no_wrap: Iterable[str] = ()) -> Table:
    """A table without side borders, so more of 80 columns is text; long cells wrap."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for column in columns:
        table.add_column(column, no_wrap=column in no_wrap, overflow="fold")
    return table


def emit(listing: Listing, items: list, record: Callable[[object], dict],
         row: Callable[[object], dict], table: Callable[[list], Table]) -> None:
    """Print items as the listing asks: JSON lines of `record`, CSV of `row`, or `table`."""
    if listing.output == "json":
        for item in items:
            typer.echo(json.dumps(record(item), ensure_ascii=False, default=str))
    elif listing.output == "csv":
        rows = [row(item) for item in items]
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
        typer.echo(text.getvalue(), nl=False)
    else:
        out.print(table(items))
