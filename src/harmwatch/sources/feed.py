"""RSS and Atom feeds (feedparser): every item becomes a document with its date and link."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from harmwatch.errors import SourceError
from harmwatch.model import Document, SourceFailure
from harmwatch.sources.checks import without_nul
from harmwatch.sources.dates import parse_published
from harmwatch.sources.options import SourceOptions
from harmwatch.text import guess_language


def _plain(html: str) -> str:
    if "<" not in html:
        return html.strip()
    try:
        return lxml.html.fromstring(html).text_content().strip()
    except (lxml.etree.ParserError, ValueError):
        return ""


def _entry_text(entry) -> str:
    bodies = [c.get("value", "") for c in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    return max((_plain(body) for body in bodies), key=len, default="")


def feed_documents(data: bytes, source: str, options: SourceOptions
                   ) -> Iterator[Document | SourceFailure]:
    import feedparser  # imported by the commands that read feeds, not by every one

    parsed = feedparser.parse(data)
    if not parsed.get("version") or (parsed.bozo and not parsed.entries):
        problem = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise SourceError(source, f"not an RSS or Atom feed ({problem})")
    publisher = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        item = entry.get("link") or f"item {number}"
        text = without_nul(_entry_text(entry), f"{source}:{item}")
        if not text:
            yield SourceFailure(source=source, location=item, reason="the feed item has no text")
            continue
        published = parse_published(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield Document(text=text, title=entry.get("title"), url=entry.get("link"),
                       published=options.date_for(published), publisher=publisher,
                       language=guess_language(text), source=f"{source}#{item}")
