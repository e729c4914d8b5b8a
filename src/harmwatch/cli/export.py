"""`harmwatch export`: incidents as ACLED CSV, GeoJSON, JSON Lines or Parquet."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from harmwatch import exports
from harmwatch.cli.base import DbOption, app, console
from harmwatch.cli.incident_filters import with_incident_filters
from harmwatch.errors import UsageError
from harmwatch.store import IncidentFilters, IncidentRepository, open_database


@contextmanager
def _destination(path: Path | None, binary: bool):
    if path is None:
        if binary and sys.stdout.isatty():
            raise UsageError("parquet is binary; write it to a file with -o FILE")
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        handle = path.open("wb")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}; check the -o path") from exc
    with handle:
        yield handle


@app.command("export")
@with_incident_filters(sort="date")
def export_command(
    filters: IncidentFilters,
    export_format: Annotated[str, typer.Option(
        "--format", "-f", help="acled, geojson, jsonl or parquet (or a plugin's format).")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: standard output).")] = None,
    db: DbOption = None,
) -> None:
    """Export incidents: ACLED's CSV columns and codes, GeoJSON points, or full records.

    Example: harmwatch export --format acled -o incidents.csv --from 2016-01-01 --admin1 Raqqa
    """
    exporter = exports.get_exporter(export_format)
    repository = IncidentRepository(open_database(db))
    with _destination(output, binary=exporter.name == "parquet") as stream:
        count = exporter.write(repository.all(filters), repository.events_of, stream)
    where = str(output) if output else "standard output"
    console.print(f"{count} incident(s) written to {where} as {exporter.name}")
