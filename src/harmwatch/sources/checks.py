"""What every database can store: text without NULs or lone surrogates, ids that fit, sane
dates, and texts no longer than extraction reads (MAX_CHARACTERS).

Readers strip NUL characters (with a warning) and refuse the rest with a message naming
the row; `refusal` is the last gate before storage, for documents from any caller.
"""

from __future__ import annotations

import logging
import unicodedata

from harmwatch.model import Document
from harmwatch.sources.dates import out_of_range

log = logging.getLogger(__name__)
MAX_ID_LENGTH = 200
# The longest text extraction reads. Memory is the window's plus the document's results
# (about 36 MB of objects per MB of text, see docs/BENCHMARKS.md); up to 2 MB, a book of
# some 300,000 words, those stay under the window's own share, so peak memory does not
# grow with the length. Past it a document is refused with its reason, the batch goes on.
MAX_CHARACTERS = 2_000_000
_TEXT_FIELDS = ("id", "text", "title", "url", "publisher", "language", "source")


def not_unicode(value: str) -> str | None:
    """Why a string cannot be stored as text (a lone surrogate such as "\\ud800"), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (f"contains a lone surrogate U+{ord(value[exc.start]):04X}, which is not valid "
                "Unicode text")
    return None


def without_nul(value: str, where: str) -> str:
    """The text with NUL characters removed (PostgreSQL cannot store them), said once."""
    if "\x00" not in value:
        return value
    log.warning("%s: removed %d NUL character(s) (U+0000), which databases cannot store",
                where, value.count("\x00"))
    return value.replace("\x00", "")


def too_long(text: str) -> str | None:
    if len(text) > MAX_CHARACTERS:
        return (f"the text has {len(text):,} characters; harmwatch reads at most "
                f"{MAX_CHARACTERS:,} (split the document)")
    return None


def id_problem(value: str) -> str | None:
    if len(value) > MAX_ID_LENGTH:
        return f"the id is {len(value)} characters long, over the {MAX_ID_LENGTH}-character limit"
    if any(unicodedata.category(c) == "Cc" for c in value):
        return "the id contains control characters"
    return None


def refusal(document: Document) -> str | None:
    """Why this document cannot be stored as it is, or None."""
    for name in _TEXT_FIELDS:
        value = getattr(document, name)
        if value is None:
            continue
        if problem := not_unicode(value):
            return f"{name} {problem}"
        if "\x00" in value:
            return f"{name} contains a NUL character (U+0000), which databases cannot store"
    if problem := id_problem(document.id) or too_long(document.text):
        return problem
    if document.published is not None:
        return out_of_range(document.published)
    return None
