from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from harmwatch.extract.dates import find_dates, find_shifts

PUBLISHED = date(2015, 9, 1)  # a Tuesday


def one(text, published=PUBLISHED):
    found = find_dates(text, published)
    assert len(found) == 1, found
    ref = found[0]
    assert ref.span.slice(text) == ref.text
    return ref.start, ref.end, ref.precision


def test_relative_days_and_weeks():
    assert one("The raid happened yesterday.") == (date(2015, 8, 31), date(2015, 8, 31), "day")
    assert one("on Sunday the jets returned")[0] == date(2015, 8, 30)
    assert one("last week's shelling")[2] == "week"
    assert one("two days ago")[0] == date(2015, 8, 30)


def test_months_without_year_resolve_backwards():
    assert one("in September last year")[:2] == (date(2014, 9, 1), date(2014, 9, 30))
    assert one("since mid-October") [0].year == 2014
    assert one("in March")[:2] == (date(2015, 3, 1), date(2015, 3, 31))


def test_month_list_is_one_range():
    text = "during the months of September and October of 2014, launched raids"
    assert one(text) == (date(2014, 9, 1), date(2014, 10, 31), "month")


def test_parts_of_years_and_absolute_dates():
    start, end, precision = one("in early 2015")
    assert start == date(2015, 1, 1) and end < date(2015, 6, 1) and precision == "month"
    assert one("Sun 05 Jul 2015 22 dead")[0] == date(2015, 7, 5)


def test_relative_dates_need_a_publication_date():
    assert find_dates("yesterday", None) == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
       st.sampled_from(["yesterday", "on Friday", "last month", "in June", "mid-March",
                        "last week", "three weeks ago", "early 2014"]))
def test_never_after_publication(published, phrase):
    for ref in find_dates(f"It happened {phrase}.", published):
        assert ref.start <= ref.end <= published


@given(st.integers(min_value=0, max_value=6))
def test_weekdays_fall_in_the_week_before(back):
    published = date(2016, 5, 15)
    day = published - timedelta(days=back)
    start = one(f"on {day.strftime('%A')}", published)[0]
    assert start == day


@given(st.integers(min_value=1, max_value=10), st.sampled_from(["earlier", "later"]),
       st.sampled_from(["day", "week"]))
def test_story_shifts_count_days_and_weeks(n, direction, unit):
    text = f"Then {n} {unit}{'s' if n > 1 else ''} {direction}, jets struck."
    (start, end, days), = find_shifts(text, 0, len(text))
    expected = (-1 if direction == "earlier" else 1) * n * (7 if unit == "week" else 1)
    assert days == (expected, expected)
    assert text[start:end].startswith(str(n))


def test_may_after_a_preposition_of_time_is_the_month():
    found = find_dates("In May more than 60 civilians were killed. They may strike again.",
                       date(2015, 7, 16))
    assert [(d.text, d.start, d.end) for d in found] == \
        [("May", date(2015, 5, 1), date(2015, 5, 31))]
