"""Mentions -> places: what the document is about, each mention's best candidate, which
recognised names to keep, and the precision of each place."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from harmwatch.geo.distance import distance_km
from harmwatch.geo.lookup import LOOSE_SIMILARITY, POPULOUS, SPELLED_ALIKE, NameLookup
from harmwatch.geo.names import is_arabic
from harmwatch.geo.recognize import MIN_SINGLE_WORD, Mention
from harmwatch.geo.records import ADMIN2, Candidate
from harmwatch.geo.resolve import (
    HINT_ADMIN1_BONUS,
    VILLAGE_SUPPORT_KM,
    VILLAGES,
    DocumentContext,
    FirstPick,
    best_index,
    prior,
    town_countries,
)
from harmwatch.geo.states import COUNTRY as STATES_COUNTRY
from harmwatch.model import Place, Span

# A single word recognised by the gazetteer alone (not proposed by the extractor) is kept when
# it is a country or province, lies in a country the document is about, or is this populous.
FOCUS_SHARE = 0.2
# A document this much about the transliteration countries is read as a report on them.
TRANSLITERATION_FOCUS = 0.5
# A place reached only through a differently spelled other name, when a place of the same
# country has the name as written for its own.
ALTERNATE_SPELLING_PENALTY = 0.6
ALTERNATE_NAME_PENALTY = 0.2
# A city this big, named by its own name, anchors its document (as an unambiguous place).
ANCHOR_POPULATION = POPULOUS


class Disambiguation(NameLookup):
    """Choosing and keeping places (a part of the Geoparser)."""

    def _context(self, mentions: list[Mention], people: Sequence[Candidate] = ()
                 ) -> DocumentContext:
        """What the document is about, from its credible mentions only: the caller's spans,
        multi-word names, countries and provinces, and the countries its people words point
        to ('Syrians'). Any capitalised word may match some village somewhere; those vote
        only when nothing else does."""
        credible = [FirstPick(c, True, True) for c in people]
        other = []
        spreads: dict[str, list[Candidate]] = {}  # a name repeated counts once
        for mention in mentions:
            if not mention.candidates:
                continue
            best = mention.candidates[best_index(mention.candidates, self._priors(mention))]
            if best.feature in VILLAGES and mention.match != "key":
                continue  # a loose spelling of some hamlet says nothing of the country
            sure = len(mention.candidates) == 1 or best.is_area
            pick = FirstPick(best, sure, sure or self._big_city(mention, best),
                             self._key(mention.text))
            credible_mention = self._credible(mention, best)
            (credible if credible_mention else other).append(pick)
            if credible_mention:
                spreads[self._key(mention.text)] = mention.candidates
        # A text of single words only ("Aleppo") has nothing better to go by.
        context = DocumentContext.from_first_picks(credible or other)
        context.count_shared_provinces(list(spreads.values()))
        return context

    def _credible(self, mention: Mention, best: Candidate) -> bool:
        """A mention whose choice may tell what the document is about."""
        return (mention.proposed or mention.words > 1 or best.is_area or mention.cued
                or is_arabic(mention.text))

    def _big_city(self, mention: Mention, best: Candidate) -> bool:
        """A city of ANCHOR_POPULATION people named by its own name ('Aleppo', 'Raqqa'): an
        anchor of the document, near which namesakes are chosen ('Maskanah' near Tabqa is
        Aleppo's, not Homs')."""
        return best.population >= ANCHOR_POPULATION \
            and self._key(best.name) == self._key(mention.text)

    def _choose(self, mentions: list[Mention], context: DocumentContext) -> None:
        """Each mention's best candidate, then once more with the provinces the other
        credible names were placed in ("Paris" beside a "Henry County" placed in
        Tennessee)."""
        for mention in mentions:
            mention.best = self._best(mention, context)
        context.note_picks({self._key(m.text): m.best for m in mentions
                            if m.best is not None and self._credible(m, m.best)})
        for mention in mentions:
            mention.best = self._best(mention, context, mention.best)

    def _drop_unsupported_villages(self, mentions: list[Mention]) -> None:
        """A village stands only where the text writes its name much like it; reached by a
        loose spelling (skeleton, fuzzy), only with another place of the document near it
        ('Kafr Nbooda' in a report on Hama); alone, 'Jobar' is no Iraqi hamlet Janbur."""
        for mention in mentions:
            best = mention.best
            if best is None or best.feature not in VILLAGES:
                continue
            if not self._written_like(mention.text, best):
                mention.best = None  # 'Monitor' shares Al Muntar's consonants, nothing more
                continue
            if mention.match == "key":
                continue
            if not any(other is not mention and other.best is not None and distance_km(
                    best.lat, best.lon, other.best.lat, other.best.lon) < VILLAGE_SUPPORT_KM
                    for other in mentions):
                mention.best = None

    def _best(self, mention: Mention, context: DocumentContext,
              first: Candidate | None = None) -> Candidate | None:
        """The candidate of the highest score (ties: resolve.best_index); `first`: the
        mention's choice on the pass before, if any."""
        if not mention.candidates:
            return None
        name = self._key(mention.text)
        scores = [worth + context.bonus(c, name) + _state_bonus(c, mention.state)
                  + (context.placed_bonus(c, name) if self._namesake(c, name, first)
                     else 0.0)
                  for c, worth in zip(mention.candidates, self._priors(mention), strict=True)]
        best = best_index(mention.candidates, scores, context)
        return mention.candidates[best].rescored(scores[best])

    def _namesake(self, candidate: Candidate, name: str, first: Candidate | None) -> bool:
        """A town named `name` in the country of the mention's first choice, when that
        choice is no big city: the other names' provinces choose among such namesakes only
        (Paris, Tennessee or Paris, Texas; not Iraan, Texas for Iran, nor the state of New
        York for the city, nor Boston, New York for Boston)."""
        return (first is not None and candidate.country == first.country
                and first.population < POPULOUS and not candidate.is_area
                and self._key(candidate.name) == name)

    def _priors(self, mention: Mention) -> list[float]:
        return self._worth(mention.candidates, mention.text, mention.match, mention.province)

    def _worth(self, candidates: Sequence[Candidate], text: str, match: str,
               province: bool) -> list[float]:
        """Each candidate's worth before the document is read (its prior), less what it
        loses for being reached through another name only."""
        towns = town_countries(candidates)
        return [prior(c, match, province, towns) - penalty for c, penalty in
                zip(candidates, self._alternate_name_penalties(candidates, text), strict=True)]

    def _alternate_name_penalties(self, candidates: Sequence[Candidate], text: str
                                  ) -> list[float]:
        """A place the text names by one of its other names ranks below a place of the same
        country whose own name it is: a little when the other name is spelled as written,
        much when only the folded key meets ('Adra' is an alternate 'Adraa' of Daraa, and
        the own name of the town Adra)."""
        key, written = self._key(text), self._plain(text)
        own = [not c.is_area and self._key(c.name) == key for c in candidates]
        owners = {c.country for c, is_own in zip(candidates, own, strict=True) if is_own}
        return [0.0 if is_own or c.is_area or c.country not in owners
                else ALTERNATE_NAME_PENALTY
                if written in (self._plain(c.name), self._plain(c.matched))
                else ALTERNATE_SPELLING_PENALTY
                for c, is_own in zip(candidates, own, strict=True)]

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

    def _written_like(self, text: str, village: Candidate) -> bool:
        """A name written much like the village's ('Kafranbel' ~ 'Kafr Nabl'), not a word
        that only shares its consonants ('Monitor' ~ 'Al Muntar')."""
        if is_arabic(text):
            return True
        names = [n for n in (village.name, village.matched) if n]
        return max(fuzz.ratio(self._plain(self._strip_generic(text)[0]),
                              self._plain(self._strip_generic(name)[0])) for name in names) \
            >= LOOSE_SIMILARITY

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
            return Place(text=span_text, span=Span.of(mention.start, mention.end),
                         direction=mention.direction)
        if best.is_area:
            precision = 3
        elif mention.area or best.feature == ADMIN2:
            precision = 2
        else:
            precision = 1
        return Place(text=span_text, span=Span.of(mention.start, mention.end), name=best.name,
                     geonameid=best.geonameid, lat=best.lat, lon=best.lon,
                     admin1=best.admin1, country=best.country, precision=precision,
                     direction=mention.direction, resolved=True)


def _state_bonus(candidate: Candidate, state: str | None) -> float:
    return HINT_ADMIN1_BONUS if state and candidate.country == STATES_COUNTRY \
        and candidate.admin1_code == state else 0.0
