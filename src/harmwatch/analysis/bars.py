"""The timeline's bars: incidents per period over the span of the data, stacked by grade or
by attacker; an incident dated only to a month or year is spread over the periods it covers
and drawn apart (lighter), never piled on the first day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, get_args

from harmwatch.analysis.periods import Period, next_period, periods_between, span_of, spread
from harmwatch.model import Grade, Incident

Stack = Literal["grade", "actor"]
TOP_ACTORS = 6
OTHER = "other"


@dataclass
class Segment:
    key: str
    value: float
    imprecise: bool = False


@dataclass
class Bar:
    start: date
    end: date  # the period's last day
    segments: list[Segment] = field(default_factory=list)
    civilian_deaths: float = 0.0

    @property
    def total(self) -> float:
        return sum(segment.value for segment in self.segments)


@dataclass
class Bars:
    by: Period
    stack: Stack
    keys: list[str]  # bottom to top
    bars: list[Bar]
    outside: int  # dated incidents left off the axis as outliers
    undated: int

    @property
    def peak(self) -> float:
        return max((bar.total for bar in self.bars), default=0.0)


def _key_of(stack: Stack, top_actors: set[str]) -> Callable[[Incident], str]:
    if stack == "grade":
        return lambda incident: incident.grade
    return lambda incident: (incident.actor1 if incident.actor1 in top_actors else OTHER)


def _top_actors(incidents: list[Incident]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for incident in incidents:
        if incident.actor1:
            counts[incident.actor1] += 1
    return sorted(counts, key=lambda actor: (-counts[actor], actor))[:TOP_ACTORS]


def timeline_bars(incidents: Iterable[Incident], by: Period = "month",
                  stack: Stack = "grade") -> Bars:
    everything = list(incidents)
    dated = [i for i in everything if i.date_start is not None]
    span = span_of(i.date_start for i in dated)
    top = _top_actors(dated)
    keys = list(get_args(Grade)) if stack == "grade" else [*top, OTHER]
    key_of = _key_of(stack, set(top))
    values: dict[tuple[date, str, bool], float] = defaultdict(float)
    deaths: dict[date, float] = {}
    outside = 0
    for incident in dated:
        if span is None or not span[0] <= incident.date_start <= span[1]:
            outside += 1
            continue
        shares = spread(incident.date_start, incident.date_end, by)
        imprecise = len(shares) > 1
        civilians = incident.killed.civilians.min if incident.killed.civilians else 0
        for period, share in shares:
            values[(period, key_of(incident), imprecise)] += share
            deaths[period] = deaths.get(period, 0.0) + civilians * share
    # Up to the last period a spread incident reaches, beyond the last start date.
    periods = periods_between(span[0], max(deaths), by) if deaths else []
    bars = []
    for period in periods:
        bar = Bar(period, next_period(period, by) - timedelta(days=1),
                  civilian_deaths=deaths.get(period, 0.0))
        bar.segments = [Segment(key, values[(period, key, imprecise)], imprecise)
                        for key in keys for imprecise in (False, True)
                        if values.get((period, key, imprecise))]
        bars.append(bar)
    return Bars(by, stack, keys, bars, outside, len(everything) - len(dated))
