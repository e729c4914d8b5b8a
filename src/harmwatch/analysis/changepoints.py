"""Where a series shifts (ruptures' PELT), and each shift stated in a sentence."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from harmwatch.analysis.series import Period, Series

MIN_PERIODS = 6
MIN_SEGMENT = 2
# A shift worth a sentence: the level changes by at least half and by at least this much.
MIN_RELATIVE_CHANGE = 0.5
MIN_ABSOLUTE_CHANGE = {"incidents": 2.0, "civilian deaths": 5.0}
PENALTY_FACTOR = 3.0
SPECIFICITY = {"actor_target": 0, "method": 1, "target": 2, "actor": 3}


@dataclass(frozen=True)
class Shift:
    series: Series
    measure: str  # "incidents" or "civilian deaths"
    before: float
    after: float
    before_span: tuple[date, date]
    after_span: tuple[date, date]

    @property
    def at(self) -> date:
        return self.after_span[0]

    @property
    def rose(self) -> bool:
        return self.after > self.before

    @property
    def size(self) -> float:
        return abs(self.after - self.before)


def breakpoints(signal: np.ndarray) -> list[int]:
    """Indices where a new segment starts, by PELT on a least-squares cost with a BIC-like
    penalty scaled to the noise (counts vary at least as much as a Poisson variable)."""
    n = len(signal)
    if n < MIN_PERIODS or not signal.any():
        return []
    noise = np.median(np.abs(np.diff(signal))) / 0.6745 / math.sqrt(2)
    variance = max(noise ** 2, float(np.mean(signal)), 1.0)
    import ruptures  # only a report needs it, and it imports scipy

    algorithm = ruptures.Pelt(model="l2", min_size=MIN_SEGMENT, jump=1).fit(signal.reshape(-1, 1))
    ends = algorithm.predict(pen=PENALTY_FACTOR * math.log(n) * variance)
    return ends[:-1]


def shifts(series: Series, measure: str) -> list[Shift]:
    signal = series.incidents if measure == "incidents" else series.deaths
    bounds = [0, *breakpoints(signal), len(signal)]
    found = []
    for start, cut, end in zip(bounds, bounds[1:], bounds[2:], strict=False):
        before, after = float(signal[start:cut].mean()), float(signal[cut:end].mean())
        change = abs(after - before)
        if (change >= MIN_ABSOLUTE_CHANGE[measure]
                and change >= MIN_RELATIVE_CHANGE * max(before, after)):
            periods = series.periods
            found.append(Shift(series, measure, before, after, (periods[start], periods[cut - 1]),
                               (periods[cut], periods[end - 1])))
    return found


def _amount(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _period(day: date, by: Period) -> str:
    return f"{day:%b %Y}" if by == "month" else f"the week of {day.day} {day:%b %Y}"


def _span(span: tuple[date, date], by: Period) -> str:
    first, last = span
    if first == last:
        return f"in {_period(first, by)}"
    if by == "month":
        if first.year == last.year:
            return f"in {first:%b}–{last:%b %Y}"
        return f"in {first:%b %Y}–{last:%b %Y}"
    return f"between {_period(first, by)} and {_period(last, by)}"


def _clause(shift: Shift, by: Period) -> str:
    subject = (shift.series.label if shift.measure == "incidents"
               else f"civilian deaths in {shift.series.label}")
    verb = "rose" if shift.rose else "fell"
    unit = "month" if by == "month" else "week"
    return (f"{subject} {verb} from {_amount(shift.before)} a {unit} "
            f"{_span(shift.before_span, by)} to {_amount(shift.after)} a {unit} "
            f"{_span(shift.after_span, by)}")


def sentences(found: list[Shift], by: Period, limit: int = 12) -> list[str]:
    """The biggest shifts, each in its own sentence with its own figures (two series are
    never joined: their changes need not be related)."""
    # Biggest first; among equal shifts, the most specific breakdown (who struck what).
    ordered = sorted(found, key=lambda s: (-s.size, SPECIFICITY.get(s.series.dimension, 9)))
    told: set[tuple] = set()
    lines = []
    for shift in ordered:
        # One change seen through several breakdowns (all air strikes were the coalition's on
        # oil facilities) is told once.
        same = (shift.measure, shift.at, round(shift.before, 1), round(shift.after, 1))
        if same in told:
            continue
        told.add(same)
        text = _clause(shift, by)
        lines.append(text[0].upper() + text[1:] + ".")
        if len(lines) == limit:
            break
    return lines
