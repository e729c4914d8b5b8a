"""Place-name keys that survive transliteration.

Every name, from a gazetteer or from a report, is reduced to a *key*: diacritics, case,
apostrophes, hyphens and spaces dropped, the Arabic article removed in all its spellings,
word variants (Tal/Tall/Tel, Deir/Dayr/Dair) and letter variants (ou/u, kh/k, q/k) folded,
Arabic letters normalised. Names with equal keys are the same name. The *skeleton* drops the
vowels as well, a looser match used only when the key finds nothing. The rules are data
(`data/geo/variants.yaml`), so users can extend them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from harmwatch.data import read_yaml

APOSTROPHES = re.compile(r"['`’‘ʿʾʼ´′\"“”]")
WORD = re.compile(r"[^\W_]+")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN_VOWELS = re.compile(r"[aeiou]")
ARABIC_WEAK = re.compile(r"[اوي]")
SUN_LETTERS = frozenset("tdrzsn")
DOUBLED = re.compile(r"(.)\1+")


def variants_path() -> Path:
    return Path(str(resources.files("harmwatch.data.geo") / "variants.yaml"))


def is_arabic(text: str) -> bool:
    return ARABIC.search(text) is not None


@dataclass(frozen=True)
class NameRules:
    """The compiled variant rules; `key()` and `skeleton()` apply them."""

    articles: frozenset[str]
    attached_prefixes: tuple[str, ...]
    attached_min_rest: int
    latin_words: dict[str, str]
    letters: tuple[tuple[str, str], ...]
    skeleton_letters: tuple[tuple[str, str], ...]
    word_endings: dict[str, str]
    arabic_letters: dict[str, str]
    arabic_article: str
    arabic_words: dict[str, str]
    generic: dict[str, frozenset[str]]
    loose_countries: tuple[str, ...]
    version: str

    @classmethod
    def load(cls, path: Path | None = None) -> NameRules:
        path = path or variants_path()
        raw = path.read_bytes()
        rules = read_yaml(raw)
        latin, arabic = rules["latin"], rules["arabic"]
        return cls(
            articles=frozenset(latin["articles"]),
            attached_prefixes=tuple(latin["attached_article"]["prefixes"]),
            attached_min_rest=latin["attached_article"]["min_rest"],
            latin_words=dict(latin["words"]),
            letters=tuple(tuple(pair) for pair in latin["letters"]),
            skeleton_letters=tuple(tuple(pair) for pair in latin["skeleton_letters"]),
            word_endings=dict(latin["word_endings"]),
            arabic_letters=dict(arabic["letters"]),
            arabic_article=arabic["article"],
            arabic_words=dict(arabic["words"]),
            generic={kind: frozenset(words) for kind, words in rules["generic"].items()},
            loose_countries=tuple(rules["loose_match_countries"]),
            version=hashlib.sha256(raw).hexdigest()[:12],
        )

    def words(self, name: str) -> list[str]:
        """The folded words of a name: no diacritics, no case, no apostrophes."""
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
        return WORD.findall(APOSTROPHES.sub("", text))

    def key(self, name: str) -> str:
        """The matching key of a name ('' when nothing of it is left)."""
        words = self.words(name)
        if all(word in self.articles for word in words):
            joined = "".join(words)  # "US", "As": the whole name, not an article
        else:
            joined = "".join(self._word(word) for word in words)
        if is_arabic(joined):
            return joined
        for old, new in self.letters:
            joined = joined.replace(old, new)
        return DOUBLED.sub(r"\1", joined)

    def skeleton(self, key: str) -> str:
        """The key without vowels: 'dirzur' (Deir ez-Zor) and 'dairzaur' (Dayr az Zawr) meet."""
        if is_arabic(key):
            return DOUBLED.sub(r"\1", ARABIC_WEAK.sub("", key.rstrip("ه")))
        for old, new in self.skeleton_letters:
            key = key.replace(old, new)
        return DOUBLED.sub(r"\1", LATIN_VOWELS.sub("", key))

    def _word(self, word: str) -> str:
        if is_arabic(word):
            return self._arabic_word(word)
        if word in self.articles:
            return ""
        word = self._detach_article(word)
        word = self.latin_words.get(word, word)
        for ending, replacement in self.word_endings.items():
            if word.endswith(ending) and len(word) > len(ending) + 1:
                return word[:-len(ending)] + replacement
        return word

    def _detach_article(self, word: str) -> str:
        """'ezzor' -> 'zor': an article joined to its word, the sun letter doubled."""
        if (len(word) >= self.attached_min_rest + 2 and word[0] in self.attached_prefixes
                and word[1] == word[2] and word[1] in SUN_LETTERS):
            return word[2:]
        return word

    def _arabic_word(self, word: str) -> str:
        word = "".join(self.arabic_letters.get(ch, ch) for ch in word)
        if word in self.arabic_words:
            return self.arabic_words[word]
        if word.startswith(self.arabic_article) and len(word) > len(self.arabic_article) + 1:
            word = word[len(self.arabic_article):]
        return self.arabic_words.get(word, word)

    def generic_kind(self, word: str) -> str | None:
        """'province' or 'city' when the word names a kind of place ('governorate', 'town')."""
        folded = word.lower()
        for kind, words in self.generic.items():
            if folded in words:
                return kind
        return None
