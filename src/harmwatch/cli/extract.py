"""`harmwatch extract`: events with evidence from one report, or from a JSONL batch."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import LanguageOption, LanguagePackOption, WorkersOption, app, out
from harmwatch.cli.sources import with_source_options
from harmwatch.errors import SourceError, UsageError
from harmwatch.model import Document, ExtractionResult, SourceFailure
from harmwatch.sources import SourceOptions, read_source

if TYPE_CHECKING:
    from harmwatch.runner import Extraction


@app.command("extract")
@with_source_options(override_published=True)
def extract_command(
    source: Annotated[str | None, typer.Argument(
        help="A report: file, URL, or - for stdin.")] = None,
    *,
    options: SourceOptions,
    output_format: Annotated[str, typer.Option(
        "--format", help="json (the stable result), table (for reading) or geojson.")] = "json",
    actors: Annotated[Path | None, typer.Option(
        "--actors", help="Extra actor dictionary (YAML, like harmwatch/data/actors.yaml).")
    ] = None,
    language: LanguageOption = "auto",
    language_pack: LanguagePackOption = None,
    batch: Annotated[Path | None, typer.Option(
        "--batch", metavar="FILE.jsonl",
        help='One report per line, {"id", "text", "title"?, "published"?, "url"?}; writes '
             "one result per line, in order.")] = None,
    workers: WorkersOption = None,
) -> None:
    """Extract events, places, actors, dates and quotes from a report.

    Example: harmwatch extract report.txt --published 2015-09-01 --format table

    Every field carries the [start, end) character span it came from. With --batch, a
    bad line yields {"id", "error"} and the batch goes on (exit 1 at the end).
    """
    if output_format not in ("json", "table", "geojson"):
        raise UsageError(f"--format {output_format!r} is not one of json, table, geojson")
    if (source is None) == (batch is None):
        raise UsageError("give either a SOURCE (file, URL or -) or --batch FILE.jsonl")
    if batch is not None:
        from harmwatch.runner import default_workers, extraction_for  # only for a batch

        extraction = extraction_for(actors=actors, workers=workers or default_workers(),
                                    language=language, language_packs=tuple(language_pack or ()))
        if _run_batch(batch, options, extraction):
            raise typer.Exit(1)
        return
    from harmwatch.pipeline import load_extractor  # spaCy: only when a report is extracted

    extractor = load_extractor(actors=actors, language=language,
                               language_packs=language_pack or ())
    for item in read_source(source, options):
        if isinstance(item, SourceFailure):
            raise SourceError(item.source, item.reason, item.location)
        _show(extractor.extract(item), item, output_format)


def _run_batch(path: Path, options: SourceOptions, extraction: Extraction) -> int:
    """Write one line per input line, in order; the number of lines that failed."""
    from harmwatch.runner import outcomes_in_order

    # A line's own date wins over --published, which dates the lines without one.
    options = replace(options, kind="jsonl", override_published=False)
    prefix = f"{path}#"
    failed = 0
    try:
        for item, outcome in outcomes_in_order(read_source(str(path), options), extraction):
            if isinstance(item, SourceFailure):
                ident = (item.source.removeprefix(prefix) if item.source.startswith(prefix)
                         else (item.location or "").removeprefix("line "))
            else:
                ident = item.id
            if outcome.error:
                failed += 1
                row = {"id": ident, "error": outcome.error}
            else:
                row = {"id": ident, **outcome.result.model_dump(mode="json")}
            typer.echo(json.dumps(row, ensure_ascii=False))
    finally:
        extraction.close()
    return failed


def _show(result: ExtractionResult, document: Document, output_format: str) -> None:
    if output_format == "json":
        out.print_json(result.model_dump_json())
    elif output_format == "geojson":
        typer.echo(json.dumps(_geojson(result), ensure_ascii=False, indent=2))
    else:
        out.print(_table(result, document))


def _geojson(result: ExtractionResult) -> dict:
    from harmwatch.exports import feature

    return {"type": "FeatureCollection", "features": [
        feature(event.id, event.location, event.model_dump(mode="json"))
        for event in result.events]}


def _table(result: ExtractionResult, document: Document) -> Table:
    table = Table(title=document.title or document.source or document.id, show_lines=True)
    for column in ("id", "type", "actor1", "target", "where", "when", "killed", "source"):
        table.add_column(column)
    for event in result.events:
        killed = event.killed.total
        table.add_row(
            event.id.rsplit(":", 1)[-1], f"{event.sub_event_type}\n({event.method})",
            event.actor1.name if event.actor1 else "-",
            ", ".join(f"{t.type}: {t.text}" for t in event.targets) or "-",
            event.location.name or event.location.text if event.location else "-",
            f"{event.date.start}..{event.date.end}" if event.date else "-",
            f"{killed.min}-{killed.max}" if killed else "-",
            ", ".join(s.speaker or "?" for s in event.sources) or "-")
    return table
