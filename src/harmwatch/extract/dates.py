"""Dates as reports write them, resolved against the publication date.

Rules cover what general date parsers miss in conflict reporting: relative days and
weeks ("on Tuesday", "last week", "two days ago"), months without a year ("September last
year", "in March"), month lists ("during the months of September and October of 2014",
one range) and parts of a month or year ("mid-October", "early 2015"). Every date is
clipped to the publication date: a report cannot describe the future as past. The words
and patterns are the language pack's dates.yaml; the resolvers here are language-neutral.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from harmwatch.extract.numbers import NumberReader
from harmwatch.extract.packs import Pack, english, fill
from harmwatch.model import DatePrecision, DateRef, Range, Span

Resolved = tuple[date, date, DatePrecision] | None
Shift = tuple[int, int, tuple[int, int]]  # start, end, (fewest, most) days from the story date


def _month_range(year: int, month: int) -> tuple[date, date]:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, 1), following - timedelta(days=1)


def _year_of(month: int, published: date | None, offset: int = 0) -> int | None:
    """The year of a month named without one: the latest not after publication."""
    if published is None:
        return None
    year = published.year + offset
    if offset == 0 and month > published.month:
        year -= 1
    return year


def _precision(width: timedelta) -> DatePrecision:
    if width.days == 0:
        return "day"
    return "week" if width.days <= 7 else "month" if width.days <= 31 else "year"


class DateReader:
    """One language's date expressions, resolved against a publication date."""

    def __init__(self, vocabulary: dict, numbers: NumberReader):
        v = self.vocabulary = vocabulary
        self.numbers = numbers
        self.months: dict[str, int] = v.get("months", {})
        self.weekdays: dict[str, int] = v.get("weekdays", {})
        month = r"(?:" + ("|".join(sorted(self.months, key=len, reverse=True)) or "(?!)") + \
            r")\.?"
        parts = {"month": month, "weekday": "|".join(self.weekdays) or "(?!)"}
        parts |= {key: v.get(source) or "(?!)" for key, source in (
            ("day", "day"), ("year", "year"), ("part", "parts"), ("small", "small_count"))}
        parts["rel_year"] = fill(v.get("rel_year", ""), **parts)
        self._month = month
        self.rules: list[tuple[re.Pattern, Callable]] = [
            (re.compile(fill(rule["pattern"], **parts), re.IGNORECASE),
             getattr(self, "_" + rule["resolve"])) for rule in v.get("rules", [])]
        self._shift = re.compile(fill(v.get("shift") or "(?!)", **parts), re.IGNORECASE)
        self._month_context = re.compile(v.get("month_context", "(?!)"), re.IGNORECASE)
        self._ambiguous = set(v.get("ambiguous_months", []))

    @classmethod
    def of(cls, pack: Pack) -> DateReader:
        return _reader(pack.directory)

    def find_dates(self, text: str, published: date | None) -> list[DateRef]:
        """Every date expression in `text`, resolved; the longest wins where they overlap."""
        candidates: list[tuple[int, int, Resolved]] = []
        for pattern, rule in self.rules:
            for match in pattern.finditer(text):
                if _is_word_bounded(text, match) and not self._ambiguous_month(text, match):
                    candidates.append((match.start(), match.end(), _safely(rule, match,
                                                                           published)))
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        found: list[DateRef] = []
        taken_until = -1
        for start, end, resolved in candidates:
            if start < taken_until or resolved is None:
                continue
            first, last, precision = resolved
            if published is not None:
                if first > published:
                    continue
                last = min(last, published)
            found.append(DateRef(text=text[start:end], span=Span.of(start, end), start=first,
                                 end=last, precision=precision))
            taken_until = end
        return found

    def find_shifts(self, text: str, start: int, end: int) -> list[Shift]:
        """Dates relative to the story, not to publication ("two days earlier", "the next
        day"): (start, end, (fewest, most) signed days) for each in text[start:end]."""
        shifts = []
        back_words = self.vocabulary.get("shift_back", [])
        for match in self._shift.finditer(text, start, end):
            if match["day"]:
                words = match["day"].lower()
                days = -1 if any(w in words for w in back_words) else 1
                amount = Range(min=1, max=1)
            else:
                amount = self._amount(match["n"])
                days = 7 if self._unit(match["unit"]) == "week" else 1
                amount = Range(min=amount.min * days, max=amount.max * days)
                days = -1 if match["dir"].lower() in back_words else 1
            low, high = sorted((days * amount.min, days * amount.max))
            shifts.append((match.start(), match.end(), (low, high)))
        return shifts

    def _amount(self, words: str) -> Range:
        """How many a small count says: a number, a vague range ("a few"), else one."""
        number = self.numbers.parse_number(words)
        if number:
            return Range(min=number, max=number)
        return self.numbers.vague.get(" ".join(words.lower().split()), Range(min=1, max=1))

    def _unit(self, word: str) -> str:
        return self.vocabulary["units"].get(word.lower(), word.lower())

    def _month_of(self, text: str) -> int:
        return self.months[text.lower().rstrip(".")]

    def _part(self, part: str, first: date, last: date) -> tuple[date, date]:
        """The first, middle or last third of a period."""
        third = (last - first) // 3
        part = part.lower()
        which = next((t for word, t in self.vocabulary["part_thirds"].items() if word in part),
                     "middle")
        if which == "first":
            return first, first + third
        if which == "last":
            return last - third, last
        return first + third, last - third

    def _day_month(self, match: re.Match, published: date | None) -> Resolved:
        month, day = self._month_of(match["month"]), int(re.sub(r"\D", "", match["day"]))
        year = int(match["year"]) if match["year"] else _year_of(month, published)
        if year is None or day > _month_range(year, month)[1].day:
            return None
        when = date(year, month, day)
        if match["year"] is None and published and when > published:
            when = when.replace(year=year - 1)
        return when, when, "day"

    def _month_list(self, match: re.Match, published: date | None) -> Resolved:
        months = [self._month_of(m) for m in re.findall(self._month, match["months"],
                                                         re.IGNORECASE)]
        last = self._month_of(match["last"])
        year = self._explicit_or_relative_year(match, last, published)
        if year is None:
            return None
        first_year = year - 1 if months[0] > last else year
        return _month_range(first_year, months[0])[0], _month_range(year, last)[1], "month"

    def _explicit_or_relative_year(self, match: re.Match, month: int, published: date | None):
        if match["year"]:
            return int(match["year"])
        offset = self.vocabulary.get("relative_years", {}).get((match["rel"] or "").lower())
        if offset is not None:
            return _year_of(month, published, offset) if published else None
        return _year_of(month, published)

    def _is_last(self, word: str | None) -> bool:
        return (word or "").lower() in self.vocabulary.get("last_words", [])

    def _month_year(self, match: re.Match, published: date | None) -> Resolved:
        month = self._month_of(match["month"])
        if self._is_last(match["last"]) and published is not None:
            year = published.year - 1 if month >= published.month else published.year
        else:
            year = self._explicit_or_relative_year(match, month, published)
        if year is None:
            return None
        first, last = _month_range(year, month)
        if match["part"]:
            first, last = self._part(match["part"], first, last)
            return first, last, "week"
        return first, last, "month"

    def _year(self, match: re.Match, published: date | None) -> Resolved:
        year = int(match["year"])
        first, last = date(year, 1, 1), date(year, 12, 31)
        if match["part"]:
            first, last = self._part(match["part"], first, last)
            return first, last, "month"
        return first, last, "year"

    def _weekday(self, match: re.Match, published: date | None) -> Resolved:
        if published is None:
            return None
        back = (published.weekday() - self.weekdays[match["weekday"].lower()]) % 7
        if back == 0 and self._is_last(match["last"]):
            back = 7
        when = published - timedelta(days=back)
        return when, when, "day"

    def _relative_day(self, match: re.Match, published: date | None) -> Resolved:
        if published is None:
            return None
        days = self.vocabulary["relative_days"][" ".join(match.group().lower().split())]
        when = published - timedelta(days=days)
        return when, when, "day"

    def _ago(self, match: re.Match, published: date | None) -> Resolved:
        if published is None:
            return None
        amount, unit = self._amount(match["n"]), self._unit(match["unit"])
        if unit == "day":
            first, last = (published - timedelta(days=amount.max),
                           published - timedelta(days=amount.min))
            return first, last, _precision(last - first)
        if unit == "week":
            first = published - timedelta(weeks=amount.max)
            last = published - timedelta(weeks=amount.min)
            return first - timedelta(days=first.weekday()), \
                last + timedelta(days=6 - last.weekday()), "week" if amount.min == amount.max \
                else "month"
        if unit == "month":
            first = _months_back(published, amount.max)
            last = _months_back(published, amount.min)
            return _month_range(*first)[0], _month_range(*last)[1], "month" \
                if amount.min == amount.max else "year"
        return date(published.year - amount.max, 1, 1), date(published.year - amount.min, 12,
                                                               31), "year"

    def _this_last(self, match: re.Match, published: date | None) -> Resolved:
        if published is None:
            return None
        back = self.vocabulary["this_words"].get(match["which"].lower(), 1)
        unit = self._unit(match["unit"])
        if unit in ("week", "weekend"):
            monday = published - timedelta(days=published.weekday(), weeks=back)
            first = monday + timedelta(days=5) if unit == "weekend" else monday
            return first, monday + timedelta(days=6), "week"
        if unit == "month":
            first, last = _month_range(*_months_back(published, back))
            return first, last, "month"
        return date(published.year - back, 1, 1), date(published.year - back, 12, 31), "year"

    def _ambiguous_month(self, text: str, match: re.Match) -> bool:
        """"May" and "March" are also words: a bare month name counts only capitalised."""
        groups = match.groupdict()
        if "month" not in groups or groups.get("day") or groups.get("year") or \
                groups.get("rel"):
            return False
        word = match["month"].rstrip(".")
        if word.lower() in self._ambiguous and not word[0].isupper():
            return True
        return word.lower() == self.vocabulary.get("ambiguous_modal") and \
            not groups.get("part") and not groups.get("last") and \
            not self._month_context.search(text, max(0, match.start() - 8), match.start())


def _months_back(published: date, months: int) -> tuple[int, int]:
    index = published.year * 12 + published.month - 1 - months
    return index // 12, index % 12 + 1


def _safely(rule: Callable, match: re.Match, published: date | None) -> Resolved:
    """A date that would fall outside the calendar (0001-01-01 minus a day) resolves to
    nothing instead of failing the document."""
    try:
        return rule(match, published)
    except (OverflowError, ValueError):
        return None


def shift_from(text: str, shift: Shift, anchor_start: date, anchor_end: date,
               published: date | None) -> DateRef | None:
    """A story-relative date resolved against the story date it follows; the range is as
    wide as the anchor's (an anchor known only to a week gives a week)."""
    start, end, days = shift
    try:
        first = anchor_start + timedelta(days=days[0])
        last = anchor_end + timedelta(days=days[1])
    except OverflowError:
        return None
    if published is not None:
        if first > published:
            return None
        last = min(last, published)
    return DateRef(text=text[start:end], span=Span.of(start, end), start=first, end=last,
                   precision=_precision(last - first))


def _is_word_bounded(text: str, match: re.Match) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not (before.isalnum() or after.isalnum())


@cache
def _reader(directory) -> DateReader:
    pack = Pack.load(directory)
    return DateReader(pack.data("dates"), NumberReader.of(pack))


def find_dates(text: str, published: date | None) -> list[DateRef]:
    """English date expressions in `text` (see DateReader.find_dates)."""
    return DateReader.of(english()).find_dates(text, published)


def find_shifts(text: str, start: int, end: int) -> list[Shift]:
    """English story-relative dates in text[start:end] (see DateReader.find_shifts)."""
    return DateReader.of(english()).find_shifts(text, start, end)
