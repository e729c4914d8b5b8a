"""Compiled regular expressions kept between runs.

The rule components build about ninety patterns from the language packs' words, and `re`
parses and compiles them again in every process: about 50 ms, a quarter of what `harmwatch
extract` adds to spaCy's own start-up. `compiled()` keeps what CPython's compiler makes of
each (the code `re.compile` hands to `_sre`) in the cache directory, keyed by the pattern's
text and flags, so a changed data file makes a new pattern, compiled once and added. Each
Python version reads its own file. An entry is kept only when the pattern rebuilt from it
equals `re.compile`'s (same text, flags and code), and `_sre` validates the code again when
it is read. Without CPython's compiler, or with an unreadable file, `compiled()` is
`re.compile`. New entries are written when the process exits.
"""

from __future__ import annotations

import atexit
import logging
import marshal
import os
import re
import sys
from array import array
from functools import cache
from pathlib import Path

from harmwatch.cache import cache_dir_default

try:  # CPython's regular expression compiler, behind re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:
    _sre = None
# The code is kept as bytes, read back into the list _sre wants only for the patterns used.
CODE = "I"
USABLE = _sre is not None and array(CODE).itemsize == _sre.CODESIZE

log = logging.getLogger(__name__)
# Past this many entries (old data files' patterns), a save keeps only those used this run.
MAX_KEPT = 1000

Key = tuple[str, int]
# What _sre.compile takes after the pattern (flags, code, groups, groupindex, indexgroup),
# the code as bytes.
Parts = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, read from the cache directory where it was made before."""
    if not USABLE:
        return re.compile(pattern, flags)
    return _default_store().compiled(pattern, flags)


@cache
def _default_store() -> PatternStore:
    name = f"patterns-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal"
    store = PatternStore(cache_dir_default() / name)
    atexit.register(store.save)
    return store


class PatternStore:
    """Compiled patterns by (text, flags), read from one file and written back to it."""

    def __init__(self, path: Path):
        self.path = path
        self._parts: dict[Key, Parts] | None = None
        self._used: set[Key] = set()
        self._changed = False

    def compiled(self, pattern: str, flags: int = 0) -> re.Pattern:
        key = (pattern, int(flags))
        self._used.add(key)
        parts = self._stored().get(key)
        if parts is not None:
            try:
                return _rebuilt(pattern, parts)
            except (TypeError, ValueError, RuntimeError):  # not this Python's code
                pass
        return self._compile(key)

    def save(self) -> None:
        """Write the entries (to a new file moved in place: other processes may read it)."""
        if not self._changed:
            return
        entries = self._stored()
        if len(entries) > MAX_KEPT:
            entries = {key: parts for key, parts in entries.items() if key in self._used}
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps(entries))
            os.replace(partial, self.path)
        except OSError as exc:
            log.debug("compiled patterns not kept in %s: %s", self.path, exc)
        self._changed = False

    def _stored(self) -> dict[Key, Parts]:
        if self._parts is None:
            try:
                stored = marshal.loads(self.path.read_bytes())
            except (OSError, EOFError, ValueError, TypeError):
                stored = None
            self._parts = stored if isinstance(stored, dict) else {}
        return self._parts

    def _compile(self, key: Key) -> re.Pattern:
        regex = re.compile(*key)
        parts = _compiled_parts(*key)
        if _rebuilt(key[0], parts) == regex:
            self._stored()[key] = parts
            self._changed = True
        return regex


def _rebuilt(pattern: str, parts: Parts) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = parts
    return _sre.compile(pattern, flags, array(CODE, code).tolist(), groups, groupindex,
                        indexgroup)


def _compiled_parts(pattern: str, flags: int) -> Parts:
    """What re._compiler.compile hands to _sre.compile, as plain values marshal can keep."""
    parsed = _parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code = array(CODE, _compiler._code(parsed, flags)).tobytes()
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))
