"""Incident grouping measured on FA-KES: do articles about one event end up in one incident?

FA-KES gathers articles from several outlets about the same events. Two articles whose coded
governorates agree and whose coded dates are at most two days apart are taken to report one
event (coders dated one strike a day or two apart across outlets). Each article is ingested
with its coded date as its publication date, incidents are built, and the article's main
event (the one with the most killed, as in `eval fakes`) decides its incident; a second
score counts two articles together when any of their events share an incident. Scores are
pairwise: of the article pairs put in one incident, the share that report one event
(precision); of the pairs that report one event, the share put in one incident (recall).
The baseline in the same run, given the same dates, pairs articles of the same date that
name the same governorate first.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from harmwatch.evaluation.fakes import FakesMapping, Row, civilians_killed, subject
from harmwatch.incidents import build_incidents
from harmwatch.ingest import ingest
from harmwatch.model import Document
from harmwatch.store import DocumentRepository, IncidentRepository, open_database


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    predicted_pairs: int
    true_pairs: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


MAX_CODED_DAYS_APART = 2
Pair = frozenset[str]


def grouped_pairs(groups: dict[str, Hashable]) -> set[Pair]:
    """Every pair of articles that share a group."""
    members: dict[Hashable, list[str]] = {}
    for article, group in groups.items():
        members.setdefault(group, []).append(article)
    return {frozenset((a, b)) for same in members.values() for a, b in combinations(same, 2)}


def true_pairs(rows: list[Row]) -> set[Pair]:
    return {frozenset((a.id, b.id)) for a, b in combinations(rows, 2)
            if a.gold["governorate"] == b.gold["governorate"] and a.published and b.published
            and abs((a.published - b.published).days) <= MAX_CODED_DAYS_APART}


def pair_score(predicted: set[Pair], truth: set[Pair]) -> PairScore:
    right = len(predicted & truth)
    return PairScore(right / len(predicted) if predicted else 1.0,
                     right / len(truth) if truth else 1.0, len(predicted), len(truth))


def _document(row: Row) -> Document:
    return Document(text=f"{row.title}\n\n{row.text}", title=row.title, published=row.published,
                    source=f"fakes:{row.id}")


@dataclass
class ArticleIncidents:
    main: dict[str, Hashable]  # article -> its main event's incident (or itself)
    every: dict[str, set[str]]  # article -> the incidents of all its events
    incidents: int = 0
    fatalities: int = 0  # summed over all incidents built
    civilian_deaths: int = 0  # their civilians killed (as `eval fakes` reads an event)


@dataclass(frozen=True)
class Volume:
    """How many incidents the articles became, and how many dead they add up to, beside the
    coders' one main event per article (their summed civilian deaths count an event told
    by several articles several times, so it is an upper bound)."""

    articles: int
    incidents: int
    most_in_one_article: int
    fatalities: int
    civilian_deaths: int
    coded_deaths: int

    @property
    def per_article(self) -> float:
        return self.incidents / self.articles if self.articles else 0.0


def article_incidents(rows: list[Row], extractor, advance: Callable[[int], None]
                      ) -> ArticleIncidents:
    """Each article's incidents, after ingesting all articles and building incidents."""
    found = ArticleIncidents({}, {})
    with tempfile.TemporaryDirectory(prefix="harmwatch-eval-") as directory:
        engine = open_database(f"sqlite:///{Path(directory) / 'eval.db'}")
        documents = DocumentRepository(engine)
        ingest([_document(row) for row in rows], documents, extractor, advance)
        incidents = IncidentRepository(engine)
        build_incidents(incidents)
        for incident in incidents.all():
            found.incidents += 1
            found.fatalities += incident.fatalities
            found.civilian_deaths += civilians_killed(incident.killed)
        assigned = {e: i for e, (i, _) in incidents.assignments().items()}
        for row in rows:
            extraction = documents.extraction(_document(row).id)
            main = subject(extraction) if extraction else None
            found.main[row.id] = assigned.get(main.id, row.id) if main else row.id
            found.every[row.id] = {assigned[e.id] for e in extraction.events
                                   if e.id in assigned} if extraction else set()
        engine.dispose()
    return found


def sharing_pairs(every: dict[str, set[str]]) -> set[Pair]:
    """Pairs of articles any of whose events share an incident."""
    return {frozenset((a, b)) for a, b in combinations(every, 2) if every[a] & every[b]}


def evaluate(rows: list[Row], extractor, advance: Callable[[int], None] = lambda n: None
             ) -> tuple[dict[str, PairScore], Volume]:
    """Pairwise scores against the coded events: harmwatch by the articles' main events, by
    any of their events, and the naive baseline; and the volume of incidents built."""
    truth = true_pairs(rows)
    found = article_incidents(rows, extractor, advance)
    most = max((len(i) for i in found.every.values()), default=0)
    coded = sum(int(r.gold["civilian_deaths"]) for r in rows)
    volume = Volume(len(rows), found.incidents, most, found.fatalities, found.civilian_deaths,
                    coded)
    mapping = FakesMapping.load()
    naive = {row.id: (row.published, mapping.first_governorate(f"{row.title}\n{row.text}"))
             for row in rows}
    baseline = grouped_pairs({k: v for k, v in naive.items() if v[1] is not None})
    return {"harmwatch, main events": pair_score(grouped_pairs(found.main), truth),
            "harmwatch, any event": pair_score(sharing_pairs(found.every), truth),
            "baseline: same date, first governorate": pair_score(baseline, truth)}, volume
