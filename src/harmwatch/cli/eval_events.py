"""`harmwatch eval events`: events one by one against a monitor's annotation."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import eval_app, out
from harmwatch.cli.eval_options import PartOption
from harmwatch.cli.progress import progress_bar
from harmwatch.evaluation import events, fakes
from harmwatch.evaluation.parts import split_items
from harmwatch.pipeline import load_extractor

TARGETS = {"precision": ">= 0.70", "recall": ">= 0.80", "events per article": "gold +-30%"}


@eval_app.command("events")
def eval_events(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES CSV.")],
    gold_path: Annotated[Path | None, typer.Option(
        "--gold", help="Annotation file (default: the 40 check-part articles shipped in "
                       "harmwatch/data/gold, see GUIDELINES.md there).")] = None,
    part: PartOption = "all",
) -> None:
    """Precision, recall and events per article against event-by-event gold annotation,
    beside a naive baseline (one event per article: the first sentence with a killing word).

    Example: harmwatch eval events ../shared/eval/fakes-dev.csv
    """
    gold = events.read_gold(gold_path)
    parts = split_items(fakes.read_rows(csv_path), lambda row: row.id, part)
    extractor = load_extractor()
    for name, rows in parts.items():
        annotated = [r for r in rows if r.id in gold]
        if not annotated:
            out.print(f"{name} part: no annotated articles")
            continue
        with progress_bar(f"extracting the {name} part", total=len(annotated)) as advance:
            ours, naive = events.evaluate(annotated, extractor, gold, advance)
        out.print(_table(f"Events, {name} part: {ours.articles} annotated articles, "
                         f"{ours.gold} gold events", ours, naive))


def _table(title: str, ours: events.Tally, naive: events.Tally) -> Table:
    table = Table(title=title)
    for column in ("", "harmwatch", "naive baseline", "target"):
        table.add_column(column)
    rows = {
        "precision": (f"{ours.precision:.2f}", f"{naive.precision:.2f}"),
        "recall": (f"{ours.recall:.2f}", f"{naive.recall:.2f}"),
        "events per article": (f"{ours.per_article(ours.predicted):.1f} "
                               f"(gold {ours.per_article(ours.gold):.1f})",
                               f"{naive.per_article(naive.predicted):.1f}"),
        "unmatched: copies of a found event": (str(ours.copies), str(naive.copies)),
        "unmatched: no event": (str(ours.no_event), str(naive.no_event)),
    }
    for name, count in ours.right.items():
        rows[f"matched with the right {name}"] = (
            f"{count / ours.matched:.0%}" if ours.matched else "-", "-")
    for name, (mine, theirs) in rows.items():
        table.add_row(name, mine, theirs, TARGETS.get(name, ""))
    return table
