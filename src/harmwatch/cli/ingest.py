"""`harmwatch ingest`: read inputs, extract their events, store both."""

from typing import Annotated

import typer

from harmwatch.cli.base import EXIT_INTERRUPTED, DbOption, app, console, out
from harmwatch.cli.progress import progress_bar
from harmwatch.cli.sources import with_source_options
from harmwatch.ingest import ingest
from harmwatch.pipeline import load_extractor
from harmwatch.sources import SourceOptions, read_sources
from harmwatch.store import DocumentRepository, open_database


@app.command("ingest")
@with_source_options()
def ingest_command(
    sources: Annotated[list[str], typer.Argument(
        help="Files, directories, URLs, feeds, CSV/JSONL batches, or - for stdin.")],
    options: SourceOptions,
    db: DbOption = None,
    no_extract: Annotated[bool, typer.Option(
        "--no-extract", help="Store documents only, without extracting events.")] = False,
) -> None:
    """Store documents and their extracted events; the same content is stored once.

    Example: harmwatch ingest reports/ feed.xml news.csv --text-column body --published 2015-09-01

    Re-running an interrupted ingest skips what was stored and goes on. Exits 1 if any
    input failed (they are listed by `harmwatch errors`); all others are stored.
    """
    repository = DocumentRepository(open_database(db))
    extractor = None if no_extract else load_extractor()
    items = list(read_sources(sources, options))
    try:
        with progress_bar("ingesting", total=len(items)) as advance:
            summary = ingest(items, repository, extractor, advance)
    except KeyboardInterrupt:
        console.print(f"interrupted: {repository.count()} document(s) stored are kept; run the "
                      "same command again to continue")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    out.print(f"new: {summary.new}  duplicate: {summary.duplicate}  failed: {summary.failed}  "
              f"events: {summary.events}")
    if summary.failed:
        raise typer.Exit(1)
