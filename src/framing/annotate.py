"""Annotation sheets for human coders, inter-annotator agreement, and gold labels.

Sampling (``python -m framing.annotate sample CORPUS --n 200 --out sheet.csv``)
------------------------------------------------------------------------------
Sentences are drawn for annotators so that both lexicon hits and non-hits are
represented: half of the sheet (rounded up) are sentences with at least one hit of
any frame of ``--lexicon`` (negated hits included: they test the coders' reading of
negation too), half are sentences without; when one stratum runs short the other
fills the gap. Within each stratum, sources (outlets) are taken in turn, in a
random order each round, so that small outlets are not drowned by large ones.
Sentences of fewer than ``MIN_WORDS`` words (datelines, "Lire aussi", bylines) are
not sampled. The same corpus, lexicon, ``n`` and ``--seed`` give the same sheet.

Because hits are over-represented, the sheet is **not** a random sample of
sentences: prevalence estimated from it must be reweighted. The sampling design
(population and sample size of every stratum, the lexicon's name and version, and
``hit_items``: the items drawn from the hit stratum) is written next to the sheet as
``<sheet>.sampling.json``. Weight each item by its stratum *at the draw*: a later
version of the lexicon may hit other sentences of the sheet.

Sheet layout (one row per sentence; UTF-8 *with BOM* so that Excel shows accents
right; comma-separated — ``--sep ';'`` for a French-locale Excel; CRLF line ends)::

    item_id, doc_id, sent_id, source, text, <one column per frame id>, comment

``item_id`` is ``S0001``, ``S0002`` … (a letter first, so spreadsheets do not turn it
into a number); ``sent_id`` is the sentence's index in its document, as in
``sentences.csv``. A cell that starts like a formula (``=``, ``+``, ``-``, ``@``: French
dialogue lines start with a dash) is written with a leading space so that spreadsheets
show it as text. Annotators put ``1`` (or ``x``, ``oui``) in the column of every
frame the sentence uses and leave the others empty (or ``0``); ``comment`` is free
text. Do not reorder, delete or add columns; sorting rows is fine.

Agreement (``python -m framing.annotate agreement sheet_a.csv sheet_b.csv …``)
-----------------------------------------------------------------------------
Items are matched by ``item_id``. Reported, per frame and over all frames pooled
(``(all frames)``, one unit per item × frame):

* **Cohen's κ** for every pair of annotators, on the items both rated, with the
  number of items, each annotator's positives and the raw agreement:
  ``κ = (p_o − p_e) / (1 − p_e)``, ``p_e = Σ_c p_a(c) p_b(c)``; undefined (NaN) when
  ``p_e = 1`` (both coders gave the same single value to every item).
* **Krippendorff's α** (nominal) over all annotators, missing ratings allowed:
  ``α = 1 − D_o / D_e`` from the coincidence matrix (Krippendorff 2011, "Computing
  Krippendorff's alpha-reliability"); units rated by fewer than two coders are not
  pairable and are left out; undefined (NaN) when every pairable value is the same.
* Counts: items rated and positives per annotator and frame.

Both coefficients are implemented here (no dependency); the tests check them
against ``sklearn.metrics.cohen_kappa_score`` and, when installed, the
``krippendorff`` package, and against Krippendorff's published example.

An empty frame cell counts as 0 ("not this frame"). With ``--blank missing``, a row
whose frame cells *and* comment are all empty counts as not annotated (missing), for
sheets that were not finished.

Gold labels (:func:`gold_from_annotations`, ``python -m framing.annotate gold``)
---------------------------------------------------------------------------------
Adjudication rules, per item and frame, among the annotators who rated the item:
``majority`` (default) — more than half marked it (with two annotators: both);
``union`` — at least one did (favours recall; for a first pass before discussion);
``unanimous`` — all did. The result (``labels`` lists) trains
:class:`framing.classify.FrameClassifier` at sentence level.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._cli import quiet_broken_pipe, whole_number
from .errors import FramingError, InputError
from .output import check_output, write_output

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .corpus import Document

__all__ = [
    "ALL_FRAMES",
    "ANNOTATION_COLUMNS",
    "DEFAULT_N",
    "DEFAULT_SEED",
    "FORMULA_STARTS",
    "GOLD_COLUMNS",
    "GOLD_RULES",
    "MIN_WORDS",
    "NEGATIVE_VALUES",
    "POSITIVE_VALUES",
    "SHEET_LEADING",
    "SHEET_SEPARATORS",
    "SHEET_TRAILING",
    "Agreement",
    "agreement",
    "cohen_kappa",
    "gold_from_annotations",
    "is_annotation_sheet",
    "krippendorff_alpha",
    "load_annotations",
    "main",
    "sample",
    "write_sheet",
]

#: The sheet's fixed columns before the frame columns, and after them.
SHEET_LEADING = ("item_id", "doc_id", "sent_id", "source", "text")
SHEET_TRAILING = ("comment",)
#: Sentences with fewer words than this are not sampled: datelines ("Moscou, le 3
#: juillet."), bylines and "Lire aussi" links carry no frame and waste coders' time.
MIN_WORDS = 4
DEFAULT_N = 200
DEFAULT_SEED = 13
#: Cell values read as "this frame" / "not this frame" (case-insensitive).
POSITIVE_VALUES = frozenset({"1", "x", "oui", "o", "yes", "y", "true", "vrai"})
NEGATIVE_VALUES = frozenset({"", "0", "non", "n", "no", "false", "faux"})
#: Source name for documents without one.
NO_SOURCE = "(sans source)"
#: The pooled row of agreement tables.
ALL_FRAMES = "(all frames)"
ANNOTATION_COLUMNS = (
    "annotator", "item_id", "doc_id", "sent_id", "source", "text", "frame", "value", "comment",
)
GOLD_COLUMNS = ("item_id", "doc_id", "sent_id", "source", "text", "labels", "n_annotators")
GOLD_RULES = ("majority", "union", "unanimous")
#: Field separators a sheet may be written with: the ones reading a sheet back detects.
SHEET_SEPARATORS = (",", ";", "\t")
_SEP_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t"}
BLANK_POLICIES = ("zero", "missing")

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


# ---------------------------------------------------------------------------
# sampling


def _documents(corpus: Any) -> Iterable[Document]:
    from .corpus import Corpus, Document, read_corpus

    if isinstance(corpus, (str, Path)):
        return read_corpus(corpus)
    if isinstance(corpus, (Corpus, Document)):
        return [corpus] if isinstance(corpus, Document) else corpus
    return list(corpus)


def _round_robin(pools: dict[str, list[Any]], quota: int, rng: np.random.Generator
                 ) -> list[Any]:
    """Up to ``quota`` items, one per source in turn (random source order each round;
    each source's items in random order)."""
    shuffled = {s: [rows[i] for i in rng.permutation(len(rows))]
                for s, rows in sorted(pools.items())}
    out: list[Any] = []
    depth = 0
    while len(out) < quota and any(len(v) > depth for v in shuffled.values()):
        sources = [s for s in sorted(shuffled) if len(shuffled[s]) > depth]
        for i in rng.permutation(len(sources)):
            if len(out) >= quota:
                break
            out.append(shuffled[sources[i]][depth])
        depth += 1
    return out


def _check_frames(frames: Sequence[str]) -> list[str]:
    out = [str(f).strip() for f in frames]
    fixed = set(SHEET_LEADING) | set(SHEET_TRAILING)
    for f in out:
        if not f:
            raise InputError("a frame column name is empty")
        if f in fixed:
            raise InputError(f"frame {f!r} clashes with a fixed column of the sheet")
    if len(set(out)) != len(out):
        raise InputError("frame columns must be unique")
    if not out:
        raise InputError("no frame to annotate; give a lexicon with frames, or frames (--frames)")
    return out


def sample(
    corpus: Any,
    *,
    n: int = DEFAULT_N,
    lexicon: Any = "geopolitique",
    seed: int = DEFAULT_SEED,
    frames: Sequence[str] | None = None,
    min_words: int = MIN_WORDS,
) -> pd.DataFrame:
    """Draw ``n`` sentences for annotation (see the module docstring for the design).

    ``corpus``: a path, a :class:`~framing.corpus.Corpus` or Documents. ``lexicon``
    defines the hit / non-hit strata and, unless ``frames`` is given, the frame
    columns. Returns the sheet (columns ``SHEET_LEADING``, the frames,
    ``SHEET_TRAILING``; frame cells empty); ``.attrs["design"]`` holds the sampling
    design written to ``<sheet>.sampling.json``.
    """
    import numpy as np
    import pandas as pd

    from .lexicon import load_lexicon
    from .matcher import Matcher
    from .tokenizer import tokens

    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"n (--n) must be a positive whole number, not {n!r}")
    lex = load_lexicon(lexicon)
    matcher = Matcher(lex)
    frame_cols = _check_frames(frames if frames is not None else list(lex.frames))
    pools: dict[bool, dict[str, list[tuple[str, int, str, str]]]] = {True: {}, False: {}}
    for doc in _documents(corpus):
        toks = tokens(doc.text)
        hit_sents = {h.sent_id for h in matcher.match_tokens(toks)}
        source = doc.source or NO_SOURCE
        for s in toks.sentences:
            words = sum(1 for t in toks.tokens[s.first : s.last] if t.kind != "punct")
            if words < min_words:
                continue
            pools[s.index in hit_sents].setdefault(source, []).append(
                (doc.doc_id, s.index, doc.source, toks.sentence_text(s)))
    total = {h: sum(len(v) for v in pools[h].values()) for h in (True, False)}
    if not total[True] + total[False]:
        raise InputError("no sentence to sample (empty corpus, or every sentence shorter "
                         f"than {min_words} words)")
    want_hit = min((n + 1) // 2, total[True])
    want_non = min(n - want_hit, total[False])
    want_hit = min(total[True], n - want_non)  # a short stratum is filled by the other
    rng = np.random.default_rng(seed)
    drawn_hits = _round_robin(pools[True], want_hit, rng)
    chosen = drawn_hits + _round_robin(pools[False], want_non, rng)
    order = rng.permutation(len(chosen))
    width = max(4, len(str(len(chosen))))
    rows = []
    hit_items = []
    for k, i in enumerate(order, start=1):
        doc_id, sent_id, source, text = chosen[i]
        rows.append({"item_id": f"S{k:0{width}d}", "doc_id": doc_id, "sent_id": sent_id,
                     "source": source, "text": text, **dict.fromkeys(frame_cols, ""),
                     "comment": ""})
        if i < len(drawn_hits):
            hit_items.append(rows[-1]["item_id"])
    columns = [*SHEET_LEADING, *frame_cols, *SHEET_TRAILING]
    sheet = pd.DataFrame(rows, columns=columns)
    sampled: dict[tuple[bool, str], int] = {}
    chosen_set = {(c[0], c[1]) for c in chosen}
    for h in (True, False):
        for src, items in pools[h].items():
            sampled[(h, src)] = sum((d, s) in chosen_set for d, s, _, _ in items)
    sheet.attrs["design"] = {
        "n": len(rows), "seed": seed, "lexicon": lex.name, "lexicon_version": lex.version,
        "frames": frame_cols, "min_words": min_words,
        "strata": [
            {"has_hit": h, "source": src, "population": len(pools[h][src]),
             "sampled": sampled[(h, src)]}
            for h in (True, False) for src in sorted(pools[h])
        ],
        # the draw stratum of each item: a later version of the lexicon may hit other
        # sentences, but the weights are those of the draw
        "hit_items": sorted(hit_items),
        "note": "hits are over-sampled: weight each sampled sentence by population / "
                "sampled of its stratum (hit_items: the items drawn from the hit stratum) "
                "to estimate corpus-wide prevalence",
    }
    return sheet


#: A cell starting with one of these is read as a formula by spreadsheets (a French
#: dialogue line "- Nous refusons" would show as #NAME?); such cells get a leading
#: space, which :func:`load_annotations` strips.
FORMULA_STARTS = ("=", "+", "-", "@")


def _spreadsheet_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return " " + text if text.startswith(FORMULA_STARTS) else text


def write_sheet(sheet: pd.DataFrame, path: str | Path, *, sep: str = ",") -> Path:
    """Write an annotation sheet: UTF-8 with BOM, CRLF, ``sep``-separated, cells that
    a spreadsheet would take for a formula prefixed with a space; plus the sampling
    design (``<path stem>.sampling.json``) when the sheet has one. Each file is
    written atomically (a failure leaves the previous one whole); a missing folder
    is created."""
    p = Path(path)
    if sep not in SHEET_SEPARATORS:
        raise InputError(f"the separator must be ',', ';' or a tab, not {sep!r}")
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(list(sheet.columns))
    for row in sheet.itertuples(index=False):
        w.writerow([_spreadsheet_safe(v) for v in row])
    write_output(p, "\ufeff" + buf.getvalue())  # the BOM: Excel then reads UTF-8
    design = sheet.attrs.get("design")
    if design:
        write_output(_design_path(p), json.dumps(design, ensure_ascii=False, indent=2) + "\n")
    return p


def _design_path(sheet: Path) -> Path:
    return sheet.with_name(sheet.stem + ".sampling.json")


# ---------------------------------------------------------------------------
# reading sheets


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line, cells) rows of a CSV/TSV sheet; separator sniffed."""
    from .corpus import _allow_long_cells, _csv_records, _lines_with_ends, _read_text

    text = _read_text(path, "sheet")
    first = text.split("\n", 1)[0]
    sep = max(SHEET_SEPARATORS, key=first.count)
    _allow_long_cells()
    rows = []
    for line, row, problem in _csv_records(_lines_with_ends(text), sep):
        if row is None:
            raise InputError(f"{path}:{line}: {problem}")
        rows.append((line, row))
    header = [h.strip() for h in rows.pop(0)[1]] if rows else []
    return header, rows


def is_annotation_sheet(path: str | Path) -> bool:
    """Does ``path`` look like a sheet written by :func:`write_sheet` (its header
    starts with ``SHEET_LEADING`` and ends with ``comment``)?"""
    p = Path(path)
    if not p.is_file() or p.suffix.lower() not in (".csv", ".tsv"):
        return False
    try:
        header, _ = _read_rows(p)
    except FramingError:
        return False
    low = [h.lower() for h in header]
    return (len(low) > len(SHEET_LEADING) + len(SHEET_TRAILING)
            and tuple(low[: len(SHEET_LEADING)]) == SHEET_LEADING
            and tuple(low[-len(SHEET_TRAILING):]) == SHEET_TRAILING)


def _check_no_marks(path: Path) -> None:
    """Refuse to draw a new sample over a sheet someone has begun to fill in (a frame
    mark or a comment on any row): that work would be lost. A sheet without marks
    (drawn and not yet coded) may be replaced."""
    if not is_annotation_sheet(path):
        return  # no sheet there; check_output judges any other file
    _, rows = _read_rows(path)
    lead = len(SHEET_LEADING)
    for line, row in rows:
        if any(c.strip() for c in row[lead:]):
            raise InputError(
                f"{path}:{line}: this annotation sheet has marks or comments already; a new "
                "sample would replace them. Choose another --out, or move the sheet away")


def _cell_value(raw: str, where: str) -> int | None:
    v = raw.strip().lower()
    if v in POSITIVE_VALUES:
        return 1
    if v in NEGATIVE_VALUES:
        return 0
    raise InputError(f"{where}: {raw.strip()!r} is not a frame mark; put 1 (or x) for the "
                     "frame, leave it empty (or 0) otherwise")


def _annotator_names(paths: Sequence[Path]) -> list[str]:
    names = [p.stem for p in paths]
    if len(set(names)) == len(names):
        return names
    names = [f"{p.parent.name}/{p.stem}" for p in paths]
    if len(set(names)) == len(names):
        return names
    return [f"{p.stem}#{i + 1}" for i, p in enumerate(paths)]


def load_annotations(
    sheets: str | Path | Sequence[str | Path],
    *,
    annotators: Sequence[str] | None = None,
    blank: str = "zero",
) -> pd.DataFrame:
    """Read one or more filled-in sheets into a tidy table, one row per annotator ×
    item × frame: ``annotator, item_id, doc_id, sent_id, source, text, frame, value,
    comment`` (``value`` 1, 0 or missing). Annotators are named after the file names
    unless ``annotators`` is given. ``blank="missing"`` treats untouched rows as not
    annotated. ``.attrs["frames"]`` lists the frames in sheet order."""
    import pandas as pd

    from .corpus import _check_unique_columns

    if blank not in BLANK_POLICIES:
        raise InputError(f"blank must be one of {', '.join(BLANK_POLICIES)}, not {blank!r}")
    paths = [Path(sheets)] if isinstance(sheets, (str, Path)) else [Path(s) for s in sheets]
    if not paths:
        raise InputError("no annotation sheet given")
    names = list(annotators) if annotators is not None else _annotator_names(paths)
    if len(names) != len(paths) or len(set(names)) != len(names):
        raise InputError("give one distinct annotator name per sheet")
    given: dict[Path, Path] = {}
    for path in paths:  # the same file twice would agree with itself (kappa 1)
        if (first := given.setdefault(path.resolve(), path)) is not path:
            raise InputError(f"{path}: the same sheet as {first}; give each annotator's "
                             "sheet once")
    records: list[tuple[Any, ...]] = []
    frames: list[str] | None = None
    identity: dict[str, tuple[str, str]] = {}
    for path, who in zip(paths, names, strict=True):
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give an annotation sheet (a .csv file)")
        if not path.is_file():
            raise InputError(f"{path}: no such annotation sheet")
        header, rows = _read_rows(path)
        low = [h.lower() for h in header]
        if (tuple(low[: len(SHEET_LEADING)]) != SHEET_LEADING
                or tuple(low[-len(SHEET_TRAILING):]) != SHEET_TRAILING
                or len(low) <= len(SHEET_LEADING) + len(SHEET_TRAILING)):
            raise InputError(
                f"{path}:1: not an annotation sheet; the columns must be "
                f"{', '.join(SHEET_LEADING)}, <frames>, {', '.join(SHEET_TRAILING)}")
        _check_unique_columns(path, header)  # a frame named twice would be counted twice
        these = header[len(SHEET_LEADING) : -len(SHEET_TRAILING)]
        if frames is None:
            frames = these
        elif set(these) != set(frames):
            raise InputError(f"{path}:1: its frame columns ({', '.join(these)}) differ from "
                             f"those of {paths[0]} ({', '.join(frames)})")
        seen: set[str] = set()
        width = len(header)
        for lineno, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                raise InputError(f"{path}:{lineno}: more cells than columns; do not add "
                                 "columns to the sheet")
            cells = (cells + [""] * width)[:width]
            item = cells[0].strip()
            if not item:
                raise InputError(f"{path}:{lineno}: empty item_id")
            if item in seen:
                raise InputError(f"{path}:{lineno}: item {item} appears twice")
            seen.add(item)
            doc_id, sent_id, source, text = (c.strip() for c in cells[1:5])
            if identity.setdefault(item, (doc_id, sent_id)) != (doc_id, sent_id):
                raise InputError(f"{path}:{lineno}: item {item} is {doc_id}/{sent_id} here but "
                                 f"{'/'.join(identity[item])} in another sheet; the sheets "
                                 "come from different samples")
            marks = cells[len(SHEET_LEADING) : -len(SHEET_TRAILING)]
            comment = cells[-1].strip()
            untouched = not any(m.strip() for m in marks) and not comment
            for f, raw in zip(these, marks, strict=True):
                value = None if (blank == "missing" and untouched) else _cell_value(
                    raw, f"{path}:{lineno}: column {f!r}")
                records.append((who, item, doc_id, sent_id, source, text, f, value, comment))
    df = pd.DataFrame.from_records(records, columns=list(ANNOTATION_COLUMNS))
    df["value"] = df["value"].astype("Int64")
    df.attrs["frames"] = list(frames or [])
    df.attrs["annotators"] = names
    return df


def _as_annotations(data: Any, blank: str = "zero") -> pd.DataFrame:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    return load_annotations(data, blank=blank)


def _comparable(ann: pd.DataFrame) -> pd.DataFrame:
    """``ann``, if two annotators or more rated at least one item in common; else one
    :class:`InputError` saying so (agreement compares codings of the same sentences:
    without any, every figure would be an empty dash)."""
    from .stats import require_columns

    require_columns(ann, ("annotator", "item_id", "frame", "value"),
                    "annotations table (load_annotations)")
    coders = ann["annotator"].nunique()
    if coders < 2:
        raise InputError(f"{coders} annotator; agreement needs the sheets of two "
                         "annotators or more, coding the same sentences")
    rated = ann[ann["value"].notna()]
    if not (rated.groupby("item_id")["annotator"].nunique() >= 2).any():
        raise InputError("the sheets have no coded sentence in common (item_id); give "
                         "sheets drawn from the same sample")
    return ann


# ---------------------------------------------------------------------------
# agreement coefficients


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Cohen's κ of two raters' labels of the same items (any categories);
    NaN when undefined (no items, or chance agreement 1)."""
    if len(a) != len(b):
        raise ValueError("the two raters must label the same items")
    n = len(a)
    if not n:
        return float("nan")
    cats = sorted(set(a) | set(b), key=str)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pe = sum((sum(x == c for x in a) / n) * (sum(y == c for y in b) / n) for c in cats)
    if math.isclose(pe, 1.0):
        return float("nan")
    return (po - pe) / (1 - pe)


def krippendorff_alpha(units: Iterable[Iterable[Any]]) -> float:
    """Krippendorff's α (nominal) of reliability data given unit by unit: each unit
    is the values the coders gave it, ``None`` (or NaN) for a missing rating. Units
    with fewer than two values are not pairable. NaN when undefined."""
    coincidence: dict[tuple[Any, Any], float] = {}
    for unit in units:
        vals = [v for v in unit if v is not None and not (isinstance(v, float) and math.isnan(v))]
        m = len(vals)
        if m < 2:
            continue
        counts: dict[Any, int] = {}
        for v in vals:
            counts[v] = counts.get(v, 0) + 1
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - 1) if c == k else nc * nk
                if pairs:
                    coincidence[(c, k)] = coincidence.get((c, k), 0.0) + pairs / (m - 1)
    marginals: dict[Any, float] = {}
    for (c, _), o in coincidence.items():
        marginals[c] = marginals.get(c, 0.0) + o
    n = sum(marginals.values())
    if n <= 1:
        return float("nan")
    observed = sum(o for (c, k), o in coincidence.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if expected == 0:
        return float("nan")
    return 1.0 - (n - 1) * observed / expected


@dataclass(frozen=True)
class Agreement:
    """Agreement tables.

    ``kappa``: ``frame, annotator_a, annotator_b, n_items, positives_a, positives_b,
    observed_agreement, kappa`` (one row per frame and pair, plus ``(all frames)``);
    ``alpha``: ``frame, n_annotators, n_items, n_ratings, positives, alpha`` (items
    rated by at least two annotators; ``n_ratings`` their ratings; ``positives``
    the 1s among them); ``counts``: ``frame, annotator, n_items, positives``.
    """

    kappa: pd.DataFrame
    alpha: pd.DataFrame
    counts: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        def clean(df: pd.DataFrame) -> list[dict[str, Any]]:
            return [{str(k): (None if isinstance(v, float) and math.isnan(v) else v)
                     for k, v in r.items()} for r in df.to_dict(orient="records")]

        return {"kappa": clean(self.kappa), "alpha": clean(self.alpha),
                "counts": clean(self.counts)}


def agreement(annotations: Any, *, blank: str = "zero") -> Agreement:
    """Cohen's κ per pair and frame, Krippendorff's α per frame, and counts, from a
    :func:`load_annotations` table or from sheet paths."""
    import pandas as pd

    ann = _comparable(_as_annotations(annotations, blank))
    frames = list(ann.attrs.get("frames") or dict.fromkeys(ann["frame"]))
    coders = list(ann.attrs.get("annotators") or dict.fromkeys(ann["annotator"]))
    # ratings[(annotator)][(item, frame)] = 0/1 (missing ratings absent)
    ratings: dict[str, dict[tuple[str, str], int]] = {c: {} for c in coders}
    items: list[str] = list(dict.fromkeys(ann["item_id"]))
    for who, item, frame, value in zip(ann["annotator"], ann["item_id"], ann["frame"],
                                       ann["value"], strict=True):
        if value is not pd.NA and not (isinstance(value, float) and math.isnan(value)):
            ratings[who][(item, frame)] = int(value)
    kappa_rows, alpha_rows, count_rows = [], [], []
    for frame in [*frames, ALL_FRAMES]:
        keys = [(i, f) for i in items for f in (frames if frame == ALL_FRAMES else [frame])]
        for who in coders:
            vals = [ratings[who][k] for k in keys if k in ratings[who]]
            count_rows.append({"frame": frame, "annotator": who, "n_items": len(vals),
                               "positives": sum(vals)})
        for a, b in combinations(coders, 2):
            both = [k for k in keys if k in ratings[a] and k in ratings[b]]
            xa = [ratings[a][k] for k in both]
            xb = [ratings[b][k] for k in both]
            kappa_rows.append({
                "frame": frame, "annotator_a": a, "annotator_b": b, "n_items": len(both),
                "positives_a": sum(xa), "positives_b": sum(xb),
                "observed_agreement": (sum(x == y for x, y in zip(xa, xb, strict=True))
                                       / len(both)) if both else float("nan"),
                "kappa": cohen_kappa(xa, xb),
            })
        units = [[ratings[c].get(k) for c in coders] for k in keys]
        pairable = [[v for v in u if v is not None] for u in units]
        pairable = [u for u in pairable if len(u) >= 2]
        alpha_rows.append({
            "frame": frame, "n_annotators": len(coders), "n_items": len(pairable),
            "n_ratings": sum(len(u) for u in pairable),
            "positives": sum(sum(u) for u in pairable), "alpha": krippendorff_alpha(units),
        })
    return Agreement(
        pd.DataFrame(kappa_rows, columns=["frame", "annotator_a", "annotator_b", "n_items",
                                          "positives_a", "positives_b",
                                          "observed_agreement", "kappa"]),
        pd.DataFrame(alpha_rows, columns=["frame", "n_annotators", "n_items", "n_ratings",
                                          "positives", "alpha"]),
        pd.DataFrame(count_rows, columns=["frame", "annotator", "n_items", "positives"]),
    )


# ---------------------------------------------------------------------------
# gold labels


def gold_from_annotations(annotations: Any, *, rule: str = "majority",
                          blank: str = "zero") -> pd.DataFrame:
    """One row per item rated by at least one annotator: ``item_id, doc_id, sent_id,
    source, text, labels, n_annotators``, ``labels`` being the frames kept by
    ``rule`` (``majority``, ``union``, ``unanimous``; see the module docstring)."""
    import pandas as pd

    if rule not in GOLD_RULES:
        raise InputError(f"rule must be one of {', '.join(GOLD_RULES)}, not {rule!r}")
    ann = _as_annotations(annotations, blank)  # one coder's sheet is gold as it is
    frames = list(ann.attrs.get("frames") or dict.fromkeys(ann["frame"]))
    rated = ann[ann["value"].notna()]
    info: dict[str, tuple[str, str, str, str]] = {}
    for r in ann.itertuples(index=False):
        info.setdefault(str(r.item_id), (str(r.doc_id), str(r.sent_id), str(r.source),
                                         str(r.text)))
    votes: dict[str, dict[str, list[int]]] = {}
    raters: dict[str, set[str]] = {}
    for who, item, frame, value in zip(rated["annotator"], rated["item_id"], rated["frame"],
                                       rated["value"], strict=True):
        votes.setdefault(str(item), {}).setdefault(str(frame), []).append(int(value))
        raters.setdefault(str(item), set()).add(str(who))
    rows = []
    for item in info:
        if item not in votes:
            continue
        n_raters = len(raters[item])
        labels = []
        for f in frames:
            v = votes[item].get(f, [])
            pos = sum(v)
            keep = (pos > len(v) / 2 if rule == "majority" else pos >= 1 if rule == "union"
                    else bool(v) and pos == len(v))
            if keep:
                labels.append(f)
        doc_id, sent_id, source, text = info[item]
        rows.append({"item_id": item, "doc_id": doc_id, "sent_id": sent_id, "source": source,
                     "text": text, "labels": labels, "n_annotators": n_raters})
    gold = pd.DataFrame(rows, columns=list(GOLD_COLUMNS))
    gold.attrs["frames"] = frames
    gold.attrs["rule"] = rule
    return gold


# ---------------------------------------------------------------------------
# command line


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return "—" if math.isnan(v) else f"{v:.3f}"
    return str(v)


def _table(df: pd.DataFrame) -> str:
    rows = [list(df.columns)] + [[_fmt(v) for v in r] for r in df.itertuples(index=False)]
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"framing.annotate: error: {message} (see --help)\n")


def _sep(value: str) -> str:
    sep = _SEP_NAMES.get(value.lower(), value)
    if sep not in SHEET_SEPARATORS:
        raise argparse.ArgumentTypeError(f"must be ',', ';' or 'tab' (the separators a sheet "
                                         f"is read back with), not {value!r}")
    return sep


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m framing.annotate",
        description="Annotation sheets for human coders, agreement between coders, gold "
                    "labels.",
        epilog="Exit codes: 0 success; 1 an input cannot be read (one line says why); "
               "2 bad command line; 3 sheet written, but some corpus files or rows could "
               "not be read (listed).",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    s = sub.add_parser("sample", help="draw sentences into an annotation sheet (CSV)")
    s.add_argument("corpus", help="a corpus folder or table")
    s.add_argument("--n", type=whole_number(1), default=DEFAULT_N,
                   help=f"sentences (default {DEFAULT_N})")
    s.add_argument("--out", type=Path, required=True, help="the sheet to write (.csv)")
    s.add_argument("--lexicon", default="geopolitique",
                   help="lexicon for the hit / non-hit strata and frame columns "
                        "(default geopolitique)")
    s.add_argument("--frames", help="frame columns, comma-separated (default: the lexicon's)")
    s.add_argument("--seed", type=whole_number(0), default=DEFAULT_SEED,
                   help=f"random seed (default {DEFAULT_SEED})")
    s.add_argument("--sep", type=_sep, default=",",
                   help="field separator: ',' (default), ';' (for a French-locale Excel) or "
                        "'tab'")
    s.add_argument("--min-words", type=whole_number(0), default=MIN_WORDS,
                   help=f"skip shorter sentences (default {MIN_WORDS})")
    a = sub.add_parser("agreement", help="Cohen's kappa and Krippendorff's alpha")
    a.add_argument("sheets", nargs="+", type=Path, help="filled-in sheets, one per annotator")
    a.add_argument("--blank", choices=BLANK_POLICIES, default="zero",
                   help="untouched rows: 'zero' (no frame, default) or 'missing'")
    a.add_argument("--json", action="store_true", help="print JSON instead of tables")
    g = sub.add_parser("gold", help="adjudicate sheets into gold labels (CSV)")
    g.add_argument("sheets", nargs="+", type=Path, help="filled-in sheets")
    g.add_argument("--out", type=Path, required=True, help="gold CSV to write")
    g.add_argument("--rule", choices=GOLD_RULES, default="majority",
                   help="adjudication rule (default majority)")
    g.add_argument("--blank", choices=BLANK_POLICIES, default="zero")
    return p


@quiet_broken_pipe
def main(argv: Sequence[str] | None = None) -> int:
    from .corpus import read_corpus

    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    skipped: tuple[Any, ...] = ()
    try:
        if args.command == "sample":
            inputs = [args.corpus, args.lexicon if Path(args.lexicon).is_file() else None]
            check_output(args.out, inputs)
            check_output(_design_path(args.out), inputs)
            _check_no_marks(args.out)
            frames = args.frames.split(",") if args.frames else None
            corpus = read_corpus(args.corpus)
            sheet = sample(corpus, n=args.n, lexicon=args.lexicon, seed=args.seed,
                           frames=frames, min_words=args.min_words)
            skipped = corpus.skipped  # files and rows that could not be read
            write_sheet(sheet, args.out, sep=args.sep)
            strata = sheet.attrs["design"]["strata"]
            n_hit = sum(s["sampled"] for s in strata if s["has_hit"])
            sources = {s["source"] for s in strata if s["sampled"]}
            print(f"framing.annotate: {len(sheet)} sentences ({n_hit} with a lexicon hit, "
                  f"{len(sheet) - n_hit} without) from {len(sources)} source(s) → {args.out}")
        elif args.command == "agreement":
            result = agreement(load_annotations(args.sheets, blank=args.blank))
            if args.json:
                print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            else:
                print("Cohen's kappa (per pair of annotators)\n" + _table(result.kappa))
                print("\nKrippendorff's alpha (nominal, all annotators)\n" + _table(result.alpha))
                print("\nCounts (items rated and positives per annotator)\n"
                      + _table(result.counts))
        else:
            check_output(args.out, args.sheets)
            gold = gold_from_annotations(load_annotations(args.sheets, blank=args.blank),
                                         rule=args.rule)
            out = gold.assign(labels=[",".join(x) for x in gold["labels"]])
            write_output(args.out, out.to_csv(index=False))
            print(f"framing.annotate: {len(gold)} items, rule {args.rule} → {args.out}")
    except FramingError as exc:
        print(f"framing.annotate: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    for rec in skipped:  # as the report does: listed, and exit 3
        print(f"framing.annotate: skipped {rec}", file=sys.stderr)
    return EXIT_SKIPPED if skipped else EXIT_OK


if __name__ == "__main__":
    # Run the imported module (not this __main__ copy), like framing.lexicon does.
    from framing.annotate import main as _main

    sys.exit(_main())
