"""Where the per-document analysis spends its time, and how two checkouts compare.

    python benchmarks/profile_hotpath.py [--words 200000] [--against OTHER/src] [--top 25]

Generates a news-like corpus (:mod:`newsgen`), warms the caches as a long run would,
then times each step of :func:`framing.pipeline.analyze` on every document (CPU time,
best of ``--rounds``): tokenize, sentences, actor lookup, quotes, voice per sentence,
frame matching, sentiment, duplicate fingerprint, keyness lemmas and the language check,
and ``analyze`` as a whole. With ``--against`` (the ``src`` folder of another checkout,
e.g. a ``git worktree`` of the previous commit) both trees are timed in alternating
rounds, each in its own process, so that a busy machine slows both alike; the table
gives before, after and their ratio. Without it, a cProfile listing of ``analyze``
(top functions by own time) follows. ``benchmarks/PROFILE.md`` keeps the summaries.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

STEPS = ("tokenize", "sentences", "actors", "quotes", "voices", "frames", "sentiment",
         "fingerprint", "lemmas+language", "analyze")


def child(src: str, corpus: str, rounds: int) -> dict[str, float]:
    """Best CPU time of each step over ``rounds`` rounds, with the ``framing`` of ``src``."""
    if src:
        sys.path.insert(0, src)
    import importlib

    from framing.corpus import read_corpus
    from framing.dedupe import fingerprint
    from framing.pipeline import _content_lemmas, analyze, build_analyzer, french_share
    from framing.quotes import find_quotes, voices
    from framing.sentiment import score_tokens

    try:
        tk = importlib.import_module("framing.tokenizer")
    except ImportError:  # an --against checkout from before the module was renamed
        tk = importlib.import_module("framing.tokens")
    docs = list(read_corpus(corpus))
    an = build_analyzer()
    assert an.actors is not None
    assert an.sentiment is not None
    actors, lex = an.actors, an.sentiment
    toks = [tk.tokens(d.text) for d in docs]
    lists = [list(t.tokens) for t in toks]
    quotes = [find_quotes(t, actors)[0] for t in toks]
    vmaps = [voices(t, q) for t, q in zip(toks, quotes, strict=True)]
    steps = {
        "tokenize": lambda: [tk.tokenize(d.text) for d in docs],
        "sentences": lambda: [tk.sentences(d.text, ts) for d, ts in
                              zip(docs, lists, strict=True)],
        "actors": lambda: [actors.find(t) for t in toks],
        "quotes": lambda: [find_quotes(t, actors) for t in toks],
        "voices": lambda: [[v.sentence_voice(s) for s in t.sentences]
                           for t, v in zip(toks, vmaps, strict=True)],
        "frames": lambda: [m.match_tokens(t) for t in toks for _, m in an.matchers],
        "sentiment": lambda: [score_tokens(t, lex, voice_of=lambda off, v=v: v.voice_at(off)[0])
                              for t, v in zip(toks, vmaps, strict=True)],
        "fingerprint": lambda: [fingerprint(d.text) for d in docs],
        "lemmas+language": lambda: [(_content_lemmas(t, 2), french_share(t)) for t in toks],
        "analyze": lambda: [analyze(d, an) for d in docs],
    }
    best = dict.fromkeys(STEPS, float("inf"))
    for fn in steps.values():
        fn()  # warm: lemma, chunk and matcher caches, as in a long run
    for _ in range(rounds):
        for name, fn in steps.items():
            t0 = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - t0)
    best["words"] = float(sum(t.n_words for t in toks))
    best["compiled"] = float(tk.SPEEDUPS)
    return best


def profile(corpus: str, top: int) -> None:
    import cProfile
    import pstats

    from framing.corpus import read_corpus
    from framing.pipeline import analyze, build_analyzer

    docs = list(read_corpus(corpus))
    an = build_analyzer()
    for d in docs:
        analyze(d, an)
    pr = cProfile.Profile()
    pr.enable()
    for d in docs:
        analyze(d, an)
    pr.disable()
    pstats.Stats(pr).strip_dirs().sort_stats("tottime").print_stats(top)


def _run(src: str, corpus: str, rounds: int) -> dict[str, float]:
    res = subprocess.run([sys.executable, __file__, "--child", src, corpus, str(rounds)],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(res.stderr[-2000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=float, default=200_000)
    ap.add_argument("--against", help="the src/ folder of another checkout to compare with")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per process (best kept)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating processes per tree")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], int(args.child[2]))))
        return 0

    from newsgen import write_corpus

    with tempfile.TemporaryDirectory(prefix="framing-profile-") as tmp:
        corpus = Path(tmp) / "corpus"
        n_docs = write_corpus(corpus, int(args.words))
        trees = {"this tree": ""}
        if args.against:
            trees = {"against": str(Path(args.against).resolve()), "this tree": ""}
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.repeat):
            for name, src in trees.items():
                res = _run(src, str(corpus), args.rounds)
                prev = best.setdefault(name, res)
                best[name] = {k: min(v, prev[k]) for k, v in res.items()}
        words = best["this tree"]["words"]
        for name, res in best.items():
            # a checkout whose extension was not built runs the pure-Python loops: say so
            print(f"{name}: framing._speedups "
                  f"{'compiled' if res['compiled'] else 'NOT compiled (pure-Python loops)'}")
        print(f"{n_docs} articles, {words:,.0f} words; CPU seconds, best of "
              f"{args.repeat}×{args.rounds} rounds")
        if args.against:
            print(f"{'step':18s} {'against':>8s} {'this':>8s} {'ratio':>6s}")
            for step in STEPS:
                a, b = best["against"][step], best["this tree"][step]
                print(f"{step:18s} {a:8.3f} {b:8.3f} {a / b:6.2f}x")
        else:
            for step in STEPS:
                print(f"{step:18s} {best['this tree'][step]:8.3f}")
        an = best["this tree"]["analyze"]
        print(f"analyze: {words / an:,.0f} words/s (CPU)")
        if not args.against:
            profile(str(corpus), args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
