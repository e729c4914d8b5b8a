"""Publication dates as sources write them (ISO, RFC 822, page metadata)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from harmwatch.errors import UsageError

# Earlier dates are typing mistakes (0001-01-01), later ones are not published yet; both
# overflow the relative dates extraction computes ("three days ago").
EARLIEST_PUBLISHED = date(1900, 1, 1)


def check_published(day: date, what: str) -> date:
    """The date if it is a plausible publication date (1900 to tomorrow), else a clear error."""
    latest = date.today() + timedelta(days=1)
    if not EARLIEST_PUBLISHED <= day <= latest:
        raise UsageError(f"{what} {day.isoformat()} is not a plausible publication date; give "
                         f"one from {EARLIEST_PUBLISHED.isoformat()} to {latest.isoformat()}")
    return day


def parse_published(value: object) -> date | None:
    """A date from an ISO string, an RFC 822 string or a time.struct_time; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "tm_year"):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
