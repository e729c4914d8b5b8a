"""Text -> mentions: the caller's spans, the gazetteer-led scan of the text, US state
datelines; each mention with its candidates and how they matched."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from harmwatch.geo.index import MIN_SKELETON_FOR_TEXT, key_hash, skeleton_hash
from harmwatch.geo.lookup import POPULOUS, NameLookup
from harmwatch.geo.names import is_arabic
from harmwatch.geo.records import ADMIN1, COUNTRY, NEIGHBOURHOOD, Candidate
from harmwatch.geo.scan import is_acronym, stretches
from harmwatch.geo.states import COUNTRY as STATES_COUNTRY

log = logging.getLogger(__name__)

# Towns (GeoNames' cities of 500 people or more, WOF's towns and cities), not villages.
TOWN_FEATURES = frozenset({"PPL", "PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4"})
# How far after an unknown neighbourhood its city may be named ('حي X بمدينة Y').
NEIGHBOURHOOD_TO_CITY = 30
# Two-letter words ("An", "At") are names only in a document about that country.
MIN_SINGLE_WORD = 3


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
    # Arabic: a place word stands before it ('قرية X', 'بريف X'), here or at the same name
    # elsewhere in the document.
    cued: bool = False
    # The side of the place the text names ("northern countryside of X"): north, southeast...
    direction: str | None = None


class Recognition(NameLookup):
    """Finding the mentions of a text (a part of the Geoparser)."""

    def _read_cues(self, text: str, mentions: list[Mention]) -> None:
        """The cue words around each mention: province, area, an Arabic place word."""
        for mention in mentions:
            mention.province = mention.province or self.cues.province(text, mention.start,
                                                                      mention.end)
            mention.area = self.cues.area(text, mention.start, mention.end)
            mention.direction = self.cues.direction(text, mention.start, mention.end)
            mention.cued = self.cues.arabic_cued(text, mention.start)
        cued = {self._key(m.text) for m in mentions if m.cued}
        for mention in mentions:
            mention.cued = mention.cued or self._key(mention.text) in cued
            if is_arabic(mention.text) and not (mention.proposed or mention.cued):
                mention.candidates = _uncued_arabic(mention, self.rules.loose_countries)

    def _neighbourhoods(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'حي بستان القصر بمدينة حلب': the neighbourhood if the gazetteer knows it, else the
        city named next, at precision 2, its span taking in the neighbourhood's name."""
        mentions = sorted(mentions, key=lambda m: m.start)
        dropped: set[int] = set()
        cities: set[int] = set()
        for i, mention in enumerate(mentions):
            if i in cities or not self.cues.neighbourhood(text, mention.start):
                continue
            known = [c for c in mention.candidates if c.feature == NEIGHBOURHOOD or c.is_users]
            if known:
                mention.candidates = known
                continue
            dropped.add(i)
            for j in range(i + 1, len(mentions)):
                city = mentions[j]
                if city.start - mention.end > NEIGHBOURHOOD_TO_CITY:
                    break
                if self.cues.names_city(text[mention.end:city.start]):
                    city.start, city.text, city.area = mention.start, \
                        text[mention.start:city.end], True
                    dropped.update(range(i + 1, j))
                    cities.add(j)
                    break
        return [m for i, m in enumerate(mentions) if i not in dropped]


    @staticmethod
    def _without_name_tails(text: str, mentions: list[Mention]) -> list[Mention]:
        """A capitalised word right after a well-known place's name (an area, a big city),
        a space between, is the rest of a name ('the Raqqa Post', 'Aleppo Media Center'),
        not a second place: such a single word found in the text alone is dropped unless it
        names an area or a big city itself ('Aleppo Syria', 'Metro Vancouver')."""
        ends = {m.end for m in mentions if m.proposed or any(map(_well_known, m.candidates))}
        return [m for m in mentions
                if m.proposed or m.words > 1 or is_arabic(m.text)
                or any(map(_well_known, m.candidates))
                or not (m.start - 1 in ends and text[m.start - 1] == " ")]

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

    def _acronym_mentions(self, text: str) -> list[Mention]:
        """Place acronyms ('U.S.', 'UK', 'EU': cues.yaml place_acronyms), each standing for
        its full name; other short capitals stay organisations' acronyms."""
        mentions = []
        for start, end, name in self.cues.acronyms(text):
            key = self._key(name)
            found = self._query([key], "key").get(key, [])
            if found:
                mentions.append(Mention(start, end, text[start:end], found, "key",
                                        proposed=False, words=len(name.split())))
        return mentions

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
        abbreviation = self.states.states.get(span_text.strip())
        if abbreviation:  # the caller's "S.C.", "Tenn.": the state
            return self._state(*abbreviation), "key", True
        name, province = self._strip_generic(span_text)
        if not _has_capital_or_arabic(name) or _short_word(name):
            return [], "key", province
        if name != span_text:
            whole = self._key(span_text)
            found = self._spelled_alike(span_text, self._query([whole], "key").get(whole, []))
            if found:
                return found, "key", False
        key = self._key(name)
        if key in self.never_keys or self._key(span_text) in self.never_keys:
            return [], "key", province
        if key and (self._people_word(key) or key in self.area_adjectives):
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
        """The country or area a people word points to ('Syrians', 'Syrias' -> Syria;
        'European' -> Europe), if any."""
        stems = [key, key[:-1]] if key.endswith("s") else [key]
        areas = [self.area_adjectives[s] for s in stems if s in self.area_adjectives]
        if areas:
            return [c for c in self._query(areas, "key").get(areas[0], []) if c.is_area]
        found = self._query(stems, "key")
        return [c for stem in stems for c in found.get(stem, []) if c.feature == COUNTRY]

    def _recognised(self, text: str) -> tuple[list[Mention], list[Mention]]:
        """Gazetteer-led recognition: the longest known word sequence at each position; and
        the people words of the text with the country or area each points to ('Syrians':
        Syria, 'European': Europe)."""
        options = stretches(text, self.cues.connectors | self.rules.articles)
        flat = [s for group in options for s in group]
        people: list[Mention] = []
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
                    pointed = self._people_countries(keys[i])
                    if pointed:
                        people.append(Mention(stretch.start, stretch.end, stretch.text,
                                              pointed, "key", proposed=False))
                    covered_until = stretch.end
                    continue
                if keys[i] in self.never_keys:
                    covered_until = stretch.end  # "SANA-An": not "An" either
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


def _well_known(candidate: Candidate) -> bool:
    return candidate.is_area or candidate.population >= POPULOUS


def _short_word(name: str) -> bool:
    """'Of', 'Us', 'An': short words in a title-case headline; 'US', 'UK' are acronyms."""
    return len(name) < MIN_SINGLE_WORD and not name.isupper() and not is_arabic(name)


def _has_capital_or_arabic(name: str) -> bool:
    """A name has a capital letter ('al-Bab') or is Arabic; 'mosques' is a common word."""
    return any(ch.isupper() for ch in name) or is_arabic(name)


def _uncued_arabic(mention: Mention, region: Sequence[str]) -> list[Candidate]:
    """An Arabic word with no place word before it: with 40,000 villages, most Arabic words
    are some hamlet's name ('على' "on" is a village Ali). Alone, only a province, a country,
    a town of the region or a city abroad, matched by its key; a name of several words
    matched by its key."""
    if mention.match != "key":
        return []
    if mention.words > 1:
        return mention.candidates
    return [c for c in mention.candidates
            if c.is_area or c.is_users or c.population >= POPULOUS
            or (c.feature in TOWN_FEATURES and c.country in region)]


def overlaps(mention: Mention, taken: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in taken)
