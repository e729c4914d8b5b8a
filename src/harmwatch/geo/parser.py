"""Geoparser: place names in text -> resolved places, and names -> ranked candidates.

The work is split by job: lifecycle.py opens (or builds) the index, lookup.py finds a name's
candidates, recognize.py finds the mentions of a text, disambiguate.py chooses among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from harmwatch.geo.disambiguate import Disambiguation
from harmwatch.geo.index import GazetteerDB
from harmwatch.geo.lifecycle import USER_DB_NAME, cache_dir_default, open_embedded
from harmwatch.geo.names import NameRules
from harmwatch.geo.recognize import Recognition, overlaps
from harmwatch.geo.records import ADMIN1, Candidate
from harmwatch.geo.resolve import ProvinceHint, hint_bonus, tie_rank
from harmwatch.geo.scan import Cues
from harmwatch.geo.states import StateAbbreviations
from harmwatch.model import Place

__all__ = ["USER_DB_NAME", "Geoparser", "cache_dir_default"]


class Geoparser(Recognition, Disambiguation):
    """Finds and resolves place names, offline, from an on-disk gazetteer index."""

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

    # -- names -> candidates ------------------------------------------------------------

    def geocode(self, name: str, country: str | None = None, admin1: str | None = None,
                limit: int = 10) -> list[Candidate]:
        """Candidates for a name, best first. Only places in `country` are given when it is
        set; `admin1` ranks places in that province first. A compound name as spreadsheets
        have them ("Bdama, Jisr al Shoughour", "near As Susah, Syria", "Road between Jindires
        and Afrin") is tried part by part, the first part that is known winning."""
        hint = self._province_hint(admin1) if admin1 else None
        parts = self.cues.parts(name)
        for fuzzy in (False, True):
            for part in parts:
                scored = self._geocode_part(part, country, hint, fuzzy)
                if scored:
                    return scored[:limit]
        return []

    def _province_hint(self, admin1: str) -> ProvinceHint:
        """The hint's key and the provinces it names, so that 'حلب' ranks Aleppo's villages
        first as 'Aleppo' does."""
        key = self._key(admin1)
        return ProvinceHint(key, frozenset(
            (c.country, c.admin1_code) for c in self._query([key], "key").get(key, [])
            if c.feature == ADMIN1))

    def _geocode_part(self, name: str, country: str | None, hint: ProvinceHint | None,
                      fuzzy: bool) -> list[Candidate]:
        name, province = self._strip_generic(name)
        key = self._key(name)
        if not key:
            return []
        candidates, match = self._lookup(key, fuzzy=fuzzy, text=name)
        if country:
            candidates = [c for c in candidates
                          if c.country == country.upper() or (c.is_users and not c.country)]
        scored = [c.rescored(worth + hint_bonus(c, hint, self._key)) for c, worth in
                  zip(candidates, self._worth(candidates, name, match, province), strict=True)]
        return sorted(scored, key=lambda c: (-round(c.score, 9),
                                             *(-rank for rank in tie_rank(c))))

    # -- text -> places -----------------------------------------------------------------

    def find_places(self, text: str, candidates: Sequence[tuple[int, int]] = (),
                    demonyms: bool = False) -> list[Place]:
        """Every place mention in the text, sorted by span, resolved or not. `candidates` are
        extra spans (e.g. the NER model's GPE/LOC/FAC entities); each comes back as a place.
        With `demonyms`, the people words of the text ('Russian', 'European') come back as
        places too, at their country or area, as geoparsing corpora count them; otherwise
        they only tell which countries the document is about ('Russian jets' place no
        event in Russia)."""
        mentions = self._proposed(text, candidates)
        taken = [(m.start, m.end) for m in mentions]
        recognised, people = self._recognised(text)
        recognised += self._acronym_mentions(text)
        if demonyms:
            recognised, people = recognised + people, []
        mentions += [m for m in recognised if not overlaps(m, taken)]
        mentions = self._without_name_tails(text, mentions)
        mentions = self._with_states(text, mentions)
        self._read_cues(text, mentions)
        mentions = self._neighbourhoods(text, mentions)
        context = self._context(mentions, [c for m in people for c in m.candidates])
        self._choose(mentions, context)
        self._drop_unsupported_villages(mentions)
        places = [self._place(text, m, context) for m in mentions if self._keep(m, context)]
        return sorted(places, key=lambda p: (p.span.start, p.span.end))
