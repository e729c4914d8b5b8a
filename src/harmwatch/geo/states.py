"""US state abbreviations in the dateline pattern "Town, S.C.": the state, and the town it
places. Only that pattern is read, so that "Miss.", "Me." or "Ind." elsewhere stay words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from harmwatch.geo.embedded import data_dir, read_table

COUNTRY = "US"
# The word before the comma must be a capitalised name ("Charleston, W.Va.").
NAME_BEFORE = re.compile(r"[A-Z][^\W\d_]*\.?$")


@dataclass(frozen=True)
class StateMention:
    """An abbreviation at [start, end) naming a state, right after the town ending at
    town_end."""

    start: int
    end: int
    code: str
    name: str
    town_end: int


@dataclass(frozen=True)
class StateAbbreviations:
    """The abbreviations of `data/geo/us_state_abbreviations.csv`."""

    states: dict[str, tuple[str, str]]
    pattern: re.Pattern

    @classmethod
    def load(cls, path: Path | None = None) -> StateAbbreviations:
        states: dict[str, tuple[str, str]] = {}
        for row in read_table(path or data_dir() / "us_state_abbreviations.csv"):
            for abbreviation in row["abbreviations"].split("|"):
                states[abbreviation] = (row["code"], row["name"])
        alternatives = "|".join(re.escape(a) for a in sorted(states, key=len, reverse=True))
        return cls(states, re.compile(rf",[ \u00a0]({alternatives})(?!\w)"))

    def find(self, text: str) -> list[StateMention]:
        found = []
        if ", " not in text and ",\u00a0" not in text:
            return found
        for match in self.pattern.finditer(text):
            if not NAME_BEFORE.search(text[max(0, match.start() - 40):match.start()]):
                continue
            code, name = self.states[match.group(1)]
            found.append(StateMention(match.start(1), match.end(1), code, name, match.start()))
        return found
