"""Reading more places: GeoNames dumps (.txt or .zip) and a team's own CSV or JSON list.

Both produce PlaceRecords; a bad row is reported with its line or item number and the
reading goes on.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harmwatch.errors import SourceError
from harmwatch.geo.records import ADMIN1, TOWN, PlaceRecord

GEONAMES_SOURCE = "geonames-dump"
GEONAMES_COLUMNS = 19
NAME_SEPARATORS = re.compile(r"[|;]")
LATLON_SEPARATORS = re.compile(r"[,;\s]+")

# Which column or key of a team's list holds what; the first present one is used.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "name_en", "location_en", "place", "location", "english_name"),
    "arabic": ("arabic_name", "name_ar", "location_ar", "arabic"),
    "alternates": ("alternate_names", "alternatenames", "other_names", "aliases", "variants"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "latlon": ("latlon", "coordinates", "latlng"),
    "admin1": ("admin1", "region", "region_en", "governorate", "province"),
    "country": ("country", "country_code", "countrycode", "cc"),
    "id": ("id", "code", "place_id", "uid"),
}


@dataclass
class LoadReport:
    """What reading a file gave: places, and the rows skipped with the reason."""

    source: str
    places: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FieldMapping:
    """Which field of a row is the name, the Arabic name, the coordinates, ... (None: guess)."""

    name: str | None = None
    arabic: str | None = None
    alternates: str | None = None
    lat: str | None = None
    lon: str | None = None
    latlon: str | None = None
    admin1: str | None = None
    country: str | None = None
    id: str | None = None

    def resolve(self, columns: list[str]) -> dict[str, str | None]:
        """The column used for each field, given the columns the file has."""
        lowered = {c.strip().lower(): c for c in columns}
        chosen: dict[str, str | None] = {}
        for role, guesses in DEFAULT_FIELDS.items():
            given = getattr(self, role)
            if given is not None:
                if given not in columns:
                    raise ValueError(f"has no field {given!r} (it has: {', '.join(columns)})")
                chosen[role] = given
            else:
                chosen[role] = next((lowered[g] for g in guesses if g in lowered), None)
        if chosen["name"] is None and chosen["arabic"] is None:
            raise ValueError(f"has no name field; name it with --name-field (fields: "
                             f"{', '.join(columns)})")
        if chosen["latlon"] is None and (chosen["lat"] is None or chosen["lon"] is None):
            raise ValueError("has no latitude/longitude fields; name them with --lat-field "
                             "and --lon-field")
        return chosen


def geonames_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, columns) of a GeoNames dump, plain or zipped."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist()
                       if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise SourceError(str(path), "the zip holds no GeoNames .txt dump")
            for member in members:
                with archive.open(member) as raw:
                    yield from _tab_lines(io.TextIOWrapper(raw, encoding="utf-8"))
    else:
        with path.open(encoding="utf-8") as handle:
            yield from _tab_lines(handle)


def _tab_lines(handle) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(handle, start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.rstrip("\n").split("\t")


def read_geonames(path: Path, report: LoadReport) -> Iterator[PlaceRecord]:
    """Places of a GeoNames dump (allCountries, SY.txt, SY.zip) with their alternate names."""
    admin1_names = {(cols[8], cols[10]): cols[1] for _, cols in geonames_rows(path)
                    if len(cols) >= GEONAMES_COLUMNS and cols[7] == ADMIN1}
    for number, cols in geonames_rows(path):
        if len(cols) < GEONAMES_COLUMNS:
            report.skipped.append((f"line {number}", f"{len(cols)} columns, a GeoNames dump "
                                                     f"has {GEONAMES_COLUMNS}"))
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError:
            report.skipped.append((f"line {number}", "latitude, longitude or population "
                                                     "is not a number"))
            continue
        country, code = cols[8] or None, cols[10] or None
        report.places += 1
        yield PlaceRecord(
            source=GEONAMES_SOURCE, source_id=cols[0], name=cols[1], lat=lat, lon=lon,
            country=country, admin1_code=code, admin1=admin1_names.get((cols[8], cols[10])),
            feature=cols[7] or TOWN, population=population,
            names=[cols[1], cols[2], *(n for n in cols[3].split(",") if n)])


def list_rows(path: Path) -> tuple[list[str], Iterator[tuple[str, dict]]]:
    """The fields and (location, row) pairs of a CSV or JSON place list."""
    try:
        if path.suffix.lower() == ".json":
            items = json.loads(path.read_text(encoding="utf-8-sig"))
            if isinstance(items, dict):
                items = next((v for v in items.values() if isinstance(v, list)), [items])
            items = [item for item in items if isinstance(item, dict)]
            columns = list(dict.fromkeys(k for item in items for k in item))
            return columns, ((f"item {i}", item) for i, item in enumerate(items))
        handle = path.open(encoding="utf-8-sig", newline="")
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), (
            (f"line {reader.line_num}", row) for row in reader)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(str(path), f"cannot read the place list ({exc})") from exc


def read_place_list(path: Path, mapping: FieldMapping, report: LoadReport,
                    default_country: str | None = None) -> Iterator[PlaceRecord]:
    """Places of a team's own list (CSV or JSON)."""
    columns, rows = list_rows(path)
    try:
        fields = mapping.resolve(columns)
    except ValueError as exc:
        raise SourceError(str(path), str(exc)) from exc
    for number, (location, row) in enumerate(rows):
        record = _list_record(row, fields, report.source, number, default_country)
        if isinstance(record, str):
            report.skipped.append((location, record))
            continue
        report.places += 1
        yield record


def _value(row: dict, column: str | None) -> str:
    value = row.get(column) if column else None
    return "" if value is None else str(value).strip()


def _coordinates(row: dict, fields: dict[str, str | None]) -> tuple[float, float] | None:
    try:
        lat, lon = float(_value(row, fields["lat"])), float(_value(row, fields["lon"]))
    except ValueError:
        pair = LATLON_SEPARATORS.split(_value(row, fields["latlon"]))
        if len(pair) != 2:
            return None
        try:
            lat, lon = float(pair[0]), float(pair[1])
        except ValueError:
            return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _list_record(row: dict, fields: dict[str, str | None], source: str, number: int,
                 default_country: str | None) -> PlaceRecord | str:
    """A record, or the reason the row cannot be one."""
    name, arabic = _value(row, fields["name"]), _value(row, fields["arabic"])
    if not name and not arabic:
        return "no name"
    point = _coordinates(row, fields)
    if point is None:
        return "no usable latitude/longitude"
    alternates = [n.strip() for n in NAME_SEPARATORS.split(_value(row, fields["alternates"]))]
    admin1 = _value(row, fields["admin1"])
    if admin1.isupper():
        admin1 = admin1.title()
    country = (_value(row, fields["country"]) or default_country or "").upper() or None
    return PlaceRecord(
        source=source, source_id=_value(row, fields["id"]) or str(number), name=name or arabic,
        lat=point[0], lon=point[1], country=country, admin1=admin1 or None, feature=TOWN,
        names=[n for n in (name, arabic, *alternates) if n])
