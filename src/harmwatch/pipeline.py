"""Assembling the stages: the extractor that ingest and extract run.

The only module that joins extraction to geoparsing: extract knows places only through
its PlaceFinder protocol, and the gazetteer-backed Geoparser is plugged in here.
"""

from __future__ import annotations

from pathlib import Path

# The packages, not their classes: spaCy is imported when an extractor is loaded, not when a
# command that might load one is imported.
from harmwatch import extract, geo


def load_extractor(actors: Path | None = None, model: str | None = None) -> extract.Extractor:
    """The extractor with the offline gazetteer resolving its places (index built once)."""
    return extract.Extractor.load(actors=actors, place_finder=geo.Geoparser.load(), model=model)
