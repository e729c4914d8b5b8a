"""Counts as reports write them: digits, number words, vague quantities and ranges."""

from __future__ import annotations

import re
from functools import cache

from harmwatch.data import data_path
from harmwatch.model import Range

UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "pair": 2, "couple": 2, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_WORD = "|".join(sorted([*UNITS.keys() - {"a", "an", "no", "pair", "couple", "single"},
                         *TENS, *SCALES], key=len, reverse=True))
# One number: digits (1,200 / 1.200) or words ("twenty-five", "two hundred and ten").
NUMBER = (rf"(?:\d{{1,3}}(?:[,.]\d{{3}})+|\d+|(?:(?:{_WORD})(?:[- ]|\s+and\s+)?)*(?:{_WORD})"
          rf"|a (?:dozen|hundred|thousand))")
_NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)


@cache
def vague_quantities() -> dict[str, Range]:
    import yaml

    raw = yaml.safe_load(data_path("casualties.yaml").read_text(encoding="utf-8"))["vague"]
    return {phrase: Range(min=low, max=high) for phrase, (low, high) in raw.items()}


def vague_pattern() -> str:
    return "|".join(re.escape(p) for p in sorted(vague_quantities(), key=len, reverse=True))


def parse_number(text: str) -> int | None:
    """The integer a number written in digits or English words stands for, else None."""
    text = text.strip().lower()
    if not text:
        return None
    digits = text.replace(",", "").replace(".", "")
    if digits.isdigit():
        return int(digits)
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


_LOWER = r"(?:at least|no (?:fewer|less) than|not less than|a minimum of|more than|over|upwards of)"
_UPPER = r"(?:up to|as many as|at most|no more than|less than|fewer than|under)"
# "nearly 58", "almost 60", "about 40": the figure the source states, as for "more than 30".
_ABOUT = r"(?:about|around|approximately|roughly|some|an estimated|estimated|close to|nearly|" \
         r"almost)"
COUNT = (rf"(?:(?:{_LOWER}|{_UPPER}|{_ABOUT})\s+)?(?:between\s+)?{NUMBER}"
         rf"(?:\s*(?:-|–|to|or|and)\s*{NUMBER})?")


def count_pattern() -> str:
    """Regex for one count expression (number, bounded number, range or vague quantity)."""
    return rf"(?:{COUNT}|{vague_pattern()})"


def parse_count(text: str) -> Range | None:
    """A Range for a count expression: "at least 12", "12 to 15", "dozens", "up to 20".

    Where the text gives only a lower bound ("at least 12", "more than 30") min = max = the
    figure it states: monitors (ACLED among them) code "more than 30" as 30, the number the
    source vouches for, not a 31 it never wrote.
    """
    phrase = " ".join(text.lower().split())
    vague = vague_quantities().get(phrase)
    if vague is not None:
        return vague
    numbers = [parse_number(m.group()) for m in _NUMBER_RE.finditer(phrase)]
    numbers = [n for n in numbers if n is not None]
    if not numbers:
        return None
    if len(numbers) >= 2 and numbers[1] >= numbers[0]:
        return Range(min=numbers[0], max=numbers[1])
    value = numbers[0]
    if re.match(_UPPER, phrase):
        return Range(min=1 if value else 0, max=value)
    return Range(min=value, max=value)
