"""Casualty counts: who (civilians, children, women, combatants), how many, killed or injured."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from harmwatch.extract.numbers import NumberReader
from harmwatch.extract.packs import Pack, english
from harmwatch.model import Casualties, Range

Group = Literal["civilians", "children", "women", "combatants", "people"]
Harm = Literal["killed", "injured"]


@dataclass(frozen=True)
class CasualtyMention:
    start: int
    end: int
    group: Group
    count: Range
    harm: Harm | None
    subgroup: bool


# What a pack without a construction matches: nothing (a count is still read with its noun).
_NOTHING = {"groups": {}, "killed": [], "injured": [], "filler_stops": r"(?!)",
            "count_link": r"\s+", "bare_before": r"(?!)", "bare_not_after": r"(?!)",
            "bare_between": r"(?!)"}


class CasualtyReader:
    """Finds casualty mentions in sentences and sums them without double counting."""

    def __init__(self, vocabulary: dict, numbers: NumberReader):
        self.vocabulary = vocabulary
        self.numbers = numbers
        self._auxiliaries = set(vocabulary.get("auxiliaries", []))
        self._kin_counts: dict[str, int] = vocabulary.get("kin_counts", {})
        self._leaving = tuple(vocabulary.get("leaving", []))

    @classmethod
    def load(cls, pack: Pack | None = None) -> CasualtyReader:
        pack = pack or english()
        return cls(pack.data("casualties"), NumberReader.of(pack))

    def _pattern(self, key: str, flags: int = re.IGNORECASE) -> re.Pattern:
        return re.compile(self.vocabulary.get(key) or r"(?!)", flags)

    @cached_property
    def _subgroup(self) -> re.Pattern:
        return self._pattern("subgroup")

    @cached_property
    def _year_context(self) -> re.Pattern:
        return self._pattern("year_context", 0)

    @cached_property
    def _and(self) -> re.Pattern:
        return self._pattern("and")

    @cached_property
    def _coordinated(self) -> re.Pattern:
        return self._pattern("coordinated", 0)

    @cached_property
    def _clause_end(self) -> re.Pattern:
        return self._pattern("clause_end", 0)

    @cached_property
    def _kin_women(self) -> re.Pattern:
        return self._pattern("kin_women")

    @cached_property
    def _groups(self) -> list[tuple[Group, re.Pattern]]:
        return [(group, re.compile(rf"(?:{'|'.join(words)})\b", re.IGNORECASE))
                for group, words in self.vocabulary.get("groups", {}).items() if words]

    @cached_property
    def _counted(self) -> re.Pattern:
        v, count = {**_NOTHING, **self.vocabulary}, self.numbers.count_pattern()
        nouns = "|".join(w for words in v["groups"].values() for w in words) or r"(?!)"
        filler = rf"(?:(?!(?:{v['filler_stops']}|{self.numbers.number})\b)[A-Za-z'-]+\s+){{0,2}}?"
        kin = rf"(?:{v['kin_join']}{v['kin_owner']}(?P<kin>{v['kin_women']}|{v['kin_others']}))?" \
            if v.get("kin_owner") else ""
        family = rf"|{v['family']}(?P<family>{count})\b" if v.get("family") else ""
        clock = rf"(?!\s*{v['clock']})" if v.get("clock") else ""
        return re.compile(
            rf"(?<![\w.,/:-])(?P<count>{count}){clock}{v['count_link']}{filler}"
            rf"(?P<noun>{nouns})\b{kin}{family}", re.IGNORECASE)

    @cached_property
    def _bare(self) -> re.Pattern:
        """Counts without a noun: "killing 12", "12 were killed", "the death toll rose to 30"."""
        v, count = {**_NOTHING, **self.vocabulary}, self.numbers.count_pattern()
        harm = "|".join([*v["killed"], *v["injured"]]) or r"(?!)"
        return re.compile(
            rf"{v['bare_before']}(?P<a>{count})\b(?!\s+{v['bare_not_after']})"
            rf"|(?<![\w.,/:-])(?P<b>{count})\s+(?:{v['bare_between']}\s+)?(?:{harm})\b",
            re.IGNORECASE)

    @cached_property
    def _harm_words(self) -> re.Pattern:
        killed = "|".join(self.vocabulary.get("killed", [])) or r"(?!)"
        injured = "|".join(self.vocabulary.get("injured", [])) or r"(?!)"
        return re.compile(rf"\b(?:(?P<killed>{killed})|(?P<injured>{injured}))\b", re.IGNORECASE)

    @cached_property
    def _none(self) -> re.Pattern:
        return re.compile("|".join(self.vocabulary.get("none", [])) or r"(?!)", re.IGNORECASE)

    def group_of(self, noun: str) -> Group:
        for group, pattern in self._groups:
            if pattern.fullmatch(noun):
                return group
        return "people"

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
        """Casualty mentions in text[start:end] (a sentence), offsets into `text`."""
        end = len(text) if end is None else end
        found: list[CasualtyMention] = []
        for match in self._counted.finditer(text, start, end):
            found.extend(self._counted_mentions(text, match, start, end))
        taken = [(m.start, m.end) for m in found]
        for match in self._bare.finditer(text, start, end):
            key = "a" if match["a"] else "b"
            span = match.span(key)
            if any(s <= span[0] < e for s, e in taken) or self._is_year(text, span[0], match[key]):
                continue
            count = self.numbers.parse_count(match[key])
            if count is not None:
                found.append(CasualtyMention(span[0], span[1], "people", count,
                                             self._bare_harm(text, match, start, end),
                                             self._is_subgroup(text, span[0], start)))
        ceiling = int(self.vocabulary.get("max_event_toll", 10**9))
        return self._inherit_harm(text, sorted((m for m in found if m.count.min <= ceiling),
                                    key=lambda m: m.start))

    def _counted_mentions(self, text: str, match: re.Match, start: int, end: int):
        if match.groupdict().get("family"):
            count = self.numbers.parse_count(match["family"])
            if count:
                yield CasualtyMention(match.start(), match.end(), "civilians", count,
                                      self._harm(text, match.start(), match.end(), start, end),
                                      self._is_subgroup(text, match.start(), start))
            return
        count = self.numbers.parse_count(match["count"])
        if count is None or self._is_year(text, match.start("count"), match["count"]):
            return
        own = self._harm_words.fullmatch(match["noun"])
        harm = ("killed" if own["killed"] else "injured") if own else \
            self._harm(text, match.start(), match.end(), start, end)
        subgroup = self._is_subgroup(text, match.start(), start)
        group = self.group_of(match["noun"])
        yield CasualtyMention(match.start(), match.end(), group, count, harm, subgroup)
        if match.groupdict().get("kin"):
            kin_group: Group = "women" if self._kin_women.fullmatch(match["kin"]) \
                else "civilians"
            kin_count = self._kin_counts.get(match["kin"].lower(), 1)
            yield CasualtyMention(match.start("kin"), match.end("kin"), kin_group,
                                  Range(min=kin_count, max=kin_count), harm, subgroup)

    def _bare_harm(self, text: str, match: re.Match, start: int, end: int) -> Harm | None:
        """The harm word inside the match decides ("12 wounded", "killing 12"), if any."""
        word = self._harm_words.search(match.group())
        if word and not match.group().lower().startswith(self._leaving):
            return "killed" if word["killed"] else "injured"
        key = "a" if match["a"] else "b"
        return self._harm(text, *match.span(key), start, end)

    def _is_subgroup(self, text: str, position: int, start: int) -> bool:
        return bool(self._subgroup.search(text[max(start, position - 25):position]))

    def _harm(self, text: str, first: int, last: int, start: int, end: int) -> Harm | None:
        """Killed or injured: a verb right after the count ("59 others injured"), else right
        before it ("killing 12"), else the next in the clause, else any before it."""
        right_after = self._harm_words.search(text, last, min(end, last + 30))
        if right_after and set(text[last:right_after.start()].lower().split()) <= self._auxiliaries:
            return _harm_of(right_after)
        before = text[max(start, first - 30):first]
        words = list(self._harm_words.finditer(before))
        # "... were killed and another 27 were injured": "and" closes the verb's clause.
        between = before[words[-1].end():] if words else ""
        if words and len(between.split()) <= 2 and not self._and.match(between):
            return _harm_of(words[-1])
        after = self._harm_words.search(text, last, self._clause_end_of(text, last, end))
        if after:
            return _harm_of(after)
        return _harm_of(words[-1]) if words else None

    @cached_property
    def _cumulative(self) -> re.Pattern:
        return re.compile("|".join(self.vocabulary.get("cumulative", [])) or r"(?!)",
                          re.IGNORECASE)

    def is_cumulative(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence gives a war-wide toll ("since the war began")."""
        return bool(self._cumulative.search(text, start, end))

    def says_none(self, text: str, start: int, end: int) -> bool:
        return bool(self._none.search(text, start, end))

    def _is_year(self, text: str, position: int, count: str) -> bool:
        """A year written before a noun ("30 September 2017 Four children") is no count."""
        return bool(re.fullmatch(r"(?:19|20)\d\d", count.strip())) and bool(
            self._year_context.search(text, max(0, position - 12), position))

    def _inherit_harm(self, text: str, mentions: list[CasualtyMention]
                      ) -> list[CasualtyMention]:
        return _inherit_harm(text, mentions, self._coordinated)

    def _clause_end_of(self, text: str, position: int, end: int) -> int:
        found = self._clause_end.search(text, position, end)
        return found.start() if found else end


def _harm_of(match: re.Match) -> Harm:
    return "killed" if match["killed"] else "injured"


def _inherit_harm(text: str, mentions: list[CasualtyMention], coordinated: re.Pattern
                  ) -> list[CasualtyMention]:
    """A count with no verb of its own shares its neighbour's: "killed 3, including 2 ...",
    "killed 50 militants and eight civilians"."""
    for i, mention in enumerate(mentions):
        if not i:
            continue
        previous = mentions[i - 1]
        if mention.harm is None and (mention.subgroup or mention.start - previous.end <= 15):
            mention = mentions[i] = replace(mention, harm=previous.harm)
        # "including five children and two women": both are part of the 18 people.
        if previous.subgroup and not mention.subgroup and coordinated.fullmatch(
                text[previous.end:mention.start]):
            mentions[i] = replace(mention, subgroup=True)
    return mentions


def total(mentions: list[CasualtyMention], harm: Harm) -> Casualties:
    """One Casualties from a sentence's mentions: largest per group, subgroups not re-added."""
    best: dict[str, Range] = {}
    top_level: dict[str, Range] = {}
    for mention in mentions:
        if mention.harm != harm:
            continue
        for table in (best, *(() if mention.subgroup else (top_level,))):
            current = table.get(mention.group)
            table[mention.group] = _add(current, mention.count) if table is top_level and \
                current is not None and mention.group != "people" else _larger(current,
                                                                                 mention.count)
    civilians = best.get("civilians") or _sum(top_level.get("children"), top_level.get("women"))
    combined = _sum(civilians, best.get("combatants"))
    people = best.get("people")
    overall = _larger(people, combined) if people or combined else None
    return Casualties(total=overall, civilians=civilians, children=best.get("children"),
                      women=best.get("women"), combatants=best.get("combatants"))


def _add(a: Range, b: Range) -> Range:
    return Range(min=a.min + b.min, max=a.max + b.max)


def _sum(a: Range | None, b: Range | None) -> Range | None:
    if a is None or b is None:
        return a or b
    return _add(a, b)


def _larger(a: Range | None, b: Range | None) -> Range | None:
    if a is None or b is None:
        return a or b
    return a if (a.min, a.max) >= (b.min, b.max) else b
