"""The spaCy components harmwatch adds to the pipeline; each writes one Doc extension.

They run after the model's NER over one shared Doc and work on character offsets of
doc.text. Each is linear in the text: a few compiled regular expressions per sentence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from harmwatch.extract.actors import ActorDictionary
from harmwatch.extract.casualties import CasualtyReader
from harmwatch.extract.dates import find_dates
from harmwatch.extract.events import Annotations, EventBuilder
from harmwatch.extract.lexicon import EventLexicon, TargetLexicon
from harmwatch.extract.people import find_people
from harmwatch.extract.places import PlaceFinder, UnresolvedPlaces
from harmwatch.extract.quotes import find_quotes
from harmwatch.extract.spans import SpanIndex
from harmwatch.model import Document

for _name in ("document", "notes", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Capitalised words after "in", "near", "the town of": place candidates the model missed.
_PLACE_CUE = re.compile(
    r"\b(?:in|near|over|into|outside|around|of the (?:town|city|village|province|district|"
    r"governorate|countryside) of|(?:town|city|village|province|countryside) of)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+){0,2})")


# An actor's name is a place only where the text says so: "in Turkey", "to Russia".
_LOCATIVE = re.compile(r"\b(?:in|into|to|from|near|across|inside)\s+(?:the\s+)?$",
                       re.IGNORECASE)


def _overlaps(mention, others: SpanIndex) -> bool:
    return others.overlaps(mention.span.start, mention.span.end)


def _notes(doc: Doc) -> Annotations:
    if doc._.notes is None:
        document: Document | None = doc._.document
        doc._.notes = Annotations(
            doc_id=document.id if document else "doc", text=doc.text,
            published=document.published if document else None,
            sentences=_lines([(s.start_char, s.end_char) for s in doc.sents], doc.text))
    return doc._.notes


def _lines(sentences: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sentences cut at line breaks too: a title or paragraph never runs into the next."""
    cut = []
    for start, end in sentences:
        for line in re.finditer(r"[^\n]+", text[start:end]):
            if line.group().strip():
                cut.append((start + line.start(), start + line.end()))
    return cut


@Language.factory("harmwatch_actors", assigns=["doc._.notes"],
                  default_config={"actor_files": []})
def make_actors(nlp: Language, name: str, actor_files: list[str]):
    return ActorComponent(ActorDictionary.load(*actor_files))


class ActorComponent:
    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        _notes(doc).actors = self.dictionary.find(doc.text)
        return doc


@Language.factory("harmwatch_dates", assigns=["doc._.notes"])
def make_dates(nlp: Language, name: str):
    def dates(doc: Doc) -> Doc:
        notes = _notes(doc)
        notes.dates = find_dates(doc.text, notes.published)
        return doc
    return dates


@Language.factory("harmwatch_quotes", assigns=["doc._.notes"])
def make_quotes(nlp: Language, name: str):
    def quotes(doc: Doc) -> Doc:
        _notes(doc).quotes = find_quotes(doc.text)
        return doc
    return quotes


@Language.factory("harmwatch_places", assigns=["doc._.notes"], requires=["doc.ents"])
def make_places(nlp: Language, name: str):
    return PlaceComponent(UnresolvedPlaces())


class PlaceComponent:
    """Places and people; `finder` is swapped for the gazetteer's geoparser when it exists."""

    def __init__(self, finder: PlaceFinder):
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        notes = _notes(doc)
        entities = list(doc.ents)  # doc.ents rebuilds its list on every access
        candidates = {(e.start_char, e.end_char) for e in entities if e.label_ in PLACE_LABELS}
        candidates |= {m.span("name") for m in _PLACE_CUE.finditer(doc.text)}
        taken = SpanIndex([*notes.actors, *notes.dates])
        candidates = {c for c in candidates if not taken.overlaps(*c)}
        places = self.finder.find_places(doc.text, sorted(candidates))
        # Names listed after "targeting", "leader" are people, whatever a gazetteer holds;
        # so is a full name the model calls PERSON where a place covers only part of it
        # ("Junaid Hussein"). A PERSON span that is exactly a place name stays a place.
        place_spans = {tuple(p.span.root) for p in places}
        persons = [(e.start_char, e.end_char) for e in entities
                   if e.label_ == "PERSON" and len(e) >= 2
                   and (e.start_char, e.end_char) not in place_spans]
        people = SpanIndex(find_people(doc.text, persons, notes.actors))
        actors = SpanIndex(notes.actors)
        places = [p for p in places if not _overlaps(p, people)
                  and not (_overlaps(p, actors) and not _LOCATIVE.search(
                      doc.text, max(0, p.span.start - 8), p.span.start))]
        notes.places = sorted(places, key=lambda p: p.span.start)
        singles = [(e.start_char, e.end_char) for e in entities
                   if e.label_ == "PERSON" and len(e) == 1]
        notes.people = find_people(doc.text, [*persons, *singles],
                                   [*notes.actors, *notes.places])
        return doc


@Language.factory("harmwatch_events", assigns=["doc._.events"],
                  requires=["doc._.notes"])
def make_events(nlp: Language, name: str):
    dictionary = nlp.get_pipe("harmwatch_actors").dictionary
    return EventComponent(EventBuilder(dictionary, EventLexicon.load(), TargetLexicon.load(),
                                       CasualtyReader.load()))


class EventComponent:
    def __init__(self, builder: EventBuilder):
        self.builder = builder

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.builder.build(_notes(doc))
        return doc
