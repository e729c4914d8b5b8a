"""The fixed write/check split and the clustering scores every eval reports."""

import pytest

from harmwatch.errors import UsageError
from harmwatch.evaluation.grouping import bcubed, pairwise
from harmwatch.evaluation.parts import parts_asked, split_items
from harmwatch.evaluation.split import part_of


def test_split_is_fixed_and_about_a_third_is_check():
    keys = [str(n) for n in range(3000)]
    checks = sum(part_of(k) == "check" for k in keys)
    assert 900 < checks < 1100
    assert [part_of(k) for k in keys[:50]] == [part_of(k) for k in keys[:50]]
    assert part_of("1923102849") == "check"  # an id of the annotated check articles


def test_split_items_keeps_order_and_asked_parts():
    items = [str(n) for n in range(30)]
    both = split_items(items, str)
    assert sorted(both["write"] + both["check"], key=int) == items
    assert both["check"] == [i for i in items if part_of(i) == "check"]
    assert list(split_items(items, str, "check")) == ["check"]
    with pytest.raises(UsageError, match="--part 'dev'"):
        parts_asked("dev")


def test_pairwise_and_bcubed():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert pairwise(gold, gold).f1 == 1.0
    apart = {k: k for k in gold}
    assert pairwise(apart, gold).recall == 0.0
    assert bcubed(apart, gold).precision == 1.0 and bcubed(apart, gold).recall == 0.5
    lumped = dict.fromkeys(gold, 0)
    assert pairwise(lumped, gold).precision == pytest.approx(2 / 6)
    assert bcubed(lumped, gold).recall == 1.0
