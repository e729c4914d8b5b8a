"""The report's PNG charts.

Figures are made with matplotlib's object API (no pyplot): PNGs are rendered by the Agg
canvas, so no display and no global state are involved.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from harmwatch.analysis.changepoints import Shift
from harmwatch.analysis.series import Series, Timeline

TOP = 6
PALETTE = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#6a4c93", "#66a182"]
OTHER_COLOUR = "#9a9a9a"
INK = "#222222"
DPI = 150


def _span(axis, periods: list, by: str) -> None:
    """Frame the periods with one period's margin each side (matplotlib would widen a single
    month to several years)."""
    step = timedelta(days=31 if by == "month" else 7)
    axis.set_xlim(periods[0] - step, periods[-1] + step)


def _style(axis, ylabel: str) -> None:
    axis.spines[["top", "right"]].set_visible(False)
    axis.spines[["left", "bottom"]].set_color("#888888")
    axis.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    axis.set_axisbelow(True)
    axis.set_ylabel(ylabel, color=INK)
    axis.tick_params(colors="#444444", labelsize=9)
    axis.set_ylim(bottom=0)
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    axis.xaxis.set_major_locator(locator)
    axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _save(figure: Figure, path: Path) -> Path:
    figure.savefig(path, dpi=DPI, facecolor="white")
    return path


def _width(timeline: Timeline) -> float:
    return 24 if timeline.by == "month" else 5.5


def overview_chart(timeline: Timeline, path: Path) -> Path:
    figure = Figure(figsize=(10, 6), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True)
    top.bar(timeline.periods, timeline.incidents, width=_width(timeline), color=PALETTE[0],
            align="edge")
    bottom.bar(timeline.periods, timeline.deaths, width=_width(timeline), color=PALETTE[1],
               align="edge")
    _style(top, "incidents")
    _style(bottom, "civilian deaths\n(lowest reported)")
    _span(bottom, timeline.periods, timeline.by)
    figure.suptitle(f"Incidents and civilian deaths per {timeline.by}", x=0.01,
                    ha="left", fontsize=13, color=INK, fontweight="bold")
    return _save(figure, path)


def _plot(axis, rows: list[Series], measure: str, shifts: list[Shift]) -> None:
    colours = {}
    for n, series in enumerate(rows[:TOP]):
        values = series.incidents if measure == "incidents" else series.deaths
        colours[series.category] = PALETTE[n % len(PALETTE)]
        axis.plot(series.periods, values, color=colours[series.category], linewidth=1.8,
                  label=series.label, marker="o" if len(series.periods) <= 24 else None,
                  markersize=3)
    rest = rows[TOP:]
    if rest:
        values = sum((s.incidents if measure == "incidents" else s.deaths) for s in rest)
        axis.plot(rows[0].periods, values, color=OTHER_COLOUR, linewidth=1.2, linestyle="--",
                  label=f"{len(rest)} others")
    marked: dict = {}
    for shift in shifts:
        if shift.measure == measure and shift.series.category in colours:
            colour = colours[shift.series.category]
            axis.axvline(shift.at, color=colour, linestyle=":", linewidth=1.4, alpha=0.9)
            # Markers of shifts in the same period stand side by side, not on top of each other.
            offset = 9 * marked.setdefault(shift.at, 0)
            marked[shift.at] += 1
            axis.annotate("▲" if shift.rose else "▼", (shift.at, 1.0),
                          xycoords=("data", "axes fraction"), xytext=(offset, 0),
                          textcoords="offset points", color=colour, ha="center", va="top",
                          fontsize=9, annotation_clip=False)


def dimension_chart(title: str, rows: list[Series], shifts: list[Shift], path: Path,
                    by: str = "month") -> Path:
    """Incidents (top) and civilian deaths (bottom) over time, one line per category, the
    six largest in colour; dotted lines mark detected shifts."""
    figure = Figure(figsize=(11, 6.5), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True)
    _plot(top, rows, "incidents", shifts)
    _plot(bottom, rows, "civilian deaths", shifts)
    _style(top, "incidents")
    _style(bottom, "civilian deaths\n(lowest reported)")
    _span(bottom, rows[0].periods, by)
    for axis in (top, bottom):
        axis.set_ylim(top=max(1.0, axis.get_ylim()[1]) * 1.08)
    handles, labels = top.get_legend_handles_labels()
    if shifts:
        handles.append(Line2D([], [], color="#555555", linestyle=":", linewidth=1.4))
        labels.append("detected shift (▲ rise, ▼ fall)")
    figure.legend(handles, [_short(label) for label in labels], loc="outside right upper",
                  frameon=False, fontsize=9)
    figure.suptitle(title, x=0.01, ha="left", fontsize=13, color=INK, fontweight="bold")
    return _save(figure, path)


def _short(label: str) -> str:
    text = label.removeprefix("incidents attributed to ").removeprefix("attacks on ")
    text = text.removesuffix(" targets")
    return text if len(text) <= 34 else text[:33] + "…"


def empty_signal(rows: list[Series]) -> bool:
    return not rows or not any(np.any(s.incidents) for s in rows)
