"""Scores kept per part of the fixed split (`split.part_of`): `write`, where rules may be
learned, and `check`, only measured. `--part all` reports both side by side."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from harmwatch.errors import UsageError
from harmwatch.evaluation.split import part_of

PARTS = ("write", "check")
T = TypeVar("T")


def parts_asked(part: str) -> tuple[str, ...]:
    """The parts a `--part` value names: one of them, or both for 'all'."""
    if part == "all":
        return PARTS
    if part not in PARTS:
        raise UsageError(f"--part {part!r} is not one of write, check, all")
    return (part,)


def split_items(items: Iterable[T], key: Callable[[T], str], part: str = "all"
                ) -> dict[str, list[T]]:
    """The items of each asked part, in their order, by the split of their key."""
    asked = parts_asked(part)
    parts: dict[str, list[T]] = {name: [] for name in asked}
    for item in items:
        name = part_of(key(item))
        if name in parts:
            parts[name].append(item)
    return parts
