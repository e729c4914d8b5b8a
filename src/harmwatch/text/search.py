"""Search folding: words reduced so that spellings of one name meet.

"Shaykhūn", "Sheikhoun" and "Shaykhun" fold to one word, as do "Idlib"/"Idleb",
"Raqqa"/"Raqqah", and Arabic with or without diacritics, alef forms, taa marbuta or the
article. The spelling rules are the gazetteer's own (`data/geo/variants.yaml`: articles, word
and letter variants, Arabic letter forms), read here rather than copied; one rule is
search's own: a run of vowels becomes one vowel, since transliterations disagree most on the
vowels (ei/ay/ai, ou/u, i/e).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from harmwatch.data import data_path, read_yaml

APOSTROPHES = re.compile(r"['`’‘ʿʾʼ´′]")
WORD = re.compile(r"[^\W_]+")
ARABIC = re.compile(r"[\u0600-\u06FF]")
VOWEL_RUN = re.compile(r"[aeiou]+")
DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class _Rules:
    articles: frozenset[str]
    words: dict[str, str]
    endings: dict[str, str]
    letters: tuple[tuple[str, str], ...]
    arabic_letters: dict[str, str]
    arabic_article: str

    @classmethod
    @cache
    def load(cls) -> _Rules:
        rules = read_yaml(data_path("geo/variants.yaml").read_text(encoding="utf-8"))
        latin, arabic = rules["latin"], rules["arabic"]
        return cls(frozenset(latin["articles"]), dict(latin["words"]),
                   dict(latin["word_endings"]),
                   tuple(tuple(pair) for pair in latin["letters"] + latin["skeleton_letters"]),
                   dict(arabic["letters"]), arabic["article"])


# Words repeat (an incident build folds every incident's claims: "air strike", "killed", place
# names), and folding one is about twenty string operations: each distinct word once. Bounded,
# since some words never come back (every incident's id is one).
@lru_cache(maxsize=1 << 14)
def _folded(word: str) -> str:
    rules = _Rules.load()
    return _arabic(word, rules) if ARABIC.search(word) else _latin(word, rules)


def _latin(word: str, rules: _Rules) -> str:
    if word in rules.articles:
        return ""
    word = rules.words.get(word, word)
    for ending, replacement in rules.endings.items():
        if word.endswith(ending) and len(word) > len(ending) + 1:
            word = word[:-len(ending)] + replacement
            break
    for old, new in rules.letters:
        word = word.replace(old, new)
    return DOUBLED.sub(r"\1", VOWEL_RUN.sub("a", word))


def _arabic(word: str, rules: _Rules) -> str:
    word = "".join(rules.arabic_letters.get(ch, ch) for ch in word)
    if word.startswith(rules.arabic_article) and len(word) > len(rules.arabic_article) + 1:
        word = word[len(rules.arabic_article):]
    return word


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_words(text: str) -> list[str]:
    """The folded words of a text, in order (articles dropped)."""
    plain = text.lower() if text.isascii() else _without_marks(text).lower()
    words = WORD.findall(APOSTROPHES.sub("", plain))
    return [folded for word in words if (folded := _folded(word))]


def fold(text: str) -> str:
    """The folded words of a text, each with a space either side, so that a search can
    match whole folded words: `" " + word + " " in fold(text)`."""
    words = fold_words(text)
    return f" {' '.join(words)} " if words else ""
