"""Event triggers, method cues, ACLED codes and target words: the neutral tables of
harmwatch/data/acled.yaml with a language pack's events.yaml and targets.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from harmwatch.data import data_path, read_yaml
from harmwatch.extract.packs import Pack, english


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    method: str | None
    acled: tuple[str, str] | None
    default: str = "other"
    alone: bool = False


@dataclass(frozen=True)
class TargetHit:
    start: int
    end: int
    type: str
    civilian: bool


def _bounded(words: str) -> str:
    return rf"(?<![\w-])(?:{words})(?![\w-])"


class EventLexicon:
    def __init__(self, neutral: dict, words: dict):
        data = {**neutral, **words}
        self.methods = {k: tuple(v) for k, v in data["methods"].items()}
        self.overrides = set(data.get("overrides", []))
        self.implied_actors: dict[str, str] = data.get("implied_actors", {})
        self.not_attacks = set(data.get("not_attacks", []))
        # Methods that name a weapon, which an unspecified "attack" later in a paragraph
        # inherits; not clashes, territory changes or arrests.
        self.weapons = {m for m, (kind, _) in self.methods.items()
                        if kind == "Explosions/Remote violence"} - {"other"}
        self.state_territory = tuple(data["state_territory"])
        self.gunfire_combatants = tuple(data["gunfire_combatants"])
        self._triggers = [(t["method"], tuple(t["acled"]) if t.get("acled") else None,
                           t.get("default", "other"), bool(t.get("alone")))
                          for t in data["triggers"]]
        self._trigger_re = re.compile("|".join(
            rf"(?P<t{i}>{_bounded(t['words'])})" for i, t in enumerate(data["triggers"])),
            re.IGNORECASE)
        self._cues = [(method, re.compile(_bounded(words), re.IGNORECASE))
                      for method, words in data.get("cues", {}).items()]
        self.recall_days = int(data.get("recall_days", 7))
        self._heard = re.compile(_bounded(data.get("heard", "(?!)")), re.IGNORECASE)
        self._heard_methods = set(data.get("heard_methods", []))
        self._attribution = re.compile(_bounded(data.get("attribution", "(?!)")),
                                       re.IGNORECASE)
        self._recall = re.compile(_bounded("|".join(data.get("recall_cues", []))) if
                                  data.get("recall_cues") else r"(?!)", re.IGNORECASE)
        self.clauses = {key: re.compile(data.get(key) or r"(?!)", re.IGNORECASE)
                        for key in ("receiving", "passive_agent", "new_clause", "killed_in",
                                    "of_agent", "since", "person_trigger")}

    @classmethod
    def load(cls, pack: Pack | None = None) -> EventLexicon:
        return cls(_neutral(), (pack or english()).data("events"))

    def triggers(self, text: str, start: int, end: int) -> list[Trigger]:
        found = []
        for match in self._trigger_re.finditer(text, start, end):
            index = int(match.lastgroup[1:])
            method, acled, default, alone = self._triggers[index]
            found.append(Trigger(match.start(), match.end(), method, acled, default, alone))
        if any(not t.alone for t in found):
            return [t for t in found if not t.alone]
        return found

    def override(self, text: str, start: int, end: int, method: str) -> str:
        """A strike's method, recoded where the sentence names a weapon that overrides it."""
        if method in ("territory_change", "arrest", "execution", "clashes"):
            return method
        for trigger in self.triggers(text, start, end):
            if trigger.method in self.overrides:
                return trigger.method
        return method

    def recalls(self, text: str, start: int, end: int) -> bool:
        """Whether a sentence recalls earlier background ("another car bomb killed ...")."""
        return bool(self._recall.search(text, start, end))

    def attribution(self, text: str, start: int, end: int) -> int | None:
        """Where a sentence's words referring back to a strike's weapon end ("the aircraft
        belonged to"), if it has them: the attacker is named after that point."""
        match = self._attribution.search(text, start, end)
        return match.end() if match else None

    def heard(self, text: str, start: int, end: int, trigger: Trigger) -> bool:
        """Whether a trigger is a sound someone heard ("we heard two explosions"), within
        its clause of the sentence text[start:end]."""
        if trigger.method not in self._heard_methods:
            return False
        before = text.rfind(",", start, trigger.start) + 1 or start
        after = text.find(",", trigger.end, end)
        return bool(self._heard.search(text, max(before, trigger.start - 60), trigger.start)
                    or self._heard.search(text, trigger.end, min(
                        end if after < 0 else after, trigger.end + 40)))

    def cue(self, text: str, start: int, end: int) -> str | None:
        """The method a sentence's wording implies ("helicopters", "mortar"), if any."""
        for method, pattern in self._cues:
            if pattern.search(text, start, end):
                return method
        return None


class TargetLexicon:
    def __init__(self, data: dict):
        entries = data["targets"]
        self._entries = [(e["type"], bool(e.get("civilian"))) for e in entries]
        self._re = re.compile("|".join(
            rf"(?P<t{i}>{_bounded('|'.join(e['words']))})" for i, e in enumerate(entries)),
            re.IGNORECASE)
        self._name_head = re.compile(data.get("name_head") or r"(?!)")
        self._not_names = {str(w).lower() for w in data.get("not_names", [])}

    @classmethod
    def load(cls, pack: Pack | None = None) -> TargetLexicon:
        return cls((pack or english()).data("targets"))

    def find(self, text: str, start: int, end: int) -> list[TargetHit]:
        hits = []
        for match in self._re.finditer(text, start, end):
            target_type, civilian = self._entries[int(match.lastgroup[1:])]
            hits.append(TargetHit(self._name_start(text, match.start(), start), match.end(),
                                  target_type, civilian))
        return hits

    def _name_start(self, text: str, position: int, floor: int) -> int:
        """Extend a target leftwards over the proper name that names it ("Aisha hospital")."""
        low = max(floor, position - 40)
        head = self._name_head.search(text, low, position)
        if head is None:
            return position
        start = head.start()
        for word in re.finditer(r"\S+", head.group()):
            if word.group().lower() not in self._not_names:
                break
            start = head.start() + word.end()
        while start < position and text[start].isspace():
            start += 1
        return start


@cache
def _neutral() -> dict:
    return read_yaml(data_path("acled.yaml").read_text(encoding="utf-8"))
