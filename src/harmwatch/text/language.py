"""Which language a document is in, as far as harmwatch needs to know: by script."""

import re

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")
SAMPLE = 5000
# Each script holds at least this share of the letters in a mixed text.
MIXED_SHARE = 0.3


def _counts(text: str) -> tuple[int, int]:
    sample = text[:SAMPLE]
    return len(_ARABIC.findall(sample)), len(_LATIN.findall(sample))


def dominant_language(text: str) -> str | None:
    """'ar' where Arabic letters outnumber Latin ones, 'en' for Latin script, None for neither."""
    arabic, latin = _counts(text)
    if arabic == 0 and latin == 0:
        return None
    return "ar" if arabic > latin else "en"


def guess_language(text: str) -> str | None:
    """'ar', 'en', 'mixed' where both scripts are substantial, None for neither."""
    arabic, latin = _counts(text)
    if arabic == 0 and latin == 0:
        return None
    if min(arabic, latin) >= MIXED_SHARE * (arabic + latin):
        return "mixed"
    return "ar" if arabic > latin else "en"
