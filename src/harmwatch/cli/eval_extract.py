"""`harmwatch eval fakes` and `harmwatch eval re3d`: extraction measured against gold data."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import eval_app, out
from harmwatch.cli.progress import progress_bar
from harmwatch.errors import UsageError
from harmwatch.evaluation import fakes, re3d
from harmwatch.pipeline import load_extractor


@eval_app.command("fakes")
def eval_fakes(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES CSV.")],
    main: Annotated[str, typer.Option(
        "--main", help="Which event is an article's main one: most-killed (the issue's "
                       "definition) or lead (the first that reports deaths).")] = "most-killed",
) -> None:
    """Score the main event of each FA-KES article: governorate, actor, cause, civilian deaths.

    Example: harmwatch eval fakes ../shared/eval/fakes-dev.csv
    """
    if main not in fakes.MAIN_EVENT:
        raise UsageError(f"--main {main!r} is not one of {', '.join(fakes.MAIN_EVENT)}")
    rows = fakes.read_rows(csv_path)
    extractor = load_extractor()
    with progress_bar("extracting", total=len(rows)) as advance:
        score = fakes.evaluate(rows, extractor, advance, main)
    table = Table(title=f"FA-KES, {score.n} articles ({csv_path.name}), main event: {main}")
    for column in ("field", "harmwatch", "naive baseline", "target"):
        table.add_column(column)
    for name in fakes.FIELDS:
        table.add_row(name, f"{score.rate(name):.1%}", f"{score.rate(name, score.baseline):.1%}",
                      f">= {fakes.TARGETS[name]:.0%}")
    out.print(table)


@eval_app.command("re3d")
def eval_re3d(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The re3d folder.")],
) -> None:
    """Precision, recall and F1 per entity type against re3d, beside en_core_web_sm's NER.

    Example: harmwatch eval re3d ../shared/eval/re3d
    """
    report = re3d.evaluate(directory, load_extractor())
    table = Table(title=f"re3d, {report.documents} documents (overlap match, gold conf >= 0.5)")
    for column in ("type", "gold", "harmwatch P", "R", "F1", "en_core_web_sm P", "R ", "F1 "):
        table.add_column(column)
    for kind in re3d.TYPES:
        ours, theirs = report.ours[kind], report.spacy[kind]
        table.add_row(kind, str(ours.gold), *(f"{v:.2f}" for v in ours.prf()),
                      *(f"{v:.2f}" for v in theirs.prf()))
    out.print(table)
