"""Extraction: events with evidence from a report's text.

Public surface: `Extractor` (load, from_config, extract, pipe, config) and its
`ExtractorConfig`; the `PlaceFinder` protocol a geoparser implements and `UnresolvedPlaces`,
the finder used when none is given; language packs: `Pack`, `installed_packs`, `find_pack`,
`register_language`, `pack_from_directory`; `build_pipeline(pack, place_finder)` (the
generic pipeline a pack gets); `TextTooLong` (a document past the sources' MAX_CHARACTERS);
`consolidate` and `confidence_key` (one event per reported attack, calibrated confidence);
the English vocabularies the evaluations' naive baselines share: `ActorDictionary`,
`EventLexicon`, `parse_count`.
"""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "actors": ["ActorDictionary"],
    "consolidate": ["confidence_key", "consolidate"],
    "extractor": ["Extractor", "ExtractorConfig"],
    "packs": ["Pack", "find_pack", "installed_packs", "pack_from_directory", "register_language"],
    "lexicon": ["EventLexicon"],
    "numbers": ["parse_count"],
    "places": ["PlaceFinder", "UnresolvedPlaces"],
    "segments": ["TextTooLong"],
    "spacy_pipeline": ["build_pipeline"],
})
