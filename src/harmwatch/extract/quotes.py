"""Quotations and who said them: speaker, their description, the outlet they spoke to."""

from __future__ import annotations

import re

from harmwatch.model import Quote, Span

_QUOTE_MARKS = "\"“”„«»"
_MIN_WORDS = 6  # shorter quoted strings are names, titles or scare quotes, not testimony
_NAME = r"(?:[A-Z][\w'’-]+)(?:\s+(?:al-|bin\s+|abu\s+)?[A-Z][\w'’-]+){0,3}"
_SAID = r"(?:said|says|told|added|explained|stated|recounted|recalled|described|reported)"
_OUTLET = r"(?:to\s+)?(?:[“\"](?P<outlet>[^”\"]{2,60})[”\"]|(?P<outlet2>(?:the\s+)?[A-Z][\w&.-]*" \
          r"(?:\s+[A-Z][\w&.-]*){0,4}))(?:['’]s)?(?:\s+(?:reporter|correspondent|journalist))?"
# "Samer from Albu Kamal said to “Sound and Picture” reporter:" / "Abu Hasan also said:"
_BEFORE = re.compile(
    rf"(?P<speaker>{_NAME})(?:,?\s+(?P<description>(?:from|in|of|a|an|the|who|aged)\s+"
    rf"[^,:;“\"]{{2,80}}?))?,?\s+(?:also\s+)?{_SAID}(?:\s+{_OUTLET})?\s*[:,]?\s*$")
# "“...,” said Samer, a resident of Raqqa." / "“...,” Samer told Reuters."
_AFTER = re.compile(
    rf"^\s*,?\s*(?:{_SAID}\s+(?P<speaker>{_NAME})|(?P<speaker2>{_NAME})\s+{_SAID})"
    rf"(?:,\s+(?P<description>[^,.;“\"]{{2,80}}))?(?:\s+{_OUTLET})?")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each quoted passage, the marks excluded.

    Marks pair in order of appearance, whatever their direction: reports often close a
    quote with an opening mark.
    """
    marks = [i for i, char in enumerate(text) if char in _QUOTE_MARKS]
    spans = []
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        if "\n\n" in text[opening:closing]:
            continue
        spans.append((opening + 1, closing))
    return spans


def find_quotes(text: str) -> list[Quote]:
    """Testimony quoted in the text, with whoever the text says spoke it."""
    quotes: list[Quote] = []
    known: dict[str, Quote] = {}
    for start, end in quoted_spans(text):
        if len(text[start:end].split()) < _MIN_WORDS:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        before = _BEFORE.search(text[line_start:start - 1])
        after = _AFTER.match(text[end + 1:end + 200])
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


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()).strip(" ,") if value else None
