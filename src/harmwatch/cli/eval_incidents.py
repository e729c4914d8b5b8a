"""`harmwatch eval incidents`: incident grouping measured on FA-KES."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import eval_app, out
from harmwatch.cli.progress import progress_bar
from harmwatch.evaluation import fakes, incidents
from harmwatch.pipeline import load_extractor


@eval_app.command("incidents")
def eval_incidents(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES CSV.")],
) -> None:
    """Do articles about one event (same coded governorate, dates <= 2 days apart) land in one
    incident? Pairwise precision and recall, beside a naive baseline.

    Example: harmwatch eval incidents ../shared/eval/fakes-dev.csv
    """
    rows = fakes.read_rows(csv_path)
    with progress_bar("ingesting", total=len(rows)) as advance:
        scores = incidents.evaluate(rows, load_extractor(), advance)
    truth = next(iter(scores.values())).true_pairs
    table = Table(title=f"Incident grouping, FA-KES {csv_path.name}: {len(rows)} articles, "
                        f"{truth} pairs about one event")
    for column in ("", "pairs grouped", "precision", "recall", "F1"):
        table.add_column(column)
    for name, score in scores.items():
        table.add_row(name, str(score.predicted_pairs), f"{score.precision:.2f}",
                      f"{score.recall:.2f}", f"{score.f1:.2f}")
    out.print(table)
