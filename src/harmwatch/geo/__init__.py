"""harmwatch.geo: offline gazetteer and geoparser for Syrian, Iraqi and world place names.

    parser = Geoparser.load()              # opens (or builds once) the on-disk index
    parser.find_places(text, candidates)   # every place mention, resolved or not
    parser.geocode("Dayr az Zawr")         # ranked candidates
"""

from harmwatch.geo.distance import distance_km
from harmwatch.geo.parser import Geoparser, cache_dir_default
from harmwatch.geo.records import Candidate, PlaceRecord

__all__ = ["Candidate", "Geoparser", "PlaceRecord", "cache_dir_default", "distance_km"]
