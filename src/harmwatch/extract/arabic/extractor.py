"""The Arabic extractor: normalise, find the mentions, build the events, map every span back.

All matching happens on the normalised view (harmwatch.text.arabic); every span it returns
is re-based onto the original text, so it slices out exactly the text it names.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from harmwatch.data import read_yaml
from harmwatch.extract.arabic.casualties import CasualtyReader
from harmwatch.extract.arabic.dates import DateReader, FoundDate
from harmwatch.extract.arabic.events import (
    Draft,
    actor_before,
    apply_harm,
    choose_actor,
    recalled,
    sentences,
)
from harmwatch.extract.arabic.lexicon import ActorLexicon, EventLexicon, Hit, TargetLexicon
from harmwatch.extract.arabic.numbers import NumberReader
from harmwatch.extract.arabic.pack import PackFiles
from harmwatch.extract.arabic.places import PlaceCues
from harmwatch.extract.arabic.quotes import CitationFinder
from harmwatch.model import (
    ActorMention,
    ActorRef,
    DateRef,
    Document,
    DocumentRef,
    Event,
    ExtractionResult,
    Location,
    Mention,
    Place,
    Quote,
    SourceRef,
    Span,
    Target,
)
from harmwatch.text import normalize_arabic, word_span

ACLED_FILE = Path(__file__).resolve().parents[2] / "data" / "acled.yaml"


class ArabicExtractor:
    """Callable: Document -> ExtractionResult, for Arabic text."""

    def __init__(self, files: PackFiles, place_finder=None):
        numbers = NumberReader(files)
        self.casualties = CasualtyReader(files, numbers)
        self.dates = DateReader(files)
        self.actors = ActorLexicon(files)
        self.events = EventLexicon(files)
        self.targets = TargetLexicon(files)
        self.places = PlaceCues(files)
        self.citations = CitationFinder(files)
        self.place_finder = place_finder
        with ACLED_FILE.open(encoding="utf-8") as handle:
            acled = read_yaml(handle)
        self.acled = {method: tuple(codes) for method, codes in acled["methods"].items()}
        self.gunfire_combatants = tuple(acled["gunfire_combatants"])

    def __call__(self, document: Document) -> ExtractionResult:
        text = document.text
        view, offsets = normalize_arabic(text)
        job = _Job(self, document, text, view, offsets)
        return job.run()


class _Job:
    """One document's extraction; holds the view and maps spans back."""

    def __init__(self, extractor: ArabicExtractor, document: Document, text: str, view: str,
                 offsets: list[int]):
        self.x, self.document, self.text, self.view, self.offsets = (
            extractor, document, text, view, offsets)

    def span(self, start: int, end: int) -> Span:
        return Span.of(*word_span(self.offsets, start, end, self.text))

    def mention(self, start: int, end: int) -> dict:
        span = self.span(start, end)
        return {"text": span.slice(self.text), "span": span}

    def run(self) -> ExtractionResult:
        x, view = self.x, self.view
        published = self.document.published or _stated_publication(x.dates.find(view, None))
        dates = x.dates.find(view, published)
        actors = x.actors.find(view)
        citations = x.citations.find(view)
        places = self._places()
        quotes = [self._quote(c) for c in citations]
        drafts = self._drafts(actors, dates, places, citations, published)
        events = [self._event(number, draft, quotes, citations)
                  for number, draft in enumerate(drafts, 1)]
        return ExtractionResult(
            document=DocumentRef.of(self.document), events=events,
            places=[place for place, _ in places],
            actors=[ActorMention(id=a.key, **self.mention(a.start, a.end)) for a in actors],
            quotes=quotes,
            dates=[self._date(d) for d in dates])

    def _places(self) -> list[tuple[Place, int]]:
        """Places with the view start of their name; the finder resolves the cue words' names."""
        candidates = self.x.places.find(self.view)
        spans = [tuple(self.span(c.start, c.end).root) for c in candidates]
        finder = self.x.place_finder
        found = finder.find_places(self.text, spans) if finder is not None else []
        found = [p for p in found
                 if not self.x.places.is_common_word(normalize_arabic(p.text)[0])]
        covered = {tuple(p.span.root) for p in found}
        for start, end in spans:
            if (start, end) not in covered:
                found.append(Place(text=self.text[start:end], span=Span.of(start, end),
                                   name=self.text[start:end]))
        by_span = {span: c for c, span in zip(candidates, spans, strict=True)}
        located = []
        for place in sorted(found, key=lambda p: p.span.start):
            candidate = by_span.get(tuple(place.span.root))
            if candidate and candidate.precision > (place.precision or 1):
                place = place.model_copy(update={"precision": candidate.precision})
            located.append((place, self._view_index(place.span.start)))
        return located

    def _view_index(self, original: int) -> int:
        return bisect_left(self.offsets, original)

    def _drafts(self, actors, dates, places, citations, published) -> list[Draft]:
        x, view = self.x, self.view
        speakers = [(c.start, c.end) for c in citations]
        drafts: list[Draft] = []
        for sentence in sentences(view):
            triggers = x.events.triggers_in(view, sentence.start, sentence.end)
            harm = x.casualties.read(view, sentence.start, sentence.end)
            previous = drafts[-1] if drafts else None
            if not triggers and not harm.phrases:
                continue
            if not triggers and previous and previous.sentence.paragraph == sentence.paragraph \
                    and previous.killed.total is None and previous.injured.total is None:
                apply_harm(previous, harm)
                continue
            trigger = next((t for t, _ in triggers if t.key), triggers[0][0] if triggers else None)
            draft = Draft(sentence=sentence, method=self._method(trigger, triggers, sentence,
                                                                  drafts, actors), trigger=trigger)
            draft.actor = choose_actor(actors, sentence, trigger, view, x.events, speakers,
                                       x.actors.air) \
                or actor_before(actors, sentence.start, view, x.events)
            apply_harm(draft, harm)
            draft.targets = x.targets.find(view, sentence.start, sentence.end)
            draft.date = _first_in(dates, sentence) or _last_before(dates, sentence.start)
            draft.place = _first_in_place(places, sentence)
            drafts.append(draft)
        self._fill_from_context(drafts)
        for draft in drafts:
            draft.recalled = recalled(draft, published, view, x.events)
        return drafts

    def _method(self, trigger: Hit | None, triggers, sentence, drafts, actors) -> str:
        if trigger is not None and trigger.key:
            return trigger.key
        cue = self.x.events.cue_method(self.view, sentence.start, sentence.end)
        if cue:
            return cue
        same = [d for d in drafts if d.sentence.paragraph == sentence.paragraph]
        if same and same[-1].method:
            return same[-1].method
        named = self.x.events.cue_method(self.view, 0, len(self.view))
        if named:  # the weapon the report names elsewhere ("مجزرة" over "غارات جوية")
            return named
        if triggers:
            named = [a for a in actors if sentence.start <= a.start < sentence.end]
            if named and named[0].key in self.x.actors.air:
                return "air_strike"
            return triggers[0][1] or "other"
        return drafts[-1].method if drafts else "other"

    @staticmethod
    def _fill_from_context(drafts: list[Draft]) -> None:
        """Attacker, date and place unsaid in a sentence come from its paragraph, then from
        the document's first event (its headline)."""
        for index, draft in enumerate(drafts):
            before = [d for d in drafts[:index] if d.sentence.paragraph == draft.sentence.paragraph]
            context = [*reversed(before), *drafts[:1]]
            for attribute in ("actor", "date", "place"):
                if getattr(draft, attribute) is None:
                    source = next((d for d in context if getattr(d, attribute) is not None), None)
                    if source is not None:
                        setattr(draft, attribute, getattr(source, attribute))

    def _event(self, number: int, draft: Draft, quotes: list[Quote], citations) -> Event:
        x = self.x
        method = draft.method or "other"
        event_type, sub_event_type = x.acled.get(method, x.acled["other"])
        civilian_hit = any((getattr(c, g) or None) and getattr(c, g).max > 0
                           for c in (draft.killed, draft.injured)
                           for g in ("civilians", "children", "women"))
        if method == "gunfire" and not civilian_hit:
            event_type, sub_event_type = x.gunfire_combatants
        targets = [Target(type=t.key, **self.mention(t.start, t.end)) for t in draft.targets]
        sentence = draft.sentence
        evidence = self.mention(sentence.start, sentence.end)
        evidence_mention = Mention(**_stripped(evidence, self.text))
        sources = [SourceRef(speaker=None, description=q.description, outlet=q.outlet,
                             quote_span=q.span) for q, c in zip(quotes, citations, strict=True)
                   if sentence.start <= c.start < sentence.end]
        place = draft.place[0] if draft.place else None
        found = [draft.actor, draft.date, place, draft.targets,
                 draft.killed.total or draft.injured.total]
        return Event(
            id=f"{self.document.id}:e{number}", event_type=event_type,
            sub_event_type=sub_event_type, method=method,
            civilian_targeting=civilian_hit or any(t.key in x.targets.civilian
                                                   for t in draft.targets),
            actor1=self._actor(draft.actor), date=self._date(draft.date) if draft.date else None,
            location=Location(**place.model_dump(include=set(Location.model_fields)))
            if place else None,
            targets=targets, killed=draft.killed, injured=draft.injured, sources=sources,
            evidence=evidence_mention,
            confidence=round(min(0.95, 0.4 + 0.1 * sum(1 for f in found if f)), 2),
            recalled=draft.recalled)

    def _actor(self, hit: Hit | None) -> ActorRef | None:
        if hit is None:
            return None
        return ActorRef(id=hit.key, name=self.x.actors.names[hit.key],
                        **self.mention(hit.start, hit.end))

    def _date(self, found: FoundDate) -> DateRef:
        return DateRef(start=found.first, end=found.last, precision=found.precision,
                       **self.mention(found.start, found.end))

    def _quote(self, citation) -> Quote:
        outlet = self.mention(*citation.outlet)["text"] if citation.outlet else None
        if citation.own_outlet and not outlet:
            outlet = self.document.publisher
        description = self.mention(*citation.description)["text"] if citation.description \
            else None
        line_end = self.view.find("\n", citation.end)
        end = len(self.view) if line_end < 0 else line_end
        return Quote(speaker=None, description=description, outlet=outlet,
                     **self.mention(citation.start, end))


def _stated_publication(found: list[FoundDate]):
    """A full date written in the text ("الاثنين, ٢٣ أكتوبر ٢٠٢٣") stands for publication."""
    return next((f.first for f in found if f.absolute), None)


def _first_in(dates: list[FoundDate], sentence) -> FoundDate | None:
    return next((d for d in dates if sentence.start <= d.start < sentence.end), None)


def _last_before(dates: list[FoundDate], position: int) -> FoundDate | None:
    """A date said earlier ("#عاجل | اليوم الأربعاء" over the post) dates what follows."""
    return next((d for d in reversed(dates) if d.end <= position), None)


def _first_in_place(places, sentence):
    """The sentence's first resolved place ("حي X بمدينة حلب": Aleppo), else its first."""
    inside = [(p, i) for p, i in places if sentence.start <= i < sentence.end]
    return next((pair for pair in inside if pair[0].resolved), inside[0] if inside else None)


def _stripped(mention: dict, text: str) -> dict:
    span = mention["span"]
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"text": text[start:end], "span": Span.of(start, end)}
