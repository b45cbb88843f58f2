"""Containers whose memory stays bounded or compact on corpora of any size.

Two shapes recur in a streaming run over millions of words, and each is written
once here:

* :class:`BoundedCache` — a per-word-form memo (tokenizer chunks, keyness decisions,
  matcher and sentiment candidates, word hashes). News vocabulary is Zipfian and
  unbounded: the cache is emptied when it is full and refills with the frequent
  forms within a few documents.
* :class:`SortedPairs` — integer key/value pairs (lemma counts per group, bucket
  rows of the duplicate index) in two sorted numpy arrays, 8–16 bytes a pair
  instead of about 100 for a dict entry, the latest pairs buffered in ``array``
  objects and merged in one vectorised step.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

import numpy as np

__all__ = ["BoundedCache", "SortedPairs"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(dict[K, V], Generic[K, V]):
    """``key → compute(key)``, computed on first sight, at most ``limit`` keys.

    ``cache[key]`` computes and stores a missing key; when the cache is full it is
    emptied first, so read each value as you look it up (``map(cache.__getitem__,
    keys)``): a key stored earlier may be gone by the time you come back to it
    after other lookups (fill-then-read is not safe). A hit costs one C-level dict lookup. With
    ``compute=None`` the caller computes values itself: ``cache.get(key)``, then
    :meth:`store` on a miss. Picklable when ``compute`` is (a module-level function
    or a ``functools.partial`` of one).
    """

    __slots__ = ("_compute", "limit")

    def __init__(self, compute: Callable[[K], V] | None, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        super().__init__()
        self._compute = compute
        self.limit = limit

    def __missing__(self, key: K) -> V:
        if self._compute is None:
            raise KeyError(key)
        return self.store(key, self._compute(key))

    def store(self, key: K, value: V) -> V:
        """Store a value the caller computed (emptying the cache first if it is full
        and ``key`` is new); returns ``value``."""
        if len(self) >= self.limit and key not in self:
            self.clear()
        self[key] = value
        return value


class SortedPairs:
    """Integer pairs sorted by key, pairs of one key in the order they were added.

    ``add`` appends to two ``array`` buffers; :meth:`merge` sorts the buffered pairs
    and inserts them after the stored ones (``O(n + m log m)``). With ``sum_values``
    the values of equal keys are added up at each merge (a compact counter: ``keys``
    unique); without it every pair is kept (a multimap). ``key_type`` and
    ``value_type`` are ``array`` type codes (``"I"``: unsigned 32-bit, ``"q"``: signed
    64-bit …).
    """

    __slots__ = ("keys", "new_keys", "new_values", "sum_values", "values")

    def __init__(self, key_type: str = "q", value_type: str = "q", *,
                 sum_values: bool = False) -> None:
        self.new_keys = array(key_type)
        self.new_values = array(value_type)
        self.keys = np.empty(0, dtype=key_type)
        self.values = np.empty(0, dtype=value_type)
        self.sum_values = sum_values

    def __len__(self) -> int:
        return len(self.keys) + len(self.new_keys)

    @property
    def pending(self) -> int:
        """Pairs added since the last merge."""
        return len(self.new_keys)

    @property
    def nbytes(self) -> int:
        buffered = self.new_keys.itemsize + self.new_values.itemsize
        return int(self.keys.nbytes + self.values.nbytes) + buffered * len(self.new_keys)

    def add(self, key: int, value: int) -> None:
        self.new_keys.append(key)
        self.new_values.append(value)

    def extend(self, keys: Iterable[int], values: Iterable[int]) -> None:
        """:meth:`add` each pair of ``keys`` and ``values`` (of equal length)."""
        n = len(self.new_keys)
        self.new_keys.extend(keys)
        self.new_values.extend(values)
        if len(self.new_values) != len(self.new_keys):
            del self.new_keys[n:], self.new_values[n:]
            raise ValueError("extend() needs as many keys as values")

    def buffered(self) -> tuple[np.ndarray, np.ndarray]:
        """The pairs not merged yet, in the order they were added (views, no copy)."""
        return (np.frombuffer(self.new_keys, dtype=self.new_keys.typecode),
                np.frombuffer(self.new_values, dtype=self.new_values.typecode))

    def merge(self) -> None:
        """Move the buffered pairs into the sorted arrays."""
        if not self.new_keys:
            return
        keys = np.array(self.new_keys, dtype=self.new_keys.typecode)
        values = np.array(self.new_values, dtype=self.new_values.typecode)
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], values[order]
        # the new pairs are later than the stored ones: after them for equal keys
        at = np.searchsorted(self.keys, keys, side="right")
        keys = np.insert(self.keys, at, keys)
        values = np.insert(self.values, at, values)
        if self.sum_values and len(keys):
            starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
            keys, values = keys[starts], np.add.reduceat(values, starts)
        self.keys, self.values = keys, values
        self.new_keys = array(self.new_keys.typecode)
        self.new_values = array(self.new_values.typecode)
