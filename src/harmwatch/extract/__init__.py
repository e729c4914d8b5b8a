"""Extraction: events with evidence from a report's text.

Public surface: `Extractor` (load, from_config, extract, pipe, config) and its
`ExtractorConfig`; the `PlaceFinder` protocol a geoparser implements and `UnresolvedPlaces`,
the finder used when none is given; language packs: `Pack`, `installed_packs`, `find_pack`,
`register_language`, `pack_from_directory`; `build_pipeline(pack, place_finder)` (the
generic pipeline a pack gets); `TextTooLong` (a document past the documented cap).
"""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "batch": ["batch_results"],
    "extractor": ["Extractor", "ExtractorConfig"],
    "packs": ["Pack", "find_pack", "installed_packs", "pack_from_directory", "register_language"],
    "places": ["PlaceFinder", "UnresolvedPlaces"],
    "segments": ["MAX_CHARACTERS", "TextTooLong"],
    "spacy_pipeline": ["build_pipeline"],
})
