"""Benchmark: peak memory of extracting one long document, by length.

A report of 10 KB, 1 MB and 10 MB (paragraphs of the seed report repeated), each extracted
in a fresh spawned process; prints the process's peak RSS beside the same process's peak
after loading the extractor and extracting one short text (the baseline in the same run).
Memory should not grow with the length up to the cap (MAX_CHARACTERS, 2,000,000): documents
are read in paragraph windows, and a longer one is refused with its reason.

Run: .venv/bin/python bench/bench_long.py [--sizes 10000,1000000,2000000,10000000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from pathlib import Path

SEED = Path("/work/shared/corpus/seed/deir-ezzor-sound-and-picture.txt")


def text_of(size: int) -> str:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    parts, length = [], 0
    while length < size:
        paragraph = paragraphs[len(parts) % len(paragraphs)]
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def _child(size: int, queue) -> None:
    from datetime import date

    from harmwatch.extract import Extractor, TextTooLong
    from harmwatch.model import Document

    extractor = Extractor.load()
    extractor.extract(Document(text=text_of(2000), published=date(2015, 9, 1)))
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = text_of(size)
    started = time.perf_counter()
    try:
        result = extractor.extract(Document(text=text, published=date(2015, 9, 1)))
        events = f"{len(result.events)} events"
    except TextTooLong as exc:
        events = f"refused: {exc}"
    queue.put({"size": size, "seconds": time.perf_counter() - started, "events": events,
               "baseline_mb": baseline,
               "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def measure(size: int) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(size, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,1000000,2000000,10000000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    for size in sizes:
        r = measure(size)
        print(f"{size:>11,} chars  peak {r['peak_mb']:7.0f} MB  (after a short text "
              f"{r['baseline_mb']:5.0f} MB, +{r['peak_mb'] - r['baseline_mb']:5.0f} MB)  "
              f"{r['seconds']:7.1f} s  {r['events']}")


if __name__ == "__main__":
    main()
