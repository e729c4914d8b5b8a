"""Property tests: normalize() offsets, the number reader and the date reader."""

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harmwatch.extract.arabic import build_pipeline
from harmwatch.extract.arabic.dates import DateReader
from harmwatch.extract.arabic.numbers import NumberReader
from harmwatch.extract.arabic.pack import PACK_DIR, PackFiles
from harmwatch.model import Document
from harmwatch.text.arabic import normalize_arabic as normalize

FILES = PackFiles(PACK_DIR)
NUMBERS = NumberReader(FILES)
DATES = DateReader(FILES)
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
HUNDREDS = ["", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة",
            "تسعمئة"]
LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]
MSA = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
       "أكتوبر", "نوفمبر", "ديسمبر"]
ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآىةئؤء"
NOISE = "\u064b\u064e\u064f\u0650\u0651\u0652\u0640" + "٠١٢٣٤٥٦٧٨٩۳۴،؟؛ .!\n" + "abc"


def spelled(n: int) -> str:
    """n (1..999) in words: hundreds, then unit و tens ("خمسة وعشرون"), teens as unit عشر."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    parts = [HUNDREDS[hundreds]] if hundreds else []
    if tens == 1 and units:
        parts.append(f"{UNITS[units]} عشر")
    elif tens and units:
        parts.append(f"{UNITS[units]} و{TENS[tens]}")
    elif rest:
        parts.append(TENS[tens] or UNITS[units])
    return " و".join(parts)


@given(st.text(alphabet=ARABIC_ALPHABET + NOISE, max_size=80))
def test_normalize_view_maps_into_original(text):
    view, offsets = normalize(text)
    assert len(offsets) == len(view) + 1 and offsets[-1] == len(text)
    assert offsets[:-1] == sorted(set(offsets[:-1]))
    for index, char in enumerate(view):
        assert normalize(text[offsets[index]])[0] in (char, "")


@given(st.integers(1, 999_999))
def test_digits_eastern_and_western(n):
    for written in (str(n), str(n).translate(EASTERN)):
        view, _ = normalize(f"مقتل {written} مدنيين")
        counts = NUMBERS.read(view)
        assert (counts[0].min, counts[0].max) == (n, n)


@given(st.integers(1, 999))
def test_number_words(n):
    view, _ = normalize(f"استشهاد {spelled(n)} مدنيين")
    counts = NUMBERS.read(view)
    assert (counts[0].min, counts[0].max) == (n, n), spelled(n)


@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.booleans(), st.booleans())
def test_day_month_year(day, levantine, double):
    month = (LEVANTINE if levantine else MSA)[day.month - 1]
    if double:
        month = f"{LEVANTINE[day.month - 1]}/{MSA[day.month - 1]}"
    view, _ = normalize(f"في {day.day} {month} {day.year} قصف")
    found = DATES.find(view, None)
    assert found[0].first == day and found[0].absolute


@given(st.dates(date(2010, 1, 1), date(2030, 12, 31)), st.integers(0, 6))
def test_weekday_is_never_after_publication(published, weekday):
    name = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"][weekday]
    view, _ = normalize(f"قصف مساء يوم {name} الماضي")
    found = DATES.find(view, published)
    assert found[0].first.weekday() == weekday
    assert published - timedelta(days=7) <= found[0].first < published


@pytest.fixture(scope="module")
def extract():
    return build_pipeline()


WORDS = ["استشهاد", "3", "٣", "مدنيين", "بينهم", "طفلان", "جراء", "قصف", "طيران", "النظام",
         "على", "بلدة", "كفرنبل", "بريف", "إدلب", "الجنوبي", "أمس", "مقتل", "وإصابة", "قسد",
         "الاحتلال", "التركي", "،", ".", "\n", "#", "ـ", "\u064e", "“", "”", "مراسل", "بحسب",
         "عشرات", "خمسة", "وعشرون", "حي", "قرية", "ريف", "مساء", "الثلاثاء", "2023", "أكتوبر"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=200), st.booleans())
def test_any_arabic_document(extract, words, dated):
    text = " ".join(words)
    started = time.perf_counter()
    result = extract(Document(text=text, published=date(2023, 10, 25) if dated else None))
    assert time.perf_counter() - started < 2
    for event in result.events:
        for mention in (event.actor1, event.date, event.location, event.evidence, *event.targets):
            if mention is not None:
                assert mention.span.slice(text) == mention.text
    for mention in (*result.places, *result.actors, *result.dates, *result.quotes):
        assert mention.span.slice(text) == mention.text
