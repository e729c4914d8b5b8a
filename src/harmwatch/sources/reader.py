"""Which reader an input needs, and reading it into Documents or failures."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from harmwatch.errors import SourceError
from harmwatch.model import Document, SourceFailure
from harmwatch.sources.batch import csv_documents, jsonl_documents
from harmwatch.sources.feed import feed_documents
from harmwatch.sources.html import html_document
from harmwatch.sources.options import SourceOptions
from harmwatch.sources.text import text_document
from harmwatch.sources.web import fetch

Item = Document | SourceFailure
KINDS = ("text", "html", "feed", "jsonl", "csv")
_SUFFIX_KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed",
                 ".atom": "feed", ".xml": "feed", ".jsonl": "jsonl", ".ndjson": "jsonl",
                 ".csv": "csv"}
# What a directory is searched for; other files (images, databases) are passed over.
_DIRECTORY_SUFFIXES = {".txt", ".text", ".md", "", *_SUFFIX_KINDS}
_CONTENT_TYPE_KINDS = {"text/html": "html", "application/xhtml+xml": "html",
                       "text/plain": "text", "application/rss+xml": "feed",
                       "application/atom+xml": "feed", "application/xml": "feed",
                       "text/xml": "feed"}


def sniff_kind(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
        return "html" if b"<html" in head else "feed"
    return "text"


def _one(document: Document) -> Iterator[Item]:
    yield document


_READERS: dict[str, Callable[[bytes, str, SourceOptions], Iterable[Item]]] = {
    "text": lambda data, source, options: _one(text_document(data, source, options)),
    "html": lambda data, source, options: _one(html_document(data, source, options)),
    "feed": feed_documents,
    "jsonl": jsonl_documents,
    "csv": csv_documents,
}


def _read_file(path: Path, options: SourceOptions) -> bytes:
    size = path.stat().st_size
    batch = (options.kind or _SUFFIX_KINDS.get(path.suffix.lower())) in ("jsonl", "csv")
    if size > options.max_bytes and not batch:
        raise SourceError(str(path), f"the file is {size} bytes, over the {options.max_bytes}-byte "
                                     "cap for one document")
    return path.read_bytes()


def _items_of_bytes(data: bytes, source: str, kind: str | None, options: SourceOptions
                    ) -> Iterator[Item]:
    if len(data) > options.max_bytes and kind not in ("jsonl", "csv"):
        raise SourceError(source, f"the input is {len(data)} bytes, over the "
                                  f"{options.max_bytes}-byte cap for one document")
    kind = options.kind or kind or sniff_kind(data)
    yield from _READERS[kind](data, source, options)


def _items_of_url(url: str, options: SourceOptions) -> Iterator[Item]:
    fetched = fetch(url, options)
    kind = options.kind or _CONTENT_TYPE_KINDS.get(fetched.content_type) or sniff_kind(fetched.body)
    if kind == "html":
        yield html_document(fetched.body, url, options, url=fetched.url)
    else:
        for item in _READERS[kind](fetched.body, url, options):
            if isinstance(item, Document) and item.url is None and kind == "text":
                item.url = fetched.url
            yield item


def _report_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*")
                  if p.is_file() and not p.name.startswith(".")
                  and p.suffix.lower() in _DIRECTORY_SUFFIXES)


def _items(spec: str, options: SourceOptions) -> Iterator[Item]:
    if spec == "-":
        yield from _items_of_bytes(sys.stdin.buffer.read(), "<stdin>", None, options)
    elif spec.startswith(("http://", "https://")) or "://" in spec:
        yield from _items_of_url(spec, options)
    else:
        path = Path(spec)
        if path.is_dir():
            for child in _report_files(path):
                yield from read_source(str(child), options)
        elif path.is_file():
            yield from _items_of_bytes(_read_file(path, options), spec,
                                       _SUFFIX_KINDS.get(path.suffix.lower()), options)
        else:
            raise SourceError(spec, "no such file or directory")


def read_source(spec: str, options: SourceOptions) -> Iterator[Item]:
    """Documents from one input (file, directory, '-', URL); a bad input becomes a failure."""
    try:
        yield from _items(spec, options)
    except SourceError as exc:
        yield SourceFailure(source=exc.source, location=exc.location, reason=exc.reason)
    except OSError as exc:
        yield SourceFailure(source=spec, reason=f"cannot read: {exc.strerror or exc}")


def read_sources(specs: Iterable[str], options: SourceOptions) -> Iterator[Item]:
    for spec in specs:
        yield from read_source(spec, options)
