"""An audit entry's before and after as the fields that changed, for people to read."""

from __future__ import annotations

from typing import Any


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        found: dict[str, Any] = {}
        for key, child in value.items():
            found.update(_leaves(child, f"{path}.{key}" if path else str(key)))
        return found
    return {path: value}


def changed_fields(before: dict | None, after: dict | None) -> list[tuple[str, Any, Any]]:
    """(dotted field, old value, new value) for each leaf that differs, e.g.
    ('killed.civilians.min', 12, 9)."""
    old, new = _leaves(before or {}), _leaves(after or {})
    return [(path, old.get(path), new.get(path))
            for path in dict.fromkeys([*old, *new]) if old.get(path) != new.get(path)]
