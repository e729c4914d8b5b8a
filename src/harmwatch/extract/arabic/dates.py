"""Dates in Arabic reports: day-month-year (Gregorian in MSA or Levantine names, double forms,
Hijri with its year), numeric dates, and days relative to publication ("أمس", "مساء
الثلاثاء", "الثلاثاء الماضي"). Never after the publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Hijri

from harmwatch.extract.arabic.pack import END, START, PackFiles, bare, fold_keys


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    first: date
    last: date
    precision: str
    absolute: bool  # says its own year: can stand for a publication date


def _widen(found: FoundDate, start: int) -> FoundDate:
    return FoundDate(start, found.end, found.first, found.last, found.precision, found.absolute)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateReader:
    def __init__(self, files: PackFiles):
        table = files["dates"]
        self.months = fold_keys(table["months"])
        self.hijri = fold_keys(table["hijri_months"])
        self.weekdays = fold_keys(table["weekdays"])
        self.relative = fold_keys(table["relative_days"])
        names = bare(list(self.months))
        month = rf"(?P<month>{names})(?:\s*[/(-]\s*(?:{names})\)?)?"
        year = r"(?:\s*,?\s*(?:عام|سنه)?\s*(?P<year>(?:19|20)\d\d))?"
        self.gregorian = re.compile(
            rf"(?<!\d)(?P<day>[0-3]?\d)\s*(?:من\s+)?(?:شهر\s+)?{month}{END}{year}(?!\d)"
            rf"|{START}(?P<month2>{bare(list(self.months))})\s+(?P<day2>[0-3]?\d),?\s+"
            rf"(?P<year2>(?:19|20)\d\d)(?!\d)")
        self.hijri_date = re.compile(
            rf"(?<!\d)(?P<day>[0-3]?\d)\s+(?P<month>{bare(list(self.hijri))})\s+(?P<year>1[34]\d\d)"
            rf"\s*(?:{bare(table['hijri_year_mark'])})?{END}")
        self.numeric = re.compile(
            r"(?<![\d/])(?:(?P<d>[0-3]?\d)[/.-](?P<m>[01]?\d)[/.-](?P<y>20\d\d)"
            r"|(?P<y2>20\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))(?![\d/])")
        part = rf"(?:(?:{bare(table['parts_of_day'])})\s+)?"
        day_word = rf"(?:{bare(table['day_word'])}\s+)?"
        self.relative_day = re.compile(
            rf"{START}[وف]?(?:ب|في\s+)?{part}(?:(?P<rel>{bare(list(self.relative))}){END}"
            rf"(?:\s+{day_word}(?P<wd1>{bare(list(self.weekdays))}))?"
            rf"|{day_word}(?P<wd2>{bare(list(self.weekdays))})(?:\s+(?P<past>{bare(table['past'])}))?)"
            rf"{END}")

    def find(self, view: str, published: date | None) -> list[FoundDate]:
        """Every date expression; relative ones only where the publication date is known."""
        found = [*self._absolute(view, published)]
        taken = [(f.start, f.end) for f in found]
        for match in self.relative_day.finditer(view):
            if any(s < match.end() + 3 and match.start() < e for s, e in taken):
                # "الاثنين, 23 أكتوبر": the weekday is part of the date written after it
                found = [_widen(f, match.start()) if match.end() <= f.start <= match.end() + 3
                         else f for f in found]
                continue
            if published:
                day = self._relative(match, published)
                found.append(FoundDate(match.start(), match.end(), day, day, "day", False))
        return sorted(found, key=lambda f: f.start)

    def _absolute(self, view: str, published: date | None):
        for match in self.gregorian.finditer(view):
            month = self.months[match["month"] or match["month2"]]
            day = int(match["day"] or match["day2"])
            year_text = match["year"] or match["year2"]
            if year_text:
                found = _day(int(year_text), month, day)
            elif published:
                found = _day(published.year, month, day)
                if found and found > published:
                    found = _day(published.year - 1, month, day)
            else:
                found = None
            if found and (published is None or found <= published):
                yield FoundDate(match.start(), match.end(), found, found, "day", bool(year_text))
        for match in self.hijri_date.finditer(view):
            try:
                found = Hijri(int(match["year"]), self.hijri[match["month"]],
                              int(match["day"])).to_gregorian()
            except (ValueError, OverflowError):
                continue
            found = date(found.year, found.month, found.day)
            if published is None or found <= published:
                yield FoundDate(match.start(), match.end(), found, found, "day", True)
        for match in self.numeric.finditer(view):
            found = _day(int(match["y"] or match["y2"]), int(match["m"] or match["m2"]),
                         int(match["d"] or match["d2"]))
            if found and (published is None or found <= published):
                yield FoundDate(match.start(), match.end(), found, found, "day", True)

    def _relative(self, match: re.Match, published: date) -> date:
        weekday = match["wd1"] or match["wd2"]
        if match["rel"] and not weekday:
            return published + timedelta(days=self.relative[match["rel"]])
        # "اليوم الأحد", "الثلاثاء الماضي": the weekday decides, counted back from publication
        back = (published.weekday() - self.weekdays[weekday]) % 7
        if match["past"] and back == 0:
            back = 7
        return published - timedelta(days=back)
