"""Counts written in Arabic: digits, number words and their compounds, vague quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.extract.arabic.pack import END, START, PackFiles, bare, fold, fold_keys


@dataclass(frozen=True)
class Count:
    min: int
    max: int
    start: int
    end: int


class NumberReader:
    """Finds and reads count phrases on the normalised view."""

    def __init__(self, files: PackFiles):
        table = files["numbers"]
        self.units = fold_keys(table["units"])
        self.tens = fold_keys(table["tens"])
        self.hundreds = fold_keys(table["hundreds"])
        self.scales = fold_keys(table["scales"])
        self.teen = {fold(w) for w in table["teen"]}
        casualties = files["casualties"]
        self.vague = {fold(k): tuple(v) for k, v in casualties["vague"].items()}
        self.words = {*self.units, *self.tens, *self.hundreds, *self.scales, *self.teen}
        word = bare(list(self.words))
        approx = bare(casualties["approximate"])
        spelled = rf"{word}(?:\s+و?{word})*"
        # "(3)": a count in brackets, as tweets write them
        self._template = (rf"(?:{approx}\s+)?\(?(?P<NAME>\d{{1,6}}|{START}{spelled}{END}"
                          rf"|{START}{bare(list(self.vague))}{END})\)?")
        self.pattern = self.named("count")
        self.regex = re.compile(self.pattern)

    def named(self, name: str) -> str:
        """The count pattern, its number in group `name`."""
        return self._template.replace("NAME", name)

    def value(self, phrase: str) -> tuple[int, int] | None:
        """The range a count phrase (digits, words, a vague word) stands for."""
        phrase = phrase.strip()
        if phrase.isdigit():
            return int(phrase), int(phrase)
        if phrase in self.vague:
            low, high = self.vague[phrase]
            return low, high
        total = current = 0
        for token in phrase.split():
            if token not in self.words and token.startswith("و") and token[1:] in self.words:
                token = token[1:]
            if token in self.teen:  # عشرة alone, or the teen of the unit before it
                current += 10
            elif token in self.units:
                current += self.units[token]
            elif token in self.tens:
                current += self.tens[token]
            elif token in self.hundreds:
                current += self.hundreds[token]
            elif token in self.scales:
                scale = self.scales[token]
                total += scale if current == 0 else current * scale
                current = 0
            else:
                return None
        total += current
        return (total, total) if total else None

    def read(self, view: str, start: int = 0, end: int | None = None) -> list[Count]:
        counts = []
        for match in self.regex.finditer(view, start, len(view) if end is None else end):
            value = self.value(match["count"])
            if value:
                counts.append(Count(value[0], value[1], match.start(), match.end()))
        return counts
