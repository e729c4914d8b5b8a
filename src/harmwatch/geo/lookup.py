"""Names -> candidates: the cached lookups by key, skeleton and fuzzy key, across the
user's database and the embedded one (the user's places standing in for embedded ones)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from harmwatch.geo.embedded import country_names, demonyms
from harmwatch.geo.index import GazetteerDB
from harmwatch.geo.names import NameRules, is_arabic
from harmwatch.geo.records import Candidate
from harmwatch.geo.resolve import prefer_user_places
from harmwatch.geo.scan import Cues, never_place_names
from harmwatch.geo.states import StateAbbreviations

# The fuzzy fallback: how similar a key must be, and which gazetteer part it searches.
FUZZY_CUTOFF = 88.0
FUZZY_SKELETON_CUTOFF = 80.0
POPULOUS = 100_000
# Bounded so that a long batch keeps the resolver's memory small (see docs/BENCHMARKS.md).
CACHE_SIZE = 20_000
LOOSE_SIMILARITY = 75.0
# How alike (letters only, accents off) a small place abroad must be spelled to the text.
SPELLED_ALIKE = 85.0


class NameLookup:
    """The gazetteer databases and the caches of keys and candidates over them."""

    def __init__(self, embedded: GazetteerDB, user: GazetteerDB | None, rules: NameRules,
                 cues: Cues, states: StateAbbreviations):
        self.embedded = embedded
        self.states = states
        self.user = user
        self.rules = rules
        self.cues = cues
        self._fuzzy_keys: dict[str, list[str]] | None = None
        self.demonyms = frozenset(rules.key(d) for d in demonyms())
        self.peoples = frozenset(rules.key(w) for w in cues.peoples)
        self.country_keys = frozenset(rules.key(n) for n in country_names())
        self.never_keys = frozenset(rules.key(n) for n in never_place_names()) - {""}
        # 'European' -> the key of 'Europe'.
        self.area_adjectives = {rules.key(adjective): rules.key(area)
                                for adjective, area in cues.area_adjectives.items()}
        # Reports repeat the same names: keys and candidates are kept for the next document.
        self._keys: dict[str, str] = {}
        self._plains: dict[str, str] = {}
        self._found: dict[tuple[str, str], list[Candidate]] = {}
        self._fuzzy_found: dict[str, str | None] = {}

    @property
    def databases(self) -> list[GazetteerDB]:
        return [db for db in (self.user, self.embedded) if db is not None]


    def _strip_generic(self, name: str) -> tuple[str, bool]:
        """'Raqqa province' -> ('Raqqa', True); 'the town of Azaz' -> ('Azaz', False)."""
        words = name.split()
        province = False
        while words and (kind := self.rules.generic_kind(words[-1].strip(",."))):
            province = province or kind == "province"
            words.pop()
        lowered = [w.lower() for w in words]
        for lead in (["the"], ["province", "of"], ["governorate", "of"], ["city", "of"],
                     ["town", "of"], ["village", "of"]):
            if lowered[:len(lead)] == lead and len(words) > len(lead):
                province = province or lead[0] in ("province", "governorate")
                words, lowered = words[len(lead):], lowered[len(lead):]
        return " ".join(words) or name, province

    def _lookup(self, key: str, fuzzy: bool, acronym: bool = False, text: str = ""
                ) -> tuple[list[Candidate], str]:
        """Candidates by key, else by skeleton, else (fuzzy) by the closest key. An acronym
        ("US", "EU") names only a country or larger area, and only by its exact key."""
        found = self._query([key], "key").get(key, [])
        if text:
            found = self._spelled_alike(text, found)
        if acronym:
            return [c for c in found if c.is_area], "key"
        if found:
            return found, "key"
        skeleton = self.rules.skeleton(key)
        if len(skeleton) >= 3:
            found = self._loose(key, self._query([skeleton], "skeleton").get(skeleton, []))
            if found:
                return found, "skeleton"
        if fuzzy:
            near = self._fuzzy(key)
            if near:
                return self._loose(key, self._query([near], "key").get(near, [])), "fuzzy"
        return [], "key"

    def _spelled_alike(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        """Arabic transliteration folds (o/u, q/k, gh/g: variants.yaml) serve only the
        transliteration countries, the user's places and well-known cities; a small place
        elsewhere must be spelled nearly as written ('Jobar' is not Germany's village
        'Jübar', 'Ghouta' not 'Gotha', 'Qalamoun' not 'Kalamon')."""
        return [c for c in candidates
                if c.is_users or c.country in self.rules.loose_countries or is_arabic(text)
                or c.is_area or c.population >= POPULOUS
                or max(fuzz.ratio(self._plain(text), self._plain(name))
                       for name in (c.name, c.matched) if name) >= SPELLED_ALIKE]

    def _plain(self, name: str) -> str:
        plain = self._plains.get(name)
        if plain is None:
            if len(self._plains) > CACHE_SIZE:
                self._plains.clear()
            plain = self._plains[name] = plain_fold(name)
        return plain

    def _loose(self, key: str, candidates: list[Candidate]) -> list[Candidate]:
        """Those a loose match may reach: the user's places and the transliteration
        countries' (variants.yaml: loose_match_countries), and only names that also look
        alike letter for letter ("Dayr az Zawr" ~ "Deir ez-Zor"; a person's "Hamidi One" is
        not "Al-Hamdaniya", "British" not "Beirut")."""
        return [c for c in candidates
                if (c.is_users or c.country in self.rules.loose_countries)
                and (is_arabic(key) or max(fuzz.ratio(key, self._key(name))
                                           for name in (c.matched, c.name) if name)
                     >= LOOSE_SIMILARITY)]

    def _query(self, keys: Sequence[str], column: str) -> dict[str, list[Candidate]]:
        found: dict[str, list[Candidate]] = {}
        missing = []
        for key in keys:
            cached = self._found.get((column, key))
            if cached is None:
                missing.append(key)
            else:
                found[key] = cached
        if missing:
            if len(self._found) > CACHE_SIZE:
                self._found.clear()
            merged: dict[str, list[Candidate]] = {k: [] for k in missing}
            for db in self.databases:
                for key, candidates in db.by_keys(missing, column).items():
                    merged[key].extend(candidates)
            for key, candidates in merged.items():
                found[key] = self._found[(column, key)] = prefer_user_places(candidates)
        return {key: candidates for key, candidates in found.items() if candidates}

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) > CACHE_SIZE:
                self._keys.clear()
            key = self._keys[name] = self.rules.key(name)
        return key

    def _fuzzy(self, key: str) -> str | None:
        """The closest key among the focus countries' places, if close enough on both the
        letters and the consonant skeleton ("Tal Abiad" never becomes "Tal'tal'")."""
        if key in self._fuzzy_found:
            return self._fuzzy_found[key]
        if len(self._fuzzy_found) > CACHE_SIZE:
            self._fuzzy_found.clear()
        self._fuzzy_found[key] = near = self._closest(key)
        return near

    def _closest(self, key: str) -> str | None:
        if self._fuzzy_keys is None:
            self._fuzzy_keys = self._fuzzy_space()
        # The guard wants the same first letter, so only those keys are compared.
        best = process.extractOne(key, self._fuzzy_keys.get(key[0], []), scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        if not best:
            return None
        near = best[0]
        if fuzz.ratio(self.rules.skeleton(key), self.rules.skeleton(near)) \
                < FUZZY_SKELETON_CUTOFF:
            return None
        return near

    def _fuzzy_space(self) -> dict[str, list[str]]:
        """Keys the fuzzy fallback searches, by first letter: the transliteration
        countries' places and all of the user's."""
        keys: set[str] = set()
        for db in self.databases:
            keys.update(db.keys_in(self.rules.loose_countries))
        if self.user is not None:
            keys.update(self.user.all_keys())
        buckets: dict[str, list[str]] = {}
        for key in sorted(keys):
            buckets.setdefault(key[0], []).append(key)
        return buckets


def plain_fold(name: str) -> str:
    """A name's letters, lower case, accents off: 'Jübar' -> 'jubar', 'Saint-Denis' ->
    'saintdenis'."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))
