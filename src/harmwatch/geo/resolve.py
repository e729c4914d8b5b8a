"""Choosing among a name's candidates: priors first, then what the document says.

Scores add up evidence on one scale (higher is better): how big and important the place is,
how the name matched (key, skeleton, fuzzy), whose gazetteer it is (a user's list wins),
and, in a document, the countries and provinces it is about and the places near it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from harmwatch.geo.distance import distance_km
from harmwatch.geo.records import ADMIN1, ADMIN2, CAPITAL, COUNTRY, REGIONS, Candidate

MATCH_PENALTY = {"key": 0.0, "skeleton": 0.35, "fuzzy": 0.5}
USER_BONUS = 0.3
COUNTRY_PRIOR = 0.6
CAPITAL_PRIOR = 0.15
# A region or large natural feature ("West Bank", "Pacific") ranks as a province would.
REGION_PRIOR = 0.6
# Streams, hills, buildings from a GeoNames dump rank below towns of the same name.
OTHER_FEATURE_PENALTY = 0.3
# Abandoned and destroyed villages rank below living places of the same name.
DESERTED = ("PPLQ", "PPLW")
# Villages, hamlets and neighbourhoods (the embedded Syrian and Iraqi data's own places).
VILLAGES = frozenset({"PPLL", "PPLX", *DESERTED})
# A village reached only by a loose spelling needs another place of the document this near.
VILLAGE_SUPPORT_KM = 100.0
DESERTED_PENALTY = 0.1
ADMIN1_PRIOR = {"province": 1.0, "town": -0.25, "plain": 0.3}
# A district is mostly named after its main town: the town unless the text says district.
ADMIN2_PRIOR = {"province": 0.5, "town": -0.4, "plain": 0.1}
FOCUS_WEIGHT = 0.8
ADMIN1_CONTEXT = 0.5
NEAR_KM = 50.0
REGION_KM = 250.0
NEAR_BONUS = 0.35
REGION_BONUS = 0.15
HINT_ADMIN1_BONUS = 1.0
# Another sure place of the document in the same province / district ("Kafr Nbooda" in a
# report on Hama; "X التابعة لناحية Y").
SAME_ADMIN1_BONUS = 0.2
SAME_ADMIN2_BONUS = 0.3
# A province where other names of the document may lie too ("Paris" and "Henry County" both
# have a namesake in Tennessee), per other name, up to SHARED_ADMIN1_MAX of them.
SHARED_ADMIN1_BONUS = 0.2
SHARED_ADMIN1_MAX = 2
# A province where other names of the document were placed on the pass before, per name:
# it chooses among the namesakes of one country, not between countries.
PICKED_ADMIN1_BONUS = 0.2
PICKED_ADMIN1_MAX = 2
# A user's place and an embedded one of the same name this close are the same place.
SAME_PLACE_KM = 25.0


def town_countries(candidates: Sequence[Candidate]) -> frozenset[tuple]:
    """Where the name is also a town's: (country, district, is a village) of each town
    ("Raqqa" the city beside the province, "Manbij" the town beside the district)."""
    return frozenset((c.country or "", c.admin2, c.feature in VILLAGES) for c in candidates
                     if not c.is_area and c.feature != ADMIN2)


def _has_town(candidate: Candidate, towns: frozenset[tuple]) -> bool:
    """A province stands for its namesake town (not for a hamlet: a village "Salahuddin"
    does not hide the province); a district for the town of its name inside it."""
    if candidate.feature == ADMIN2:
        return any(cc == candidate.country and adm2 == candidate.admin2
                   for cc, adm2, _ in towns)
    return any(cc == candidate.country and not village for cc, _, village in towns)


def prior(candidate: Candidate, match: str, province_cue: bool,
          towns: frozenset[tuple] = frozenset()) -> float:
    """What a candidate is worth before the document is read. A province whose name is also
    a town's stands for the town unless the text says province."""
    score = math.log10(candidate.population + 10) / 7 - MATCH_PENALTY[match]
    if candidate.feature == COUNTRY:
        score += COUNTRY_PRIOR
    elif candidate.feature == ADMIN1:
        kind = "province" if province_cue else "town" if _has_town(candidate, towns) \
            else "plain"
        score += ADMIN1_PRIOR[kind]
    elif candidate.feature == ADMIN2:
        kind = "province" if province_cue else "town" if _has_town(candidate, towns) \
            else "plain"
        score += ADMIN2_PRIOR[kind]
    elif candidate.feature == CAPITAL:
        score += CAPITAL_PRIOR
    elif candidate.feature in REGIONS:
        score += REGION_PRIOR
    elif candidate.feature in DESERTED:
        score -= DESERTED_PENALTY
    elif not candidate.is_settlement:
        score -= OTHER_FEATURE_PENALTY
    if candidate.is_users:
        score += USER_BONUS
    return score


def best_index(candidates: Sequence[Candidate], scores: Sequence[float],
               context: DocumentContext | None = None) -> int:
    """The candidate of the highest score. Of equal scores: the more populous, then a town
    before a village, then the one whose country has the larger share of the document,
    then the first (never whichever the database happened to list last)."""
    return max(range(len(scores)), key=lambda i: (round(scores[i], 9),
                                                  *tie_rank(candidates[i], context), -i))


def tie_rank(candidate: Candidate, context: DocumentContext | None = None) -> tuple:
    """How candidates of equal score are ordered (higher first)."""
    share = context.countries.get(candidate.country or "", 0.0) if context else 0.0
    return candidate.population, candidate.feature not in VILLAGES, share


def prefer_user_places(candidates: list[Candidate]) -> list[Candidate]:
    """Drop embedded candidates that a user's place of the same name stands in for."""
    users = [c for c in candidates if c.is_users]
    if not users:
        return candidates
    return [c for c in candidates if c in users or not any(
        c.is_area == u.is_area and distance_km(c.lat, c.lon, u.lat, u.lon) < SAME_PLACE_KM
        for u in users)]


class FirstPick(NamedTuple):
    """A mention's best candidate before context. sure: the name's only place or an area
    (its country's vote counts in full); anchor: a place the others are chosen around
    (a sure one, or a big city by its own name: 'Aleppo' has a namesake province)."""

    candidate: Candidate
    sure: bool
    anchor: bool
    # The mention's name (its key).
    name: str = ""


@dataclass
class DocumentContext:
    """What a document is about: its countries (weights sum to 1), provinces, sure places."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[Candidate] = field(default_factory=list)
    # Provinces and districts of the sure places (a place's own is discounted when weighed).
    areas: Counter = field(default_factory=Counter)
    # The towns among the anchors, by the key of the name that found them.
    named: dict[str, list[Candidate]] = field(default_factory=dict)
    # Each place's own vote, so that a place can be weighed without it.
    votes: dict[tuple[str, str], float] = field(default_factory=dict)
    total: float = 0.0
    # How many of the document's sure names have a candidate in each province.
    shared_provinces: Counter = field(default_factory=Counter)
    # The names placed in each province on the pass before (name keys).
    picked: dict[tuple, set[str]] = field(default_factory=dict)

    @classmethod
    def from_first_picks(cls, picks: Sequence[FirstPick]) -> DocumentContext:
        """picks: each mention's best candidate before context."""
        weights: Counter[str] = Counter()
        context = cls()
        seen: set[tuple[str, str]] = set()
        for candidate, sure, anchor, name in picks:
            # Each place counts once: a name repeated does not make its country the focus.
            if not candidate.country or (candidate.source, candidate.source_id) in seen:
                continue
            seen.add((candidate.source, candidate.source_id))
            vote = 2.0 if candidate.feature == COUNTRY else (1.0 if sure else 0.5)
            weights[candidate.country] += vote
            context.votes[(candidate.source, candidate.source_id)] = vote
            if candidate.feature == ADMIN1 and candidate.admin1_code:
                context.admin1.add((candidate.country, candidate.admin1_code))
            if anchor and not candidate.is_area and candidate not in context.anchors:
                context.anchors.append(candidate)
            if anchor:
                context.areas.update(_areas_of(candidate))
            if anchor and not candidate.is_area:
                context.named.setdefault(name, []).append(candidate)
        total = context.total = sum(weights.values())
        context.countries = {cc: w / total for cc, w in weights.items()} if total else {}
        return context

    def count_shared_provinces(self, spreads: Sequence[Sequence[Candidate]]) -> None:
        """spreads: each sure name's candidates; each name counts once per province."""
        for candidates in spreads:
            self.shared_provinces.update({(c.country, c.admin1_code) for c in candidates
                                          if c.admin1_code})

    def note_picks(self, picks: dict[str, Candidate]) -> None:
        """picks: each credible name's choice, by the name's key."""
        self.picked = {}
        for name, candidate in picks.items():
            if candidate.admin1_code and not candidate.is_area:
                self.picked.setdefault((candidate.country, candidate.admin1_code),
                                       set()).add(name)

    def share_without(self, candidate: Candidate) -> float:
        """Its country's share of the document, the candidate's own vote left out: what
        else in the document backs it."""
        own = self.votes.get((candidate.source, candidate.source_id), 0.0)
        if self.total <= own:
            return 0.0
        share = self.countries.get(candidate.country or "", 0.0)
        return (share * self.total - own) / (self.total - own)

    def placed_bonus(self, candidate: Candidate, name: str) -> float:
        """Other names of the document placed in the candidate's province (`name`: the
        mention's own key, left out)."""
        placed = self.picked.get((candidate.country, candidate.admin1_code), set()) - {name}
        return PICKED_ADMIN1_BONUS * min(len(placed), PICKED_ADMIN1_MAX)

    def _same_areas_bonus(self, candidate: Candidate, name: str) -> float:
        """Another sure place of the document in the candidate's province and district, the
        candidate itself and the towns of the mention's own name left out (the city Deir
        ez-Zor does not make its province the place meant by 'Deir Ezzor')."""
        own = sum((_areas_of(a) for a in self.named.get(name, [])), Counter())
        if candidate in self.anchors and candidate not in self.named.get(name, []):
            own += _areas_of(candidate)
        areas = self.areas - own
        score = SAME_ADMIN1_BONUS * bool(areas[(candidate.country, candidate.admin1_code)])
        if candidate.admin2:
            score += SAME_ADMIN2_BONUS * bool(areas[(candidate.country, "", candidate.admin2)])
        return score

    def bonus(self, candidate: Candidate, name: str = "") -> float:
        """What the document adds to a candidate of the mention `name` (its key)."""
        share = self.countries.get(candidate.country or "", 0.0)
        if not share:
            return 0.0
        score = FOCUS_WEIGHT * share
        if candidate.admin1_code:
            others = self.shared_provinces[(candidate.country, candidate.admin1_code)] - 1
            score += SHARED_ADMIN1_BONUS * min(max(others, 0), SHARED_ADMIN1_MAX)
        if (candidate.country, candidate.admin1_code) in self.admin1:
            score += ADMIN1_CONTEXT
        score += self._same_areas_bonus(candidate, name)
        namesakes = self.named.get(name, [])
        near = min((distance_km(candidate.lat, candidate.lon, a.lat, a.lon)
                    for a in self.anchors if a != candidate and a not in namesakes),
                   default=math.inf)
        if near < NEAR_KM:
            score += NEAR_BONUS
        elif near < REGION_KM:
            score += REGION_BONUS
        return score


def _areas_of(candidate: Candidate) -> Counter:
    """The province and district a place lies in, as keys of DocumentContext.areas."""
    areas: Counter = Counter()
    if candidate.admin1_code:
        areas[(candidate.country, candidate.admin1_code)] += 1
    if candidate.admin2:
        areas[(candidate.country, "", candidate.admin2)] += 1
    return areas


@dataclass(frozen=True)
class ProvinceHint:
    """A caller's province (geocode --admin1): its name key and the provinces it names."""

    key: str
    provinces: frozenset[tuple]


def hint_bonus(candidate: Candidate, hint: ProvinceHint | None, admin1_key_of) -> float:
    if hint is None:
        return 0.0
    if (candidate.country, candidate.admin1_code) in hint.provinces or (
            candidate.admin1 and admin1_key_of(candidate.admin1) == hint.key):
        return HINT_ADMIN1_BONUS
    return 0.0
