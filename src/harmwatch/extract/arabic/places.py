"""Place names announced by a word before them (قرية X، بلدة X، ريف X الشمالي، محافظة X):
the spans handed to the place finder, with the precision the announcing word gives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.extract.arabic.pack import END, PROCLITIC, START, PackFiles, bare, fold_keys

_NAME_WORD = r"#?[^\W\d_]{2,}"


@dataclass(frozen=True)
class PlaceCandidate:
    start: int  # the name, in the view
    end: int
    precision: int
    direction: str | None


class PlaceCues:
    def __init__(self, files: PackFiles):
        table = files["places"]
        self.precision = fold_keys(table["cues"])
        cue = bare(list(self.precision))
        directions = bare(table["directions"])
        common = bare(table["not_names"])
        stop = rf"(?:{bare(table['stop'])}|{directions}|{PROCLITIC}{cue}|{common})"
        word = rf"(?!{stop}{END}){_NAME_WORD}"
        self.regex = re.compile(
            rf"{START}{PROCLITIC}(?P<cue>{cue})\s+(?P<name>{word}(?:\s+{word}){{0,2}})"
            rf"(?:\s+(?P<direction>{directions}){END})?")
        self.not_places = re.compile(rf"^(?:{stop}|{bare(list(self.precision))})$")

    def find(self, view: str) -> list[PlaceCandidate]:
        found = []
        for match in self.regex.finditer(view):
            start = match.start("name") + (view[match.start("name")] == "#")
            found.append(PlaceCandidate(start, match.end("name"),
                                        self.precision[match["cue"]], match["direction"]))
        return found

    def is_common_word(self, view_text: str) -> bool:
        """Function words, directions and place words are never places themselves."""
        return bool(self.not_places.match(view_text.strip()))
