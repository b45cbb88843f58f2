"""``python -m framing.report CORPUS`` — the researcher's main instrument.

Reads a corpus (folder of articles or a CSV/TSV/JSONL table), analyses every document
on its own (:func:`framing.pipeline.analyze`), streams the per-row tables to disk and
writes a human-readable report, all atomically, into ``reports/<corpus name>/`` (or
``--out``). See ``shared/DESIGN.md`` for the output contract.

Exit codes: 0 success; 1 the corpus could not be read at all (the message says why);
2 bad command line; 3 the report was written but some documents were skipped (they
are listed in ``run.json`` and in the report).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from . import __version__
from .corpus import Corpus, Document, Skipped, read_corpus
from .errors import FramingError, InputError
from .output import StagedOutput
from .pipeline import DOCUMENT_COLUMNS, SENTENCE_COLUMNS, Analyzer, DocResult, analyze

__all__ = [
    "BATCH_PER_JOB",
    "EXIT_FATAL",
    "EXIT_OK",
    "EXIT_SKIPPED",
    "EXIT_USAGE",
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


def _check_out(corpus_path: Path, out: Path) -> None:
    c = corpus_path.resolve()
    o = out.resolve()
    if c.is_dir() and (o == c or c in o.parents):
        raise InputError(
            f"{out}: the output folder is inside the corpus folder {corpus_path}; choose "
            "another --out (the corpus is never written to)"
        )


def run_report(
    corpus: Corpus,
    out: Path | None = None,
    *,
    analyzer: Analyzer | None = None,
    progress: bool = False,
    jobs: int = 1,
    argv: Sequence[str] = (),
) -> RunSummary:
    """Analyse ``corpus`` and write the report folder. Returns a :class:`RunSummary`."""
    from .render import render_report

    t0 = time.perf_counter()
    out = out if out is not None else default_out(corpus)
    _check_out(corpus.path, out)
    an = analyzer or Analyzer()
    results: list[DocResult] = []
    skipped: list[Skipped] = []
    n_sent = n_tok = 0
    with StagedOutput(out) as staged:
        docs_t = staged.table("documents.csv", DOCUMENT_COLUMNS)
        sents_t = staged.table("sentences.csv", SENTENCE_COLUMNS)
        records = corpus.records()
        if progress:
            from tqdm import tqdm

            total = len(corpus.article_paths()) or None
            records = tqdm(records, total=total, unit="doc", desc="framing", leave=False)
        for res in iter_results(records, an, jobs):
            if isinstance(res, Skipped):
                skipped.append(res)
                continue
            docs_t.write(res.document)
            sents_t.write_many(res.sentences)
            n_sent += len(res.sentences)
            n_tok += int(res.document["n_tokens"])
            results.append(_slim(res))
        if not results:
            reasons = "; ".join(str(s) for s in skipped[:3])
            raise InputError(
                f"{corpus.path}: no document could be read ({reasons}); fix the files listed"
            )
        seconds = time.perf_counter() - t0
        run = {
            "framing_version": __version__,
            "python": platform.python_version(),
            "corpus": str(corpus.path),
            "out": str(out),
            "argv": list(argv),
            "n_documents": len(results),
            "n_sentences": n_sent,
            "n_tokens": n_tok,
            "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in skipped],
            "seconds": round(seconds, 3),
        }
        render_report(staged, results, skipped, corpus=corpus, run=run)
        (staged.path("run.json")).write_text(
            json.dumps(run, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        files = tuple(sorted(p.name for p in staged.stage.iterdir()))
    return RunSummary(out, len(results), n_sent, n_tok, tuple(skipped), seconds, files)


#: Documents handed to the worker pool at a time: enough to keep every process busy,
#: few enough that memory stays flat whatever the corpus size.
BATCH_PER_JOB = 64

_WORKER_ANALYZER: Analyzer | None = None


def _init_worker(analyzer: Analyzer) -> None:
    global _WORKER_ANALYZER
    _WORKER_ANALYZER = analyzer


def _analyze_record(rec: Document | Skipped) -> DocResult | Skipped:
    """Analyse one record in a worker; a failure becomes a Skipped entry."""
    if isinstance(rec, Skipped):
        return rec
    try:
        return analyze(rec, _WORKER_ANALYZER)
    except Exception as exc:  # one bad document never kills a run
        return Skipped(rec.doc_id, f"analysis failed ({type(exc).__name__}: {exc})")


def iter_results(
    records: Iterable[Document | Skipped], analyzer: Analyzer, jobs: int = 1
) -> Iterator[DocResult | Skipped]:
    """Analyse records in input order, in this process (``jobs=1``) or in a pool of
    ``jobs`` processes (``0`` = all cores). Results are identical either way; memory
    stays bounded because records are sent in batches."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs <= 1:
        _init_worker(analyzer)
        for rec in records:
            yield _analyze_record(rec)
        return
    import multiprocessing as mp

    with mp.get_context().Pool(jobs, initializer=_init_worker, initargs=(analyzer,)) as pool:
        it = iter(records)
        size = jobs * BATCH_PER_JOB
        while batch := list(islice(it, size)):
            yield from pool.map(_analyze_record, batch, chunksize=max(1, len(batch) // (4 * jobs)))


def _slim(res: DocResult) -> DocResult:
    """Keep what aggregation needs; sentence rows are already on disk."""
    return DocResult(res.doc_id, res.document, (), res.meta, res.lemma_counts, res.warnings)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"framing.report: error: {message} (see --help)\n")


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--jobs takes a whole number, not {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("--jobs takes 0 (all cores) or a positive number")
    return n


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
    p.add_argument("corpus", help="a folder of .txt/.md articles, or a .csv/.tsv/.jsonl table")
    p.add_argument("--out", type=Path, help="output folder (default: reports/<corpus name>/)")
    t = p.add_argument_group("tables (CSV/TSV/JSONL)")
    t.add_argument("--text-col", help="column holding the article text (default: guessed)")
    t.add_argument("--title-col", help="column holding the title")
    t.add_argument("--source-col", help="column holding the outlet")
    t.add_argument("--date-col", help="column holding the date")
    t.add_argument("--id-col", help="column holding a stable document id")
    t.add_argument("--no-header", action="store_true",
                   help="the table has no header row; name columns by position (0, 1, …)")
    t.add_argument("--sep", help="field separator (default: detected)")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                   help="worker processes (default 1; 0 = all cores); results are identical")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        corpus = read_corpus(
            args.corpus, text_col=args.text_col, title_col=args.title_col,
            source_col=args.source_col, date_col=args.date_col, id_col=args.id_col,
            no_header=args.no_header, sep=args.sep,
        )
        progress = not args.quiet and sys.stderr.isatty()
        summary = run_report(
            corpus, args.out, progress=progress, jobs=args.jobs, argv=args_list
        )
    except FramingError as exc:
        print(f"framing.report: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("framing.report: interrupted; the previous report (if any) is unchanged",
              file=sys.stderr)
        return 130
    for s in summary.skipped:
        print(f"framing.report: skipped {s}", file=sys.stderr)
    if not args.quiet:
        print(
            f"framing: {summary.n_documents} documents, {summary.n_sentences} sentences, "
            f"{summary.n_tokens} tokens → {summary.out}/ ({summary.seconds:.1f} s)"
            + (f"; {len(summary.skipped)} skipped" if summary.skipped else "")
        )
    return summary.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
