"""The grouping and grading rules, read from data/incidents.yaml (users can edit a copy)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from harmwatch.data import data_path, read_yaml
from harmwatch.errors import UsageError


@dataclass(frozen=True)
class Rules:
    max_distance_km: float
    max_day_gap: int
    max_merge_span_days: int
    near_duplicate_similarity: float
    method_families: dict[str, frozenset[str]]
    unspecific_methods: frozenset[str]
    unattributed_actors: frozenset[str]
    actor_groups: dict[str, frozenset[str]]
    ground_methods: frozenset[str]
    admission_phrases: tuple[str, ...]
    harm_words: frozenset[str]
    disagreement_ratio: float

    @classmethod
    def from_path(cls, path: Path) -> Rules:
        try:
            raw = read_yaml(path.read_text(encoding="utf-8"))
            grouping, grading = raw["grouping"], raw["grading"]
            return cls(
                max_distance_km=float(grouping["max_distance_km"]),
                max_day_gap=int(grouping["max_day_gap"]),
                max_merge_span_days=int(grouping["max_merge_span_days"]),
                near_duplicate_similarity=float(grouping["near_duplicate_similarity"]),
                method_families={k: frozenset(v) for k, v in raw["method_families"].items()},
                unspecific_methods=frozenset(raw["unspecific_methods"]),
                unattributed_actors=frozenset(raw["unattributed_actors"]),
                actor_groups={k: frozenset(v) for k, v in raw["actor_groups"].items()},
                ground_methods=frozenset(raw["ground_methods"]),
                admission_phrases=tuple(grading["admission_phrases"]),
                harm_words=frozenset(grading["harm_words"]),
                disagreement_ratio=float(grading["disagreement_ratio"]),
            )
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"{path}: not a valid incidents rules file ({exc}); compare it "
                             "with harmwatch/data/incidents.yaml") from exc

    @classmethod
    @cache
    def default(cls) -> Rules:
        return cls.from_path(data_path("incidents.yaml"))

    def methods_compatible(self, a: str, b: str) -> bool:
        if a == b or a in self.unspecific_methods or b in self.unspecific_methods:
            return True
        return any(a in family and b in family for family in self.method_families.values())

    def attributed(self, actor: str | None) -> bool:
        return actor is not None and actor not in self.unattributed_actors

    def actors_compatible(self, a: str | None, b: str | None) -> bool:
        """None contradicting: unnamed, the same, or members of one group."""
        if not (self.attributed(a) and self.attributed(b)) or a == b:
            return True
        return any(a in group and b in group for group in self.actor_groups.values())
