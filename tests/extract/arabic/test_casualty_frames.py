"""Arabic casualty frames: vague counts, duals, subgroups, coordination, no-casualty phrases."""

import pytest

from harmwatch.extract.arabic.casualties import CasualtyReader
from harmwatch.extract.arabic.numbers import NumberReader
from harmwatch.extract.arabic.pack import PACK_DIR, PackFiles
from harmwatch.text.arabic import normalize_arabic as normalize

FILES = PackFiles(PACK_DIR)
READER = CasualtyReader(FILES, NumberReader(FILES))


def read(text):
    view, _ = normalize(text)
    return READER.read(view, 0, len(view))


def counts(text, kind="killed"):
    phrase = next(p for p in read(text).phrases if p.kind == kind)
    return {name: (value["min"], value["max"])
            for name, value in phrase.casualties.model_dump(exclude_none=True).items()}


@pytest.mark.parametrize("text, expected", [
    ("سقوط عشرات الجرحى في القصف", {"total": (20, 99)}),
    ("إصابة طفلين بجروح", {"total": (2, 2), "civilians": (2, 2), "children": (2, 2)}),
    ("مقتل امرأتين", {"total": (2, 2), "civilians": (2, 2), "women": (2, 2)}),
    ("استشهاد طفلان", {"total": (2, 2), "civilians": (2, 2), "children": (2, 2)}),
    ("ارتقاء 15 شهيد", {"total": (15, 15)}),
    ("وقال إن مدنياً قُتل في القصف", {"total": (1, 1), "civilians": (1, 1)}),
    ("مقتل (3) أشخاص برصاص", {"total": (3, 3)}),
    ("قتل 4 أطفال وامرأة", {"total": (5, 5), "civilians": (5, 5), "children": (4, 4),
                            "women": (1, 1)}),
])
def test_counts(text, expected):
    assert counts(text, "injured" if "جر" in text or "إصابة" in text else "killed") == expected


def test_subgroup_refines_and_is_never_added():
    found = counts("استشهاد خمسة وعشرين مدنياً بينهم ثلاثة أطفال وامرأتان")
    assert found == {"total": (25, 25), "civilians": (25, 25), "children": (3, 3),
                     "women": (2, 2)}


def test_others_keep_the_group_named_before():
    assert counts("مقتل 5 مدنيين وإصابة 7 آخرين", "injured")["civilians"] == (7, 7)


def test_no_casualties_and_damage_only():
    harm = read("ما أسفر عن أضرار مادية دون ورود معلومات عن خسائر بشرية")
    assert harm.none and harm.damage and not harm.phrases


def test_war_tolls_are_not_an_event():
    assert not read("قتل أكثر من 60 مدنياً منذ بداية الحملة").phrases
