"""The actor dictionary: canonical conflict actors, their aliases and ACLED inter codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from harmwatch.data import data_path, read_yaml
from harmwatch.errors import UsageError
from harmwatch.extract.packs import Pack, english
from harmwatch.model import ActorMention, ActorRef, Span


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    inter: int
    air: bool = False
    civilian: bool = False


def _fold(text: str) -> str:
    """Lower case as the regex engine's IGNORECASE compares it, one character for one:
    "İran" folds to "iran" (str.lower would give "i̇ran", two characters for "İ")."""
    return "".join(char.lower()[:1] for char in text)


def _trie(words: list[str]) -> str:
    """One regex for many aliases, shared prefixes factored out: a plain alternation of
    hundreds of aliases is tried alias by alias at every character of the text."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(tree)


def _pattern(node: dict) -> str:
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _aliases_regex(aliases: list[str], flags: int = 0) -> re.Pattern:
    # "U.S." ends in a dot, so the right boundary is "not a word character next". A
    # possessive may follow, with or without its apostrophe ("Assad's", "Assads").
    if not aliases:
        return re.compile(r"(?!)")
    words = [_fold(a) for a in aliases] if flags & re.IGNORECASE else aliases
    return re.compile(rf"(?<![\w-]){_trie(words)}(?:['’]s|(?<=[^\Ws])s)?(?![\w-])", flags)


class ActorDictionary:
    """Finds actor mentions in text; the longest alias wins where aliases overlap."""

    def __init__(self, actors: dict[str, Actor], aliases: dict[str, str]):
        self.actors = actors
        self.civilian_ids = frozenset(a.id for a in actors.values() if a.civilian)
        self._aliases = {_fold(alias): actor_id for alias, actor_id in aliases.items()}
        ordered = sorted(aliases, key=len, reverse=True)
        exact = [a for a in ordered if a.isupper() and len(a) <= 5]
        folded = [a for a in ordered if a not in exact]
        self._exact = _aliases_regex(exact)
        self._folded = _aliases_regex(folded, re.IGNORECASE)

    @classmethod
    def load(cls, *paths: Path | str | None, pack: Pack | None = None) -> ActorDictionary:
        """The shipped actors with the pack's names for them, extended (and overridden per
        id) by the users' files."""
        pack = pack or english()
        names = pack.data("actors").get("aliases") or {}
        actors: dict[str, Actor] = {}
        aliases: dict[str, str] = {}
        for path in [data_path("actors.yaml"), *pack.actor_files,
                     *[p for p in paths if p is not None]]:
            for entry in _read(Path(path)):
                actors[entry["id"]] = Actor(entry["id"], entry.get("name", entry["id"]),
                                            int(entry.get("inter", 0)), bool(entry.get("air")),
                                            bool(entry.get("civilian")))
                own = entry.get("aliases") or names.get(entry["id"], [])
                for alias in [*own, entry.get("name")]:
                    if alias:
                        aliases[str(alias)] = entry["id"]
        return cls(actors, aliases)

    def find(self, text: str) -> list[ActorMention]:
        matches = [*self._exact.finditer(text), *self._folded.finditer(text)]
        matches.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
        found: list[ActorMention] = []
        end = -1
        for match in matches:
            if match.start() < end:
                continue
            actor_id = self._alias_of(match.group())
            if actor_id is None:
                continue
            found.append(ActorMention(id=actor_id, text=match.group(),
                                      span=Span.of(match.start(), match.end())))
            end = match.end()
        return found

    def _alias_of(self, text: str) -> str | None:
        key = _fold(text)
        if key not in self._aliases:
            key = re.sub(r"['’]?s$", "", key)
        return self._aliases.get(key)

    def is_civilian(self, mention: ActorMention) -> bool:
        return mention.id in self.civilian_ids

    def ref(self, mention: ActorMention) -> ActorRef:
        actor = self.actors[mention.id]
        return ActorRef(id=actor.id, name=actor.name, text=mention.text, span=mention.span)


def _read(path: Path) -> list[dict]:
    try:
        data = read_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"actor file {path}: cannot read it ({exc}); give a YAML file with "
                         "an 'actors:' list") from exc
    entries = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "id" in e
                                                  for e in entries):
        raise UsageError(f"actor file {path}: expected 'actors:' with a list of entries that "
                         "each have an 'id' (see harmwatch/data/actors.yaml)")
    return entries
