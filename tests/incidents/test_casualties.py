"""Casualty ranges across sources (property tests) and the conservative ACLED figure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harmwatch.incidents.casualties import combined, conservative_fatalities, describe, total_of
from harmwatch.model import Casualties, Range

ranges = st.builds(lambda a, b: Range(min=min(a, b), max=max(a, b)),
                   st.integers(0, 500), st.integers(0, 500))
claims = st.builds(Casualties, total=st.none() | ranges, civilians=st.none() | ranges,
                   children=st.none() | ranges, combatants=st.none() | ranges)


@given(st.lists(claims, min_size=1, max_size=6))
def test_combined_range_spans_every_source(sources):
    result = combined(sources)
    for name in ("civilians", "children", "combatants"):
        for source in sources:
            mine, theirs = getattr(source, name), getattr(result, name)
            if mine is not None:
                assert theirs.min <= mine.min and mine.max <= theirs.max
    totals = [t for t in map(total_of, sources) if t is not None]
    assert (result.total is None) == (not totals)


@given(st.lists(claims, min_size=1, max_size=6))
def test_fatalities_is_the_lowest_credible_total(sources):
    fatalities = conservative_fatalities(sources)
    totals = [t.min for t in map(total_of, sources) if t is not None]
    assert fatalities == (min(totals) if totals else 0)


def test_total_from_parts_where_a_source_gives_no_total():
    parts = Casualties(civilians=Range(min=3, max=5), combatants=Range(min=2, max=2))
    assert total_of(parts) == Range(min=5, max=7)
    assert describe(total_of(parts)) == "5-7"
    assert describe(Range(min=4, max=4)) == "4"
