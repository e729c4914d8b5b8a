from hypothesis import given
from hypothesis import strategies as st

from harmwatch.extract.numbers import parse_count, parse_number

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    if n < 20:
        return WORDS[n]
    if n < 100:
        return TENS[n // 10] + ("-" + WORDS[n % 10] if n % 10 else "")
    rest = n % 100
    return WORDS[n // 100] + " hundred" + (" and " + spell(rest) if rest else "")


@given(st.integers(min_value=0, max_value=999))
def test_spelled_numbers_read_back(n):
    assert parse_number(spell(n)) == n


@given(st.integers(min_value=0, max_value=10**6))
def test_digits_with_thousands_separators(n):
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=50))
def test_ranges_keep_both_ends(low, width):
    count = parse_count(f"{low} to {low + width}")
    assert (count.min, count.max) == (low, low + width)


def test_bounded_and_vague_counts():
    assert (parse_count("at least 12").min, parse_count("at least 12").max) == (12, 12)
    assert (parse_count("more than 30").min, parse_count("over 130").max) == (30, 130)
    assert (parse_count("nearly 58").min, parse_count("almost 60").max) == (58, 60)
    assert (parse_count("up to 20").min, parse_count("up to 20").max) == (1, 20)
    dozens = parse_count("dozens")
    assert dozens.min >= 13 and dozens.max > dozens.min
    assert parse_count("a dozen").min == 12
    assert parse_count("between 5 and 7").max == 7
    assert parse_count("nothing here") is None
