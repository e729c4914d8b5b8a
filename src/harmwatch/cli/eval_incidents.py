"""`harmwatch eval incidents`: incident grouping measured on FA-KES."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import eval_app, out
from harmwatch.cli.eval_options import PartOption
from harmwatch.cli.progress import progress_bar
from harmwatch.evaluation import fakes, incidents
from harmwatch.evaluation.parts import split_items
from harmwatch.pipeline import load_extractor


@eval_app.command("incidents")
def eval_incidents(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES CSV.")],
    part: PartOption = "all",
) -> None:
    """Do articles about one event (same coded governorate, dates <= 2 days apart) land in one
    incident? Pairwise precision and recall, beside a naive baseline.

    Example: harmwatch eval incidents ../shared/eval/fakes-dev.csv
    """
    parts = split_items(fakes.read_rows(csv_path), lambda row: row.id, part)
    extractor = load_extractor()
    for name, rows in parts.items():
        with progress_bar(f"ingesting the {name} part", total=len(rows)) as advance:
            scores, volume = incidents.evaluate(rows, extractor, advance)
        truth = next(iter(scores.values())).true_pairs
        table = Table(title=f"Incident grouping, FA-KES {csv_path.name}, {name} part: "
                            f"{len(rows)} articles, {truth} pairs about one event")
        for column in ("", "pairs grouped", "precision", "recall", "F1"):
            table.add_column(column)
        for label, score in scores.items():
            table.add_row(label, str(score.predicted_pairs), f"{score.precision:.2f}",
                          f"{score.recall:.2f}", f"{score.f1:.2f}")
        out.print(table)
        out.print(f"{name} part: {volume.incidents} incidents from {volume.articles} articles "
                  f"({volume.per_article:.1f} per article, at most {volume.most_in_one_article} "
                  f"from one; target <= 1.8); their fatalities add up to {volume.fatalities} "
                  f"(civilians {volume.civilian_deaths}), the coders' civilian deaths of "
                  f"the articles' main events to {volume.coded_deaths} (target: within 25%)")
