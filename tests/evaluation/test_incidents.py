"""Pairwise scoring of incident grouping (the FA-KES evaluation's arithmetic)."""

from __future__ import annotations

from datetime import date

from harmwatch.evaluation.fakes import Row
from harmwatch.evaluation.incidents import grouped_pairs, pair_score, sharing_pairs, true_pairs


def row(id_: str, day: int, governorate: str) -> Row:
    return Row(id=id_, text="", title="", published=date(2016, 3, day),
               gold={"governorate": governorate})


def test_truth_pairs_same_governorate_within_two_days():
    rows = [row("a", 1, "aleppo"), row("b", 3, "aleppo"), row("c", 4, "aleppo"),
            row("d", 1, "idlib")]
    assert true_pairs(rows) == {frozenset("ab"), frozenset("bc")}


def test_pair_score():
    truth = {frozenset("ab"), frozenset("bc")}
    predicted = grouped_pairs({"a": 1, "b": 1, "c": 2, "d": 1})
    assert predicted == {frozenset("ab"), frozenset("ad"), frozenset("bd")}
    score = pair_score(predicted, truth)
    assert (score.precision, score.recall) == (1 / 3, 1 / 2)
    assert abs(score.f1 - 0.4) < 1e-9
    assert sharing_pairs({"a": {"x", "y"}, "b": {"y"}, "c": set()}) == {frozenset("ab")}
