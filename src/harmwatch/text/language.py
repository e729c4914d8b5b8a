"""Which language a document is in, as far as harmwatch needs to know (English or Arabic)."""

import re

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")


def guess_language(text: str) -> str | None:
    """'ar' where Arabic letters outnumber Latin ones, 'en' for Latin script, None for neither."""
    sample = text[:5000]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic == 0 and latin == 0:
        return None
    return "ar" if arabic > latin else "en"
