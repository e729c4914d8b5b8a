"""Dates as reports write them, resolved against the publication date.

Rules cover what general date parsers miss in conflict reporting: relative days and
weeks ("on Tuesday", "last week", "two days ago"), months without a year ("September last
year", "in March"), month lists ("during the months of September and October of 2014",
one range) and parts of a month or year ("mid-October", "early 2015"). Every date is
clipped to the publication date: a report cannot describe the future as past.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from harmwatch.extract.numbers import parse_number
from harmwatch.model import DatePrecision, DateRef, Span

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = "|".join(WEEKDAYS)
_PART = r"(?:early|mid|late|the (?:beginning|start|middle|end) of|beginning of|end of)"
_SMALL = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a|a few|several)"

Resolved = tuple[date, date, DatePrecision] | None
Rule = Callable[[re.Match, date | None], Resolved]


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_of(month: int, published: date | None, offset: int = 0) -> int | None:
    """The year of a month named without one: the latest not after publication."""
    if published is None:
        return None
    year = published.year + offset
    if offset == 0 and month > published.month:
        year -= 1
    return year


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _part(part: str, first: date, last: date) -> tuple[date, date]:
    """The first, middle or last third of a period."""
    third = (last - first) // 3
    part = part.lower()
    if part in ("early",) or "beginning" in part or "start" in part:
        return first, first + third
    if part == "late" or "end" in part:
        return last - third, last
    return first + third, last - third


def _day_month(match: re.Match, published: date | None) -> Resolved:
    month, day = _month(match["month"]), int(re.sub(r"\D", "", match["day"]))
    year = int(match["year"]) if match["year"] else _year_of(month, published)
    if year is None or day > calendar.monthrange(year, month)[1]:
        return None
    when = date(year, month, day)
    if match["year"] is None and published and when > published:
        when = when.replace(year=year - 1)
    return when, when, "day"


def _month_list(match: re.Match, published: date | None) -> Resolved:
    months = [_month(m) for m in re.findall(_MONTH, match["months"], re.IGNORECASE)]
    last = _month(match["last"])
    year = _explicit_or_relative_year(match, last, published)
    if year is None:
        return None
    first_year = year - 1 if months[0] > last else year
    return _month_range(first_year, months[0])[0], _month_range(year, last)[1], "month"


def _explicit_or_relative_year(match: re.Match, month: int, published: date | None):
    if match["year"]:
        return int(match["year"])
    relative = (match["rel"] or "").lower()
    if relative == "last year":
        return _year_of(month, published, -1)
    if relative == "this year":
        return _year_of(month, published, 0) if published else None
    return _year_of(month, published)


def _month_year(match: re.Match, published: date | None) -> Resolved:
    month = _month(match["month"])
    if (match["last"] or "").lower() == "last" and published is not None:
        year = published.year - 1 if month >= published.month else published.year
    else:
        year = _explicit_or_relative_year(match, month, published)
    if year is None:
        return None
    first, last = _month_range(year, month)
    if match["part"]:
        first, last = _part(match["part"], first, last)
        return first, last, "week"
    return first, last, "month"


def _year(match: re.Match, published: date | None) -> Resolved:
    year = int(match["year"])
    first, last = date(year, 1, 1), date(year, 12, 31)
    if match["part"]:
        first, last = _part(match["part"], first, last)
        return first, last, "month"
    return first, last, "year"


def _weekday(match: re.Match, published: date | None) -> Resolved:
    if published is None:
        return None
    back = (published.weekday() - WEEKDAYS[match["weekday"].lower()]) % 7
    if back == 0 and (match["last"] or "").lower() == "last":
        back = 7
    when = published - timedelta(days=back)
    return when, when, "day"


_DAYS_BACK = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": 1, "last night": 1,
              "the day before yesterday": 2}


def _relative_day(match: re.Match, published: date | None) -> Resolved:
    if published is None:
        return None
    when = published - timedelta(days=_DAYS_BACK[" ".join(match.group().lower().split())])
    return when, when, "day"


def _ago(match: re.Match, published: date | None) -> Resolved:
    if published is None:
        return None
    amount = parse_number(match["n"]) or (3 if match["n"].lower() in ("a few", "several") else 1)
    unit = match["unit"].lower().rstrip("s")
    if unit == "day":
        when = published - timedelta(days=amount)
        return when, when, "day"
    if unit == "week":
        when = published - timedelta(weeks=amount)
        return when - timedelta(days=when.weekday()), when + timedelta(days=6 - when.weekday()), \
            "week"
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 - amount
        first, last = _month_range(month_index // 12, month_index % 12 + 1)
        return first, last, "month"
    return date(published.year - amount, 1, 1), date(published.year - amount, 12, 31), "year"


def _this_last(match: re.Match, published: date | None) -> Resolved:
    if published is None:
        return None
    which, unit = match["which"].lower(), match["unit"].lower()
    back = 0 if which in ("this", "earlier this") else 1
    if unit in ("week", "weekend"):
        monday = published - timedelta(days=published.weekday(), weeks=back)
        first = monday + timedelta(days=5) if unit == "weekend" else monday
        return first, monday + timedelta(days=6), "week"
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 - back
        first, last = _month_range(month_index // 12, month_index % 12 + 1)
        return first, last, "month"
    return date(published.year - back, 1, 1), date(published.year - back, 12, 31), "year"


_REL_YEAR = r"(?:,?\s*(?:of\s+)?(?P<year>" + _YEAR + r")|\s+(?P<rel>last year|this year))?"
RULES: list[tuple[re.Pattern, Rule]] = [(re.compile(pattern, re.IGNORECASE), rule) for
                                        pattern, rule in [
    (rf"(?:the months? of\s+)?(?P<months>{_MONTH}(?:\s*,\s*{_MONTH})*)\s*(?:,|and|to|through|"
     rf"until|till|-|–)\s*(?P<last>{_MONTH}){_REL_YEAR}", _month_list),
    (rf"(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})(?:,?\s*(?P<year>{_YEAR}))?", _day_month),
    (rf"(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?![\d:])(?:,?\s*(?P<year>{_YEAR}))?", _day_month),
    (rf"(?:(?P<part>{_PART})[- ]\s*|(?P<last>last)\s+)?(?P<month>{_MONTH}){_REL_YEAR}",
     _month_year),
    (rf"(?:(?P<part>{_PART})[- ]\s*)?(?P<year>{_YEAR})(?!\d)", _year),
    (rf"(?:(?P<last>last|this|on|next)\s+)?(?P<weekday>{_WEEKDAY})", _weekday),
    (r"the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon|evening)|"
     r"last night", _relative_day),
    (rf"(?P<n>{_SMALL})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago", _ago),
    (r"(?P<which>earlier this|this|last|past)\s+(?P<unit>week|weekend|month|year)",
     _this_last),
]]
# "May" and "March" are also words; a bare month name counts only when it is capitalised.
_AMBIGUOUS = {"may", "march", "sat", "sun", "jan", "dec", "mar", "jun"}


def find_dates(text: str, published: date | None) -> list[DateRef]:
    """Every date expression in `text`, resolved; the longest wins where they overlap."""
    candidates: list[tuple[int, int, Resolved]] = []
    for pattern, rule in RULES:
        for match in pattern.finditer(text):
            if _is_word_bounded(text, match) and not _ambiguous_month(text, match):
                candidates.append((match.start(), match.end(), rule(match, published)))
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


_SHIFT = re.compile(
    rf"(?<![\w-])(?:(?P<n>{_SMALL})\s+(?P<unit>days?|weeks?)\s+(?P<dir>earlier|later)|"
    r"(?P<day>the (?:previous|next|following) day|the day (?:before|after)(?=[,.;])|"
    r"a day (?:earlier|later)))(?![\w-])", re.IGNORECASE)


def find_shifts(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """Dates relative to the story, not to publication ("two days earlier", "the next
    day"): (start, end, signed days) for each in text[start:end]."""
    shifts = []
    for match in _SHIFT.finditer(text, start, end):
        if match["day"]:
            words = match["day"].lower()
            days = -1 if any(w in words for w in ("previous", "before", "earlier")) else 1
        else:
            amount = parse_number(match["n"]) or (3 if match["n"].lower() in (
                "a few", "several") else 1)
            days = amount * (7 if match["unit"].lower().startswith("week") else 1)
            days = -days if match["dir"].lower() == "earlier" else days
        shifts.append((match.start(), match.end(), days))
    return shifts


def shift_from(text: str, shift: tuple[int, int, int], anchor_start: date, anchor_end: date,
               published: date | None) -> DateRef | None:
    """A story-relative date resolved against the story date it follows; the range is as
    wide as the anchor's (an anchor known only to a week gives a week)."""
    start, end, days = shift
    first, last = anchor_start + timedelta(days=days), anchor_end + timedelta(days=days)
    if published is not None:
        if first > published:
            return None
        last = min(last, published)
    return DateRef(text=text[start:end], span=Span.of(start, end), start=first, end=last,
                   precision=_precision(last - first))


def _precision(width: timedelta) -> DatePrecision:
    if width.days == 0:
        return "day"
    return "week" if width.days <= 7 else "month" if width.days <= 31 else "year"


def _is_word_bounded(text: str, match: re.Match) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not (before.isalnum() or after.isalnum())


# "In May", "since May": a capitalised May after a preposition of time is the month.
_MONTH_CONTEXT = re.compile(r"\b(?:in|since|until|till|during|from|through|by)\s+$",
                            re.IGNORECASE)


def _ambiguous_month(text: str, match: re.Match) -> bool:
    groups = match.groupdict()
    if "month" not in groups or groups.get("day") or groups.get("year") or groups.get("rel"):
        return False
    word = match["month"].rstrip(".")
    if word.lower() in _AMBIGUOUS and not word[0].isupper():
        return True
    return word.lower() == "may" and not groups.get("part") and not groups.get("last") and \
        not _MONTH_CONTEXT.search(text, max(0, match.start() - 8), match.start())
