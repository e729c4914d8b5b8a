"""Managing the user's gazetteer: loading files into it, downloading GeoNames dumps."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx

from harmwatch.errors import SourceError, UsageError
from harmwatch.geo.index import GazetteerDB
from harmwatch.geo.lifecycle import USER_DB_NAME, cache_dir_default
from harmwatch.geo.loaders import FieldMapping, LoadReport, read_geonames, read_place_list
from harmwatch.geo.names import NameRules
from harmwatch.geo.records import PlaceRecord

log = logging.getLogger(__name__)

GEONAMES_URL = "https://download.geonames.org/export/dump/"
DOWNLOAD_TIMEOUT = 120.0


def user_db_path(user_db: Path | None = None, cache_dir: Path | None = None) -> Path:
    return user_db or (cache_dir or cache_dir_default()) / USER_DB_NAME


def is_geonames_dump(path: Path) -> bool:
    """A .zip, or a .txt whose first line has GeoNames' 19 tab-separated columns."""
    if path.suffix.lower() == ".zip":
        return True
    if path.suffix.lower() != ".txt":
        return False
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().count("\t") >= 18


def load_file(path: Path, db_path: Path, mapping: FieldMapping | None = None,
              source: str | None = None, country: str | None = None,
              advance: Callable[[int], None] | None = None) -> LoadReport:
    """Add a GeoNames dump or a CSV/JSON place list to the user's gazetteer database."""
    if not path.is_file():
        raise SourceError(str(path), "no such file; give a GeoNames dump (.txt/.zip) or a "
                                     "CSV/JSON place list")
    if is_geonames_dump(path):
        report = LoadReport(source="geonames-dump")
        records = read_geonames(path, report)
    elif path.suffix.lower() in (".csv", ".json"):
        report = LoadReport(source=source or path.stem)
        records = read_place_list(path, mapping or FieldMapping(), report, country)
    else:
        raise SourceError(str(path), "unknown gazetteer format; use a GeoNames dump "
                                     "(.txt/.zip), .csv or .json")
    db = GazetteerDB.open(db_path, NameRules.load(), create=True)
    try:
        db.add(_counted(records, advance))
    finally:
        db.close()
    for location, reason in report.skipped:
        log.warning("%s:%s: skipped: %s", path, location, reason)
    return report


def _counted(records: Iterable[PlaceRecord],
             advance: Callable[[int], None] | None) -> Iterator[PlaceRecord]:
    for record in records:
        yield record
        if advance:
            advance(1)


def download(countries: Iterable[str], folder: Path, base_url: str | None = None) -> list[Path]:
    """Fetch GeoNames country dumps (SY.zip, IQ.zip) over HTTP(S) into folder."""
    base = (base_url or os.environ.get("HARMWATCH_GEONAMES_URL") or GEONAMES_URL).rstrip("/")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with httpx.Client(timeout=DOWNLOAD_TIMEOUT, follow_redirects=True) as client:
        for code in countries:
            code = code.strip().upper()
            if len(code) != 2 or not code.isalpha():
                raise UsageError(f"{code!r} is not a two-letter country code (e.g. SY, IQ)")
            url = f"{base}/{code}.zip"
            target = folder / f"{code}.zip"
            partial = target.with_suffix(".zip.partial")
            try:
                with client.stream("GET", url) as response:
                    response.raise_for_status()
                    with partial.open("wb") as out:
                        for chunk in response.iter_bytes():
                            out.write(chunk)
            except httpx.HTTPError as exc:
                partial.unlink(missing_ok=True)
                raise SourceError(url, f"download failed ({exc}); check the connection or "
                                       "set --base-url / HARMWATCH_GEONAMES_URL") from exc
            os.replace(partial, target)
            paths.append(target)
    return paths
