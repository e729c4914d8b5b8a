"""Events from a report's annotations: who did what to whom, where, when, and who says so.

Sentence by sentence: each trigger ("air strikes", "took control of") opens an event that
runs to the next trigger. Its attacker is found by attribution.py, what the paragraph
already said by memory.py; targets of different kinds make separate events; casualties
go to the sentence's first event only (tolls.py), so no figure is counted twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from harmwatch.extract.actors import ActorDictionary
from harmwatch.extract.attribution import Attribution
from harmwatch.extract.casualties import CasualtyReader
from harmwatch.extract.dates import DateReader
from harmwatch.extract.lexicon import EventLexicon, TargetHit, TargetLexicon, Trigger
from harmwatch.extract.memory import Memory, Paragraph
from harmwatch.extract.sentences import (
    Annotations,
    Sentence,
    by_type,
    is_country,
    nearest,
    trim,
)
from harmwatch.extract.tolls import add_casualties
from harmwatch.model import (
    Event,
    Location,
    Mention,
    PersonMention,
    PersonRef,
    Place,
    Quote,
    SourceRef,
    Span,
    Target,
)


class EventBuilder:
    def __init__(self, actors: ActorDictionary, events: EventLexicon, targets: TargetLexicon,
                 casualties: CasualtyReader, dates: DateReader):
        self.actor_dictionary = actors
        self.lexicon = events
        self.target_lexicon = targets
        self.casualties = casualties
        self.attribution = Attribution(actors, events)
        self.memory = Memory(events, self.attribution, dates)

    def build(self, notes: Annotations) -> list[Event]:
        events: list[Event] = []
        paragraph = Paragraph()
        previous_start, previous_end = 0, None
        previous_built: list[Event] = []
        breaks = [m.start() for m in re.finditer(r"\n", notes.text)]
        for start, end in notes.sentences:
            index = bisect_left(breaks, start)
            if index != paragraph.index:
                paragraph = Paragraph(index=index, news=paragraph.news)
            sentence = self._sentence(notes, start, end)
            if events:  # an attack already coded: the explosions heard are its sound
                sentence.triggers = [t for t in sentence.triggers
                                     if not self.lexicon.heard(notes.text, start, end, t)]
            built = self._sentence_events(notes, sentence, sentence.triggers, paragraph,
                                          len(events))
            if not built:
                self._attribute(notes.text, sentence, previous_built, paragraph)
            previous_built = built
            if self.casualties.is_cumulative(notes.text, start, end):
                pass  # a war-wide toll belongs to no single event
            elif built:
                add_casualties(self.casualties, notes.text, sentence, built[0])
            elif events and previous_end is not None and \
                    events[-1].evidence.span.start >= previous_start and \
                    paragraph.index == bisect_left(breaks, events[-1].evidence.span.start):
                add_casualties(self.casualties, notes.text, sentence, events[-1])
            previous_start, previous_end = start, end
            self.memory.name_weapon(paragraph, sentence)
            events.extend(built)
            paragraph.news = paragraph.news or next((e.date for e in built if e.date), None)
            paragraph.unarmed += [e for e in built if e.method == "other"
                                  and e.sub_event_type == "Other"]
            self.memory.remember(notes.text, sentence, paragraph, built)
        return events

    def _attribute(self, text: str, sentence: Sentence, previous: list[Event],
                   paragraph: Paragraph) -> None:
        actor = self.attribution.next_sentence(text, sentence, previous)
        if actor is None:
            return
        for event in previous:
            event.actor1 = event.actor1 or self.actor_dictionary.ref(actor)
        paragraph.actor = actor

    def _sentence(self, notes: Annotations, start: int, end: int) -> Sentence:
        actors = notes.index("actors").starting_in(start, end)
        targets = self.target_lexicon.find(notes.text, start, end)
        places = [p for p in notes.index("places").starting_in(start, end) if not any(
            o.start < p.span.end and p.span.start < o.end
            for o in [*(a.span for a in actors), *targets])]
        return Sentence(start, end, actors, places, notes.index("dates").starting_in(start, end),
                        notes.index("people").starting_in(start, end),
                        targets, self.casualties.find(notes.text, start, end),
                        self.lexicon.triggers(notes.text, start, end))

    def _sentence_events(self, notes: Annotations, sentence: Sentence,
                         triggers: Sequence[Trigger], paragraph: Paragraph,
                         numbered: int) -> list[Event]:
        events: list[Event] = []
        for i, trigger in enumerate(triggers):
            stop = triggers[i + 1].start if i + 1 < len(triggers) else sentence.end
            # The first trigger also owns what comes before it: "a hospital was bombed".
            begin = sentence.start if i == 0 else trigger.end
            targets = [t for t in sentence.targets if begin <= t.start < stop
                       and not (t.start < trigger.end and trigger.start < t.end)]
            people = self._person_targets(notes.text, trigger, stop, sentence)
            if not targets and not people and i + 1 < len(triggers) \
                    and trigger.method == triggers[i + 1].method:
                continue  # "the strikes ... targeting X": one event, not two
            if not targets and not people and events and trigger.acled is None and \
                    trigger.method in (None, events[-1].method):
                continue  # "targeting IS positions with air strikes": still one event
            for group in by_type(targets) or [[]]:
                events.append(self._event(notes, sentence, trigger, stop, group, people,
                                          paragraph, numbered + len(events) + 1))
        return events

    def _event(self, notes: Annotations, sentence: Sentence, trigger: Trigger, stop: int,
               targets: list[TargetHit], people: list[PersonMention], paragraph: Paragraph,
               number: int) -> Event:
        text = notes.text
        actor1, actor2, method = self.attribution.who_and_how(
            text, sentence, trigger, stop, paragraph.actor, paragraph.method)
        civilian = any(t.civilian for t in targets) or (
            actor2 is not None and self.actor_dictionary.is_civilian(actor2))
        event_type, sub_event_type = self.attribution.acled(trigger, method, actor1, civilian)
        when = nearest(self.memory.event_dates(text, sentence), trigger.start) or \
            self.memory.story_date(notes, sentence, paragraph) or paragraph.date
        anchor = targets[0].start if targets else trigger.end
        place = _place(sentence, anchor, stop) or paragraph.place
        evidence_start, evidence_end = trim(text, sentence.start, sentence.end)
        target_refs = [Target(type=t.type, text=text[t.start:t.end], span=Span.of(t.start, t.end))
                       for t in targets]
        target_refs += [Target(type="person", text=p.name, span=p.span) for p in people]
        found = [actor1, place, when, targets or people]
        return Event(
            id=f"{notes.doc_id}:e{number}", event_type=event_type, sub_event_type=sub_event_type,
            method=method, civilian_targeting=civilian,
            actor1=self.actor_dictionary.ref(actor1) if actor1 else None,
            actor2=self.actor_dictionary.ref(actor2) if actor2 else None,
            date=when, location=_location(place) if place else None, targets=target_refs,
            people=[PersonRef(name=p.name, role="target", span=p.span) for p in people],
            sources=_sources(notes.quotes, trigger.start),
            evidence=Mention(text=text[evidence_start:evidence_end],
                             span=Span.of(evidence_start, evidence_end)),
            confidence=round(min(0.95, 0.4 + 0.1 * sum(1 for f in found if f)
                                 + (0.1 if trigger.method else 0.0)), 2),
            recalled=self.memory.recalled(notes, sentence, when))

    def _person_targets(self, text: str, trigger: Trigger, stop: int,
                        sentence: Sentence) -> list[PersonMention]:
        if not self.lexicon.clauses["person_trigger"].search(text, trigger.start, stop):
            return []
        return [p for p in sentence.people if trigger.end <= p.span.start < stop]


def _place(sentence: Sentence, anchor: int, stop: int) -> Place | None:
    after = [p for p in sentence.places if anchor <= p.span.start < stop]
    specific = [p for p in after if p.precision != 3 and not is_country(p)]
    if specific or after:
        return (specific or after)[0]
    before = [p for p in sentence.places if p.span.start < anchor and not is_country(p)]
    return before[-1] if before else None


def _location(place: Place) -> Location:
    """An event's location is the place mention without its `resolved` flag."""
    return Location.model_validate(place.model_dump(exclude={"resolved"}))


def _sources(quotes: list[Quote], position: int) -> list[SourceRef]:
    return [SourceRef(speaker=q.speaker, description=q.description, outlet=q.outlet,
                      quote_span=q.span) for q in quotes if q.span.start <= position < q.span.end]
