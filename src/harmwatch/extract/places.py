"""Where places come from: the PlaceFinder protocol, and the fallback that resolves nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from harmwatch.model import Place, Span


class PlaceFinder(Protocol):
    def find_places(self, text: str, candidates: Sequence[tuple[int, int]] = ()) -> list[Place]:
        """Every place mention in `text`; `candidates` are spans the NER model thinks are
        places, to be confirmed or dropped."""
        ...


class UnresolvedPlaces:
    """Keeps the model's place candidates as unresolved places (no gazetteer installed)."""

    def find_places(self, text: str, candidates: Sequence[tuple[int, int]] = ()) -> list[Place]:
        return [Place(text=text[start:end], span=Span.of(start, end), name=text[start:end])
                for start, end in candidates]
