"""Accuracy and macro-F1 of framing's sentiment on a labelled French news set.

The set, ``tests/data/sentiment_eval_fr.tsv``, holds 360 French news-style
sentences written by the framing team (120 positive, 120 negative, 120 neutral),
in categories that test the rules: plain, negation, intensity, contrast, idiom,
domain_neutral, quote, hedge. It was written without looking at framing's lexicon.

Systems, on the same sentences:

* **framing** — ``score_text`` with the shipped ``sentiment_fr`` lexicon and its rules;
* **framing, no rules** — the same lexicon summed word by word (negation,
  intensifiers and contrast switched off), to show what the rules add;
* **textblob-fr** — when installed (``pip install textblob textblob-fr``): polarity
  with the same thresholds;
* **majority** — always the most frequent label (here all three are equally
  frequent, so any label scores 1/3).

Run: ``python benchmarks/eval_sentiment.py``.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "sentiment_eval_fr.tsv"
LABELS = ("positive", "negative", "neutral")


def macro_f1(gold: list[str], pred: list[str]) -> float:
    f1s = []
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab != p for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def accuracy(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)


def _textblob() -> Callable[[str], str] | None:
    try:
        from textblob import Blobber
        from textblob_fr import PatternAnalyzer, PatternTagger
    except ImportError:
        return None
    from framing.sentiment import sentiment_label

    blob = Blobber(pos_tagger=PatternTagger(), analyzer=PatternAnalyzer())
    return lambda text: sentiment_label(float(blob(text).sentiment[0]))


def main() -> int:
    from framing.sentiment import load_sentiment_lexicon, score_text, sentiment_label
    from framing.tokenizer import tokens

    with DATA.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    gold = [r["label"] for r in rows]
    lex = load_sentiment_lexicon("sentiment_fr")

    def no_rules(text: str) -> str:
        total = 0.0
        for t in tokens(text).tokens:
            total += lex.entries.get(t.lemma, lex.entries.get(t.norm, 0.0))
        return sentiment_label(total / (abs(total) + 4) if total else 0.0)

    systems: dict[str, Callable[[str], str]] = {
        "framing (sentiment_fr + rules)": lambda text: score_text(text, lex).label,
        "framing lexicon without rules": no_rules,
    }
    tb = _textblob()
    if tb is not None:
        systems["textblob-fr"] = tb
    majority = Counter(gold).most_common(1)[0][0]
    systems["majority label"] = lambda text: majority
    print(f"{len(rows)} sentences: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(gold).items())))
    if tb is None:
        print("(textblob-fr not installed: pip install textblob textblob-fr to compare)")
    cats = sorted({r["category"] for r in rows})
    print("\n| system | accuracy | macro-F1 | " + " | ".join(cats) + " |")
    print("|---|---|---|" + "---|" * len(cats))
    for name, fn in systems.items():
        pred = [fn(r["text"]) for r in rows]
        per = []
        for c in cats:
            idx = [i for i, r in enumerate(rows) if r["category"] == c]
            per.append(f"{accuracy([gold[i] for i in idx], [pred[i] for i in idx]):.2f}")
        print(f"| {name} | {accuracy(gold, pred):.3f} | {macro_f1(gold, pred):.3f} | "
              + " | ".join(per) + " |")
    print("\n(per-category columns: accuracy)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
