"""Compiled patterns kept between runs: the same patterns as re.compile's, in every process."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

from harmwatch.text.patterns import PatternStore

PATTERNS = [(r"(?P<count>\d+)\s+(?:civilians?|people)", re.IGNORECASE),
            (r"(?<![\u0621-\u064a])(?:[وف])?(?P<w>قصف|غارة)(?![\u0621-\u064a])", 0),
            (r"^(?:at least|up to)\s+(\w+)$", re.MULTILINE)]


def test_a_pattern_read_back_equals_re_compile(tmp_path):
    first = PatternStore(tmp_path / "patterns.marshal")
    made = [first.compiled(pattern, flags) for pattern, flags in PATTERNS]
    first.save()
    again = PatternStore(tmp_path / "patterns.marshal")
    for (pattern, flags), before in zip(PATTERNS, made, strict=True):
        read = again.compiled(pattern, flags)
        assert read == before == re.compile(pattern, flags)  # same text, flags and code
        assert read.groupindex == before.groupindex
        text = "killed 12 Civilians; قصف on\nat least twelve"
        assert [m.span() for m in read.finditer(text)] == \
            [m.span() for m in before.finditer(text)]


def test_a_changed_pattern_is_compiled_and_added(tmp_path):
    store = PatternStore(tmp_path / "patterns.marshal")
    store.compiled(r"\bkilled\b")
    store.save()
    changed = PatternStore(tmp_path / "patterns.marshal")
    assert changed.compiled(r"\b(?:killed|slain)\b").search("two were slain")
    changed.save()
    stored = marshal.loads((tmp_path / "patterns.marshal").read_bytes())
    assert {pattern for pattern, _ in stored} == {r"\bkilled\b", r"\b(?:killed|slain)\b"}


def test_an_unreadable_file_is_compiled_again(tmp_path):
    path = tmp_path / "patterns.marshal"
    path.write_bytes(b"not marshal data")
    assert PatternStore(path).compiled(r"(\d+) dead").search("3 dead").group(1) == "3"


def test_every_process_builds_the_same_patterns(tmp_path):
    """The packs' patterns must not depend on set order (hash seeds): a second process with
    another seed finds every English and Arabic pattern the first one kept, and adds none."""
    probe = ("import sys; from harmwatch.extract import Extractor; "
             "from harmwatch.model import Document; e = Extractor.load(); "
             "[e.extract(Document(text=t)) for t in sys.argv[1:]]")
    texts = ["Air strikes killed at least twelve civilians in Idlib on 3 May 2017.",
             "قتل ثلاثة مدنيين في قصف جوي على مدينة إدلب يوم الأحد."]
    stored = []
    for seed in ("1", "2"):
        env = {**os.environ, "HARMWATCH_CACHE": str(tmp_path), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", probe, *texts], env=env, check=True,
                       capture_output=True, timeout=300)
        stored.append(next(tmp_path.glob("patterns-*.marshal")).read_bytes())
    assert len(marshal.loads(stored[0])) > 50 and stored[1] == stored[0]
