"""Benchmark: Arabic extraction beside the English extractor, in words/s, in one run.

Arabic: the Airwars dev source texts in Arabic. English: FA-KES dev articles cut to the
same number of words. Neither resolves places (no gazetteer), so the figures compare the
extractors alone. Prints both words/s and the ratio Arabic / English.

Run: .venv/bin/python bench/bench_arabic.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from harmwatch.extract import Extractor
from harmwatch.extract.arabic import build_pipeline
from harmwatch.model import Document

EVAL = Path("/work/shared/eval")


def arabic_texts(limit: int | None) -> list[str]:
    with (EVAL / "airwars-sources-dev.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    texts = [r["text"] for r in rows if r["lang"] == "ar"]
    return texts[:limit] if limit else texts


def english_texts(words: int) -> list[str]:
    texts, total = [], 0
    with (EVAL / "fakes-dev.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if total >= words:
                break
            texts.append(row["article_content"])
            total += len(row["article_content"].split())
    return texts


def words_per_second(extract, texts: list[str]) -> float:
    documents = [Document(text=t) for t in texts]
    started = time.perf_counter()
    for document in documents:
        extract(document)
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="Arabic texts to use")
    args = parser.parse_args()
    arabic = arabic_texts(args.limit)
    english = english_texts(sum(len(t.split()) for t in arabic))
    arabic_speed = words_per_second(build_pipeline(), arabic)
    english_speed = words_per_second(Extractor.load().extract, english)
    print(f"Arabic extraction:  {arabic_speed:,.0f} words/s ({len(arabic)} texts)")
    print(f"English extraction: {english_speed:,.0f} words/s ({len(english)} texts)")
    print(f"ratio Arabic / English: {arabic_speed / english_speed:.2f}")


if __name__ == "__main__":
    main()
