"""Throughput of framing's tokenizer + lexicon matcher against spaCy's.

Generates a French news-like corpus (at least ``--words`` words, 1,000,000 by
default) from templates written for this benchmark — varied vocabulary (made-up
place and person names, numbers, dates), negations, quotes, and the phrases of
several frames — then measures, on the same texts in the same run:

* **framing**: ``framing.tokens.tokens(text)`` + ``Matcher(lexicon).match_tokens`` with
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
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from newsgen import make_corpus

from framing.lexicon import load_lexicon
from framing.matcher import Matcher
from framing.tokens import tokens

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


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--lexicon", default="geopolitique")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)

    docs = make_corpus(args.words, args.seed)
    n_words = sum(len(d.split()) for d in docs)
    lex = load_lexicon(args.lexicon)
    matcher = Matcher(lex)
    print(f"corpus: {len(docs):,} documents, {n_words:,} words; lexicon {lex.name}: "
          f"{lex.n_patterns} patterns")

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
