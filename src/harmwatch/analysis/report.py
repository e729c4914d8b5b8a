"""The trends report: an HTML page with PNG charts and the detected shifts in sentences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from harmwatch.analysis.changepoints import Shift, sentences, shifts
from harmwatch.analysis.charts import dimension_chart, empty_signal, overview_chart
from harmwatch.analysis.series import CHARTED, DIMENSIONS, Period, Series, timeline
from harmwatch.data import data_path
from harmwatch.errors import UsageError
from harmwatch.store import IncidentFilters, IncidentRepository

TITLES = {"actor": "By attacker", "method": "By method", "target": "By target type"}
TEMPLATE = "report.html.j2"


@dataclass
class Section:
    dimension: str
    title: str
    chart: str
    sentences: list[str]
    rows: list[Series]


@dataclass
class Report:
    directory: Path
    html: Path
    charts: list[Path] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


def _counted(items: Iterable, advance) -> Iterator:
    for item in items:
        advance(1)
        yield item


def _shifts(rows: list[Series], advance) -> list[Shift]:
    found = []
    for series in rows:
        found += [s for measure in ("incidents", "civilian deaths")
                  for s in shifts(series, measure)]
        advance(1)
    return found


def _describe(filters: IncidentFilters) -> str:
    parts = [f"{name.replace('_', ' ')}: {value}" for name, value in vars(filters).items()
             if value not in (None, "") and name not in {"sort", "page", "per_page"}]
    return "; ".join(parts) or "all incidents"


@contextmanager
def _silent(description: str, total: int | None, unit: str = ""):
    yield lambda n=1: None


def write_report(repository: IncidentRepository, directory: Path, by: Period = "month",
                 filters: IncidentFilters | None = None, progress=_silent) -> Report:
    """Write index.html and its charts into `directory`; returns what was written.
    `progress(description, total, unit)` is a context manager yielding advance(n) (the
    CLI's progress bar)."""
    filters = filters or IncidentFilters()
    with progress("reading incidents", total=repository.count(filters),
                  unit="incidents") as advance:
        line = timeline(_counted(repository.all(filters), advance), by,
                        repository.actor_names())
    if not line.periods:
        raise UsageError("no dated incidents match; run `harmwatch incidents build` after "
                         "ingesting, or loosen the filters")
    directory.mkdir(parents=True, exist_ok=True)
    report = Report(directory, directory / "index.html")
    report.charts.append(overview_chart(line, directory / "overview.png"))
    sections, everything = [], []
    total = sum(len(line.series[d]) for d in DIMENSIONS)
    with progress("finding shifts", total=total, unit="series") as advance:
        found_by = {d: _shifts(line.series[d], advance) for d in DIMENSIONS}
    for dimension in DIMENSIONS:
        rows, found = line.series[dimension], found_by[dimension]
        everything += found
        if dimension not in CHARTED or empty_signal(rows):
            continue
        chart = dimension_chart(f"{TITLES[dimension]}: incidents and civilian deaths per {by}",
                                rows, found, directory / f"{dimension}.png", by)
        report.charts.append(chart)
        sections.append(Section(dimension, TITLES[dimension], chart.name, sentences(found, by),
                                rows[:10]))
    report.sentences = sentences(everything, by)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(data_path(".")), autoescape=True,
        undefined=jinja2.StrictUndefined)
    report.html.write_text(environment.get_template(TEMPLATE).render(
        timeline=line, sections=sections, headline=report.sentences, by=by,
        scope=_describe(filters), generated=datetime.now(UTC)), encoding="utf-8")
    return report
