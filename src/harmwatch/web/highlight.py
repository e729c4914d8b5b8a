"""A text cut into pieces by its marked spans, for a displaCy-like view of the evidence.

Spans may nest or overlap (a place inside a quote inside an event's sentence), so the text
is cut at every span boundary and each piece knows every mark that covers it. The template
escapes the text; nothing here produces markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from harmwatch.model import Event, ExtractionResult, Span

KINDS = ("event", "quote", "actor", "place", "date", "person", "target")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str


@dataclass
class Piece:
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    ends: list[Mark] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """The text in order, cut at every boundary of a mark that lies inside it."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    result = []
    for start, end in pairwise(cuts):
        covering = sorted((m for m in marks if m.start <= start and end <= m.end),
                          key=lambda m: m.end - m.start, reverse=True)
        result.append(Piece(text=text[start:end],
                            kinds=list(dict.fromkeys(m.kind for m in covering)),
                            labels=[f"{m.kind}: {m.label}" for m in covering],
                            ends=[m for m in covering if m.end == end]))
    return result


def _mark(span: Span, kind: str, label: str | None) -> Mark:
    return Mark(span.start, span.end, kind, label or kind)


def extraction_marks(extraction: ExtractionResult) -> list[Mark]:
    """Every mention an extraction found, by kind: its events' claims and the mentions."""
    marks = [mark for event in extraction.events for mark in event_marks(event)]
    marks += [_mark(q.span, "quote", q.speaker or q.outlet or "quote") for q in extraction.quotes]
    marks += [_mark(a.span, "actor", a.id) for a in extraction.actors]
    marks += [_mark(p.span, "place", p.name or p.text) for p in extraction.places]
    marks += [_mark(d.span, "date", f"{d.start}–{d.end}" if d.end != d.start else str(d.start))
              for d in extraction.dates]
    marks += [_mark(p.span, "person", p.name) for p in extraction.people]
    return list(dict.fromkeys(marks))


def event_marks(event: Event) -> list[Mark]:
    """What one event claims and where: its sentence, actors, place, date, targets, sources."""
    marks = [_mark(event.evidence.span, "event", event.method.replace("_", " "))]
    marks += [_mark(a.span, "actor", a.name) for a in (event.actor1, event.actor2) if a]
    if event.location:
        marks.append(_mark(event.location.span, "place", event.location.name))
    if event.date:
        marks.append(_mark(event.date.span, "date", str(event.date.start)))
    marks += [_mark(t.span, "target", t.type) for t in event.targets]
    marks += [_mark(p.span, "person", p.role) for p in event.people]
    marks += [_mark(s.quote_span, "quote", s.speaker or s.outlet or "source")
              for s in event.sources if s.quote_span]
    return marks


def window(text: str, span: Span, context: int = 400) -> tuple[int, int]:
    """The paragraph(s) around a span, at most `context` characters either side."""
    start = max(0, span.start - context)
    end = min(len(text), span.end + context)
    paragraph_start = text.rfind("\n", start, span.start)
    paragraph_end = text.find("\n", span.end, end)
    return (paragraph_start + 1 if paragraph_start >= 0 else start,
            paragraph_end if paragraph_end >= 0 else end)


def excerpt(text: str, marks: list[Mark], around: Span) -> tuple[list[Piece], bool, bool]:
    """The pieces of the window around a span; and whether text was cut before and after."""
    start, end = window(text, around)
    shifted = [Mark(max(m.start, start) - start, min(m.end, end) - start, m.kind, m.label)
               for m in marks if m.start < end and m.end > start]
    return pieces(text[start:end], shifted), start > 0, end < len(text)
