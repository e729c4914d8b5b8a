"""Confidence that means something: an event's confidence is the share of events found the
same way (see `consolidate.confidence_key`) whose actor and method were right, counted on
the write part of FA-KES (the subject of each article against its coded actor and cause).
`harmwatch train` fits it; `harmwatch eval fakes` shows the reliability on both parts."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from harmwatch.evaluation.fakes import FakesMapping, Row, subject
from harmwatch.extract import confidence_key
from harmwatch.model import Event, ExtractionResult

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 1.01)


def right_actor_and_method(event: Event | None, row: Row, mapping: FakesMapping) -> bool:
    if event is None:
        return False
    actor = mapping.actors.get(event.actor1.id, "unknown") if event.actor1 else "unknown"
    return actor == row.gold["actor"] and mapping.causes.get(event.method) == row.gold["cause"]


def fit(labelled: Iterable[tuple[str, bool]]) -> dict[str, float]:
    """Per key, the share right, smoothed towards one half (add one right, one wrong)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, right in labelled:
        counts[key][0] += right
        counts[key][1] += 1
    return {key: round((right + 1) / (n + 2), 3) for key, (right, n) in sorted(counts.items())}


def subject_labels(rows: list[Row], results: list[ExtractionResult]
                   ) -> list[tuple[str, float, bool]]:
    """(key, confidence, right) for each article's subject."""
    mapping = FakesMapping.load()
    labels = []
    for row, result in zip(rows, results, strict=True):
        event = subject(result)
        if event is not None:
            labels.append((confidence_key(event), event.confidence,
                           right_actor_and_method(event, row, mapping)))
    return labels


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    events: int
    right: int

    @property
    def rate(self) -> float | None:
        return self.right / self.events if self.events else None


def reliability(labels: list[tuple[str, float, bool]]) -> list[Bin]:
    """Per confidence bin, how many subjects fall in it and how many were right."""
    bins = []
    for low, high in pairwise(BINS):
        inside = [right for _, confidence, right in labels if low <= confidence < high]
        bins.append(Bin(low, min(high, 1.0), len(inside), sum(inside)))
    return bins


def write_model(rates: dict[str, float], path: Path, articles: int) -> None:
    path.write_text(json.dumps({
        "about": f"Confidence per way an event was found (extract/consolidate.py "
                 f"confidence_key): the smoothed share of FA-KES write-part subjects "
                 f"({articles} articles) with the right actor and method. "
                 f"Fitted by `harmwatch train`.",
        "rates": rates}, indent=1) + "\n", encoding="utf-8")
