"""The Extractor: routes each document to its language's pipeline.

The language is the one a caller forces (`language`), else the document's own
(Document.language), else the script its text is written in (text/language.py; a mixed
text goes to its dominant language). A pack whose pack.yaml names a `grammar` module gets
that module's `build_pipeline(pack, place_finder)`; every other pack the generic one. A
language without a pack extracts nothing, with a warning naming it: English rules never
run on another language's text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path

from spacy.util import registry

from harmwatch.collector import lasting
from harmwatch.errors import UsageError
from harmwatch.extract.consolidate import consolidate
from harmwatch.extract.packs import Pack, find_pack, pack_from_directory
from harmwatch.extract.places import PlaceFinder
from harmwatch.extract.spacy_pipeline import build_pipeline
from harmwatch.model import Document, DocumentRef, ExtractionResult
from harmwatch.text import dominant_language

log = logging.getLogger(__name__)
UNRESOLVED = "harmwatch.unresolved_places.v1"


@dataclass(frozen=True)
class ExtractorConfig:
    """Everything needed to build the same extractor again, in any process (JSON-able)."""

    language: str = "auto"  # a pack code, or auto: per document
    places: str = UNRESOLVED  # a spaCy misc registry function returning a PlaceFinder
    actor_files: tuple[str, ...] = ()
    model: str | None = None  # overrides the packs' spaCy models
    language_packs: tuple[str, ...] = field(default=())  # the user's own pack directories

    def to_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict) -> ExtractorConfig:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


class Extractor:
    """Turns Documents into ExtractionResults, each through its language's pipeline."""

    def __init__(self, config: ExtractorConfig, place_finder: PlaceFinder | None = None):
        self.config = config
        self._place_finder = place_finder
        self._pipelines: dict[str, object] = {}
        self._warned: set[str] = set()
        for directory in config.language_packs:
            pack_from_directory(directory)

    @classmethod
    def load(cls, actors: Path | None = None, place_finder: PlaceFinder | str | None = None,
             model: str | None = None, language: str = "auto",
             language_packs: Iterable[Path | str] = ()) -> Extractor:
        """An extractor; `place_finder` a PlaceFinder, or the name of a registered function
        returning one (only then can `config` rebuild it in another process)."""
        config = ExtractorConfig(
            language=language, actor_files=(str(actors),) if actors else (), model=model,
            places=place_finder if isinstance(place_finder, str) else UNRESOLVED,
            language_packs=tuple(str(p) for p in language_packs))
        finder = None if place_finder is None or isinstance(place_finder, str) else place_finder
        extractor = cls(config, finder)
        if language != "auto":
            extractor.pipeline(language)  # fail now, not at the first document
        return extractor

    @classmethod
    def from_config(cls, config: ExtractorConfig | dict) -> Extractor:
        if isinstance(config, dict):
            config = ExtractorConfig.from_dict(config)
        return cls(config)

    def extract(self, document: Document) -> ExtractionResult:
        return next(self.pipe([document]))

    def pipe(self, documents: Iterable[Document]) -> Iterator[ExtractionResult]:
        """Results in input order; consecutive documents of one language go in one batch."""
        run: list[Document] = []
        language = None
        for document in documents:
            this = self.language_of(document)
            if run and this != language:
                yield from self._run(language, run)
                run = []
            language = this
            run.append(document)
        if run:
            yield from self._run(language, run)

    def language_of(self, document: Document) -> str:
        if self.config.language != "auto":
            return self.config.language
        given = re.split(r"[-_]", document.language or "")[0].lower()
        if given and given != "mixed":
            return given
        return dominant_language(document.text) or "en"

    def pipeline(self, language: str):
        """The pipeline for a language code (built once), None where no pack exists."""
        if language not in self._pipelines:
            pack = find_pack(language)
            self._pipelines[language] = None if pack is None else self._build(pack)
            if pack is None and self.config.language != "auto":
                raise UsageError(f"--language {language}: no language pack installed for it "
                                 "(see harmwatch languages)")
        return self._pipelines[language]

    def _build(self, pack: Pack):
        with lasting():
            return self._built(pack)

    def _built(self, pack: Pack):
        pack = pack.with_actors(self.config.actor_files)
        finder = self._place_finder or self.config.places
        if pack.grammar:
            if isinstance(finder, str):
                finder = registry.misc.get(finder)()
            module, _, function = pack.grammar.partition(":")
            return getattr(import_module(module), function or "build_pipeline")(pack, finder)
        return build_pipeline(pack, finder, model=self.config.model)

    def _run(self, language: str, documents: list[Document]) -> Iterator[ExtractionResult]:
        pipeline = self.pipeline(language)
        if pipeline is not None:
            results = pipeline.pipe(documents) if hasattr(pipeline, "pipe") else \
                map(pipeline, documents)
            for document, result in zip(documents, results, strict=True):
                yield consolidate(result, document.text)
            return
        if language not in self._warned:
            log.warning("no language pack for %r: its documents are stored but nothing is "
                        "extracted from them (see harmwatch languages)", language)
            self._warned.add(language)
        for document in documents:
            yield ExtractionResult(document=DocumentRef.of(document))
