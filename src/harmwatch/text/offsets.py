"""Views of a text for matching, with the way back to the original's offsets.

A normaliser returns `(view, offsets)`: `offsets[i]` is the index in the original text of
view character i, plus one final entry, len(original). Rules match on the view; every span
found is mapped back with `original_span`, so spans always point into the original text.
Normalisers are found by name: `register_normalizer` for built-ins and plugins, or a
"package.module:function" path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module

Offsets = list[int]
Normalizer = Callable[[str], tuple[str, Offsets]]

_normalizers: dict[str, Normalizer] = {}


def register_normalizer(name: str) -> Callable[[Normalizer], Normalizer]:
    def register(function: Normalizer) -> Normalizer:
        _normalizers[name] = function
        return function
    return register


def normalizer(name: str) -> Normalizer:
    """The normaliser registered as `name`, or the function a "module:function" path names."""
    if name in _normalizers:
        return _normalizers[name]
    module, _, function = name.partition(":")
    try:
        return getattr(import_module(module), function)
    except (ImportError, AttributeError, ValueError) as exc:
        raise LookupError(f"no text normaliser {name!r}: register one with "
                          "register_normalizer or name it as 'package.module:function'"
                          ) from exc


def drop(text: str, positions: list[int]) -> tuple[str, Offsets]:
    """The text without the characters at `positions` (sorted), and its offsets."""
    dropped = set(positions)
    kept = [i for i in range(len(text)) if i not in dropped]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def original_span(offsets: Offsets, start: int, end: int) -> tuple[int, int]:
    """[start, end) in the view as [start, end) in the original text."""
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1


# Characters that hide a word from filters when put inside it ("kil*led", "k.illed").
_MARK_INSIDE = re.compile(r"(?<=[^\W\d_])(?:[*•·\u00ad\u200b\u200c\u200d\u2060]+)(?=[^\W\d_])")
# A dot splitting a lower-case word ("k.illed"), not an abbreviation ("e.g.", "a.m.") or a
# domain name ("sana.sy"): at most three letters before it, at least three after.
_DOT_INSIDE = re.compile(r"(?<![\w./@:])[a-z]{1,3}(\.)[a-z]{3,}(?![\w.@/])")


@register_normalizer("drop_in_word_marks")
def drop_in_word_marks(text: str) -> tuple[str, Offsets]:
    """Latin-script text without the marks put inside words to obfuscate them."""
    positions = [i for m in _MARK_INSIDE.finditer(text) for i in range(m.start(), m.end())]
    positions += [m.start(1) for m in _DOT_INSIDE.finditer(text)]
    if not positions:
        return text, [*range(len(text)), len(text)]
    return drop(text, sorted(positions))
