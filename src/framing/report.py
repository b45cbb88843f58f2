"""``python -m framing.report CORPUS`` — the researcher's main instrument.

Reads a corpus (folder of articles or a CSV/TSV/JSONL table), analyses every document
on its own (:func:`framing.pipeline.analyze`), streams the per-row tables to disk and
writes a human-readable report, all atomically, into ``reports/<corpus name>/`` (or
``--out``). The output contract (files and columns) is in the README, "What you get".

Exit codes: 0 success; 1 the corpus could not be read at all (the message says why);
2 bad command line; 3 the report was written but some documents were skipped (they
are listed in ``run.json`` and in the report).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import re
import signal
import sys
import time
import warnings
from array import array
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, overload

from . import __version__
from ._cli import quiet_broken_pipe, whole_number
from .bounded import SortedPairs
from .corpus import (
    MAX_DOCUMENT_MB,
    Corpus,
    Document,
    Skipped,
    _path_text,
    document_mb_problem,
    is_export,
    read_corpus,
)
from .dedupe import DuplicateIndex
from .errors import FramingError, InputError
from .output import StagedOutput, spreadsheet_copy
from .pipeline import (
    ACTOR_COLUMNS,
    DOCUMENT_COLUMNS,
    HIT_COLUMNS,
    ROW_TABLES,
    Analyzer,
    DocResult,
    PackedResult,
    analyze_record,
    analyze_record_packed,
    build_analyzer,
    with_text,
)
from .render import (
    EXAMPLES_PER_FRAME,
    LABELS,
    MAX_DOCUMENT_PAGES,
    MAX_DOCUMENT_ROWS,
    DocumentPage,
)
from .stats import CROSSING, MISSING_GROUP, PERIODS, check_whole_number, period_of
from .tokenizer import SPEEDUPS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BATCHES_AHEAD",
    "BATCH_PER_JOB",
    "EXIT_FATAL",
    "EXIT_OK",
    "EXIT_SKIPPED",
    "EXIT_USAGE",
    "GC_YOUNG_THRESHOLD",
    "MAX_JOBS",
    "ByColumnError",
    "ReportOptions",
    "RunSummary",
    "iter_results",
    "main",
    "run_report",
]

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3


@dataclass(frozen=True)
class RunSummary:
    """What a run did: where it wrote, how many documents, what was skipped."""

    out: Path
    n_documents: int
    n_sentences: int
    n_tokens: int
    skipped: tuple[Skipped, ...]
    seconds: float
    files: tuple[str, ...] = field(default_factory=tuple)

    @property
    def exit_code(self) -> int:
        return EXIT_SKIPPED if self.skipped else EXIT_OK


def default_out(corpus: Corpus) -> Path:
    return Path("reports") / corpus.name


def _check_out(corpus_path: Path | object, out: Path) -> None:
    """Refuse an output folder that would write into the corpus or, since a report
    replaces its folder whole, delete anything that is not an earlier report. (A corpus
    behind a URL cannot contain or be contained by a local folder.)"""
    o = out.resolve()
    c = corpus_path.resolve() if isinstance(corpus_path, Path) else None
    if c is not None and c.is_dir() and (o == c or c in o.parents):
        raise InputError(
            f"{out}: the output folder is inside the corpus folder {corpus_path}; choose "
            "another --out (the corpus is never written to)"
        )
    if c is not None and o in c.parents:
        raise InputError(
            f"{out}: the output folder contains the corpus {corpus_path}, and a report "
            "replaces its folder whole; choose another --out, e.g. a new folder beside it"
        )
    if o.exists() and not o.is_dir():
        raise InputError(f"{out}: this is a file, not a folder; choose another --out")
    if o.is_dir() and not (o / "run.json").is_file() and any(o.iterdir()):
        raise InputError(
            f"{out}: this folder is not empty and is not a framing report (no run.json); "
            "a report replaces its folder whole, so choose a new or empty folder"
        )


def _check_inputs_outside(out: Path, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output folder that holds one of the run's input files (a lexicon, the
    sentiment lexicon, a model): a report replaces its folder whole and would delete it."""
    o = out.resolve()
    for name in inputs:
        if not name:
            continue
        f = Path(name).resolve()
        if o == f or o in f.parents:
            raise InputError(
                f"{out}: the output folder holds {name}, an input of this run, and a report "
                "replaces its folder whole; move the file out of it or choose another --out"
            )


@dataclass(frozen=True)
class ReportOptions:
    """What the report groups by and how it is labelled."""

    by: tuple[str, ...] | None = None  # None: ``source`` when the corpus has it
    period: str = "month"
    lang: str = "fr"
    max_pages: int = MAX_DOCUMENT_PAGES
    max_rows: int = MAX_DOCUMENT_ROWS  # rows of the index's documents table (all are in the CSV)
    spreadsheet: bool = True  # write spreadsheet-safe copies of the text tables
    dedupe: bool = False  # drop exact and near-duplicate documents (framing.dedupe)

    def __post_init__(self) -> None:
        # checked here, not after the whole corpus has been analysed
        if isinstance(self.by, str):  # one column, not its letters
            object.__setattr__(self, "by", (self.by,))
        if self.period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {self.period!r}")
        if self.lang not in LABELS:
            raise ValueError(f"lang must be one of {', '.join(LABELS)}, not {self.lang!r}")
        check_whole_number("max_pages", self.max_pages)
        check_whole_number("max_rows", self.max_rows)


#: Rows of the documents table converted to dicts at a time when it is written.
_DOCUMENT_ROWS_AT_ONCE = 2000
#: Columns of the per-hit, per-quote and classifier rows the report's statistics
#: read (``render.ReportData``); the full rows are streamed to the CSV tables.
_HIT_STAT_COLUMNS = ("doc_id", "sent_id", "lexicon", "frame", "negated", "voice", "speaker",
                     "actor")
_QUOTE_STAT_COLUMNS = ("doc_id", "quote_id", "kind", "speaker", "actor")
_CLF_STAT_COLUMNS = ("doc_id", "sent_id", "frame", "voice")


#: Array type codes from the narrowest up: a column of small numbers or of few
#: distinct texts takes one byte a row, and widens when a value does not fit.
_UNSIGNED = ("B", "H", "I", "Q")
_SIGNED = ("b", "h", "i", "q")


def _widen(a: array[int]) -> array[int] | None:
    """The same numbers in the next wider type code; None past 64 bits."""
    codes = _SIGNED if a.typecode in _SIGNED else _UNSIGNED
    i = codes.index(a.typecode) + 1
    return array(codes[i], a) if i < len(codes) else None


class _Column:
    """One column of values, stored compactly until the DataFrame is built.

    Whole numbers, booleans and floats go to a typed array; text goes to codes (a
    typed array) into the column's distinct values, each stored once (with
    ``shared=False`` only a run of equal values shares one: ``doc_id`` repeats row
    after row, never later). A value of another type turns the column into a plain
    list. :meth:`tolist` gives back values equal to those appended, of the same types.
    """

    __slots__ = ("_data", "_index", "_kind", "_last", "_last_code", "_values")

    def __init__(self, shared: bool) -> None:
        self._kind: type | None = None  # int, float, bool or str; object: a plain list
        self._data: Any = None  # an array, or a list for object
        self._values: list[str] = []
        self._index: dict[str, int] | None = {} if shared else None
        self._last: str | None = None
        self._last_code = -1

    def __len__(self) -> int:
        return 0 if self._data is None else len(self._data)

    def append(self, v: Any) -> None:
        t = type(v)
        if t is not self._kind:
            if self._kind is None and t in _TYPE_CODES:
                self._kind = t
                self._data = array(_TYPE_CODES[t])
            elif self._kind is not object:
                self._data = self.tolist()
                self._kind = object
        self._put(self._codes([v]) if self._kind is str else [v])

    def extend(self, values: list[Any]) -> None:
        """:meth:`append` each value; values all of the column's type go in one step."""
        if values and self._kind is None:
            self.append(values[0])
            values = values[1:]
        if not values:
            return
        kind = self._kind
        if kind is object or set(map(type, values)) != {kind}:
            for v in values:
                self.append(v)
            return
        self._put(self._codes(values) if kind is str else values)

    def _put(self, items: list[Any]) -> None:
        """Add values (codes for text) to the array, in a wider type code when one
        does not fit; whole numbers past 64 bits (never codes) make it a plain list."""
        n = len(self._data)
        while True:
            try:
                self._data.extend(items)
                return
            except OverflowError:  # undo the part extended, widen, again
                del self._data[n:]
                wider = _widen(self._data)
                if wider is None:
                    self._data, self._kind = self.tolist(), object
                else:
                    self._data = wider

    def _codes(self, values: list[str]) -> list[int]:
        """The codes of text values, new ones numbered as :meth:`append` does."""
        index = self._index
        codes: list[Any]  # ints once done
        if index is not None:
            codes = list(map(index.get, values))
            if None in codes:
                for i, v in enumerate(values):
                    if codes[i] is None:
                        code = codes[i] = index.setdefault(v, len(self._values))
                        if code == len(self._values):
                            self._values.append(v)
        else:  # a run of equal values shares one code
            codes = []
            for v in values:
                if v != self._last:
                    self._values.append(v)
                    self._last, self._last_code = v, len(self._values) - 1
                codes.append(self._last_code)
        self._last, self._last_code = values[-1], codes[-1]
        return codes

    def tolist(self) -> list[Any]:
        if self._data is None:
            return []
        if self._kind is str:
            values = self._values
            return [values[c] for c in self._data]
        if self._kind is bool:
            return [c == 1 for c in self._data]
        return list(self._data) if self._kind is object else self._data.tolist()


#: Type code of the array a column starts with, by the type of its first value.
_TYPE_CODES: dict[type, str] = {int: "b", float: "d", bool: "B", str: "B"}


class _Columns:
    """Rows kept column by column (:class:`_Column`) for a DataFrame built at the end.

    A row of a few numbers and repeated texts (frame, voice, speaker, …) costs a few
    bytes instead of a dict or tuple of its own (100–200 bytes), so that millions of
    hits fit in a few megabytes. :meth:`frame` gives the same DataFrame as
    ``pd.DataFrame(rows)``.
    """

    def __init__(self, columns: Sequence[str], shared: Sequence[str] = ()) -> None:
        self.columns = tuple(columns)
        self.data = {c: _Column(shared=c in shared) for c in self.columns}

    def __len__(self) -> int:
        return len(self.data[self.columns[0]])

    def extend(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        for c, column in self.data.items():
            column.extend([r[c] for r in rows])

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame; the columns are released (they are not needed twice)."""
        import pandas as pd

        if not len(self):  # as pd.DataFrame([]): object columns, not float64
            return pd.DataFrame([], columns=list(self.columns))
        data = {}
        for c in self.columns:
            data[c] = self.data[c].tolist()
            self.data[c] = _Column(shared=False)
        return pd.DataFrame(data, columns=list(self.columns))


_MISSING = object()
#: A column's text values are shared (one object per distinct value) until it has
#: this many distinct values: sources, dates and labels repeat, titles do not.
_SHARED_VALUES_MAX = 4096


class _Records:
    """Rows whose keys vary (documents and their metadata), kept column by column.

    A row costs one reference per column instead of a dict of its own (about 600
    bytes), and text values that repeat (source, date, labels, metadata) are stored
    once. :meth:`frame` gives the same DataFrame as ``pd.DataFrame(rows)``: a column
    appears at the first row that has it and is NaN in the rows without it.
    """

    def __init__(self) -> None:
        self.data: dict[str, list[Any]] = {}
        self._values: dict[str, dict[str, str] | None] = {}
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, row: Mapping[str, Any]) -> None:
        n = self._n
        for k, v in row.items():
            column = self.data.get(k)
            if column is None:
                column = self.data[k] = [_MISSING] * n
                self._values[k] = {}
            if type(v) is str and (values := self._values[k]) is not None:
                v = values.setdefault(v, v)
                if len(values) >= _SHARED_VALUES_MAX:  # values do not repeat
                    self._values[k] = None
            column.append(v)
        self._n = n + 1
        for column in self.data.values():
            if len(column) == n:
                column.append(_MISSING)

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame; the columns are released."""
        import pandas as pd

        data = {k: [math.nan if v is _MISSING else v for v in column]
                for k, column in self.data.items()}
        self.data.clear()
        self._values.clear()
        return pd.DataFrame(data, columns=list(data)) if data else pd.DataFrame([])


#: Buffered (lemma, count) pairs of a group merged into its sorted arrays at once,
#: at least (and at most as many as the group has lemmas already).
_LEMMA_MERGE_MIN = 4096


class _LemmaCounts:
    """Lemma frequencies by group for the keyness tables: one vocabulary shared by
    the groups (lemma → number) and, per group, a summing
    :class:`framing.bounded.SortedPairs` of lemma numbers and counts (16 bytes a
    lemma) — instead of a Counter per group (about 100 bytes a lemma in each group)."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._groups: dict[tuple[str, ...], SortedPairs] = {}

    def update(self, key: tuple[str, ...], counts: Mapping[str, int]) -> None:
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = SortedPairs("q", "q", sum_values=True)
        vocab = self._vocab
        ids = list(map(vocab.get, counts))  # one pass in C; new lemmas numbered below
        if None in ids:
            for k, lemma in enumerate(counts):
                if ids[k] is None:
                    ids[k] = vocab[lemma] = len(vocab)
        group.extend(ids, counts.values())  # type: ignore[arg-type]  # no None left
        if group.pending >= max(_LEMMA_MERGE_MIN, len(group.keys)):
            group.merge()

    def by_name(self) -> Mapping[str, Mapping[str, int]]:
        """Group name (its key's values joined by `` / ``) → {lemma: count}, each
        group's dict built when it is read (the vocabulary is released)."""
        lemmas = list(self._vocab)  # numbered in insertion order
        self._vocab = {}
        groups: dict[str, SortedPairs] = {}
        for key, group in self._groups.items():
            group.merge()
            groups[_group_name(key)] = group
        return _GroupMapping(lemmas, groups)


class _GroupMapping(Mapping[str, Mapping[str, int]]):
    """:meth:`_LemmaCounts.by_name`: a mapping whose values are built on access."""

    def __init__(self, lemmas: list[str], groups: dict[str, SortedPairs]) -> None:
        self._lemmas = lemmas
        self._groups = groups

    def __getitem__(self, name: str) -> dict[str, int]:
        group = self._groups[name]
        lemmas = self._lemmas
        return {lemmas[i]: n for i, n in zip(group.keys.tolist(), group.values.tolist(),
                                             strict=True)}

    def __iter__(self) -> Iterator[str]:
        return iter(self._groups)

    def __len__(self) -> int:
        return len(self._groups)


class _Collector:
    """Streams the per-row tables to disk and keeps only what aggregation needs."""

    def __init__(self, staged: StagedOutput, options: ReportOptions, with_model: bool) -> None:
        self.options = options
        # DocResult field → its table (classifier rows only with a model)
        self.tables = {f: staged.table(name, columns) for f, name, columns in ROW_TABLES
                       if f != "classifier" or with_model}
        self.with_model = with_model
        self.clf = _Columns(_CLF_STAT_COLUMNS, shared=("frame", "voice"))
        # per frame, the 4 agreement counts of each document in reading order (4 C longs:
        # 32 bytes a document and frame); their sums are the pooled table
        self.agreement_by_doc: dict[str, array[int]] = {}
        self.docs = _Records()
        self.hits = _Columns(_HIT_STAT_COLUMNS,
                             shared=("lexicon", "frame", "voice", "speaker", "actor"))
        self.quotes = _Columns(_QUOTE_STAT_COLUMNS, shared=("kind", "speaker", "actor"))
        self.actors = _Columns(ACTOR_COLUMNS, shared=("actor",))
        self.n_docs = 0
        self.n_hits = 0
        self.n_negated_hits = 0
        # frame → group → its first un-negated hits, from distinct documents
        self.examples: dict[str, dict[str, list[dict[str, Any]]]] = {}
        self.lemmas = _LemmaCounts()
        self.pages: list[DocumentPage] = []
        self.warnings: list[tuple[str, str]] = []
        self.n_sentences = 0
        self.n_tokens = 0

    def add(self, item: PackedResult) -> None:
        """Stream a result's rows, already formatted, to the tables and keep what
        aggregation needs."""
        res = item.result
        for (f, _, _), (lines, n) in zip(ROW_TABLES, item.tables, strict=True):
            if f in self.tables:
                self.tables[f].write_formatted(lines, n)
        row = dict(res.document)
        for k, v in sorted(res.meta.items()):
            row.setdefault(k, v)
        self.docs.append(row)
        self.n_docs += 1
        self.n_sentences += int(res.document["n_sentences"])
        self.n_tokens += int(res.document["n_tokens"])
        self.hits.extend(res.hits)
        key = self._lemma_key(row)
        group = _group_name(key)
        for h in res.hits:
            if h["negated"]:
                self.n_negated_hits += 1
            else:
                self.n_hits += 1
                self._keep_example(h, group)
        self.quotes.extend(res.quotes)
        self.actors.extend(res.actors)
        self.warnings.extend((res.doc_id, w) for w in res.warnings)
        if self.with_model:
            self.clf.extend(res.classifier)
            for f, counts in res.agreement.items():
                self.agreement_by_doc.setdefault(f, array("l")).extend(counts)
        self.lemmas.update(key, res.lemma_counts)
        if len(self.pages) < self.options.max_pages and res.text:
            meta = {k: str(row.get(k, "")) for k in ("source", "date", "author")}
            meta.update({k: str(v) for k, v in sorted(res.meta.items())})
            self.pages.append(DocumentPage(
                res.doc_id, str(row.get("title", "")), res.text, meta,
                row["sentiment"] if isinstance(row.get("sentiment"), float) else None,
                str(row.get("sentiment_label", "")), res.hits, res.quotes,
            ))

    def _keep_example(self, hit: dict[str, Any], group: str) -> None:
        """Keep an un-negated hit as a candidate example of its frame: up to
        EXAMPLES_PER_FRAME per group, from distinct documents, so that the report can
        take them from every group in turn (render.spread_examples). That takes the
        groups in alphabetical order, so only the EXAMPLES_PER_FRAME first group names
        can ever be shown: the others are let go, and memory stays bounded however
        many groups (--by author) a corpus has."""
        by_group = self.examples.setdefault(hit["frame"], {})
        ex = by_group.get(group)
        if ex is None:
            if len(by_group) >= EXAMPLES_PER_FRAME:
                last = max(by_group)
                if group > last:
                    return
                del by_group[last]
            ex = by_group[group] = []
        if len(ex) < EXAMPLES_PER_FRAME and all(e["doc_id"] != hit["doc_id"] for e in ex):
            ex.append({**hit, "group": group})

    def _lemma_key(self, row: Mapping[str, Any]) -> tuple[str, ...]:
        keys = self.options.by or ("source",)
        return tuple(_group_value(k, row.get(k, ""), self.options.period) for k in keys)


def _group_value(column: str, value: object, period: str) -> str:
    """A document's value of a ``--by`` column as a group: the date by ``--period``
    (``--by date`` grouped by day made a group of every article, each tested against
    the others), any other value as it is."""
    return period_of(str(value), period) if column == "date" else str(value)


def _group_name(key: tuple[str, ...]) -> str:
    """The group of a document's ``--by`` values, as the report's tables name it: the
    values joined by :data:`~framing.stats.CROSSING`, a missing one named
    :data:`MISSING_GROUP` ("Le Courrier / (none)": left out of the tests between
    groups, as :data:`MISSING_GROUP` itself), or :data:`MISSING_GROUP` when it has none
    of them (was " / " with two columns: the documents without a group got a keyness
    table of their own, and examples in a group named " / ")."""
    if not any(key):
        return MISSING_GROUP
    return CROSSING.join(v or MISSING_GROUP for v in key)


class ByColumnError(InputError):
    """``--by`` names a column the corpus does not have: a bad command line (exit 2),
    known only once the corpus has been read."""


def _group_column(docs: pd.DataFrame, by: tuple[str, ...] | None,
                  period: str = "month") -> str | None:
    """The column the report groups by: ``--by`` (several are crossed; a date by
    ``period``, :func:`_group_value`), else ``source`` when the corpus has it, else
    none."""
    if by:  # doc_id, title, counts…: one group per document or not metadata at all
        missing = [b for b in by if b not in docs.columns or b in _NOT_GROUPS]
        if missing:
            # the columns one could group by: metadata with a value in some document (was:
            # duplicate_of, and author when no document had one)
            # (a value as the grouping sees one: not empty)
            usable = [str(c) for c in docs.columns if c not in _NOT_GROUPS
                      and docs[c].fillna("").astype(str).ne("").any()]
            has = (f"it has: {', '.join(usable)}); choose one" if usable
                   else "it has none); leave out --by")
            raise ByColumnError(f"--by {' '.join(missing)}: not a metadata column of this "
                                f"corpus to group by ({has}")
        if by == ("date",):
            docs["group"] = [_group_value("date", d, period) for d in docs["date"]]
            return "group"
        if len(by) == 1:
            return by[0]
        # a document with none of the values is in no group (MISSING_GROUP), as with one
        # column; one with some of them in a group that names the others missing
        values = docs[list(by)].fillna("").astype(str)
        docs["group"] = [_group_name(tuple(_group_value(c, v, period) for c, v in zip(
            by, row, strict=True))) for row in values.itertuples(index=False)]
        return "group"
    if "source" in docs.columns and docs["source"].fillna("").astype(str).str.len().gt(0).any():
        return "source"
    return None


#: Columns of the documents table that are not metadata to group by: one value per
#: document (its id, path, title, subtitle, Europresse header line), the analysis's
#: counts and scores, the date as written (date_raw; ``date`` is the same, normalised),
#: and the id of the document a duplicate repeats (pipeline.DOCUMENT_COLUMNS).
_NOT_GROUPS = frozenset({"doc_id", "path", "title", "n_sentences", "n_tokens", "sentiment",
                         "sentiment_label", "n_quotes", "n_hits", "date_raw", "duplicate_of",
                         "subtitle", "europresse_header"})


def run_report(
    corpus: Corpus,
    out: str | os.PathLike[str] | None = None,
    *,
    analyzer: Analyzer | None = None,
    options: ReportOptions | None = None,
    progress: bool = False,
    jobs: int = 1,
    argv: Sequence[str] = (),
    engine: str = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """Analyse ``corpus`` and write the report folder. Returns a :class:`RunSummary`.

    ``engine="local"`` analyses in this process or a pool of ``jobs`` processes;
    ``engine="dask"`` on a Dask cluster (:mod:`framing.engines`): a local one of
    ``jobs`` worker processes, or the one at ``scheduler`` (``tcp://host:port``).
    The outputs are the same either way. Warnings are shown as they come and kept in
    ``run.json`` (``warnings``), beside the documents analysed with a warning."""
    with _recorded_warnings() as noted:
        return _run_report(corpus, out, analyzer=analyzer, options=options, progress=progress,
                           jobs=jobs, argv=argv, engine=engine, scheduler=scheduler,
                           noted=noted)


#: The list the warnings of the run in progress are noted in (this thread's), if any.
_NOTED: ContextVar[list[str] | None] = ContextVar("framing_report_warnings", default=None)


@contextmanager
def _recorded_warnings() -> Iterator[list[str]]:
    """The first lines of the warnings shown in the block (shown as usual too), for
    ``run.json``: what a run printed on stderr stays with its outputs. Inside an
    outer recording (the command line records from before the corpus is opened and
    the lexicons loaded) the outer list is used; the display hook is restored only if
    nothing replaced it meanwhile."""
    outer = _NOTED.get()
    if outer is not None:
        yield outer
        return
    noted: list[str] = []
    token = _NOTED.set(noted)
    previous = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        current = _NOTED.get()
        if current is not None:
            current.append(str(message).splitlines()[0] if str(message) else category.__name__)
        previous(message, category, filename, lineno, file, line)

    warnings.showwarning = show
    try:
        yield noted
    finally:
        if warnings.showwarning is show:
            warnings.showwarning = previous
        _NOTED.reset(token)


def _run_report(
    corpus: Corpus,
    out: str | os.PathLike[str] | None,
    *,
    analyzer: Analyzer | None,
    options: ReportOptions | None,
    progress: bool,
    jobs: int,
    argv: Sequence[str],
    engine: str,
    scheduler: str | None,
    noted: list[str],
) -> RunSummary:
    import numpy as np
    import pandas as pd

    from .engines import ENGINES, require_dask
    from .render import ReportData, render_report

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler and engine != "dask":
        raise ValueError("scheduler= needs engine='dask'")
    if engine == "dask":
        require_dask()
    t0 = time.perf_counter()
    out = Path(out) if out is not None else default_out(corpus)
    _check_out(corpus.path, out)
    opts = options or ReportOptions()
    an = analyzer or build_analyzer()
    _check_inputs_outside(out, [m.lexicon.path for _, m in an.matchers]
                          + [an.sentiment.path if an.sentiment is not None else ""])
    for _, m in an.matchers:  # an imported dictionary's skipped entries, said once
        if m.lexicon.warnings:
            lx = m.lexicon
            warnings.warn(
                f"lexicon {lx.name!r}: {len(lx.warnings)} warning(s) while loading (first: "
                f"{lx.warnings[0]}); python -m framing.lexicon validate "
                f"{_path_text(lx.path or lx.name)} lists them all", UserWarning, stacklevel=2)
    if an.model is not None:  # the report labels sentences
        from .classify import warn_unit_mismatch

        warn_unit_mismatch(an.model, "sentence", f"{corpus.name}, labelled by --model")
    model_name = "" if an.model is None else (
        f"FrameClassifier ({len(an.model.classes_)} frames, trained on "
        f"{an.model.n_train_samples_} texts, sha256:{an.model.training_digest_[:12]})"
    )
    skipped: list[Skipped] = []
    with StagedOutput(out) as staged:
        col = _Collector(staged, opts, an.model is not None)
        records: Iterable[Document | Skipped] = corpus.records()
        if progress:
            from tqdm import tqdm

            paths = corpus.article_paths()
            # an export holds many articles: then the number of documents is not known
            exports = any(is_export(str(x)) for x in paths)
            total = None if exports else len(paths) or None
            records = tqdm(records, total=total, unit="doc", desc="framing", leave=False)
        dup_rows: list[dict[str, Any]] = []
        results = _engine_results(records, an, jobs, engine, scheduler)
        # an interrupted run stops the pool or cluster at once; the duplicate index
        # (its temporary file too) is freed before the report is drawn
        with closing(results), DuplicateIndex() as duplicates, _fewer_collections():
            for item in results:
                if isinstance(item, Skipped):
                    skipped.append(item)
                    continue
                res = item.result
                dup = duplicates.add(res.doc_id, res.fingerprint) if res.fingerprint else None
                if dup is not None:
                    kind, original, sim = dup
                    dup_rows.append({"doc_id": res.doc_id, "duplicate_of": original,
                                     "kind": kind, "similarity": round(sim, 2),
                                     "dropped": opts.dedupe})
                    if opts.dedupe:
                        skipped.append(Skipped(res.doc_id, f"{kind} duplicate of {original} "
                                                           f"(similarity {sim:.2f}); --dedupe"))
                        continue
                    res.document["duplicate_of"] = original
                col.add(item)
        if not col.n_docs:
            if not skipped:  # was: "no document could be read (); fix the files listed"
                raise InputError(f"{corpus.path}: no document in it (a table with a header "
                                 "and no rows?); add articles")
            reasons = "; ".join(str(s) for s in skipped[:3])
            raise InputError(
                f"{corpus.path}: no document could be read ({reasons}); fix the files listed"
            )
        t_analysis = time.perf_counter() - t0
        docs = col.docs.frame()
        extra = sorted(c for c in docs.columns if c not in DOCUMENT_COLUMNS)
        docs = docs[[*DOCUMENT_COLUMNS, *extra]].fillna("")
        by = _group_column(docs, opts.by, opts.period)
        table = staged.table("documents.csv", [*DOCUMENT_COLUMNS, *extra])
        for i in range(0, len(docs), _DOCUMENT_ROWS_AT_ONCE):  # not one dict per row at once
            table.write_many({str(k): v for k, v in r.items()}
                             for r in docs.iloc[i : i + _DOCUMENT_ROWS_AT_ONCE].to_dict("records"))
        hits = col.hits.frame()
        examples = pd.DataFrame([e for groups in col.examples.values()
                                 for ex in groups.values() for e in ex],
                                columns=[*HIT_COLUMNS, "left", "right", "group"])
        quotes = col.quotes.frame()
        actors = col.actors.frame()
        clf_hits = col.clf.frame()
        clf_hits["negated"] = False
        lemma_counts = col.lemmas.by_name() if by is not None else {}
        by_doc = {f: np.frombuffer(v, dtype=f"i{v.itemsize}").reshape(-1, 4)
                  for f, v in col.agreement_by_doc.items()}
        run = {
            "framing_version": __version__,
            "python": platform.python_version(),
            "versions": _versions(),
            "corpus": _path_text(str(corpus.path)),  # a name not in UTF-8: \xNN
            "out": _path_text(str(out)),
            "argv": [_path_text(a) for a in argv],
            "by": " / ".join(opts.by) if by == "group" and opts.by else by or "",
            "period": opts.period,
            "lang": opts.lang,
            "jobs": jobs,
            "engine": engine,
            "compiled_tokenizer": SPEEDUPS,
            "scheduler": scheduler or "",
            "lexicons": [name for name, _ in an.matchers],
            "sentiment_lexicon": an.sentiment.name if an.sentiment is not None else "",
            "overlap": an.matchers[0][1].overlap if an.matchers else "",
            "model": model_name,
            "n_documents": col.n_docs,
            "n_sentences": col.n_sentences,
            "n_tokens": col.n_tokens,
            "n_hits": col.n_hits,
            "n_negated_hits": col.n_negated_hits,
            "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in skipped],
            "warnings": [{"doc_id": "", "warning": w} for w in noted]
            + [{"doc_id": d, "warning": w} for d, w in col.warnings],
            "duplicates": dup_rows,
        }
        data = ReportData(
            corpus_name=_path_text(corpus.name), docs=docs, hits=hits, examples=examples,
            quotes=quotes, actors=actors, lemma_counts=lemma_counts, pages=tuple(col.pages),
            skipped=tuple(skipped), frame_labels=_frame_labels(an), lexicons=_lexicon_info(an),
            run=run, by=by, period=opts.period, lang=opts.lang,
            by_label=" / ".join(opts.by) if by == "group" and opts.by else "",
            model_info=None if an.model is None else (
                len(an.model.classes_), an.model.n_train_samples_,
                an.model.training_digest_[:12]),
            classifier=clf_hits if an.model is not None else None,
            agreement={f: (int(a), int(b), int(c), int(d))
                       for f, (a, b, c, d) in ((f, v.sum(axis=0)) for f, v in by_doc.items())},
            agreement_by_doc=by_doc,
            max_rows=max(opts.max_rows, len(col.pages)),  # every page is linked from the table
        )
        render_report(staged, data)
        if opts.spreadsheet:
            staged.close_tables()
            for name in SPREADSHEET_TABLES:
                spreadsheet_copy(staged.stage / name, staged.path(f"spreadsheet/{name}"))
        seconds = time.perf_counter() - t0
        run["seconds"] = {"analysis": round(t_analysis, 3),
                          "report": round(seconds - t_analysis, 3), "total": round(seconds, 3)}
        staged.path("run.json").write_text(
            json.dumps(run, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        files = staged.files()
    return RunSummary(out, col.n_docs, col.n_sentences, col.n_tokens, tuple(skipped),
                      seconds, files)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("numpy", "pandas", "scipy", "scikit-learn", "nltk", "simplemma", "matplotlib"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = ""
    return out


def _frame_labels(an: Analyzer) -> dict[str, dict[str, str]]:
    """Each frame's label in French and English, as the report's rows, columns and
    legends show it. Two frames of different lexicons may carry the same label
    ("Économie"): those labels get their frame id, ``Économie (economy)``, so that
    every frame stays a row of its own."""
    labels: dict[str, dict[str, str]] = {}
    for _, m in an.matchers:
        for fid, frame in m.lexicon.frames.items():
            labels[fid] = {"fr": frame.label_fr or fid, "en": frame.label_en or fid}
    for lang in ("fr", "en"):
        shared = Counter(lab[lang] for lab in labels.values())
        for fid, lab in labels.items():
            if shared[lab[lang]] > 1:
                lab[lang] = f"{lab[lang]} ({fid})"
    return labels


def _lexicon_info(an: Analyzer) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"name": m.lexicon.name, "version": m.lexicon.version,
         "n_frames": len(m.lexicon.frames),
         "n_patterns": sum(len(f.patterns) for f in m.lexicon.frames.values()),
         "description": _shorten(" ".join(str(m.lexicon.description).split()),
                                 LEXICON_DESCRIPTION_MAX)}
        for _, m in an.matchers
    )


#: Characters of a lexicon's description shown in the report's method section: the
#: bundled lexicons' descriptions (up to 1,413 characters, their limitations last)
#: are shown whole; a longer one is cut at a word, with an ellipsis.
LEXICON_DESCRIPTION_MAX = 2000


def _shorten(text: str, limit: int) -> str:
    """``text`` whole if it has at most ``limit`` characters, else cut at the last
    space before the limit (mid-word only for a single longer word), with ``…``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut).rstrip(" ,;:") + "…"


#: Tables copied to ``spreadsheet/`` for Excel/LibreOffice: the ones that hold text
#: from the articles (a cell such as ``=HYPERLINK(…)`` must never run there).
SPREADSHEET_TABLES = ("documents.csv", "sentences.csv", "quotes.csv", "hits.csv")

#: Allocations between two collections of the garbage collector's youngest generation
#: while documents are analysed (CPython's default: 700). A document allocates
#: thousands of short-lived token tuples, freed by reference counting since they
#: form no cycles; collecting every 700 allocations walks them again and again (and
#: promotes the ones still in use, then walks the older generations). 50,000: a
#: one-process report about 7% faster at one million words (benchmarks/PROFILE.md),
#: at most a few MB of cyclic garbage waiting a little longer.
GC_YOUNG_THRESHOLD = 50_000


def _raise_young_threshold() -> tuple[int, ...]:
    """Collect the youngest generation every :data:`GC_YOUNG_THRESHOLD` allocations
    (or less often, if already so); returns the thresholds it replaced."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_YOUNG_THRESHOLD), *old[1:])
    return old


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """:func:`_raise_young_threshold` for the block; the caller's thresholds are
    restored after it, even on error."""
    old = _raise_young_threshold()
    try:
        yield
    finally:
        gc.set_threshold(*old)


#: Most processes ``--jobs`` accepts: far more than any one machine has cores (a
#: larger number only exhausts the system's process table and memory).
MAX_JOBS = 1024
#: A Dask scheduler address: an optional protocol (tcp://, tls://, …), a host, a port.
_SCHEDULER_RE = re.compile(
    r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:\[[0-9a-fA-F:.]+\]|[^\s:/\[\]]+):\d{1,5}/?")
#: Documents handed to the worker pool at a time: enough to keep every process busy,
#: few enough that memory stays flat whatever the corpus size.
BATCH_PER_JOB = 64
#: Batches queued in the pool beyond the one whose results are being written.
BATCHES_AHEAD = 2

_WORKER_ANALYZER: Analyzer | None = None


def _init_worker(analyzer: Analyzer) -> None:
    global _WORKER_ANALYZER
    _WORKER_ANALYZER = analyzer


def _init_pool_worker(analyzer: Analyzer) -> None:
    # Ctrl-C reaches the whole process group: only the parent handles it (and
    # cleans up), workers are ended by the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the parent's SIGTERM handler (raise KeyboardInterrupt) is inherited by fork;
    # the executor ends its workers with SIGTERM when the pool breaks: they must simply die
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # the process only analyses documents: the run's threshold for its whole life
    _raise_young_threshold()
    # the parent holds every document it sends: the text need not travel back
    _init_worker(replace(analyzer, keep_text=False))


def _analyze_record(rec: Document | Skipped) -> DocResult | Skipped:
    """Analyse one record in a worker (:func:`framing.pipeline.analyze_record`)."""
    return analyze_record(rec, _WORKER_ANALYZER)


def _analyze_record_packed(rec: Document | Skipped) -> PackedResult | Skipped:
    """:func:`framing.pipeline.analyze_record_packed` in a worker."""
    return analyze_record_packed(rec, _WORKER_ANALYZER)


@overload
def iter_results(
    records: Iterable[Document | Skipped], analyzer: Analyzer, jobs: int = ...,
    *, packed: Literal[False] = ...,
) -> Iterator[DocResult | Skipped]: ...
@overload
def iter_results(
    records: Iterable[Document | Skipped], analyzer: Analyzer, jobs: int = ...,
    *, packed: Literal[True],
) -> Iterator[PackedResult | Skipped]: ...
def iter_results(
    records: Iterable[Document | Skipped], analyzer: Analyzer, jobs: int = 1,
    *, packed: bool = False,
) -> Iterator[DocResult | PackedResult | Skipped]:
    """Analyse records in input order, in this process (``jobs=1``) or in a pool of
    ``jobs`` processes (``0`` = all cores). Results are identical either way; memory
    stays bounded because records are sent in batches. With ``packed``, results come
    as :class:`framing.pipeline.PackedResult` (their rows formatted as CSV lines where
    they were analysed), whatever ``jobs``: the report writes them one way."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    task = _analyze_record_packed if packed else _analyze_record
    if jobs <= 1:
        _init_worker(analyzer)
        for rec in records:
            yield task(rec)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # concurrent.futures rather than multiprocessing.Pool: the Pool's worker-handler
    # thread wakes whenever results wait in its pipe and spun on them (0.9 s of CPU
    # taken from the workers on 5 million words), and a Pool whose worker is killed
    # waits forever where the executor raises BrokenProcessPool.
    pool = ProcessPoolExecutor(jobs, initializer=_init_pool_worker, initargs=(analyzer,))
    try:
        it = iter(records)
        size = jobs * BATCH_PER_JOB
        # BATCHES_AHEAD batches queued in the pool while this process writes the
        # results of an earlier one, so that the workers never wait for it (with one
        # batch ahead they idled at the end of every batch); memory: that many + 1.
        inflight: deque[tuple[list[Document | Skipped], Iterator[Any]]] = deque()
        while True:
            batch = list(islice(it, size))
            if batch:
                inflight.append((batch, pool.map(
                    task, batch, chunksize=max(1, len(batch) // (4 * jobs)))))
                if len(inflight) <= BATCHES_AHEAD:
                    continue
            if not inflight:
                return
            sent, results = inflight.popleft()
            for rec, res in zip(sent, results, strict=True):
                yield with_text(res, rec) if analyzer.keep_text else res
    except BrokenProcessPool:
        raise FramingError(
            "a worker process of --jobs stopped unexpectedly (killed, or out of memory); "
            "run again with fewer --jobs"
        ) from None
    finally:
        # an early stop (an error, Ctrl-C, a closed generator) cancels the batches
        # queued; the workers end with the chunk they are on
        pool.shutdown(wait=True, cancel_futures=True)


def _engine_results(
    records: Iterable[Document | Skipped], analyzer: Analyzer, jobs: int, engine: str,
    scheduler: str | None,
) -> Generator[PackedResult | Skipped, None, None]:
    """The packed results of :func:`iter_results` (``engine="local"``) or of
    :func:`framing.engines.iter_results_dask`, as a generator that can be closed."""
    if engine == "dask":
        from .engines import iter_results_dask

        yield from iter_results_dask(records, analyzer, workers=jobs, scheduler=scheduler,
                                     packed=True)
    else:
        yield from iter_results(records, analyzer, jobs, packed=True)


class _Parser(argparse.ArgumentParser):
    _args: Sequence[str] = ()

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        self._args = list(sys.argv[1:] if args is None else args)
        return super().parse_args(self._args, namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        if "required: corpus" in message and "--by" in self._args:
            # --by takes every word after it: `--by source corpus/` has no corpus left
            # (not `--by=source`, which takes one word)
            message += "; --by takes every word after it: put the corpus before --by"
        self.exit(EXIT_USAGE, f"framing.report: error: {message} (see --help)\n")


def _scheduler(value: str) -> str:
    if not _SCHEDULER_RE.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"expected a scheduler address such as tcp://10.0.0.5:8786, not {value!r}")
    return value


def _megabytes(value: str) -> float:
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of megabytes, not {value!r}") from None
    if problem := document_mb_problem(mb, shown=value):
        raise argparse.ArgumentTypeError(problem)
    return mb


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m framing.report",
        description=(
            "Analyse a corpus of French news and write a comparative framing report "
            "(CSV tables, Markdown, HTML, figures)."
        ),
        epilog=(
            "Exit codes: 0 success; 1 the corpus could not be read; 2 bad command line; "
            "3 report written but some documents were skipped (see run.json)."
        ),
    )
    p.add_argument("corpus", help="a folder of .txt/.md articles (and Europresse .html "
                   "exports), one export, or a .csv/.tsv/.jsonl table")
    p.add_argument("--out", type=Path, help="output folder (default: reports/<corpus name>/)")
    p.add_argument("--max-doc-mb", type=_megabytes, default=MAX_DOCUMENT_MB, metavar="MB",
                   help="skip (and list) any article file, table text cell or JSONL line over "
                   f"MB megabytes, unread (default: {MAX_DOCUMENT_MB:g}; a news article is "
                   "rarely over 0.1)")
    t = p.add_argument_group("tables (CSV/TSV/JSONL)")
    t.add_argument("--text-col", help="column holding the article text (default: guessed)")
    t.add_argument("--title-col", help="column holding the title")
    t.add_argument("--source-col", help="column holding the outlet")
    t.add_argument("--date-col", help="column holding the date")
    t.add_argument("--author-col", help="column holding the author")
    t.add_argument("--id-col", help="column holding a stable document id")
    t.add_argument("--no-header", action="store_true",
                   help="the table has no header row; name columns by position (0, 1, …)")
    t.add_argument("--sep", help="field separator (default: detected)")
    t.add_argument("--encoding", help="file encoding (default: detected)")
    a = p.add_argument_group("analysis")
    a.add_argument("--lexicon", action="append", metavar="NAME_OR_PATH",
                   help="frame lexicon by name or path (repeatable; default: geopolitique); "
                   "YAML, WordStat .cat, LIWC .dic or CSV/TSV")
    a.add_argument("--sentiment", default="sentiment_fr", metavar="NAME_OR_PATH",
                   help="sentiment lexicon by name or path (default: sentiment_fr)")
    a.add_argument("--overlap", choices=("frame", "all", "none"), default="frame",
                   help="overlap rule for lexicon hits (default: frame)")
    a.add_argument("--model", metavar="MODEL",
                   help="add a frame classifier beside the lexicon: a .skops file from "
                   "python -m framing.classify train, or 'default' (the shipped model)")
    r = p.add_argument_group("report")
    r.add_argument("--by", nargs="+", action="extend", metavar="META",
                   help="group by these metadata columns (default: source, when present); "
                   "several are crossed, whether given after one --by or several; put the "
                   "corpus before --by")
    r.add_argument("--period", choices=PERIODS, default="month",
                   help="time unit of the 'over time' section, and of the groups of --by "
                   "date (default: month)")
    r.add_argument("--lang", choices=tuple(LABELS), default="fr",
                   help="language of the report's labels (default: fr)")
    a.add_argument("--dedupe", action="store_true",
                   help="drop exact and near-duplicate documents (wire copies repeated "
                   "across outlets); they are always detected and listed")
    r.add_argument("--no-spreadsheet", action="store_true",
                   help="do not write the spreadsheet-safe copies in spreadsheet/")
    r.add_argument("--max-pages", type=whole_number(0), default=MAX_DOCUMENT_PAGES, metavar="N",
                   help=f"per-document HTML pages to write (default: {MAX_DOCUMENT_PAGES})")
    p.add_argument("--jobs", type=whole_number(0, MAX_JOBS), default=1, metavar="N",
                   help="worker processes (default 1; 0 = all cores); results are identical")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where documents are analysed: 'local' (this process or a pool of "
                   "--jobs processes; default) or 'dask' (a local Dask cluster of --jobs "
                   "workers, or --scheduler); needs pip install \"dask[distributed]\"")
    p.add_argument("--scheduler", metavar="URL", type=_scheduler,
                   help="with --engine dask: the scheduler of an existing Dask cluster, e.g. "
                   "tcp://10.0.0.5:8786 (workers need framing installed)")
    p.add_argument("--quiet", action="store_true",
                   help="no progress bar and no closing summary line (errors, warnings and "
                   "skipped files are still printed)")
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    return p


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM is handled like Ctrl-C: the staged output is removed, nothing is half
    written, and the previous report stays as it was."""
    raise KeyboardInterrupt


def _show_warning(message: Warning | str, category: type[Warning], filename: str,
                  lineno: int, file: Any = None, line: str | None = None) -> None:
    """A warning during a command-line run: one line, like the errors (not the file
    and source line Python shows by default)."""
    print(f"framing.report: warning: {message}", file=sys.stderr)


@quiet_broken_pipe
def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    out: Path | None = args.out  # named by an error the OS gives without a file name
    shown = warnings.showwarning
    warnings.showwarning = _show_warning
    with _recorded_warnings():  # from the first file read: all of run.json's warnings
        try:
            corpus = read_corpus(
                args.corpus, text_col=args.text_col, title_col=args.title_col,
                source_col=args.source_col, date_col=args.date_col, author_col=args.author_col,
                id_col=args.id_col, no_header=args.no_header, sep=args.sep, encoding=args.encoding,
                max_document_mb=args.max_doc_mb,
            )
            out = args.out or default_out(corpus)
            if args.model and Path(args.model).is_file():  # a model keeps no path of its own
                _check_inputs_outside(out, [args.model])
            progress = not args.quiet and sys.stderr.isatty()
            analyzer = build_analyzer(
                tuple(args.lexicon or ("geopolitique",)), sentiment=args.sentiment,
                overlap=args.overlap, model=args.model,
            )
            options = ReportOptions(
                by=tuple(args.by) if args.by else None, period=args.period, lang=args.lang,
                max_pages=args.max_pages, spreadsheet=not args.no_spreadsheet,
                dedupe=args.dedupe,
            )
            summary = run_report(
                corpus, out, analyzer=analyzer, options=options, progress=progress,
                jobs=args.jobs, argv=args_list, engine=args.engine, scheduler=args.scheduler,
            )
        except ByColumnError as exc:  # an option the corpus contradicts: a bad command line
            print(f"framing.report: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except FramingError as exc:
            print(f"framing.report: error: {exc}", file=sys.stderr)
            return EXIT_FATAL
        except OSError as exc:  # e.g. the disk filled up while the report was written
            name = exc.filename or (out and _path_text(str(out)))
            where = f"{name}: " if name else ""
            print(f"framing.report: error: {where}{exc.strerror or exc}; the previous report (if "
                  "any) is unchanged", file=sys.stderr)
            return EXIT_FATAL
        except KeyboardInterrupt:
            print("framing.report: interrupted; the previous report (if any) is unchanged",
                  file=sys.stderr)
            return 130
        finally:
            warnings.showwarning = shown
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    try:
        for s in summary.skipped:
            print(f"framing.report: skipped {s}", file=sys.stderr)
        if not args.quiet:
            print(
                f"framing: {summary.n_documents} documents, {summary.n_sentences} sentences, "
                f"{summary.n_tokens} tokens → {_path_text(str(summary.out))}/ "
                f"({summary.seconds:.1f} s)"
                + (f"; {len(summary.skipped)} skipped" if summary.skipped else "")
            )
    except KeyboardInterrupt:  # the report is written: say so, and end as the run did
        print(f"framing.report: interrupted after the report was written to "
              f"{_path_text(str(summary.out))}/ (complete)", file=sys.stderr)
    return summary.exit_code


def _exit(code: int) -> NoReturn:
    """End the process with ``code``; a Ctrl-C while Python shuts down (after the
    report was written) no longer turns a finished run into exit status 130."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise SystemExit(code)


if __name__ == "__main__":
    _exit(main())
