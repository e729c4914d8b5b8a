"""The generic, data-driven pipeline a language pack gets unless it names its own grammar:
the pack's spaCy model (NER only) or a blank tokenizer, plus harmwatch's rule components."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from harmwatch.extract import (
    components,  # noqa: F401  (registers the factories)
    segments,
)
from harmwatch.extract.packs import Pack
from harmwatch.extract.places import PlaceFinder
from harmwatch.extract.segments import (
    FINDINGS,
    Window,
    in_core,
    joined,
    remap,
    shift,
    windows,
)
from harmwatch.model import Document, DocumentRef, ExtractionResult
from harmwatch.text import normalizer, original_span

log = logging.getLogger(__name__)
# Only NER is needed: the tagger, parser and lemmatizer would triple the time per word.
UNUSED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
BATCH_SIZE = 32


def load_language(pack: Pack, model: str | None = None) -> Language:
    """The pack's first installed spaCy model, else its blank tokenizer (rules only)."""
    names = [model] if model else list(pack.models)
    for name in names:
        try:
            return spacy.load(name, exclude=UNUSED)
        except OSError:
            if model:
                raise
            continue
    if names:
        log.warning("no %s spaCy model installed (%s); extracting with rules only. "
                    "Install one: pip install %s", pack.name, ", ".join(names),
                    names[0].replace("_", "-"))
    return spacy.blank(pack.tokenizer)


def place_finder_config(place_finder: PlaceFinder | str) -> dict:
    """Config naming the place finder: a registered function's name as given, or an object
    registered for this process only (such a pipeline cannot be rebuilt elsewhere)."""
    if isinstance(place_finder, str):
        return {"@misc": place_finder}
    name = f"harmwatch.place_finder.{id(place_finder)}"
    if name not in registry.misc:
        registry.misc.register(name, func=lambda: place_finder)
    return {"@misc": name}


def build_pipeline(pack: Pack, place_finder: PlaceFinder | str,
                   model: str | None = None) -> SpacyPipeline:
    """The generic pipeline for `pack`: documents in, ExtractionResults out."""
    nlp = load_language(pack, model)  # its max_length is far above a window's
    pack_config = {"@misc": "harmwatch.language_pack.v1", "directory": str(pack.directory),
                   "actor_files": list(pack.actor_files)}
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("harmwatch_actors", config={"pack": pack_config})
    nlp.add_pipe("harmwatch_dates", config={"pack": pack_config})
    nlp.add_pipe("harmwatch_quotes", config={"pack": pack_config})
    nlp.add_pipe("harmwatch_places", config={"pack": pack_config,
                                             "finder": place_finder_config(place_finder)})
    nlp.add_pipe("harmwatch_events", config={"pack": pack_config})
    return SpacyPipeline(nlp, pack)


class SpacyPipeline:
    """A spaCy pipeline run window by window over each document's (normalised) text."""

    def __init__(self, nlp: Language, pack: Pack):
        self.nlp = nlp
        self.pack = pack
        self._normalize = normalizer(pack.normalizer) if pack.normalizer else None

    def __call__(self, document: Document) -> ExtractionResult:
        return next(self.pipe([document]))

    def pipe(self, documents: Iterable[Document]) -> Iterator[ExtractionResult]:
        """Short documents in batches; a long one window by window, so that only one
        window is in memory at a time."""
        batch: list[Document] = []
        for document in documents:
            if len(document.text) <= segments.WINDOW:
                batch.append(document)
                if len(batch) < BATCH_SIZE:
                    continue
            yield from self._run(batch, BATCH_SIZE)
            batch = []
            if len(document.text) > segments.WINDOW:
                yield from self._run([document], 1)
        yield from self._run(batch, BATCH_SIZE)

    def _run(self, documents: list[Document], batch_size: int) -> Iterator[ExtractionResult]:
        parts: list[ExtractionResult | bytes] = []  # the current document's windows' findings
        current: Document | None = None
        for doc, (document, window, offsets) in self.nlp.pipe(
                self._pieces(documents), batch_size=batch_size, as_tuples=True):
            if current is not None and document is not current:
                yield _assemble(current, parts)
                parts = []
            current = document
            parts.append(_own(document, window, offsets, _result(doc)))
        if current is not None:
            yield _assemble(current, parts)

    def _pieces(self, documents: Iterable[Document]) -> Iterator[tuple[Doc, tuple]]:
        for document in documents:
            for window in windows(document.text):
                text = document.text[window.start:window.end]
                view, offsets = self._normalize(text) if self._normalize else (text, None)
                if view == text:
                    view, offsets = text, None
                piece = document if view is document.text else document.model_copy(
                    update={"text": view})
                doc = self.nlp.make_doc(view)
                doc._.hw_document = piece
                yield doc, (document, window, offsets)


def _result(doc: Doc) -> ExtractionResult:
    return ExtractionResult(document=DocumentRef.of(doc._.hw_document),
                            events=doc._.hw_events or [], places=doc._.hw_places or [],
                            actors=doc._.hw_actors or [], people=doc._.hw_people or [],
                            quotes=doc._.hw_quotes or [], dates=doc._.hw_dates or [])


def _own(document: Document, window: Window, offsets: list[int] | None,
         result: ExtractionResult) -> ExtractionResult | bytes:
    """What a window found in its own part, every span in the document's text; pickled where
    the document has more windows, so its findings wait for the last one in about a tenth of
    the memory their objects take (the window's Doc is gone by then)."""
    whole = window.start == 0 and window.end == len(document.text)
    if whole and offsets is None:
        return result
    if offsets is None:
        convert = shift(window.start)
    else:
        def convert(start: int, end: int, origin=window.start):
            first, last = original_span(offsets, start, end)
            return first + origin, last + origin
    seen: set[int] = set()
    for field in FINDINGS:
        items = remap(getattr(result, field), convert, document.text, seen)
        setattr(result, field, [i for i in items if in_core(window, i)])
    return result if whole else pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _assemble(document: Document, parts: list[ExtractionResult | bytes]) -> ExtractionResult:
    """A document's result from its windows' findings (emptied as they are read)."""
    if len(parts) == 1 and isinstance(parts[0], ExtractionResult):
        return parts[0]  # read in one window
    parts.reverse()
    result = joined(_unpickled(parts), document.id)
    result.document = DocumentRef.of(document)
    return result


def _unpickled(parts: list[bytes]) -> Iterator[ExtractionResult]:
    """The results pickled in `parts` (in reverse order), each dropped once read."""
    while parts:
        yield pickle.loads(parts.pop())
