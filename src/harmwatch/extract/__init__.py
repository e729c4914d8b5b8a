"""Extraction: events with evidence from a report's text.

Public surface: `Extractor` (load, extract, pipe) and the `PlaceFinder` protocol a
geoparser implements; `UnresolvedPlaces` is the finder used when none is given.
"""

from harmwatch.extract.extractor import Extractor
from harmwatch.extract.places import PlaceFinder, UnresolvedPlaces

__all__ = ["Extractor", "PlaceFinder", "UnresolvedPlaces"]
