"""Geoparser: place names in text -> resolved places, and names -> ranked candidates."""

from __future__ import annotations

import logging
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs
from rapidfuzz import fuzz, process

from harmwatch.geo.embedded import country_names, demonyms, embedded_places, source_version
from harmwatch.geo.index import MIN_SKELETON_FOR_TEXT, GazetteerDB, key_hash, skeleton_hash
from harmwatch.geo.names import NameRules, is_arabic
from harmwatch.geo.records import ADMIN1, COUNTRY, Candidate
from harmwatch.geo.resolve import (
    HINT_ADMIN1_BONUS,
    DocumentContext,
    hint_bonus,
    prefer_user_places,
    prior,
    town_countries,
)
from harmwatch.geo.scan import Cues, is_acronym, stretches
from harmwatch.geo.states import COUNTRY as STATES_COUNTRY
from harmwatch.geo.states import StateAbbreviations
from harmwatch.model import Place, Span

log = logging.getLogger(__name__)

# Bump when the index layout or the way it is built changes.
INDEX_FORMAT = "2"
USER_DB_NAME = "user-places.sqlite"
# The fuzzy fallback: how similar a key must be, and which gazetteer part it searches.
FUZZY_CUTOFF = 88.0
FUZZY_SKELETON_CUTOFF = 80.0
# A single word recognised by the gazetteer alone (not proposed by the extractor) is kept when
# it is a country or province, lies in a country the document is about, or is this populous.
POPULOUS = 100_000
FOCUS_SHARE = 0.2
# A document this much about the transliteration countries is read as a report on them.
TRANSLITERATION_FOCUS = 0.5
# Two-letter words ("An", "At") are names only in a document about that country.
MIN_SINGLE_WORD = 3
# Bounded so that a long batch keeps the resolver's memory small (see docs/BENCHMARKS.md).
CACHE_SIZE = 20_000
LOOSE_SIMILARITY = 75.0
# How alike (letters only, accents off) a small place abroad must be spelled to the text.
SPELLED_ALIKE = 85.0


def cache_dir_default() -> Path:
    return Path(os.environ.get("HARMWATCH_CACHE") or platformdirs.user_cache_dir("harmwatch"))


@dataclass
class Mention:
    """A stretch of text being resolved: its candidates and how they were found."""

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    match: str
    proposed: bool
    province: bool = False
    area: bool = False
    sentence_start: bool = False
    words: int = 1
    best: Candidate | None = None
    # The US state a dateline names right after the name ("Columbia, S.C."): its code.
    state: str | None = None


class Geoparser:
    """Finds and resolves place names, offline, from an on-disk gazetteer index."""

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
        # Reports repeat the same names: keys and candidates are kept for the next document.
        self._keys: dict[str, str] = {}
        self._plains: dict[str, str] = {}
        self._found: dict[tuple[str, str], list[Candidate]] = {}
        self._fuzzy_found: dict[str, str | None] = {}

    @classmethod
    def load(cls, cache_dir: Path | None = None, user_db: Path | None = None,
             user_places: bool = True) -> Geoparser:
        """Open the index in cache_dir (built on first use, rebuilt when its sources change)
        and the user's loaded places (cache_dir/user-places.sqlite, or user_db) unless
        user_places is False."""
        cache_dir = Path(cache_dir) if cache_dir else cache_dir_default()
        rules = NameRules.load()
        embedded = open_embedded(cache_dir, rules)
        user_path = user_db or cache_dir / USER_DB_NAME
        user = GazetteerDB.open(user_path, rules) if user_places and user_path.exists() \
            else None
        return cls(embedded, user, rules, Cues.load(), StateAbbreviations.load())

    @property
    def databases(self) -> list[GazetteerDB]:
        return [db for db in (self.user, self.embedded) if db is not None]

    # -- names -> candidates ------------------------------------------------------------

    def geocode(self, name: str, country: str | None = None, admin1: str | None = None,
                limit: int = 10) -> list[Candidate]:
        """Candidates for a name, best first. Only places in `country` are given when it is
        set; `admin1` ranks places in that province first. A compound name as spreadsheets
        have them ("Bdama, Jisr al Shoughour", "near As Susah, Syria", "Road between Jindires
        and Afrin") is tried part by part, the first part that is known winning."""
        admin1_key = self._key(admin1) if admin1 else None
        parts = self.cues.parts(name)
        for fuzzy in (False, True):
            for part in parts:
                scored = self._geocode_part(part, country, admin1_key, fuzzy)
                if scored:
                    return scored[:limit]
        return []

    def _geocode_part(self, name: str, country: str | None, admin1_key: str | None,
                      fuzzy: bool) -> list[Candidate]:
        name, province = self._strip_generic(name)
        key = self._key(name)
        if not key:
            return []
        candidates, match = self._lookup(key, fuzzy=fuzzy, text=name)
        if country:
            candidates = [c for c in candidates
                          if c.country == country.upper() or (c.is_users and not c.country)]
        towns = town_countries(candidates)
        scored = [c.rescored(prior(c, match, province, towns)
                             + hint_bonus(c, admin1_key, self._key))
                  for c in candidates]
        return sorted(scored, key=lambda c: -c.score)

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

    # -- text -> places -----------------------------------------------------------------

    def find_places(self, text: str, candidates: Sequence[tuple[int, int]] = ()) -> list[Place]:
        """Every place mention in the text, sorted by span, resolved or not. `candidates` are
        extra spans (e.g. the NER model's GPE/LOC/FAC entities); each comes back as a place."""
        mentions = self._proposed(text, candidates)
        taken = [(m.start, m.end) for m in mentions]
        recognised, people = self._recognised(text)
        mentions += [m for m in recognised if not _overlaps(m, taken)]
        mentions = self._with_states(text, mentions)
        for mention in mentions:
            mention.province = mention.province or self.cues.province(text, mention.start,
                                                                      mention.end)
            mention.area = self.cues.area(text, mention.start, mention.end)
        context = self._context(mentions, people)
        for mention in mentions:
            mention.best = self._best(mention, context)
        places = [self._place(text, m, context) for m in mentions if self._keep(m, context)]
        return sorted(places, key=lambda p: (p.span.start, p.span.end))

    def _with_states(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'Town, S.C.': the abbreviation names the state (whatever else matched inside it)
        and the state chooses among the town's namesakes."""
        for found in self.states.find(text):
            state = self._state(found.code, found.name)
            if not state:
                continue
            inside = [m for m in mentions if found.start <= m.start and m.end <= found.end]
            if not any(m not in inside and m.start < found.end and found.start < m.end
                       for m in mentions):
                mentions = [m for m in mentions if m not in inside]
                mentions.append(Mention(found.start, found.end, text[found.start:found.end],
                                        state, "key", proposed=any(m.proposed for m in inside),
                                        province=True))
            for mention in mentions:
                if mention.end == found.town_end:
                    mention.state = found.code
        return mentions

    def _state(self, code: str, name: str) -> list[Candidate]:
        key = self._key(name)
        return [c for c in self._query([key], "key").get(key, [])
                if c.feature == ADMIN1 and c.country == STATES_COUNTRY and c.admin1_code == code]

    def _proposed(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Mention]:
        """Mentions for the caller's spans; of overlapping spans the longest stands."""
        mentions: list[Mention] = []
        kept: list[tuple[int, int]] = []
        for start, end in sorted({(int(s), int(e)) for s, e in spans},
                                 key=lambda span: span[0] - span[1]):
            if not 0 <= start < end <= len(text):
                log.debug("candidate span [%s, %s) lies outside the text; skipped", start, end)
                continue
            if any(start < e and s < end for s, e in kept):
                continue
            kept.append((start, end))
            found, match, province = self._resolve_span(text[start:end])
            mentions.append(Mention(start, end, text[start:end], found, match, proposed=True,
                                    province=province))
        return mentions

    def _resolve_span(self, span_text: str) -> tuple[list[Candidate], str, bool]:
        """A caller's span: candidates, how they matched, and whether it says province. The
        name as written comes first ('Kansas City', 'Boulder City'), then without its
        generic words ('Raqqa province' -> 'Raqqa')."""
        name, province = self._strip_generic(span_text)
        if not _has_capital_or_arabic(name) or _short_word(name):
            return [], "key", province
        if name != span_text:
            whole = self._key(span_text)
            found = self._spelled_alike(span_text, self._query([whole], "key").get(whole, []))
            if found:
                return found, "key", False
        key = self._key(name)
        if key and self._people_word(key):
            return self._people_countries(key), "key", province
        if not key:
            return [], "key", province
        found, match = self._lookup(key, fuzzy=True, acronym=is_acronym(name), text=name)
        return found, match, province

    def _people_word(self, key: str) -> bool:
        """'Syrian', 'Syrians', 'Syrias' (a possessive without its apostrophe), 'Kurds',
        'Alawite': words for a people, a faith or a country's people, never a town's name."""
        stems = (key, key[:-1]) if key.endswith("s") else (key,)
        return any(stem in self.demonyms or stem in self.peoples for stem in stems) or (
            len(stems) > 1 and stems[1] in self.country_keys)

    def _people_countries(self, key: str) -> list[Candidate]:
        """The country a people word points to ('Syrians', 'Syrias' -> Syria), if any."""
        stems = [key, key[:-1]] if key.endswith("s") else [key]
        found = self._query(stems, "key")
        return [c for stem in stems for c in found.get(stem, []) if c.feature == COUNTRY]

    def _recognised(self, text: str) -> tuple[list[Mention], list[Candidate]]:
        """Gazetteer-led recognition: the longest known word sequence at each position; and
        the countries that the people words of the text point to ('Syrians': Syria)."""
        options = stretches(text, self.cues.connectors | self.rules.articles)
        flat = [s for group in options for s in group]
        people: list[Candidate] = []
        if not flat:
            return [], people
        keys = [self._key(s.text) for s in flat]
        key_hashes = np.array([key_hash(k) for k in keys], dtype=np.uint64)
        known = np.zeros(len(flat), dtype=bool)
        for db in self.databases:
            known |= db.contains(key_hashes)
        skeletons = [self.rules.skeleton(k) for k in keys]
        skeleton_hashes = np.array([skeleton_hash(s) for s in skeletons], dtype=np.uint64)
        skeleton_known = np.zeros(len(flat), dtype=bool)
        for db in self.databases:
            skeleton_known |= db.contains(skeleton_hashes)
        lengths = np.array([len(s) for s in skeletons])
        skeleton_known &= lengths >= MIN_SKELETON_FOR_TEXT
        by_key = self._query([k for k, hit in zip(keys, known, strict=True) if hit], "key")
        by_skeleton = self._query([s for s, hit in zip(skeletons, skeleton_known, strict=True)
                                   if hit], "skeleton")
        mentions: list[Mention] = []
        index = 0
        covered_until = -1
        for group in options:
            for stretch in group:
                i = index
                index += 1
                if stretch.start < covered_until or not keys[i]:
                    continue
                if stretch.words == 1 and self._people_word(keys[i]):
                    people.extend(self._people_countries(keys[i]))
                    covered_until = stretch.end
                    continue
                if stretch.text.lower() in self.cues.not_places:
                    continue
                # A stretch whose candidates all fall away ("Russia And" by skeleton) leaves
                # its words to the shorter stretches.
                match = "key" if known[i] else "skeleton"
                found = self._spelled_alike(stretch.text, by_key.get(keys[i], [])) \
                    if known[i] else self._loose(keys[i], by_skeleton.get(skeletons[i], []))
                if not found:
                    continue
                mentions.append(Mention(stretch.start, stretch.end, stretch.text, found, match,
                                        proposed=False, sentence_start=stretch.sentence_start,
                                        words=stretch.words))
                covered_until = stretch.end
        return mentions, people

    def _context(self, mentions: list[Mention], people: Sequence[Candidate] = ()
                 ) -> DocumentContext:
        """What the document is about, from its credible mentions only: the caller's spans,
        multi-word names, countries and provinces, and the countries its people words point
        to ('Syrians'). Any capitalised word may match some village somewhere; those vote
        only when nothing else does."""
        credible: list[tuple[Candidate, int]] = [(c, 1) for c in people]
        other = []
        for mention in mentions:
            if not mention.candidates:
                continue
            towns = town_countries(mention.candidates)
            best = max(mention.candidates,
                       key=lambda c: prior(c, mention.match, mention.province, towns))
            sure = mention.proposed or mention.words > 1 or best.is_area
            (credible if sure else other).append((best, len(mention.candidates)))
        # A text of single words only ("Aleppo") has nothing better to go by.
        return DocumentContext.from_first_picks(credible or other)

    def _best(self, mention: Mention, context: DocumentContext) -> Candidate | None:
        if not mention.candidates:
            return None
        towns = town_countries(mention.candidates)
        score, best = max(((prior(c, mention.match, mention.province, towns)
                            + context.bonus(c) + _state_bonus(c, mention.state), i)
                           for i, c in enumerate(mention.candidates)))
        return mention.candidates[best].rescored(score)

    def _keep(self, mention: Mention, context: DocumentContext) -> bool:
        """Proposed spans always stay; a recognised name must look like a place here."""
        if mention.proposed:
            return True
        best = mention.best
        if best is None:
            return False
        in_focus = context.countries.get(best.country or "", 0.0) >= FOCUS_SHARE
        if mention.match == "skeleton":
            return in_focus
        if best.is_area or mention.province:
            return True
        if self._contradicted(mention, best, context):
            return False
        # Found in the text alone, a single word abroad needs backing in such a report too
        # ('Hasan' the witness is no town in India).
        if mention.words == 1 and self._unbacked_abroad(best, context):
            return False
        # Outside the document's countries, a single word must be the place's own name, not
        # one of its many alternates ("Kill" is not Kiel, "Bustan" not Boston); a word of one
        # or two letters must be so even in them ("Of" in a headline is not Ufa).
        own_name = mention.words > 1 or self._key(best.name) == self._key(mention.text)
        if mention.words == 1 and len(mention.text) < MIN_SINGLE_WORD and not (
                in_focus and own_name):
            return False
        strong = mention.words > 1 or best.population >= POPULOUS
        if mention.sentence_start:
            return in_focus and strong
        return in_focus or (strong and own_name) or mention.area

    def _contradicted(self, mention: Mention, best: Candidate,
                      context: DocumentContext) -> bool:
        """A small place in a country the document is hardly about ("Aisha" in a report on
        Syria is no village in Russia): left unresolved rather than placed wrongly.

        In a report on the transliteration countries (variants.yaml), where Arabic names
        collide with places across the region, a place outside the leading country needs
        the rest of the document to back its country when it is small ('Kafraya' alone
        does not make a Damascus report about Palestine) or when the text gives it a name
        that is not its own ('Al-Quriyah' is an old name of China's Korla, 'White House'
        of Casablanca)."""
        if best.is_area:
            return False
        if self._unbacked_abroad(best, context):
            return best.population < POPULOUS or not self._own_name(mention.text, best)
        return best.population < POPULOUS and \
            context.countries.get(best.country or "", 0.0) < FOCUS_SHARE

    def _unbacked_abroad(self, best: Candidate, context: DocumentContext) -> bool:
        """In a report on the transliteration countries: a place outside the leading
        country whose country nothing else in the document backs."""
        countries = context.countries
        regional = sum(countries.get(cc, 0.0) for cc in self.rules.loose_countries) \
            >= TRANSLITERATION_FOCUS
        return (regional and best.country != max(countries, key=countries.__getitem__)
                and context.share_without(best) < FOCUS_SHARE)

    def _own_name(self, text: str, candidate: Candidate) -> bool:
        """'Kansas City' and 'Raqqa province' are their places' own names, 'Boleel' not
        Bolu's. Arabic script is compared through the name's Arabic forms only."""
        if is_arabic(text):
            return True
        own = self._plain(candidate.name)
        return any(fuzz.ratio(self._plain(form), own) >= SPELLED_ALIKE
                   for form in (text, self._strip_generic(text)[0]))

    def _place(self, text: str, mention: Mention, context: DocumentContext) -> Place:
        span_text = text[mention.start:mention.end]
        best = mention.best
        if best is None or self._contradicted(mention, best, context):
            return Place(text=span_text, span=Span.of(mention.start, mention.end))
        if best.is_area:
            precision = 3
        elif mention.area:
            precision = 2
        else:
            precision = 1
        return Place(text=span_text, span=Span.of(mention.start, mention.end), name=best.name,
                     geonameid=best.geonameid, lat=best.lat, lon=best.lon,
                     admin1=best.admin1, country=best.country, precision=precision,
                     resolved=True)


def _state_bonus(candidate: Candidate, state: str | None) -> float:
    return HINT_ADMIN1_BONUS if state and candidate.country == STATES_COUNTRY \
        and candidate.admin1_code == state else 0.0


def plain_fold(name: str) -> str:
    """A name's letters, lower case, accents off: 'Jübar' -> 'jubar', 'Saint-Denis' ->
    'saintdenis'."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))


def _short_word(name: str) -> bool:
    """'Of', 'Us', 'An': short words in a title-case headline; 'US', 'UK' are acronyms."""
    return len(name) < MIN_SINGLE_WORD and not name.isupper() and not is_arabic(name)


def _has_capital_or_arabic(name: str) -> bool:
    """A name has a capital letter ('al-Bab') or is Arabic; 'mosques' is a common word."""
    return any(ch.isupper() for ch in name) or is_arabic(name)


def _overlaps(mention: Mention, taken: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in taken)


def open_embedded(cache_dir: Path, rules: NameRules) -> GazetteerDB:
    """The embedded index for the current sources, built now if missing."""
    version = f"{source_version()}-{rules.version}-{INDEX_FORMAT}"
    folder = cache_dir / "gazetteer"
    path = folder / f"embedded-{version}.sqlite"
    if not path.exists():
        build_embedded(path, rules)
        for old in folder.glob("embedded-*"):
            if not old.name.startswith(path.stem):
                old.unlink(missing_ok=True)
    return GazetteerDB.open(path, rules)


def build_embedded(path: Path, rules: NameRules) -> None:
    """Build into a temporary file and move it in place, so a reader never sees half."""
    log.info("building the embedded gazetteer index in %s (once)", path.parent)
    partial = path.with_name(path.stem + f".{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = GazetteerDB.open(partial, rules, create=True)
    db.connection.execute("PRAGMA journal_mode = OFF")
    db.connection.execute("PRAGMA synchronous = OFF")
    db.add(embedded_places())
    db.close()
    os.replace(db.hash_path, path.with_suffix(".keys.npy"))
    os.replace(partial, path)
