"""JSONL and CSV batches: one document per line or row, named columns, a failure per bad row.

Rows are read and handed on one at a time, so the rows before a bad one are stored
whatever comes after it.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from harmwatch.errors import SourceError
from harmwatch.model import Document, SourceFailure
from harmwatch.sources.checks import id_problem, not_unicode, too_long, without_nul
from harmwatch.sources.dates import out_of_range, parse_published
from harmwatch.sources.options import SourceOptions
from harmwatch.text import decode, guess_language

log = logging.getLogger(__name__)

csv.field_size_limit(1 << 27)
_SHOWN_ROWS = 20


class BadRow(ValueError):
    """A row that cannot become a document; the message says why."""


def _shown(numbers: list[int]) -> str:
    more = len(numbers) - _SHOWN_ROWS
    return ", ".join(map(str, numbers[:_SHOWN_ROWS])) + (f" and {more} more" if more > 0 else "")


@dataclass
class DateColumn:
    """Reads one batch's date column and says loudly which rows it could not read."""

    source: str
    options: SourceOptions
    unread: list[int] = field(default_factory=list)

    def read(self, value: str | None, row: int) -> date | None:
        if value is None:
            return None
        published = parse_published(value, self.options.date_format)
        if published is None:
            self.unread.append(row)
        elif problem := out_of_range(published):
            raise BadRow(f"column {self.options.date_column!r}: {problem}")
        return published

    def warn(self, unit: str) -> None:
        if self.unread:
            how = (f"with --date-format {self.options.date_format!r}" if self.options.date_format
                   else "as a date (give --date-format, e.g. %d.%m.%Y)")
            log.warning("%s: column %r could not be read %s in %d %s(s): %s; those documents "
                        "take --published or no date", self.source, self.options.date_column, how,
                        len(self.unread), unit, _shown(self.unread))


def _get(record: dict, column: str | None, numbers: bool = True) -> str | None:
    """The column's text; numbers become text where `numbers` (ids, years), never in reports."""
    if not column:
        return None
    value = record.get(column)
    if value is None or isinstance(value, str):
        text = value
    elif numbers and isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
    else:
        raise BadRow(f"column {column!r} must be a string, not {type(value).__name__} "
                     f"({json.dumps(value)[:40]})")
    if text is None or not text.strip():
        return None
    if problem := not_unicode(text):
        raise BadRow(f"column {column!r} {problem}")
    return text


def record_document(record: dict, source: str, location: str, options: SourceOptions,
                    dates: DateColumn, row: int) -> Document | SourceFailure:
    given_id = None
    try:
        given_id = _get(record, options.id_column)
        if given_id and (problem := id_problem(given_id)):
            given_id = None
            raise BadRow(problem)
        text = _get(record, options.text_column, numbers=False)
        if text is None:
            raise BadRow(f"no text in column {options.text_column!r}")
        if problem := too_long(text):
            raise BadRow(problem)
        published = dates.read(_get(record, options.date_column), row)
        fields = {"title": _get(record, options.title_column),
                  "url": _get(record, options.url_column),
                  "publisher": _get(record, options.publisher_column)}
    except BadRow as exc:
        # A row's failure names its id where it has a readable one, as its document would.
        named = f"{source}#{given_id}" if given_id else source
        return SourceFailure(source=named, location=location, reason=str(exc))
    where = f"{source}:{location}"
    text = without_nul(text, where)
    fields = {name: value and without_nul(value, where) for name, value in fields.items()}
    try:
        return Document(id=given_id or "", text=text, published=options.date_for(published),
                        language=guess_language(text), source=f"{source}#{given_id or location}",
                        **fields)
    except ValidationError as exc:
        return SourceFailure(source=source, location=location, reason=exc.errors()[0]["msg"])


def jsonl_documents(data: bytes, source: str, options: SourceOptions
                    ) -> Iterator[Document | SourceFailure]:
    decoded = decode(data, source)
    if warning := decoded.warning(source):
        log.warning(warning)
    dates = DateColumn(source, options)
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
        yield record_document(record, source, location, options, dates, number)
    dates.warn("line")


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
    dates = DateColumn(source, options)
    stray_rows, last_line = [], reader.line_num
    for number, record in enumerate(reader, start=1):
        if replaced.intersection(range(last_line + 1, reader.line_num + 1)):
            stray_rows.append(number)
        last_line = reader.line_num
        yield record_document(record, source, f"row {number}", options, dates, number)
    dates.warn("row")
    if stray_rows:
        log.warning("%s: bytes that are not valid %s in row(s) %s were replaced with U+FFFD",
                    source, decoded.encoding, _shown(stray_rows))
