"""Bytes to text: refuse binary data, detect the encoding, and say which lines had stray bytes."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from harmwatch.errors import SourceError

_SNIFF = 8192


@dataclass
class Decoded:
    text: str
    encoding: str
    replaced_lines: list[int] = field(default_factory=list)

    def warning(self, source: str) -> str | None:
        if not self.replaced_lines:
            return None
        lines = ", ".join(str(n) for n in self.replaced_lines[:20])
        extra = len(self.replaced_lines) - 20
        more = f" and {extra} more" if extra > 0 else ""
        return (f"{source}: bytes that are not valid {self.encoding} on line(s) {lines}{more} "
                "were replaced with U+FFFD")


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > 0.1


def _reads_as_western(data: bytes) -> bool:
    """True where cp1252 turns the non-ASCII bytes into letters and typography.

    Most legacy-encoded English reports are cp1252 (Windows "ANSI"), which statistical
    detectors confuse with rarer code pages on short texts; Arabic cp1256 text, by contrast,
    reads in cp1252 as a run of symbols and accented capitals.
    """
    decoded = data.decode("cp1252", errors="ignore")
    high = [c for c in decoded if ord(c) > 127]
    if not high:
        return True
    western = sum(1 for c in high if c.islower() or "\u2010" <= c <= "\u206f" or c in "€£°")
    return western / len(high) >= 0.7


def detect_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _reads_as_western(data):
        return "cp1252"
    best = from_bytes(data[: 1 << 20]).best()
    return best.encoding if best else None


def decode(data: bytes, source: str) -> Decoded:
    """Decode a whole input; lines with bytes invalid in the detected encoding are kept, marked."""
    if not data.strip():
        raise SourceError(source, "the input is empty")
    if looks_binary(data):
        raise SourceError(source, "this looks like a binary file, not text (it contains NUL or "
                                  "control bytes); give a text, HTML, feed, CSV or JSONL file")
    encoding = detect_encoding(data)
    if encoding is None:
        raise SourceError(source, "cannot tell the text's encoding; convert it to UTF-8 first")
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return _decode_by_line(data, encoding)


def _decode_by_line(data: bytes, encoding: str) -> Decoded:
    parts, replaced = [], []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode(encoding))
        except UnicodeDecodeError:
            parts.append(line.decode(encoding, errors="replace"))
            replaced.append(number)
    return Decoded("".join(parts), encoding, replaced)
