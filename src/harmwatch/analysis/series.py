"""Incidents and civilian deaths per period, per actor, method and target type."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from harmwatch.model import Incident
from harmwatch.store.incidents import next_period, period_of

Period = Literal["month", "week"]
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


def _periods(first: date, last: date, by: Period) -> list[date]:
    periods, period = [], first
    while period <= last:
        periods.append(period)
        period = next_period(period, by)
    return periods


def timeline(incidents: Iterable[Incident], by: Period,
             actor_names: dict[str, str] | None = None) -> Timeline:
    """Counts per period (every period between the first and last, empty ones included);
    deaths are the conservative civilian counts (each incident's lowest reported)."""
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for incident in incidents:
        if incident.date_start is None:
            continue
        period = period_of(incident.date_start, by)
        deaths = incident.killed.civilians.min if incident.killed.civilians else 0
        keys = [("all", "all")] + [(d, c) for d in DIMENSIONS for c in categories(incident, d)]
        for key in keys:
            counts[(*key, period)][0] += 1
            counts[(*key, period)][1] += deaths
    dated = [key[2] for key in counts]
    periods = _periods(min(dated), max(dated), by) if dated else []

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
