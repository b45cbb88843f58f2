"""Comparative statistics: ``textstat_*`` functions that return tidy DataFrames.

Every table carries its counts next to its estimates, and every estimate its
uncertainty, so that a reader can judge a difference. Column names are fixed: the
grouping variable's *name* goes in a ``by`` column and its values in ``group``, so
columns never change with an argument.

Inputs are the report's own tables (README, "What you get"): ``docs`` has one row per
document (``doc_id``, ``n_tokens`` and metadata such as ``source``, ``date``);
``hits`` one row per lexicon hit (``doc_id``, ``sent_id``, ``frame``, ``negated``,
``voice``, ``speaker``).

Methods and their sources
-------------------------
* Proportions: Wilson score interval (Wilson 1927; recommended by Brown, Cai &
  DasGupta 2001 over the Wald interval for small n).
* Association of a frame with groups: Pearson's χ² test of independence on the
  groups × (with / without the frame) table, with Cramér's V as effect size
  (Cramér 1946); pairwise comparisons: the difference of the two shares with
  Newcombe's hybrid score interval (Newcombe 1998) and Fisher's exact test,
  Holm-corrected (Holm 1979).
* Keyness: log-likelihood G² in the two-cell form of Rayson & Garside 2000 (the 2×2
  G² of Dunning 1993 when the word is a small share of both corpora), signed by the
  relative frequencies, with the log ratio as effect size (Hardie 2014), raw counts
  in both corpora, and a minimum frequency. Beside each raw p-value, the
  Benjamini–Hochberg q-value (Benjamini & Hochberg 1995) over every lemma tested for
  the group: the false discovery rate, as for keyword lists, since with thousands of
  lemmas Holm's family-wise correction leaves almost nothing. Both still treat word
  occurrences as independent (the words of one article are not): they rank lemmas.
* Means: percentile bootstrap intervals (Efron & Tibshirani 1993), seeded.
"""

from __future__ import annotations

import datetime
import math
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ALL_GROUP",
    "BOOTSTRAP_MIN_N",
    "BOOTSTRAP_RESAMPLES",
    "CHI2_MIN_EXPECTED",
    "CONFIDENCE",
    "CROSSING",
    "MISSING_GROUP",
    "MONTE_CARLO_MAX_GROUPS",
    "MONTE_CARLO_TABLES",
    "NEGATED_VALUES",
    "PERIODS",
    "benjamini_hochberg",
    "bootstrap_mean_ci",
    "check_whole_number",
    "documents_table",
    "g2",
    "group_counts",
    "holm",
    "kappa_cluster_ci",
    "kappa_with_se",
    "lacks_value",
    "log_ratio",
    "named_groups",
    "negated_mask",
    "newcombe_interval",
    "period_of",
    "require_columns",
    "textstat_association",
    "textstat_cooccurrence",
    "textstat_keyness",
    "textstat_over_time",
    "textstat_pairwise",
    "textstat_prevalence",
    "textstat_sentiment",
    "textstat_voice",
    "wilson_interval",
]

#: The periods :func:`period_of` and ``--period`` know.
PERIODS = ("day", "week", "month", "year")
#: Confidence level of every interval in framing's tables.
CONFIDENCE = 0.95
#: Bootstrap resamples: 2,000 gives percentile intervals stable to about ±0.01 for
#: the sample sizes of a press corpus (Efron & Tibshirani 1993, ch. 19).
BOOTSTRAP_RESAMPLES = 2000
#: Fewest values (documents) a mean's bootstrap interval is given for; below it the
#: interval is NaN. The percentile bootstrap only reshuffles the values it has: with
#: one value its interval is [x, x], zero width; with two it is exactly the range of
#: the two, which holds the median of a continuous distribution only half the time,
#: not 95%; with three or four its coverage is still well below the nominal level.
BOOTSTRAP_MIN_N = 5
#: Seed of every bootstrap, so that a report is byte-identical across runs.
BOOTSTRAP_SEED = 20240703
#: Tables with fixed margins drawn for the Monte Carlo p-value of the χ² test
#: (Hope 1968): with 10,000 the p-value's standard error is at most 0.005.
MONTE_CARLO_TABLES = 10_000
#: The Monte Carlo p-value is computed where the χ² approximation is in doubt: an
#: expected count below this (Cochran 1954)...
CHI2_MIN_EXPECTED = 5
#: ...and for at most this many groups (each table draws one count per group: with
#: thousands of authors it would take seconds per frame; those tables get NaN).
MONTE_CARLO_MAX_GROUPS = 200
#: Values resampled at a time by the bootstrap (8 bytes each for the indices and the values).
_BOOTSTRAP_BLOCK = 1 << 20
#: The group of documents without a value of the grouping column (no source, no
#: date): shown in the descriptive tables, left out of the tests between groups
#: (:func:`textstat_association`, :func:`textstat_pairwise`), as a missing value is,
#: since it is not a group whose difference from the others means anything.
MISSING_GROUP = "(none)"
#: Between the values of crossed grouping columns in a group's name ("Le Courrier
#: Atlantique / 2024-07"); a crossed group with a value missing ("Le Courrier
#: Atlantique / (none)") is left out of the tests between groups, as MISSING_GROUP.
CROSSING = " / "
#: The one group of the documents when no grouping column is given (``by=None``); in
#: parentheses, as MISSING_GROUP, so that a source or author named "all" stays apart.
ALL_GROUP = "(all)"
#: Hardie (2014) adds 0.5 to a zero frequency before the log ratio.
LOG_RATIO_ZERO = 0.5

_Z = 1.959963984540054  # two-sided 95% normal quantile


def wilson_interval(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials. ``(nan, nan)`` if n=0."""
    if n <= 0:
        return (math.nan, math.nan)
    if not 0 <= k <= n:
        raise ValueError(f"k must be between 0 and n ({n}), not {k}")
    if confidence == CONFIDENCE:
        z = _Z
    else:
        from scipy.stats import norm

        z = float(norm.ppf(0.5 + confidence / 2))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # the interval always holds p: for k = 0 or k = n rounding would otherwise leave
    # a bound a few 1e-17 on the wrong side (and a negative error bar in a figure)
    return (max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half)))


def newcombe_interval(k1: int, n1: int, k2: int, n2: int,
                      confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Interval of the difference of two proportions ``k1/n1 - k2/n2``: Newcombe's
    hybrid score interval (Newcombe 1998, method 10), built from the two Wilson
    intervals; it stays within [-1, 1] and behaves at 0 and n. ``(nan, nan)`` if a
    group is empty."""
    if n1 <= 0 or n2 <= 0:
        return (math.nan, math.nan)
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson_interval(k1, n1, confidence)
    l2, u2 = wilson_interval(k2, n2, confidence)
    d = p1 - p2
    return (d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm–Bonferroni adjusted p-values (step-down, monotone, capped at 1). A NaN
    p-value (no test) stays NaN and is not counted among the tests."""
    tested = [i for i, p in enumerate(pvalues) if not math.isnan(p)]
    m = len(tested)
    order = sorted(tested, key=lambda i: pvalues[i])
    adjusted = [math.nan] * len(pvalues)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted


def benjamini_hochberg(pvalues: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery
    rate (Benjamini & Hochberg 1995, *JRSS B* 57(1), 289–300): the ``i``-th smallest of
    ``m`` p-values becomes ``min over j >= i of p_(j) * m / j``, so that the q-values
    keep the order of the p-values (step-up, monotone) and never exceed 1; a lemma
    is "discovered" at FDR level α when its q-value is at most α. A NaN p-value (no
    test) stays NaN and is not counted among the ``m`` tests. Returns a float array
    in the order of ``pvalues``.

    Where :func:`holm` bounds the chance of a single false positive among all tests,
    this bounds the expected share of false positives among those called
    significant: the correction keyword lists need, with thousands of lemmas tested."""
    p = np.asarray(pvalues, dtype=float).ravel()
    if ((p < 0) | (p > 1)).any():
        raise ValueError("p-values must lie between 0 and 1 (NaN for no test)")
    adjusted = np.full(p.shape, np.nan)
    tested = np.flatnonzero(~np.isnan(p))
    m = len(tested)
    if m == 0:
        return adjusted
    order = tested[np.argsort(p[tested], kind="mergesort")]
    scaled = p[order] * m / np.arange(1, m + 1)
    # the running minimum from the largest p-value down: the step-up procedure (never
    # above the largest p-value, hence never above 1)
    adjusted[order] = np.minimum.accumulate(scaled[::-1])[::-1]
    return adjusted


def g2(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood G² of a word seen ``a`` times in a corpus of ``c`` tokens and
    ``b`` times in a reference of ``d`` tokens, in the two-cell form of Rayson & Garside
    2000, close to the 2×2 G² of Dunning 1993 when the word is a small share of both
    sides (1.3461 against 1.3467 for 50 and 60 occurrences in 100,000 and 150,000
    tokens; 7.98 against 11.81 for 10 and 1 in 16 and 15 tokens). Unsigned:
    :func:`textstat_keyness` gives it the direction of ``a/c`` against ``b/d``."""
    if c <= 0 or d <= 0 or a + b == 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    total = 0.0
    if a > 0:
        total += a * math.log(a / e1)
    if b > 0:
        total += b * math.log(b / e2)
    return 2.0 * total


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Binary log of the ratio of relative frequencies ``(a/c) / (b/d)`` (Hardie 2014);
    a zero count is replaced by 0.5. A word absent from one side is never said to be
    more frequent there: with very unequal sizes the 0.5 could make a zero look
    frequent in the smaller side (0.5 in 10,000 tokens against 5 in a million), so
    the ratio is then 0 (no direction) instead."""
    lr = math.log2(((a or LOG_RATIO_ZERO) / c) / ((b or LOG_RATIO_ZERO) / d))
    if a == 0:
        return min(lr, 0.0)
    if b == 0:
        return max(lr, 0.0)
    return lr


def bootstrap_mean_ci(
    values: Sequence[float] | np.ndarray,
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval ``(mean, low, high)``; NaN when empty."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(x.mean())
    if x.size == 1:
        return (mean, mean, mean)
    rng = np.random.default_rng(seed)
    # resamples drawn a block at a time (the generator gives the same numbers as one
    # draw of resamples × n), so memory stays about 16 MB whatever the group size
    block = max(1, _BOOTSTRAP_BLOCK // x.size)
    means = np.empty(resamples)
    for i in range(0, resamples, block):
        k = min(block, resamples - i)
        means[i : i + k] = x[rng.integers(0, x.size, size=(k, x.size))].mean(axis=1)
    alpha = (1 - confidence) / 2
    lo, hi = np.quantile(means, [alpha, 1 - alpha])
    return (mean, float(lo), float(hi))


def kappa_with_se(both: int, only_a: int, only_b: int, neither: int) -> tuple[float, float]:
    """Cohen's κ of a 2×2 table and its large-sample standard error (Fleiss, Cohen &
    Everitt 1969, the standard error of κ itself, not of κ = 0 as Cohen 1960's).
    ``(nan, nan)`` when κ is undefined: no text, or both methods giving one same answer
    to every text (expected agreement 1; was κ = 1.0 for a frame neither method saw)."""
    kappa = float(_kappas(np.array([[both, only_a, only_b, neither]]))[0])
    if math.isnan(kappa):
        return (math.nan, math.nan)
    n = both + only_a + only_b + neither
    p11, p12, p21, p22 = both / n, only_a / n, only_b / n, neither / n
    po = p11 + p22
    pa, pb = p11 + p12, p11 + p21  # the two methods' "yes" shares
    pe = pa * pb + (1 - pa) * (1 - pb)
    # FCE 1969, eq. 13: rows are method A (pa, 1 - pa), columns method B (pb, 1 - pb)
    rows, cols = (pa, 1 - pa), (pb, 1 - pb)
    diag = sum(pii * ((1 - pe) - (rows[i] + cols[i]) * (1 - po)) ** 2
               for i, pii in enumerate((p11, p22)))
    off = (1 - po) ** 2 * (p12 * (cols[0] + rows[1]) ** 2 + p21 * (cols[1] + rows[0]) ** 2)
    var = (diag + off - (po * pe - 2 * pe + po) ** 2) / (n * (1 - pe) ** 4)
    return (kappa, math.sqrt(max(var, 0.0)))


#: Expected agreement this close to 1 leaves κ undefined (0/0 up to rounding: both
#: methods give one same answer to nearly every unit).
_PE_TOLERANCE = 1e-12


def _kappas(tables: np.ndarray) -> np.ndarray:
    """Cohen's κ of each row (both, only_a, only_b, neither) of ``tables``; NaN where
    undefined (no unit, or expected agreement 1), as :func:`kappa_with_se`."""
    t = np.asarray(tables, dtype=float)
    n = t.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        p11, p12, p21, p22 = (t[:, i] / n for i in range(4))
        pa, pb = p11 + p12, p11 + p21
        pe = pa * pb + (1 - pa) * (1 - pb)
        kappa = (p11 + p22 - pe) / (1 - pe)
    return np.where((n > 0) & (pe < 1 - _PE_TOLERANCE), kappa, np.nan)


def kappa_cluster_ci(
    tables: Sequence[Sequence[int]] | np.ndarray,
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile interval of Cohen's κ between two codings of units (sentences) that
    come in clusters (documents): each row of ``tables`` is one cluster's 2×2 counts
    (both, only_a, only_b, neither), and the clusters are resampled with replacement
    (the cluster bootstrap: Davison & Hinkley 1997, section 3.8; Field & Welsh 2007),
    because the sentences of one article are not independent and the large-sample
    standard error (:func:`kappa_with_se`) treats them as if they were. NaN with fewer
    than :data:`BOOTSTRAP_MIN_N` clusters, or when κ is undefined in more than half of
    the resamples (a frame almost never coded); seeded."""
    t = np.asarray(tables, dtype=np.int64).reshape(-1, 4)
    d = len(t)
    if d < BOOTSTRAP_MIN_N or math.isnan(float(_kappas(t.sum(axis=0, keepdims=True))[0])):
        return (math.nan, math.nan)
    rng = np.random.default_rng(seed)
    block = max(1, _BOOTSTRAP_BLOCK // d)  # memory bounded whatever the corpus size
    kappas = np.empty(resamples)
    for i in range(0, resamples, block):
        k = min(block, resamples - i)
        picks = rng.integers(0, d, size=(k, d)) + (np.arange(k) * d)[:, None]
        weights = np.bincount(picks.ravel(), minlength=k * d).reshape(k, d)
        kappas[i : i + k] = _kappas(weights @ t)
    defined = kappas[~np.isnan(kappas)]
    if defined.size * 2 < resamples:
        return (math.nan, math.nan)
    alpha = (1 - confidence) / 2
    lo, hi = np.quantile(defined, [alpha, 1 - alpha])
    return (float(lo), float(hi))


def period_of(date: str, period: str = "month") -> str:
    """The period label of an ISO date: ``day`` → 2024-07-03, ``week`` → 2024-W27,
    ``month`` → 2024-07, ``year`` → 2024. Empty for a missing or unparsed date, and
    for one that is no day of the calendar (a metadata cell ``2024-13-45``)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: use day, week, month or year")
    if not isinstance(date, str) or len(date) < 10 or date[4] != "-" or date[7] != "-":
        return ""
    try:  # a date of the right shape that is no day ("2024-13-45", "2024-02-30")
        datetime.date.fromisoformat(date[:10])
    except ValueError:
        return ""
    if period == "year":
        return date[:4]
    if period == "month":
        return date[:7]
    if period == "day":
        return date[:10]
    try:  # week
        iso = pd.Timestamp(date[:10]).isocalendar()
    except ValueError:
        return ""
    return f"{iso.year}-W{iso.week:02d}"


def documents_table(corpus_or_docs: object) -> pd.DataFrame:
    """The documents table the ``textstat_*`` functions take: a DataFrame is returned
    as is; a corpus (any iterable of :class:`~framing.corpus.Document`) is turned into
    one row per document with ``doc_id``, ``title``, ``author``, ``source``, ``date``,
    the metadata and ``n_tokens`` (word tokens, as in ``documents.csv``)."""
    if isinstance(corpus_or_docs, pd.DataFrame):
        return corpus_or_docs
    from .tokenizer import tokens

    rows = []
    for d in corpus_or_docs:  # type: ignore[attr-defined]
        rows.append({"doc_id": d.doc_id, "title": d.title, "author": d.author,
                     "source": d.source, "date": d.date, **dict(d.meta),
                     "n_tokens": tokens(d.text).n_words})
    return pd.DataFrame(rows, columns=None if rows else
                        ["doc_id", "title", "author", "source", "date", "n_tokens"])


#: How the tables the ``textstat_*`` functions read are named in their errors.
HITS_TABLE = "hits table (framing.match, or a report's hits.csv)"
DOCS_TABLE = "documents table (a Corpus, or a report's documents.csv)"
PREVALENCE_TABLE = "prevalence table (textstat_prevalence)"


def require_columns(table: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """A :class:`KeyError` naming the columns ``table`` lacks, the ones it has and what
    such a table is (``what``), instead of pandas' bare ``KeyError: 'n_tokens'`` deep
    inside a computation."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        have = ", ".join(map(str, table.columns[:12])) or "none"
        raise KeyError(f"the {what} has no column {', '.join(map(repr, missing))} "
                       f"(its columns: {have})")


def check_whole_number(name: str, value: object, low: int = 0) -> None:
    """A :class:`ValueError` unless ``value`` is a whole number ``>= low`` (a negative
    ``top`` used to drop rows from the end, a negative ``k`` to return nearly all)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ValueError(f"{name} must be a whole number >= {low}, not {value!r}")


def _hits(hits: pd.DataFrame, *extra: str) -> pd.DataFrame:
    """``hits``, checked for the columns every per-hit statistic reads (an empty
    table needs none: it is a corpus without hits)."""
    if len(hits):
        require_columns(hits, ("doc_id", "frame", "negated", *extra), HITS_TABLE)
    return hits


def _docs(corpus_or_docs: object, *needs: str) -> pd.DataFrame:
    """:func:`documents_table`, checked: ``doc_id`` and ``needs`` present, one row per
    document (a repeated row counted a document twice in every share)."""
    docs = documents_table(corpus_or_docs)
    require_columns(docs, ("doc_id", *needs), DOCS_TABLE)
    repeated = docs["doc_id"].astype(str).duplicated()
    if repeated.any():
        first = docs["doc_id"][repeated].iloc[0]
        raise ValueError(f"the {DOCS_TABLE} has {int(repeated.sum())} repeated doc_id "
                         f"value(s) (first: {first!r}): give one row per document")
    return docs


def _groups(docs: pd.DataFrame, by: str | None) -> pd.Series:
    if not isinstance(by, str | None):
        raise TypeError(f"by= takes one column name, not {type(by).__name__}; to cross "
                        "columns, add one: docs.assign(g=docs['source'] + ' / ' + "
                        "docs['section']), then by='g'")
    if by is None:
        return pd.Series([ALL_GROUP] * len(docs), index=docs.index, dtype=object)
    if by not in docs.columns:
        cols = ", ".join(docs.columns)
        raise KeyError(f"no column {by!r} in the documents table (columns: {cols})")
    return named_groups(docs[by])


def named_groups(values: pd.Series) -> pd.Series:
    """Group values as the tables name them: as text, :data:`MISSING_GROUP` where a
    document has none (empty or missing)."""
    return values.fillna("").astype(str).replace("", MISSING_GROUP)


def _frames(hits: pd.DataFrame, frames: Iterable[str] | None) -> list[str]:
    if isinstance(frames, str):  # one frame, not its letters
        return [frames]
    if frames is not None:
        return list(frames)
    return sorted(hits["frame"].unique()) if len(hits) else []


#: How a negated hit's ``negated`` cell reads once lower-cased and stripped: a bool,
#: 1, their text, ``yes`` (a 0/1 column with blanks is read from CSV as floats: ``1.0``).
NEGATED_VALUES = ("true", "1", "1.0", "yes")


def negated_mask(values: pd.Series) -> pd.Series:
    """Which cells of a ``negated`` column say the hit is negated (:data:`NEGATED_VALUES`);
    every table reader of framing reads the column this way."""
    if values.dtype == bool:
        return values
    return values.astype(str).str.strip().str.lower().isin(NEGATED_VALUES)


def _known(rows: pd.DataFrame, doc_group: Mapping[str, str], what: str) -> pd.DataFrame:
    """``rows`` whose ``doc_id`` is in the documents table; the others are left out with
    one warning (were: counted in the "(none)" group of documents without a value of
    ``by``, which then had more documents with a frame than documents)."""
    if not len(rows):
        return rows
    known = rows["doc_id"].astype(str).isin(doc_group)
    if not known.all():
        lost = rows.loc[~known, "doc_id"].astype(str)
        warnings.warn(f"{len(lost)} {what}(s) of {lost.nunique()} document(s) that are not in "
                      f"the documents table (e.g. {lost.iloc[0]!r}) were left out; give the "
                      "documents table of the same run", UserWarning, stacklevel=3)
    return rows[known]


def _negated(hits: pd.DataFrame) -> pd.Series:
    return negated_mask(hits["negated"])


def _positive(hits: pd.DataFrame) -> pd.DataFrame:
    if not len(hits):
        return hits
    return hits[~_negated(hits)]


def textstat_prevalence(
    hits: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    by: str | None = "source",
    frames: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per group × frame: share of documents with at least one un-negated hit, with
    its Wilson interval, and un-negated hits per 1,000 tokens.

    Columns: by, group, frame, n_docs, docs_with_frame, prevalence, ci_low, ci_high,
    hits, negated_hits, n_tokens, per_1000_tokens.
    """
    docs = _docs(docs, "n_tokens")
    hits = _hits(hits)
    groups = _groups(docs, by)
    doc_group = dict(zip(docs["doc_id"].astype(str).tolist(), groups.tolist(), strict=True))
    hits = _known(hits, doc_group, "hit")
    n_docs = Counter(groups.tolist())
    tokens_per_group = docs.assign(_g=groups).groupby("_g")["n_tokens"].sum().to_dict()
    pos = _positive(hits)
    with_frame: Counter[tuple[str, str]] = Counter()
    pairs = pos[["doc_id", "frame"]].drop_duplicates() if len(pos) else pos
    pair_cols = (pairs["doc_id"].tolist(), pairs["frame"].tolist()) if len(pos) else ([], [])
    for doc, frame in zip(*pair_cols, strict=True):
        with_frame[(doc_group[str(doc)], frame)] += 1
    hit_counts: Counter[tuple[str, str]] = Counter()
    neg_counts: Counter[tuple[str, str]] = Counter()
    for doc, frame, negated in (
        zip(hits["doc_id"].tolist(), hits["frame"].tolist(), _negated(hits).tolist(), strict=True)
        if len(hits) else []
    ):
        key = (doc_group[str(doc)], frame)
        if negated:
            neg_counts[key] += 1
        else:
            hit_counts[key] += 1
    rows = []
    for g in sorted(n_docs):
        for f in _frames(hits, frames):
            k, n = with_frame[(g, f)], n_docs[g]
            lo, hi = wilson_interval(k, n)
            toks = int(tokens_per_group.get(g, 0))
            rows.append(
                {
                    "by": by or "", "group": g, "frame": f, "n_docs": n, "docs_with_frame": k,
                    "prevalence": k / n if n else math.nan, "ci_low": lo, "ci_high": hi,
                    "hits": hit_counts[(g, f)], "negated_hits": neg_counts[(g, f)],
                    "n_tokens": toks,
                    "per_1000_tokens": 1000 * hit_counts[(g, f)] / toks if toks else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=[
        "by", "group", "frame", "n_docs", "docs_with_frame", "prevalence", "ci_low", "ci_high",
        "hits", "negated_hits", "n_tokens", "per_1000_tokens",
    ])


def textstat_association(prevalence: pd.DataFrame) -> pd.DataFrame:
    """Per frame, a χ² test of independence of groups × (with / without the frame).

    Takes the output of :func:`textstat_prevalence`. Columns: frame, n_groups, n_docs,
    counts (``group: k/n`` pairs), chi2, dof, p_value, p_monte_carlo, cramers_v,
    min_expected. ``p_value`` is the χ² approximation; below an expected count of
    :data:`CHI2_MIN_EXPECTED` (``min_expected``, Cochran 1954) read ``p_monte_carlo``
    instead, computed for those tables only (NaN elsewhere, and beyond
    :data:`MONTE_CARLO_MAX_GROUPS` groups): the share of :data:`MONTE_CARLO_TABLES`
    random tables with the same margins (each group's documents, the frame's total)
    whose χ² is at least the observed one, counted as ``(1 + r) / (1 + B)`` (Hope
    1968; Davison & Hinkley 1997), seeded. It needs no large counts: it is the exact
    conditional test up to its Monte Carlo error. The documents without a value of
    the grouping column (:data:`MISSING_GROUP`) are not a group: they are left out of
    the test and of ``counts``, ``n_groups`` and ``n_docs``.
    """
    from scipy.stats import chi2_contingency

    require_columns(prevalence, ("group", "frame", "n_docs", "docs_with_frame"),
                    PREVALENCE_TABLE)
    rows = []
    for frame, sub in _tested(prevalence).groupby("frame", sort=True):
        k = sub["docs_with_frame"].to_numpy(dtype=float)
        n = sub["n_docs"].to_numpy(dtype=float)
        table = np.vstack([k, n - k]).T
        counts = group_counts(sub["group"], k, n)
        row = {"frame": frame, "n_groups": len(sub), "n_docs": int(n.sum()), "counts": counts,
               "chi2": math.nan, "dof": 0, "p_value": math.nan, "p_monte_carlo": math.nan,
               "cramers_v": math.nan, "min_expected": math.nan}
        full = n > 0  # a group without documents has no row in the table
        if full.sum() >= 2 and table[full, 0].sum() > 0 and table[full, 1].sum() > 0:
            res = chi2_contingency(table[full], correction=False)
            total = table[full].sum()
            min_e = float(np.min(res.expected_freq))
            row.update(
                chi2=float(res.statistic), dof=int(res.dof), p_value=float(res.pvalue),
                p_monte_carlo=_chi2_monte_carlo(k[full], n[full], float(res.statistic))
                if min_e < CHI2_MIN_EXPECTED and full.sum() <= MONTE_CARLO_MAX_GROUPS
                else math.nan,
                cramers_v=math.sqrt(float(res.statistic) / (total * (min(table.shape) - 1))),
                min_expected=min_e,
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=[
        "frame", "n_groups", "n_docs", "counts", "chi2", "dof", "p_value", "p_monte_carlo",
        "cramers_v", "min_expected",
    ])


def _chi2_monte_carlo(k: np.ndarray, n: np.ndarray, observed: float) -> float:
    """Monte Carlo p-value of Pearson's χ² for groups × (with / without), given the
    margins: each of :data:`MONTE_CARLO_TABLES` tables spreads the frame's total over
    the groups' documents at random (multivariate hypergeometric)."""
    sizes = n.astype(np.int64)
    total, with_frame = int(sizes.sum()), int(k.sum())
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    e1 = sizes * with_frame / total
    e0 = sizes - e1
    r = 0
    for done in range(0, MONTE_CARLO_TABLES, _MONTE_CARLO_BLOCK):  # bounded memory
        sims = rng.multivariate_hypergeometric(
            sizes, with_frame, size=min(_MONTE_CARLO_BLOCK, MONTE_CARLO_TABLES - done))
        chi2 = (((sims - e1) ** 2) / e1 + (((sizes - sims) - e0) ** 2) / e0).sum(axis=1)
        # a tolerance for the float sums: a table as extreme as the observed one counts
        r += int(np.count_nonzero(chi2 >= observed * (1 - 1e-9)))
    return (1 + r) / (1 + MONTE_CARLO_TABLES)


def group_counts(groups: Iterable[object], k: Iterable[float], n: Iterable[float], *,
                 name: Callable[[object], str] = str, colon: str = ": ",
                 separator: str = "; ") -> str:
    """The ``group: k/n`` of each group, as :func:`textstat_association`'s ``counts``
    column writes them; ``name``, ``colon`` and ``separator`` let a report write the
    group names and punctuation of its language."""
    return separator.join(f"{name(g)}{colon}{int(a)}/{int(b)}"
                          for g, a, b in zip(groups, k, n, strict=True))


def _tested(prevalence: pd.DataFrame) -> pd.DataFrame:
    """The rows of a prevalence table that the tests between groups compare: every
    group but :data:`MISSING_GROUP` and the crossed groups with a value missing
    (:data:`CROSSING`)."""
    return prevalence[~prevalence["group"].map(lacks_value).astype(bool)]


def lacks_value(group: object) -> bool:
    """Is ``group`` the documents without a value (:data:`MISSING_GROUP`), or a crossed
    group with a value missing ("Le Courrier Atlantique / (none)", :data:`CROSSING`)?
    Such groups are shown, but neither tested against the others nor given a keyness
    table of their own."""
    return MISSING_GROUP in str(group).split(CROSSING)


#: Monte Carlo tables drawn at a time.
_MONTE_CARLO_BLOCK = 1000


def textstat_pairwise(prevalence: pd.DataFrame) -> pd.DataFrame:
    """Pairwise comparisons of a frame's prevalence between groups: the difference
    of the two shares with its 95% interval (:func:`newcombe_interval`), and Fisher's
    exact test, Holm-corrected within each frame. The documents without a value of
    the grouping column (:data:`MISSING_GROUP`) are not compared.

    Columns: frame, group_a, group_b, k_a, n_a, k_b, n_b, difference, diff_low,
    diff_high, p_value, p_holm.
    """
    from scipy.stats import fisher_exact

    require_columns(prevalence, ("group", "frame", "n_docs", "docs_with_frame"),
                    PREVALENCE_TABLE)
    out = []
    for frame, sub in _tested(prevalence).groupby("frame", sort=True):
        recs = list(sub[["group", "docs_with_frame", "n_docs"]].itertuples(index=False))
        rows = []
        for i in range(len(recs)):
            for j in range(i + 1, len(recs)):
                ga, ka, na = recs[i]
                gb, kb, nb = recs[j]
                if na == 0 or nb == 0:
                    continue
                p = float(fisher_exact([[ka, na - ka], [kb, nb - kb]]).pvalue)
                lo, hi = newcombe_interval(int(ka), int(na), int(kb), int(nb))
                rows.append({"frame": frame, "group_a": ga, "group_b": gb, "k_a": int(ka),
                             "n_a": int(na), "k_b": int(kb), "n_b": int(nb),
                             "difference": ka / na - kb / nb, "diff_low": lo, "diff_high": hi,
                             "p_value": p})
        for r, adj in zip(rows, holm([r["p_value"] for r in rows]), strict=True):
            r["p_holm"] = adj
        out.extend(rows)
    return pd.DataFrame(out, columns=[
        "frame", "group_a", "group_b", "k_a", "n_a", "k_b", "n_b", "difference", "diff_low",
        "diff_high", "p_value", "p_holm",
    ])


def textstat_keyness(
    counts: Mapping[str, Mapping[str, int]],
    target: str,
    *,
    min_freq: int = 5,
    top: int | None = None,
) -> pd.DataFrame:
    """Distinctive vocabulary of group ``target`` against all other groups.

    ``counts`` maps group → {lemma: frequency}. A lemma is kept when it occurs at
    least ``min_freq`` times in target and reference together. Sorted by signed G²
    (over-used words first), never by a p-value. Columns: target, lemma, count_target,
    count_reference, total_target, total_reference, g2, log_ratio, p_value, p_fdr.

    ``p_value`` is G²'s χ² (1 dof) p-value for the lemma alone, uncorrected;
    ``p_fdr`` is its Benjamini–Hochberg q-value (:func:`benjamini_hochberg`) over
    every lemma kept (both directions, before ``top``): the family is the target's
    lemmas, as each group against the rest is a keyword list of its own. A lemma has
    a significant keyness at false discovery rate α when ``p_fdr <= α``. Both treat
    word occurrences as independent, which the words of one article are not: they
    are optimistic, and rank lemmas more than they test them.
    """
    from scipy.stats import chi2

    check_whole_number("min_freq", min_freq)
    if top is not None:
        check_whole_number("top", top)
    if target not in counts:
        raise KeyError(f"no group {target!r} (groups: {', '.join(sorted(counts))})")
    tgt = counts[target]
    ref: Counter[str] = Counter()
    for g, c in counts.items():
        if g != target:
            ref.update(c)
    c_tot, d_tot = sum(tgt.values()), sum(ref.values())
    cols: dict[str, list[Any]] = {k: [] for k in ("lemma", "count_target", "count_reference",
                                                  "g2", "log_ratio")}
    if c_tot and d_tot:
        for lemma in sorted(set(tgt) | set(ref)):
            a, b = tgt.get(lemma, 0), ref.get(lemma, 0)
            if a + b < min_freq:
                continue
            score = g2(a, b, c_tot, d_tot)
            lr = log_ratio(a, b, c_tot, d_tot)
            cols["lemma"].append(lemma)
            cols["count_target"].append(a)
            cols["count_reference"].append(b)
            # signed by the relative frequencies themselves (a/c against b/d), not by
            # the log ratio's 0.5 for a zero count: was the wrong sign with a zero count
            # and very unequal sides
            cols["g2"].append(score if a * d_tot >= b * c_tot else -score)
            cols["log_ratio"].append(lr)
    # one vectorised call for every p-value (a call per lemma took most of the time)
    pvalues = chi2.sf(np.abs(np.asarray(cols["g2"], dtype=float)), 1)
    df = pd.DataFrame({
        "target": [target] * len(cols["lemma"]), "lemma": cols["lemma"],
        "count_target": pd.Series(cols["count_target"], dtype="int64"),
        "count_reference": pd.Series(cols["count_reference"], dtype="int64"),
        "total_target": c_tot, "total_reference": d_tot,
        "g2": pd.Series(cols["g2"], dtype=float),
        "log_ratio": pd.Series(cols["log_ratio"], dtype=float),
        "p_value": pvalues,
        # over every lemma tested, before ``top`` keeps the first ones
        "p_fdr": benjamini_hochberg(pvalues),
    })
    df = df.sort_values(["g2", "lemma"], ascending=[False, True], kind="mergesort")
    df = df.reset_index(drop=True)
    return df.head(top) if top else df


def textstat_cooccurrence(
    hits: pd.DataFrame, *, level: str = "document", frames: Iterable[str] | None = None
) -> pd.DataFrame:
    """How often two frames appear (un-negated) in the same document or sentence.

    Columns: level, frame_a, frame_b, n_both, n_a, n_b, jaccard. Symmetric, diagonal
    included (``n_both`` = units with the frame).
    """
    if level not in ("document", "sentence"):
        raise ValueError("level must be 'document' or 'sentence'")
    pos = _positive(_hits(hits, *(("sent_id",) if level == "sentence" else ())))
    keys = ["doc_id"] if level == "document" else ["doc_id", "sent_id"]
    fl = _frames(hits, frames)
    fpos = {f: i for i, f in enumerate(fl)}
    n_f = len(fl)
    if len(pos) and n_f:
        # a units × frames indicator matrix (one byte a cell): its Gram matrix counts
        # the units with both frames, its diagonal the units with each
        pos = pos[pos["frame"].isin(fpos)]
        unit, _ = pd.MultiIndex.from_frame(pos[keys].astype(str)).factorize()
        has = np.zeros((int(unit.max()) + 1 if len(unit) else 0, n_f), dtype=np.uint8)
        has[unit, pos["frame"].map(fpos).to_numpy(dtype=np.intp)] = 1
        gram = has.T.astype(np.int64) @ has.astype(np.int64)
    else:
        gram = np.zeros((n_f, n_f), dtype=np.int64)
    single = {f: int(gram[i, i]) for f, i in fpos.items()}
    both = {(a, b): int(gram[i, j]) for a, i in fpos.items() for b, j in fpos.items()}
    rows = []
    for a in fl:
        for b in fl:
            nb_ = both[(a, b)]
            union = single[a] + single[b] - nb_
            rows.append({"level": level, "frame_a": a, "frame_b": b, "n_both": nb_,
                         "n_a": single[a], "n_b": single[b],
                         "jaccard": nb_ / union if union else 0.0})
    return pd.DataFrame(rows, columns=["level", "frame_a", "frame_b", "n_both", "n_a", "n_b",
                                       "jaccard"])


def textstat_voice(
    hits: pd.DataFrame, docs: pd.DataFrame, *, by: str | None = "source"
) -> pd.DataFrame:
    """Who carries which frame: un-negated hits per group × frame × voice, with the
    number of documents and the share of the frame's hits in each voice.

    Columns: by, group, frame, voice, hits, n_docs, share.
    """
    docs = _docs(docs)
    groups = _groups(docs, by)
    doc_group = dict(zip(docs["doc_id"].astype(str).tolist(), groups.tolist(), strict=True))
    pos = _known(_positive(_hits(hits, "voice")), doc_group, "hit")
    if not len(pos):
        return pd.DataFrame(columns=["by", "group", "frame", "voice", "hits", "n_docs", "share"])
    df = pos.assign(group=pos["doc_id"].astype(str).map(doc_group))
    t = df.groupby(["group", "frame", "voice"]).agg(hits=("doc_id", "size"),
                                                     n_docs=("doc_id", "nunique")).reset_index()
    t["share"] = t["hits"] / t.groupby(["group", "frame"])["hits"].transform("sum")
    t.insert(0, "by", by or "")
    return t.sort_values(["group", "frame", "voice"]).reset_index(drop=True)


def textstat_sentiment(
    scores: pd.DataFrame, docs: pd.DataFrame, *, by: str | None = "source",
    value: str = "sentiment", key: str | None = None, min_n: int = BOOTSTRAP_MIN_N,
) -> pd.DataFrame:
    """Mean sentiment per group (and per ``key``, e.g. ``actor``), with a bootstrap
    95% interval over documents.

    ``scores`` has ``doc_id`` and a ``value`` column (documents.csv, or actors.csv with
    ``key="actor"``). Columns: by, group, key, n_docs, mean, ci_low, ci_high. The unit
    is the document: a document with several rows in a group (sentences.csv) counts
    once, with the mean of its rows, and the bootstrap resamples documents (rows of
    one article are not independent). A mean over fewer than ``min_n`` documents
    (:data:`BOOTSTRAP_MIN_N`, 5) has no interval: ``ci_low`` and ``ci_high`` are NaN
    (a bootstrap of one or two values is a zero-width or far too narrow interval, not
    a 95% one).
    """
    check_whole_number("min_n", min_n, low=1)
    docs = _docs(docs)
    require_columns(scores, ("doc_id", value, *((key,) if key else ())),
                    "scores table (documents.csv, or actors.csv with key='actor')")
    groups = _groups(docs, by)
    doc_group = dict(zip(docs["doc_id"].astype(str).tolist(), groups.tolist(), strict=True))
    scores = _known(scores, doc_group, "score")
    df = scores.assign(group=scores["doc_id"].astype(str).map(doc_group))
    df = df[pd.to_numeric(df[value], errors="coerce").notna()]
    keys = ["group"] + ([key] if key else [])
    rows = []
    for k, sub in df.groupby(keys, sort=True):
        kk = k if isinstance(k, tuple) else (k,)
        # one value per document (was: rows resampled as if independent, and the
        # minimum counted rows, so six sentences of one article had an interval)
        per_doc = pd.to_numeric(sub[value]).groupby(sub["doc_id"].astype(str), sort=False)
        values = per_doc.mean().to_numpy(dtype=float)
        mean, lo, hi = bootstrap_mean_ci(values)
        if np.count_nonzero(~np.isnan(values)) < min_n:
            lo = hi = math.nan
        rows.append({"by": by or "", "group": kk[0], "key": kk[1] if key else "",
                     "n_docs": int(sub["doc_id"].nunique()), "mean": mean, "ci_low": lo,
                     "ci_high": hi})
    return pd.DataFrame(rows, columns=["by", "group", "key", "n_docs", "mean", "ci_low", "ci_high"])


def textstat_over_time(
    hits: pd.DataFrame, docs: pd.DataFrame, *, period: str = "month",
    frames: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Frame prevalence per period (documents with a parsed date only).

    Columns: by (= the period unit), group (= the period), frame, n_docs, docs_with_frame,
    prevalence, ci_low, ci_high, hits, negated_hits, n_tokens, per_1000_tokens.
    """
    docs = _docs(docs, "date", "n_tokens")
    hits = _hits(hits)
    period_of("", period)  # an unknown period is refused before any work, dates or not
    d = docs.assign(_period=docs["date"].map(lambda x: period_of(x, period)))
    d = d[d["_period"] != ""]
    dated = hits["doc_id"].astype(str).isin(d["doc_id"].astype(str)) if len(hits) else None
    prev = textstat_prevalence(hits[dated] if dated is not None else hits,
                               d, by="_period", frames=_frames(hits, frames))
    prev["by"] = period
    return prev
