"""Plain-text reports: a file, standard input, or bytes already read."""

from __future__ import annotations

import logging

from harmwatch.model import Document
from harmwatch.sources.checks import without_nul
from harmwatch.sources.options import SourceOptions
from harmwatch.text import decode, guess_language

log = logging.getLogger(__name__)
_MAX_TITLE = 200


def title_of(text: str) -> str | None:
    """A short first line standing alone (a headline) is the title."""
    head, _, rest = text.lstrip().partition("\n")
    head = head.strip()
    if head and len(head) <= _MAX_TITLE and rest.startswith(("\n", "\r\n")):
        return head
    return None


def text_document(data: bytes, source: str, options: SourceOptions) -> Document:
    decoded = decode(data, source)
    if warning := decoded.warning(source):
        log.warning(warning)
    text = without_nul(decoded.text, source)
    return Document(text=text, title=title_of(text), published=options.date_for(None),
                    language=guess_language(text), source=source)
