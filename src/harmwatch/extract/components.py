"""The spaCy components harmwatch adds to the pipeline, each with its contract.

Each component writes its own Doc extension (declared in `assigns`) and reads only those it
declares in `requires`; its collaborators (the language pack, the actor dictionary, the
place finder) come through its config, resolved from spaCy's misc registry, so the whole
pipeline can be rebuilt from its config alone in another process. They work on character
offsets of doc.text and are linear in the text.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from harmwatch.extract.actors import ActorDictionary
from harmwatch.extract.casualties import CasualtyReader
from harmwatch.extract.dates import DateReader
from harmwatch.extract.events import EventBuilder
from harmwatch.extract.lexicon import EventLexicon, TargetLexicon
from harmwatch.extract.packs import Pack
from harmwatch.extract.people import PeopleReader
from harmwatch.extract.places import PlaceFinder, UnresolvedPlaces
from harmwatch.extract.quotes import QuoteReader
from harmwatch.extract.sentences import Annotations, lines
from harmwatch.extract.spans import SpanIndex
from harmwatch.model import Document

EXTENSIONS = ("hw_document", "hw_actors", "hw_dates", "hw_quotes", "hw_places", "hw_people",
              "hw_events")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@registry.misc("harmwatch.language_pack.v1")
def language_pack(directory: str, actor_files: list[str] | None = None) -> Pack:
    """A pack directory with the user's extra actor files (config: directory, actor_files)."""
    return _pack(directory, tuple(actor_files or ()))


@cache
def _pack(directory: str, actor_files: tuple[str, ...]) -> Pack:
    return Pack.load(directory).with_actors(actor_files)


@registry.misc("harmwatch.unresolved_places.v1")
def unresolved_places() -> PlaceFinder:
    return UnresolvedPlaces()


@cache
def actor_dictionary(pack: Pack) -> ActorDictionary:
    """One dictionary per pack and actor files, shared by the components that need it."""
    return ActorDictionary.load(pack=pack)


@Language.factory("harmwatch_actors", assigns=["doc._.hw_actors"],
                  default_config={"pack": None})
def make_actors(nlp: Language, name: str, pack: Pack):
    dictionary = actor_dictionary(pack)

    def actors(doc: Doc) -> Doc:
        doc._.hw_actors = dictionary.find(doc.text)
        return doc
    return actors


@Language.factory("harmwatch_dates", assigns=["doc._.hw_dates"], requires=["doc._.hw_document"],
                  default_config={"pack": None})
def make_dates(nlp: Language, name: str, pack: Pack):
    reader = DateReader.of(pack)

    def dates(doc: Doc) -> Doc:
        document: Document | None = doc._.hw_document
        doc._.hw_dates = reader.find_dates(doc.text, document.published if document else None)
        return doc
    return dates


@Language.factory("harmwatch_quotes", assigns=["doc._.hw_quotes"],
                  default_config={"pack": None})
def make_quotes(nlp: Language, name: str, pack: Pack):
    reader = QuoteReader.of(pack)

    def quotes(doc: Doc) -> Doc:
        doc._.hw_quotes = reader.find(doc.text)
        return doc
    return quotes


@Language.factory("harmwatch_places", assigns=["doc._.hw_places", "doc._.hw_people"],
                  requires=["doc.ents", "doc._.hw_actors", "doc._.hw_dates"],
                  default_config={"pack": None,
                                  "finder": {"@misc": "harmwatch.unresolved_places.v1"}})
def make_places(nlp: Language, name: str, pack: Pack, finder: PlaceFinder):
    return PlaceComponent(pack, finder)


class PlaceComponent:
    """Places and people: the finder confirms or drops place candidates (NER, cue words)."""

    def __init__(self, pack: Pack, finder: PlaceFinder):
        self.finder = finder
        self.people = PeopleReader.of(pack)
        vocabulary = pack.data("places")
        self._cue = re.compile(vocabulary.get("cue") or r"(?!)")
        self._locative = re.compile(vocabulary.get("locative") or r"(?!)", re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        actors, dates = doc._.hw_actors or [], doc._.hw_dates or []
        entities = list(doc.ents)  # doc.ents rebuilds its list on every access
        candidates = {(e.start_char, e.end_char) for e in entities if e.label_ in PLACE_LABELS}
        candidates |= {m.span("name") for m in self._cue.finditer(doc.text)}
        taken = SpanIndex([*actors, *dates])
        candidates = {c for c in candidates if not taken.overlaps(*c)}
        places = self.finder.find_places(doc.text, sorted(candidates))
        # Names listed after "targeting", "leader" are people, whatever a gazetteer holds;
        # so is a full name the model calls PERSON where a place covers only part of it
        # ("Junaid Hussein"). A PERSON span that is exactly a place name stays a place.
        place_spans = {tuple(p.span.root) for p in places}
        persons = [(e.start_char, e.end_char) for e in entities
                   if e.label_ == "PERSON" and len(e) >= 2
                   and (e.start_char, e.end_char) not in place_spans]
        people = SpanIndex(self.people.find(doc.text, persons, actors))
        actor_index = SpanIndex(actors)
        places = [p for p in places if not people.overlaps(p.span.start, p.span.end)
                  and not (actor_index.overlaps(p.span.start, p.span.end)
                           and not self._locative.search(
                               doc.text, max(0, p.span.start - 8), p.span.start))]
        doc._.hw_places = sorted(places, key=lambda p: p.span.start)
        singles = [(e.start_char, e.end_char) for e in entities
                   if e.label_ == "PERSON" and len(e) == 1]
        doc._.hw_people = self.people.find(doc.text, [*persons, *singles],
                                           [*actors, *doc._.hw_places])
        return doc


@Language.factory("harmwatch_events", assigns=["doc._.hw_events"],
                  requires=["doc._.hw_document", "doc._.hw_actors", "doc._.hw_dates",
                            "doc._.hw_quotes", "doc._.hw_places", "doc._.hw_people"],
                  default_config={"pack": None})
def make_events(nlp: Language, name: str, pack: Pack):
    builder = EventBuilder(actor_dictionary(pack), EventLexicon.load(pack),
                           TargetLexicon.load(pack), CasualtyReader.load(pack),
                           DateReader.of(pack))

    def events(doc: Doc) -> Doc:
        doc._.hw_events = builder.build(annotations(doc))
        return doc
    return events


def annotations(doc: Doc) -> Annotations:
    """What the components before the events one found, as the event builder reads it."""
    document: Document | None = doc._.hw_document
    return Annotations(
        doc_id=document.id if document else "doc", text=doc.text,
        published=document.published if document else None,
        sentences=lines([(s.start_char, s.end_char) for s in doc.sents], doc.text),
        actors=doc._.hw_actors or [], places=doc._.hw_places or [],
        dates=doc._.hw_dates or [], quotes=doc._.hw_quotes or [],
        people=doc._.hw_people or [])
