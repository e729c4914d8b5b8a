"""A document cut into sentences, each with the mentions that start in it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from harmwatch.extract.casualties import CasualtyMention
from harmwatch.extract.lexicon import TargetHit, Trigger
from harmwatch.extract.spans import SpanIndex
from harmwatch.model import ActorMention, DateRef, PersonMention, Place, Quote


@dataclass
class Annotations:
    """Everything the components found in one document, offsets into its text."""

    doc_id: str
    text: str
    published: date | None
    sentences: list[tuple[int, int]]
    actors: list[ActorMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    indexes: dict[str, SpanIndex] | None = None

    def index(self, name: str) -> SpanIndex:
        if self.indexes is None:
            self.indexes = {key: SpanIndex(getattr(self, key))
                            for key in ("actors", "places", "dates", "people")}
        return self.indexes[name]


@dataclass
class Sentence:
    start: int
    end: int
    actors: list[ActorMention]
    places: list[Place]
    dates: list[DateRef]
    people: list[PersonMention]
    targets: list[TargetHit]
    casualties: list[CasualtyMention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)


def lines(sentences: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sentences cut at line breaks too: a title or paragraph never runs into the next."""
    cut = []
    for start, end in sentences:
        for line in re.finditer(r"[^\n]+", text[start:end]):
            if line.group().strip():
                cut.append((start + line.start(), start + line.end()))
    return cut


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def by_type(targets: list[TargetHit]) -> list[list[TargetHit]]:
    groups: dict[str, list[TargetHit]] = {}
    for target in targets:
        groups.setdefault(target.type, []).append(target)
    return list(groups.values())


def nearest(dates: list[DateRef], position: int) -> DateRef | None:
    return min(dates, key=lambda d: abs(d.span.start - position), default=None)


def is_country(place: Place) -> bool:
    return place.resolved and place.precision == 3 and place.admin1 is None


def event_dates(text: str, sentence: Sentence, since: re.Pattern) -> list[DateRef]:
    """The sentence's dates but those opening a period: "since the summer of 2012" dates
    no event."""
    return [d for d in sentence.dates
            if not since.search(text, max(sentence.start, d.span.start - 80), d.span.start)]
