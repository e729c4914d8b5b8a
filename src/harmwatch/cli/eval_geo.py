"""`harmwatch eval geoparsing` and `harmwatch eval places`: the geoparser against gold data."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

import harmwatch.geo
from harmwatch.cli.base import eval_app, out
from harmwatch.cli.progress import progress_bar
from harmwatch.evaluation import geo

JsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


@eval_app.command("geoparsing")
def eval_geoparsing(
    directory: Annotated[Path, typer.Argument(metavar="DIR",
                                              help="Folder with GWN.xml, lgl.xml, TR-News.xml.")],
    as_json: JsonOption = False,
) -> None:
    """Resolve the gold toponyms of GWN, LGL and TR-News: exact GeoNames id and acc@161km.

    Example: harmwatch eval geoparsing ../shared/eval/geoparsing
    """
    parser = harmwatch.geo.Geoparser.load(user_places=False)
    rows = []
    for name, path in geo.corpora(directory).items():
        with progress_bar(f"resolving {name}", None, unit="articles") as advance:
            rows.append(geo.evaluate_corpus(parser, name, path, advance).as_row())
    if as_json:
        out.print(geo.dumps(rows))
        return
    table = Table("corpus", "toponyms", "with id", "exact id", "acc@161km", "unresolved",
                  "acc@161km, all", "Mordecai3 exact", "Mordecai3 acc@161km",
                  title="Toponym resolution, gold spans given (embedded gazetteer)")
    for row in rows:
        table.add_row(row["corpus"], str(row["toponyms"]), str(row["with_id"]),
                      _pct(row["exact_pct"]), _pct(row["acc161_pct"]), str(row["unresolved"]),
                      _pct(row["acc161_all_pct"]), _pct(row["mordecai3_exact_pct"]),
                      _pct(row["mordecai3_acc161_pct"]))
    out.print(table)


@eval_app.command("places")
def eval_places(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="Airwars places CSV.")],
    gazetteer: Annotated[Path | None, typer.Option(
        "--gazetteer", help="Also measure with this place list loaded (CSV/JSON/GeoNames).")]
    = None,
    as_json: JsonOption = False,
) -> None:
    """Share of Airwars place names geocoded within 10 km (English with region; Arabic).

    Example: harmwatch eval places ../shared/eval/airwars-places-dev.csv --gazetteer
    ../shared/gazetteers/syrianarchive-locations.json
    """
    parsers = {"embedded": harmwatch.geo.Geoparser.load(user_places=False)}
    with tempfile.TemporaryDirectory() as scratch:
        if gazetteer is not None:
            user_db = Path(scratch) / "places.sqlite"
            harmwatch.geo.load_file(gazetteer, user_db, country="SY")
            parsers[f"with {gazetteer.name}"] = harmwatch.geo.Geoparser.load(user_db=user_db)
        with progress_bar("geocoding", None, unit="rows") as advance:
            score = geo.evaluate_places(csv_path, parsers, advance)
    shares = score.shares()
    if as_json:
        out.print(geo.dumps({"rows": score.rows, "within_10km_pct": shares,
                             "names": score.totals}))
        return
    table = Table("measure", "names", "within 10 km",
                  title=f"Airwars place names, {score.rows} rows ({csv_path.name})")
    for measure, share in shares.items():
        table.add_row(measure, str(score.totals[measure]), _pct(share))
    out.print(table)
