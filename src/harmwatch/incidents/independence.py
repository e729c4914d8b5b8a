"""Which reports are independent: copies of one text (syndicated, re-posted) count once.

Texts are compared by their word 3-gram shingles: MinHash (datasketch) estimates the Jaccard
similarity J, from which the share of the shorter text's shingles found in the longer one
follows (containment = J (|A| + |B|) / ((1 + J) |A|)). Containment, not J, decides, so a
copy with a new headline, byline or footer still matches however short the report.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np

from harmwatch.model import EventRecord
from harmwatch.text import fold_letters

NUM_PERM = 128
SCHEME = "affine32"
SHINGLE_WORDS = 3
WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutations (its "affine32" scheme, seed 1), drawn once. (datasketch
    imports scipy, so it is imported when a build first compares texts, not with the module.)"""
    from datasketch import MinHash

    template = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    return template.permutations


def _premixed(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies to each input hash before
    permuting; uint32 arithmetic wraps, as the finalizer means."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def shingles(text: str) -> set[str]:
    """The text's word 3-grams."""
    # Arabic copies differ in diacritics, tatweel and alef forms: shingle the folded words.
    words = WORD.findall(fold_letters(text).lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    shifted = (words[n:] for n in range(SHINGLE_WORDS))
    return set(map(" ".join, zip(*shifted, strict=False)))  # each word with the next two


def minhash(items: set[str]) -> np.ndarray:
    """datasketch's MinHash of these items (scheme affine32, CRC-32 as the hash: fast, stable,
    and 32 bits is what MinHash uses anyway), computed in one numpy step without a MinHash
    object per text, which was half the cost of a build's independence checks
    (tests/incidents/test_independence.py checks the values equal datasketch's)."""
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, items)), np.uint32, len(items))
    a, b = _permutations()
    return (_premixed(hashes)[:, np.newaxis] * a + b).min(axis=0)


Signature = tuple[np.ndarray, int]


def signature(text: str) -> Signature:
    """MinHash values of the text's shingles, and how many shingles it has."""
    items = shingles(text)
    return minhash(items), len(items)


def containment(jaccard: np.ndarray, size: int, others: np.ndarray) -> np.ndarray:
    """Share of the smaller shingle set inside the larger, from J and the two sizes."""
    smaller = np.minimum(size, others)
    return jaccard * (size + others) / ((1 + jaccard) * smaller)


def _root(parents: list[int], item: int) -> int:
    while parents[item] != item:
        parents[item] = parents[parents[item]]
        item = parents[item]
    return item


def independent_groups(records: Sequence[EventRecord], threshold: float,
                       signatures: Mapping[str, Signature] | None = None
                       ) -> list[list[EventRecord]]:
    """Records grouped so that each group is one independent source: the same document, or
    near-identical texts. Groups and their members keep the records' order. `signatures` are
    documents' signatures computed already (by document id, which the text determines)."""
    documents = list(dict.fromkeys(r.document_id for r in records))
    parents = list(range(len(documents)))
    if len(documents) > 1:
        texts = {r.document_id: r.text for r in records}
        known = signatures or {}
        computed = [known.get(d) or signature(texts[d]) for d in documents]
        matrix = np.vstack([values for values, _ in computed])
        sizes = np.array([size for _, size in computed])
        for i in range(len(documents)):
            jaccard = np.mean(matrix[i + 1:] == matrix[i], axis=1)
            similar = containment(jaccard, sizes[i], sizes[i + 1:]) >= threshold
            for j in np.nonzero(similar)[0]:
                parents[_root(parents, i + 1 + int(j))] = _root(parents, i)
    position = {d: _root(parents, n) for n, d in enumerate(documents)}
    groups: dict[int, list[EventRecord]] = {}
    for record in records:
        groups.setdefault(position[record.document_id], []).append(record)
    return list(groups.values())
