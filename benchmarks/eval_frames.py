"""Lexicon vs classifier vs majority baseline on the annotated demonstration corpus.

Gold: the 300 sentences of ``corpus/annotations/`` coded by two annotators,
adjudicated by majority (with two annotators: a frame is gold when both coded it).
For each ``geopolitique`` frame it prints precision, recall and F1 of

* the **lexicon** (a sentence has the frame when it has an un-negated hit of it),
* the **classifier** (``FrameClassifier`` defaults; out-of-fold predictions of a
  5-fold iteratively stratified cross-validation whose folds are whole articles: no
  sentence is scored by a model that saw it or any other sentence of its article, and
  the thresholds of each fold are tuned by an inner CV grouped the same way),
* the **majority baseline** (the k most frequent frames of each training fold),

with 95% percentile bootstrap intervals that resample articles (cluster bootstrap:
the sentences of one article are not independent), and Cohen's κ between the
lexicon and the classifier. Note: the sentences were sampled half with a lexicon
hit and half without (``corpus/annotations/sample_geopolitique.sampling.json``), so these figures
describe this sample, not the whole corpus. With ``--save PATH`` the classifier is
then fitted on all 300 sentences (inner CV grouped by article, training unit
``sentence``) and saved (skops) — that is how the shipped
default model ``framing/models/frames_geopolitique.skops`` is made::

    python benchmarks/eval_frames.py [--save src/framing/models/frames_geopolitique.skops]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHEETS = [ROOT / "corpus" / "annotations" / f"annotator_{x}.csv" for x in ("a", "b")]
N_BOOT = 1000
SEED = 13


def _prf(t: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    tp = float((t & p).sum())
    fp = float((~t & p).sum())
    fn = float((t & ~p).sum())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def _ci(t: np.ndarray, p: np.ndarray, members: list[np.ndarray], rng: np.random.Generator
        ) -> tuple[float, float]:
    """Percentile interval of F1 when whole articles (``members``: the sentence
    indices of each) are resampled with replacement."""
    k = len(members)
    f1s = []
    for _ in range(N_BOOT):
        i = np.concatenate([members[j] for j in rng.integers(0, k, k)])
        f1s.append(_prf(t[i], p[i])[2])
    lo, hi = np.quantile(f1s, [0.025, 0.975])
    return float(lo), float(hi)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--save", type=Path, help="fit on all gold sentences and save the model")
    args = ap.parse_args(argv)

    from framing.annotate import cohen_kappa, gold_from_annotations, load_annotations
    from framing.classify import FrameClassifier, cross_validate_frames, save_model
    from framing.lexicon import load_lexicon
    from framing.matcher import Matcher

    lex = load_lexicon("geopolitique")
    frames = list(lex.frames)
    gold = gold_from_annotations(load_annotations([str(s) for s in SHEETS]), rule="majority")
    texts = gold["text"].tolist()
    docs = [str(d) for d in gold["doc_id"]]
    members = [np.flatnonzero(np.asarray(docs) == d) for d in dict.fromkeys(docs)]
    labels = [set(x) if isinstance(x, list | tuple) else set(str(x).split(",")) - {""}
              for x in gold["labels"]]
    T = np.array([[f in ls for f in frames] for ls in labels])
    matcher = Matcher(lex)
    L = np.array([[f in {h.frame for h in matcher.match_text(t) if not h.negated} for f in frames]
                  for t in texts])
    cv = cross_validate_frames(texts, [sorted(ls) for ls in labels], classes=frames, seed=SEED,
                               groups=docs, unit="sentence")
    C = cv.predictions.astype(bool)
    base = cv.evaluation.per_frame
    base = base[base["system"] == "majority baseline"].set_index("frame")
    rng = np.random.default_rng(SEED)
    print(f"{len(texts)} gold sentences of {len(members)} articles (2 annotators, majority); "
          f"folds: {cv.evaluation.folds}; 95% bootstrap CIs, {N_BOOT} resamples of articles\n")
    print("| frame | gold | lexicon P | lexicon R | lexicon F1 [95% CI] | classifier P | "
          "classifier R | classifier F1 [95% CI] | baseline F1 | κ lexicon–classifier |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for j, f in enumerate(frames):
        lp, lr, lf = _prf(T[:, j], L[:, j])
        cp, cr, cf = _prf(T[:, j], C[:, j])
        llo, lhi = _ci(T[:, j], L[:, j], members, rng)
        clo, chi = _ci(T[:, j], C[:, j], members, rng)
        kappa = cohen_kappa(L[:, j].astype(int).tolist(), C[:, j].astype(int).tolist())
        print(f"| {f} | {int(T[:, j].sum())} | {lp:.2f} | {lr:.2f} | {lf:.2f} [{llo:.2f}, "
              f"{lhi:.2f}] | {cp:.2f} | {cr:.2f} | {cf:.2f} [{clo:.2f}, {chi:.2f}] | "
              f"{base.loc[f, 'f1']:.2f} | {kappa:.2f} |")
    tl, tc = T.ravel(), None
    lp, lr, lf = _prf(tl, L.ravel())
    cp, cr, cf = _prf(tl, C.ravel())
    tc = cv.evaluation.summary.set_index("system")
    print(f"| **micro** | {int(T.sum())} | {lp:.2f} | {lr:.2f} | {lf:.2f} | {cp:.2f} | {cr:.2f} | "
          f"{cf:.2f} | {tc.loc['majority baseline', 'micro_f1']:.2f} | — |")
    if args.save:
        model = FrameClassifier(classes=frames, unit="sentence").fit(
            texts, [sorted(ls) for ls in labels], groups=docs)
        save_model(model, args.save)
        print(f"\nsaved {args.save} ({args.save.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
