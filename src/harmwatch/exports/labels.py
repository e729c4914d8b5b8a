"""Readable names for codes: actors (actors.yaml), methods, precisions and fields
(labels.yaml). Unknown codes are shown as words, never as snake_case."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from harmwatch.data import data_path, read_yaml


def _yaml(name: str) -> dict:
    return read_yaml(data_path(name).read_text(encoding="utf-8"))


def _words(code: str) -> str:
    return code.replace("_", " ")


@dataclass(frozen=True)
class Labels:
    actors: dict[str, str]
    methods: dict[str, str]
    date_precisions: dict[str, str]
    geo_precisions: dict[int, str]
    fields: dict[str, str]
    groups: dict[str, str]
    range_ends: dict[str, str]

    @classmethod
    @cache
    def load(cls) -> Labels:
        words = _yaml("labels.yaml")
        return cls(actors={a["id"]: a["name"] for a in _yaml("actors.yaml")["actors"]},
                   methods=words["methods"], date_precisions=words["date_precisions"],
                   geo_precisions={int(k): v for k, v in words["geo_precisions"].items()},
                   fields=words["fields"], groups=words["groups"],
                   range_ends=words["range_ends"])

    def actor(self, actor_id: str | None) -> str:
        if not actor_id:
            return "unnamed"
        return self.actors.get(actor_id) or _words(actor_id)

    def method(self, method: str | None) -> str:
        return self.methods.get(method, _words(method)) if method else "—"

    def date_precision(self, precision: str | None) -> str:
        return self.date_precisions.get(precision, precision or "unknown")

    def geo_precision(self, precision: int | None) -> str:
        return self.geo_precisions.get(precision, "unknown") if precision else "unknown"

    def field(self, path: str) -> str:
        """'killed.children.max' -> 'killed: children, at most'."""
        if path in self.fields:
            return self.fields[path]
        head, _, rest = path.partition(".")
        if head in ("killed", "injured") and rest:
            group, _, end = rest.partition(".")
            words = [self.groups.get(group, _words(group)), self.range_ends.get(end, end)]
            return f"{self.fields[head]}: {', '.join(w for w in words if w)}"
        return _words(path)

    def actor_id(self, text: str) -> str | None:
        """The actor id a person means by an id or a name ('Islamic State', 'islamic state',
        'islamic_state'), or None."""
        wanted = text.strip().lower().replace("_", " ")
        for actor_id, name in self.actors.items():
            if wanted in (actor_id.replace("_", " "), name.lower()):
                return actor_id
        return None

    def method_code(self, text: str) -> str | None:
        """The method a person means ('airstrike', 'air strike', 'air_strike'), or None."""
        wanted = text.strip().lower().replace("_", "").replace(" ", "").replace("-", "")
        for code, name in self.methods.items():
            if wanted in (code.replace("_", ""), name.lower().replace(" ", "")):
                return code
        return None
