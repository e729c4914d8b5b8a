"""The fixed split of every dev file: a part rules may be written from and a part only measured."""

import hashlib


def part_of(key: str) -> str:
    """'check' for about a third of the ids (measured only), 'write' for the rest."""
    return "check" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 3 == 0 else "write"
