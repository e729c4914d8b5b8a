"""Sorted spans, searched in logarithmic time: long reports must not go quadratic."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


def _mention_span(item) -> tuple[int, int]:
    return item.span.start, item.span.end


class SpanIndex(Generic[T]):
    """Items with [start, end) spans: those starting in a range, and overlap tests."""

    def __init__(self, items: Iterable[T],
                 span: Callable[[T], tuple[int, int]] = _mention_span):
        self.items = sorted(items, key=lambda item: span(item)[0])
        self._spans = [span(item) for item in self.items]
        self._starts = [start for start, _ in self._spans]
        self._longest = max((end - start for start, end in self._spans), default=0)

    def starting_in(self, start: int, end: int) -> list[T]:
        return self.items[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def overlaps(self, start: int, end: int) -> bool:
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return any(s < end and start < e for s, e in self._spans[first:last])
