"""`harmwatch ingest`: read inputs, extract their events, store both."""

from typing import Annotated

import typer

from harmwatch.cli.base import (
    EXIT_INTERRUPTED,
    DbOption,
    LanguageOption,
    LanguagePackOption,
    WorkersOption,
    app,
    console,
    out,
)
from harmwatch.cli.progress import progress_bar
from harmwatch.cli.sources import with_source_options
from harmwatch.errors import UsageError
from harmwatch.ingest import ingest
from harmwatch.runner import SCHEDULER_ENV, default_workers, extraction_for
from harmwatch.sources import SourceOptions, count_documents, read_sources
from harmwatch.store import DocumentRepository, open_database

SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", envvar=SCHEDULER_ENV, metavar="tcp://HOST:8786",
    help="Extract on this Dask cluster (pip install 'harmwatch\\[dask]'); this process "
         "reads the inputs and stores the results.")]


@app.command("ingest")
@with_source_options()
def ingest_command(
    sources: Annotated[list[str], typer.Argument(
        help="Files, directories, URLs, feeds, CSV/JSONL batches, or - for stdin.")],
    options: SourceOptions,
    db: DbOption = None,
    no_extract: Annotated[bool, typer.Option(
        "--no-extract", help="Store documents only, without extracting events.")] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    language: LanguageOption = "auto",
    language_pack: LanguagePackOption = None,
) -> None:
    """Store documents and their extracted events; the same content is stored once.

    Example: harmwatch ingest reports/ feed.xml news.csv --text-column body --published 2015-09-01

    Inputs are read, extracted and stored as a stream. Re-running an interrupted ingest
    skips what was stored and goes on. Exits 1 if any input failed (they are listed by
    `harmwatch errors`); all others are stored.
    """
    if scheduler and workers:
        raise UsageError("give --workers or --scheduler, not both (the cluster's workers "
                         "do the extraction)")
    repository = DocumentRepository(open_database(db))
    extraction = extraction_for(workers=workers or default_workers(), scheduler=scheduler,
                                extract=not no_extract, language=language,
                                language_packs=tuple(language_pack or ()))
    try:
        with progress_bar("ingesting", total=count_documents(sources, options)) as advance:
            summary = ingest(read_sources(sources, options), repository, advance=advance,
                             extraction=extraction)
    except KeyboardInterrupt:
        console.print(f"interrupted: {repository.count()} document(s) stored are kept; run the "
                      "same command again to continue")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        extraction.close()
    out.print(f"new: {summary.new}  duplicate: {summary.duplicate}  failed: {summary.failed}  "
              f"events: {summary.events}")
    if summary.failed:
        raise typer.Exit(1)
