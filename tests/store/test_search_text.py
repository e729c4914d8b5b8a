"""Migration 0004 rewrites stored search texts, each word once: a search finds what it found."""

from __future__ import annotations

import importlib.util

from hypothesis import given
from hypothesis import strategies as st

from harmwatch.store.db import MIGRATIONS
from harmwatch.text.search import fold, fold_words


def _migration():
    path = MIGRATIONS / "versions" / "0004_compact_search_text.py"
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compact = _migration().compact
WORDS = st.sampled_from(["Khan", "Shaykhūn", "sheikhoun", "شَيْخُون", "إدلب", "market,", "a|b",
                         "target:market", "al-Bab", "\n", "\t", "Raqqa.", "12", ""])


def _old(text: str) -> str:
    """What migration 0003's code stored."""
    return f"{text.lower()} |{fold(text)}"


@given(st.lists(WORDS, max_size=12), st.lists(WORDS, max_size=6))
def test_every_query_word_matches_as_before(words, queries):
    text = " ".join([*words, "target:market"])
    old, new = _old(text), compact(_old(text))
    for query in " ".join(queries).lower().split():
        assert (query in old) == (query in new), query  # as typed: inside a word
        for folded in fold_words(query):  # folded: a whole word
            assert (f" {folded} " in old) == (f" {folded} " in new), folded
    assert "target:market" in new


def test_each_word_once():
    text = "Warplanes struck the market in Tabqa. Warplanes struck the market in Tabqa."
    assert compact(_old(text)).split().count("warplanes") == 1
