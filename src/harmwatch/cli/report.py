"""`harmwatch report`: the trends report (HTML page and PNG charts)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from harmwatch import analysis
from harmwatch.cli.base import DbOption, app, out
from harmwatch.cli.incident_filters import with_incident_filters
from harmwatch.cli.listing import open_existing
from harmwatch.cli.progress import progress_bar
from harmwatch.store import IncidentFilters, IncidentRepository


@app.command("report")
@with_incident_filters()
def report_command(
    filters: IncidentFilters,
    by: Annotated[Literal["month", "week"], typer.Option(
        "--by", help="Count per month or per week.")] = "month",
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Directory for index.html and the charts.")] = Path("report"),
    db: DbOption = None,
) -> None:
    """Write the trends report: incidents and civilian deaths over time per attacker, method
    and target type, with the shifts in them found by change-point detection, in sentences.

    Example: harmwatch report --by month -o report/ --admin1 Raqqa
    """
    report = analysis.write_report(IncidentRepository(open_existing(db)), output, by, filters,
                          progress=progress_bar)
    for sentence in report.sentences:
        out.print(f"- {sentence}")
    out.print(f"wrote {report.html} and {len(report.charts)} chart(s)")
