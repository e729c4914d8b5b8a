"""Finding the word sequences of a text that can be place names, and the cues around them.

The scan is gazetteer-led: every capitalised word (every Arabic word) starts a sequence of up
to MAX_WORDS words, and a sequence is a name candidate when its key is in the gazetteer. The
longest candidate at a position wins. Cue words around a name ("the countryside of", "...
province", "the X-Y road") say how precise the location is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from harmwatch.data import read_yaml
from harmwatch.geo.names import is_arabic

TOKEN = re.compile(r"[^\W\d_]+")
# What may stand between the words of one name: a space, a hyphen, an apostrophe.
JOIN = re.compile(r"^(?:[ \-'’‘`ʿ]|\u00a0){1,2}$")
MAX_WORDS = 6
MAX_ACRONYM = 3
SENTENCE_MARKS = frozenset('.!?:;"“”\n')
CUE_WINDOW = 40
WHITESPACE = re.compile(r"\s+")
# Where the words about one place end: a direction is not read across these.
CLAUSE_BREAK = re.compile(r"[.,;:!?()\n،؛]")
ARABIC_WORD_BEFORE = re.compile(r"([\u0621-\u064A\u0671-\u06D3]+)\s+$")
# Letters written onto an Arabic word (and, so, with, for, like), at most two of them.
PROCLITICS = frozenset("وفبلك")
PROCLITICS_MAX = 2
# Where a spreadsheet's compound place name splits: "Bdama, Jisr al Shoughour",
# "Ar Raqqah: Fardous", "Sukariya and Muhmil", "Al A'ardi (Deir ez-Zor)".
PART_SEPARATORS = re.compile(r"[,:;/()\[\]،]| and | near | - | – | في ")


@dataclass(frozen=True)
class Stretch:
    """A word sequence that may name a place: its span and text."""

    start: int
    end: int
    text: str
    sentence_start: bool
    words: int


def tokens(text: str) -> list[re.Match]:
    return list(TOKEN.finditer(text))


def is_acronym(word: str) -> bool:
    return len(word) <= MAX_ACRONYM and word.isupper()


def is_capitalised(word: str) -> bool:
    return word[0].isupper() or is_arabic(word)


def stretches(text: str, connectors: frozenset[str]) -> list[list[Stretch]]:
    """For each possible start word, its candidate sequences, longest first. Short
    all-capital words (IS, UN, US) are acronyms, not names."""
    words = tokens(text)
    found: list[list[Stretch]] = []
    for i, first in enumerate(words):
        if not is_capitalised(first.group()) or is_acronym(first.group()):
            continue
        options = []
        for j in range(i, min(i + MAX_WORDS, len(words))):
            word = words[j].group()
            if j > i and not JOIN.match(text[words[j - 1].end():words[j].start()]):
                break
            if not is_capitalised(word) and word not in connectors:
                break
            if is_capitalised(word):
                options.append(Stretch(first.start(), words[j].end(),
                                       text[first.start():words[j].end()],
                                       _sentence_start(text, first.start()), j - i + 1))
        found.append(list(reversed(options)))
    return found


def _compass(first: str | None, second: str | None) -> str | None:
    """Two sides written next to each other: 'south', 'east' -> 'southeast'."""
    if first in ("north", "south") and second in ("east", "west"):
        return first + second
    return None


def _whole_words(words: list[str]) -> re.Pattern:
    """Any of the words, longest first, not inside a longer word or dotted acronym."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w]|\.\w)")


def _sentence_start(text: str, start: int) -> bool:
    prefix = text[max(0, start - 10):start].rstrip(" \t")
    return start == 0 or not prefix or prefix[-1] in SENTENCE_MARKS


def _folded(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip().lower()


def never_place_names(path: Path | None = None) -> list[str]:
    """The words of `data/geo/never_places.yaml` (both scripts)."""
    path = path or Path(str(resources.files("harmwatch.data.geo") / "never_places.yaml"))
    raw = read_yaml(path.read_text(encoding="utf-8"))
    return [str(word) for words in raw.values() for word in words]


@dataclass(frozen=True)
class Cues:
    """The cue lists of `data/geo/cues.yaml`."""

    province_before: tuple[str, ...]
    province_after: tuple[str, ...]
    area_before: tuple[str, ...]
    area_after: tuple[str, ...]
    road_joiners: tuple[str, ...]
    road_after: tuple[str, ...]
    not_places: frozenset[str]
    peoples: tuple[str, ...]
    connectors: frozenset[str]
    part_leads: tuple[str, ...]
    part_trails: tuple[str, ...]
    arabic_place_words: frozenset[str]
    neighbourhood_words: frozenset[str]
    city_words: tuple[str, ...]
    # 'U.S.' -> 'United States'; the pattern finds them as whole words.
    place_acronyms: dict[str, str]
    area_adjectives: dict[str, str]
    directions_before: dict[str, str]
    directions_after: dict[str, str]
    direction_fillers: frozenset[str]
    acronym_pattern: re.Pattern

    @classmethod
    def load(cls, path: Path | None = None) -> Cues:
        path = path or Path(str(resources.files("harmwatch.data.geo") / "cues.yaml"))
        raw = read_yaml(path.read_text(encoding="utf-8"))
        return cls(
            province_before=tuple(raw["province"]["before"]),
            province_after=tuple(raw["province"]["after"]),
            area_before=tuple(raw["area"]["before"]),
            area_after=tuple(raw["area"]["after"]),
            road_joiners=tuple(raw["road"]["joiners"]),
            road_after=tuple(raw["road"]["after"]),
            not_places=frozenset(word.lower() for word in raw["not_places"]),
            peoples=tuple(raw["peoples"]),
            connectors=frozenset(raw["connectors"]),
            part_leads=tuple(raw["compound_names"]["leads"]),
            part_trails=tuple(raw["compound_names"]["trails"]),
            arabic_place_words=frozenset(raw["arabic_place_words"]),
            neighbourhood_words=frozenset(raw["neighbourhood"]["before"]),
            city_words=tuple(raw["neighbourhood"]["city"]),
            place_acronyms=dict(raw["place_acronyms"]),
            area_adjectives=dict(raw["area_adjectives"]),
            directions_before=dict(raw["directions"]["before"]),
            directions_after=dict(raw["directions"]["after"]),
            direction_fillers=frozenset(raw["directions"]["fillers"]),
            acronym_pattern=_whole_words(raw["place_acronyms"]),
        )

    def acronyms(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, full name) of each place acronym ('U.S.', 'UK'), except in a line
        written all in capitals ('HELP US')."""
        found = []
        for match in self.acronym_pattern.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line = text[line_start:len(text) if line_end < 0 else line_end]
            if sum(ch.islower() for ch in line) == 0 and len(line.split()) > 1:
                continue
            found.append((match.start(), match.end(), self.place_acronyms[match.group()]))
        return found

    def arabic_cued(self, text: str, start: int,
                    words: frozenset[str] | None = None) -> bool:
        """An Arabic place word right before: 'قرية X', 'بريف X', 'وبلدة X'."""
        words = self.arabic_place_words if words is None else words
        before = ARABIC_WORD_BEFORE.search(text[max(0, start - CUE_WINDOW):start])
        if not before:
            return False
        word = before.group(1)
        for _ in range(PROCLITICS_MAX + 1):
            if word in words:
                return True
            if len(word) < 3 or word[0] not in PROCLITICS:
                return False
            word = word[1:]
        return False

    def neighbourhood(self, text: str, start: int) -> bool:
        return self.arabic_cued(text, start, self.neighbourhood_words)

    def names_city(self, between: str) -> bool:
        return any(word in between for word in self.city_words)

    def parts(self, name: str) -> list[str]:
        """A compound name's parts, area cue words taken off: 'near As Susah, Syria' ->
        ['As Susah', 'Syria']; the whole name comes first."""
        pieces = [name] + [p for p in PART_SEPARATORS.split(name) if p.strip()]
        # The name as written first ("Damascus countryside", "حي القصور" may be names).
        parts = [name.strip()] if name.strip() else []
        for piece in pieces:
            words = piece.strip()
            lowered = words.lower()
            for cue in sorted(self.area_before + self.part_leads, key=len, reverse=True):
                if lowered.startswith(cue + " "):
                    words = words[len(cue) + 1:].strip()
                    break
            for trail in self.part_trails:
                if words.lower().endswith(" " + trail):
                    words = words[:-len(trail) - 1].strip()
            if words and words not in parts and words.lower() not in self.part_leads:
                parts.append(words)
        return parts

    def before(self, text: str, start: int) -> str:
        return _folded(text[max(0, start - CUE_WINDOW):start]) + " "

    def after(self, text: str, end: int) -> str:
        return " " + _folded(text[end:end + CUE_WINDOW])

    def province(self, text: str, start: int, end: int) -> bool:
        before, after = self.before(text, start), self.after(text, end)
        return (any(_ends_with_word(before, cue) for cue in self.province_before)
                or any(_starts_with_word(after, cue) for cue in self.province_after))

    def direction(self, text: str, start: int, end: int) -> str | None:
        """The compass side of the place the words around it give ("northern countryside
        of X", "ريف X الشمالي", "جنوب شرق X"), or None."""
        before = CLAUSE_BREAK.split(self.before(text, start))[-1]
        words = [w.lower() for w in TOKEN.findall(before)]
        while words and words[-1] in self.direction_fillers:
            words.pop()
        if words and words[-1] in self.directions_before:
            nearest = self.directions_before[words[-1]]
            previous = self.directions_before.get(words[-2]) if len(words) > 1 else None
            return _compass(previous, nearest) or nearest
        after = CLAUSE_BREAK.split(self.after(text, end))[0]
        words = [w.lower() for w in TOKEN.findall(after)][:3]
        if words and words[0] == "s":  # "Idlib's southern countryside"
            words = words[1:]
        if words and words[0] in self.directions_after:
            nearest = self.directions_after[words[0]]
            following = self.directions_after.get(words[1]) if len(words) > 1 else None
            return _compass(nearest, following) or nearest
        return None

    def area(self, text: str, start: int, end: int) -> bool:
        before, after = self.before(text, start), self.after(text, end)
        return (any(_ends_with_word(before, cue) for cue in self.area_before)
                or any(_starts_with_word(after, cue) for cue in self.area_after)
                or self._road(text, start, end))

    def _road(self, text: str, start: int, end: int) -> bool:
        """X in "X-Y road" or Y in "X-Y road"."""
        after = text[end:end + CUE_WINDOW]
        for joiner in self.road_joiners:
            if after.startswith(joiner):
                rest = after[len(joiner):]
                name = TOKEN.match(rest)
                tail = self.after(rest, name.end()) if name else ""
                if any(_starts_with_word(tail, cue) for cue in self.road_after):
                    return True
            if text[:start].endswith(joiner) and any(
                    _starts_with_word(self.after(text, end), cue) for cue in self.road_after):
                return True
        return False


def _ends_with_word(before: str, cue: str) -> bool:
    return before.endswith(" " + cue + " ") or before == cue + " "


def _starts_with_word(after: str, cue: str) -> bool:
    return after.startswith(" " + cue + " ") or after.rstrip() == " " + cue or \
        after.startswith(" " + cue + ",") or after.startswith(" " + cue + ".")
