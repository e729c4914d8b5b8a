"""Clusterings compared: pairwise precision/recall/F1 and B-cubed (Bagga & Baldwin 1998).

Both take, for each item, the cluster it was put in and the cluster it belongs to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _members(clusters: Mapping[str, Hashable]) -> dict[Hashable, set[str]]:
    members: dict[Hashable, set[str]] = defaultdict(set)
    for item, cluster in clusters.items():
        members[cluster].add(item)
    return members


def pairs(clusters: Mapping[str, Hashable]) -> set[frozenset[str]]:
    return {frozenset(p) for same in _members(clusters).values()
            for p in combinations(sorted(same), 2)}


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PRF:
    """Of the pairs put together, the share that belong together; and the converse."""
    ours, theirs = pairs(predicted), pairs(gold)
    right = len(ours & theirs)
    return PRF(right / len(ours) if ours else 0.0, right / len(theirs) if theirs else 0.0)


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PRF:
    """Per item, the share of its predicted cluster that is its gold cluster, and the
    converse; averaged over items."""
    items = list(gold)
    if not items:
        return PRF(0.0, 0.0)
    ours, theirs = _members(predicted), _members(gold)
    precision = recall = 0.0
    for item in items:
        mine, true = ours[predicted[item]], theirs[gold[item]]
        shared = len(mine & true)
        precision += shared / len(mine)
        recall += shared / len(true)
    return PRF(precision / len(items), recall / len(items))
