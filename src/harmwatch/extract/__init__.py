"""Extraction: events with evidence from a report's text.

Public surface: `Extractor` (load, extract, pipe) and the `PlaceFinder` protocol a
geoparser implements; `UnresolvedPlaces` is the finder used when none is given;
`batch_results` runs a JSONL batch (one result or error per line, in order).
"""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "batch": ["batch_results"],
    "extractor": ["Extractor"],
    "places": ["PlaceFinder", "UnresolvedPlaces"],
})
