"""Exact and near-duplicate detection of wire copies."""

from __future__ import annotations

from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.dedupe import DuplicateIndex, fingerprint

BODY = (
    "Les dirigeants de l'Organisation de coopération de Shanghai se sont retrouvés mercredi "
    "à Astana pour un sommet consacré à la sécurité régionale et au commerce.\n"
    "Le président kazakh a ouvert les travaux en appelant à renforcer les corridors "
    "ferroviaires entre la Chine et l'Europe.\n"
    "Les délégations ont adopté une déclaration commune sur la lutte contre le terrorisme, "
    "sans mentionner la guerre en Ukraine.\n"
    "La prochaine réunion se tiendra en Chine l'an prochain, a précisé le secrétariat."
)


def test_same_body_under_another_title_and_case_is_an_exact_duplicate() -> None:
    idx = DuplicateIndex()
    assert idx.add("afp.txt", fingerprint("Sommet à Astana\n\n" + BODY)) is None
    assert idx.add("copie.txt", fingerprint("L'OCS SE RÉUNIT\n\n" + BODY.upper())) == (
        "exact", "afp.txt", 1.0)


def test_a_dispatch_with_a_line_cut_and_a_line_added_is_a_near_duplicate() -> None:
    idx = DuplicateIndex()
    idx.add("afp.txt", fingerprint("Titre\n\n" + BODY))
    edited = BODY.replace(", a précisé le secrétariat", "") + "\n(Avec agences)"
    kind, original, sim = idx.add("reprise.txt", fingerprint("Autre titre\n\n" + edited))
    assert (kind, original) == ("near", "afp.txt")
    assert 0.8 <= sim < 1.0


def test_different_articles_on_the_same_topic_are_not_duplicates() -> None:
    idx = DuplicateIndex()
    idx.add("a.txt", fingerprint("Titre\n\n" + BODY))
    other = ("Le sommet d'Astana a surtout montré les divisions du bloc sur la guerre en "
             "Ukraine, selon plusieurs diplomates européens interrogés jeudi.")
    assert idx.add("b.txt", fingerprint("Titre\n\n" + other)) is None


def test_fingerprints_are_the_same_in_every_process() -> None:
    import subprocess
    import sys

    code = "from framing.dedupe import fingerprint; print(fingerprint('T\\n\\n' + open(0).read()))"
    outs = {subprocess.run([sys.executable, "-c", code], input=BODY, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)}
    assert outs == {str(fingerprint("T\n\n" + BODY)) + "\n"}


def _reference_decisions(docs: list[tuple[str, str]]) -> list[tuple[str, str, float] | None]:
    """The plain version of the index (dicts of tuples), to check the compact one."""
    from framing.dedupe import LSH_BANDS, MINHASH_PERMUTATIONS, NEAR_DUPLICATE_JACCARD

    rows = MINHASH_PERMUTATIONS // LSH_BANDS
    exact: dict[int, str] = {}
    bands: dict[tuple[int, tuple[int, ...]], list[str]] = {}
    sigs: dict[str, tuple[int, ...]] = {}
    out: list[tuple[str, str, float] | None] = []
    for doc_id, text in docs:
        fp = fingerprint(text)
        if fp.exact in exact:
            out.append(("exact", exact[fp.exact], 1.0))
            continue
        exact[fp.exact] = doc_id
        if not fp.signature:
            out.append(None)
            continue
        keys = [(b, fp.signature[b * rows : (b + 1) * rows]) for b in range(LSH_BANDS)]
        best: tuple[str, str, float] | None = None
        seen: set[str] = set()
        for key in keys:
            for other in bands.get(key, ()):
                if other not in seen:
                    seen.add(other)
                    sig = sigs[other]
                    sim = sum(a == b for a, b in zip(sig, fp.signature, strict=True)) / len(sig)
                    if sim >= NEAR_DUPLICATE_JACCARD and (best is None or sim > best[2]):
                        best = ("near", other, sim)
        if best is None:
            for key in keys:
                bands.setdefault(key, []).append(doc_id)
            sigs[doc_id] = fp.signature
        out.append(best)
    return out


def _wire_corpus(n: int = 200) -> list[tuple[str, str]]:
    """Articles and edited copies of them: exact, near and not duplicates."""
    import random

    rng = random.Random(5)
    vocab = [f"mot{i}" for i in range(3000)]
    docs: list[tuple[str, str]] = []
    for i in range(n):
        lines = [" ".join(rng.choices(vocab, k=20)) for _ in range(6)]
        docs.append((f"a{i}", "Titre\n\n" + "\n".join(lines)))
        if rng.random() < 0.6:
            copy = list(lines)
            for _ in range(rng.choice([0, 0, 1, 3, 10, 40])):
                k = rng.randrange(6)
                words = copy[k].split()
                words[rng.randrange(20)] = rng.choice(vocab)
                copy[k] = " ".join(words)
            if rng.random() < 0.3:
                del copy[rng.randrange(6)]
            docs.append((f"c{i}", "Autre titre\n\n" + "\n".join(copy)))
    docs.append(("court", "T\n\nTrop court"))
    return docs


def test_the_compact_index_makes_the_decisions_of_the_plain_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np

    import framing.dedupe as dedupe

    docs = _wire_corpus()
    expected = _reference_decisions(docs)
    kinds = {d[0] if d else None for d in expected}
    assert kinds == {"exact", "near", None}
    with DuplicateIndex() as idx:
        assert [idx.add(d, fingerprint(t)) for d, t in docs] == expected
    # band keys that collide, merges every few entries, signatures read back from the file
    keys = dedupe._band_keys
    monkeypatch.setattr(dedupe, "_band_keys", lambda sig: keys(sig) >> np.uint32(23))
    monkeypatch.setattr(dedupe, "_MERGE_EVERY", 5)
    monkeypatch.setattr(dedupe, "_BLOCK_ROWS", 3)
    with DuplicateIndex() as idx:
        assert [idx.add(d, fingerprint(t)) for d, t in docs] == expected


def test_the_index_keeps_a_few_hundred_bytes_a_document() -> None:
    import random
    import tracemalloc

    from framing.dedupe import Fingerprint

    rng = random.Random(1)
    n = 5000
    fps = [Fingerprint(rng.getrandbits(32), tuple(rng.getrandbits(64) for _ in range(64)))
           for _ in range(n)]
    ids = [f"doc{i}" for i in range(n)]
    tracemalloc.start()
    try:
        with DuplicateIndex() as idx:
            for doc_id, fp in zip(ids, fps, strict=True):
                assert idx.add(doc_id, fp) is None
            held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held / n < 400  # the plain index (dicts of tuples) took about 7,000


# --- the compiled word scan (framing._speedups.word_hashes) ------------------------


def test_the_compiled_word_scan_gives_the_python_hashes_on_french_news(
    speedups: ModuleType,
) -> None:
    import zlib

    import numpy as np

    from framing.dedupe import _word_hashes, _word_hashes_python

    body = ("«\u00a0Nous ne créons aucun bloc\u00a0», a déclaré M. Poutine à l’OCS "
            "(2\u202f000 délégués, 12,5 %) ; c'est_un test… œuvre").lower()
    exact, raw = speedups.word_hashes(body)
    ids = np.frombuffer(raw, dtype=np.uint32)
    assert len(ids) == 21
    assert exact == zlib.crc32("nous ne créons aucun bloc a déclaré m poutine à l ocs 2 000 "
                               "délégués 12 5 c est_un test œuvre".encode())
    assert int(ids[2]) == zlib.crc32("créons".encode())
    py_exact, py_ids = _word_hashes_python(body)
    assert (exact, ids.tolist()) == (py_exact, py_ids.tolist())
    c_exact, c_ids = _word_hashes(body)
    assert (c_exact, c_ids.dtype, c_ids.tolist()) == (py_exact, np.uint64, py_ids.tolist())
    assert speedups.word_hashes("") == (0, b"") and speedups.word_hashes(" … ") == (0, b"")


def test_the_compiled_word_scan_agrees_with_re_on_every_code_point(
    speedups: ModuleType,
) -> None:
    """Every character, one at a time and in runs: what `re` calls a word character
    (letters, digits, numerals, marks of other scripts, ``_``) must be one for C too,
    and every UTF-8 encoding (1 to 4 bytes) must hash as Python encodes it."""
    from framing.dedupe import _word_hashes_python

    scan = speedups.word_hashes
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for k in range(0, len(chars), 50_000):
        block = chars[k : k + 50_000]
        for text in (" ".join(block), "".join(block)):
            exact, raw = scan(text)
            py_exact, py_ids = _word_hashes_python(text)
            assert exact == py_exact
            assert raw == py_ids.astype("uint32").tobytes()


def test_the_compiled_word_scan_rejects_what_is_not_text(speedups: ModuleType) -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        speedups.word_hashes(b"OCS")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_compiled_word_scan_equals_the_python_scan_on_any_text(
    speedups: ModuleType, s: str
) -> None:
    from framing.dedupe import _word_hashes_python

    exact, raw = speedups.word_hashes(s)
    py_exact, py_ids = _word_hashes_python(s)
    assert (exact, raw) == (py_exact, py_ids.astype("uint32").tobytes())
