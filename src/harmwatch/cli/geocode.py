"""`harmwatch geocode`: one name to ranked candidates, or a whole spreadsheet column."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch import geo
from harmwatch.cli.base import app, out
from harmwatch.cli.gazetteer import GazetteerDbOption
from harmwatch.cli.progress import progress_bar
from harmwatch.errors import SourceError, UsageError

MATCH_COLUMNS = ["lat", "lon", "match_name", "match_source", "match_score"]


def candidate_dict(candidate: geo.Candidate) -> dict:
    return {"name": candidate.name, "id": candidate.source_id,
            "geonameid": candidate.geonameid, "lat": candidate.lat, "lon": candidate.lon,
            "admin1": candidate.admin1, "country": candidate.country,
            "feature": candidate.feature, "score": round(candidate.score, 3),
            "source": candidate.source}


@app.command("geocode")
def geocode_command(
    name: Annotated[str | None, typer.Argument(help="A place name, any spelling.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code hint, e.g. SY.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Province hint, e.g. Raqqa.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Candidates to show.")] = 10,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    csv_in: Annotated[Path | None, typer.Option("--csv", help="Geocode this CSV instead.")]
    = None,
    name_column: Annotated[str | None, typer.Option(help="CSV column with the names.")] = None,
    admin1_column: Annotated[str | None, typer.Option(help="CSV column with provinces.")]
    = None,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write the CSV here (default: stdout).")]
    = None,
    gazetteer_db: GazetteerDbOption = None,
) -> None:
    """Print a name's candidate places best first, or geocode a CSV column.

    With --csv, every row is written back with lat, lon, match_name, match_source and
    match_score appended (empty where unresolved). Example: harmwatch geocode "Dayr az Zawr"
    --country SY ; harmwatch geocode --csv strikes.csv --name-column village -o out.csv
    """
    if output_format not in ("table", "json"):
        raise UsageError(f"--format {output_format!r}: use table or json")
    if (name is None) == (csv_in is None):
        raise UsageError("give either a NAME or --csv FILE --name-column COLUMN")
    parser = geo.Geoparser.load(user_db=gazetteer_db)
    if csv_in is not None:
        if not name_column:
            raise UsageError("--csv needs --name-column (the column holding place names)")
        geocode_csv(parser, csv_in, name_column, admin1_column, country, output)
        return
    candidates = parser.geocode(name, country=country, admin1=admin1, limit=limit)
    if output_format == "json":
        out.print_json(json.dumps([candidate_dict(c) for c in candidates], ensure_ascii=False))
        return
    if not candidates:
        out.print(f"no place found for {name!r}")
        raise typer.Exit(1)
    table = Table("name", "id", "lat", "lon", "admin1", "country", "feature", "score", "source")
    for c in candidates:
        table.add_row(c.name, c.source_id, f"{c.lat:.5f}", f"{c.lon:.5f}", c.admin1 or "",
                      c.country or "", c.feature, f"{c.score:.2f}", c.source)
    out.print(table)


def _count_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def geocode_csv(parser: geo.Geoparser, path: Path, name_column: str, admin1_column: str | None,
                country: str | None, output: Path | None) -> None:
    """Stream the CSV through the geocoder, one row in, one row out, in order."""
    if not path.is_file():
        raise SourceError(str(path), "no such CSV file")
    total = _count_rows(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        for column in filter(None, (name_column, admin1_column)):
            if column not in columns:
                raise SourceError(str(path), f"has no column {column!r} (it has: "
                                             f"{', '.join(columns)})")
        sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            writer = csv.DictWriter(sink, fieldnames=columns + MATCH_COLUMNS)
            writer.writeheader()
            with progress_bar(f"geocoding {path.name}", total, unit="rows") as advance:
                for row in reader:
                    writer.writerow({**row, **_match(parser, row, name_column, admin1_column,
                                                     country)})
                    advance(1)
        finally:
            if output:
                sink.close()


def _match(parser: geo.Geoparser, row: dict, name_column: str, admin1_column: str | None,
           country: str | None) -> dict:
    name = (row.get(name_column) or "").strip()
    admin1 = (row.get(admin1_column) or "").strip() if admin1_column else None
    best = parser.geocode(name, country=country, admin1=admin1 or None, limit=1) if name else []
    if not best:
        return dict.fromkeys(MATCH_COLUMNS, "")
    top = best[0]
    return {"lat": top.lat, "lon": top.lon, "match_name": top.name, "match_source": top.source,
            "match_score": round(top.score, 3)}
