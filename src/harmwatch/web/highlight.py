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


def _organisations(extraction: ExtractionResult) -> set[str]:
    """Names that are organisations in this document: outlets and speakers of its quotes."""
    names = {q.outlet for q in extraction.quotes} | {q.speaker for q in extraction.quotes}
    names |= {s.outlet for e in extraction.events for s in e.sources}
    return {name.casefold() for name in names if name}


def _is_organisation(place, actor_spans: list[Span], organisations: set[str]) -> bool:
    """An unresolved 'place' that is an actor or a quoted outlet (SOHR) is no place."""
    if place.lat is not None:
        return False
    return (place.text.casefold() in organisations
            or any(a.start < place.span.end and place.span.start < a.end for a in actor_spans))


def quote_speakers(extraction: ExtractionResult) -> dict[tuple[int, int], str]:
    """Who said each quote, from the events that cite it where the quote itself has none."""
    found = {}
    for event in extraction.events:
        for source in event.sources:
            who = source.speaker or source.description or source.outlet
            if source.quote_span and who:
                found.setdefault((source.quote_span.start, source.quote_span.end), who)
    return found


def extraction_marks(extraction: ExtractionResult) -> list[Mark]:
    """Every mention an extraction found, by kind, one mark per span and kind (an event's
    actor and the document's actor mention are one label); organisations are never places."""
    speakers = quote_speakers(extraction)
    actor_spans = [a.span for a in extraction.actors]
    organisations = _organisations(extraction)
    marks = [mark for event in extraction.events for mark in event_marks(event)]
    marks += [_mark(q.span, "quote", q.speaker or speakers.get((q.span.start, q.span.end))
                    or q.outlet or "quote") for q in extraction.quotes]
    marks += [_mark(a.span, "actor", a.id) for a in extraction.actors]
    marks += [_mark(p.span, "place", p.name or p.text) for p in extraction.places
              if not _is_organisation(p, actor_spans, organisations)]
    marks += [_mark(d.span, "date", f"{d.start}–{d.end}" if d.end != d.start else str(d.start))
              for d in extraction.dates]
    marks += [_mark(p.span, "person", p.name) for p in extraction.people]
    marks = [m for m in marks if m.kind != "place" or not any(
        a.start < m.end and m.start < a.end for a in actor_spans)]
    unique: dict[tuple[int, int, str], Mark] = {}
    for mark in marks:
        unique.setdefault((mark.start, mark.end, mark.kind), mark)
    return list(unique.values())


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
