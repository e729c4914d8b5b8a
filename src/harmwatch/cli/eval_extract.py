"""`harmwatch eval fakes` and `harmwatch eval re3d`: extraction measured against gold data."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import eval_app, out
from harmwatch.cli.eval_options import PartOption, parts_table
from harmwatch.cli.progress import progress_bar
from harmwatch.errors import UsageError
from harmwatch.evaluation import calibration, fakes, re3d
from harmwatch.evaluation.parts import split_items
from harmwatch.pipeline import load_extractor


@eval_app.command("fakes")
def eval_fakes(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES CSV.")],
    main: Annotated[str, typer.Option(
        "--main", help="Which event is an article's main one: most-killed (the issue's "
                       "definition) or lead (the first that reports deaths) or subject "
                       "(the report's own main event).")] = "subject",
    part: PartOption = "all",
) -> None:
    """Score the main event of each FA-KES article: governorate, actor, cause, civilian deaths.

    Example: harmwatch eval fakes ../shared/eval/fakes-dev.csv
    """
    if main not in fakes.MAIN_EVENT:
        raise UsageError(f"--main {main!r} is not one of {', '.join(fakes.MAIN_EVENT)}")
    parts = split_items(fakes.read_rows(csv_path), lambda row: row.id, part)
    extractor = load_extractor()
    scores = {}
    with progress_bar("extracting", total=sum(map(len, parts.values()))) as advance:
        for name, rows in parts.items():
            scores[name] = fakes.evaluate(rows, extractor, advance, main)
    fields = list(fakes.FIELDS)
    out.print(parts_table(
        f"FA-KES ({csv_path.name}), main event: {main}", fields,
        {name: (s.n, {f: s.rate(f) for f in fields}, {f: s.rate(f, s.baseline) for f in fields})
         for name, s in scores.items()}, fakes.TARGETS))
    if main == "subject":
        out.print(_reliability(scores))


def _reliability(scores: dict[str, fakes.Score]) -> Table:
    """Of the subjects in each confidence bin, the share with the right actor and method."""
    table = Table(title="Confidence reliability: subjects with the right actor and method")
    table.add_column("confidence")
    bins = {name: calibration.reliability(calibration.subject_labels(
        s.rows, s.results)) for name, s in scores.items()}
    for name in bins:
        table.add_column(f"{name}: events")
        table.add_column(f"{name}: right")
    for i, first in enumerate(next(iter(bins.values()))):
        cells = [f"{first.low:.1f}-{first.high:.1f}"]
        for part_bins in bins.values():
            b = part_bins[i]
            cells += [str(b.events), "-" if b.rate is None else f"{b.rate:.0%}"]
        table.add_row(*cells)
    return table


@eval_app.command("re3d")
def eval_re3d(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The re3d folder.")],
    part: PartOption = "all",
) -> None:
    """Precision, recall and F1 per entity type against re3d, beside en_core_web_sm's NER.

    Example: harmwatch eval re3d ../shared/eval/re3d
    """
    for name, report in re3d.evaluate(directory, load_extractor(), part).items():
        table = Table(title=f"re3d, {name} part: {report.documents} documents "
                            "(overlap match, gold conf >= 0.5)")
        for column in ("type", "gold", "harmwatch P", "R", "F1", "en_core_web_sm P", "R ",
                       "F1 "):
            table.add_column(column)
        for kind in re3d.TYPES:
            ours, theirs = report.ours[kind], report.spacy[kind]
            table.add_row(kind, str(ours.gold), *(f"{v:.2f}" for v in ours.prf()),
                          *(f"{v:.2f}" for v in theirs.prf()))
        out.print(table)
