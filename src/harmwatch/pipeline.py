"""Assembling the stages: the extractor that ingest and extract run.

The only module that joins extraction to geoparsing: extract knows places only through
its PlaceFinder protocol, and the gazetteer-backed Geoparser is plugged in here.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from harmwatch.extract import Extractor, PlaceFinder

log = logging.getLogger(__name__)


def load_place_finder() -> PlaceFinder | None:
    """The gazetteer geoparser, or None (places stay unresolved) where it is not available."""
    geo = importlib.import_module("harmwatch.geo")
    geoparser = getattr(geo, "Geoparser", None)
    if geoparser is None:
        log.debug("harmwatch.geo has no Geoparser; places stay unresolved")
        return None
    return geoparser.load()


def load_extractor(actors: Path | None = None, model: str | None = None) -> Extractor:
    return Extractor.load(actors=actors, place_finder=load_place_finder(), model=model)
