"""Build src/harmwatch/data/geo/villages.tsv.gz from Who's On First's Syria and Iraq files.

Every populated place, neighbourhood, district and governorate of whosonfirst-SY.csv and
whosonfirst-IQ.csv (flattened WOF admin data; points and names mostly from GeoNames, CC BY
4.0; Who's On First's own work CC0; see NOTICE) becomes one row of a small gzip TSV that the
package ships, so that building the index on first use needs nothing outside the package.

Run: make gazetteer-data  (or: python scripts/build_gazetteer_data.py [SOURCE_DIR])
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from harmwatch.geo.embedded import read_table  # noqa: E402
from harmwatch.geo.names import NameRules  # noqa: E402

DEFAULT_SOURCE = Path("/work/shared/gazetteers")
TARGET = ROOT / "src" / "harmwatch" / "data" / "geo" / "villages.tsv.gz"
COUNTRIES = ("SY", "IQ")
# WOF's feature words -> GeoNames feature codes (which set ACLED geo_precision downstream:
# a populated place or neighbourhood 1, a district 2, a governorate 3). Villages are PPLL
# (GeoNames' "populated locality") so that a town stays told apart from a hamlet that shares
# a common word's spelling. Unlisted features (an airport campus, a historic site) are left out.
FEATURES = {
    "city": "PPL", "town": "PPL", "village": "PPLL", "locality": "PPLL", "settlement": "PPLL",
    "farm village": "PPLL", "abandoned place": "PPLQ", "destroyed place": "PPLW",
    "neighbourhood": "PPLX", "district": "ADM2", "governorate": "ADM1",
}
COLUMNS = ["wof_id", "geonameid", "country", "admin1_code", "admin2", "feature", "lat", "lon",
           "name", "name_ar", "alt_names"]


def admin1_codes(rules: NameRules) -> dict[tuple[str, str], str]:
    """(country, key of any governorate name) -> GeoNames admin1 code, from admin1.csv."""
    codes = {}
    for row in read_table(ROOT / "src" / "harmwatch" / "data" / "geo" / "admin1.csv"):
        for name in [row["name"], *row["names"].split("|"), *row["arabic"].split("|")]:
            codes[(row["country"], rules.key(name))] = row["code"]
    return codes


def source_ids(value: str) -> tuple[str, str]:
    """'wof:123 gn:456' -> ('123', '456')."""
    ids = dict(part.split(":", 1) for part in value.split() if ":" in part)
    return ids.get("wof", ""), ids.get("gn", "")


def rows(source: Path, rules: NameRules):
    codes = admin1_codes(rules)
    for country in COUNTRIES:
        with (source / f"whosonfirst-{country}.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                feature = FEATURES.get(row["feature"])
                code = codes.get((country, rules.key(row["admin1"] or "")))
                if feature is None or not row["name"]:
                    continue
                wof, gn = source_ids(row["source_id"])
                alternates = [n for n in dict.fromkeys(row["alt_names"].split("|"))
                              if n and n not in (row["name"], row["name_ar"])]
                yield [wof, gn, country, code or "", row["admin2"], feature,
                       f"{float(row['lat']):.5f}", f"{float(row['lon']):.5f}", row["name"],
                       row["name_ar"], "|".join(alternates)]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    rules = NameRules.load()
    count = 0
    # mtime=0: the same input gives the same bytes (the index version hashes this file).
    with open(TARGET, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        lines = ["\t".join(COLUMNS)]
        for row in rows(source, rules):
            lines.append("\t".join(value.replace("\t", " ") for value in row))
            count += 1
        packed.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{count} places -> {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
