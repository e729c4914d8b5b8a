"""Calendar periods (week, month, year), the span the data really covers, and how an
incident dated only to a month or year is spread over the periods its dates cover."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from harmwatch.errors import UsageError

Period = Literal["week", "month", "year"]
PERIODS: tuple[Period, ...] = ("week", "month", "year")
# A date over two years beyond the middle 98% of the data (a report dated 1965 among
# 2015-2018 ones) is an outlier: left off the axis instead of stretching it.
TRIM_SHARE = 0.01
TRIM_FROM = 20  # fewer dates than this are all kept
OUTLIER_GAP = timedelta(days=730)


def period_of(day: date, by: Period) -> date:
    """The first day of the week (Monday), month or year a day falls in."""
    if by == "month":
        return day.replace(day=1)
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "year":
        return day.replace(month=1, day=1)
    raise UsageError(f"cannot group by {by!r}; use one of {', '.join(PERIODS)}")


def next_period(start: date, by: Period) -> date:
    if by == "week":
        return start + timedelta(days=7)
    if by == "year":
        return start.replace(year=start.year + 1)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def periods_between(first: date, last: date, by: Period) -> list[date]:
    """Every period from the one holding `first` to the one holding `last`."""
    found, period = [], period_of(first, by)
    while period <= last:
        found.append(period)
        period = next_period(period, by)
    return found


def span_of(days: Iterable[date]) -> tuple[date, date] | None:
    """The first and last day of the data, leaving out the rare outliers at either end."""
    ordered = sorted(days)
    if not ordered:
        return None
    cut = max(1, int(len(ordered) * TRIM_SHARE)) if len(ordered) >= TRIM_FROM else 0
    low, high = ordered[cut], ordered[-1 - cut]
    return (next(d for d in ordered if d >= low - OUTLIER_GAP),
            next(d for d in reversed(ordered) if d <= high + OUTLIER_GAP))


def spread(start: date, end: date | None, by: Period) -> list[tuple[date, float]]:
    """The periods a dated span covers, each with its share of one incident: an incident
    known only to its month counts a quarter in each week of it, never all in the first."""
    covered = periods_between(start, end or start, by) if end and end > start else [
        period_of(start, by)]
    return [(period, 1 / len(covered)) for period in covered]
