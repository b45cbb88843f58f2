"""Supervised frame detection: French text features, a multi-label frame classifier,
evaluation with baselines and intervals, SemEval-2023 input/output, safe model files.

Estimators (scikit-learn API)
-----------------------------
* :class:`FrenchAnalyzer` — a picklable callable that turns a French text into
  features with framing's tokenizer: lemmas (or normalised surface forms), stop words
  removed **but negators kept** (``ne``/``n'``, ``pas``, ``plus``, ``jamais``, ``rien``,
  ``aucun``, ``personne``, ``ni``, ``sans``: scikit-learn's default token pattern drops
  ``n'``, half of French negation), word n-grams inside a sentence, optional character
  n-grams inside words. Plugs into ``TfidfVectorizer(analyzer=FrenchAnalyzer(...))``.
* :class:`LexiconVectorizer` — per-frame hit counts of any framing lexicon, per 1,000
  word tokens, un-negated hits only (negated hits optionally as separate features).
* :class:`FrameClassifier` — multi-label frame detection: one binary linear model per
  frame (one-vs-rest) over TF-IDF word and character n-grams plus lexicon features,
  per-frame decision thresholds tuned by cross-validation *on the training data only*,
  and an optional "at least k frames per document" fallback.
* :class:`MajorityFrames` — the majority baseline: always the k most frequent frames
  of the training set, k chosen on the training set.
* :class:`IterativeStratifiedKFold` — k-fold splits that keep every label's proportion
  (Sechidis, Tsoumakas & Vlahavas 2011), for multi-label data where plain stratified
  k-fold does not apply.

Why these defaults (small data, many labels, long documents)
------------------------------------------------------------
The design target is SemEval-2023 Task 3, subtask 2, French: 158 training articles of
several hundred words, 14 frames, about 3 frames per article. On such data the
variance of every estimate dominates, so each default trades a little bias for less
variance, and nothing is tuned on evaluation data:

* **Features.** Word uni- and bigrams of *lemmas* (French inflection spreads one
  word over many forms; on 158 documents most forms are seen once) with
  ``sublinear_tf`` (``1 + log tf``: a long article repeating "budget" 20 times is not
  20 times more Economic) and ``min_df=2`` (a term seen in one training document can
  only memorise that document). Character 3-5-grams of surface forms inside words add
  robustness to unseen inflections, compounds and proper-noun variants, which helps
  most when data is small; word and character blocks are L2-normalised separately so
  that the (many more) character features do not drown the words. Numbers become
  ``<nombre>``/``<pourcentage>``: which figure is cited rarely generalises, that figures
  are cited does (Economic framing).
* **Lexicon features.** ``lexicon="auto"`` uses the shipped lexicon whose frame ids
  share most labels with the training labels (``cadres_generiques`` for the SemEval
  frames, ``geopolitique`` for its own): a transparent prior written from the frame
  definitions, independent of the training sample. Rates are ``log1p``-damped,
  max-abs scaled on the training data and the block is scaled to at most unit norm,
  like each text block, so no block dominates by scale alone.
* **Model.** Logistic regression with ``class_weight="balanced"``: frames are
  rare (about 3 of 14 per article, so a frame is in ~20 % of articles on average and
  many in far fewer) and an unweighted model learns to say "no" to them; balanced
  weights put the decision boundary where the threshold can still move it. ``C=10``
  (weak L2) because the ranking, not the calibration, is what the tuned thresholds
  need, and with far more features than documents the training set is nearly
  separable anyway. Solved by liblinear's dual coordinate descent (the method of
  choice when features outnumber documents). Linear SVM and complement naive Bayes
  are available (``model="svm"|"cnb"``); all three are linear, so explanations are
  exact (``contribution = value × weight``).
* **Thresholds.** A fixed 0.5 is wrong for rare labels (the F1-optimal threshold of a
  calibrated model is half the achievable F1, Lipton, Elkan & Narayanaswamy 2014) and
  tuning it on dev data is not allowed. So: out-of-fold scores from an inner
  ``cv``-fold iterative stratified CV on the training data; per frame, the threshold
  maximising F1, *bagged* (median over ``THRESHOLD_BAGS`` bootstrap resamples of the
  out-of-fold scores: the raw argmax jumps between neighbouring scores on ~150
  documents), clipped to ``threshold_bounds`` (a frame stays reachable and never
  becomes "always"), and 0.5 for frames with fewer than ``MIN_POSITIVES_TO_TUNE``
  positives (too few to estimate anything).
* **Fallback.** ``min_labels="cv"`` chooses k in ``0..ceil(mean labels per document)``
  on the same out-of-fold scores: every document gets at least its k most likely
  frames, ranked by how far each frame's score is above or below *its own* threshold
  (logit scale), so a frequent frame with a low threshold does not win by default.
  Articles nearly always carry a frame, so k >= 1 should win there; sentences often
  carry none, so k = 0 should. ``min_labels=1`` forces "at least the most likely
  frame".

Only a synthetic sanity check is run here (``tests/test_classify.py``): the SemEval
data is restricted and never stored in the repository.

Evaluation
----------
:func:`evaluate_predictions` reports micro-F1 (the official SemEval metric, over the
frames), macro-F1 and per-frame precision, recall and F1, always next to the majority
baseline computed from the *training* label counts, with 95 % bootstrap intervals
(documents resampled, seeded) and the paired model − baseline difference. Literal
definitions, per frame: ``F1 = 2TP / (2TP + FP + FN)``; precision is undefined (NaN)
when nothing is predicted, recall when nothing is gold; micro-F1 sums TP, FP, FN over
frames; macro-F1 is the mean F1 over the frames that occur in the gold data or the
predictions (a frame absent from both has no defined F1 and is left out).

Data formats
------------
* **SemEval-2023 Task 3, subtask 2**: a folder of ``article<ID>.txt`` (title, blank
  line, body; CRLF or LF) and a labels file of ``<ID><TAB>Frame1,Frame2`` lines
  (:func:`read_semeval`, :func:`write_semeval_labels`).
* **Tables** (CSV/TSV/JSONL): a text column and a labels column (a JSON list or a
  ``,``-separated string), one row per document or per sentence (``read_table_data``).
* **A corpus plus an annotation file** keyed by ``doc_id`` (and ``sent_id`` for
  sentence-level labels): :func:`read_corpus_data`. Annotation sheets written by
  :mod:`framing.annotate` are read directly (majority adjudication).

Model files
-----------
:func:`save_model` writes a skops file (never pickle) holding the classifier and
a header: framing and scikit-learn versions, a digest of the feature code
(:func:`feature_code_digest`), labels, thresholds, the training unit (sentence or
document), the number of training texts and groups, and a SHA-256 of the training
data. The model itself holds its parameters and one short digest per training text
(to flag training texts in evaluation data).
:func:`load_model` lists the file's types with :func:`skops.io.get_untrusted_types`,
refuses anything outside :data:`MODEL_ALLOWED_TYPES` with one line, then checks that
the header agrees with the classifier. A pickle file is refused on sight.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from . import __version__
from .dedupe import NEAR_DUPLICATE_JACCARD, DuplicateIndex, fingerprint
from .errors import FramingError, InputError
from .tokenizer import Tokens, fold_accents, stopwords, tokens

if TYPE_CHECKING:
    from .corpus import Skipped
    from .lexicon import Lexicon
    from .matcher import Matcher

__all__ = [
    "BOOTSTRAP_SEED",
    "CHAR_PREFIX",
    "CONFIDENCE",
    "DATA_FORMATS",
    "DEFAULT_MODEL",
    "FEATURE_MODULES",
    "LEXICON_PREFIX",
    "MAX_BOOTSTRAP",
    "MIN_POSITIVES_TO_TUNE",
    "MODEL_ALLOWED_TYPES",
    "NUMBER_FEATURE",
    "N_BOOTSTRAP",
    "PERCENT_FEATURE",
    "SEMEVAL_FRAMES",
    "TEXT_HASH_BYTES",
    "THRESHOLD_BAGS",
    "UNITS",
    "UNIT_SAMPLE",
    "CrossValidation",
    "Evaluation",
    "FrameClassifier",
    "FrenchAnalyzer",
    "IterativeStratifiedKFold",
    "LabelledData",
    "LexiconVectorizer",
    "MajorityFrames",
    "ModelFileError",
    "bootstrap_interval",
    "check_label_sets",
    "cross_validate_frames",
    "duplicate_texts",
    "evaluate_model",
    "evaluate_predictions",
    "feature_code_digest",
    "frame_metrics",
    "infer_unit",
    "iterative_stratification",
    "load_data",
    "load_model",
    "macro_f1",
    "main",
    "majority_baseline",
    "micro_f1",
    "model_header",
    "model_path",
    "normalise_text",
    "read_corpus_data",
    "read_semeval",
    "read_semeval_labels",
    "read_table_data",
    "save_model",
    "text_groups",
    "text_hashes",
    "training_digest",
    "warn_duplicate_texts",
    "warn_unit_mismatch",
    "write_predictions",
    "write_semeval_labels",
]

# ---------------------------------------------------------------------------
# constants

#: The 14 generic frames of SemEval-2023 Task 3 subtask 2 (the Media Frames Corpus
#: taxonomy, Card et al. 2015), spelled as in the task's label files; they are also
#: the frame ids of the shipped ``cadres_generiques`` lexicon.
SEMEVAL_FRAMES: tuple[str, ...] = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)

#: Prefix of character n-gram features (word features never contain ``:``, so the
#: two kinds cannot collide: ``pas`` the word vs ``c: pa`` inside "passé").
CHAR_PREFIX = "c:"
#: Prefix of lexicon features in :class:`FrameClassifier` explanations.
LEXICON_PREFIX = "lexicon:"
#: Feature standing for any number / any percentage (see the module docstring).
NUMBER_FEATURE = "<nombre>"
PERCENT_FEATURE = "<pourcentage>"

#: Frames with fewer training positives than this keep the default threshold 0.5:
#: with 5 inner folds that is under one positive per held-out fold, and the F1 curve
#: of 1-3 scores says nothing about new documents.
MIN_POSITIVES_TO_TUNE = 4
#: Bootstrap resamples of the out-of-fold scores whose F1-maximising thresholds are
#: bagged (median). 50 is enough for a median to settle to the plateau's middle
#: (its standard error falls as 1/sqrt(B)) and costs milliseconds.
THRESHOLD_BAGS = 50
#: The threshold of a balanced linear model's own decision boundary (probability
#: 0.5, margin 0), used when a frame cannot be tuned.
DEFAULT_THRESHOLD = 0.5
#: Logit given to a frame that is constant in the training data (never or always
#: present): a probability of about 1e-9, far beyond any tuned threshold.
CONSTANT_LOGIT = 20.0
#: Probabilities are clipped to [EPS, 1 - EPS] before taking logits.
_EPS = 1e-12
#: Iterations for the logistic regression solver. The solver is liblinear's dual
#: coordinate descent (Yu, Huang & Lin 2011), the method of choice when features
#: outnumber documents, as they always do here (16x faster than lbfgs on the tests'
#: data, same weights up to the intercept, which liblinear regularises).
LOGREG_MAX_ITER = 1000
#: Laplace smoothing for complement naive Bayes (Rennie et al. 2003 use 1).
CNB_ALPHA = 1.0

#: Bootstrap resamples for evaluation intervals (percentile method; 1,000 gives
#: interval ends stable to about ±0.01 F1 on ~100 documents).
N_BOOTSTRAP = 1000
#: Most bootstrap resamples the command line accepts. The Monte Carlo error of the
#: interval ends falls as 1/sqrt(resamples): 10,000 already puts it near ±0.003 F1,
#: far below the sampling error the interval measures, while memory grows as
#: resamples × texts (8 bytes each: 800 MB for 10,000 resamples of 10,000 texts).
MAX_BOOTSTRAP = 10_000
#: Default seed of bootstrap intervals and cross-validation folds.
BOOTSTRAP_SEED = 13
#: Coverage of the reported intervals.
CONFIDENCE = 0.95

#: Labels columns recognised in tables, compared in lower case.
LABEL_COLUMNS = ("labels", "label", "frames", "frame", "cadres", "cadre", "étiquettes")

#: The types a framing model file may contain beyond those skops trusts by default
#: (scikit-learn estimators, numpy arrays, builtins). Anything else is refused.
MODEL_ALLOWED_TYPES: frozenset[str] = frozenset(
    {
        "framing.classify.FrameClassifier",
        "framing.classify.FrenchAnalyzer",
        "framing.classify.LexiconVectorizer",
        "framing.classify._identity",
    }
)
#: Format tag and version of framing model files.
MODEL_FORMAT = "framing.classify/FrameClassifier"
MODEL_FORMAT_VERSION = 1

#: Units a text can be: one sentence, or a whole document (article). A model records
#: the unit it was trained on (``unit_``) because its thresholds and its "at least k
#: frames" fallback fit that unit only: a sentence rarely has a frame, an article
#: nearly always has several.
UNITS = ("sentence", "document")
#: Bytes of the BLAKE2b digest kept per training text to recognise training texts
#: in evaluation data. With 8 bytes (64 bits) the chance that two of n texts
#: collide is about n**2 / 2**65 (birthday bound): 3e-10 for 100,000 texts.
TEXT_HASH_BYTES = 8
#: Texts tokenized to tell whether a list of texts is sentences or documents
#: (:func:`infer_unit`): a majority of 200 evenly spread texts is far from 50 % on
#: either kind of data, and tokenizing 200 articles takes well under a second.
UNIT_SAMPLE = 200

_MODELS = ("logreg", "svm", "cnb")


# ---------------------------------------------------------------------------
# input checking


def _check_texts(X: Any, what: str = "X") -> list[str]:
    """A list of texts from ``X`` (list, tuple, 1-D array, pandas Series)."""
    if isinstance(X, (str, bytes)):
        raise ValueError(f"{what} must be a list of texts, not one string; wrap it in a list")
    if sp.issparse(X) or (isinstance(X, np.ndarray) and X.ndim != 1):
        raise ValueError(f"{what} must be a one-dimensional list of texts (strings)")
    try:
        items = list(X)
    except TypeError:
        raise ValueError(f"{what} must be a list of texts, not {type(X).__name__}") from None
    out: list[str] = []
    for i, x in enumerate(items):
        if not isinstance(x, str):
            raise ValueError(f"{what}[{i}] is {type(x).__name__}, not a text (str)")
        out.append(str(x))
    return out


def _binarize(
    Y: Any, n_samples: int, classes: Sequence[Any] | None
) -> tuple[np.ndarray, tuple[Any, ...]]:
    """A 0/1 indicator matrix and its classes from label lists or an indicator matrix.

    ``Y`` is either a binary indicator matrix (array, sparse matrix or DataFrame whose
    columns name the frames) or one collection of labels per sample (a string counts
    as one label). ``classes`` fixes the columns and their order. Labels should be
    strings: equal-length lists of integers are read as an indicator matrix.
    """
    given = tuple(classes) if classes is not None else None
    if given is not None and len(set(given)) != len(given):
        raise ValueError("classes has duplicates")
    indicator: np.ndarray | None = None
    names: tuple[Any, ...] | None = None
    if isinstance(Y, pd.DataFrame):
        indicator = Y.to_numpy()
        names = tuple(Y.columns)
    elif sp.issparse(Y):
        indicator = Y.toarray()
    elif isinstance(Y, np.ndarray) and Y.ndim == 2:
        indicator = Y
    elif isinstance(Y, (list, tuple)) and Y and all(
        isinstance(r, (list, tuple, np.ndarray)) and len(r) > 0
        and all(isinstance(v, (int, np.integer, bool, np.bool_)) for v in r)
        for r in Y
    ) and len({len(r) for r in Y}) == 1:
        indicator = np.asarray(Y)
    if indicator is not None:
        if indicator.ndim != 2:
            raise ValueError("Y must be a 2-D indicator matrix or one list of labels per text")
        if indicator.shape[0] != n_samples:
            raise ValueError(f"Y has {indicator.shape[0]} rows for {n_samples} texts")
        if not np.isin(indicator, (0, 1)).all():
            raise ValueError("an indicator matrix Y must hold only 0 and 1")
        if given is not None:
            if len(given) != indicator.shape[1]:
                raise ValueError(
                    f"classes has {len(given)} names for {indicator.shape[1]} columns of Y"
                )
            if names is not None and tuple(names) != given:
                raise ValueError("classes and the columns of the Y DataFrame differ")
            names = given
        elif names is None:
            names = tuple(range(indicator.shape[1]))
        return indicator.astype(np.int8), names
    try:
        rows = list(Y)
    except TypeError:
        raise ValueError("Y must be an indicator matrix or one list of labels per text") from None
    if len(rows) != n_samples:
        raise ValueError(f"Y has {len(rows)} label lists for {n_samples} texts")
    label_rows: list[tuple[Any, ...]] = []
    for i, r in enumerate(rows):
        if isinstance(r, str):
            label_rows.append((r,))
        elif r is None:
            label_rows.append(())
        else:
            try:
                label_rows.append(tuple(r))
            except TypeError:
                raise ValueError(f"Y[{i}] is not a list of labels") from None
    seen = {lab for r in label_rows for lab in r}
    if given is None:
        names = tuple(sorted(seen, key=str))
    else:
        unknown = sorted((s for s in seen if s not in set(given)), key=str)
        if unknown:
            raise ValueError(f"label {unknown[0]!r} is not one of the classes {list(given)}")
        names = given
    index = {c: j for j, c in enumerate(names)}
    out = np.zeros((n_samples, len(names)), dtype=np.int8)
    for i, r in enumerate(label_rows):
        for lab in r:
            out[i, index[lab]] = 1
    return out, names


def _as_tags(tags: Any, *, multi_label: bool) -> Any:
    """Estimator tags for text input (see the test module for the checks that run)."""
    tags.input_tags.two_d_array = False
    tags.input_tags.one_d_array = True
    tags.input_tags.string = True
    if multi_label:
        tags.target_tags.required = True
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = False
        tags.classifier_tags.multi_label = True
    return tags


# ---------------------------------------------------------------------------
# texts: identity, groups, unit


def normalise_text(text: str) -> str:
    """The form under which two texts count as the same text: Unicode NFC, case
    folded, every run of white space (non-breaking spaces included) one space, no
    space at either end."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def text_hashes(texts: Iterable[str]) -> np.ndarray:
    """The sorted, distinct ``TEXT_HASH_BYTES``-byte BLAKE2b digests (as unsigned
    64-bit integers) of the normalised texts (:func:`normalise_text`): what a model
    keeps to recognise its training texts, whatever their order or labels."""
    return np.asarray(sorted({_text_hash(t) for t in texts}), dtype=np.uint64)


def _text_hash(text: str) -> int:
    data = normalise_text(text).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=TEXT_HASH_BYTES).digest(), "little")


def duplicate_texts(texts: Sequence[str]) -> list[tuple[int, int]]:
    """``(i, j)`` for every text ``i`` that repeats an earlier text ``j`` (the first
    one), once case and spacing are ignored (:func:`normalise_text`)."""
    first: dict[str, int] = {}
    out: list[tuple[int, int]] = []
    for i, t in enumerate(texts):
        j = first.setdefault(normalise_text(t), i)
        if j != i:
            out.append((i, j))
    return out


def warn_unit_mismatch(model: Any, unit: str, where: str) -> bool:
    """Warn (one line naming ``where``) when texts of ``unit`` (``"sentence"`` or
    ``"document"``) are given to a model trained on the other unit: its thresholds
    and its "at least k frames" fallback fit the unit it was trained on. Returns
    whether it warned; a model that does not record its unit is not checked."""
    trained = getattr(model, "unit_", None)
    if trained is None or trained == unit:
        return False
    advice = ("label articles sentence by sentence with `python -m framing.report CORPUS "
              "--model MODEL`, or give sentences" if trained == "sentence"
              else "train a model on sentences (an annotation sheet) to label sentences")
    warnings.warn(f"{where}: these texts are {unit}s but the model was trained on {trained}s "
                  f"(its thresholds fit {trained}s); {advice}", UserWarning, stacklevel=3)
    return True


def warn_duplicate_texts(texts: Sequence[str], *, ids: Sequence[str] | None = None,
                         where: str = "") -> int:
    """Warn (one line) when some texts repeat others; returns how many do. Identical
    texts are kept in one cross-validation fold (:func:`text_groups`), but each still
    counts as a text in the scores."""
    dups = duplicate_texts(texts)
    if dups:
        i, j = dups[0]
        name = (lambda k: repr(ids[k])) if ids is not None else (lambda k: f"text {k + 1}")
        prefix = f"{where}: " if where else ""
        warnings.warn(f"{prefix}{len(dups)} of {len(texts)} texts repeat another text once "
                      f"case and spacing are ignored (e.g. {name(i)} repeats {name(j)}); "
                      "identical texts are kept in the same fold, remove the repeats if "
                      "they are not meant", UserWarning, stacklevel=2)
    return len(dups)


_HAS_WORD = re.compile(r"\w")


def text_groups(texts: Sequence[str], groups: Sequence[Any] | np.ndarray | None = None,
                *, near_duplicates: float | None = NEAR_DUPLICATE_JACCARD) -> np.ndarray:
    """Group numbers ``0 .. G-1``, one per text, numbered in order of first
    appearance: texts that share a value of ``groups`` (e.g. a document id), are
    identical once case and spacing are ignored, or are near-duplicates are in one
    group, and so, step by step, is everything linked to them (connected components).
    Cross-validation never puts one group on both sides of a split.

    Near-duplicates are found as ``python -m framing.report --dedupe`` finds them
    (:mod:`framing.dedupe`: the same words once case and punctuation are ignored, or
    a Jaccard similarity of 5-word shingles of at least ``near_duplicates``,
    estimated by MinHash, over the whole text; a text is compared with the earlier
    texts that were not duplicates themselves; a text without a word is compared with
    none): the same dispatch retold with a word changed must not be scored on the
    copy it was trained on. ``near_duplicates=None`` links identical texts and
    ``groups`` only."""
    n = len(texts)
    if groups is not None and len(groups) != n:
        raise ValueError(f"groups has {len(groups)} values for {n} texts")
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for keys in ([normalise_text(t) for t in texts],
                 list(groups) if groups is not None else None):
        if keys is None:
            continue
        first: dict[Any, int] = {}
        for i, key in enumerate(keys):
            j = first.setdefault(key, i)
            if j != i:
                link(i, j)
    if near_duplicates is not None:
        with DuplicateIndex(near_duplicates) as index:
            for i, text in enumerate(texts):
                if not _HAS_WORD.search(text):
                    continue  # "", "!!!": nothing to compare (were all one group)
                # the whole text: fingerprint() ignores what comes before a blank line
                # as a title, which a text to classify does not have
                found = index.add(str(i), fingerprint("\n\n" + text))
                if found is not None:
                    link(i, int(found[1]))
    return _group_numbers([root(i) for i in range(n)])


def infer_unit(texts: Sequence[str]) -> str:
    """``"sentence"`` when more than half of the texts are one sentence (or none) by
    framing's tokenizer, else ``"document"`` (judged on at most ``UNIT_SAMPLE``
    texts spread evenly over the list)."""
    if not texts:
        return "document"
    step = max(1, math.ceil(len(texts) / UNIT_SAMPLE))
    seen = texts[::step]
    single = sum(len(tokens(t).sentences) <= 1 for t in seen)
    return "sentence" if 2 * single > len(seen) else "document"


# ---------------------------------------------------------------------------
# FrenchAnalyzer


def _identity(x: Any) -> Any:
    """Analyzer for already-analysed documents (lists of features)."""
    return x


class FrenchAnalyzer:
    """Turn a French text into features with framing's tokenizer.

    ``FrenchAnalyzer(lemma=True, ngram_range=(1, 2))`` gives lemma uni- and bigrams;
    use it as ``TfidfVectorizer(analyzer=FrenchAnalyzer(...))``. Word n-grams are built
    inside each sentence over the tokens that remain after stop-word removal, so
    ``n'est pas dirigée`` gives ``ne pas`` and ``pas diriger``: negators are never stop
    words. ``char_ngram_range=(3, 5)`` adds character n-grams of each remaining word
    (padded with spaces, like scikit-learn's ``char_wb``), prefixed with ``c:``;
    ``ngram_range=None`` leaves only those. Numbers become ``<nombre>`` and
    percentages ``<pourcentage>`` (``numbers=False`` drops them); URLs and e-mail
    addresses are dropped. ``accents=False`` folds accents.

    Plain attributes only: picklable, comparable, safe to ``clone``.
    """

    def __init__(
        self,
        *,
        lemma: bool = True,
        ngram_range: tuple[int, int] | None = (1, 1),
        char_ngram_range: tuple[int, int] | None = None,
        stop_words: bool = True,
        accents: bool = True,
        numbers: bool = True,
    ) -> None:
        self.lemma = lemma
        self.ngram_range = ngram_range
        self.char_ngram_range = char_ngram_range
        self.stop_words = stop_words
        self.accents = accents
        self.numbers = numbers

    def _params(self) -> dict[str, Any]:
        return {
            "lemma": self.lemma, "ngram_range": self.ngram_range,
            "char_ngram_range": self.char_ngram_range, "stop_words": self.stop_words,
            "accents": self.accents, "numbers": self.numbers,
        }

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params().items())
        return f"FrenchAnalyzer({args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrenchAnalyzer) and self._params() == other._params()

    def __hash__(self) -> int:
        return hash(tuple(self._params().items()))

    @staticmethod
    def _check_range(value: Any, name: str) -> tuple[int, int] | None:
        if value is None:
            return None
        try:
            lo, hi = (int(v) for v in value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a pair (min_n, max_n), not {value!r}") from None
        if not 1 <= lo <= hi:
            raise ValueError(f"{name} must satisfy 1 <= min_n <= max_n, not {value!r}")
        return lo, hi

    def __call__(self, doc: str) -> list[str]:
        if not isinstance(doc, str):
            raise ValueError(f"FrenchAnalyzer analyses texts (str), not {type(doc).__name__}")
        return self.analyze_tokens(tokens(doc))

    def analyze_tokens(self, toks: Tokens) -> list[str]:
        """The features of an already tokenized text."""
        words = self._check_range(self.ngram_range, "ngram_range")
        chars = self._check_range(self.char_ngram_range, "char_ngram_range")
        if words is None and chars is None:
            raise ValueError("FrenchAnalyzer needs ngram_range or char_ngram_range")
        stops = stopwords() if self.stop_words else frozenset()
        out: list[str] = []
        for s in toks.sentences:
            seq: list[str] = []
            surfaces: list[str] = []
            for t in toks.tokens[s.first : s.last]:
                if t.kind == "number":
                    if self.numbers:
                        seq.append(PERCENT_FEATURE if "%" in t.norm else NUMBER_FEATURE)
                    continue
                if t.kind not in ("word", "elision"):
                    continue
                if t.norm in stops or (self.lemma and t.lemma in stops):
                    continue
                form = t.lemma if self.lemma else t.norm
                surface = t.norm
                if not self.accents:
                    form, surface = fold_accents(form), fold_accents(surface)
                seq.append(form)
                surfaces.append(surface)
            if words is not None:
                lo, hi = words
                for n in range(lo, hi + 1):
                    out.extend(" ".join(seq[i : i + n]) for i in range(len(seq) - n + 1))
            if chars is not None:
                out.extend(_char_ngrams(surfaces, chars))
        return out


def _char_ngrams(words: Sequence[str], rng: tuple[int, int]) -> Iterator[str]:
    lo, hi = rng
    for w in words:
        padded = f" {w} "
        for n in range(lo, hi + 1):
            if len(padded) <= n:
                yield CHAR_PREFIX + padded
                break
            for i in range(len(padded) - n + 1):
                yield CHAR_PREFIX + padded[i : i + n]


# ---------------------------------------------------------------------------
# LexiconVectorizer


def _lexicon_source(lex: Lexicon) -> tuple[str, str]:
    """(file name, text) from which the lexicon can be rebuilt exactly."""
    if lex.path and Path(lex.path).is_file():
        p = Path(lex.path)
        return p.name, p.read_bytes().decode("utf-8", errors="replace")
    import yaml

    frames: dict[str, Any] = {}
    for fid, frame in lex.frames.items():
        specs: list[Any] = []
        for pat in frame.patterns:
            src = pat.source
            specs.append(yaml.safe_load(src) if src.startswith("{") else src)
        frames[fid] = {"label": {"fr": frame.label_fr, "en": frame.label_en},
                       "patterns": specs}
    doc = {"name": lex.name or "lexicon", "language": lex.language or "fr",
           "frames": frames}
    return f"{lex.name or 'lexicon'}.yaml", yaml.safe_dump(doc, allow_unicode=True,
                                                          sort_keys=False)


def _lexicon_from_source(source: tuple[str, str]) -> Lexicon:
    import tempfile

    from .lexicon import load_lexicon

    name, text = source
    with tempfile.TemporaryDirectory(prefix="framing-lexicon-") as tmp:
        path = Path(tmp) / Path(name).name
        path.write_text(text, encoding="utf-8")
        return load_lexicon(path)


class LexiconVectorizer(TransformerMixin, BaseEstimator):
    """Per-frame lexicon hits as features, for any framing lexicon.

    One feature per frame: un-negated hits per ``per_tokens`` word tokens (raw counts
    when ``per_tokens=None``); with ``negated=True`` also one ``<frame>:negated``
    feature per frame counting negated hits the same way (a negated frame is not a
    use of the frame, but it is a signal that the frame is being discussed).

    ``lexicon`` is a shipped lexicon's name, a path, or a :class:`~framing.lexicon.Lexicon`.
    At ``fit`` the lexicon's source text is kept (``lexicon_source_``), so a saved model
    matches with the lexicon it was trained with even if the shipped file changes.
    """

    def __init__(
        self,
        *,
        lexicon: Any = "cadres_generiques",
        negated: bool = False,
        per_tokens: float | None = 1000,
        overlap: str = "frame",
    ) -> None:
        self.lexicon = lexicon
        self.negated = negated
        self.per_tokens = per_tokens
        self.overlap = overlap

    def __sklearn_tags__(self) -> Any:
        return _as_tags(super().__sklearn_tags__(), multi_label=False)

    def fit(self, X: Any, y: Any = None) -> LexiconVectorizer:
        """Load the lexicon and fix the feature names (the texts are only checked)."""
        from .lexicon import load_lexicon
        from .matcher import OVERLAP_POLICIES, Matcher

        _check_texts(X)
        if self.per_tokens is not None and not (
            isinstance(self.per_tokens, (int, float)) and self.per_tokens > 0
        ):
            raise ValueError(f"per_tokens must be a positive number or None, not "
                             f"{self.per_tokens!r}")
        if self.overlap not in OVERLAP_POLICIES:
            raise ValueError(f"overlap must be one of {OVERLAP_POLICIES}, not {self.overlap!r}")
        lex = load_lexicon(self.lexicon)
        self.lexicon_name_ = lex.name
        self.frames_ = tuple(lex.frames)
        self.lexicon_source_ = _lexicon_source(lex)
        self._matcher: Matcher | None = Matcher(lex, overlap=self.overlap)
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_matcher", None)  # rebuilt from lexicon_source_ on first use
        if not isinstance(state.get("lexicon"), (str, Path, type(None))):
            lex = state["lexicon"]
            state["lexicon"] = getattr(lex, "path", "") or getattr(lex, "name", "lexicon")
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _get_matcher(self) -> Matcher:
        m = getattr(self, "_matcher", None)
        if m is None:
            from .matcher import Matcher

            m = self._matcher = Matcher(_lexicon_from_source(self.lexicon_source_),
                                        overlap=self.overlap)
        return m

    @property
    def n_features_out_(self) -> int:
        check_is_fitted(self, "frames_")
        return len(self.frames_) * (2 if self.negated else 1)

    def count_tokens(self, toks: Tokens) -> np.ndarray:
        """The feature row of one tokenized text."""
        check_is_fitted(self, "frames_")
        index = {f: i for i, f in enumerate(self.frames_)}
        k = len(self.frames_)
        row = np.zeros(k * (2 if self.negated else 1), dtype=np.float64)
        for h in self._get_matcher().match_tokens(toks):
            j = index.get(h.frame)
            if j is None:
                continue
            if not h.negated:
                row[j] += 1
            elif self.negated:
                row[k + j] += 1
        if self.per_tokens is not None:
            n = toks.n_words
            row = row * (float(self.per_tokens) / n) if n else row * 0.0
        return row

    def transform(self, X: Any) -> np.ndarray:
        """A dense ``(n_texts, n_features)`` array of rates (or counts)."""
        check_is_fitted(self, "frames_")
        texts = _check_texts(X)
        out = np.zeros((len(texts), self.n_features_out_), dtype=np.float64)
        for i, text in enumerate(texts):
            out[i] = self.count_tokens(tokens(text))
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """``<frame>`` for each frame, then ``<frame>:negated`` when ``negated``."""
        check_is_fitted(self, "frames_")
        names = list(self.frames_)
        if self.negated:
            names += [f"{f}:negated" for f in self.frames_]
        return np.asarray(names, dtype=object)


# ---------------------------------------------------------------------------
# metrics


def _counts(Y_true: np.ndarray, Y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-document, per-frame TP, FP, FN (``(n, L)`` each)."""
    t = np.asarray(Y_true, dtype=bool)
    p = np.asarray(Y_pred, dtype=bool)
    if t.shape != p.shape:
        raise ValueError(f"gold {t.shape} and predictions {p.shape} differ in shape")
    return (t & p).astype(np.int64), (~t & p).astype(np.int64), (t & ~p).astype(np.int64)


def _f1(tp: Any, fp: Any, fn: Any) -> Any:
    tp, fp, fn = (np.asarray(a, dtype=float) for a in (tp, fp, fn))
    den = 2 * tp + fp + fn
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, 2 * tp / np.where(den > 0, den, 1), np.nan)


def micro_f1(Y_true: Any, Y_pred: Any) -> float:
    """``2ΣTP / (2ΣTP + ΣFP + ΣFN)`` over all frames and documents (0.0 if both empty)."""
    tp, fp, fn = _counts(np.asarray(Y_true), np.asarray(Y_pred))
    den = 2 * tp.sum() + fp.sum() + fn.sum()
    return float(2 * tp.sum() / den) if den else 0.0


def macro_f1(Y_true: Any, Y_pred: Any) -> float:
    """Mean per-frame F1 over the frames present in the gold data or the predictions
    (NaN when there are none)."""
    tp, fp, fn = _counts(np.asarray(Y_true), np.asarray(Y_pred))
    f = _f1(tp.sum(0), fp.sum(0), fn.sum(0))
    return float(np.nanmean(f)) if np.isfinite(f).any() else float("nan")


def frame_metrics(Y_true: Any, Y_pred: Any, classes: Sequence[Any]) -> pd.DataFrame:
    """Per-frame ``frame, support, predicted, tp, fp, fn, precision, recall, f1``
    (precision NaN when nothing is predicted, recall NaN when nothing is gold)."""
    tp, fp, fn = (a.sum(0) for a in _counts(np.asarray(Y_true), np.asarray(Y_pred)))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), np.nan)
        recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), np.nan)
    return pd.DataFrame({
        "frame": [str(c) for c in classes],
        "support": (tp + fn).astype(int),
        "predicted": (tp + fp).astype(int),
        "tp": tp.astype(int), "fp": fp.astype(int), "fn": fn.astype(int),
        "precision": precision, "recall": recall, "f1": _f1(tp, fp, fn),
    })


def bootstrap_interval(
    Y_true: Any,
    Y_pred: Any,
    metric: str = "micro_f1",
    *,
    n_boot: int = N_BOOTSTRAP,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
    groups: Sequence[Any] | np.ndarray | None = None,
) -> tuple[float, float, float]:
    """``(point, low, high)``: the metric and its percentile bootstrap interval,
    resampling texts with replacement, or whole groups of texts when ``groups`` (one
    group per text, e.g. its document) is given (seeded: the same call gives the same
    interval)."""
    point, boots = _bootstrap(np.asarray(Y_true), {"x": np.asarray(Y_pred)}, metric,
                              n_boot=n_boot, seed=seed,
                              groups=None if groups is None else _group_numbers(groups))
    lo, hi = _percentiles(boots["x"], confidence)
    return point["x"], lo, hi


def _group_numbers(groups: Sequence[Any] | np.ndarray) -> np.ndarray:
    """Group numbers ``0 .. G-1`` in order of first appearance."""
    number: dict[Any, int] = {}
    return np.asarray([number.setdefault(x, len(number)) for x in groups], dtype=np.int64)


def _metric_from_sums(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray, metric: str) -> np.ndarray:
    """The metric from per-frame sums, for each bootstrap row (``(B, L)`` → ``(B,)``)."""
    if metric == "micro_f1":
        t, f_p, f_n = tp.sum(-1), fp.sum(-1), fn.sum(-1)
        den = 2 * t + f_p + f_n
        return np.where(den > 0, 2 * t / np.where(den > 0, den, 1), 0.0)
    if metric == "macro_f1":
        f = _f1(tp, fp, fn)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.nanmean(f, axis=-1)
    raise ValueError(f"metric must be 'micro_f1' or 'macro_f1', not {metric!r}")


def _bootstrap(
    Y_true: np.ndarray, preds: Mapping[str, np.ndarray], metric: str, *, n_boot: int, seed: int,
    groups: np.ndarray | None = None,
) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """Point estimates and bootstrap replicates. Without ``groups`` the texts are
    resampled; with ``groups`` (group numbers ``0 .. G-1``, one per text) whole
    groups are (cluster bootstrap: the texts of one document are not independent)."""
    n = Y_true.shape[0]
    g = np.arange(n) if groups is None else np.asarray(groups, dtype=np.int64)
    n_units = int(g.max()) + 1 if n else 0
    rng = np.random.default_rng(seed)
    # resampling weights: W[b, i] = how many times text i (its group) is drawn in resample b
    W = np.zeros((n_boot, n), dtype=np.float64)
    if n:
        draws = rng.integers(0, n_units, size=(n_boot, n_units))
        for b in range(n_boot):
            W[b] = np.bincount(draws[b], minlength=n_units)[g]
    points: dict[str, float] = {}
    boots: dict[str, np.ndarray] = {}
    for name, Y_pred in preds.items():
        tp, fp, fn = _counts(Y_true, Y_pred)
        points[name] = float(_metric_from_sums(
            tp.sum(0)[None], fp.sum(0)[None], fn.sum(0)[None], metric)[0])
        boots[name] = _metric_from_sums(W @ tp, W @ fp, W @ fn, metric)
    return points, boots


def _percentiles(values: np.ndarray, confidence: float) -> tuple[float, float]:
    v = values[np.isfinite(values)]
    if not len(v):
        return float("nan"), float("nan")
    a = (1 - confidence) / 2
    lo, hi = np.quantile(v, [a, 1 - a])
    return float(lo), float(hi)


# ---------------------------------------------------------------------------
# iterative stratification


def iterative_stratification(
    Y: Any, n_folds: int, *, random_state: Any = None, groups: Any = None
) -> np.ndarray:
    """Assign each sample to one of ``n_folds`` folds so that every label keeps its
    proportion (Sechidis, Tsoumakas & Vlahavas 2011, Algorithm 1, equal folds).

    Labels are handled rarest first; each sample of the current label goes to the
    fold that most lacks that label (ties: the fold that still lacks most of the
    sample's labels, then the fold that lacks most samples, then at random). Samples
    without labels fill the folds that lack most samples.

    With ``groups`` (one group number or name per sample; groups are numbered in order
    of first appearance, as :func:`text_groups` numbers them), whole groups are assigned
    instead of samples, so that no group straddles two folds: a group carries the
    label counts and the size of its samples, groups holding more of the current
    label are placed first (so that small ones fill the gaps), and so are larger
    groups without labels. With one sample per group this is the algorithm above,
    draw for draw. Returns an array of fold numbers ``0 .. n_folds-1``.
    """
    Yb = np.asarray(Y, dtype=bool)
    if Yb.ndim != 2:
        raise ValueError("Y must be a 2-D indicator matrix")
    n = Yb.shape[0]
    if n_folds < 2:
        raise ValueError(f"n_folds must be at least 2, not {n_folds}")
    if groups is None:
        g = np.arange(n)
    else:
        if len(groups) != n:
            raise ValueError(f"groups has {len(groups)} values for {n} samples")
        g = _group_numbers(groups)
    n_groups = int(g.max()) + 1 if n else 0
    if n_folds > n_groups:
        what = "samples" if groups is None else "groups"
        raise ValueError(f"cannot make {n_folds} folds of {n_groups} {what}; use at most "
                         f"{n_groups} folds")
    counts = np.zeros((n_groups, Yb.shape[1]), dtype=np.int64)
    np.add.at(counts, g, Yb.astype(np.int64))
    sizes = np.bincount(g, minlength=n_groups).astype(float)
    rng = check_random_state(random_state)
    order = rng.permutation(n_groups)  # break ties between groups at random
    desired = np.full(n_folds, n / n_folds)
    desired_label = np.outer(np.full(n_folds, 1 / n_folds), Yb.sum(0).astype(float))
    fold_of_group = np.full(n_groups, -1, dtype=np.int64)
    remaining = np.ones(n_groups, dtype=bool)

    def pick(candidates: np.ndarray) -> int:
        return int(candidates[rng.randint(len(candidates))]) if len(candidates) > 1 else int(
            candidates[0])

    while True:
        left = counts[remaining].sum(0)
        active = np.flatnonzero(left > 0)
        if not len(active):
            break
        fewest = left[active].min()
        label = int(pick(active[left[active] == fewest]))
        todo = [i for i in order if remaining[i] and counts[i, label]]
        todo.sort(key=lambda i: -counts[i, label])  # stable: random among equals
        for i in todo:
            need = desired_label[:, label]
            cands = np.flatnonzero(need == need.max())
            if len(cands) > 1:  # the fold that still needs most of the group's labels
                fit = np.minimum(counts[i], np.maximum(desired_label[cands], 0)).sum(1)
                cands = cands[fit >= fit.max() - 1e-9]
            if len(cands) > 1:
                sub = desired[cands]
                cands = cands[sub == sub.max()]
            f = pick(cands)
            fold_of_group[i] = f
            remaining[i] = False
            desired_label[f] -= counts[i]
            desired[f] -= sizes[i]
    rest = [i for i in order if remaining[i]]
    rest.sort(key=lambda i: -sizes[i])
    for i in rest:
        cands = np.flatnonzero(desired == desired.max())
        f = pick(cands)
        fold_of_group[i] = f
        remaining[i] = False
        desired[f] -= sizes[i]
    return fold_of_group[g]


class IterativeStratifiedKFold:
    """K-fold cross-validation for multi-label data by iterative stratification.

    A scikit-learn CV splitter: ``split(X, Y, groups)`` yields ``(train, test)`` index
    arrays; ``Y`` is an indicator matrix or one list of labels per sample; samples
    that share a value of ``groups`` (optional) are never split between train and
    test.
    """

    def __init__(self, n_splits: int = 5, *, random_state: Any = None) -> None:
        self.n_splits = n_splits
        self.random_state = random_state

    def __repr__(self) -> str:
        return f"IterativeStratifiedKFold(n_splits={self.n_splits}, " \
               f"random_state={self.random_state!r})"

    def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
        return int(self.n_splits)

    def split(
        self, X: Any, y: Any = None, groups: Any = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        if y is None:
            raise ValueError("IterativeStratifiedKFold needs the labels y")
        n = len(X)
        Yb, _ = _binarize(y, n, None)
        folds = iterative_stratification(Yb, self.n_splits, random_state=self.random_state,
                                         groups=groups)
        for f in range(self.n_splits):
            yield np.flatnonzero(folds != f), np.flatnonzero(folds == f)


# ---------------------------------------------------------------------------
# baseline


def majority_baseline(label_counts: Sequence[int] | np.ndarray, n_samples: int
                      ) -> tuple[np.ndarray, int]:
    """``(order, k)``: frames by decreasing training frequency (ties by class order)
    and the k that maximises micro-F1 *on the training data* when every document is
    given the k most frequent frames (ties: the smaller k)."""
    counts = np.asarray(label_counts, dtype=np.int64)
    order = np.argsort(-counts, kind="stable")
    total = counts.sum()
    best_k, best = 0, -1.0
    tp = 0
    for k in range(len(counts) + 1):
        if k:
            tp += counts[order[k - 1]]
        # TP = tp; FP = k*n - tp; FN = total - tp → F1 = 2tp / (tp + k*n + total)
        den = tp + k * n_samples + total
        f = 2 * tp / den if den else 0.0
        if f > best + 1e-12:
            best_k, best = k, f
    return order, best_k


class MajorityFrames(ClassifierMixin, BaseEstimator):
    """The majority baseline: every document gets the k most frequent training frames.

    ``k="auto"`` chooses k on the training data (:func:`majority_baseline`); an int
    fixes it. The texts are ignored (only counted).
    """

    def __init__(self, *, k: int | str = "auto", classes: Sequence[Any] | None = None) -> None:
        self.k = k
        self.classes = classes

    def __sklearn_tags__(self) -> Any:
        return _as_tags(super().__sklearn_tags__(), multi_label=True)

    def fit(self, X: Any, Y: Any) -> MajorityFrames:
        texts = _check_texts(X)
        Yb, classes = _binarize(Y, len(texts), self.classes)
        self.classes_ = np.asarray(classes, dtype=object)
        self.label_counts_ = Yb.sum(0).astype(np.int64)
        order, k = majority_baseline(self.label_counts_, len(texts))
        if self.k != "auto":
            if isinstance(self.k, bool) or not isinstance(self.k, (int, np.integer)) or not (
                    0 <= self.k <= len(classes)):
                raise ValueError(f"k must be 'auto' or an int in 0..{len(classes)}, not {self.k!r}")
            k = int(self.k)
        self.order_ = order
        self.k_ = k
        return self

    def predict(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "k_")
        n = len(_check_texts(X))
        row = np.zeros(len(self.classes_), dtype=np.int64)
        row[self.order_[: self.k_]] = 1
        return np.tile(row, (n, 1))

    def predict_labels(self, X: Any) -> list[list[Any]]:
        return _labels_of(self.predict(X), self.classes_)

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """Micro-F1 (the SemEval metric), not subset accuracy."""
        Yb, _ = _binarize(y, len(_check_texts(X)), list(self.classes_))
        return micro_f1(Yb, self.predict(X))


def _labels_of(Y: np.ndarray, classes: np.ndarray) -> list[list[Any]]:
    return [[classes[j] for j in np.flatnonzero(row)] for row in Y]


# ---------------------------------------------------------------------------
# FrameClassifier


@dataclass
class _Analysed:
    """Texts analysed once (tokenized, features listed, lexicon counted), so that the
    inner cross-validation folds only slice lists."""

    words: list[list[str]]
    chars: list[list[str]] | None
    lex: np.ndarray | None
    n_sentences: list[int] = field(default_factory=list)


@dataclass
class _Space:
    """The fitted feature space of one (inner or final) fit."""

    word: TfidfVectorizer | None
    char: TfidfVectorizer | None
    lex_scale: np.ndarray | None
    lex_weight: float


def _fit_tfidf(docs: list[list[str]], min_df: int, sublinear_tf: bool) -> TfidfVectorizer | None:
    """A TF-IDF vectorizer over pre-analysed documents, or None when no term survives
    (a tiny inner fold may have no term in ``min_df`` documents: then min_df=1)."""
    for m in dict.fromkeys((min(min_df, max(len(docs), 1)), 1)):
        vec = TfidfVectorizer(analyzer=_identity, min_df=m, sublinear_tf=sublinear_tf,
                              dtype=np.float64)
        try:
            vec.fit(docs)
        except ValueError:  # empty vocabulary
            continue
        return vec
    return None


def _lexicon_scaling(rates: np.ndarray, lexicon_weight: float) -> tuple[np.ndarray, float]:
    """Per-feature divisor (the training maximum of ``log1p(rate)``, 1 for a feature
    never seen) and block weight (``lexicon_weight / sqrt(n_features)``: the block's
    norm is then at most about ``lexicon_weight``, like the unit-norm text blocks)."""
    z = np.log1p(rates)
    scale = z.max(axis=0) if len(z) else np.ones(rates.shape[1])
    return np.where(scale > 0, scale, 1.0), lexicon_weight / math.sqrt(rates.shape[1])


def _fold_tfidf(
    C: sp.csr_matrix, tr: np.ndarray, te: np.ndarray, min_df: int, sublinear_tf: bool
) -> tuple[sp.csr_matrix, sp.csr_matrix] | None:
    """TF-IDF of the rows ``tr`` and ``te`` of a count matrix, exactly as a
    ``TfidfVectorizer(min_df=..., sublinear_tf=...)`` fitted on the ``tr`` documents
    would give (same ``min_df`` fallback as :func:`_fit_tfidf`; smooth IDF; L2 rows)."""
    from sklearn.preprocessing import normalize

    C_tr = C[tr]
    df = np.bincount(C_tr.indices, minlength=C.shape[1])
    keep = np.empty(0, dtype=np.int64)
    for m in dict.fromkeys((min(min_df, max(len(tr), 1)), 1)):
        keep = np.flatnonzero(df >= m)
        if len(keep):
            break
    if not len(keep):
        return None
    idf = np.log((1 + len(tr)) / (1 + df[keep])) + 1

    def weigh(M: sp.csr_matrix) -> sp.csr_matrix:
        M = sp.csr_matrix(M[:, keep], dtype=np.float64)
        if sublinear_tf:
            M.data = np.log(M.data) + 1
        return normalize(sp.csr_matrix(M @ sp.diags(idf)), norm="l2")

    return weigh(C_tr), weigh(C[te])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    return np.asarray(expit(z), dtype=np.float64)


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=np.float64), _EPS, 1 - _EPS)
    return np.asarray(np.log(q) - np.log1p(-q))


def _decide(proba: np.ndarray, thresholds: np.ndarray, min_labels: int) -> np.ndarray:
    """Frames whose score reaches their threshold, plus each document's ``min_labels``
    best frames by logit distance to their own thresholds."""
    pred = (proba >= thresholds).astype(np.int64)
    k = min(int(min_labels), proba.shape[1])
    if k > 0 and proba.shape[0]:
        margin = _logit(proba) - _logit(thresholds)[None, :]
        top = np.argsort(-margin, axis=1, kind="stable")[:, :k]
        np.put_along_axis(pred, top, 1, axis=1)
    return pred


def _best_threshold(scores: np.ndarray, y: np.ndarray, lo: float, hi: float) -> float:
    """The threshold in [lo, hi] maximising F1 of ``scores >= t`` (the middle of the
    best candidates when several tie)."""
    u = np.unique(scores)
    cands = np.unique(np.clip(np.concatenate([(u[:-1] + u[1:]) / 2, [lo, hi]]), lo, hi))
    order = np.argsort(scores, kind="stable")
    s, ys = scores[order], y[order].astype(np.int64)
    cum = np.concatenate([[0], np.cumsum(ys)])
    left = np.searchsorted(s, cands, side="left")
    n_pred = len(s) - left
    tp = cum[-1] - cum[left]
    fp = n_pred - tp
    fn = cum[-1] - tp
    f1 = np.asarray(_f1(tp, fp, fn), dtype=float)
    f1 = np.nan_to_num(f1, nan=0.0)
    winners = cands[f1 >= f1.max() - 1e-12]
    return float(np.median(winners))


def _tune_thresholds(
    P: np.ndarray, Yb: np.ndarray, bounds: tuple[float, float], rng: np.random.RandomState
) -> np.ndarray:
    """Per frame, the bagged F1-maximising threshold of out-of-fold scores."""
    lo, hi = bounds
    n, n_labels = Yb.shape
    out = np.full(n_labels, float(np.clip(DEFAULT_THRESHOLD, lo, hi)))
    for c in range(n_labels):
        y = Yb[:, c]
        pos = int(y.sum())
        if pos < MIN_POSITIVES_TO_TUNE or pos == n:
            continue
        s = P[:, c]
        picks = []
        for _ in range(THRESHOLD_BAGS):
            idx = rng.randint(0, n, n)
            if y[idx].any():
                picks.append(_best_threshold(s[idx], y[idx], lo, hi))
        if picks:
            out[c] = float(np.median(picks))
    return out


def _choose_min_labels(P: np.ndarray, Yb: np.ndarray, thresholds: np.ndarray) -> int:
    """The k in 0..ceil(mean labels per sample) with the best out-of-fold micro-F1
    (ties: the smaller k)."""
    max_k = min(math.ceil(float(Yb.sum(1).mean())), Yb.shape[1]) if len(Yb) else 0
    best_k, best = 0, -1.0
    for k in range(max_k + 1):
        f = micro_f1(Yb, _decide(P, thresholds, k))
        if f > best + 1e-12:
            best_k, best = k, f
    return best_k


def _resolve_lexicon(spec: Any, classes: Sequence[Any]) -> Any:
    """The lexicon to use: None, the given one, or for "auto" the shipped lexicon
    whose frame ids share most labels with ``classes`` (None if none shares any)."""
    if spec is None or (isinstance(spec, str) and spec.lower() == "none"):
        return None
    if not (isinstance(spec, str) and spec == "auto"):
        return spec
    from .lexicon import available_lexicons, load_lexicon

    labels = {str(c) for c in classes}
    best, best_n = None, 0
    for name in available_lexicons():
        try:
            frames = set(load_lexicon(name).frames)
        except FramingError:
            continue
        n = len(labels & frames)
        if n > best_n:
            best, best_n = name, n
    return best


def training_digest(texts: Sequence[str], Y: np.ndarray, classes: Sequence[Any]) -> str:
    """SHA-256 of the training texts and their labels, in order (recorded in model
    files to tell which data a model was trained on)."""
    h = hashlib.sha256()
    h.update(json.dumps([str(c) for c in classes], ensure_ascii=False).encode())
    for text, row in zip(texts, np.asarray(Y), strict=True):
        h.update(b"\x1e")
        h.update(text.encode("utf-8", errors="surrogatepass"))
        h.update(b"\x1f")
        h.update(np.asarray(row, dtype=np.int8).tobytes())
    return h.hexdigest()


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label frame detection for French news (see the module docstring for the
    reasons behind every default).

    ``fit(X, Y)``: ``X`` a list of texts; ``Y`` one list of frames per text, or a binary
    indicator matrix (``classes`` names its columns, or a DataFrame's columns do).
    ``predict`` returns an indicator matrix whose columns are ``classes_``;
    ``predict_labels`` lists of frames; ``predict_proba`` per-frame scores in [0, 1]
    (probabilities for ``logreg`` and ``cnb``; a logistic squashing of the margin,
    not a calibrated probability, for ``svm``); ``decision_function`` the linear
    scores. ``threshold="cv"`` tunes one threshold per frame by inner
    cross-validation on the training data; a float fixes it for all frames.
    ``min_labels`` is ``"cv"`` (chosen by inner cross-validation) or an int
    (``min_labels=1``: every document gets at least its most likely frame).

    Fitted attributes: ``classes_``, ``thresholds_``, ``min_labels_``, ``coef_``
    ``(n_frames, n_features)``, ``intercept_``, ``word_analyzer_``,
    ``char_analyzer_``, ``word_vectorizer_``, ``char_vectorizer_``,
    ``lexicon_vectorizer_``, ``lexicon_scale_``, ``lexicon_block_weight_``,
    ``label_counts_``,
    ``n_train_samples_``, ``n_train_groups_`` (groups of the inner CV: documents
    when ``groups`` is given, else distinct texts), ``training_digest_`` (texts and
    labels, in order), ``training_text_hashes_`` (one digest per distinct normalised
    training text, see :meth:`seen_in_training`), ``unit_`` (``"sentence"`` or
    ``"document"``: the ``unit`` given, or for ``"auto"`` sentences when more than
    half of the training texts are one sentence), ``cv_micro_f1_`` (the inner
    out-of-fold micro-F1 with the chosen thresholds: optimistic, since they were
    chosen on it; NaN without inner CV).
    """

    def __init__(
        self,
        *,
        model: str = "logreg",
        C: float = 10.0,
        class_weight: str | None = "balanced",
        lemma: bool = True,
        ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] | None = (3, 5),
        min_df: int = 2,
        sublinear_tf: bool = True,
        lexicon: Any = "auto",
        lexicon_weight: float = 1.0,
        negated_features: bool = False,
        threshold: float | str = "cv",
        threshold_bounds: tuple[float, float] = (0.05, 0.95),
        cv: int = 5,
        min_labels: int | str = "cv",
        classes: Sequence[Any] | None = None,
        unit: str = "auto",
        random_state: Any = 0,
    ) -> None:
        self.model = model
        self.C = C
        self.class_weight = class_weight
        self.lemma = lemma
        self.ngram_range = ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf
        self.lexicon = lexicon
        self.lexicon_weight = lexicon_weight
        self.negated_features = negated_features
        self.threshold = threshold
        self.threshold_bounds = threshold_bounds
        self.cv = cv
        self.min_labels = min_labels
        self.classes = classes
        self.unit = unit
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        return _as_tags(super().__sklearn_tags__(), multi_label=True)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        lex = state.get("lexicon")
        if not isinstance(lex, (str, Path, type(None))):
            # a Lexicon object: its source travels in lexicon_vectorizer_
            state["lexicon"] = getattr(lex, "path", "") or getattr(lex, "name", "lexicon")
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    # -- validation -----------------------------------------------------------

    def _check_params(self, n_classes: int) -> tuple[float, float]:
        if self.model not in _MODELS:
            raise ValueError(f"model must be one of {', '.join(_MODELS)}, not {self.model!r}")
        if isinstance(self.C, bool) or not isinstance(self.C, (int, float)) or self.C <= 0:
            raise ValueError(f"C must be a positive number, not {self.C!r}")
        if self.class_weight not in (None, "balanced"):
            raise ValueError(f"class_weight must be 'balanced' or None, not "
                             f"{self.class_weight!r}")
        if isinstance(self.min_df, bool) or not isinstance(self.min_df, (int, np.integer)) or (
                self.min_df < 1):
            raise ValueError(f"min_df must be an int >= 1, not {self.min_df!r}")
        if isinstance(self.cv, bool) or not isinstance(self.cv, (int, np.integer)) or self.cv < 2:
            raise ValueError(f"cv must be an int >= 2, not {self.cv!r}")
        try:
            lo, hi = (float(b) for b in self.threshold_bounds)
        except (TypeError, ValueError):
            raise ValueError(f"threshold_bounds must be a pair (floor, ceiling), not "
                             f"{self.threshold_bounds!r}") from None
        if not 0 < lo <= hi < 1:
            raise ValueError(f"threshold_bounds must satisfy 0 < floor <= ceiling < 1, not "
                             f"{self.threshold_bounds!r}")
        if self.threshold != "cv" and not (
            isinstance(self.threshold, (int, float)) and not isinstance(self.threshold, bool)
            and 0 < self.threshold < 1
        ):
            raise ValueError(f"threshold must be 'cv' or a number in (0, 1), not "
                             f"{self.threshold!r}")
        if self.min_labels != "cv" and not (
            isinstance(self.min_labels, (int, np.integer))
            and not isinstance(self.min_labels, bool) and 0 <= self.min_labels <= n_classes
        ):
            raise ValueError(f"min_labels must be 'cv' or an int in 0..{n_classes}, not "
                             f"{self.min_labels!r}")
        if self.unit != "auto" and self.unit not in UNITS:
            raise ValueError(f"unit must be 'auto', 'sentence' or 'document', not {self.unit!r}")
        if not isinstance(self.lexicon_weight, (int, float)) or self.lexicon_weight < 0:
            raise ValueError(f"lexicon_weight must be a number >= 0, not "
                             f"{self.lexicon_weight!r}")
        FrenchAnalyzer._check_range(self.ngram_range, "ngram_range")
        FrenchAnalyzer._check_range(self.char_ngram_range, "char_ngram_range")
        if self.ngram_range is None and self.char_ngram_range is None:
            raise ValueError("ngram_range and char_ngram_range cannot both be None")
        return lo, hi

    # -- features -------------------------------------------------------------

    def _analyse(self, texts: Sequence[str]) -> _Analysed:
        words: list[list[str]] = []
        chars: list[list[str]] | None = [] if self.char_analyzer_ is not None else None
        lex_rows: list[np.ndarray] = []
        n_sentences: list[int] = []
        for text in texts:
            toks = tokens(text)
            n_sentences.append(len(toks.sentences))
            words.append(
                self.word_analyzer_.analyze_tokens(toks) if self.word_analyzer_ is not None
                else [])
            if chars is not None and self.char_analyzer_ is not None:
                chars.append(self.char_analyzer_.analyze_tokens(toks))
            if self.lexicon_vectorizer_ is not None:
                lex_rows.append(self.lexicon_vectorizer_.count_tokens(toks))
        lex = None
        if self.lexicon_vectorizer_ is not None:
            m = self.lexicon_vectorizer_.n_features_out_
            lex = np.vstack(lex_rows) if lex_rows else np.zeros((0, m))
        return _Analysed(words, chars, lex, n_sentences)

    def _fit_space(self, an: _Analysed, idx: np.ndarray) -> tuple[_Space, sp.csr_matrix]:
        word = _fit_tfidf([an.words[i] for i in idx], int(self.min_df), self.sublinear_tf) \
            if self.word_analyzer_ is not None else None
        char = _fit_tfidf([an.chars[i] for i in idx], int(self.min_df), self.sublinear_tf) \
            if an.chars is not None else None
        scale = None
        weight = 0.0
        if an.lex is not None and an.lex.shape[1]:
            scale, weight = _lexicon_scaling(an.lex[idx], float(self.lexicon_weight))
        space = _Space(word, char, scale, weight)
        return space, self._transform_space(an, idx, space)

    def _transform_space(self, an: _Analysed, idx: np.ndarray, space: _Space) -> sp.csr_matrix:
        blocks = []
        if space.word is not None:
            blocks.append(space.word.transform([an.words[i] for i in idx]))
        if space.char is not None and an.chars is not None:
            blocks.append(space.char.transform([an.chars[i] for i in idx]))
        if space.lex_scale is not None and an.lex is not None:
            z = np.log1p(an.lex[idx]) / space.lex_scale * space.lex_weight
            blocks.append(sp.csr_matrix(z))
        if not blocks:
            raise ValueError("the training texts have no word to learn from")
        return sp.hstack(blocks, format="csr", dtype=np.float64)

    def _fit_binary(self, X: sp.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, float]:
        """Weights and intercept of one frame's linear model."""
        pos = int(y.sum())
        if pos == 0 or pos == len(y):  # a constant frame: no model, a certain score
            return np.zeros(X.shape[1]), CONSTANT_LOGIT if pos else -CONSTANT_LOGIT
        if self.model == "logreg":
            from sklearn.linear_model import LogisticRegression

            lr = LogisticRegression(C=float(self.C), class_weight=self.class_weight,
                                    solver="liblinear", dual=True, max_iter=LOGREG_MAX_ITER,
                                    random_state=0).fit(X, y)
            return np.asarray(lr.coef_[0], dtype=np.float64), float(lr.intercept_[0])
        if self.model == "svm":
            from sklearn.svm import LinearSVC

            svm = LinearSVC(C=float(self.C), class_weight=self.class_weight,
                            random_state=0).fit(X, y)
            return np.asarray(svm.coef_[0], dtype=np.float64), float(svm.intercept_[0])
        from sklearn.naive_bayes import ComplementNB
        from sklearn.utils.class_weight import compute_sample_weight

        sw = compute_sample_weight("balanced", y) if self.class_weight == "balanced" else None
        nb = ComplementNB(alpha=CNB_ALPHA).fit(X, y, sample_weight=sw)
        flp = np.asarray(nb.feature_log_prob_, dtype=np.float64)
        return flp[1] - flp[0], 0.0  # two-class CNB: jll difference, no prior term

    def _fit_all(self, X: sp.csr_matrix, Yb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        coefs, intercepts = [], []
        for c in range(Yb.shape[1]):
            w, b = self._fit_binary(X, Yb[:, c])
            coefs.append(w)
            intercepts.append(b)
        return np.vstack(coefs), np.asarray(intercepts, dtype=np.float64)

    def _oof_proba(self, an: _Analysed, Yb: np.ndarray, seed: int, groups: np.ndarray
                   ) -> np.ndarray | None:
        """Out-of-fold scores from an inner iterative stratified CV over ``groups``
        (texts of one group never straddle folds; None if there are fewer than two
        groups to split). Each fold's TF-IDF comes from count
        matrices built once (:func:`_fold_tfidf`, identical to refitting
        ``TfidfVectorizer`` on the fold: vocabulary, ``min_df`` and IDF from the
        fold's training part only)."""
        from sklearn.feature_extraction.text import CountVectorizer

        k = min(int(self.cv), int(groups.max()) + 1 if len(groups) else 0)
        if k < 2:
            return None
        counts = [
            CountVectorizer(analyzer=_identity, dtype=np.int64).fit_transform(docs)
            if docs is not None and any(docs) else None
            for docs in ((an.words if self.word_analyzer_ is not None else None), an.chars)
        ]
        folds = iterative_stratification(Yb, k, random_state=seed, groups=groups)
        P = np.zeros(Yb.shape, dtype=np.float64)
        for f in range(k):
            te, tr = np.flatnonzero(folds == f), np.flatnonzero(folds != f)
            if not len(te) or not len(tr):
                continue
            tr_blocks: list[sp.csr_matrix] = []
            te_blocks: list[sp.csr_matrix] = []
            for C in counts:
                pair = _fold_tfidf(C, tr, te, int(self.min_df), self.sublinear_tf) \
                    if C is not None else None
                if pair is not None:
                    tr_blocks.append(pair[0])
                    te_blocks.append(pair[1])
            if an.lex is not None and an.lex.shape[1]:
                scale, weight = _lexicon_scaling(an.lex[tr], float(self.lexicon_weight))
                tr_blocks.append(sp.csr_matrix(np.log1p(an.lex[tr]) / scale * weight))
                te_blocks.append(sp.csr_matrix(np.log1p(an.lex[te]) / scale * weight))
            if not tr_blocks:
                continue
            X_tr = sp.hstack(tr_blocks, format="csr", dtype=np.float64)
            X_te = sp.hstack(te_blocks, format="csr", dtype=np.float64)
            coef, intercept = self._fit_all(X_tr, Yb[tr])
            P[te] = _sigmoid(np.asarray(X_te @ coef.T) + intercept)
        return P

    # -- fit / predict --------------------------------------------------------

    def fit(self, X: Any, Y: Any, groups: Any = None) -> FrameClassifier:
        """Learn the frames of ``Y`` from the texts ``X``; returns ``self``.

        ``groups`` (optional, one value per text, e.g. the document of each sentence)
        keeps the texts of a group on one side of every inner cross-validation split;
        identical texts (case and spacing ignored) and near-duplicates are always kept
        together (:func:`text_groups`)."""
        texts = _check_texts(X)
        if not texts:
            raise ValueError("cannot fit on zero texts")
        Yb, classes = _binarize(Y, len(texts), self.classes)
        group_of = text_groups(texts, groups)
        if not classes:
            raise ValueError("Y has no label at all; give at least one frame")
        bounds = self._check_params(len(classes))
        rs = check_random_state(self.random_state)
        seed_cv = int(rs.randint(np.iinfo(np.int32).max))
        bag_rng = np.random.RandomState(int(rs.randint(np.iinfo(np.int32).max)))

        self.classes_ = np.asarray(classes, dtype=object)
        self.word_analyzer_ = (
            FrenchAnalyzer(lemma=self.lemma, ngram_range=FrenchAnalyzer._check_range(
                self.ngram_range, "ngram_range"))
            if self.ngram_range is not None else None)
        self.char_analyzer_ = (
            FrenchAnalyzer(lemma=False, ngram_range=None,
                           char_ngram_range=FrenchAnalyzer._check_range(
                               self.char_ngram_range, "char_ngram_range"))
            if self.char_ngram_range is not None else None)
        lex = _resolve_lexicon(self.lexicon, classes)
        self.lexicon_vectorizer_ = (
            LexiconVectorizer(lexicon=lex, negated=self.negated_features).fit([])
            if lex is not None else None)
        an = self._analyse(texts)

        P = None
        if self.threshold == "cv" or self.min_labels == "cv":
            P = self._oof_proba(an, Yb, seed_cv, group_of)
        if self.threshold == "cv":
            self.thresholds_ = (_tune_thresholds(P, Yb, bounds, bag_rng) if P is not None
                                else np.full(len(classes), np.clip(DEFAULT_THRESHOLD, *bounds)))
        else:
            self.thresholds_ = np.full(len(classes), float(self.threshold))
        if self.min_labels == "cv":
            self.min_labels_ = _choose_min_labels(P, Yb, self.thresholds_) if P is not None else 0
        else:
            self.min_labels_ = int(self.min_labels)
        self.cv_micro_f1_ = (micro_f1(Yb, _decide(P, self.thresholds_, self.min_labels_))
                             if P is not None else float("nan"))

        space, Xm = self._fit_space(an, np.arange(len(texts)))
        self.word_vectorizer_ = space.word
        self.char_vectorizer_ = space.char
        self.lexicon_scale_ = space.lex_scale
        self.lexicon_block_weight_ = space.lex_weight
        self.coef_, self.intercept_ = self._fit_all(Xm, Yb)
        self.label_counts_ = Yb.sum(0).astype(np.int64)
        self.n_train_samples_ = len(texts)
        self.n_train_groups_ = int(group_of.max()) + 1
        self.training_digest_ = training_digest(texts, Yb, classes)
        self.training_text_hashes_ = text_hashes(texts)
        single = sum(k <= 1 for k in an.n_sentences)
        self.unit_ = (self.unit if self.unit != "auto"
                      else "sentence" if 2 * single > len(texts) else "document")
        return self

    def seen_in_training(self, X: Any) -> np.ndarray:
        """For each text, whether the model was trained on it (the same text once case
        and spacing are ignored, whatever its labels or its place in the list).
        A model saved before models kept these digests answers all False."""
        check_is_fitted(self, "coef_")
        texts = _check_texts(X)
        known = getattr(self, "training_text_hashes_", None)
        if known is None or not len(texts):
            return np.zeros(len(texts), dtype=bool)
        mine = np.asarray([_text_hash(t) for t in texts], dtype=np.uint64)
        return np.isin(mine, known)

    def _space(self) -> _Space:
        return _Space(self.word_vectorizer_, self.char_vectorizer_, self.lexicon_scale_,
                      self.lexicon_block_weight_)

    def _features(self, X: Any) -> sp.csr_matrix:
        check_is_fitted(self, "coef_")
        texts = _check_texts(X)
        an = self._analyse(texts)
        return self._transform_space(an, np.arange(len(texts)), self._space())

    def decision_function(self, X: Any) -> np.ndarray:
        """Linear scores ``(n_texts, n_frames)`` (log-odds for logreg and cnb)."""
        Xm = self._features(X)
        return np.asarray(Xm @ self.coef_.T) + self.intercept_

    def predict_proba(self, X: Any) -> np.ndarray:
        """Per-frame scores in [0, 1], ``(n_texts, n_frames)``; the thresholds apply
        to these."""
        return _sigmoid(self.decision_function(X))

    def predict(self, X: Any) -> np.ndarray:
        """Binary indicator matrix ``(n_texts, n_frames)``, columns ``classes_``."""
        return _decide(self.predict_proba(X), self.thresholds_, self.min_labels_)

    def predict_labels(self, X: Any) -> list[list[Any]]:
        """One list of frames per text, in ``classes_`` order."""
        return _labels_of(self.predict(X), self.classes_)

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """Micro-F1 over the frames (the SemEval metric), not subset accuracy."""
        Yb, _ = _binarize(y, len(_check_texts(X)), list(self.classes_))
        return micro_f1(Yb, self.predict(X))

    # -- explanations ---------------------------------------------------------

    def feature_names(self) -> np.ndarray:
        """Names of the model's features, in column order: word n-grams, ``c:``
        character n-grams, ``lexicon:<frame>``."""
        check_is_fitted(self, "coef_")
        names: list[str] = []
        if self.word_vectorizer_ is not None:
            names += [str(x) for x in self.word_vectorizer_.get_feature_names_out()]
        if self.char_vectorizer_ is not None:
            names += [str(x) for x in self.char_vectorizer_.get_feature_names_out()]
        if self.lexicon_scale_ is not None and self.lexicon_vectorizer_ is not None:
            names += [LEXICON_PREFIX + str(x)
                      for x in self.lexicon_vectorizer_.get_feature_names_out()]
        return np.asarray(names, dtype=object)

    def top_features(self, k: int = 10) -> pd.DataFrame:
        """The ``k`` features with the largest positive weight for each frame:
        ``frame, rank, feature, weight``."""
        from .stats import check_whole_number

        check_whole_number("k", k, 1)
        names = self.feature_names()
        rows = []
        for c, frame in enumerate(self.classes_):
            w = self.coef_[c]
            top = [j for j in np.argsort(-w, kind="stable")[:k] if w[j] > 0]
            rows += [{"frame": frame, "rank": r + 1, "feature": names[j], "weight": float(w[j])}
                     for r, j in enumerate(top)]
        return pd.DataFrame(rows, columns=["frame", "rank", "feature", "weight"])

    def explain(self, text: str, k: int = 10) -> pd.DataFrame:
        """Why each frame scored as it did on ``text``: for every frame (highest score
        first) the ``k`` features that pushed it up most. Columns: ``frame, score,
        threshold, predicted, rank, feature, value, weight, contribution``
        (``contribution = value × weight``; the score is
        ``sigmoid(Σ contributions + intercept)``). Frames with no positive
        contribution have no rows."""
        from .stats import check_whole_number

        if not isinstance(text, str):
            raise ValueError("explain takes one text (str)")
        check_whole_number("k", k, 1)
        Xm = self._features([text]).tocsr()
        P = _sigmoid(np.asarray(Xm @ self.coef_.T) + self.intercept_)
        pred = _decide(P, self.thresholds_, self.min_labels_)[0]
        names = self.feature_names()
        cols, vals = Xm.indices, Xm.data
        rows = []
        for c in np.argsort(-P[0], kind="stable"):
            contrib = vals * self.coef_[c, cols]
            order = [i for i in np.argsort(-contrib, kind="stable")[:k] if contrib[i] > 0]
            for r, i in enumerate(order):
                j = cols[i]
                rows.append({
                    "frame": self.classes_[c], "score": float(P[0, c]),
                    "threshold": float(self.thresholds_[c]), "predicted": bool(pred[c]),
                    "rank": r + 1, "feature": names[j], "value": float(vals[i]),
                    "weight": float(self.coef_[c, j]), "contribution": float(contrib[i]),
                })
        return pd.DataFrame(rows, columns=["frame", "score", "threshold", "predicted", "rank",
                                           "feature", "value", "weight", "contribution"])


# ---------------------------------------------------------------------------
# evaluation


@dataclass(frozen=True)
class Evaluation:
    """Scores of a model next to the majority baseline, on the same documents.

    ``summary``: one row per system (``model``, ``majority baseline``, ``model -
    baseline``) with ``micro_f1``, ``macro_f1`` and their bootstrap interval ends
    (``*_low``, ``*_high``); the difference row is paired (same resamples).
    ``per_frame``: ``system, frame, support, predicted, tp, fp, fn, precision, recall,
    f1``. ``baseline_frames`` are the baseline's k frames (None when chosen per fold).
    ``n_documents`` counts the texts scored, each a ``unit`` (``"sentence"``,
    ``"document"`` or ``"text"`` when unknown); the bootstrap resampled
    ``n_resampled`` ``resampled`` units: the texts themselves, or the documents
    that hold them (``"document"`` for sentences: a cluster bootstrap).
    ``n_seen_in_training`` counts texts the model was trained on (None: not checked,
    e.g. out-of-fold predictions); ``folds`` says how cross-validation folds were
    formed (None for a held-out evaluation; ``fold_design`` in :meth:`to_dict`).
    """

    summary: pd.DataFrame
    per_frame: pd.DataFrame
    n_documents: int
    baseline_frames: tuple[str, ...] | None
    n_boot: int
    confidence: float
    seed: int
    unit: str = "text"
    resampled: str = "text"
    n_resampled: int = 0
    n_seen_in_training: int | None = None
    folds: str | None = None

    @property
    def clustered(self) -> bool:
        """Whether the bootstrap resampled groups of texts rather than texts."""
        return self.resampled != self.unit

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (NaN becomes None)."""
        def clean(records: list[dict[Any, Any]]) -> list[dict[str, Any]]:
            return [{str(k): (None if isinstance(v, float) and not math.isfinite(v) else v)
                     for k, v in r.items()} for r in records]

        return {
            "n_documents": self.n_documents,
            "unit": self.unit,
            "n_seen_in_training": self.n_seen_in_training,
            "fold_design": self.folds,
            "baseline_frames": None if self.baseline_frames is None else list(
                self.baseline_frames),
            "bootstrap": {"n_boot": self.n_boot, "confidence": self.confidence,
                          "seed": self.seed, "unit": self.resampled,
                          "n_units": self.n_resampled, "clustered": self.clustered},
            "summary": clean(self.summary.to_dict(orient="records")),
            "per_frame": clean(self.per_frame.to_dict(orient="records")),
        }


MODEL_SYSTEM, BASELINE_SYSTEM, DIFFERENCE_SYSTEM = "model", "majority baseline", "model - baseline"


def evaluate_predictions(
    Y_true: Any,
    Y_pred: Any,
    Y_baseline: Any,
    classes: Sequence[Any],
    *,
    baseline_frames: Sequence[str] | None = None,
    n_boot: int = N_BOOTSTRAP,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
    unit: str = "text",
    groups: Sequence[Any] | np.ndarray | None = None,
    group_unit: str = "document",
    n_seen_in_training: int | None = None,
    folds: str | None = None,
) -> Evaluation:
    """Micro-F1, macro-F1 and per-frame scores of ``Y_pred`` and of the baseline's
    ``Y_baseline`` against ``Y_true`` (indicator matrices over ``classes``), with
    percentile bootstrap intervals and the paired difference. The bootstrap
    resamples the texts (each a ``unit``), or with ``groups`` (one value per text)
    whole groups, each a ``group_unit`` (cluster bootstrap). ``n_seen_in_training``
    and ``folds`` are recorded as given (see :class:`Evaluation`)."""
    T = np.asarray(Y_true)
    g = None if groups is None else _group_numbers(groups)
    if g is not None and len(g) != T.shape[0]:
        raise ValueError(f"groups has {len(g)} values for {T.shape[0]} texts")
    clustered = g is not None and int(g.max(initial=-1)) + 1 < T.shape[0]
    if not clustered:
        g = None
    preds = {MODEL_SYSTEM: np.asarray(Y_pred), BASELINE_SYSTEM: np.asarray(Y_baseline)}
    row: dict[str, dict[str, float]] = {s: {} for s in (*preds, DIFFERENCE_SYSTEM)}
    for metric in ("micro_f1", "macro_f1"):
        points, boots = _bootstrap(T, preds, metric, n_boot=n_boot, seed=seed, groups=g)
        for name in preds:
            lo, hi = _percentiles(boots[name], confidence)
            row[name].update({metric: points[name], f"{metric}_low": lo, f"{metric}_high": hi})
        diff = boots[MODEL_SYSTEM] - boots[BASELINE_SYSTEM]
        lo, hi = _percentiles(diff, confidence)
        row[DIFFERENCE_SYSTEM].update({
            metric: points[MODEL_SYSTEM] - points[BASELINE_SYSTEM],
            f"{metric}_low": lo, f"{metric}_high": hi,
        })
    summary = pd.DataFrame([{"system": s, **v} for s, v in row.items()])
    per_frame = pd.concat(
        [frame_metrics(T, P, classes).assign(system=name) for name, P in preds.items()],
        ignore_index=True,
    )
    per_frame = per_frame[["system", *[c for c in per_frame.columns if c != "system"]]]
    return Evaluation(summary, per_frame, int(T.shape[0]),
                      None if baseline_frames is None else tuple(baseline_frames),
                      n_boot, confidence, seed, unit=unit,
                      resampled=group_unit if g is not None else unit,
                      n_resampled=int(g.max()) + 1 if g is not None else int(T.shape[0]),
                      n_seen_in_training=n_seen_in_training, folds=folds)


def _baseline_predict(label_counts: np.ndarray, n_train: int, n_test: int
                      ) -> tuple[np.ndarray, np.ndarray]:
    order, k = majority_baseline(label_counts, n_train)
    row = np.zeros(len(label_counts), dtype=np.int64)
    row[order[:k]] = 1
    return np.tile(row, (n_test, 1)), order[:k]


def evaluate_model(
    model: FrameClassifier,
    texts: Sequence[str],
    Y_true: Any,
    *,
    n_boot: int = N_BOOTSTRAP,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
    groups: Sequence[Any] | np.ndarray | None = None,
    unit: str | None = None,
) -> Evaluation:
    """Evaluate a fitted classifier on labelled texts, with the majority baseline of
    *its training data* (from ``label_counts_``). ``groups`` (e.g. the document of
    each sentence) makes the bootstrap resample whole groups; ``unit`` names what a
    text is (guessed by :func:`infer_unit` when None). The evaluation counts the
    texts the model was trained on (``n_seen_in_training``; see
    :meth:`FrameClassifier.seen_in_training`)."""
    check_is_fitted(model, "coef_")
    texts = _check_texts(texts)
    classes = list(model.classes_)
    T, _ = _binarize(Y_true, len(texts), classes)
    base, chosen = _baseline_predict(model.label_counts_, model.n_train_samples_, len(texts))
    return evaluate_predictions(
        T, model.predict(texts), base, classes,
        baseline_frames=[str(classes[j]) for j in chosen], n_boot=n_boot,
        confidence=confidence, seed=seed, unit=unit or infer_unit(texts), groups=groups,
        n_seen_in_training=int(model.seen_in_training(texts).sum()),
    )


@dataclass(frozen=True)
class CrossValidation:
    """Pooled out-of-fold evaluation (``evaluation``) and per-fold scores (``folds``:
    ``fold, n_train, n_test, micro_f1, macro_f1, baseline_micro_f1, baseline_k,
    min_labels``); ``predictions`` is the out-of-fold indicator matrix,
    ``fold_of`` the fold (1..k) of each text and ``groups`` its group
    (:func:`text_groups`: texts of one group are always in the same fold)."""

    evaluation: Evaluation
    folds: pd.DataFrame
    predictions: np.ndarray
    classes: tuple[Any, ...]
    fold_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    groups: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def check_label_sets(Yb: np.ndarray) -> None:
    """Refuse labels that are the same on every text: a classifier can only repeat
    them, and cross-validation would score it 1.0 next to a baseline of 1.0."""
    if len(Yb) > 1 and (Yb == Yb[0]).all():
        raise ValueError(f"every one of the {len(Yb)} texts has the same labels: there is "
                         "nothing to learn; give texts with other frames, or with none")


def cross_validate_frames(
    texts: Sequence[str],
    Y: Any,
    *,
    classes: Sequence[Any] | None = None,
    estimator: FrameClassifier | None = None,
    folds: int = 5,
    seed: int = BOOTSTRAP_SEED,
    n_boot: int = N_BOOTSTRAP,
    confidence: float = CONFIDENCE,
    groups: Sequence[Any] | np.ndarray | None = None,
    unit: str | None = None,
    warn_duplicates: bool = True,
) -> CrossValidation:
    """K-fold cross-validation with iterative stratification. Each fold's model
    (thresholds included) and majority baseline see only that fold's training part;
    the pooled out-of-fold predictions are evaluated with bootstrap intervals.

    Folds are formed from groups (:func:`text_groups`): texts that share a value of
    ``groups`` (give the document of each sentence for sentence-level data), or that
    are identical once case and spacing are ignored, or near-duplicates (the same
    dispatch with a few words changed), are always in the same fold, so no text is
    scored by a model trained on its own document or on a copy of itself;
    the groups' label counts are stratified (:func:`iterative_stratification`), and
    the inner threshold CV of each fold is grouped the same way. With ``groups``, the
    bootstrap resamples whole groups (cluster bootstrap). ``unit`` names what a text
    is (guessed by :func:`infer_unit` when None). Repeated texts are reported with one
    warning (``warn_duplicates``). Deterministic for a given ``seed``.
    """
    from sklearn.base import clone

    texts = _check_texts(texts)
    Yb, names = _binarize(Y, len(texts), classes)
    check_label_sets(Yb)
    if warn_duplicates:
        warn_duplicate_texts(texts)
    group_of = text_groups(texts, groups)
    n_groups = int(group_of.max()) + 1 if len(texts) else 0
    base_est = estimator if estimator is not None else FrameClassifier()
    assign = iterative_stratification(Yb, folds, random_state=seed, groups=group_of)
    oof = np.zeros_like(Yb, dtype=np.int64)
    base = np.zeros_like(Yb, dtype=np.int64)
    rows = []
    for f in range(folds):
        te, tr = np.flatnonzero(assign == f), np.flatnonzero(assign != f)
        est = clone(base_est).set_params(classes=names)
        est.fit([texts[i] for i in tr], Yb[tr], groups=group_of[tr])
        oof[te] = est.predict([texts[i] for i in te])
        base[te], chosen = _baseline_predict(Yb[tr].sum(0), len(tr), len(te))
        rows.append({
            "fold": f + 1, "n_train": len(tr), "n_test": len(te),
            "micro_f1": micro_f1(Yb[te], oof[te]), "macro_f1": macro_f1(Yb[te], oof[te]),
            "baseline_micro_f1": micro_f1(Yb[te], base[te]), "baseline_k": len(chosen),
            "min_labels": int(est.min_labels_),
        })
    kind = "documents" if groups is not None else "distinct texts"
    how = (f"{folds} folds of whole groups, {n_groups} {kind} (identical and "
           "near-duplicate texts kept together), iterative stratification of the groups' "
           f"label counts, seed {seed}")
    ev = evaluate_predictions(Yb, oof, base, names, baseline_frames=None, n_boot=n_boot,
                              confidence=confidence, seed=seed,
                              unit=unit or infer_unit(texts),
                              groups=group_of if groups is not None else None, folds=how)
    return CrossValidation(ev, pd.DataFrame(rows), oof, tuple(names), assign + 1, group_of)


# ---------------------------------------------------------------------------
# data


@dataclass(frozen=True)
class LabelledData:
    """Texts to learn from or to label: ``ids`` (document ids; with ``sent_ids`` for
    sentence-level data), ``texts``, ``labels`` (one tuple of frames per text, or None
    when unlabelled) and ``classes`` (a fixed label inventory, e.g. the 14 SemEval
    frames, or None to use the labels seen)."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    labels: tuple[tuple[str, ...], ...] | None = None
    classes: tuple[str, ...] | None = None
    format: str = ""
    sent_ids: tuple[str, ...] | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: documents or rows that could not be read (``load_data(skip_bad=True)``), each
    #: with its file, line and reason
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """One id per text: ``doc_id``, or ``doc_id#sent_id`` for sentences."""
        if self.sent_ids is None:
            return self.ids
        return tuple(f"{d}#{s}" if s != "" else d
                     for d, s in zip(self.ids, self.sent_ids, strict=True))

    @property
    def has_documents(self) -> bool:
        """Whether the texts are sentences whose documents are known (``sent_ids``):
        then the documents group them for cross-validation and the bootstrap."""
        return self.sent_ids is not None and any(self.sent_ids)

    @property
    def unit(self) -> str:
        """``"sentence"`` for sentence-level data, ``"document"`` for SemEval
        articles and corpus documents, else guessed from the texts
        (:func:`infer_unit`)."""
        if self.has_documents:
            return "sentence"
        if self.format == "semeval":
            return "document"
        return infer_unit(self.texts)


_ARTICLE_RE = re.compile(r"^article(?P<id>[^/\\]+)\.txt$")


def _decode_file(path: Path) -> str:
    from .corpus import _read_text

    return _read_text(path, "labels")


def _id_key(i: str) -> tuple[int, int | str]:
    return (0, int(i)) if i.isdigit() else (1, i)


def read_semeval_labels(
    path: str | Path, *, frames: Sequence[str] | None = SEMEVAL_FRAMES
) -> dict[str, tuple[str, ...]]:
    """A SemEval subtask-2 labels file: ``<ID><TAB>Frame1,Frame2`` per line (an empty
    label list is allowed). Frames are checked against ``frames`` (None: no check)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such labels file")
    allowed = set(frames) if frames is not None else None
    out: dict[str, tuple[str, ...]] = {}
    for lineno, line in enumerate(_decode_file(p).split("\n"), start=1):
        if not line.strip():
            continue
        if "\t" not in line:
            raise InputError(f"{p}:{lineno}: expected '<ID><TAB>Frame1,Frame2', got "
                             f"{line[:60]!r}")
        ident, _, rest = line.partition("\t")
        ident = ident.strip()
        labs = tuple(x.strip() for x in rest.split(",") if x.strip())
        if not ident:
            raise InputError(f"{p}:{lineno}: the line has no article id before the tab")
        if ident in out:
            raise InputError(f"{p}:{lineno}: article {ident} is listed twice")
        if allowed is not None:
            bad = [x for x in labs if x not in allowed]
            if bad:
                raise InputError(f"{p}:{lineno}: unknown frame {bad[0]!r}; the SemEval frames "
                                 f"are {', '.join(sorted(allowed))}")
        out[ident] = labs
    return out


def _semeval_article_text(raw: str) -> str:
    """Title, blank line, body (the layout of SemEval articles and of framing)."""
    lines = raw.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return ""
    title = lines[i].strip()
    body = "\n".join(lines[i + 1 :]).strip("\n").rstrip()
    return f"{title}\n\n{body}" if body.strip() else title


def read_semeval(folder: str | Path, labels: str | Path | None = None) -> LabelledData:
    """SemEval-2023 Task 3 subtask 2 data: the ``article<ID>.txt`` files of ``folder``
    (UTF-8, CRLF or LF) and, if given, the labels file. With labels, the documents
    are those listed in the labels file, in its order; without, all articles by id."""
    p = Path(folder)
    if not p.is_dir():
        raise InputError(f"{p}: not a folder; give the folder of article<ID>.txt files")
    arts: dict[str, Path] = {}
    for f in p.iterdir():
        m = _ARTICLE_RE.match(f.name)
        if m and f.is_file():
            arts[m["id"]] = f
    if not arts:
        raise InputError(f"{p}: no article<ID>.txt file found; is this a SemEval articles "
                         "folder?")
    if labels is not None:
        lab = read_semeval_labels(labels)
        missing = [i for i in lab if i not in arts]
        if missing:
            raise InputError(f"{labels}: article {missing[0]} has labels but there is no "
                             f"{p / ('article' + missing[0] + '.txt')}")
        ids = list(lab)
        labs: tuple[tuple[str, ...], ...] | None = tuple(lab[i] for i in ids)
    else:
        ids = sorted(arts, key=_id_key)
        labs = None
    texts = tuple(_semeval_article_text(_decode_file(arts[i])) for i in ids)
    return LabelledData(tuple(ids), texts, labs, SEMEVAL_FRAMES, "semeval")


def write_semeval_labels(path: str | Path, ids: Sequence[str],
                         labels: Sequence[Sequence[Any]]) -> None:
    """Write ``<ID><TAB>Frame1,Frame2`` lines (UTF-8, LF), the SemEval labels format,
    atomically (a failure leaves any previous file whole); a missing folder is created."""
    from .output import write_output

    lines = [f"{i}\t{','.join(str(x) for x in labs)}\n"
             for i, labs in zip(ids, labels, strict=True)]
    write_output(Path(path), "".join(lines))


def _json_kind(value: Any) -> str:
    """What a JSON value is, in words (for messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _label_list(items: Sequence[Any], where: str) -> tuple[str, ...]:
    """Frame names from a list: texts, or whole numbers (frame codes such as 1, 3);
    null, true/false, other numbers, lists and objects are refused."""
    bad = next((x for x in items if not _is_label(x)), "")
    if not _is_label(bad):
        raise InputError(f"{where}: a label is {_json_kind(bad)}, not a text; write the labels "
                         'as frame names, e.g. ["Economic", "Political"]')
    return tuple(str(x).strip() for x in items if str(x).strip())


def _is_label(x: Any) -> bool:
    return isinstance(x, str) or (isinstance(x, int) and not isinstance(x, bool)
                                  and abs(x) < 10**18)


def _parse_labels(value: Any, where: str) -> tuple[str, ...]:
    """Labels from a cell: a JSON list of strings, or a string separated by ``,`` (or ``;``
    or ``|``)."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return _label_list(value, where)
    if _is_label(value) and not isinstance(value, str):  # one frame code: 3
        return (str(value),)
    if not isinstance(value, str):
        raise InputError(f"{where}: the labels are {_json_kind(value)}; give a list of frame "
                         'names, e.g. ["Economic", "Political"], or a ,-separated text')
    s = value.strip()
    if s.startswith("["):
        try:
            items = json.loads(s)
        except ValueError:
            raise InputError(f"{where}: labels {s[:60]!r} look like a JSON list but are not "
                             "valid JSON") from None
        except RecursionError:
            raise InputError(f"{where}: the labels are nested too deeply; give a flat JSON "
                             'list of frame names, e.g. ["Economic", "Political"]') from None
        if not isinstance(items, list):
            raise InputError(f"{where}: labels must be a list")
        return _label_list(items, where)
    return tuple(x.strip() for x in _LABEL_SEPARATORS.split(s) if x.strip())


#: What separates the frames of a labels cell: commas, and the semicolons (a
#: French-locale spreadsheet's list separator) or bars people also type; a frame name
#: holds none of them (each of "economie;securite" used to become one frame of its own).
_LABEL_SEPARATORS = re.compile(r"[,;|]")


def _find_column(names: Iterable[str], wanted: str | None, guesses: Sequence[str],
                 where: str, what: str) -> str | None:
    names = list(names)
    low = {n.strip().lower(): n for n in names}
    if wanted is not None:
        if wanted in names:
            return wanted
        if wanted.lower() in low:
            return low[wanted.lower()]
        raise InputError(f"{where}: no column {wanted!r} for {what} (the columns are: "
                         f"{', '.join(names)})")
    for g in guesses:
        if g in low:
            return low[g]
    return None


def read_table_data(
    path: str | Path,
    *,
    text_col: str | None = None,
    labels_col: str | None = None,
    id_col: str | None = None,
    skip_bad: bool = False,
) -> LabelledData:
    """A CSV/TSV/JSONL table with a text column and (optionally) a labels column
    (``labels``/``frames``/… : a JSON list or ``,``-separated), one row per document
    or per sentence (a ``sent_id`` column). An annotation sheet of
    :mod:`framing.annotate` is read as gold labels (majority of its annotator). A row
    that cannot be read is an error, or with ``skip_bad`` (texts to label) listed in
    ``skipped``."""
    from .annotate import gold_from_annotations, is_annotation_sheet, load_annotations
    from .corpus import _location, _open_table, read_corpus

    p = Path(path)
    if is_annotation_sheet(p):
        gold = gold_from_annotations(load_annotations([p]), rule="majority")
        return _from_gold(gold, "sheet")
    sentences = None
    if p.is_file():  # a table of sentences: rows keyed by doc_id and sent_id
        spec = _open_table(_location(p), {"text_col": text_col, "id_col": id_col})
        sentences = _find_column(spec.header, None, ("sent_id",), str(p), "sentence ids")
        if sentences is not None and sentences in (spec.header[i] for i in spec.columns.values()):
            sentences = None  # e.g. --id-col sent_id: the ids the user chose
    corpus = read_corpus(p, text_col=text_col, id_col=id_col, sentence_col=sentences)
    docs = list(corpus)
    if corpus.skipped and not skip_bad:
        s = corpus.skipped[0]
        raise InputError(f"{s}; fix the row ({len(corpus.skipped)} row(s) could not be read)")
    if not docs:
        raise InputError(f"{p}: the table has no rows")
    meta_names = list(docs[0].meta)
    lab_col = _find_column(meta_names, labels_col, LABEL_COLUMNS, str(p), "the labels")
    sent_col = _find_column(meta_names, None, ("sent_id",), str(p), "sentence ids")
    labels = None
    if lab_col is not None:
        labels = tuple(_parse_labels(d.meta.get(lab_col, ""), f"{p}: row {d.doc_id}")
                       for d in docs)
    sent_ids = tuple(str(d.meta.get(sent_col, "")) for d in docs) if sent_col else None
    fmt = "jsonl" if p.suffix.lower() == ".jsonl" else "csv"
    return LabelledData(tuple(d.doc_id for d in docs), tuple(d.text for d in docs), labels,
                        None, fmt, sent_ids, skipped=corpus.skipped)


def _from_gold(gold: pd.DataFrame, fmt: str) -> LabelledData:
    return LabelledData(
        tuple(str(x) for x in gold["doc_id"]), tuple(str(x) for x in gold["text"]),
        tuple(tuple(x) for x in gold["labels"]), tuple(gold.attrs.get("frames", ())) or None,
        fmt, tuple(str(x) for x in gold["sent_id"]),
    )


def _read_label_rows(path: Path, labels_col: str | None) -> list[tuple[int, dict[str, Any]]]:
    """(line, row) pairs of a CSV/TSV/JSONL labels table."""

    from .corpus import (
        _allow_long_cells,
        _BadJson,
        _check_unique_columns,
        _csv_records,
        _json_line,
        _lines_with_ends,
    )

    text = _decode_file(path)
    rows: list[tuple[int, dict[str, Any]]] = []
    if path.suffix.lower() == ".jsonl":
        for lineno, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                obj = _json_line(line)
            except _BadJson as exc:
                raise InputError(f"{path}:{lineno}: {exc}") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{lineno}: not a JSON object")
            rows.append((lineno, obj))
        return rows
    first = text.split("\n", 1)[0]
    sep = "\t" if path.suffix.lower() == ".tsv" else max((",", ";", "\t"), key=first.count)
    _allow_long_cells()
    header: list[str] | None = None
    for lineno, cells, problem in _csv_records(_lines_with_ends(text), sep):
        if cells is None:
            raise InputError(f"{path}:{lineno}: {problem}")
        if header is None:
            header = [h.strip() for h in cells]
            _check_unique_columns(path, header)
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            raise InputError(f"{path}:{lineno}: this row has {len(cells)} cells, "
                             f"the header {len(header)}; quote cells that contain {sep!r} "
                             "or name every column in the header")
        cells = cells + [""] * (len(header) - len(cells))
        rows.append((lineno, dict(zip(header, cells, strict=False))))
    return rows


def read_corpus_data(
    corpus: str | Path, labels: str | Path, *, labels_col: str | None = None
) -> LabelledData:
    """A corpus (folder or table, see :func:`framing.read_corpus`) plus an annotation
    file keyed by ``doc_id`` (document labels) or ``doc_id`` and ``sent_id``
    (sentence labels, ``sent_id`` as in ``sentences.csv``). The file is a table with a
    labels column, or an annotation sheet of :mod:`framing.annotate` (majority; its
    frame columns become ``classes``, the ones no coder used included)."""
    from .annotate import gold_from_annotations, is_annotation_sheet, load_annotations
    from .corpus import read_corpus

    lp = Path(labels)
    if not lp.is_file():
        raise InputError(f"{lp}: no such annotation file")
    read = read_corpus(corpus)
    docs = {d.doc_id: d for d in read}
    unread = {s.path: s.reason for s in read.skipped if s.line is None}  # files not read
    entries: list[tuple[str, str, tuple[str, ...], str]] = []  # doc, sent, labels, where
    sheet_frames: tuple[str, ...] | None = None
    if is_annotation_sheet(lp):
        gold = gold_from_annotations(load_annotations([lp]), rule="majority")
        # the sheet's frame list, as read_table_data keeps it: a frame no coder used is
        # still a frame of the model (never predicted), not silently dropped
        sheet_frames = tuple(str(f) for f in gold.attrs.get("frames", ())) or None
        for g in gold.to_dict(orient="records"):
            entries.append((str(g["doc_id"]), str(g["sent_id"]),
                            tuple(str(x) for x in g["labels"]), f"{lp}: item {g['item_id']}"))
    else:
        rows = _read_label_rows(lp, labels_col)
        if not rows:
            raise InputError(f"{lp}: no rows")
        names = list(rows[0][1])
        doc_col = _find_column(names, None, ("doc_id", "id"), str(lp), "document ids")
        if doc_col is None:
            raise InputError(f"{lp}: no doc_id column (the columns are: {', '.join(names)})")
        lab_col = _find_column(names, labels_col, LABEL_COLUMNS, str(lp), "the labels")
        if lab_col is None:
            raise InputError(f"{lp}: no labels column; name it one of {', '.join(LABEL_COLUMNS)}")
        sent_col = _find_column(names, None, ("sent_id",), str(lp), "sentence ids")
        for lineno, row in rows:
            where = f"{lp}:{lineno}"
            entries.append((str(row.get(doc_col, "")).strip(),
                            str(row.get(sent_col, "") if sent_col else "").strip(),
                            _parse_labels(row.get(lab_col), where), where))
    ids, sents, texts, labs = [], [], [], []
    toks_cache: dict[str, Tokens] = {}
    for doc_id, sent_id, lab, where in entries:
        doc = docs.get(doc_id)
        if doc is None and doc_id in unread:
            raise InputError(f"{where}: doc_id {doc_id!r} names a file of the corpus that could "
                             f"not be read ({unread[doc_id]}); fix the file or drop its labels")
        if doc is None:
            raise InputError(f"{where}: doc_id {doc_id!r} is not in the corpus {corpus}")
        if sent_id:
            toks = toks_cache.get(doc_id) or toks_cache.setdefault(doc_id, tokens(doc.text))
            # ASCII digits only, and few: int() refuses "²" and thousands of digits
            if not (sent_id.isascii() and sent_id.isdigit() and len(sent_id) <= 18
                    and int(sent_id) < len(toks.sentences)):
                shown = sent_id if len(sent_id) <= 40 else sent_id[:40] + "…"
                raise InputError(f"{where}: sent_id {shown!r} is not a sentence of {doc_id} "
                                 f"(it has {len(toks.sentences)}, numbered from 0)")
            texts.append(toks.sentence_text(toks.sentences[int(sent_id)]))
        else:
            texts.append(doc.text)
        ids.append(doc_id)
        sents.append(sent_id)
        labs.append(lab)
    has_sent = any(sents)
    return LabelledData(tuple(ids), tuple(texts), tuple(labs), sheet_frames, "corpus",
                        tuple(sents) if has_sent else None)


def _guess_format(data: Path, labels: Path | None) -> str:
    if data.is_dir():
        has_articles = any(_ARTICLE_RE.match(f.name) for f in data.iterdir() if f.is_file())
        label_table = labels is not None and labels.suffix.lower() in (".csv", ".tsv", ".jsonl")
        return "semeval" if has_articles and not label_table else "corpus"
    suffix = data.suffix.lower()
    if suffix == ".jsonl":
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    raise InputError(f"{data}: cannot tell the data format; give a SemEval articles folder, a "
                     "corpus folder, or a .csv/.tsv/.jsonl table (or --format)")


DATA_FORMATS = ("semeval", "csv", "jsonl", "corpus")


def load_data(
    data: str | Path,
    labels: str | Path | None = None,
    *,
    format: str | None = None,
    require_labels: bool = True,
    text_col: str | None = None,
    labels_col: str | None = None,
    id_col: str | None = None,
    skip_bad: bool = False,
) -> LabelledData:
    """Read training, evaluation or prediction data in any supported format (see the
    module docstring); ``format`` is guessed when None. With ``skip_bad`` (texts to
    label, without labels), a file or row that cannot be read is listed in the
    result's ``skipped`` instead of stopping the whole read."""
    p = Path(data).expanduser()
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    lp = Path(labels).expanduser() if labels is not None else None
    fmt = format or _guess_format(p, lp)
    if fmt not in DATA_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(DATA_FORMATS)}")
    if fmt in ("csv", "jsonl"):  # tables are read by their suffix: refuse what it contradicts
        if p.is_dir():
            raise InputError(f"{p}: format {fmt!r} is for a table file and this is a folder; "
                             "use 'corpus' or 'semeval', or leave the format out")
        suffix = p.suffix.lower()
        if (fmt == "jsonl") != (suffix == ".jsonl") or suffix not in (".csv", ".tsv", ".jsonl"):
            want = ".jsonl" if fmt == "jsonl" else ".csv or .tsv"
            raise InputError(f"{p}: format {fmt!r} is read from a {want} file; rename the "
                             "file to its format, or leave the format out")
    if fmt == "semeval":
        out = read_semeval(p, lp)
    elif lp is not None:
        out = read_corpus_data(p, lp, labels_col=labels_col)
    elif fmt in ("csv", "jsonl") and p.is_file():
        out = read_table_data(p, text_col=text_col, labels_col=labels_col, id_col=id_col,
                              skip_bad=skip_bad)
    else:
        from .corpus import read_corpus

        corpus = read_corpus(p)
        docs = list(corpus)
        out = LabelledData(tuple(d.doc_id for d in docs), tuple(d.text for d in docs), None,
                           None, "corpus", skipped=corpus.skipped)
    if require_labels and out.labels is None:
        raise InputError(f"{p}: no labels found; give a labels file (labels=, --labels FILE), "
                         f"or a labels column ({', '.join(LABEL_COLUMNS[:4])}) in the table")
    if not len(out):
        raise InputError(f"{p}: no text to read")
    return out


def write_predictions(
    path: str | Path,
    data: LabelledData,
    labels: Sequence[Sequence[Any]],
    *,
    scores: np.ndarray | None = None,
    classes: Sequence[Any] | None = None,
) -> str:
    """Write predicted labels by the suffix of ``path``: ``.csv`` (``id, doc_id,
    sent_id, labels`` with labels ``,``-joined, then ``score_<frame>`` columns),
    ``.jsonl`` (one object per text), anything else the SemEval labels format
    (``<ID><TAB>Frame1,Frame2``). Returns the format written. The file is written
    atomically (a failure leaves any previous file whole); a missing folder is created."""
    import csv
    import io

    from .output import write_output

    p = Path(path)
    suffix = p.suffix.lower()
    ids = data.item_ids
    sents = data.sent_ids or ("",) * len(ids)
    names = [str(c) for c in classes] if classes is not None else []
    buf = io.StringIO()
    if suffix == ".csv":
        w = csv.writer(buf)
        w.writerow(["id", "doc_id", "sent_id", "labels",
                    *(f"score_{c}" for c in names if scores is not None)])
        for i, (ident, doc, sent, labs) in enumerate(
                zip(ids, data.ids, sents, labels, strict=True)):
            extra = [f"{v:.6f}" for v in scores[i]] if scores is not None else []
            w.writerow([ident, doc, sent, ",".join(str(x) for x in labs), *extra])
        write_output(p, buf.getvalue())
        return "csv"
    if suffix == ".jsonl":
        for i, (ident, doc, sent, labs) in enumerate(
                zip(ids, data.ids, sents, labels, strict=True)):
            obj: dict[str, Any] = {"id": ident, "doc_id": doc, "sent_id": sent,
                                   "labels": [str(x) for x in labs]}
            if scores is not None:
                obj["scores"] = {c: round(float(v), 6) for c, v in zip(names, scores[i],
                                                                       strict=True)}
            buf.write(json.dumps(obj, ensure_ascii=False) + "\n")
        write_output(p, buf.getvalue())
        return "jsonl"
    write_semeval_labels(p, ids, labels)
    return "semeval"


# ---------------------------------------------------------------------------
# model files


class ModelFileError(FramingError):
    """A model file that framing refuses or cannot load (one line says why)."""


#: The modules whose code turns a text into a model's features (tokenizer,
#: lemmatizer, negation, lexicon matching, the analyzers): their digest in a model
#: file tells whether the features would still be computed the same way.
FEATURE_MODULES = ("tokenizer", "negation", "lexicon", "matcher", "classify")


def feature_code_digest() -> str:
    """SHA-256 (first 16 hex digits) over the source of :data:`FEATURE_MODULES`, as
    recorded in model files; ``""`` when a source file cannot be read."""
    import importlib

    h = hashlib.sha256()
    for name in FEATURE_MODULES:
        mod = importlib.import_module(f"framing.{name}")
        try:
            h.update(Path(str(mod.__file__)).read_bytes())
        except (OSError, TypeError):
            return ""
    return h.hexdigest()[:16]


_PICKLE_SUFFIXES = frozenset({".pkl", ".pickle", ".joblib", ".sav"})


def save_model(model: FrameClassifier, path: str | Path) -> Path:
    """Write a fitted :class:`FrameClassifier` to a skops file with a header (format,
    framing version, labels, thresholds, training-data hash). Atomic: a failure
    leaves any previous file untouched. A missing folder is created; a path that
    cannot be written raises :class:`InputError` (one line)."""
    import os
    import tempfile

    import skops.io as sio
    from sklearn import __version__ as sklearn_version

    from .output import output_problem

    check_is_fitted(model, "coef_")
    p = Path(path)
    if p.suffix.lower() in _PICKLE_SUFFIXES:
        raise ModelFileError(f"{p}: framing writes skops files, not pickle; use a .skops name")
    lv = model.lexicon_vectorizer_
    obj = {
        "format": MODEL_FORMAT,
        "format_version": MODEL_FORMAT_VERSION,
        "framing_version": __version__,
        "classes": [str(c) for c in model.classes_],
        "thresholds": [float(t) for t in model.thresholds_],
        "min_labels": int(model.min_labels_),
        # prefixed: a distinct string, so skops does not store header and model as one node
        "training_digest": f"sha256:{model.training_digest_}",
        "n_train_samples": int(model.n_train_samples_),
        "lexicon": None if lv is None else str(lv.lexicon_name_),
        # how the model was made, beyond its parameters (which the model itself holds)
        "training_unit": str(getattr(model, "unit_", "")) or None,
        "n_train_groups": int(getattr(model, "n_train_groups_", model.n_train_samples_)),
        "scikit_learn_version": sklearn_version,
        "feature_code_sha256": feature_code_digest(),
        "model": model,
    }
    tmp: str | None = None
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.tmp-", dir=p.parent)
        os.close(fd)
        sio.dump(obj, tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a model file is not secret
        os.replace(tmp, p)
    except OSError as exc:
        reason = output_problem(p) or f"cannot be written ({exc.strerror or exc})"
        raise InputError(f"{p}: {reason}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return p


#: The shipped model: ``FrameClassifier`` defaults fitted on the 300 annotated
#: sentences of the demonstration corpus for the ``geopolitique`` frames (made by
#: ``benchmarks/eval_frames.py --save``). ``load_model("default")`` loads it.
DEFAULT_MODEL = "frames_geopolitique.skops"


def model_path(path: str | Path) -> Path:
    """The file of a model: ``"default"`` is the shipped model, anything else a path."""
    if str(path) == "default":
        return Path(str(resources.files("framing"))) / "models" / DEFAULT_MODEL
    return Path(path)


def load_model(path: str | Path) -> FrameClassifier:
    """Load a model written by :func:`save_model` (``"default"``: the shipped model),
    refusing pickle files, files that are not skops archives, files holding any type
    outside :data:`MODEL_ALLOWED_TYPES` (besides what skops trusts by default), and
    files whose header disagrees with the model. Raises :class:`ModelFileError`."""
    return _load_model_file(model_path(path))[1]


def model_header(path: str | Path) -> dict[str, Any]:
    """The header of a model file (format, framing version, classes, thresholds,
    ``min_labels``, training-data digest, ``n_train_samples``, lexicon, and since
    training units were recorded ``training_unit``, ``n_train_groups``,
    ``scikit_learn_version``, ``feature_code_sha256``), after the same checks as
    :func:`load_model`."""
    return _load_model_file(model_path(path))[0]


def _load_model_file(path: str | Path) -> tuple[dict[str, Any], FrameClassifier]:
    import skops.io as sio

    p = Path(path)
    if p.is_dir():
        raise ModelFileError(f"{p}: is a folder; give a model file (.skops)")
    if not p.is_file():
        raise ModelFileError(f"{p}: no such model file; train one with "
                             "`python -m framing.classify train`")
    with p.open("rb") as fh:
        head = fh.read(4)
    if head[:1] == b"\x80" or p.suffix.lower() in _PICKLE_SUFFIXES:
        raise ModelFileError(f"{p}: this is a pickle file; framing never loads pickle (it can "
                             "run arbitrary code); use a .skops model from framing.classify")
    if head != b"PK\x03\x04":
        raise ModelFileError(f"{p}: not a framing model file (expected a skops archive)")
    try:
        untrusted = sio.get_untrusted_types(file=p)
    except Exception as exc:
        raise ModelFileError(f"{p}: damaged or not a skops model file ({type(exc).__name__}); "
                             "train the model again") from None
    refused = sorted(set(untrusted) - MODEL_ALLOWED_TYPES)
    if refused:
        shown = ", ".join(refused[:4]) + (" …" if len(refused) > 4 else "")
        raise ModelFileError(f"{p}: refused: it holds types outside framing's allow-list "
                             f"({shown}); it was altered or not written by framing.classify")
    try:
        obj = sio.load(p, trusted=list(untrusted))
    except Exception as exc:
        raise ModelFileError(f"{p}: cannot be loaded ({type(exc).__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''}); it is damaged "
                             "or altered") from None
    if not isinstance(obj, dict) or obj.get("format") != MODEL_FORMAT:
        raise ModelFileError(f"{p}: not a framing classifier file (no framing header)")
    model = obj.get("model")
    if not isinstance(model, FrameClassifier):
        raise ModelFileError(f"{p}: the file does not hold a FrameClassifier")
    try:
        consistent = (
            obj["classes"] == [str(c) for c in model.classes_]
            and np.allclose(obj["thresholds"], model.thresholds_)
            and obj["training_digest"] == f"sha256:{model.training_digest_}"
            and obj["min_labels"] == model.min_labels_
            and model.coef_.shape[0] == len(model.classes_)
            and obj.get("training_unit") == (getattr(model, "unit_", "") or None)
        )
    except (KeyError, AttributeError, TypeError, ValueError):
        consistent = False
    if not consistent:
        raise ModelFileError(f"{p}: the header and the model disagree; the file was altered")
    if obj.get("framing_version") != __version__:
        warnings.warn(f"{p}: written by framing {obj.get('framing_version')}, this is framing "
                      f"{__version__}; predictions may differ", UserWarning, stacklevel=3)
    return {k: v for k, v in obj.items() if k != "model"}, model


# ---------------------------------------------------------------------------
# command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m framing.classify`` (see :mod:`framing.classify_cli`)."""
    from .classify_cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy: the estimators must be
    # framing.classify.FrameClassifier (their qualified name is saved in model files).
    from framing.classify import main as _main

    raise SystemExit(_main())
