"""Who the report cites: "وأفاد مراسل نورث برس"، "قال مراسل «ستيب»"، "بحسب المرصد"،
"أكدت مراسلتنا" (the outlet is then the publisher)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.extract.arabic.pack import END, PackFiles, bare, term

_QUOTED = r"[\"“«](?P<quoted>[^\"”»\n]{2,60})[\"”»]"
_OWN = re.compile(r"نا$")  # "مراسلنا", "مراسلتنا": the outlet publishing the report


@dataclass(frozen=True)
class Citation:
    start: int  # the attribution, in the view
    end: int
    description: tuple[int, int] | None  # view spans of the speaker's words and the outlet
    outlet: tuple[int, int] | None
    own_outlet: bool


class CitationFinder:
    def __init__(self, files: PackFiles):
        table = files["quotes"]
        outlets = bare(table["outlets"])
        name_word = rf"\s+(?!(?:ان|بان|عن|في|من){END})[^\W\d]+"
        opened = rf"(?:{bare(table['outlet_words'])})(?:{name_word}){{1,3}}"
        outlet = rf"(?:ل\s*)?(?:{_QUOTED}|(?P<outlet>{outlets}|{opened}){END})"
        speaker = rf"(?P<speaker>{bare(table['speakers'])}){END}"
        verb = term(table["verbs"], "verb")
        self.said = re.compile(rf"{verb}\s+(?:{speaker}\s*)?(?:{outlet})?")
        according = term(table["according_to"], "according")
        self.according = re.compile(rf"{according}\s*(?:{speaker}\s*)?(?:{outlet})?")

    def find(self, view: str) -> list[Citation]:
        found = []
        for regex in (self.said, self.according):
            for match in regex.finditer(view):
                speaker = match["speaker"]
                outlet = "outlet" if match["outlet"] else "quoted" if match["quoted"] else None
                if not (speaker or outlet):
                    continue
                found.append(Citation(match.start(), match.end(),
                                      match.span("speaker") if speaker else None,
                                      match.span(outlet) if outlet else None,
                                      bool(speaker and _OWN.search(speaker))))
        return sorted(found, key=lambda c: c.start)
