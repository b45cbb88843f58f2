"""Bounded and compact containers: the per-form cache and the sorted integer pairs."""

from __future__ import annotations

import pickle
from functools import partial

import pytest

from framing.bounded import BoundedCache, SortedPairs
from framing.tokenizer import fold_accents


def test_cache_computes_each_form_once_while_it_fits() -> None:
    calls: list[str] = []

    def fold(s: str) -> str:
        calls.append(s)
        return fold_accents(s)

    cache = BoundedCache(fold, limit=10)
    words = ["hégémonie", "américaine", "contrepoids", "hégémonie", "sécurité", "américaine"]
    assert list(map(cache.__getitem__, words)) == [
        "hegemonie", "americaine", "contrepoids", "hegemonie", "securite", "americaine",
    ]
    assert calls == ["hégémonie", "américaine", "contrepoids", "sécurité"]
    assert len(cache) == 4


def test_cache_is_emptied_when_a_new_form_arrives_at_the_limit() -> None:
    cache = BoundedCache(fold_accents, limit=2)
    assert cache["sécurité"] == "securite"
    assert cache["stabilité"] == "stabilite"
    assert cache["sécurité"] == "securite"  # a hit never empties the cache
    assert len(cache) == 2
    assert cache["développement"] == "developpement"
    assert dict(cache) == {"développement": "developpement"}


def test_values_read_as_they_come_survive_the_cache_being_emptied() -> None:
    cache = BoundedCache(str.upper, limit=2)
    words = ["opération", "militaire", "spéciale", "opération"]
    assert list(map(cache.__getitem__, words)) == [
        "OPÉRATION", "MILITAIRE", "SPÉCIALE", "OPÉRATION",
    ]
    assert len(cache) <= 2


def test_cache_refuses_a_limit_below_one() -> None:
    with pytest.raises(ValueError, match="limit must be at least 1, not 0"):
        BoundedCache(str.lower, limit=0)


def test_cache_without_compute_stores_what_the_caller_computed() -> None:
    cache: BoundedCache[tuple[str, str], str] = BoundedCache(None, limit=2)
    with pytest.raises(KeyError):
        cache["alliances", "alliance"]
    assert cache.get(("alliances", "alliance")) is None
    assert cache.store(("alliances", "alliance"), "alliance*") == "alliance*"
    assert cache.store(("blocs", "bloc"), "bloc*") == "bloc*"
    assert cache.store(("blocs", "bloc"), "bloc") == "bloc"  # a known key: nothing emptied
    assert len(cache) == 2
    cache.store(("otan", "otan"), "")
    assert dict(cache) == {("otan", "otan"): ""}


def test_cache_with_a_partial_survives_pickling() -> None:
    cache = BoundedCache(partial(str.replace, "opération militaire spéciale", "é"), limit=3)
    assert cache["e"] == "operation militaire speciale"
    copy = pickle.loads(pickle.dumps(cache))
    assert (dict(copy), copy.limit) == ({"e": "operation militaire speciale"}, 3)
    assert copy["É"] == "opÉration militaire spÉciale"


def test_pairs_multimap_keeps_the_order_of_addition_across_merges() -> None:
    pairs = SortedPairs("I", "I")
    for key, row in [(7, 0), (3, 1), (7, 2)]:
        pairs.add(key, row)
    pairs.merge()
    for key, row in [(3, 3), (7, 4), (1, 5)]:
        pairs.add(key, row)
    assert pairs.pending == 3
    assert [k.tolist() for k in pairs.buffered()] == [[3, 7, 1], [3, 4, 5]]
    pairs.merge()
    assert pairs.keys.tolist() == [1, 3, 3, 7, 7, 7]
    assert pairs.values.tolist() == [5, 1, 3, 0, 2, 4]
    assert (len(pairs), pairs.pending, pairs.nbytes) == (6, 0, 48)


def test_summing_pairs_count_like_a_counter() -> None:
    pairs = SortedPairs("q", "q", sum_values=True)
    for key, n in [(2, 1), (0, 3), (2, 4)]:
        pairs.add(key, n)
    pairs.merge()
    assert (pairs.keys.tolist(), pairs.values.tolist()) == ([0, 2], [3, 5])
    pairs.add(1, 2)
    pairs.add(2, 1)
    assert len(pairs) == 4  # stored and buffered pairs, before the merge sums them
    pairs.merge()
    assert (pairs.keys.tolist(), pairs.values.tolist()) == ([0, 1, 2], [3, 2, 6])
    pairs.merge()  # nothing buffered: unchanged
    assert pairs.values.tolist() == [3, 2, 6]


def test_empty_pairs_merge_to_empty_arrays() -> None:
    pairs = SortedPairs("q", "q", sum_values=True)
    pairs.merge()
    assert (len(pairs), pairs.keys.dtype.itemsize, pairs.nbytes) == (0, 8, 0)


def test_extend_buffers_pairs_as_add_does_and_refuses_unequal_lengths() -> None:
    # lemma numbers and counts of two articles, as the report's keyness counts add them
    one, many = SortedPairs("q", "q", sum_values=True), SortedPairs("q", "q", sum_values=True)
    for k, v in [(3, 2), (0, 1), (3, 4)]:
        one.add(k, v)
    many.extend([3, 0], iter([2, 1]))
    many.extend((3,), [4])
    assert (many.new_keys.tolist(), many.new_values.tolist()) == ([3, 0, 3], [2, 1, 4])
    one.merge()
    many.merge()
    assert (many.keys.tolist(), many.values.tolist()) == ([0, 3], [1, 6])
    assert many.keys.tolist() == one.keys.tolist() and many.values.tolist() == one.values.tolist()
    with pytest.raises(ValueError, match="as many keys as values"):
        many.extend([7, 8], [1])
    assert many.pending == 0  # nothing half-added
