"""Assembling the stages: the extractor that ingest and extract run.

The only module that joins extraction to geoparsing: extract knows places only through
its PlaceFinder protocol, and the gazetteer-backed Geoparser is plugged in here.
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.extract import Extractor
from harmwatch.geo import Geoparser


def load_extractor(actors: Path | None = None, model: str | None = None) -> Extractor:
    """The extractor with the offline gazetteer resolving its places (index built once)."""
    return Extractor.load(actors=actors, place_finder=Geoparser.load(), model=model)
