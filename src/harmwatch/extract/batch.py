"""JSONL batches: one report per line in, one result per line out, in order."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import date

from pydantic import ValidationError

from harmwatch.extract.extractor import Extractor
from harmwatch.model import Document
from harmwatch.sources.dates import parse_published

log = logging.getLogger(__name__)
CHUNK = 32


def _document(line: str, number: int, default_published: date | None
              ) -> tuple[str, Document | str]:
    """(id, Document) for a good line, (id, reason) for a bad one."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return str(number), f"line {number} is not JSON: {exc.msg}"
    if not isinstance(row, dict):
        return str(number), f"line {number} is not a JSON object"
    ident = str(row.get("id", number))
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        return ident, f"line {number} has no \"text\""
    published = parse_published(row.get("published"))
    if row.get("published") and published is None:
        return ident, f"line {number}: \"published\" {row['published']!r} is not a date"
    published = published or default_published
    try:
        return ident, Document(id=ident, text=row["text"], title=row.get("title"),
                               url=row.get("url"), published=published)
    except ValidationError as exc:
        return ident, f"line {number}: {exc.errors()[0]['msg']}"


def batch_results(lines: Iterable[str], extractor: Extractor,
                  default_published: date | None = None) -> Iterator[dict]:
    """{"id", **result} per line, or {"id", "error"} for a line that cannot be extracted;
    lines without "published" are dated `default_published`."""
    pending: list[tuple[str, Document | str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        pending.append(_document(line, number, default_published))
        if len(pending) >= CHUNK:
            yield from _chunk(pending, extractor)
            pending = []
    yield from _chunk(pending, extractor)


def _chunk(items: list[tuple[str, Document | str]], extractor: Extractor) -> Iterator[dict]:
    documents = [d for _, d in items if isinstance(d, Document)]
    try:
        results = iter(list(extractor.pipe(documents)))
    except Exception:
        log.debug("a batch chunk failed; extracting its lines one by one", exc_info=True)
        results = None
    for ident, item in items:
        if isinstance(item, str):
            log.error("%s: %s", ident, item)
            yield {"id": ident, "error": item}
            continue
        try:
            result = next(results) if results is not None else extractor.extract(item)
        except Exception as exc:
            log.error("%s: extraction failed: %s", ident, exc)
            yield {"id": ident, "error": f"extraction failed: {exc.__class__.__name__}: {exc}"}
            continue
        yield {"id": ident, **result.model_dump(mode="json")}
