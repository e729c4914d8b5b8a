"""The Arabic pack's YAML files, loaded once and compiled against the normalised view.

Accepts the pack as a directory path or any object with a `path` or `directory` attribute
(the language-pack registry's Pack). Every pattern is folded like the text (alef forms,
ة/ى, diacritics) and may carry the proclitics و ف ب ل ك and the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from harmwatch.data import read_yaml
from harmwatch.text import fold_letters as fold

# Word edges by script: Arabic words glued to Latin text or digits ("Publicمقتل",
# "10جرحى") still start and end where their Arabic letters do.
START = r"(?<![\u0621-\u064a])"
END = r"(?![\u0621-\u064a])"
PACK_DIR = Path(__file__).resolve().parents[2] / "data" / "lang" / "ar"
# و/ف, then a preposition and/or the article: و, ف, ب, ل, ك, ال, بال, وبال, لل, ...
PROCLITIC = r"(?:[وف])?(?:[بك]?ال|لل|[بلك])?"
ARTICLE_LAM = "(?:ال|(?<=ل)ل)"  # "للاحتلال": ل + the article with its alef dropped


def pack_directory(pack: Any) -> Path:
    if pack is None:
        return PACK_DIR
    for attribute in ("path", "directory"):
        if hasattr(pack, attribute):
            return Path(getattr(pack, attribute))
    return Path(pack)


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (| outside parentheses)."""
    parts, depth, current = [], 0, []
    for char in pattern:
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p for p in parts if p]


def words(patterns: str | list[str]) -> str:
    """One alternation of folded patterns, longest first (ties in the files' order, so that
    every process builds the same pattern), the article made contractible."""
    items = [patterns] if isinstance(patterns, str) else patterns
    alts = dict.fromkeys(fold(a).strip() for item in items for a in alternatives(item))
    alts = [ARTICLE_LAM + a[2:] if a.startswith("ال") else a for a in alts]
    return "|".join(sorted(alts, key=len, reverse=True))


def term(patterns: str | list[str], name: str = "w") -> str:
    """A word-bounded pattern with optional proclitics; the word itself in group `name`."""
    return rf"{START}{PROCLITIC}(?P<{name}>{words(patterns)}){END}"


def compile_term(patterns: str | list[str]) -> re.Pattern:
    return re.compile(term(patterns))


def bare(patterns: str | list[str]) -> str:
    """Folded alternation without proclitics, in a non-capturing group."""
    return f"(?:{words(patterns)})"


@dataclass(frozen=True)
class PackFiles:
    directory: Path

    def __getitem__(self, name: str) -> dict:
        return _read(self.directory / f"{name}.yaml")


@cache
def _read(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            return read_yaml(handle) or {}
    except FileNotFoundError as error:
        raise FileNotFoundError(f"Arabic pack file missing: {path}") from error
    except yaml.YAMLError as error:
        raise ValueError(f"Arabic pack file {path} is not valid YAML: {error}") from error


def fold_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {fold(str(key)): value for key, value in table.items()}
