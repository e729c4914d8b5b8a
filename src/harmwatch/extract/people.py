"""Named people: the model's PERSON entities and names listed after "targeting", "leader"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from harmwatch.extract.spans import SpanIndex
from harmwatch.model import Mention, PersonMention, Span

_WORD = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?"
_NAME = re.compile(rf"(?:(?:al|el|bin|ibn|abu|Abu|Al|bin)[- ])?{_WORD}"
                   rf"(?:\s+(?:(?:al|el|bin|ibn|abu|Abu|Al)[- ])?{_WORD}){{0,3}}")
# Where a list of named people begins: "targeting Junaid Hussein", "assassination of ...".
_CUE = re.compile(r"\b(?:targeting|targeted|target|assassination of|assassinated|killing of|"
                  r"killed|leaders?|commanders?|emirs?|officials?|named)\s+", re.IGNORECASE)
_NOT_NAMES = {"One", "The", "This", "That", "These", "Those", "He", "She", "They", "It", "We",
              "Of", "In", "On", "And", "But", "For", "Syrian", "Iraqi", "Kurdish", "Arab",
              "Islamic", "State", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
              "Saturday", "Sunday"}


def find_people(text: str, person_spans: Iterable[tuple[int, int]],
                taken: Sequence[Mention]) -> list[PersonMention]:
    """People named in the text, none overlapping `taken` (actors, places)."""
    spans = set(person_spans)
    for cue in _CUE.finditer(text):
        spans.update(_listed_names(text, cue.end()))
    people = []
    taken_index = SpanIndex(taken)
    for start, end in sorted(spans):
        start, end = _strip(text, start, end)
        if end <= start or taken_index.overlaps(start, end):
            continue
        if people and people[-1].span.end > start:
            continue
        people.append(PersonMention(name=text[start:end], span=Span.of(start, end)))
    return people


def _listed_names(text: str, position: int) -> list[tuple[int, int]]:
    """Names in a list that starts at `position`: "A B, who ..., C D and E F"."""
    found = []
    window_end = min(len(text), position + 250)
    for match in _NAME.finditer(text, position, window_end):
        gap = text[position:match.start()]
        if found and not re.fullmatch(r"(?:,[^.;]*?,?\s*|\s*(?:,\s*)?and\s+|,\s*)", gap):
            break
        if not found and gap.strip():
            break
        found.append(match.span())
        position = match.end()
    return found


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading and trailing words that are not part of a name ("... Hamidi One")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[-1].group() in _NOT_NAMES:
        words.pop()
    while words and words[0].group() in _NOT_NAMES:
        words.pop(0)
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()
