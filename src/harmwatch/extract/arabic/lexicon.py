"""Actors, attack words (methods) and targets named in Arabic text, as spans of the view."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from harmwatch.data import read_yaml
from harmwatch.extract.arabic.pack import PackFiles, compile_term, fold, term

ACTORS_FILE = Path(__file__).resolve().parents[2] / "data" / "actors.yaml"


@dataclass(frozen=True)
class Hit:
    """A word of the vocabulary found in the view: what it stands for and where."""

    key: str
    start: int
    end: int


def _hits(regex: re.Pattern, view: str, start: int, end: int, key: str) -> list[Hit]:
    return [Hit(key, m.start("w"), m.end("w")) for m in regex.finditer(view, start, end)]


class ActorLexicon:
    def __init__(self, files: PackFiles):
        self.names = {a["id"]: a["name"] for a in _canonical_actors()}
        self.inter = {a["id"]: a.get("inter") for a in _canonical_actors()}
        self.owner: dict[str, str] = {}
        for actor_id, aliases in files["actors"]["aliases"].items():
            if actor_id not in self.names:
                raise ValueError(f"Arabic pack actors.yaml: unknown actor id {actor_id!r} "
                                 f"(ids are those of {ACTORS_FILE})")
            self.owner.update({fold(alias).strip(): actor_id for alias in aliases})
        # One alternation for all aliases (longest first): one pass over the text.
        self.regex = re.compile(term(list(self.owner)))
        self.air = {a["id"] for a in _canonical_actors() if a.get("air")}

    def find(self, view: str) -> list[Hit]:
        return [Hit(self._owner_of(m["w"]), m.start("w"), m.end("w"))
                for m in self.regex.finditer(view)]

    def _owner_of(self, alias: str) -> str:
        # "للاحتلال": the article's alef fell after the preposition
        return self.owner.get(alias) or self.owner["ا" + alias]


def _canonical_actors() -> list[dict]:
    with ACTORS_FILE.open(encoding="utf-8") as handle:
        return read_yaml(handle)["actors"]


class EventLexicon:
    """Attack words with their method, and the cue words that give a bare attack its method."""

    def __init__(self, files: PackFiles):
        table = files["events"]
        self.triggers = [(compile_term(t["words"]), t["method"], t.get("default"))
                         for t in table["triggers"]]
        self.cues = [(method, compile_term(words)) for method, words in table["cues"].items()]
        self.recall = compile_term(table["recall_cues"])
        self.attribution = re.compile(rf"(?:{term(table['attribution'])})\s*$")
        self.support = re.compile(rf"(?:{term(table['support'])})\s*$")
        self.victim = re.compile(rf"(?:{term(table['victim_cues'])})\s+(?:من\s+)?$")

    def triggers_in(self, view: str, start: int, end: int) -> list[tuple[Hit, str | None]]:
        """(trigger, default method) pairs; a stretch already matched by an earlier, more
        specific trigger is not matched again."""
        found: list[tuple[Hit, str | None]] = []
        for regex, method, default in self.triggers:
            for match in regex.finditer(view, start, end):
                if any(h.start < match.end("w") and match.start("w") < h.end for h, _ in found):
                    continue
                found.append((Hit(method or "", match.start("w"), match.end("w")), default))
        return sorted(found, key=lambda pair: pair[0].start)

    def cue_method(self, view: str, start: int, end: int) -> str | None:
        for method, regex in self.cues:
            if regex.search(view, start, end):
                return method
        return None


class TargetLexicon:
    def __init__(self, files: PackFiles):
        self.targets = [(t["type"], bool(t["civilian"]), compile_term(t["words"]))
                        for t in files["targets"]["targets"]]
        self.civilian = {kind for kind, civilian, _ in self.targets if civilian}

    def find(self, view: str, start: int, end: int) -> list[Hit]:
        found: list[Hit] = []
        for kind, _, regex in self.targets:
            for hit in _hits(regex, view, start, end, kind):
                if not any(h.start < hit.end and hit.start < h.end
                                                   for h in found):
                    found.append(hit)
        return sorted(found, key=lambda h: h.start)
