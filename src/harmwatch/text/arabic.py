"""Arabic text as rules match it: one normalised view, every position mapped back.

`normalize_arabic` folds spelling variants (alef forms, alef maqsura, ta marbuta), drops diacritics
and tatweel, turns Eastern Arabic and Persian digits and Arabic punctuation into ASCII, and
removes the junk writers put inside words to dodge platform filters (اعتـ.ـقال, د!!عش);
`offsets[i]` is where view character i stands in the original, so a match on the view is
a span of the original text. `fold_letters` does only the character mapping (for pack
patterns, whose regex syntax must survive); the packs' patterns allow the attached
conjunctions, prepositions and article themselves.
"""

from __future__ import annotations

import re

from harmwatch.text.offsets import original_span

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
    "_": " ",  # hashtags: #القوات_التركية reads as words
}
_LETTERS.update({chr(0x0660 + d): str(d) for d in range(10)})  # Eastern Arabic digits
_LETTERS.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits
_TABLE = str.maketrans(_LETTERS)
TATWEEL = "\u0640"
# Harakat, Quranic marks, superscript alef; removed from the view.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
# Junk inside a word: a run of tatweel, spaces and punctuation holding at least one tatweel
# (إنــ ــزال, تنــ،ــظيم), bare marks or digits between two letters (د!!عش, د١عش), or dots
# before a word's last one to three letters (الاحتلا.ل, غا..رة; "اليوم.وقال" stays two words).
_IN_WORD = re.compile(
    rf"(?<=[{_ARABIC_LETTER}])(?:[{TATWEEL}\s.,،!*_\-]*{TATWEEL}[{TATWEEL}\s.,،!*_\-]*"
    rf"|[!*]+|[\u0660-\u0669]|\.+(?=[{_ARABIC_LETTER}]{{1,3}}(?![{_ARABIC_LETTER}])))"
    rf"(?=[{_ARABIC_LETTER}])")
_DROP = re.compile(rf"{_MARKS.pattern}|{TATWEEL}|\u200c|\u200d|\u200f|\u200e|\u061c")


def fold_letters(text: str) -> str:
    """The character mapping alone (no junk removal): for patterns whose syntax must survive."""
    return _DROP.sub("", text.translate(_TABLE))


def normalize_arabic(text: str) -> tuple[str, list[int]]:
    """The matching view of `text` and, per view character, its index in `text` (+ len(text))."""
    removed = bytearray(len(text))
    for match in _IN_WORD.finditer(text):
        removed[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    for match in _DROP.finditer(text):
        removed[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    view: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if not removed[index]:
            view.append(char.translate(_TABLE))
            offsets.append(index)
    offsets.append(len(text))
    return "".join(view), offsets


def word_span(offsets: list[int], start: int, end: int, text: str) -> tuple[int, int]:
    """The span of `text` behind view[start:end], with the word's trailing marks kept."""
    first, last = original_span(offsets, start, end)
    if end <= start:
        return first, last
    while last < len(text) and (_DROP.match(text, last) and text[last] != "\u200f"):
        last += 1
    return first, last
