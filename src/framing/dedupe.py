"""Exact and near-duplicate documents: the same wire copy published by several outlets.

Press databases repeat agency dispatches across outlets, sometimes with a new title
or a trimmed last paragraph. Counted several times, one dispatch inflates a frame's
prevalence in every outlet that ran it, so framing reports duplicates and can drop
them (``python -m framing.report --dedupe``).

* **Exact duplicates**: the same body once lower-cased and with whitespace folded
  (the title is ignored: outlets retitle dispatches).
* **Near-duplicates**: the Jaccard similarity of the two bodies' sets of
  ``SHINGLE_WORDS``-word shingles is at least ``NEAR_DUPLICATE_JACCARD``, estimated
  by MinHash with ``MINHASH_PERMUTATIONS`` permutations (Broder 1997) and found
  without comparing every pair by locality-sensitive hashing in ``LSH_BANDS`` bands
  (Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3).

Documents are compared in reading order; the first one seen is the original. Hashes
are CRC-32 and seeded permutations, so fingerprints are identical in every process
(Python's own ``hash`` is salted per process).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "LSH_BANDS",
    "MINHASH_PERMUTATIONS",
    "NEAR_DUPLICATE_JACCARD",
    "SHINGLE_WORDS",
    "DuplicateIndex",
    "Fingerprint",
    "fingerprint",
]

#: Words per shingle: 5 is the usual choice for news-length documents (Broder 1997).
SHINGLE_WORDS = 5
#: MinHash permutations: the Jaccard estimate's standard error is about
#: sqrt(J(1-J)/64) ≈ 0.05 near J = 0.8.
MINHASH_PERMUTATIONS = 64
#: 16 bands of 4 rows: a pair with J = 0.8 becomes a candidate with probability
#: 1 - (1 - 0.8^4)^16 ≈ 0.9996, a pair with J = 0.3 with probability ≈ 0.12.
LSH_BANDS = 16
#: Similarity from which two documents are near-duplicates (a re-titled dispatch
#: with a paragraph cut or added stays above it).
NEAR_DUPLICATE_JACCARD = 0.8

_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240703)
_A = _rng.integers(1, _PRIME, MINHASH_PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, _PRIME, MINHASH_PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """A body's exact hash and MinHash signature (empty for very short bodies)."""

    exact: int
    signature: tuple[int, ...]


def _body(text: str) -> str:
    # text = title, blank line, body: the title is ignored
    head, sep, body = text.partition("\n\n")
    return body if sep else head


_WORD_IDS: dict[str, int] = {}
#: Base of the polynomial that combines word hashes into a shingle hash.
_SHINGLE_BASE = np.uint64(1_000_003)


def _word_id(w: str) -> int:
    i = _WORD_IDS.get(w)
    if i is None:
        if len(_WORD_IDS) > 500_000:
            _WORD_IDS.clear()
        i = _WORD_IDS[w] = zlib.crc32(w.encode("utf-8"))
    return i


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of a document's text (title, blank line, body)."""
    words = _WORD.findall(_body(text).lower())
    exact = zlib.crc32(" ".join(words).encode("utf-8"))
    if len(words) < SHINGLE_WORDS:
        return Fingerprint(exact, ())
    ids = np.fromiter((_word_id(w) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE_WORDS + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE_WORDS):  # polynomial hash of each window (wrapping uint64)
        h = h * _SHINGLE_BASE + ids[k : k + n]
    x = np.unique(h)
    # a * x + b for every permutation, wrapping at 2**64 (multiply-add hashing with
    # odd multipliers: cheap, and the same in every process)
    h = _A[:, None] * x[None, :] + _B[:, None]
    return Fingerprint(exact, tuple(int(v) for v in h.min(axis=1)))


@dataclass
class DuplicateIndex:
    """Streaming index: :meth:`add` says whether a document repeats an earlier one."""

    threshold: float = NEAR_DUPLICATE_JACCARD
    _exact: dict[int, str] = field(default_factory=dict)
    _bands: dict[tuple[int, tuple[int, ...]], list[str]] = field(default_factory=dict)
    _sigs: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, doc_id: str, fp: Fingerprint) -> tuple[str, str, float] | None:
        """``(kind, original doc_id, similarity)`` if ``doc_id`` duplicates an earlier
        document (kind ``exact`` or ``near``), else None; the document is indexed."""
        if fp.exact in self._exact:
            return ("exact", self._exact[fp.exact], 1.0)
        self._exact[fp.exact] = doc_id
        if not fp.signature:
            return None
        rows = MINHASH_PERMUTATIONS // LSH_BANDS
        best: tuple[str, str, float] | None = None
        seen: set[str] = set()
        keys = [(b, fp.signature[b * rows : (b + 1) * rows]) for b in range(LSH_BANDS)]
        for key in keys:
            for other in self._bands.get(key, ()):
                if other in seen:
                    continue
                seen.add(other)
                sig = self._sigs[other]
                sim = sum(a == b for a, b in zip(sig, fp.signature, strict=True)) / len(sig)
                if sim >= self.threshold and (best is None or sim > best[2]):
                    best = ("near", other, sim)
        if best is not None:
            return best
        for key in keys:
            self._bands.setdefault(key, []).append(doc_id)
        self._sigs[doc_id] = fp.signature
        return None
