"""Likely duplicates of an incident, for a person to merge: close in date and place, a
method that fits, figures that agree, each with the reasons it was suggested."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from harmwatch.geo import distance_km
from harmwatch.incidents.casualties import total_of
from harmwatch.incidents.rules import Rules
from harmwatch.model import Incident

SUGGEST_DAYS = 3
SUGGEST_KM = 30.0


@dataclass(frozen=True)
class Suggestion:
    incident: Incident
    score: float
    reasons: list[str]


def search_window(incident: Incident) -> tuple:
    """The dates a duplicate's start may fall in (what to ask the store for)."""
    if incident.date_start is None:
        return None, None
    end = incident.date_end or incident.date_start
    return (incident.date_start - timedelta(days=SUGGEST_DAYS),
            end + timedelta(days=SUGGEST_DAYS))


def _place(a: Incident, b: Incident) -> tuple[float, str] | None:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return None
    if None not in (la.lat, la.lon, lb.lat, lb.lon):
        km = distance_km(la.lat, la.lon, lb.lat, lb.lon)
        return (1 - km / SUGGEST_KM, f"{km:.0f} km apart") if km <= SUGGEST_KM else None
    if la.admin1 and la.admin1 == lb.admin1:
        return 0.3, f"both in {la.admin1}"
    return None


def _figures(a: Incident, b: Incident) -> tuple[float, str] | None:
    ta, tb = total_of(a.killed), total_of(b.killed)
    if ta is None or tb is None:
        return None
    if ta.min <= tb.max and tb.min <= ta.max:
        return 1.0, f"killed figures agree ({ta.min}-{ta.max} and {tb.min}-{tb.max})"
    return 0.0, None


def likely_duplicates(incident: Incident, others: Iterable[Incident], rules: Rules,
                      limit: int = 5) -> list[Suggestion]:
    found = []
    for other in others:
        if other.id == incident.id or not rules.methods_compatible(incident.method,
                                                                   other.method):
            continue
        place = _place(incident, other)
        if place is None or incident.date_start is None or other.date_start is None:
            continue
        days = abs((other.date_start - incident.date_start).days)
        reasons = [f"{days} day(s) apart", place[1]]
        score = (1 - days / (SUGGEST_DAYS + 1)) + place[0]
        if other.method == incident.method:
            score += 0.5
            reasons.append(f"both {incident.method.replace('_', ' ')}")
        figures = _figures(incident, other)
        if figures is not None:
            score += figures[0]
            reasons += [figures[1]] if figures[1] else []
        found.append(Suggestion(other, score, reasons))
    return sorted(found, key=lambda s: (-s.score, s.incident.id))[:limit]
