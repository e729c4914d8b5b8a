"""Quotations and who said them: speaker, their description, the outlet they spoke to."""

from __future__ import annotations

import re
from functools import cache

from harmwatch.extract.packs import Pack, english, fill
from harmwatch.model import Quote, Span


class QuoteReader:
    """One language's quotations and the words that name who spoke them (quotes.yaml)."""

    def __init__(self, vocabulary: dict):
        parts = {key: vocabulary.get(key) or r"(?!)" for key in ("name", "said", "outlet")}
        self.marks = vocabulary.get("marks", "")
        self.min_words = int(vocabulary.get("min_words", 6))
        self._before = re.compile(fill(vocabulary.get("before") or r"(?!)", **parts))
        self._after = re.compile(fill(vocabulary.get("after") or r"(?!)", **parts))

    @classmethod
    def of(cls, pack: Pack) -> QuoteReader:
        return _reader(pack.directory)

    def find(self, text: str) -> list[Quote]:
        """Testimony quoted in the text, with whoever the text says spoke it."""
        quotes: list[Quote] = []
        known: dict[str, Quote] = {}
        for start, end in quoted_spans(text, self.marks):
            if len(text[start:end].split()) < self.min_words:
                continue
            line_start = text.rfind("\n", 0, start) + 1
            before = self._before.search(text[line_start:start - 1])
            after = self._after.match(text[end + 1:end + 200])
            speaker = description = outlet = None
            if before:
                speaker, description = before["speaker"], before["description"]
                outlet = before["outlet"] or before["outlet2"]
            elif after:
                speaker = after["speaker"] or after["speaker2"]
                description, outlet = after["description"], after["outlet"] or after["outlet2"]
            if speaker and speaker in known:
                description = description or known[speaker].description
                outlet = outlet or known[speaker].outlet
            quote = Quote(text=text[start:end], span=Span.of(start, end), speaker=speaker,
                          description=_clean(description), outlet=_clean(outlet))
            if speaker:
                known[speaker] = quote
            quotes.append(quote)
        return quotes


@cache
def _reader(directory) -> QuoteReader:
    return QuoteReader(Pack.load(directory).data("quotes"))


def find_quotes(text: str) -> list[Quote]:
    """English quotations in `text` (see QuoteReader.find)."""
    return QuoteReader.of(english()).find(text)


def quoted_spans(text: str, marks: str) -> list[tuple[int, int]]:
    """[start, end) of each quoted passage, the marks excluded.

    Marks pair in order of appearance, whatever their direction: reports often close a
    quote with an opening mark.
    """
    positions = [i for i, char in enumerate(text) if char in marks]
    spans = []
    for opening, closing in zip(positions[::2], positions[1::2], strict=False):
        if "\n\n" in text[opening:closing]:
            continue
        spans.append((opening + 1, closing))
    return spans


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()).strip(" ,") if value else None
