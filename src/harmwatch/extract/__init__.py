"""Extraction: events with evidence from a report's text.

Public surface: `Extractor` (load, extract, pipe) and the `PlaceFinder` protocol a
geoparser implements; `UnresolvedPlaces` is the finder used when none is given;
`batch_results` runs a JSONL batch (one result or error per line, in order).
"""

from harmwatch.extract.batch import batch_results
from harmwatch.extract.extractor import Extractor
from harmwatch.extract.places import PlaceFinder, UnresolvedPlaces

__all__ = ["Extractor", "PlaceFinder", "UnresolvedPlaces", "batch_results"]
