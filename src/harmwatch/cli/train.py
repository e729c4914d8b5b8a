"""`harmwatch train`: fit what extraction learns from the write part of FA-KES."""

from pathlib import Path
from typing import Annotated

import typer

from harmwatch.cli.base import app, out
from harmwatch.cli.progress import progress_bar
from harmwatch.data import data_path
from harmwatch.evaluation import calibration, fakes
from harmwatch.evaluation.parts import split_items
from harmwatch.model import Document
from harmwatch.pipeline import load_extractor


@app.command("train")
def train(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES CSV.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write the fitted confidence table (default: the "
                               "one harmwatch ships, data/models/confidence.json).")] = None,
) -> None:
    """Fit each event's confidence on the write part of FA-KES: per way an event was found,
    the share of subjects with the right actor and method. Deterministic (no sampling), so
    the same data gives the same file; check it with `harmwatch eval fakes --part check`.

    Example: harmwatch train ../shared/eval/fakes-dev.csv
    """
    rows = split_items(fakes.read_rows(csv_path), lambda row: row.id, "write")["write"]
    extractor = load_extractor()
    documents = [Document(id=r.id, text=r.text, title=r.title, published=r.published)
                 for r in rows]
    with progress_bar("extracting the write part", total=len(rows)) as advance:
        results = []
        for result in extractor.pipe(documents):
            results.append(result)
            advance(1)
    labels = calibration.subject_labels(rows, results)
    rates = calibration.fit((key, right) for key, _, right in labels)
    target = output or data_path("models") / "confidence.json"
    calibration.write_model(rates, target, len(rows))
    out.print(f"{len(rates)} confidence rates from {len(rows)} write-part articles -> {target}")
