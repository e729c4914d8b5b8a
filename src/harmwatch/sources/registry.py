"""The kinds of input harmwatch reads: the built-in ones register here, and so can plugins.

A source is any object with `name`, `media_types` (the HTTP content types it claims),
`suffixes` (file suffixes it claims, with the dot), `batch` (True when one input holds many
documents, so the one-document size cap does not apply) and
`read(data: bytes, source: str, options: SourceOptions) -> Iterable[Document | SourceFailure]`,
published under the `harmwatch.sources` entry-point group of an installed package:

    [project.entry-points."harmwatch.sources"]
    docx = "my_package.docx:DocxSource"

`harmwatch ingest --as docx` then reads with it, and so do files with its suffixes.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol

from harmwatch.errors import UsageError
from harmwatch.model import Document, SourceFailure
from harmwatch.sources.options import SourceOptions

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "harmwatch.sources"
Item = Document | SourceFailure
Reader = Callable[[bytes, str, SourceOptions], Iterable[Item]]


class SourceKind(Protocol):
    name: str
    media_types: tuple[str, ...]
    suffixes: tuple[str, ...]
    batch: bool

    def read(self, data: bytes, source: str, options: SourceOptions) -> Iterable[Item]: ...


@dataclass(frozen=True)
class Source:
    """A source built from a reader function (how the built-ins are declared)."""

    name: str
    reader: Reader
    media_types: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    batch: bool = False

    def read(self, data: bytes, source: str, options: SourceOptions) -> Iterable[Item]:
        return self.reader(data, source, options)


def _built_in(module: str, function: str, one: bool = False) -> Reader:
    """The reader `function` of harmwatch.sources.`module`, imported when first read with (the
    HTML and feed readers bring lxml); `one` for a reader that returns one Document."""
    def read(data: bytes, source: str, options: SourceOptions) -> Iterator[Item]:
        reader = getattr(importlib.import_module(f"harmwatch.sources.{module}"), function)
        if one:
            yield reader(data, source, options)
        else:
            yield from reader(data, source, options)
    return read


BUILT_IN = (
    Source("text", _built_in("text", "text_document", one=True), ("text/plain",),
           (".txt", ".text", ".md")),
    Source("html", _built_in("html", "html_document", one=True),
           ("text/html", "application/xhtml+xml"), (".html", ".htm", ".xhtml")),
    Source("feed", _built_in("feed", "feed_documents"), ("application/rss+xml",
           "application/atom+xml", "application/xml", "text/xml"), (".rss", ".atom", ".xml")),
    Source("jsonl", _built_in("batch", "jsonl_documents"),
           ("application/x-ndjson", "application/jsonl"), (".jsonl", ".ndjson"), batch=True),
    Source("csv", _built_in("batch", "csv_documents"), ("text/csv",), (".csv",), batch=True),
)

_registry: dict[str, SourceKind] = {}
_plugins_loaded = False


def register(source: SourceKind) -> SourceKind:
    """Add a kind of input (a later one of the same name replaces the earlier)."""
    _registry[source.name] = source
    return source


for _source in BUILT_IN:
    register(_source)


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            plugin = entry.load()
            register(plugin() if isinstance(plugin, type) else plugin)
        except Exception:  # a broken plugin must not break the built-in sources
            log.exception("source plugin %s (%s) could not be loaded", entry.name, entry.value)


def sources() -> dict[str, SourceKind]:
    _load_plugins()
    return dict(_registry)


def get_source(name: str) -> SourceKind:
    available = sources()
    if name not in available:
        raise UsageError(f"--as {name!r} is not one of {', '.join(available)}")
    return available[name]


def source_for_suffix(suffix: str) -> SourceKind | None:
    return next((s for s in sources().values() if suffix.lower() in s.suffixes), None)


def source_for_media_type(media_type: str) -> SourceKind | None:
    return next((s for s in sources().values() if media_type in s.media_types), None)
