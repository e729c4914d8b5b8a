"""Assembling the stages: the extractor that ingest and extract run.

The only module that joins extraction to geoparsing: extract knows places only through
its PlaceFinder protocol, and the gazetteer-backed Geoparser is registered here (spaCy's
misc registry, "harmwatch.gazetteer_places.v1"), so a worker process that imports this
module can rebuild the same extractor from `extractor.config` alone. spaCy is imported when
an extractor is built, never when this module is: every command imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from harmwatch import extract, geo

if TYPE_CHECKING:
    from harmwatch.extract import Extractor, ExtractorConfig, PlaceFinder

GAZETTEER_PLACES = "harmwatch.gazetteer_places.v1"


@cache
def gazetteer_places() -> PlaceFinder:
    """The offline gazetteer's geoparser (its index built once, then cached on disk)."""
    return geo.Geoparser.load()


@cache
def _registered() -> None:
    """Name the gazetteer in spaCy's registry, where extraction configs find it."""
    from spacy.util import registry

    registry.misc(GAZETTEER_PLACES)(gazetteer_places)


def load_extractor(actors: Path | None = None, model: str | None = None,
                   language: str = "auto", language_packs: Iterable[Path | str] = ()
                   ) -> Extractor:
    """The extractor with the offline gazetteer resolving its places; `language` a pack
    code (or auto: per document), `language_packs` the user's own pack directories."""
    _registered()
    return extract.Extractor.load(actors=actors, place_finder=GAZETTEER_PLACES, model=model,
                                  language=language, language_packs=language_packs)


def extractor_from_config(config: ExtractorConfig | dict) -> Extractor:
    """The extractor `Extractor.config` describes, e.g. rebuilt in a worker process."""
    _registered()
    return extract.Extractor.from_config(config)


@cache
def shared_extractor() -> Extractor:
    """One extractor per process for long-running callers (the web app): loaded on first use,
    since loading the model and gazetteer takes seconds."""
    return load_extractor()
