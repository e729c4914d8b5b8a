"""The country and province outlines that ship with harmwatch, served offline."""

from __future__ import annotations

import pytest


def inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    """Ray casting: is (lon, lat) inside the ring?"""
    lon, lat = point
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def province_at(collection: dict, point: tuple[float, float]) -> str | None:
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                    else geometry["coordinates"])
        if any(inside(point, polygon[0]) for polygon in polygons):
            return feature["properties"]["name"]
    return None


@pytest.fixture
def provinces(make_client, engine) -> dict:
    response = make_client(public=True).get("/static/geo/provinces.geojson")
    assert response.status_code == 200
    return response.json()


def test_every_governorate_of_syria_and_iraq_ships(provinces):
    countries = [f["properties"]["country"] for f in provinces["features"]]
    assert countries.count("SY") == 14 and countries.count("IQ") == 18


@pytest.mark.parametrize("place, point, province", [
    ("Raqqa", (39.01, 35.95), "Ar Raqqah"),
    ("Albu Kamal", (40.92, 34.45), "Dayr Az Zawr"),
    ("Ain Issa", (38.86, 36.385), "Ar Raqqah"),
    ("Hasakah", (40.75, 36.50), "Hasaka (Al Haksa)"),
    ("Mosul", (43.13, 36.34), "Ninawa"),
])
def test_towns_fall_in_their_province(provinces, place, point, province):
    assert province_at(provinces, point) == province, place
