"""Named people: the model's PERSON entities and names listed after "targeting", "leader"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from harmwatch.extract.packs import Pack, fill
from harmwatch.extract.spans import SpanIndex
from harmwatch.model import Mention, PersonMention, Span


class PeopleReader:
    """One language's personal names and the cues that list them (people.yaml)."""

    def __init__(self, vocabulary: dict):
        self._name = re.compile(fill(vocabulary.get("name") or r"(?!)",
                                     word=vocabulary.get("word", "")))
        self._cue = re.compile(vocabulary.get("cue") or r"(?!)", re.IGNORECASE)
        self._gap = re.compile(vocabulary.get("list_gap") or r"(?!)")
        self._not_names = set(vocabulary.get("not_names", []))

    @classmethod
    def of(cls, pack: Pack) -> PeopleReader:
        return _reader(pack.directory)

    def find(self, text: str, person_spans: Iterable[tuple[int, int]],
             taken: Sequence[Mention]) -> list[PersonMention]:
        """People named in the text, none overlapping `taken` (actors, places)."""
        spans = set(person_spans)
        for cue in self._cue.finditer(text):
            spans.update(self._listed_names(text, cue.end()))
        people = []
        taken_index = SpanIndex(taken)
        for start, end in sorted(spans):
            start, end = self._strip(text, start, end)
            if end <= start or taken_index.overlaps(start, end):
                continue
            if people and people[-1].span.end > start:
                continue
            people.append(PersonMention(name=text[start:end], span=Span.of(start, end)))
        return people

    def _listed_names(self, text: str, position: int) -> list[tuple[int, int]]:
        """Names in a list that starts at `position`: "A B, who ..., C D and E F"."""
        found = []
        window_end = min(len(text), position + 250)
        for match in self._name.finditer(text, position, window_end):
            gap = text[position:match.start()]
            if found and not self._gap.fullmatch(gap):
                break
            if not found and gap.strip():
                break
            found.append(match.span())
            position = match.end()
        return found

    def _strip(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Drop leading and trailing words that are not part of a name ("... Hamidi One")."""
        words = list(re.finditer(r"\S+", text[start:end]))
        while words and words[-1].group() in self._not_names:
            words.pop()
        while words and words[0].group() in self._not_names:
            words.pop(0)
        if not words:
            return start, start
        return start + words[0].start(), start + words[-1].end()


@cache
def _reader(directory) -> PeopleReader:
    return PeopleReader(Pack.load(directory).data("people"))
