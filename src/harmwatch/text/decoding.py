"""Bytes to text: refuse binary data, detect the encoding, and say which lines had stray bytes."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from harmwatch.errors import SourceError

_SNIFF = 8192
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16")]


@dataclass
class Decoded:
    text: str
    encoding: str
    replaced_lines: list[int] = field(default_factory=list)
    guessed: bool = False  # not UTF-8 nor marked: the encoding is a statistical guess

    def warning(self, source: str) -> str | None:
        if self.guessed:
            return (f"{source}: not UTF-8; decoded as {self.encoding}, a guess: check the "
                    "text, or convert the file to UTF-8 first")
        if not self.replaced_lines:
            return None
        lines = ", ".join(str(n) for n in self.replaced_lines[:20])
        extra = len(self.replaced_lines) - 20
        more = f" and {extra} more" if extra > 0 else ""
        return (f"{source}: bytes that are not valid {self.encoding} on line(s) {lines}{more} "
                "were replaced with U+FFFD")


def _marked_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark names, if the data starts with one."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if _marked_encoding(head) in ("utf-16", "utf-32"):
        return False  # their NUL bytes are text
    if b"\x00" in head:
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


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes (a truncated or spliced file): more valid multi-byte
    characters than invalid bytes. Such text is UTF-8 with marked lines, not a legacy page."""
    decoded = data[: 1 << 20].decode("utf-8", errors="replace")
    invalid = decoded.count("\ufffd")
    return sum(1 for c in decoded if ord(c) > 127) - invalid > invalid


def detect_encoding(data: bytes) -> str | None:
    if marked := _marked_encoding(data):
        return marked
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return "utf-8"
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
        decoded = Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        decoded = _decode_by_line(data, encoding)
    if not decoded.text.strip():
        raise SourceError(source, "the input is empty (only a byte order mark or spaces)")
    decoded.guessed = encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252")
    return decoded


def _decode_by_line(data: bytes, encoding: str) -> Decoded:
    parts, replaced = [], []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode(encoding))
        except UnicodeDecodeError:
            parts.append(line.decode(encoding, errors="replace"))
            replaced.append(number)
    return Decoded("".join(parts), encoding, replaced)
