"""Long documents in windows, and spans mapped back into the original text.

A document is processed in windows of whole paragraphs, each with a little of the text
before it as context, so memory depends on the window, not on the document; what a
window finds is kept only where it starts in the window's own part (its core), and its
spans are shifted back into the document. Texts past the sources' MAX_CHARACTERS are
refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from harmwatch.errors import HarmwatchError
from harmwatch.model import Event, ExtractionResult, Mention, PersonMention, PersonRef, Span
from harmwatch.sources import too_long

WINDOW = 50_000  # characters; every report in the eval sets (FA-KES, re3d, Airwars) fits in one
CONTEXT = 2_000  # characters of the text before a window, read for its context only
FINDINGS = ("events", "places", "actors", "people", "quotes", "dates")  # a result's lists


class TextTooLong(HarmwatchError):
    """A document longer than extraction accepts."""


@dataclass(frozen=True)
class Window:
    start: int  # where the window's text begins (context included)
    core: int  # where its own part begins
    end: int


def windows(text: str) -> list[Window]:
    """Windows cut after a line break (else a space) near WINDOW characters."""
    size, context = WINDOW, CONTEXT
    if reason := too_long(text):
        raise TextTooLong(reason)
    cut, core = [], 0
    while core < len(text):
        end = min(len(text), core + size)
        if end < len(text):
            floor = core + size // 2
            end = (text.rfind("\n", floor, end) + 1) or (text.rfind(" ", floor, end) + 1) or end
        start = max(0, core - context)
        if start:
            start = (text.find("\n", start, core) + 1) or start
        cut.append(Window(start, core, end))
        core = end
    return cut


Convert = Callable[[int, int], tuple[int, int]]


def shift(offset: int) -> Convert:
    return lambda start, end: (start + offset, end + offset)


def remap(item, convert: Convert, text: str, seen: set[int] | None = None):
    """`item` (a result model, or a list of them) with every span converted and every
    quoted text re-read from `text`, in place; a model shared by several parents (an event's
    date is also in the result's dates) is converted once."""
    seen = set() if seen is None else seen
    if isinstance(item, list):
        for element in item:
            remap(element, convert, text, seen)
        return item
    if not isinstance(item, BaseModel) or id(item) in seen:
        return item
    seen.add(id(item))
    for name in type(item).model_fields:
        value = getattr(item, name)
        if isinstance(value, Span):
            setattr(item, name, Span.of(*convert(value.start, value.end)))
        elif isinstance(value, BaseModel | list):
            remap(value, convert, text, seen)
    if isinstance(item, Mention):
        item.text = item.span.slice(text)
    elif isinstance(item, PersonMention | PersonRef):
        item.name = item.span.slice(text)
    return item


def in_core(window: Window, item) -> bool:
    """Whether an item found in the window (offsets into the document) is the window's own."""
    span = item.evidence.span if isinstance(item, Event) else item.span
    return window.core <= span.start < window.end


def joined(parts: Iterator[ExtractionResult], document_id: str) -> ExtractionResult:
    """One result from the windows' results (already in document offsets), events
    renumbered in order."""
    parts = list(parts)
    result = parts[0].model_copy()
    for field in FINDINGS:
        setattr(result, field, [item for part in parts for item in getattr(part, field)])
    for number, event in enumerate(result.events, start=1):
        event.id = f"{document_id}:e{number}"
    return result
