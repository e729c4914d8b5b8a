"""Counts as reports write them: digits, number words, vague quantities and ranges.

The words come from the language pack's numbers.yaml; `parse_count` and `parse_number`
at module level read English (the built-in pack).
"""

from __future__ import annotations

import re
from functools import cache, cached_property

from harmwatch.extract.packs import Pack, english
from harmwatch.model import Range


class NumberReader:
    """One language's number words and count phrases."""

    def __init__(self, vocabulary: dict):
        self.units: dict[str, int] = vocabulary["units"]
        self.tens: dict[str, int] = vocabulary.get("tens", {})
        self.scales: dict[str, int] = vocabulary.get("scales", {})
        self.connectors = set(vocabulary.get("connectors", []))
        self.vocabulary = vocabulary
        self.vague = {phrase: Range(min=low, max=high)
                      for phrase, (low, high) in vocabulary.get("vague", {}).items()}

    @classmethod
    def of(cls, pack: Pack) -> NumberReader:
        return _reader(pack.directory)

    @cached_property
    def number(self) -> str:
        """Regex for one number: digits (1,200 / 1.200) or words ("two hundred and ten")."""
        not_alone = set(self.vocabulary.get("not_alone", []))
        # In the data files' order (not a set's): the same pattern text in every process.
        words = "|".join(sorted([*(w for w in self.units if w not in not_alone),
                                 *self.tens, *self.scales], key=len, reverse=True))
        joins = "|".join(rf"\s+{re.escape(c)}\s+" for c in self.connectors)
        joined = rf"(?:[- ]|{joins})?" if joins else "[- ]?"
        a_scale = self.vocabulary.get("a_scale")
        return (rf"(?:\d{{1,3}}(?:[,.]\d{{3}})+|\d+|(?:(?:{words}){joined})*(?:{words})"
                + (f"|{a_scale})" if a_scale else ")"))

    @cached_property
    def _number_re(self) -> re.Pattern:
        return re.compile(self.number, re.IGNORECASE)

    @cached_property
    def _upper_re(self) -> re.Pattern:
        return re.compile(self.vocabulary.get("upper", "(?!)"))

    @cached_property
    def count(self) -> str:
        """Regex for a number with its bound or range: "at least 12", "between 5 and 7"."""
        bounds = "|".join(self.vocabulary[k] for k in ("lower", "upper", "about")
                          if self.vocabulary.get(k))
        between = self.vocabulary.get("between")
        joins = self.vocabulary.get("range_joins", "(?:-|–)")
        return ((rf"(?:(?:{bounds})\s+)?" if bounds else "")
                + (rf"(?:{between}\s+)?" if between else "")
                + rf"{self.number}(?:\s*{joins}\s*{self.number})?")

    def vague_pattern(self) -> str:
        return "|".join(re.escape(p) for p in sorted(self.vague, key=len, reverse=True))

    def count_pattern(self) -> str:
        """Regex for one count expression (number, bounded number, range or vague quantity)."""
        return rf"(?:{self.count}|{self.vague_pattern()})"

    def parse_number(self, text: str) -> int | None:
        """The integer a number written in digits or words stands for, else None."""
        text = text.strip().lower()
        if not text:
            return None
        digits = text.replace(",", "").replace(".", "")
        if digits.isdigit():
            return int(digits)
        total = current = 0
        seen = False
        for word in re.split(r"[\s-]+", text):
            if word in self.connectors:
                continue
            if word in self.units:
                current += self.units[word]
            elif word in self.tens:
                current += self.tens[word]
            elif word in self.scales:
                current = max(current, 1) * self.scales[word]
                if self.scales[word] >= 1000:
                    total, current = total + current, 0
            else:
                return None
            seen = True
        return total + current if seen else None

    def parse_count(self, text: str) -> Range | None:
        """A Range for a count expression: "at least 12", "12 to 15", "dozens", "up to 20".

        Where the text gives only a lower bound ("at least 12", "more than 30") min = max =
        the figure it states: monitors (ACLED among them) code "more than 30" as 30, the
        number the source vouches for, not a 31 it never wrote.
        """
        phrase = " ".join(text.lower().split())
        vague = self.vague.get(phrase)
        if vague is not None:
            return vague
        numbers = [self.parse_number(m.group()) for m in self._number_re.finditer(phrase)]
        numbers = [n for n in numbers if n is not None]
        if not numbers:
            return None
        if len(numbers) >= 2 and numbers[1] >= numbers[0]:
            return Range(min=numbers[0], max=numbers[1])
        value = numbers[0]
        if self._upper_re.match(phrase):
            return Range(min=1 if value else 0, max=value)
        return Range(min=value, max=value)


@cache
def _reader(directory) -> NumberReader:
    return NumberReader(Pack.load(directory).data("numbers"))


def _english() -> NumberReader:
    return NumberReader.of(english())


def parse_number(text: str) -> int | None:
    """An English number in digits or words ("twenty-five"), else None."""
    return _english().parse_number(text)


def parse_count(text: str) -> Range | None:
    """An English count expression as a Range (see NumberReader.parse_count)."""
    return _english().parse_count(text)
