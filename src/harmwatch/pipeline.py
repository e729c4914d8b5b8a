"""Assembling the stages: the extractor that ingest and extract run."""

from __future__ import annotations

from pathlib import Path

from harmwatch.extract import Extractor


def load_extractor(actors: Path | None = None) -> Extractor:
    return Extractor.load(actors=actors)
