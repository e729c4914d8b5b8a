"""Short, distinct reports for the runner tests (each a few words, so extraction is quick)."""

from __future__ import annotations

import json
from pathlib import Path

TOWNS = ["Douma", "Azaz", "Raqqa", "Idlib", "Saraqib", "Maskanah", "Tabqa", "Manbij"]
METHODS = ["An air strike hit", "Shelling hit", "A car bomb exploded in", "Jets bombed"]


def report(n: int) -> str:
    town, method = TOWNS[n % len(TOWNS)], METHODS[n // len(TOWNS) % len(METHODS)]
    return f"{method} {town} on Sunday, killing {n % 9 + 2} civilians, activists said (no. {n})."


def write_batch(path: Path, numbers: range) -> Path:
    path.write_text("".join(json.dumps({"id": f"r{n}", "text": report(n),
                                        "published": "2016-03-15"}) + "\n" for n in numbers))
    return path


def stored_state(db_url: str) -> tuple[dict[str, str], list[dict]]:
    """Documents (id -> content hash) and every event record, to compare two runs."""
    from harmwatch.store import DocumentRepository, open_database

    repository = DocumentRepository(open_database(db_url))
    documents = {d.id: d.content_hash for d in repository.all()}
    return documents, [e.model_dump(mode="json") for e in repository.events()]
