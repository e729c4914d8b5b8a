"""Words that are no place, resolved as places: counted over a file of source texts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harmwatch.errors import SourceError
from harmwatch.evaluation.split import part_of
from harmwatch.geo import Geoparser, never_place_names


@dataclass
class WordScore:
    """Texts of a sources file, and those where a never-place word resolved as a place."""

    texts: int = 0
    with_word: int = 0
    words: dict[str, int] = field(default_factory=dict)


def evaluate_place_words(path: Path, parser: Geoparser, part: str = "check",
                         advance: Callable[[int], None] = lambda n=1: None) -> WordScore:
    """Counts the texts (JSON lines with `id` and `text`) of `part` in which a word of
    data/geo/never_places.yaml ("جديدة", "مدينة", "Two", weekdays) resolved as a place."""
    never = {parser.rules.key(word) for word in never_place_names()} - {""}
    score = WordScore()
    for item in _json_lines(path):
        if part != "all" and part_of(str(item.get("id"))) != part:
            continue
        score.texts += 1
        found = [p.text for p in parser.find_places(item.get("text") or "")
                 if p.resolved and parser.rules.key(p.text) in never]
        score.with_word += bool(found)
        for word in found:
            score.words[word] = score.words.get(word, 0) + 1
        advance(1)
    return score


def _json_lines(path: Path) -> Iterator[dict]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise SourceError(f"{path}:{number}", f"not JSON ({exc})") from exc
    except OSError as exc:
        raise SourceError(str(path), f"cannot read ({exc})") from exc
