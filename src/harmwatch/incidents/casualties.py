"""Casualty ranges across sources, and the conservative single figure ACLED codes."""

from __future__ import annotations

from collections.abc import Sequence

from harmwatch.model import Casualties, Range

CATEGORIES = ("civilians", "children", "women", "combatants")


def total_of(casualties: Casualties) -> Range | None:
    """A source's total: as stated, else civilians plus combatants where it gives those."""
    if casualties.total is not None:
        return casualties.total
    parts = [r for r in (casualties.civilians, casualties.combatants) if r is not None]
    if not parts:
        return None
    return Range(min=sum(r.min for r in parts), max=sum(r.max for r in parts))


def _span(ranges: Sequence[Range | None]) -> Range | None:
    present = [r for r in ranges if r is not None]
    if not present:
        return None
    return Range(min=min(r.min for r in present), max=max(r.max for r in present))


def combined(claims: Sequence[Casualties]) -> Casualties:
    """Each category from the lowest to the highest figure any source gives."""
    return Casualties(total=_span([total_of(c) for c in claims]),
                      **{name: _span([getattr(c, name) for c in claims]) for name in CATEGORIES})


def conservative_fatalities(killed_claims: Sequence[Casualties]) -> int:
    """The lowest credible total, as ACLED codes fatalities; 0 where no source gives deaths."""
    totals = [t.min for t in map(total_of, killed_claims) if t is not None]
    return min(totals) if totals else 0


def describe(r: Range | None) -> str:
    if r is None:
        return "?"
    return str(r.min) if r.min == r.max else f"{r.min}-{r.max}"


def differ_by_more_than(low: int, high: int, ratio: float) -> bool:
    """The lower figure is under `ratio` of the higher (for 0.5: they differ by over half)."""
    return high > 0 and low < ratio * high
