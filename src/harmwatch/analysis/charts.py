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


def _panel(axis, series: Series, shifts: list[Shift], by: str, width: float) -> None:
    """One category: incidents as bars, civilian deaths as a line on their own scale, and
    dotted lines where a shift was detected in it."""
    axis.bar(series.periods, series.incidents, width=width, color=PALETTE[0], align="edge")
    _style(axis, "")
    deaths = axis.twinx()
    deaths.plot(series.periods, series.deaths, color=PALETTE[1], linewidth=1.2)
    deaths.set_ylim(bottom=0, top=max(1.0, float(series.deaths.max())) * 1.1)
    deaths.spines[["top", "left"]].set_visible(False)
    deaths.tick_params(colors=PALETTE[1], labelsize=8)
    for shift in shifts:
        if shift.series is series:
            axis.axvline(shift.at, color=INK, linestyle=":", linewidth=1.2)
    axis.set_title(_short(series.label), fontsize=10, loc="left", color=INK)
    _span(axis, series.periods, by)


def dimension_chart(title: str, rows: list[Series], shifts: list[Shift], path: Path,
                    by: str = "month") -> Path:
    """Small multiples: one panel per category (the largest TOP, same time axis and same
    incident scale), so no series hides another; dotted lines mark detected shifts."""
    shown = rows[:TOP]
    columns = min(3, len(shown))
    lines = -(-len(shown) // columns)
    figure = Figure(figsize=(11, 2.6 * lines + 0.8), layout="constrained")
    axes = np.atleast_1d(figure.subplots(lines, columns, sharex=True, sharey=True)).ravel()
    width = 24 if by == "month" else 5.5 if by == "week" else 300
    for axis, series in zip(axes, shown, strict=False):
        _panel(axis, series, shifts, by, width)
    for axis in axes[len(shown):]:
        axis.set_visible(False)
    legend = [Line2D([], [], color=PALETTE[0], linewidth=6), Line2D([], [], color=PALETTE[1]),
              Line2D([], [], color=INK, linestyle=":")]
    figure.legend(legend, ["incidents (left scale)", "civilian deaths, lowest reported "
                           "(right scale)", "detected shift"], loc="outside lower center",
                  ncols=3, frameon=False, fontsize=9)
    others = f" ({len(rows) - TOP} smaller categories not drawn)" if len(rows) > TOP else ""
    figure.suptitle(title + others, x=0.01, ha="left", fontsize=13, color=INK,
                    fontweight="bold")
    return _save(figure, path)


def _short(label: str) -> str:
    text = label.removeprefix("incidents attributed to ").removeprefix("attacks on ")
    text = text.removesuffix(" targets")
    return text if len(text) <= 34 else text[:33] + "…"


def empty_signal(rows: list[Series]) -> bool:
    return not rows or not any(np.any(s.incidents) for s in rows)
