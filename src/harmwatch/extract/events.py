"""Events from a report's annotations: who did what to whom, where, when, and who says so.

Sentence by sentence: each trigger ("air strikes", "took control of") opens an event that
runs to the next trigger. Its attacker is the actor the passive "by ..." names, else the
nearest actor before it that is not on the receiving end, else the attacker of the
paragraph so far. Targets of different kinds make separate events; casualties go to the
sentence's first event only, so no figure is counted twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from harmwatch.extract.actors import ActorDictionary
from harmwatch.extract.casualties import CasualtyReader, total
from harmwatch.extract.dates import find_shifts, shift_from
from harmwatch.extract.lexicon import EventLexicon, TargetHit, TargetLexicon, Trigger
from harmwatch.extract.spans import SpanIndex
from harmwatch.model import (
    ActorMention,
    Casualties,
    DateRef,
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

_RECEIVING = re.compile(r"(?:\bon|against|targeting|targeted|target|targets|at|bombing|bombed|"
                        r"hit|struck|shelled|attacked|attacking|killing|killed|"
                        r"fight|besieged|sieging|toward|towards)\s+(?:the\s+|an?\s+)?"
                        r"(?:(?!(?:in|by|from|with|during|after)\s)[\w-]+\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r"[,;]|\b(?:after|when|while|which|who|as|and then|before|"
                         r"was killed|were killed|had been)\b", re.IGNORECASE)
# Matched over the whole gap (fullmatch with pos): "^" never matches at a pos > 0.
_IN = re.compile(r"\s+(?:in|during)\s+(?:the\s+|an?\s+)?", re.IGNORECASE)
_OF = re.compile(r"^\s*(?:of|by)\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b[^,;.]{0,80}$", re.IGNORECASE)
_PERSON_TRIGGER = re.compile(r"target|assassinat|leader|commander|emir|official",
                             re.IGNORECASE)


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


@dataclass
class _Paragraph:
    """What a paragraph has established so far: its attacker, date and place."""

    index: int = -1
    actor: ActorMention | None = None
    method: str | None = None
    unarmed: list[Event] = field(default_factory=list)
    date: DateRef | None = None
    place: Place | None = None
    news: DateRef | None = None  # the report's first event date, kept across paragraphs


@dataclass
class _Sentence:
    start: int
    end: int
    actors: list[ActorMention]
    places: list[Place]
    dates: list[DateRef]
    people: list[PersonMention]
    targets: list[TargetHit]
    casualties: list = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)


class EventBuilder:
    def __init__(self, actors: ActorDictionary, events: EventLexicon, targets: TargetLexicon,
                 casualties: CasualtyReader):
        self.actor_dictionary = actors
        self.lexicon = events
        self.target_lexicon = targets
        self.casualties = casualties

    def build(self, notes: Annotations) -> list[Event]:
        events: list[Event] = []
        paragraph = _Paragraph()
        previous_start, previous_end = 0, None
        previous_built: list[Event] = []
        breaks = [m.start() for m in re.finditer(r"\n", notes.text)]
        for start, end in notes.sentences:
            index = bisect_left(breaks, start)
            if index != paragraph.index:
                paragraph = _Paragraph(index=index, news=paragraph.news)
            sentence = self._sentence(notes, start, end)
            if events:  # an attack already coded: the explosions heard are its sound
                sentence.triggers = [t for t in sentence.triggers
                                     if not self.lexicon.heard(notes.text, start, end, t)]
            triggers = sentence.triggers
            built = self._sentence_events(notes, sentence, triggers, paragraph, len(events))
            if not built:
                self._attribute(notes.text, sentence, previous_built, paragraph)
            previous_built = built
            if self.casualties.is_cumulative(notes.text, start, end):
                pass  # a war-wide toll belongs to no single event
            elif built:
                self._add_casualties(notes.text, sentence, built[0])
            elif events and previous_end is not None and \
                    events[-1].evidence.span.start >= previous_start and \
                    paragraph.index == self._paragraph_of(events[-1], breaks):
                self._add_casualties(notes.text, sentence, events[-1])
            previous_start, previous_end = start, end
            self._name_weapon(paragraph, sentence)
            events.extend(built)
            paragraph.news = paragraph.news or next((e.date for e in built if e.date), None)
            paragraph.unarmed += [e for e in built if e.method == "other"
                                  and e.sub_event_type == "Other"]
            self._remember(notes.text, sentence, paragraph, built)
        return events

    def _attribute(self, text: str, sentence: _Sentence, previous: list[Event],
                   paragraph: _Paragraph) -> None:
        """"... warplanes struck a market." then "Residents said the aircraft belonged to the
        US-led coalition.": the next sentence names the attacker the strike lacked."""
        after = self.lexicon.attribution(text, sentence.start, sentence.end) \
            if any(e.actor1 is None for e in previous) else None
        actor = next((a for a in sentence.actors if after is not None
                      and a.span.start >= after and a.id != "civilians"), None)
        if actor is None:
            return
        for event in previous:
            event.actor1 = event.actor1 or self.actor_dictionary.ref(actor)
        paragraph.actor = actor

    def _name_weapon(self, paragraph: _Paragraph, sentence: _Sentence) -> None:
        """"Five people were killed ..." then "... in the shelling": the weapon a paragraph
        names later codes the killings it reported without one."""
        weapons = [t.method for t in sentence.triggers if t.method in self.lexicon.weapons]
        if not weapons or not paragraph.unarmed:
            return
        for event in paragraph.unarmed:
            event.method = weapons[0]
            event.event_type, event.sub_event_type = self.lexicon.methods[weapons[0]]
        paragraph.unarmed = []

    @staticmethod
    def _paragraph_of(event: Event, breaks: list[int]) -> int:
        return bisect_left(breaks, event.evidence.span.start)

    @staticmethod
    def _indexes(notes: Annotations) -> dict[str, SpanIndex]:
        if notes.indexes is None:
            notes.indexes = {name: SpanIndex(getattr(notes, name))
                             for name in ("actors", "places", "dates", "people")}
        return notes.indexes

    def _sentence(self, notes: Annotations, start: int, end: int) -> _Sentence:
        indexes = self._indexes(notes)
        actors = indexes["actors"].starting_in(start, end)
        targets = self.target_lexicon.find(notes.text, start, end)
        places = [p for p in indexes["places"].starting_in(start, end) if not any(
            o.start < p.span.end and p.span.start < o.end
            for o in [*(a.span for a in actors), *targets])]
        return _Sentence(start, end, actors, places, indexes["dates"].starting_in(start, end),
                         indexes["people"].starting_in(start, end),
                         targets, self.casualties.find(notes.text, start, end),
                         self.lexicon.triggers(notes.text, start, end))

    def _sentence_events(self, notes: Annotations, sentence: _Sentence,
                         triggers: Sequence[Trigger], paragraph: _Paragraph,
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
            for group in _by_type(targets) or [[]]:
                events.append(self._event(notes, sentence, trigger, stop, group, people,
                                          paragraph, numbered + len(events) + 1))
        return events

    def _event(self, notes: Annotations, sentence: _Sentence, trigger: Trigger, stop: int,
               targets: list[TargetHit], people: list[PersonMention], paragraph: _Paragraph,
               number: int) -> Event:
        text = notes.text
        actor1, actor2, method = self._who_and_how(text, sentence, trigger, stop, paragraph)
        civilian = any(t.civilian for t in targets) or (actor2 is not None
                                                         and actor2.id == "civilians")
        event_type, sub_event_type = self._acled(trigger, method, actor1, civilian)
        when = _nearest(_event_dates(text, sentence), trigger.start) or \
            self._story_date(notes, sentence, paragraph) or paragraph.date
        anchor = targets[0].start if targets else trigger.end
        place = self._place(sentence, anchor, stop) or paragraph.place
        evidence_start, evidence_end = _trim(text, sentence.start, sentence.end)
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
            recalled=self._recalled(notes, sentence, when))

    @staticmethod
    def _story_date(notes: Annotations, sentence: _Sentence, paragraph: _Paragraph
                    ) -> DateRef | None:
        """"Two days earlier": from the paragraph's last date, else from the span between
        the report's first event date and publication (so the range says what is unknown)."""
        shifts = find_shifts(notes.text, sentence.start, sentence.end)
        if not shifts:
            return None
        published = notes.published
        if paragraph.date is not None:
            anchor = (paragraph.date.start, paragraph.date.end)
        elif paragraph.news is not None and published is not None:
            anchor = (min(paragraph.news.start, published), published)
        elif published is not None:
            anchor = (published - timedelta(days=6), published)
        else:
            return None
        return shift_from(notes.text, shifts[0], *anchor, published)

    def _recalled(self, notes: Annotations, sentence: _Sentence, when: DateRef | None) -> bool:
        """Background the report recalls: dated well before publication, or worded so."""
        # A report's first sentence states its news, whatever the publication date says.
        lead = sentence.start == notes.sentences[0][0]
        if when is not None and notes.published is not None and not lead and \
                (notes.published - when.end).days > self.lexicon.recall_days:
            return True
        return self.lexicon.recalls(notes.text, sentence.start, sentence.end)

    def _who_and_how(self, text: str, sentence: _Sentence, trigger: Trigger, stop: int,
                     paragraph: _Paragraph
                     ) -> tuple[ActorMention | None, ActorMention | None, str]:
        """The attacker, the attacked, and the method (see docs/extraction.md for the order
        in which each is looked for)."""
        actor1 = self._attacker(text, sentence, trigger) or paragraph.actor or \
            self._named_later(text, sentence, trigger)
        method = trigger.method or self.lexicon.cue(text, sentence.start, sentence.end) or \
            paragraph.method
        if actor1 is None and method in self.lexicon.implied_actors:
            actor1 = self._implied(method, text, trigger)
        actor2 = next((a for a in sentence.actors if trigger.end <= a.span.start < stop
                       and (actor1 is None or a.id != actor1.id)
                       and (_receiving(text, sentence.start, a) or not text[
                           trigger.end:a.span.start].strip(" ,the"))), None)
        # An air force's strikes are air strikes; its killings ("the army killed 70") are not.
        method = method or (
            "air_strike" if actor1 and self.actor_dictionary.actors[actor1.id].air
            and not trigger.alone else trigger.default)
        return actor1, actor2, self.lexicon.override(text, sentence.start, sentence.end,
                                                     method)

    def _acled(self, trigger: Trigger, method: str, actor1: ActorMention | None,
               civilian: bool) -> tuple[str, str]:
        if trigger.acled:
            return trigger.acled
        if method == "territory_change" and actor1 is not None \
                and self.actor_dictionary.actors[actor1.id].inter == 1:
            return self.lexicon.state_territory
        if method == "gunfire" and not civilian:
            return self.lexicon.gunfire_combatants
        return self.lexicon.methods[method]

    def _attacker(self, text: str, sentence: _Sentence, trigger: Trigger
                  ) -> ActorMention | None:
        # "killed 32 rebels": the rebels were counted among the dead, they did not act.
        candidates = [a for a in sentence.actors if a.id != "civilians" and not any(
            c.start <= a.span.start < c.end for c in sentence.casualties)]
        for actor in candidates:  # "a hospital was bombed by coalition aircraft"
            gap = text[trigger.end:actor.span.start]
            if trigger.end <= actor.span.start <= trigger.end + 60 and not _NEW_CLAUSE.search(
                    gap) and _BY.search(text, max(trigger.end, actor.span.start - 20),
                                        actor.span.start):
                return actor
        for actor in candidates:  # "strikes of the coalition", "control of YPG over"
            gap = text[trigger.end:actor.span.start]
            if actor.span.start >= trigger.end and (_OF.match(gap) or (
                    trigger.method and trigger.method == "territory_change"
                    and not gap.strip())):
                return actor
        acting = [a for a in candidates if not _receiving(text, sentence.start, a)]
        before = [a for a in acting if a.span.start < trigger.start
                  and not self._object_of_earlier_trigger(text, sentence, a)]
        return before[-1] if before else None

    def _implied(self, method: str, text: str, trigger: Trigger) -> ActorMention:
        """The one actor known to use a weapon (barrel bombs: the Syrian government), named
        by the weapon's own words."""
        return ActorMention(id=self.lexicon.implied_actors[method],
                            text=text[trigger.start:trigger.end],
                            span=Span.of(trigger.start, trigger.end))

    def _named_later(self, text: str, sentence: _Sentence, trigger: Trigger
                     ) -> ActorMention | None:
        """Last resort: a headline's "Air raids kill 31" names its attacker later on
        ("... killed in Syrian air force raids"): the first acting actor after the trigger."""
        starts = {t.start for t in sentence.triggers if t.start >= trigger.end}
        for actor in sentence.actors:
            if actor.span.start < trigger.end or actor.id == "civilians":
                continue
            striking = any(actor.span.start < start <= actor.span.end + 2 for start in starts)
            by = _BY.search(text, max(sentence.start, actor.span.start - 20), actor.span.start)
            # "Terrorists killed in Syrian Army operations": the killing's agent follows "in".
            killed_in = trigger.alone and actor.span.start - trigger.end <= 12 and _IN.fullmatch(
                text, trigger.end, actor.span.start)
            if striking or by or killed_in:
                return actor
        return None

    def _object_of_earlier_trigger(self, text: str, sentence: _Sentence,
                                   actor: ActorMention) -> bool:
        """An actor after a trigger in the same clause is what was hit, not who struck."""
        for trigger in sentence.triggers:
            if trigger.end > actor.span.start:
                break
            if not re.search(r"[,;]", text[trigger.end:actor.span.start]):
                return True
        return False

    def _person_targets(self, text: str, trigger: Trigger, stop: int,
                        sentence: _Sentence) -> list[PersonMention]:
        segment = text[trigger.start:stop]
        if not _PERSON_TRIGGER.search(segment):
            return []
        return [p for p in sentence.people if trigger.end <= p.span.start < stop]

    @staticmethod
    def _place(sentence: _Sentence, anchor: int, stop: int) -> Place | None:
        after = [p for p in sentence.places if anchor <= p.span.start < stop]
        specific = [p for p in after if p.precision != 3 and not _is_country(p)]
        if specific or after:
            return (specific or after)[0]
        before = [p for p in sentence.places if p.span.start < anchor and not _is_country(p)]
        return before[-1] if before else None

    def _add_casualties(self, text: str, sentence: _Sentence, event: Event) -> None:
        mentions = sentence.casualties
        if not mentions:
            if self.casualties.says_none(text, sentence.start, sentence.end):
                nobody = Casualties(total={"min": 0, "max": 0})
                event.killed = event.killed if event.killed.total else nobody
                event.injured = event.injured if event.injured.total else nobody
            return
        event.killed = _merge(event.killed, total(mentions, "killed"))
        event.injured = _merge(event.injured, total(mentions, "injured"))

    def _remember(self, text: str, sentence: _Sentence, paragraph: _Paragraph,
                  built: list[Event]) -> None:
        # Who moved a headquarters or made arrests is no attacker for what follows.
        violent = [e for e in built if e.actor1
                   and e.sub_event_type not in self.lexicon.not_attacks]
        if violent:
            last = violent[-1].actor1
            paragraph.actor = ActorMention(id=last.id, text=last.text, span=last.span)
        elif not built:
            acting = [a for a in sentence.actors
                      if a.id != "civilians" and not _receiving(text, sentence.start, a)]
            paragraph.actor = acting[-1] if acting else paragraph.actor
        dates = _event_dates(text, sentence)
        paragraph.date = dates[-1] if dates else paragraph.date
        weapons = [t.method for t in sentence.triggers if t.method in self.lexicon.weapons]
        paragraph.method = weapons[-1] if weapons else paragraph.method
        places = [p for p in sentence.places if not _is_country(p)]
        paragraph.place = places[-1] if places else paragraph.place


def _receiving(text: str, floor: int, actor: ActorMention) -> bool:
    return bool(_RECEIVING.search(text, max(floor, actor.span.start - 30), actor.span.start))


def _event_dates(text: str, sentence: _Sentence) -> list[DateRef]:
    """The sentence's dates but those opening a period: "since the summer of 2012" dates
    no event."""
    return [d for d in sentence.dates
            if not _SINCE.search(text, max(sentence.start, d.span.start - 80), d.span.start)]


def _by_type(targets: list[TargetHit]) -> list[list[TargetHit]]:
    groups: dict[str, list[TargetHit]] = {}
    for target in targets:
        groups.setdefault(target.type, []).append(target)
    return list(groups.values())


def _nearest(dates: list[DateRef], position: int) -> DateRef | None:
    return min(dates, key=lambda d: abs(d.span.start - position), default=None)


def _is_country(place: Place) -> bool:
    return place.resolved and place.precision == 3 and place.admin1 is None


def _location(place: Place) -> Location:
    return Location(text=place.text, span=place.span, name=place.name, geonameid=place.geonameid,
                    lat=place.lat, lon=place.lon, admin1=place.admin1, country=place.country,
                    precision=place.precision)


def _sources(quotes: list[Quote], position: int) -> list[SourceRef]:
    return [SourceRef(speaker=q.speaker, description=q.description, outlet=q.outlet,
                      quote_span=q.span) for q in quotes if q.span.start <= position < q.span.end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _merge(old: Casualties, new: Casualties) -> Casualties:
    """Per group, the larger figure: a later sentence restating a toll does not add to it."""
    merged = {}
    for group in ("total", "civilians", "children", "women", "combatants"):
        a, b = getattr(old, group), getattr(new, group)
        merged[group] = b if a is None or (b is not None and (b.min, b.max) > (a.min, a.max)) \
            else a
    return Casualties(**merged)
