"""Publication dates as sources write them."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harmwatch.sources.dates import parse_published

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@given(days)
def test_iso_dates_and_datetimes_parse_to_the_day(day):
    assert parse_published(day.isoformat()) == day
    assert parse_published(f"{day.isoformat()}T23:10:00Z") == day
    assert parse_published(f"{day.isoformat()} 08:00:00+03:00") == day


@given(days)
def test_rfc822_dates_from_feeds_parse(day):
    moment = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
    assert parse_published(format_datetime(moment)) == day
    assert parse_published(time.struct_time(moment.timetuple())) == day


@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"])))
def test_text_without_digits_is_no_date(text):
    assert parse_published(text) is None


@pytest.mark.parametrize("value", [None, "", "not a date", "2015-13-45"])
def test_unreadable_dates_are_none(value):
    assert parse_published(value) is None


plausible = st.dates(min_value=date(1930, 1, 1), max_value=date(2026, 1, 1))


@settings(deadline=None)  # the first month-name date imports dateparser
@given(plausible)
def test_spreadsheet_dates_parse_when_unambiguous(day):
    if day.day > 12:
        assert parse_published(f"{day.month}/{day.day}/{day.year % 100:02d}") == day
        assert parse_published(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_published(f"{day.day} {day:%B %Y}") == day


@settings(deadline=None)
@given(st.integers(0, 23), st.integers(0, 59), st.integers(-12, 14))
def test_times_are_never_read_as_years(hour, minute, offset):
    assert parse_published(f"{hour:02d}{minute:02d} UTC{offset:+d}") is None


@given(plausible)
def test_a_given_format_wins(day):
    assert parse_published(day.strftime("%d.%m.%Y"), "%d.%m.%Y") == day
