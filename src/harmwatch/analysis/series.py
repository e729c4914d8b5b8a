"""Incidents and civilian deaths per period, per actor, method and target type."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from harmwatch.analysis.periods import Period, periods_between, span_of, spread
from harmwatch.model import Incident

Dimension = Literal["actor", "method", "target", "actor_target"]
# Charted breakdowns; "actor_target" (who struck what) only feeds the sentences.
CHARTED: tuple[Dimension, ...] = ("actor", "method", "target")
DIMENSIONS: tuple[Dimension, ...] = (*CHARTED, "actor_target")
METHOD_NOUNS = {
    "air_strike": "air strikes", "drone_strike": "drone strikes",
    "helicopter_barrel_bomb": "barrel bombings", "shelling": "shelling attacks",
    "missile": "missile attacks", "ied": "IED attacks", "car_bomb": "car bombings",
    "suicide_bombing": "suicide bombings", "landmine": "landmine blasts",
    "chemical": "chemical attacks", "gunfire": "shootings", "execution": "executions",
    "clashes": "clashes", "territory_change": "territory changes", "arrest": "arrests",
    "other": "other incidents",
}


@dataclass
class Series:
    dimension: Dimension
    category: str
    label: str
    periods: list[date]
    incidents: np.ndarray
    deaths: np.ndarray


@dataclass
class Timeline:
    by: Period
    periods: list[date]
    incidents: np.ndarray
    deaths: np.ndarray
    series: dict[Dimension, list[Series]]

    @property
    def total_incidents(self) -> int:
        return int(self.incidents.sum())

    @property
    def total_deaths(self) -> int:
        return int(self.deaths.sum())


def categories(incident: Incident, dimension: Dimension) -> list[str]:
    if dimension == "actor":
        return [incident.actor1 or "unattributed"]
    if dimension == "method":
        return [incident.method]
    if dimension == "target":
        return incident.targets or ["no target named"]
    return [f"{incident.actor1}|{target}" for target in incident.targets] if incident.actor1 \
        else []


def _target(category: str) -> str:
    return f"{category.replace('_', ' ')} targets"


def label(dimension: Dimension, category: str, actor_names: dict[str, str]) -> str:
    if dimension == "actor_target":
        actor, target = category.split("|", 1)
        return f"attacks by {actor_names.get(actor, actor)} on {_target(target)}"
    if dimension == "actor":
        if category == "unattributed":
            return "unattributed incidents"
        return f"incidents attributed to {actor_names.get(category, category)}"
    if dimension == "method":
        return METHOD_NOUNS.get(category, category.replace("_", " "))
    if category == "no target named":
        return "incidents with no target named"
    return f"attacks on {_target(category)}"


def timeline(incidents: Iterable[Incident], by: Period,
             actor_names: dict[str, str] | None = None) -> Timeline:
    """Counts per period over the span of the data (empty periods included, rare outlying
    dates left out); an incident dated to a month or year is spread over the periods it
    covers. Deaths are the conservative civilian counts (each incident's lowest reported)."""
    dated_incidents = [i for i in incidents if i.date_start is not None]
    span = span_of(i.date_start for i in dated_incidents)
    counts: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for incident in dated_incidents:
        if not span[0] <= incident.date_start <= span[1]:
            continue  # an outlier (a report dated 1965) would stretch every chart
        deaths = incident.killed.civilians.min if incident.killed.civilians else 0
        keys = [("all", "all")] + [(d, c) for d in DIMENSIONS for c in categories(incident, d)]
        for period, share in spread(incident.date_start, incident.date_end, by):
            for key in keys:
                counts[(*key, period)][0] += share
                counts[(*key, period)][1] += deaths * share
    # Up to the last period a spread incident reaches, beyond the last start date.
    periods = periods_between(span[0], max(key[2] for key in counts), by) if counts else []

    def arrays(dimension: str, category: str) -> tuple[np.ndarray, np.ndarray]:
        values = [counts.get((dimension, category, p), (0, 0)) for p in periods]
        return (np.array([v[0] for v in values], dtype=float),
                np.array([v[1] for v in values], dtype=float))

    series: dict[Dimension, list[Series]] = {}
    for dimension in DIMENSIONS:
        found = sorted({key[1] for key in counts if key[0] == dimension})
        rows = [Series(dimension, c, label(dimension, c, actor_names or {}), periods,
                       *arrays(dimension, c)) for c in found]
        series[dimension] = sorted(rows, key=lambda s: (-s.incidents.sum(), s.category))
    return Timeline(by, periods, *arrays("all", "all"), series)
