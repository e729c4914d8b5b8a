"""HTML pages: main text without navigation or boilerplate, title and date (trafilatura)."""

from __future__ import annotations

import logging

from harmwatch.errors import SourceError
from harmwatch.model import Document
from harmwatch.sources.dates import parse_published
from harmwatch.sources.options import SourceOptions
from harmwatch.text import decode, guess_language

log = logging.getLogger(__name__)
# Less than this is a menu item or a caption, not a report.
MIN_MAIN_TEXT = 20


def visible_text(html: str) -> str:
    """The text a browser would show, less menus: no scripts, styles, navigation, header or
    footer; spaces collapsed."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for hidden in root.xpath("//script|//style|//noscript|//template|//head|//nav|//header"
                             "|//footer|//aside"):
        hidden.drop_tree()
    return " ".join(root.text_content().split())


def html_document(data: bytes, source: str, options: SourceOptions, url: str | None = None
                  ) -> Document:
    decoded = decode(data, source)
    if warning := decoded.warning(source):
        log.warning(warning)
    return html_text_document(decoded.text, source, options, url)


def html_text_document(html: str, source: str, options: SourceOptions, url: str | None = None
                       ) -> Document:
    import trafilatura  # 0.2 s: imported by the commands that read HTML, not by every one

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not text or len(text.strip()) < MIN_MAIN_TEXT:
        # Short pages (a social post) and malformed ones have no "main text" to find: their
        # visible text is the report.
        text = visible_text(html)
    if not text:
        raise SourceError(source, "no readable main text in this HTML (empty, or only scripts "
                                  "and navigation); save the article's text as a .txt file "
                                  "instead")
    meta = trafilatura.extract_metadata(html, default_url=url)
    published = parse_published(meta.date) if meta else None
    return Document(
        text=text,
        title=meta.title if meta else None,
        url=url or (meta.url if meta else None),
        published=options.date_for(published),
        publisher=meta.sitename if meta else None,
        language=(meta.language if meta and meta.language else None) or guess_language(text),
        source=source,
    )
