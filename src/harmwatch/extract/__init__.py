"""Extraction: events with evidence from a report's text.

Public surface: `Extractor` (load, from_config, extract, pipe, config) and its
`ExtractorConfig`; the `PlaceFinder` protocol a geoparser implements and `UnresolvedPlaces`,
the finder used when none is given; language packs: `Pack`, `installed_packs`, `find_pack`,
`register_language`, `pack_from_directory`; `build_pipeline(pack, place_finder)` (the
generic pipeline a pack gets); `TextTooLong` (a document past the documented cap).
"""

from harmwatch.extract.extractor import Extractor, ExtractorConfig
from harmwatch.extract.packs import (
    Pack,
    find_pack,
    installed_packs,
    pack_from_directory,
    register_language,
)
from harmwatch.extract.places import PlaceFinder, UnresolvedPlaces
from harmwatch.extract.segments import MAX_CHARACTERS, TextTooLong
from harmwatch.extract.spacy_pipeline import build_pipeline

__all__ = ["MAX_CHARACTERS", "Extractor", "ExtractorConfig", "Pack", "PlaceFinder",
           "TextTooLong", "UnresolvedPlaces", "build_pipeline", "find_pack",
           "installed_packs", "pack_from_directory", "register_language"]
