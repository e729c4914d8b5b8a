"""JSONL and CSV batches: one document per line or row, named columns, a failure per bad row."""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator

from harmwatch.errors import SourceError
from harmwatch.model import Document, SourceFailure
from harmwatch.sources.dates import parse_published
from harmwatch.sources.options import SourceOptions
from harmwatch.text.decoding import decode
from harmwatch.text.language import guess_language

log = logging.getLogger(__name__)

csv.field_size_limit(1 << 27)


def _get(record: dict, column: str | None) -> str | None:
    if not column:
        return None
    value = record.get(column)
    return None if value is None or str(value).strip() == "" else str(value)


def record_document(record: dict, source: str, location: str, options: SourceOptions
                    ) -> Document | SourceFailure:
    text = _get(record, options.text_column)
    if text is None:
        return SourceFailure(source=source, location=location,
                             reason=f"no text in column {options.text_column!r}")
    given_id = _get(record, options.id_column)
    published = parse_published(_get(record, options.date_column))
    return Document(id=given_id or "", text=text, title=_get(record, options.title_column),
                    url=_get(record, options.url_column), published=options.date_for(published),
                    language=guess_language(text), source=f"{source}#{given_id or location}")


def jsonl_documents(data: bytes, source: str, options: SourceOptions
                    ) -> Iterator[Document | SourceFailure]:
    decoded = decode(data, source)
    if warning := decoded.warning(source):
        log.warning(warning)
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceFailure(source=source, location=location,
                                reason=f"not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield SourceFailure(source=source, location=location,
                                reason="a line must be a JSON object")
            continue
        yield record_document(record, source, location, options)


def csv_documents(data: bytes, source: str, options: SourceOptions
                  ) -> Iterator[Document | SourceFailure]:
    decoded = decode(data, source)
    replaced = set(decoded.replaced_lines)
    reader = csv.DictReader(decoded.text.splitlines(keepends=True))
    columns = reader.fieldnames or []
    if options.text_column not in columns:
        raise SourceError(source, f"no column {options.text_column!r} in the CSV header "
                                  f"(columns: {', '.join(columns) or 'none'}); "
                                  "name the text column with --text-column")
    stray_rows, last_line = [], reader.line_num
    for number, record in enumerate(reader, start=1):
        if replaced.intersection(range(last_line + 1, reader.line_num + 1)):
            stray_rows.append(number)
        last_line = reader.line_num
        yield record_document(record, source, f"row {number}", options)
    if stray_rows:
        shown = ", ".join(map(str, stray_rows[:20]))
        log.warning("%s: bytes that are not valid %s in row(s) %s were replaced with U+FFFD",
                    source, decoded.encoding, shown)
