"""Publication dates as sources write them: ISO, RFC 2822, m/d/yy, d/m/Y, page metadata.

A slashed date is read day-first when its first part cannot be a month (13/5/2015) and
month-first when its second part cannot be (5/13/15); an ambiguous one (7/5/15) is read
month-first with a two-digit year (the US spreadsheet habit) and day-first with a
four-digit year (the European one). `--date-format` settles any other case. Only a whole
date (day, month and year) is accepted, so a time such as "2037 UTC+3" is never a year.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from harmwatch.errors import UsageError

# Earlier dates are typing mistakes (0001-01-01), later ones are not published yet; both
# overflow the relative dates extraction computes ("three days ago").
EARLIEST = date(1900, 1, 1)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?!\d)")
# The languages reports come in; naming them spares dateparser detecting one per value
# (14 s on the first value, then 0.3 s each, against milliseconds).
DATE_LANGUAGES = ["en", "ar"]
_WHOLE_DATE = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
               "PREFER_DAY_OF_MONTH": "first"}


def latest() -> date:
    """The latest publication date accepted: tomorrow (time zones run a day ahead)."""
    return date.today() + timedelta(days=1)


def out_of_range(value: date) -> str | None:
    """Why a publication date is refused, or None if it is plausible."""
    if EARLIEST <= value <= latest():
        return None
    return (f"publication date {value.isoformat()} is outside {EARLIEST.isoformat()} .. "
            f"{latest().isoformat()} (today + 1 day): not a plausible publication date")


def check_published(day: date, what: str) -> date:
    """The date if it is a plausible publication date, else a usage error naming `what`."""
    if problem := out_of_range(day):
        raise UsageError(f"{what}: {problem}")
    return day


def _year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    this_century = date.today().year % 100 + 1
    return 2000 + year if year <= this_century else 1900 + year


def _numeric(text: str) -> date | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), _year(match[3])
    day_first = first > 12 or (second <= 12 and len(match[3]) == 4)
    day, month = (first, second) if day_first else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if _ISO.match(text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


def _rfc2822(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def parse_date_text(text: str, date_format: str | None = None) -> date | None:
    """A date from one written value, or None when it does not say a whole date."""
    text = text.strip()
    if not text:
        return None
    if date_format:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            return None
    found = _iso(text) or _numeric(text) or _rfc2822(text)
    # Month names ("5 July 2015"), never words alone ("today" is not a publication date).
    if found is None and any(c.isalpha() for c in text) and re.search(r"\d", text):
        import dateparser  # slow to import: only for dates written with month names

        parsed = dateparser.parse(text, settings=_WHOLE_DATE, languages=DATE_LANGUAGES)
        found = parsed.date() if parsed else None
    return found


def parse_published(value: object, date_format: str | None = None) -> date | None:
    """A date from a string, a date/datetime or a time.struct_time; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "tm_year"):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    return parse_date_text(str(value), date_format)
