"""``python -m framing.classify`` — train, apply and evaluate frame classifiers.

Sub-commands::

    train           --data PATH [--labels FILE] [--format F] --out MODEL.skops
    predict         --model MODEL --data PATH --out FILE   (.csv, .jsonl, else labels format)
    evaluate        --model MODEL --data PATH --labels FILE [--json]
    cross-validate  --data PATH [--labels FILE] --folds 5 [--json]

``--format`` is ``semeval`` (a folder of ``article<ID>.txt`` and a labels file of
``<ID><TAB>Frame1,Frame2`` lines), ``csv``/``jsonl`` (a table with a text and a labels
column) or ``corpus`` (a corpus plus ``--labels``, a table keyed by ``doc_id`` and
optionally ``sent_id``, or an annotation sheet); guessed when not given.

Every evaluation prints the majority baseline (the k most frequent frames of the
*training* data, k chosen on the training data) on the same texts, with 95 %
bootstrap intervals (``--seed``) and the paired difference. On sentences whose
documents are known the bootstrap resamples whole documents (cluster bootstrap), and
cross-validation keeps the sentences of a document in one fold (``--group-by``);
identical texts (case and spacing ignored) and near-duplicates are always kept in one
fold. ``evaluate``
says how many texts the model was trained on; ``predict`` and ``evaluate`` warn when
the texts are not the unit (sentence or document) the model was trained on.

Exit codes: 0 success; 1 an input or model file cannot be used (one line says why);
2 bad command line; 3 predictions written, but some texts could not be read (each is
listed on stderr).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from ._cli import quiet_broken_pipe, whole_number
from .errors import FramingError, InputError

__all__ = ["EXIT_FATAL", "EXIT_OK", "EXIT_SKIPPED", "EXIT_USAGE", "build_parser",
           "format_evaluation", "main"]

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
PROG = "framing.classify"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{PROG}: error: {message} (see --help)\n")


def _min_labels(value: str) -> int | str:
    if value == "cv":
        return value
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be 'cv' or a whole number, not {value!r}") from None
    if k < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return k


def _threshold(value: str) -> float | str:
    if value == "cv":
        return value
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be 'cv' or a number in (0, 1), not {value!r}"
                                         ) from None
    if not 0 < t < 1:
        raise argparse.ArgumentTypeError("must be in (0, 1)")
    return t


def _regularisation(value: str) -> float:
    """--C: a positive, finite number (scikit-learn's own message for ``nan`` or
    ``-1`` comes only after the data are read, and names its parameter, not --C)."""
    try:
        c = float(value)
    except ValueError:
        c = math.nan
    if not 0 < c < math.inf:
        raise argparse.ArgumentTypeError(f"must be a positive number such as 10, not "
                                         f"{value[:40]!r}")
    return c


#: Suffixes of formats a user may expect predictions in but that framing does not
#: write (anything not .csv or .jsonl would otherwise get SemEval's tab-separated lines).
_NOT_PREDICTION_SUFFIXES = frozenset({".json", ".xlsx", ".xls", ".ods", ".parquet",
                                      ".feather", ".html", ".pkl", ".pickle"})


def _predictions_path(value: str) -> Path:
    """--out of predict: not a suffix that promises a format framing does not write."""
    path = Path(value)
    if path.suffix.lower() in _NOT_PREDICTION_SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"predictions are written as .csv, .jsonl or SemEval labels (.txt), not "
            f"{path.suffix}; rename {value[:80]!r}")
    return path


#: Seeds numpy's legacy generator (used for the folds) accepts: 0 to 2**32 - 1.
MAX_SEED = 2**32 - 1


def _data_args(p: argparse.ArgumentParser, *, labels: bool, labels_required: bool = False
               ) -> None:
    from .classify import DATA_FORMATS

    p.add_argument("--data", required=True, type=Path,
                   help="SemEval articles folder, corpus folder, or CSV/TSV/JSONL table")
    if labels:
        p.add_argument("--labels", type=Path, required=labels_required,
                       help="labels file (SemEval <ID><TAB>Frames lines, or a table keyed "
                            "by doc_id[, sent_id], or an annotation sheet)")
    p.add_argument("--format", choices=DATA_FORMATS, help="data format (default: guessed)")
    p.add_argument("--text-col", help="text column of a table (default: guessed)")
    p.add_argument("--labels-col", help="labels column (default: labels/frames/…)")
    p.add_argument("--id-col", help="id column of a table (default: doc_id/id)")


def _model_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("classifier (defaults explained in framing.classify)")
    g.add_argument("--classifier", choices=("logreg", "svm", "cnb"), default="logreg",
                   help="per-frame linear model (default logreg, class-balanced)")
    g.add_argument("--C", type=_regularisation, default=None,
                   help="inverse regularisation, a positive number (default 10)")
    g.add_argument("--lexicon", default="auto",
                   help="lexicon features: 'auto' (default), 'none', a name or a path")
    g.add_argument("--threshold", type=_threshold, default="cv",
                   help="'cv' (per-frame, tuned by inner CV on the training data; default) "
                        "or a number in (0, 1)")
    g.add_argument("--min-labels", type=_min_labels, default="cv",
                   help="at least this many frames per text, or 'cv' (default)")
    g.add_argument("--no-char-ngrams", action="store_true", help="word features only")
    g.add_argument("--inner-folds", type=whole_number(2), default=5,
                   help="inner CV folds for thresholds (default 5)")


def _eval_args(p: argparse.ArgumentParser) -> None:
    from .classify import BOOTSTRAP_SEED, MAX_BOOTSTRAP, N_BOOTSTRAP

    p.add_argument("--n-boot", type=whole_number(1, MAX_BOOTSTRAP), default=N_BOOTSTRAP,
                   help=f"bootstrap resamples, at most {MAX_BOOTSTRAP:,} (default {N_BOOTSTRAP})")
    p.add_argument("--seed", type=whole_number(0, MAX_SEED), default=BOOTSTRAP_SEED,
                   help=f"seed of the bootstrap and of the folds (default {BOOTSTRAP_SEED})")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=f"python -m {PROG}",
        description="Train, apply and evaluate multi-label frame classifiers for French "
                    "news (SemEval-2023 Task 3 subtask 2 format, tables, corpora).",
        epilog="Exit codes: 0 success; 1 an input or model file cannot be used; 2 bad "
               "command line; 3 predictions written, some texts skipped (listed).",
    )
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    t = sub.add_parser("train", help="train a classifier and save it (skops file)")
    _data_args(t, labels=True)
    t.add_argument("--out", type=Path, required=True, help="model file to write (.skops)")
    _model_args(t)
    t.add_argument("--quiet", action="store_true", help="no per-frame table")
    pr = sub.add_parser("predict", help="label texts with a saved classifier")
    pr.add_argument("--model", type=Path, required=True, help="model file (.skops)")
    _data_args(pr, labels=False)
    pr.add_argument("--out", type=_predictions_path, required=True,
                    help="predictions: .csv, .jsonl, or anything else (.txt) for the SemEval "
                         "labels format")
    ev = sub.add_parser("evaluate", help="score a saved classifier against gold labels")
    ev.add_argument("--model", type=Path, required=True, help="model file (.skops)")
    _data_args(ev, labels=True)
    _eval_args(ev)
    cv = sub.add_parser("cross-validate",
                        help="k-fold cross-validation (iterative stratification)")
    _data_args(cv, labels=True)
    cv.add_argument("--folds", type=whole_number(2), default=5, help="folds (default 5)")
    cv.add_argument("--group-by", choices=("document", "text"), default="document",
                    help="what never straddles two folds: 'document' (default: the "
                         "sentences of one document, when the data has sentence ids) or "
                         "'text' (only identical and near-duplicate texts, which are "
                         "always kept together)")
    _model_args(cv)
    _eval_args(cv)
    return p


# ---------------------------------------------------------------------------
# formatting


def _num(v: Any, signed: bool = False) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return f"{v:+.3f}" if signed else f"{v:.3f}"


def _rows(rows: list[list[str]], right: set[int] | None = None) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = right or set()
    return "\n".join(
        "  ".join(c.rjust(w) if i in right else c.ljust(w)
                  for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
        for r in rows)


def format_evaluation(ev: Any, title: str) -> str:
    """The text report of a :class:`framing.classify.Evaluation`."""
    from .classify import BASELINE_SYSTEM, DIFFERENCE_SYSTEM, MODEL_SYSTEM

    pct = round(ev.confidence * 100)
    unit = getattr(ev, "unit", "text")
    resampled = getattr(ev, "resampled", unit)
    how = (f"{resampled}s ({getattr(ev, 'n_resampled', 0)}, clusters of {unit}s)"
           if resampled != unit else f"{unit}s")
    lines = [f"{title}: {ev.n_documents} {unit}s; [{pct}% bootstrap interval, {ev.n_boot} "
             f"resamples of {how}, seed {ev.seed}]"]
    if getattr(ev, "folds", None):
        lines.append(f"folds: {ev.folds}")
    seen = getattr(ev, "n_seen_in_training", None)
    if seen:
        lines.append(f"{_seen_message(seen, ev.n_documents)}")
    lines.append("")
    rows = [["system", "micro-F1", f"{pct}% CI", "macro-F1", f"{pct}% CI"]]
    for r in ev.summary.itertuples(index=False):
        signed = r.system == DIFFERENCE_SYSTEM
        rows.append([
            r.system, _num(r.micro_f1, signed),
            f"[{_num(r.micro_f1_low, signed)}, {_num(r.micro_f1_high, signed)}]",
            _num(r.macro_f1, signed),
            f"[{_num(r.macro_f1_low, signed)}, {_num(r.macro_f1_high, signed)}]",
        ])
    lines.append(_rows(rows, {1, 3}))
    if ev.baseline_frames is not None:
        shown = ", ".join(ev.baseline_frames) or "(none)"
        lines.append(f"majority baseline: the {len(ev.baseline_frames)} most frequent training "
                     f"frame(s), k chosen on the training data: {shown}")
    else:
        lines.append("majority baseline: the k most frequent frames of each fold's training "
                     "part (k chosen there)")
    pf = ev.per_frame
    model = pf[pf["system"] == MODEL_SYSTEM].reset_index(drop=True)
    base = pf[pf["system"] == BASELINE_SYSTEM].reset_index(drop=True)
    rows = [["frame", "support", "predicted", "precision", "recall", "F1", "baseline F1"]]
    for m, b in zip(model.itertuples(index=False), base.itertuples(index=False), strict=True):
        rows.append([str(m.frame), str(m.support), str(m.predicted), _num(m.precision),
                     _num(m.recall), _num(m.f1), _num(b.f1)])
    lines += ["", _rows(rows, {1, 2, 3, 4, 5, 6})]
    return "\n".join(lines)


def _seen_message(seen: int, total: int) -> str:
    return (f"{seen} of {total} texts were in the training data: this is not a held-out "
            "evaluation")


# ---------------------------------------------------------------------------
# commands


def _load(args: argparse.Namespace, *, require_labels: bool) -> Any:
    from .classify import load_data

    return load_data(
        args.data, getattr(args, "labels", None), format=args.format,
        require_labels=require_labels, text_col=args.text_col, labels_col=args.labels_col,
        id_col=args.id_col, skip_bad=not require_labels,
    )


def _estimator(args: argparse.Namespace, classes: Sequence[str] | None, unit: str) -> Any:
    from .classify import FrameClassifier

    params: dict[str, Any] = {
        "model": args.classifier, "lexicon": None if args.lexicon == "none" else args.lexicon,
        "threshold": args.threshold, "min_labels": args.min_labels, "cv": args.inner_folds,
        "classes": tuple(classes) if classes is not None else None, "unit": unit,
    }
    if args.C is not None:
        params["C"] = args.C
    if args.no_char_ngrams:
        params["char_ngram_range"] = None
    return FrameClassifier(**params)


def _check_some_label(data: Any, args: argparse.Namespace) -> None:
    """Training needs at least one label; say which file has none."""
    if data.classes is None and not any(data.labels):
        raise InputError(f"{args.labels or args.data}: no text has a label; give at least one "
                         "frame")


#: Suspicious labels named in the one-line warning of train and cross-validate.
_SHOWN_LABELS = 5


def _lexicon_frames(args: argparse.Namespace, labels: Sequence[str]) -> tuple[str, set[str]] | None:
    """(name, frame ids) of the lexicon the run's classifier will use, or None."""
    from .classify import _resolve_lexicon
    from .lexicon import load_lexicon

    spec = _resolve_lexicon(None if args.lexicon == "none" else args.lexicon, labels)
    if spec is None:
        return None
    lex = load_lexicon(spec)
    return str(lex.name or spec), set(lex.frames)


def _check_labels(data: Any, args: argparse.Namespace) -> None:
    """Refuse labels identical on every text (nothing to learn: model and baseline
    would both score 1.0); warn, in one line, about labels on a single text or
    outside the frames of the lexicon the run uses (both often misspellings)."""
    where = args.labels or args.data
    sets = {frozenset(labs) for labs in data.labels}
    if len(data) > 1 and len(sets) == 1:
        shown = ", ".join(sorted(next(iter(sets)))) or "none"
        raise InputError(f"{where}: all {len(data)} texts have the same labels ({shown}): "
                         "there is nothing to learn; give texts with other frames, or with "
                         "none")
    counts = Counter(lab for labs in data.labels for lab in set(labs))
    lex = _lexicon_frames(args, sorted(data.classes or counts))
    notes: list[str] = []
    for lab in sorted(counts, key=lambda x: (counts[x], x)):
        why = []
        if counts[lab] == 1:
            why.append("on 1 text only")
        if lex is not None and lab not in lex[1]:
            why.append(f"not a frame of lexicon {lex[0]}")
        if why:
            notes.append(f"{lab!r} ({'; '.join(why)})")
    if notes:
        more = (f" and {len(notes) - _SHOWN_LABELS} more" if len(notes) > _SHOWN_LABELS
                else "")
        warnings.warn(f"{where}: check these labels: {', '.join(notes[:_SHOWN_LABELS])}{more}; "
                      "a frame seen once cannot be learnt and is often a misspelling",
                      UserWarning, stacklevel=2)


def _groups(data: Any) -> tuple[str, ...] | None:
    """The document of each text, when the texts are sentences of known documents."""
    return tuple(data.ids) if data.has_documents else None


def _train(args: argparse.Namespace) -> int:
    from .classify import save_model, warn_duplicate_texts
    from .output import check_output

    lexicon = Path(args.lexicon)
    check_output(args.out, [args.data, args.labels, lexicon if lexicon.is_file() else None])
    data = _load(args, require_labels=True)
    _check_some_label(data, args)
    _check_labels(data, args)
    warn_duplicate_texts(data.texts, ids=data.item_ids, where=str(args.labels or args.data))
    groups = _groups(data)
    clf = _estimator(args, data.classes, data.unit).fit(list(data.texts), list(data.labels),
                                                        groups=groups)
    save_model(clf, args.out)
    lv = clf.lexicon_vectorizer_
    how = (f"thresholds tuned by {clf.cv}-fold inner CV" if clf.threshold == "cv"
           else f"threshold {clf.threshold}")
    if groups is not None:
        how += f" grouped by document ({clf.n_train_groups_} groups)"
    print(f"{PROG}: trained on {len(data)} {clf.unit_}s, {len(clf.classes_)} frames "
          f"({clf.model}; lexicon {lv.lexicon_name_ if lv is not None else 'none'}; {how}; "
          f"at least {clf.min_labels_} frame(s) per text) → {args.out}")
    if not args.quiet:
        rows = [["frame", "train positives", "threshold"]]
        rows += [[str(c), str(int(n)), f"{t:.3f}"]
                 for c, n, t in zip(clf.classes_, clf.label_counts_, clf.thresholds_,
                                    strict=True)]
        print(_rows(rows, {1, 2}))
        if math.isfinite(clf.cv_micro_f1_):
            print(f"inner out-of-fold micro-F1 {clf.cv_micro_f1_:.3f} (optimistic: thresholds "
                  "were chosen on it; use cross-validate or a held-out set)")
    return EXIT_OK


def _predict(args: argparse.Namespace) -> int:
    from .classify import _decide, load_model, model_path, warn_unit_mismatch, write_predictions
    from .output import check_output

    check_output(args.out, [args.data, model_path(args.model)])
    model = load_model(args.model)
    data = _load(args, require_labels=False)
    warn_unit_mismatch(model, data.unit, str(args.data))
    scores = model.predict_proba(list(data.texts))
    pred = _decide(scores, model.thresholds_, model.min_labels_)
    labels = [[model.classes_[j] for j in row.nonzero()[0]] for row in pred]
    fmt = write_predictions(args.out, data, labels, scores=scores,
                            classes=list(model.classes_))
    for s in data.skipped:  # as the report does: listed, and exit 3
        print(f"{PROG}: skipped {s}", file=sys.stderr)
    print(f"{PROG}: {len(data)} texts labelled → {args.out} ({fmt} format)"
          + (f"; {len(data.skipped)} skipped" if data.skipped else ""))
    return EXIT_SKIPPED if data.skipped else EXIT_OK


def _check_known(labels: Sequence[Sequence[str]], classes: Sequence[Any], where: Path) -> None:
    known = {str(c) for c in classes}
    for labs in labels:
        for x in labs:
            if x not in known:
                raise InputError(f"{where}: label {x!r} is not one of the model's frames "
                                 f"({', '.join(sorted(known))})")


def _evaluate(args: argparse.Namespace) -> int:
    from .classify import (
        _binarize,
        evaluate_model,
        load_model,
        training_digest,
        warn_unit_mismatch,
    )

    model = load_model(args.model)
    data = _load(args, require_labels=True)
    where = args.labels or args.data
    _check_known(data.labels, list(model.classes_), where)
    warn_unit_mismatch(model, data.unit, str(args.data))
    Y, _ = _binarize(list(data.labels), len(data), list(model.classes_))
    ev = evaluate_model(model, list(data.texts), Y, n_boot=args.n_boot, seed=args.seed,
                        groups=_groups(data), unit=data.unit)
    if ev.n_seen_in_training:
        warnings.warn(f"{where}: {_seen_message(ev.n_seen_in_training, len(data))}; evaluate on "
                      "texts the model was not trained on", UserWarning, stacklevel=1)
    elif getattr(model, "training_text_hashes_", None) is None and training_digest(
            list(data.texts), Y, list(model.classes_)) == model.training_digest_:
        warnings.warn(f"{where}: this is the model's training data: this is not a held-out "
                      "evaluation", UserWarning, stacklevel=1)
    if args.json:
        print(json.dumps({"command": "evaluate", "model": str(args.model),
                          "data": str(args.data), **ev.to_dict()}, ensure_ascii=False,
                         indent=2))
    else:
        print(format_evaluation(ev, f"{PROG} evaluate {args.model.name}"))
    return EXIT_OK


def _cross_validate(args: argparse.Namespace) -> int:
    from .classify import cross_validate_frames, text_groups, warn_duplicate_texts

    data = _load(args, require_labels=True)
    where = args.labels or args.data
    _check_some_label(data, args)
    _check_labels(data, args)
    warn_duplicate_texts(data.texts, ids=data.item_ids, where=str(where))
    groups = _groups(data) if args.group_by == "document" else None
    n_groups = int(text_groups(data.texts, groups).max()) + 1
    what = ("documents" if groups is not None else "distinct texts")
    if n_groups < 2:
        raise InputError(f"{where}: all texts are in 1 of the {what} that folds are made of; "
                         "cross-validation needs at least 2"
                         + (" (try --group-by text)" if groups is not None else ""))
    if args.folds > n_groups:
        raise InputError(f"{where}: --folds {args.folds} is more than the {n_groups} {what} "
                         f"that folds are made of; use --folds {max(n_groups, 2)} or fewer")
    est = _estimator(args, data.classes, data.unit)
    cv = cross_validate_frames(list(data.texts), list(data.labels), classes=data.classes,
                               estimator=est, folds=args.folds, seed=args.seed,
                               n_boot=args.n_boot, groups=groups, unit=data.unit,
                               warn_duplicates=False)
    if args.json:
        folds = [{k: (None if isinstance(v, float) and not math.isfinite(v) else v)
                  for k, v in r.items()} for r in cv.folds.to_dict(orient="records")]
        print(json.dumps({"command": "cross-validate", "data": str(args.data),
                          "folds": folds, **cv.evaluation.to_dict()}, ensure_ascii=False,
                         indent=2))
        return EXIT_OK
    print(format_evaluation(cv.evaluation, f"{PROG} cross-validate ({args.folds} folds, "
                                           "pooled out-of-fold predictions)"))
    rows = [["fold", "train", "test", "micro-F1", "macro-F1", "baseline micro-F1",
             "baseline k", "min labels"]]
    for r in cv.folds.itertuples(index=False):
        rows.append([str(r.fold), str(r.n_train), str(r.n_test), _num(r.micro_f1),
                     _num(r.macro_f1), _num(r.baseline_micro_f1), str(r.baseline_k),
                     str(r.min_labels)])
    print("\n" + _rows(rows, set(range(1, 8))))
    return EXIT_OK


_COMMANDS = {"train": _train, "predict": _predict, "evaluate": _evaluate,
             "cross-validate": _cross_validate}


@quiet_broken_pipe
def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = _COMMANDS[args.command](args)
        except (FramingError, ValueError) as exc:
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            print(f"{PROG}: error: {msg}", file=sys.stderr)
            code = EXIT_FATAL
        except KeyboardInterrupt:
            print(f"{PROG}: interrupted", file=sys.stderr)
            code = 130
    shown: set[str] = set()
    for w in caught:
        msg = str(w.message).splitlines()[0] if str(w.message) else ""
        if msg and msg not in shown and not issubclass(w.category, DeprecationWarning):
            shown.add(msg)
            print(f"{PROG}: warning: {msg}", file=sys.stderr)
    return code


if __name__ == "__main__":
    # the command is python -m framing.classify; this module (its implementation) runs
    # the same main rather than exiting 0 without a word
    from framing.classify import main as _main

    raise SystemExit(_main())
