"""Throughput of framing's tokenizer + lexicon matcher against spaCy's.

Generates a French news-like corpus (at least ``--words`` words, 1,000,000 by
default) from templates written for this benchmark — varied vocabulary (made-up
place and person names, numbers, dates), negations, quotes, and the phrases of
several frames — then measures, on the same texts in the same run:

* **framing**: ``framing.tokenizer.tokens(text)`` + ``Matcher(lexicon).match_tokens`` with
  the full lexicon (every pattern kind: globs, gaps, lemmas, regexes), negation
  included;
* **spaCy** (the baseline): ``spacy.blank("fr").make_doc(text)`` +
  ``PhraseMatcher(attr="LOWER")`` with the lexicon's *literal* patterns only (fixed
  words and phrases without globs, lemmas, gaps or regexes, which PhraseMatcher
  cannot express).

Both are reported in tokens per second (each tool's own token count) and in corpus
words per second (whitespace-separated words, the same unit for both); the ratio
is framing's words/s over spaCy's. Run::

    pip install -e ".[bench]"        # spaCy 3.8
    python benchmarks/bench_matcher.py [--words 1000000] [--lexicon geopolitique]

``--entries 1e6`` replaces the lexicon with a synthetic CSV term table of that many
entries (one, two or three words of the corpus's own vocabulary, some with a number;
four frames), written to a temporary folder: the benchmark then prints the time and
memory of ``load_lexicon`` and ``Matcher()`` and the matching throughput with it (no
spaCy baseline: its PhraseMatcher is not built for a million patterns here).
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from newsgen import make_corpus

from framing.lexicon import load_lexicon
from framing.matcher import Matcher
from framing.tokenizer import tokens

#: Documents used to warm caches before timing (lemma caches, spaCy's lexeme cache).
WARMUP_DOCS = 20


def _time(fn: Callable[[str], tuple[int, int]], docs: Sequence[str]) -> tuple[float, int, int]:
    for d in docs[:WARMUP_DOCS]:
        fn(d)
    n_tok = n_hits = 0
    t0 = time.perf_counter()
    for d in docs:
        t, h = fn(d)
        n_tok += t
        n_hits += h
    return time.perf_counter() - t0, n_tok, n_hits


def _memory_mb(field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of this process, in MB (0 without /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")  # VmHWM := VmRSS (Linux)
    except OSError:
        pass


def write_term_table(path: Path, n: int, docs: Sequence[str]) -> int:
    """A CSV term table of ``n`` distinct entries in four frames, from the words of
    ``docs``: ``word`` + number (never in the text), ``word word`` (two words of the
    corpus: some occur together) and ``word word number``. Returns the vocabulary size."""
    vocab = sorted({w.lower() for d in docs for w in re.findall(r"\w+", d) if w.isalpha()})
    nv = len(vocab)
    if n > nv * nv:
        raise SystemExit(f"--entries {n:,} is more than this corpus's vocabulary allows "
                         f"({nv:,} words); raise --words")
    frames = ("economie", "securite", "diplomatie", "societe")
    with open(path, "w", encoding="utf-8") as f:
        f.write("term,category\n")
        for i in range(n):
            a, b, r = vocab[i % nv], vocab[(i // nv) % nv], i % 10
            term = f"{a}{i // 10}" if r == 0 else f"{a} {b}" if r < 6 else f"{a} {b} {i // 10}"
            f.write(f"{term},{frames[i % 4]}\n")
    return nv


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--lexicon", default="geopolitique")
    ap.add_argument("--entries", type=float, default=0, metavar="N",
                    help="use a synthetic term table of N entries (e.g. 1e6) instead of "
                    "--lexicon, and time its loading")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)

    docs = make_corpus(args.words, args.seed)
    n_words = sum(len(d.split()) for d in docs)
    if args.entries:
        with tempfile.TemporaryDirectory() as tmp:
            table = Path(tmp) / "synthetic.csv"
            nv = write_term_table(table, int(args.entries), docs)
            size = table.stat().st_size
            tokens(docs[0])  # the tokenizer's and lemmatizer's tables, loaded before timing
            gc.collect()
            rss = _memory_mb("VmRSS")
            _reset_peak()
            t0 = time.perf_counter()
            lex = load_lexicon(table)
            t1 = time.perf_counter()
            matcher = Matcher(lex)
            t2 = time.perf_counter()
            gc.collect()  # the one full collection the new objects cost, out of the timing
            t3 = time.perf_counter()
        print(f"lexicon: synthetic term table of {int(args.entries):,} entries ({size / 1e6:.1f} "
              f"MB, vocabulary {nv:,} words): {lex.n_patterns:,} patterns in "
              f"{len(lex.frames)} frames")
        print(f"  load_lexicon {t1 - t0:.1f} s, Matcher() {t2 - t1:.1f} s (then one full "
              f"garbage collection {t3 - t2:.1f} s); resident memory +{_memory_mb('VmRSS') - rss:,} "
              f"MB, peak +{_memory_mb('VmHWM') - rss:,} MB")
    else:
        lex = load_lexicon(args.lexicon)
        matcher = Matcher(lex)
    print(f"corpus: {len(docs):,} documents, {n_words:,} words; lexicon {lex.name}: "
          f"{lex.n_patterns:,} patterns")

    split = {"tokens": 0.0, "match": 0.0}
    clock = time.perf_counter

    def run_framing(text: str) -> tuple[int, int]:
        t0 = clock()
        toks = tokens(text)
        t1 = clock()
        hits = matcher.match_tokens(toks)
        split["tokens"] += t1 - t0
        split["match"] += clock() - t1
        return len(toks.tokens), len(hits)

    dt_f, tok_f, hits_f = _time(run_framing, docs)
    print(f"framing : {tok_f / dt_f:>10,.0f} tokens/s  {n_words / dt_f:>10,.0f} words/s  "
          f"({tok_f:,} tokens, {hits_f:,} hits, {dt_f:.2f} s)")
    print(f"  of which tokens(): {tok_f / split['tokens']:,.0f} tokens/s; "
          f"match_tokens(): {tok_f / split['match']:,.0f} tokens/s (warm-up included)")

    if args.entries:
        return 0
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("spaCy is not installed: pip install 'spacy>=3.8,<3.9' (the 'bench' extra)")
        return 0
    nlp = spacy.blank("fr")
    literal = [
        p.source for f in lex.frames.values() for p in f.patterns
        if p.kind in ("fixed", "phrase") and all(e.kind == "word" for e in p.elements)
    ]
    pm = PhraseMatcher(nlp.vocab, attr="LOWER")
    pm.add("literal", [nlp.make_doc(s) for s in literal])

    def run_spacy(text: str) -> tuple[int, int]:
        doc = nlp.make_doc(text)
        return len(doc), len(pm(doc))

    dt_s, tok_s, hits_s = _time(run_spacy, docs)
    print(f"spaCy   : {tok_s / dt_s:>10,.0f} tokens/s  {n_words / dt_s:>10,.0f} words/s  "
          f"({tok_s:,} tokens, {hits_s:,} hits with {len(literal)} literal patterns, "
          f"{dt_s:.2f} s; spaCy {spacy.__version__})")
    print(f"ratio framing/spaCy (words/s): {dt_s / dt_f:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
