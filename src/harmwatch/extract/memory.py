"""What a paragraph has established so far (its attacker, weapon, date and place), and
what a report only recalls: the context that sentences without their own words inherit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from harmwatch.extract.attribution import Attribution
from harmwatch.extract.dates import DateReader, shift_from
from harmwatch.extract.lexicon import EventLexicon
from harmwatch.extract.sentences import Annotations, Sentence, event_dates, is_country
from harmwatch.model import ActorMention, DateRef, Event, Place


@dataclass
class Paragraph:
    index: int = -1
    actor: ActorMention | None = None
    method: str | None = None
    unarmed: list[Event] = field(default_factory=list)
    date: DateRef | None = None
    place: Place | None = None
    news: DateRef | None = None  # the report's first event date, kept across paragraphs


class Memory:
    def __init__(self, lexicon: EventLexicon, attribution: Attribution, dates: DateReader):
        self.lexicon = lexicon
        self.attribution = attribution
        self.dates = dates
        self._since = lexicon.clauses["since"]

    def event_dates(self, text: str, sentence: Sentence) -> list[DateRef]:
        return event_dates(text, sentence, self._since)

    def name_weapon(self, paragraph: Paragraph, sentence: Sentence) -> None:
        """"Five people were killed ..." then "... in the shelling": the weapon a paragraph
        names later codes the killings it reported without one."""
        weapons = [t.method for t in sentence.triggers if t.method in self.lexicon.weapons]
        if not weapons or not paragraph.unarmed:
            return
        for event in paragraph.unarmed:
            event.method = weapons[0]
            event.event_type, event.sub_event_type = self.lexicon.methods[weapons[0]]
        paragraph.unarmed = []

    def remember(self, text: str, sentence: Sentence, paragraph: Paragraph,
                 built: list[Event]) -> None:
        # Who moved a headquarters or made arrests is no attacker for what follows.
        violent = [e for e in built if e.actor1
                   and e.sub_event_type not in self.lexicon.not_attacks]
        if violent:
            last = violent[-1].actor1
            paragraph.actor = ActorMention(id=last.id, text=last.text, span=last.span)
        elif not built:
            acting = self.attribution.acting(text, sentence)
            paragraph.actor = acting[-1] if acting else paragraph.actor
        dates = self.event_dates(text, sentence)
        paragraph.date = dates[-1] if dates else paragraph.date
        weapons = [t.method for t in sentence.triggers if t.method in self.lexicon.weapons]
        paragraph.method = weapons[-1] if weapons else paragraph.method
        places = [p for p in sentence.places if not is_country(p)]
        paragraph.place = places[-1] if places else paragraph.place

    def story_date(self, notes: Annotations, sentence: Sentence, paragraph: Paragraph
                   ) -> DateRef | None:
        """"Two days earlier": from the paragraph's last date, else from the span between
        the report's first event date and publication (so the range says what is unknown)."""
        shifts = self.dates.find_shifts(notes.text, sentence.start, sentence.end)
        if not shifts:
            return None
        published = notes.published
        if paragraph.date is not None:
            anchor = (paragraph.date.start, paragraph.date.end)
        elif paragraph.news is not None and published is not None:
            anchor = (min(paragraph.news.start, published), published)
        elif published is not None:
            try:
                anchor = (published - timedelta(days=6), published)
            except OverflowError:
                return None
        else:
            return None
        return shift_from(notes.text, shifts[0], *anchor, published)

    def recalled(self, notes: Annotations, sentence: Sentence, when: DateRef | None) -> bool:
        """Background the report recalls: dated well before publication, or worded so."""
        # A report's first sentence states its news, whatever the publication date says.
        lead = sentence.start == notes.sentences[0][0]
        if when is not None and notes.published is not None and not lead and \
                (notes.published - when.end).days > self.lexicon.recall_days:
            return True
        return self.lexicon.recalls(notes.text, sentence.start, sentence.end)
