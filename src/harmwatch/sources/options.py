"""What the user told harmwatch about its inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class SourceOptions:
    published: date | None = None
    override_published: bool = False
    kind: str | None = None
    text_column: str = "text"
    title_column: str | None = "title"
    date_column: str | None = "published"
    id_column: str | None = "id"
    url_column: str | None = "url"
    publisher_column: str | None = "publisher"
    date_format: str | None = None
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = MAX_DOCUMENT_BYTES

    def date_for(self, own: date | None) -> date | None:
        """The document's own date, unless the user's date overrides it or it has none."""
        if self.override_published and self.published:
            return self.published
        return own or self.published
