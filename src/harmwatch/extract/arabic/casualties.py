"""Who was killed or injured, how many, and of which group, in Arabic reporting frames.

Frames (on the normalised view): a verbal noun or passive verb of killing or injury before
its victims ("استشهاد 3 مدنيين", "أصيب طفلان", "مقتل مدنيين اثنين"), or a count before a
noun of the dead or wounded ("5 شهداء", "ثلاثة جرحى"); then a subgroup ("بينهم طفلان
وامرأة") that refines the count and is never added to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from harmwatch.extract.arabic.numbers import NumberReader
from harmwatch.extract.arabic.pack import END, START, PackFiles, bare, term, words
from harmwatch.model import Casualties, Range

GROUPS = ("civilians", "children", "women", "combatants", "people")
# A group named with no count: "some" of them.
UNCOUNTED = (2, 9)
_AND = re.compile(r"\s*,?\s*(?=و)")
_JOINER = re.compile(r"\s*,?\s*")
OTHERS = re.compile(r"^(?:اخرين|اخرون|اخر|اخري|اخريات)$")


@dataclass
class CasualtyPhrase:
    kind: str  # killed | injured
    casualties: Casualties
    start: int
    end: int
    others: bool = False  # "وإصابة 5 آخرين": of the group the phrase before it named


@dataclass
class SentenceHarm:
    phrases: list[CasualtyPhrase] = field(default_factory=list)
    none: bool = False
    damage: bool = False


def _range(low: int, high: int) -> Range:
    return Range(min=low, max=high)


class CasualtyReader:
    def __init__(self, files: PackFiles, numbers: NumberReader):
        table = files["casualties"]
        self.numbers = numbers
        self.max_toll = int(table["max_event_toll"])
        self.group_of: list[tuple[re.Pattern, str, int | None]] = []
        alternatives = []
        for size, key in ((2, "two"), (1, "one"), (None, "groups")):
            for group in GROUPS:
                pattern = words(table[key].get(group, []))
                if pattern:
                    self.group_of.append((re.compile(rf"^(?:{pattern})$"), group, size))
                    alternatives.append(pattern)
        group = rf"{START}(?:[وف]?(?:[بك]?ال|لل|[بلك])?)(?P<g>{'|'.join(alternatives)}){END}"
        count = numbers.pattern
        verbs = {"killed": term(table["killed"], "v"), "injured": term(table["injured"], "v")}
        nouns = {kind: (bare(table[f"{kind}_nouns"]), bare(table[f"{kind}_one"]),
                        bare(table[f"{kind}_two"])) for kind in ("killed", "injured")}
        self.frames: list[tuple[str, re.Pattern]] = []
        for kind in ("killed", "injured"):
            plural, one, two = nouns[kind]
            victim_noun = rf"(?:{group}|(?P<n2>{two})|(?P<n1>{one})|(?P<np>{plural}))"
            self.frames += [
                (kind, re.compile(rf"{verbs[kind]}\s+(?:من\s+)?{count}\s+(?:من\s+)?"
                                  rf"(?:{victim_noun}{END})?")),
                (kind, re.compile(rf"{verbs[kind]}\s+{victim_noun}{END}(?:\s+{count})?")),
                # "5 شهداء", and the singular after eleven and more: "15 شهيد"
                (kind, re.compile(rf"{START}{count}\s+(?:{group}\s+)?(?:[وف]?ال)?"
                                  rf"(?P<noun>{plural}|{one}){END}")),
                # the victims first, then the passive verb: "أن مدنياً قُتل"، "امرأة قتلت"
                (kind, re.compile(rf"(?:{START}{count}\s+)?{group}\s+(?:قد\s+)?"
                                  rf"{bare(table[kind])}{END}")),
                (kind, re.compile(rf"{START}[وف]?(?:ال)?(?P<dual>{two}){END}")),
            ]
        mixed = rf"{term(table['killed'], 'k')}\s+و?{term(table['injured'], 'i')}"
        self.mixed = re.compile(mixed)
        self.subgroup = re.compile(rf"\s*,?\s*و?(?:{bare(table['subgroup'])})\s+")
        after = numbers.named("after")
        self.item = re.compile(rf"(?:و?{count}\s+(?:من\s+)?)?{group}(?:\s+{after})?")
        self.none = re.compile("|".join(words(p) for p in table["none"]))
        self.damage = re.compile(term(table["damage"]))
        self.cumulative = re.compile("|".join(words(p) for p in table["cumulative"]))

    def read(self, view: str, start: int, end: int) -> SentenceHarm:
        """The casualty phrases of view[start:end], and whether it says nobody was hit."""
        harm = SentenceHarm(none=bool(self.none.search(view, start, end)),
                            damage=bool(self.damage.search(view, start, end)))
        if self.cumulative.search(view, start, end):
            return harm
        taken = [m.span() for m in self.mixed.finditer(view, start, end)]
        found = []
        for kind, frame in self.frames:
            for match in frame.finditer(view, start, end):
                phrase = self._phrase(kind, match, view, end)
                if phrase:
                    found.append(phrase)
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        for phrase in found:
            if all(phrase.end <= s or phrase.start >= e for s, e in taken):
                harm.phrases.append(phrase)
                taken.append((phrase.start, phrase.end))
        harm.phrases.sort(key=lambda p: p.start)
        for before, phrase in zip(harm.phrases, harm.phrases[1:], strict=False):
            if phrase.others:
                _assign(phrase.casualties, _main_group(before.casualties),
                        phrase.casualties.total)
        return harm

    def _phrase(self, kind: str, match: re.Match, view: str,
                limit: int) -> CasualtyPhrase | None:
        groups = match.groupdict()
        group, size = self._group(groups.get("g"))
        if groups.get("count"):
            value = self.numbers.value(groups["count"])
            if value is None:
                return None
            low, high = value
        elif groups.get("dual") or groups.get("n2"):
            low = high = 2
        elif groups.get("n1"):
            low = high = 1
        elif size:
            low = high = size
        elif group:
            low, high = UNCOUNTED
        else:
            return None
        if high > self.max_toll:
            return None
        others = bool(groups.get("g") and OTHERS.match(groups["g"]))
        casualties = _assign(Casualties(), group or "people", _range(low, high))
        end = match.end()
        if groups.get("g"):
            end = self._coordinated(casualties, view, end, limit)
        end = self._subgroups(casualties, view, end, limit)
        return CasualtyPhrase(kind, casualties, match.start(), end, others)

    def _group(self, noun: str | None) -> tuple[str | None, int | None]:
        if not noun:
            return None, None
        for pattern, group, size in self.group_of:
            if pattern.match(noun):
                return group, size
        return "people", None

    def _item(self, item: re.Match) -> tuple[str, tuple[int, int]]:
        group, size = self._group(item["g"])
        spelled = item["count"] or item["after"]
        value = self.numbers.value(spelled) if spelled else None
        return group or "people", value or ((size, size) if size else UNCOUNTED)

    def _coordinated(self, casualties: Casualties, view: str, position: int, limit: int) -> int:
        """More victims joined by و ("4 أطفال وامرأة", "أم وابنها") add to the count."""
        while (joiner := _AND.match(view, position, limit)) and \
                (item := self.item.match(view, joiner.end(), limit)):
            group, (low, high) = self._item(item)
            _add(casualties, group, _range(low, high))
            position = item.end()
        return position

    def _subgroups(self, casualties: Casualties, view: str, position: int, limit: int) -> int:
        """Reads "بينهم طفلان وامرأة" after a count into its subgroups; returns the end."""
        opening = self.subgroup.match(view, position, limit)
        if not opening:
            return position
        sums: dict[str, tuple[int, int]] = {}
        position = end = opening.end()
        while item := self.item.match(view, position, limit):
            group, (low, high) = self._item(item)
            if group != "people":
                before = sums.get(group, (0, 0))
                sums[group] = (before[0] + low, before[1] + high)
            end = item.end()
            joiner = _JOINER.match(view, end, limit)
            if not joiner:
                break
            position = joiner.end()
        whole = casualties.total
        for group, (low, high) in sums.items():
            if whole:  # a part is never more than the whole
                low, high = min(low, whole.max), min(high, whole.max)
            setattr(casualties, group, _range(low, max(low, high)))
        return end


def _assign(casualties: Casualties, group: str, count: Range) -> Casualties:
    casualties.total = count
    if group in ("civilians", "children", "women"):
        casualties.civilians = count
    if group != "people" and group != "civilians":
        setattr(casualties, group, count)
    return casualties


def _add(casualties: Casualties, group: str, count: Range) -> None:
    """Adds `count` victims of `group` to each field they belong to."""
    for field_name, value in _assign(Casualties(), group, count):
        if value is not None:
            current = getattr(casualties, field_name)
            setattr(casualties, field_name, value if current is None else
                    _range(current.min + value.min, current.max + value.max))


def _main_group(casualties: Casualties) -> str:
    for group in ("children", "women", "combatants", "civilians"):
        if getattr(casualties, group) is not None and getattr(casualties, group) == \
                casualties.total:
            return group
    return "people"
