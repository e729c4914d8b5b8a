"""Which reports are independent: copies of one text (syndicated, re-posted) count once.

Texts are compared by MinHash estimates of the Jaccard similarity of their word 3-gram
shingles (datasketch), so a copy with a new headline, byline or footer still matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

from harmwatch.store.incidents import EventRecord

NUM_PERM = 128
SHINGLE_WORDS = 3
WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> MinHash:
    words = WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def _root(parents: list[int], item: int) -> int:
    while parents[item] != item:
        parents[item] = parents[parents[item]]
        item = parents[item]
    return item


def independent_groups(records: Sequence[EventRecord],
                       threshold: float) -> list[list[EventRecord]]:
    """Records grouped so that each group is one independent source: the same document, or
    near-identical texts. Groups and their members keep the records' order."""
    documents = list(dict.fromkeys(r.document_id for r in records))
    parents = list(range(len(documents)))
    if len(documents) > 1:
        texts = {r.document_id: r.text for r in records}
        hashes = [signature(texts[d]).hashvalues for d in documents]
        matrix = np.vstack(hashes)
        for i in range(len(documents)):
            similar = np.mean(matrix[i + 1:] == matrix[i], axis=1) >= threshold
            for j in np.nonzero(similar)[0]:
                parents[_root(parents, i + 1 + int(j))] = _root(parents, i)
    position = {d: _root(parents, n) for n, d in enumerate(documents)}
    groups: dict[int, list[EventRecord]] = {}
    for record in records:
        groups.setdefault(position[record.document_id], []).append(record)
    return list(groups.values())
