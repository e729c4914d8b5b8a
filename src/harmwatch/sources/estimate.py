"""How many documents some inputs hold, for a progress bar, without reading them into memory.

A batch file's lines (JSONL) or records (CSV) and a feed file's items are counted; any
other file, and a URL, counts one. Standard input cannot be read twice, so with '-' the
count is unknown (None).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from harmwatch.sources.options import SourceOptions
from harmwatch.sources.reader import report_files
from harmwatch.sources.registry import get_source, source_for_suffix


def _count_file(path: Path, options: SourceOptions) -> int:
    kind = get_source(options.kind) if options.kind else source_for_suffix(path.suffix)
    name = kind.name if kind else None
    try:
        if name == "feed":
            data = path.read_bytes()
            return max(data.count(b"<item") + data.count(b"<entry"), 1)
        with path.open(encoding="utf-8", errors="replace", newline="") as stream:
            if name == "jsonl":
                return sum(1 for line in stream if line.strip())
            if name == "csv":
                return max(sum(1 for _ in csv.reader(stream)) - 1, 0)
    except (OSError, csv.Error):
        pass
    return 1


def count_documents(specs: Iterable[str], options: SourceOptions) -> int | None:
    total = 0
    for spec in specs:
        if spec == "-":
            return None
        path = Path(spec)
        if "://" in spec or not path.exists():
            total += 1
        elif path.is_dir():
            total += sum(_count_file(child, options) for child in report_files(path))
        else:
            total += _count_file(path, options)
    return total
