"""FA-KES: the main event of each article against crowd-coded governorate, actor, cause, deaths.

The main event is the one with the most killed (the issue's definition), or with
`main="lead"` the first event that reports deaths. Scores sit beside the naive
baselines the issue measured: the first governorate, actor keyword, cause keyword and
"N civilians/people" in the text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from harmwatch.data import data_path, read_yaml
from harmwatch.errors import SourceError
from harmwatch.extract import ActorDictionary, EventLexicon, parse_count
from harmwatch.model import Casualties, Document, Event, ExtractionResult

if TYPE_CHECKING:
    from harmwatch.extract import Extractor

FIELDS = ("governorate", "actor", "cause", "civilian_deaths")
TARGETS = {"governorate": 0.92, "actor": 0.75, "cause": 0.85, "civilian_deaths": 0.75}
_COUNTED = re.compile(r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                      r"twelve|[a-z]+teen|twenty|thirty|forty|fifty)\s+(?:\w+\s+)?"
                      r"(?:civilians|people)\b", re.IGNORECASE)


@dataclass
class Row:
    id: str
    text: str
    title: str
    published: object
    gold: dict[str, object]


@dataclass
class Score:
    n: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    baseline: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    rows: list[Row] = field(default_factory=list)
    results: list[ExtractionResult] = field(default_factory=list)

    def rate(self, name: str, table: dict[str, int] | None = None) -> float:
        return (table or self.hits)[name] / self.n if self.n else 0.0


class FakesMapping:
    def __init__(self, data: dict):
        self.actors: dict[str, str] = data["actors"]
        self.causes: dict[str, str] = data["causes"]
        self.governorates = {alias.lower(): name for name, aliases in
                             data["governorates"].items() for alias in aliases}

    @classmethod
    def load(cls) -> FakesMapping:
        return cls(read_yaml(data_path("fakes.yaml").read_text(encoding="utf-8")))

    @cached_property
    def _governorate_re(self) -> re.Pattern:
        names = sorted(self.governorates, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b",
                          re.IGNORECASE)

    def governorate(self, *names: str | None) -> str | None:
        for name in names:
            if not name:
                continue
            key = re.sub(r"\s+(?:governorate|province)$", "", name.lower().strip())
            if key in self.governorates:
                return self.governorates[key]
            found = self._governorate_re.search(name)
            if found:
                return self.governorates[found.group().lower()]
        return None

    def first_governorate(self, text: str) -> str | None:
        found = self._governorate_re.search(text)
        return self.governorates[found.group().lower()] if found else None


def read_rows(path: Path) -> list[Row]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [_row(record) for record in csv.DictReader(handle)]
    except (OSError, KeyError) as exc:
        raise SourceError(str(path), f"not a FA-KES CSV ({exc}); expected the columns "
                                     "unit_id, article_title, article_content, date, location, "
                                     "actor, cause_of_death, nb_civilians") from exc


def _row(record: dict) -> Row:
    try:
        published = datetime.strptime(record["date"], "%m/%d/%y").date()
    except ValueError:
        published = None
    return Row(id=record["unit_id"], text=record["article_content"],
               title=record["article_title"], published=published,
               gold={"governorate": record["location"].strip().lower(),
                     "actor": record["actor"].strip().lower(),
                     "cause": record["cause_of_death"].strip().lower(),
                     "civilian_deaths": int(float(record["nb_civilians"] or 0))})


def _killed(event: Event) -> int:
    figure = event.killed.total or event.killed.civilians
    return figure.min if figure else -1


def _reported(result: ExtractionResult) -> list[Event]:
    """The events a report reports, not the background it recalls (all, if it only recalls)."""
    return [e for e in result.events if not e.recalled] or result.events


def most_killed(result: ExtractionResult) -> Event | None:
    """The issue's definition: the event with the most killed (the first of equals)."""
    return max(_reported(result), key=_killed, default=None)


def lead(result: ExtractionResult) -> Event | None:
    """The first event that reports deaths (a news lead states its main event first)."""
    events = _reported(result)
    return next((e for e in events if _killed(e) >= 0), events[0] if events else None)


def subject(result: ExtractionResult) -> Event | None:
    """The report's own main event: extraction numbers it e1 (see extract/consolidate.py)."""
    return next((e for e in result.events if e.id.endswith(":e1")),
                result.events[0] if result.events else None)


MAIN_EVENT = {"subject": subject, "most-killed": most_killed, "lead": lead}


def civilian_deaths(event: Event | None) -> int:
    return civilians_killed(event.killed) if event is not None else 0


def civilians_killed(killed: Casualties) -> int:
    """The civilians figure, else the total less combatants, else 0."""
    if killed.civilians:
        return killed.civilians.min
    if killed.total:
        return max(0, killed.total.min - (killed.combatants.min if killed.combatants else 0))
    return 0


def predict(result: ExtractionResult, mapping: FakesMapping,
            main_event: Callable[[ExtractionResult], Event | None] = most_killed
            ) -> dict[str, object]:
    event = main_event(result)
    located = [e.location for e in result.events if e.location]
    place = event.location if event and event.location else (located[0] if located else None)
    # The main event's place, else the document's first place in a known governorate.
    governorate = mapping.governorate(place.admin1, place.name, place.text) if place else None
    for other in result.places:
        governorate = governorate or mapping.governorate(other.admin1, other.name, other.text)
    return {
        "governorate": governorate,
        "actor": mapping.actors.get(event.actor1.id, "unknown")
        if event and event.actor1 else "unknown",
        "cause": mapping.causes.get(event.method, "unknown") if event else "unknown",
        "civilian_deaths": civilian_deaths(event),
    }


def baseline(row: Row, mapping: FakesMapping, actors: ActorDictionary,
             lexicon: EventLexicon) -> dict[str, object]:
    first_actor = next((a for a in actors.find(row.text) if a.id != "civilians"), None)
    triggers = [t for t in lexicon.triggers(row.text, 0, len(row.text)) if t.method]
    counted = _COUNTED.search(row.text)
    count = parse_count(counted.group(1)) if counted else None
    return {
        "governorate": mapping.first_governorate(row.text),
        "actor": mapping.actors.get(first_actor.id, "unknown") if first_actor else "unknown",
        "cause": mapping.causes.get(triggers[0].method, "unknown") if triggers else "unknown",
        "civilian_deaths": count.min if count else 0,
    }


def evaluate(rows: Iterable[Row], extractor: Extractor,
             advance: Callable[[int], None] = lambda n: None, main: str = "subject"
             ) -> Score:
    rows = list(rows)
    mapping = FakesMapping.load()
    actors, lexicon = ActorDictionary.load(), EventLexicon.load()
    documents = [Document(id=r.id, text=r.text, title=r.title, published=r.published)
                 for r in rows]
    score = Score()
    for row, result in zip(rows, extractor.pipe(documents), strict=True):
        ours = predict(result, mapping, MAIN_EVENT[main])
        naive = baseline(row, mapping, actors, lexicon)
        score.n += 1
        score.rows.append(row)
        score.results.append(result)
        for name in FIELDS:
            score.hits[name] += ours[name] == row.gold[name]
            score.baseline[name] += naive[name] == row.gold[name]
        advance(1)
    return score
