"""Airwars: each source text Airwars cites, scored against Airwars' coding of its incident.

Per source, its main event (see `fakes.MAIN_EVENT`) against the incident: civilians killed
(the civilian figure, or the total where no group is said, within Airwars' [min, max]; none
found counts as 0), belligerent (actor1 mapped through data/airwars.yaml), place (any
extracted place within 25 km of Airwars' point, where it gives one), governorate, and date
(the event's range within a day of Airwars' date, where the source's publication date is
known). Naive baselines in the same run: the first number before a killing word, the first
belligerent word, the first governorate named, and the publication date itself.
Grouping: all sources are ingested into a temporary database, incidents are built, and the
incidents of the sources' main events are compared with Airwars' incidents.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from harmwatch.data import data_path, read_yaml
from harmwatch.errors import SourceError
from harmwatch.evaluation.fakes import MAIN_EVENT, FakesMapping, civilian_deaths
from harmwatch.evaluation.grouping import PRF, bcubed, pairwise
from harmwatch.extract import ActorDictionary, parse_count
from harmwatch.geo import distance_km
from harmwatch.incidents import build_incidents
from harmwatch.ingest import ingest
from harmwatch.model import Document, DocumentRef, Event, ExtractionResult
from harmwatch.store import DocumentRepository, IncidentRepository, open_database

FIELDS = ("civilians_killed", "belligerent", "place_25km", "governorate", "date")
TARGETS = {"civilians_killed": 0.70, "belligerent": 0.70, "place_25km": 0.60,
           "governorate": 0.85}
NEAR_KM = 25
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass
class Source:
    id: str
    incident: str
    lang: str
    published: date | None
    text: str

    @property
    def document(self) -> Document:
        return Document(text=self.text, published=self.published, language=self.lang,
                        source=f"airwars:{self.id}")


@dataclass
class Coding:
    """Airwars' coding of one incident."""

    date: date | None
    region: str | None
    point: tuple[float, float] | None
    belligerents: set[str]
    killed: tuple[int, int]


def _jsonl(path: Path) -> Iterable[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read it: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceError(f"{path}:{number}", f"not a JSON object: {exc}") from exc


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def read_sources(path: Path) -> list[Source]:
    try:
        return [Source(r["id"], r["incident"], r["lang"], _day(r.get("published")), r["text"])
                for r in _jsonl(path)]
    except KeyError as exc:
        raise SourceError(str(path), f"not an Airwars sources file: no {exc} field") from exc


def read_codings(path: Path) -> dict[str, Coding]:
    codings = {}
    for r in _jsonl(path):
        low = r.get("civ_killed_min") or 0
        point = (r["lat"], r["lon"]) if r.get("lat") is not None else None
        codings[r["incident"]] = Coding(
            _day(r.get("date")), r.get("region"), point,
            {b.strip() for b in (r.get("belligerent") or "").split(",") if b.strip()},
            (low, max(low, r.get("civ_killed_max") or low)))
    return codings


class AirwarsMapping:
    def __init__(self, data: dict, fakes: dict):
        self.belligerents: dict[str, str] = data["belligerents"]
        governorates = {name: [*aliases, *data["governorates"].get(name, [])]
                        for name, aliases in fakes["governorates"].items()}
        self.places = FakesMapping({"actors": {}, "causes": {}, "governorates": governorates})
        self.killing_words: dict[str, list[str]] = data["killing_words"]

    @classmethod
    def load(cls) -> AirwarsMapping:
        def read(name: str) -> dict:
            return read_yaml(data_path(name).read_text(encoding="utf-8"))
        return cls(read("airwars.yaml"), read("fakes.yaml"))

    @cached_property
    def _first_killed(self) -> re.Pattern:
        words = "|".join(re.escape(w) for ws in self.killing_words.values() for w in ws)
        return re.compile(rf"(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?:\S+\s+){{0,3}}?(?:{words})",
                          re.IGNORECASE)

    def first_killed(self, text: str) -> int:
        """The naive baseline: the first number before a killing word (0 if none)."""
        for found in self._first_killed.finditer(text.translate(_EASTERN_DIGITS)):
            count = parse_count(found.group(1).replace(",", ""))
            if count is not None:
                return count.min
        return 0


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _near(result: ExtractionResult, point: tuple[float, float]) -> bool:
    return any(p.lat is not None and distance_km(p.lat, p.lon, *point) <= NEAR_KM
               for p in result.places)


def _dated(event: Event | None, day: date) -> bool:
    if event is None or event.date is None:
        return False
    return event.date.start - timedelta(days=1) <= day <= event.date.end + timedelta(days=1)


@dataclass
class Tally:
    n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    naive: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    sources: int = 0
    no_baseline: set[str] = field(default_factory=set)

    def add(self, name: str, ours: bool, naive: bool | None) -> None:
        """naive None: the field has no naive baseline (shown as '-')."""
        self.n[name] += 1
        self.hits[name] += ours
        self.naive[name] += bool(naive)
        if naive is None:
            self.no_baseline.add(name)

    def rates(self, table: dict[str, int]) -> dict[str, float | None]:
        return {f: table[f] / self.n[f] if self.n[f] and not (
            table is self.naive and f in self.no_baseline) else None for f in FIELDS}


class Scorer:
    def __init__(self, main: Callable[[ExtractionResult], Event | None]):
        self.main = main
        self.mapping = AirwarsMapping.load()
        self.actors = ActorDictionary.load()

    def first_belligerent(self, text: str) -> str | None:
        # "İran" (Turkish capital dotted I) lower-cases to two characters, which the actor
        # dictionary cannot look up; the plain I means the same here.
        for actor in self.actors.find(text.replace("İ", "I")):
            if actor.id in self.mapping.belligerents:
                return self.mapping.belligerents[actor.id]
        return None

    def governorate(self, event: Event | None, result: ExtractionResult) -> str | None:
        places = self.mapping.places
        if event is not None and event.location is not None:
            where = event.location
            found = places.governorate(where.admin1, where.name, where.text)
            if found:
                return found
        return next((g for p in result.places
                     if (g := places.governorate(p.admin1, p.name, p.text))), None)

    def score(self, tally: Tally, source: Source, coding: Coding,
              result: ExtractionResult) -> None:
        event, text, mapping = self.main(result), source.text, self.mapping
        tally.sources += 1
        tally.add("civilians_killed", _within(civilian_deaths(event), coding.killed),
                  _within(mapping.first_killed(text), coding.killed))
        actor = event.actor1.id if event and event.actor1 else None
        tally.add("belligerent", mapping.belligerents.get(actor) in coding.belligerents,
                  self.first_belligerent(text) in coding.belligerents)
        if coding.point is not None:
            tally.add("place_25km", _near(result, coding.point), None)
        region = mapping.places.governorate(coding.region) if coding.region else None
        if region is not None:
            tally.add("governorate", self.governorate(event, result) == region,
                      mapping.places.first_governorate(text) == region)
        if coding.date is not None and source.published is not None:
            tally.add("date", _dated(event, coding.date),
                      abs((source.published - coding.date).days) <= 1)


@dataclass
class Report:
    tallies: dict[str, Tally]
    grouping: dict[str, dict[str, tuple[PRF, PRF]]]  # language -> method -> (pairwise, B3)


def evaluate(sources: list[Source], codings: dict[str, Coding], extractor,
             advance: Callable[[int], None] = lambda n: None, main: str = "subject") -> Report:
    """Ingest the sources into a temporary database, build incidents, and score."""
    unknown = sorted({s.incident for s in sources} - set(codings))
    if unknown:
        raise SourceError("incidents file", f"has no coding for {', '.join(unknown[:5])}")
    scorer = Scorer(MAIN_EVENT[main])
    tallies: dict[str, Tally] = {}
    ours: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="harmwatch-eval-") as directory:
        engine = open_database(f"sqlite:///{Path(directory) / 'eval.db'}")
        documents = DocumentRepository(engine)
        ingest([s.document for s in sources], documents, extractor, advance)
        incidents = IncidentRepository(engine)
        build_incidents(incidents)
        assigned = {e: i for e, (i, _) in incidents.assignments().items()}
        for source in sources:
            # A text whose extraction failed (logged by ingest) scores as finding nothing.
            result = documents.extraction(source.document.id) or ExtractionResult(
                document=DocumentRef.of(source.document))
            tally = tallies.setdefault(source.lang, Tally())
            scorer.score(tally, source, codings[source.incident], result)
            event = scorer.main(result)
            ours[source.id] = assigned.get(event.id, source.id) if event else source.id
        engine.dispose()
    return Report(tallies, _grouping(sources, ours, scorer.mapping.places))


def _grouping(sources: list[Source], ours: dict[str, str], places: FakesMapping
              ) -> dict[str, dict[str, tuple[PRF, PRF]]]:
    """Per language (and all together), harmwatch's incidents and the naive grouping (same
    first governorate, same publication date) against Airwars' incidents."""
    naive = {s.id: (places.first_governorate(s.text), s.published)
             if s.published and places.first_governorate(s.text) else s.id for s in sources}
    languages = {s.lang for s in sources}
    scopes = {lang: [s for s in sources if s.lang == lang] for lang in sorted(languages)}
    if len(languages) > 1:
        scopes["all"] = sources
    grouping = {}
    for scope, members in scopes.items():
        gold = {s.id: s.incident for s in members}
        grouping[scope] = {
            name: (pairwise(predicted, gold), bcubed(predicted, gold))
            for name, predicted in (
                ("harmwatch", {s.id: ours[s.id] for s in members}),
                ("naive: first governorate + publication date",
                 {s.id: naive[s.id] for s in members}))}
    return grouping
