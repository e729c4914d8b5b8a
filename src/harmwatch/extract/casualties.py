"""Casualty counts: who (civilians, children, women, combatants), how many, killed or injured."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml

from harmwatch.data import data_path
from harmwatch.extract.numbers import NUMBER, count_pattern, parse_count
from harmwatch.model import Casualties, Range

Group = Literal["civilians", "children", "women", "combatants", "people"]
Harm = Literal["killed", "injured"]
_SUBGROUP = re.compile(r"(?:including|among them|among whom|of whom|of them|of which|"
                       r"amongst them|incl\.)\s*(?:were\s+|are\s+)?$", re.IGNORECASE)
# "at around 330 am": a time of day, never a count.
_CLOCK = r"(?:am|pm|a\.m\.|p\.m\.|GMT|UTC|local time)\b"
_KIN_WOMEN = r"mothers?|wives|wife|sisters?|daughters?|grandmothers?|aunts?"
_KIN = rf"(?:their|his|her)\s+(?P<kin>{_KIN_WOMEN}|fathers?|husbands?|brothers?|sons?|" \
       r"grandfathers?|uncles?|parents|relatives?)"


@dataclass(frozen=True)
class CasualtyMention:
    start: int
    end: int
    group: Group
    count: Range
    harm: Harm | None
    subgroup: bool


class CasualtyReader:
    """Finds casualty mentions in sentences and sums them without double counting."""

    def __init__(self, vocabulary: dict):
        self.vocabulary = vocabulary

    @classmethod
    def load(cls, path: Path | None = None) -> CasualtyReader:
        source = path or data_path("casualties.yaml")
        return cls(yaml.safe_load(source.read_text(encoding="utf-8")))

    @cached_property
    def _groups(self) -> list[tuple[Group, re.Pattern]]:
        return [(group, re.compile(rf"(?:{'|'.join(words)})\b", re.IGNORECASE))
                for group, words in self.vocabulary["groups"].items()]

    @cached_property
    def _counted(self) -> re.Pattern:
        nouns = "|".join(w for words in self.vocabulary["groups"].values() for w in words)
        filler = rf"(?:(?!(?:and|or|in|at|on|were|was|by|of|{NUMBER})\b)[A-Za-z'-]+\s+){{0,2}}?"
        return re.compile(
            rf"(?<![\w.,/:-])(?P<count>{count_pattern()})(?!\s*{_CLOCK})(?:\s+of)?\s+(?:the\s+)?{filler}"
            rf"(?P<noun>{nouns})\b(?:\s+and\s+{_KIN})?"
            rf"|(?:a|an|one|an entire|the whole|a whole)\s+family\s+of\s+(?P<family>"
            rf"{count_pattern()})\b", re.IGNORECASE)

    @cached_property
    def _bare(self) -> re.Pattern:
        """Counts without a noun: "killing 12", "12 were killed", "the death toll rose to 30"."""
        harm = "|".join([*self.vocabulary["killed"], *self.vocabulary["injured"]])
        return re.compile(
            rf"(?:killing|killed|kills|kill|wounding|wounded|wounds|wound|injuring|injured|"
            rf"injures|injure|leaving|left|toll(?:\s+[\w-]+){{0,6}}?\s+"
            rf"(?:rose|rises|risen|rising|climbed|climbs|reached|jumped|of|at|stood at|to)"
            rf"(?:\s+to)?)\s+(?P<a>"
            rf"{count_pattern()})\b(?!\s+(?:of|percent|%|km|kilomet|miles?|years?|days?|"
            rf"hours?|times))|(?<![\w.,/:-])(?P<b>{count_pattern()})\s+(?:(?:were|have been|had "
            rf"been|was|are|more|others|people)\s+)?(?:{harm})\b", re.IGNORECASE)

    @cached_property
    def _harm_words(self) -> re.Pattern:
        killed = "|".join(self.vocabulary["killed"])
        injured = "|".join(self.vocabulary["injured"])
        return re.compile(rf"\b(?:(?P<killed>{killed})|(?P<injured>{injured}))\b", re.IGNORECASE)

    @cached_property
    def _none(self) -> re.Pattern:
        return re.compile("|".join(self.vocabulary["none"]), re.IGNORECASE)

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
            if any(s <= span[0] < e for s, e in taken) or _is_year(text, span[0], match[key]):
                continue
            count = parse_count(match[key])
            if count is not None:
                found.append(CasualtyMention(span[0], span[1], "people", count,
                                             self._bare_harm(text, match, start, end),
                                             self._is_subgroup(text, span[0], start)))
        ceiling = int(self.vocabulary.get("max_event_toll", 10**9))
        return _inherit_harm(text, sorted((m for m in found if m.count.min <= ceiling),
                                    key=lambda m: m.start))

    def _counted_mentions(self, text: str, match: re.Match, start: int, end: int):
        if match["family"]:
            count = parse_count(match["family"])
            if count:
                yield CasualtyMention(match.start(), match.end(), "civilians", count,
                                      self._harm(text, match.start(), match.end(), start, end),
                                      self._is_subgroup(text, match.start(), start))
            return
        count = parse_count(match["count"])
        if count is None or _is_year(text, match.start("count"), match["count"]):
            return
        own = self._harm_words.fullmatch(match["noun"])
        harm = ("killed" if own["killed"] else "injured") if own else \
            self._harm(text, match.start(), match.end(), start, end)
        subgroup = self._is_subgroup(text, match.start(), start)
        group = self.group_of(match["noun"])
        yield CasualtyMention(match.start(), match.end(), group, count, harm, subgroup)
        if match["kin"]:
            kin_group: Group = "women" if re.fullmatch(_KIN_WOMEN, match["kin"], re.I) \
                else "civilians"
            kin_count = 2 if match["kin"].lower() == "parents" else 1
            yield CasualtyMention(match.start("kin"), match.end("kin"), kin_group,
                                  Range(min=kin_count, max=kin_count), harm, subgroup)

    def _bare_harm(self, text: str, match: re.Match, start: int, end: int) -> Harm | None:
        """The harm word inside the match decides ("12 wounded", "killing 12"), if any."""
        word = self._harm_words.search(match.group())
        if word and not match.group().lower().startswith(("leaving", "left")):
            return "killed" if word["killed"] else "injured"
        key = "a" if match["a"] else "b"
        return self._harm(text, *match.span(key), start, end)

    def _is_subgroup(self, text: str, position: int, start: int) -> bool:
        return bool(_SUBGROUP.search(text[max(start, position - 25):position]))

    def _harm(self, text: str, first: int, last: int, start: int, end: int) -> Harm | None:
        """Killed or injured: a verb right after the count ("59 others injured"), else right
        before it ("killing 12"), else the next in the clause, else any before it."""
        right_after = self._harm_words.search(text, last, min(end, last + 30))
        if right_after and set(text[last:right_after.start()].lower().split()) <= _AUXILIARIES:
            return _harm_of(right_after)
        before = text[max(start, first - 30):first]
        words = list(self._harm_words.finditer(before))
        # "... were killed and another 27 were injured": "and" closes the verb's clause.
        between = before[words[-1].end():] if words else ""
        if words and len(between.split()) <= 2 and not _AND.match(between):
            return _harm_of(words[-1])
        after = self._harm_words.search(text, last, _clause_end(text, last, end))
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


# Words that may stand between a count and its verb: "12 people were reportedly killed".
_AUXILIARIES = {"were", "was", "are", "is", "have", "has", "had", "been", "being", "reportedly",
                "also", "later", "all", "confirmed", "and", "or"} - {"and", "or"}
_YEAR_CONTEXT = re.compile(r"(?:[A-Z][a-z]{2,8}\.?|\d{1,2}|in|of|since|year)\s+$")


def _is_year(text: str, position: int, count: str) -> bool:
    """A year written before a noun ("30 September 2017 Four children") is no count."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", count.strip())) and bool(
        _YEAR_CONTEXT.search(text, max(0, position - 12), position))


def _harm_of(match: re.Match) -> Harm:
    return "killed" if match["killed"] else "injured"


_AND = re.compile(r"\s*,?\s*and\b", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:,|,?\s*and|,?\s*as well as)\s*")


def _inherit_harm(text: str, mentions: list[CasualtyMention]) -> list[CasualtyMention]:
    """A count with no verb of its own shares its neighbour's: "killed 3, including 2 ...",
    "killed 50 militants and eight civilians"."""
    for i, mention in enumerate(mentions):
        if not i:
            continue
        previous = mentions[i - 1]
        if mention.harm is None and (mention.subgroup or mention.start - previous.end <= 15):
            mention = mentions[i] = replace(mention, harm=previous.harm)
        # "including five children and two women": both are part of the 18 people.
        if previous.subgroup and not mention.subgroup and _COORDINATED.fullmatch(
                text[previous.end:mention.start]):
            mentions[i] = replace(mention, subgroup=True)
    return mentions


def _clause_end(text: str, position: int, end: int) -> int:
    stop = re.compile(r"[;:]|,\s+(?:while|but|and)\s|\d+\s+(?:others|more)")
    found = stop.search(text, position, end)
    return found.start() if found else end


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
