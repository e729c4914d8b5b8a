"""Which source reads an input, and reading it into Documents or failures, one at a time."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from harmwatch.errors import SourceError
from harmwatch.model import Document, SourceFailure
from harmwatch.sources.options import SourceOptions
from harmwatch.sources.registry import (
    Item,
    SourceKind,
    get_source,
    source_for_media_type,
    source_for_suffix,
    sources,
)
from harmwatch.sources.web import fetch

log = logging.getLogger(__name__)
# Plain-text reports are often saved without a suffix.
_BARE_SUFFIXES = {""}


def sniff_kind(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
        return "html" if b"<html" in head else "feed"
    return "text"


def _chosen(options: SourceOptions, guessed: SourceKind | None, data: bytes) -> SourceKind:
    if options.kind:
        return get_source(options.kind)
    return guessed or get_source(sniff_kind(data))


def _check_size(size: int, source: str, kind: SourceKind | None, options: SourceOptions) -> None:
    if size > options.max_bytes and not (kind and kind.batch):
        raise SourceError(source, f"the input is {size} bytes, over the {options.max_bytes}-byte "
                                  "cap for one document")


def _items_of_bytes(data: bytes, source: str, guessed: SourceKind | None,
                    options: SourceOptions) -> Iterator[Item]:
    kind = _chosen(options, guessed, data)
    _check_size(len(data), source, kind, options)
    yield from kind.read(data, source, options)


def _items_of_file(path: Path, options: SourceOptions) -> Iterator[Item]:
    guessed = source_for_suffix(path.suffix)
    kind = get_source(options.kind) if options.kind else guessed
    _check_size(path.stat().st_size, str(path), kind, options)
    yield from _items_of_bytes(path.read_bytes(), str(path), guessed, options)


def _items_of_url(url: str, options: SourceOptions) -> Iterator[Item]:
    fetched = fetch(url, options)
    kind = _chosen(options, source_for_media_type(fetched.content_type), fetched.body)
    if kind.name == "html":
        from harmwatch.sources.html import html_document  # lxml: only for HTML

        yield html_document(fetched.body, url, options, url=fetched.url)
        return
    for item in kind.read(fetched.body, url, options):
        if isinstance(item, Document) and item.url is None and not kind.batch:
            item.url = fetched.url
        yield item


def report_files(directory: Path) -> list[Path]:
    wanted = _BARE_SUFFIXES.union(*(kind.suffixes for kind in sources().values()))
    return sorted(p for p in directory.rglob("*")
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in wanted)


def _items(spec: str, options: SourceOptions) -> Iterator[Item]:
    if spec == "-":
        yield from _items_of_bytes(sys.stdin.buffer.read(), "<stdin>", None, options)
    elif spec.startswith(("http://", "https://")) or "://" in spec:
        yield from _items_of_url(spec, options)
    else:
        path = Path(spec)
        if path.is_dir():
            for child in report_files(path):
                yield from read_source(str(child), options)
        elif path.is_file():
            yield from _items_of_file(path, options)
        else:
            raise SourceError(spec, "no such file or directory")


def read_source(spec: str, options: SourceOptions) -> Iterator[Item]:
    """Documents from one input (file, directory, '-', URL), as they are read; a bad input
    becomes a failure and the ones before it are already handed on."""
    try:
        yield from _items(spec, options)
    except SourceError as exc:
        yield SourceFailure(source=exc.source, location=exc.location, reason=exc.reason)
    except OSError as exc:
        yield SourceFailure(source=spec, reason=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader's bug (or a plugin's) costs this input, not the run
        log.debug("reading %s failed", spec, exc_info=True)
        yield SourceFailure(source=spec, reason=f"the reader failed: {exc.__class__.__name__}: "
                                                f"{exc}; what it read before is kept")


def read_sources(specs: Iterable[str], options: SourceOptions) -> Iterator[Item]:
    for spec in specs:
        yield from read_source(spec, options)
