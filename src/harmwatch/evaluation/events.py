"""Events one by one against a monitor's annotation of FA-KES articles (data/gold/).

Each predicted event that is not `recalled` is matched to the first gold event of its
article whose evidence its sentence overlaps and that no earlier prediction took; see
data/gold/GUIDELINES.md. The naive baseline in the same run: one event per article, the
first sentence with a killing word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harmwatch.data import data_path
from harmwatch.errors import SourceError
from harmwatch.evaluation.fakes import Row
from harmwatch.model import Document, ExtractionResult

GOLD = "gold/fakes-events.jsonl"
Span = tuple[int, int]
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")
_KILLING = re.compile(r"\b(?:killed|killing|kills|kill|dead|died|deaths)\b", re.IGNORECASE)


@dataclass
class GoldEvent:
    method: str
    actor: str
    killed: int | None
    evidence: list[Span]


def read_gold(path: Path | None = None) -> dict[str, list[GoldEvent]]:
    path = path or data_path(GOLD)
    gold = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            article = json.loads(line)
            gold[article["id"]] = [GoldEvent(e["method"], e["actor"], e["killed"],
                                             [tuple(s) for s in e["evidence"]])
                                   for e in article["events"]]
        except (json.JSONDecodeError, KeyError) as exc:
            raise SourceError(f"{path}:{number}", f"not a gold article line ({exc})") from exc
    return gold


@dataclass
class Tally:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    copies: int = 0
    no_event: int = 0
    right: dict[str, int] = field(default_factory=lambda: {"method": 0, "actor": 0,
                                                            "killed": 0})

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def per_article(self, count: int) -> float:
        return count / self.articles if self.articles else 0.0


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


@dataclass
class Prediction:
    span: Span
    method: str | None = None
    actor: str | None = None
    killed: int | None = None


def score_article(tally: Tally, predictions: list[Prediction], gold: list[GoldEvent]) -> None:
    tally.articles += 1
    tally.gold += len(gold)
    taken: set[int] = set()
    for prediction in predictions:
        tally.predicted += 1
        touched = [i for i, g in enumerate(gold) if _overlaps(prediction.span, g.evidence)]
        free = [i for i in touched if i not in taken]
        if not free:
            tally.copies += bool(touched)
            tally.no_event += not touched
            continue
        taken.add(free[0])
        tally.matched += 1
        event = gold[free[0]]
        tally.right["method"] += prediction.method == event.method
        tally.right["actor"] += prediction.actor == event.actor
        tally.right["killed"] += prediction.killed == event.killed


def predictions(result: ExtractionResult) -> list[Prediction]:
    found = []
    for event in result.events:
        if event.recalled:
            continue
        figure = event.killed.total or event.killed.civilians
        found.append(Prediction(tuple(event.evidence.span.root), event.method,
                                event.actor1.id if event.actor1 else "unknown",
                                figure.min if figure else None))
    return found


def naive(text: str) -> list[Prediction]:
    """One event per article: the first sentence that says someone was killed."""
    for sentence in _SENTENCE.finditer(text):
        if _KILLING.search(sentence.group()):
            return [Prediction(sentence.span())]
    return []


def evaluate(rows: list[Row], extractor, gold: dict[str, list[GoldEvent]],
             advance: Callable[[int], None] = lambda n: None) -> tuple[Tally, Tally]:
    """harmwatch's tally and the naive baseline's, over the annotated rows."""
    rows = [r for r in rows if r.id in gold]
    ours, baseline = Tally(), Tally()
    documents = [Document(id=r.id, text=r.text, title=r.title, published=r.published)
                 for r in rows]
    for row, result in zip(rows, extractor.pipe(documents), strict=True):
        score_article(ours, predictions(result), gold[row.id])
        score_article(baseline, naive(row.text), gold[row.id])
        advance(1)
    return ours, baseline
