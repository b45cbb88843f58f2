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

import os
import re
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

import numpy as np

from .bounded import BoundedCache, SortedPairs

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


#: Words whose hash is cached (a cache that grows with the vocabulary must stay
#: small: about 6 MB at this size; it is emptied when full).
WORD_CACHE_SIZE = 50_000
_WORD_IDS: BoundedCache[str, int] = BoundedCache(
    lambda w: zlib.crc32(w.encode("utf-8")), WORD_CACHE_SIZE)
#: Base of the polynomial that combines word hashes into a shingle hash.
_SHINGLE_BASE = np.uint64(1_000_003)


try:  # compiled at install time when a C compiler was there (hatch_build.py)
    from ._speedups import word_hashes as _compiled_word_hashes
except ImportError:  # pragma: no cover - depends on the install
    _compiled_word_hashes = None  # type: ignore[assignment]


def _word_hashes(body: str) -> tuple[int, np.ndarray]:
    """The CRC-32 of the body's ``\\w+`` words joined by single spaces, and of each
    word (as ``uint64``): in one compiled pass over the text when ``framing._speedups``
    was built, else with ``re`` and a cache of word hashes (the same values)."""
    if _compiled_word_hashes is not None:
        exact, raw = _compiled_word_hashes(body)
        return exact, np.frombuffer(raw, dtype=np.uint32).astype(np.uint64)
    return _word_hashes_python(body)


def _word_hashes_python(body: str) -> tuple[int, np.ndarray]:
    """:func:`_word_hashes` in pure Python (the reference for the compiled one)."""
    words = _WORD.findall(body)
    exact = zlib.crc32(" ".join(words).encode("utf-8"))
    return exact, np.fromiter(map(_WORD_IDS.__getitem__, words), dtype=np.uint64,
                              count=len(words))


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of a document's text (title, blank line, body)."""
    exact, ids = _word_hashes(_body(text).lower())
    if len(ids) < SHINGLE_WORDS:
        return Fingerprint(exact, ())
    n = len(ids) - SHINGLE_WORDS + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE_WORDS):  # polynomial hash of each window (wrapping uint64)
        h = h * _SHINGLE_BASE + ids[k : k + n]
    # a * x + b for every permutation, wrapping at 2**64 (multiply-add hashing with
    # odd multipliers: cheap, and the same in every process); a shingle seen twice
    # cannot change a minimum, so the hashes are not made unique first (a sort)
    h = _A[:, None] * h[None, :] + _B[:, None]
    return Fingerprint(exact, tuple(h.min(axis=1).tolist()))


#: Rows of a band (``MINHASH_PERMUTATIONS // LSH_BANDS``).
_ROWS = MINHASH_PERMUTATIONS // LSH_BANDS
#: Odd multipliers that fold a band's rows into one 32-bit bucket key, and a
#: per-band offset so that equal rows in different bands fall in different buckets.
_BAND_MIX = (_rng.integers(1, _PRIME, _ROWS, dtype=np.uint64) | np.uint64(1))[None, :]
_BAND_OFFSET = _rng.integers(0, _PRIME, LSH_BANDS, dtype=np.uint64)
#: Signatures kept in memory (512 bytes each); older ones are in a temporary file.
_BLOCK_ROWS = 1024
#: Bucket entries buffered before they are merged into the sorted arrays (a lookup
#: scans the buffer: 16 × 8192 comparisons, a few microseconds).
_MERGE_EVERY = 8192


def _band_keys(sig: np.ndarray) -> np.ndarray:
    """One 32-bit bucket key per band. Distinct bands may share a key (rarely): a
    candidate found through a key is kept only if its band rows are really equal."""
    h = (sig.reshape(LSH_BANDS, _ROWS) * _BAND_MIX).sum(axis=1, dtype=np.uint64) + _BAND_OFFSET
    return (h >> np.uint64(32)).astype(np.uint32)


class _Buckets:
    """A multimap from 32-bit keys to row numbers, each key's rows in the order they
    were added: a :class:`framing.bounded.SortedPairs` (8 bytes an entry) merged
    every ``_MERGE_EVERY`` entries."""

    def __init__(self) -> None:
        self._pairs = SortedPairs("I", "I")

    def __len__(self) -> int:
        return len(self._pairs)

    @property
    def nbytes(self) -> int:
        return self._pairs.nbytes

    def add(self, keys: Iterable[int], row: int) -> None:
        pairs = self._pairs
        for k in keys:
            pairs.add(k, row)
        if pairs.pending >= _MERGE_EVERY:
            pairs.merge()

    def get_many(self, keys: np.ndarray) -> list[list[int]]:
        """The rows of each key, oldest first."""
        pairs = self._pairs
        lo = np.searchsorted(pairs.keys, keys, side="left").tolist()
        hi = np.searchsorted(pairs.keys, keys, side="right").tolist()
        rows = pairs.values
        out = [rows[a:b].tolist() if b > a else [] for a, b in zip(lo, hi, strict=True)]
        if pairs.pending:
            new_keys, new_rows = pairs.buffered()
            hit = new_keys[None, :] == keys[:, None]  # the buffer is in insertion order
            for i in np.flatnonzero(hit.any(axis=1)).tolist():
                out[i] += new_rows[hit[i]].tolist()
        return out


class _Signatures:
    """MinHash signatures by row: the latest ``_BLOCK_ROWS`` in memory, the older ones
    in an anonymous temporary file (512 bytes a row), read back one row at a time
    for the rare candidate pairs. Memory stays one block whatever the corpus size."""

    _ROW_BYTES = MINHASH_PERMUTATIONS * 8

    def __init__(self) -> None:
        self._block = np.empty((_BLOCK_ROWS, MINHASH_PERMUTATIONS), dtype=np.uint64)
        self._n = 0  # rows stored
        self._n_file = 0  # rows in the file: the first ones, whole blocks
        self._file: IO[bytes] | None = None

    def __len__(self) -> int:
        return self._n

    def append(self, sig: np.ndarray) -> None:
        i = self._n - self._n_file
        self._block[i] = sig
        self._n += 1
        if i + 1 == _BLOCK_ROWS:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="framing-minhash-")  # noqa: SIM115
            self._file.seek(0, os.SEEK_END)
            self._file.write(self._block.tobytes())
            self._file.flush()
            self._n_file = self._n

    def __getitem__(self, row: int) -> np.ndarray:
        if row >= self._n_file:
            return self._block[row - self._n_file]
        assert self._file is not None
        self._file.seek(row * self._ROW_BYTES)
        return np.frombuffer(self._file.read(self._ROW_BYTES), dtype=np.uint64)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class DuplicateIndex:
    """Streaming index: :meth:`add` says whether a document repeats an earlier one.

    Memory is about 150 bytes a document: exact hashes and LSH band keys are 32-bit
    entries of sorted numpy arrays (a band key only selects candidates; their band
    rows are compared before they count), and the MinHash signatures of the indexed
    documents go to a temporary file (:class:`_Signatures`). Documents are numbered
    in the order they are added; their ids are kept once, in a list. :meth:`close`
    (or the end of a ``with`` block) removes the file.
    """

    def __init__(self, threshold: float = NEAR_DUPLICATE_JACCARD) -> None:
        self.threshold = threshold
        self._ids: list[str] = []  # ids of the documents in _exact, by number
        self._exact = _Buckets()  # exact hash → document number
        self._bands = _Buckets()  # band key → signature row
        self._sig_ids: list[str] = []  # signature row → document id
        self._sigs = _Signatures()

    def __len__(self) -> int:
        """Documents indexed (every one that was not an exact duplicate)."""
        return len(self._ids)

    def __enter__(self) -> DuplicateIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove the signatures' temporary file; the index cannot be used after."""
        self._sigs.close()

    @property
    def nbytes(self) -> int:
        """Bytes of memory held by the index's arrays and lists (the document ids
        themselves are shared with the rest of the run and not counted)."""
        return (self._exact.nbytes + self._bands.nbytes + self._sigs._block.nbytes
                + 8 * (len(self._ids) + len(self._sig_ids)))

    def add(self, doc_id: str, fp: Fingerprint) -> tuple[str, str, float] | None:
        """``(kind, original doc_id, similarity)`` if ``doc_id`` duplicates an earlier
        document (kind ``exact`` or ``near``), else None; the document is indexed."""
        (same,) = self._exact.get_many(np.array([fp.exact], dtype=np.uint32))
        if same:
            return ("exact", self._ids[same[0]], 1.0)
        self._exact.add((fp.exact,), len(self._ids))
        self._ids.append(doc_id)
        if not fp.signature:
            return None
        sig = np.array(fp.signature, dtype=np.uint64)
        keys = _band_keys(sig)
        best: tuple[str, str, float] | None = None
        seen: set[int] = set()
        for b, rows in enumerate(self._bands.get_many(keys)):
            band = slice(b * _ROWS, (b + 1) * _ROWS)
            for row in rows:
                if row in seen:
                    continue
                other = self._sigs[row]
                if not np.array_equal(other[band], sig[band]):
                    continue  # another band with the same 32-bit key
                seen.add(row)
                sim = int(np.count_nonzero(other == sig)) / MINHASH_PERMUTATIONS
                if sim >= self.threshold and (best is None or sim > best[2]):
                    best = ("near", self._sig_ids[row], sim)
        if best is not None:
            return best
        self._bands.add(keys.tolist(), len(self._sig_ids))
        self._sig_ids.append(doc_id)
        self._sigs.append(sig)
        return None
