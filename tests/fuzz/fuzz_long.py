"""Long fuzz run (hypothesis, large budget) of the reader, tokenizer, sentence splitter,
quote detector, matcher, sentiment and the whole per-document analysis.

    python tests/fuzz/fuzz_long.py --minutes 10            # every target, time shared
    python tests/fuzz/fuzz_long.py --minutes 2 --targets matcher,analyze
    python tests/fuzz/fuzz_long.py --list

Not collected by pytest (the name does not match ``test_*.py``). The reader and matcher
properties are the very functions of ``tests/test_corpus.py`` and
``tests/test_matcher.py`` (their ``check_*`` helpers and strategies), run here with
``max_examples`` in the millions and a time limit; the others are written below. Each
target runs in chunks of examples until its share of the time is spent; a failure is
shrunk by hypothesis, logged (the falsifying example and the traceback) and ends that
target. See ``tests/fuzz/README.md`` for what is checked and the log of past runs.
Exit status: 0 when nothing failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parents[1]


def _load(name: str) -> ModuleType:
    """A test module by path (no package, no sys.path entry needed)."""
    spec = importlib.util.spec_from_file_location(f"_fuzz_{name}", TESTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tc = _load("test_corpus")
tm = _load("test_matcher")

#: Texts longer than the regular suite's (up to a few thousand characters).
LONG_TEXT = st.lists(
    st.tuples(st.one_of(st.sampled_from(tm.FRAGMENTS + tc.FRAGMENTS), st.text(max_size=12)),
              st.sampled_from(["", " ", " ", "\n", ". ", "\n\n"])),
    max_size=300,
).map(lambda pieces: "".join(a + b for a, b in pieces))
TEXT = st.one_of(st.text(), tm.FRENCH_TEXT, tc.FRENCH_TEXT, LONG_TEXT)


# --- checks for the modules that have their own property tests elsewhere --------------


def check_tokens(text: str) -> None:
    """Tokens and sentences: spans within the text and equal to it, ordered, every token
    in exactly one sentence, sentence ids 0..n-1, the same result twice."""
    from framing.tokenizer import tokens

    t = tokens(text)
    assert t.text == text
    prev_end = 0
    for tok in t.tokens:
        assert 0 <= prev_end <= tok.start < tok.end <= len(text)
        assert text[tok.start : tok.end] == tok.text and tok.text.strip() == tok.text
        assert tok.kind in ("word", "elision", "number", "punct", "url", "email")
        assert isinstance(tok.norm, str) and isinstance(tok.lemma, str)
        prev_end = tok.end
    covered = [i for s in t.sentences for i in range(s.first, s.last)]
    assert covered == list(range(len(t.tokens)))
    for k, s in enumerate(t.sentences):
        assert s.index == k and s.first < s.last
        assert 0 <= s.start < s.end <= len(text)
        assert (s.start, s.end) == (t.tokens[s.first].start, t.tokens[s.last - 1].end)
    assert tokens(text) == t
    t.n_words  # noqa: B018 -- the cached property must not raise


def check_quotes(text: str) -> None:
    """Quotes: spans ordered and within the text, inner text equal to the slice, known
    kinds, never across a line break, voices known, the same result twice."""
    from framing.quotes import find_quotes, voices
    from framing.tokenizer import tokens

    toks = tokens(text)
    found, warnings = find_quotes(toks)
    assert (found, warnings) == find_quotes(tokens(text))
    prev_end = 0
    for i, q in enumerate(found):
        assert q.quote_id == i
        assert prev_end <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
        assert text[q.inner_start : q.inner_end] == q.text
        assert q.kind in ("speech", "scare") and "\n" not in text[q.start : q.end]
        prev_end = q.end
    assert all(isinstance(w, str) for w in warnings)
    vm = voices(toks, found)
    assert len(vm.sentence_voices()) == len(toks.sentences)
    assert all(v[0] in ("narrator", "quote", "scare_quote") for v in vm.sentence_voices())


_SENTIMENT: list[Any] = []


def check_sentiment(text: str) -> None:
    """Sentiment: scores in [-1, 1] with their labels, words within their sentence and
    equal to the text, counts that add up, the same result twice."""
    from framing.sentiment import load_sentiment_lexicon, score_text, score_tokens, sentiment_label
    from framing.tokenizer import tokens

    if not _SENTIMENT:
        _SENTIMENT.append(load_sentiment_lexicon())
    lex = _SENTIMENT[0]
    a = score_text(text, lex)
    assert a == score_tokens(tokens(text), lex)
    assert -1.0 <= a.score <= 1.0 and a.label == sentiment_label(a.score)
    for s in a.sentences:
        assert -1.0 <= s.score <= 1.0 and s.label == sentiment_label(s.score)
        assert 0 <= s.start <= s.end <= len(text)
        assert s.n_positive + s.n_negative == sum(1 for w in s.words if w.contribution)
        for w in s.words:
            assert s.start <= w.start < w.end <= s.end
            assert text[w.start : w.end] == w.text
    assert a.n_positive == sum(s.n_positive for s in a.sentences)
    assert a.n_negative == sum(s.n_negative for s in a.sentences)


_ANALYZERS: dict[str, Any] = {}


def _analyzer(model: bool) -> Any:
    from framing.pipeline import build_analyzer

    key = "model" if model else "plain"
    if key not in _ANALYZERS:
        _ANALYZERS[key] = build_analyzer(("geopolitique", "cadres_generiques"),
                                         model="default" if model else None)
    return _ANALYZERS[key]


def check_analysis(text: str, title: str, model: bool) -> None:
    """The whole per-document analysis (``framing.pipeline.analyze``): no exception, every
    row's span within the text and its text equal to the slice, counts consistent with
    the rows, every cell writable as UTF-8, the same result twice."""
    from framing.corpus import Document
    from framing.pipeline import (
        DOCUMENT_COLUMNS,
        FRAME_COLUMNS,
        HIT_COLUMNS,
        QUOTE_COLUMNS,
        SENTENCE_COLUMNS,
        analyze,
    )

    an = _analyzer(model)
    doc = Document(doc_id="fuzz", text=text, title=title, meta={"source": "fuzz"})
    res = analyze(doc, an)
    assert res == analyze(doc, an)
    assert list(res.document) == list(DOCUMENT_COLUMNS)
    n = len(text)
    for row in res.sentences:
        assert list(row) == list(SENTENCE_COLUMNS)
        assert 0 <= row["char_start"] < row["char_end"] <= n
        assert row["text"] == text[row["char_start"] : row["char_end"]]
        assert row["sentiment"] == "" or -1.0 <= row["sentiment"] <= 1.0
    assert [r["sent_id"] for r in res.sentences] == list(range(len(res.sentences)))
    for row in res.quotes:
        assert list(row) == list(QUOTE_COLUMNS) and 0 <= row["char_start"] <= row["char_end"] <= n
        assert row["text"] in text[row["char_start"] : row["char_end"]]
    for row in res.hits:
        assert set(HIT_COLUMNS) <= set(row) and 0 <= row["char_start"] < row["char_end"] <= n
        assert row["matched"] == text[row["char_start"] : row["char_end"]]
        assert type(row["negated"]) is bool and 0 <= row["sent_id"] < len(res.sentences)
    for row in res.frames:
        assert list(row) == list(FRAME_COLUMNS) and row["hits"] >= row["negated_hits"] >= 0
    d = res.document
    assert d["n_sentences"] == len(res.sentences)
    assert d["n_hits"] == sum(1 for r in res.hits if not r["negated"])
    assert d["n_quotes"] == sum(1 for r in res.quotes if r["kind"] == "speech")
    assert d["sentiment"] == "" or -1.0 <= d["sentiment"] <= 1.0
    for rows in (res.sentences, res.quotes, res.hits, res.frames, res.actors, res.classifier,
                 (res.document,)):
        for row in rows:
            for value in row.values():
                str(value).encode("utf-8")


# --- targets ---------------------------------------------------------------------------


def _in_tmp(check: Callable[..., None]) -> Callable[..., None]:
    def run(**kwargs: Any) -> None:
        with tempfile.TemporaryDirectory() as d:
            check(Path(d), **kwargs)

    return run


_MATCHERS: dict[tuple[str, str, bool], Any] = {}


def _check_matcher(text: str, lexicon: str, overlap: str, accents: bool) -> None:
    from framing.matcher import Matcher

    key = (lexicon, overlap, accents)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher(lexicon, overlap=overlap, accents=accents)
    tm.check_hits(text, _MATCHERS[key])


def _check_tables(text: str) -> None:
    _check_matcher(text, "geopolitique", "frame", True)
    tm.check_tables(text, _MATCHERS[("geopolitique", "frame", True)])


@dataclass(frozen=True)
class Target:
    name: str
    what: str
    check: Callable[..., None]
    strategies: dict[str, st.SearchStrategy[Any]]


TARGETS = (
    Target("reader_file", "any bytes as a .txt/.md article: one Document or one Skipped",
           _in_tmp(tc.check_article_file),
           {"data": tc.FILE_BYTES | TEXT.map(lambda s: s.encode("utf-8", "surrogatepass")),
            "suffix": st.sampled_from([".txt", ".md"])}),
    Target("reader_round_trip", "valid UTF-8 article: title and text as written",
           _in_tmp(tc.check_article_round_trip), {"title": tc.TITLE, "body": TEXT}),
    Target("reader_csv", "CSV with any cells: one record per row, cells round-trip",
           _in_tmp(tc.check_csv_table),
           {"rows": st.lists(st.lists(tc.CELL | TEXT, min_size=5, max_size=5), max_size=8),
            "sep": st.sampled_from([",", ";", "\t", "|"]),
            "encoding": st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])}),
    Target("reader_jsonl", "JSONL with any lines: InputError or one record per line",
           _in_tmp(tc.check_jsonl_table), {"lines": st.lists(tc.JSON_LINE, max_size=8)}),
    Target("tokens", "tokenizer and sentence splitter spans", check_tokens, {"text": TEXT}),
    Target("quotes", "quote detector spans and voices", check_quotes, {"text": TEXT}),
    Target("matcher", "lexicon hits (2 lexicons, 3 overlap policies, accents on/off)",
           _check_matcher,
           {"text": TEXT, "lexicon": st.sampled_from(["geopolitique", "cadres_generiques"]),
            "overlap": st.sampled_from(["frame", "none", "all"]), "accents": st.booleans()}),
    Target("matcher_tables", "match() rows and explain()", _check_tables, {"text": TEXT}),
    Target("sentiment", "sentence and document sentiment", check_sentiment, {"text": TEXT}),
    Target("analyze", "pipeline.analyze: every row of one document",
           check_analysis, {"text": TEXT, "title": st.text(max_size=30), "model": st.just(False)}),
    Target("analyze_model", "pipeline.analyze with the shipped frame classifier",
           check_analysis, {"text": TEXT, "title": st.text(max_size=30), "model": st.just(True)}),
)


@dataclass
class Outcome:
    examples: int = 0
    chunks: int = 0
    seconds: float = 0.0
    failure: str = ""


def run_target(target: Target, seconds: float, deadline: float, log: Callable[[str], None]
               ) -> Outcome:
    """Run ``target`` in chunks of examples until ``seconds`` are spent or it fails."""
    out = Outcome()
    counter = [0]

    def counted(**kwargs: Any) -> None:
        counter[0] += 1
        target.check(**kwargs)

    start = time.monotonic()
    chunk = 50
    while time.monotonic() - start < seconds:
        t0, before = time.monotonic(), counter[0]
        test = settings(
            max_examples=chunk, deadline=timedelta(seconds=deadline), database=None,
            phases=(Phase.generate, Phase.target, Phase.shrink), print_blob=True,
            suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
        )(given(**target.strategies)(counted))
        try:
            test()
        except Exception as exc:  # a property failed: shrunk by hypothesis, logged
            notes = "\n".join(getattr(exc, "__notes__", []))
            out.failure = f"{type(exc).__name__}: {exc}\n{notes}\n" + "".join(
                traceback.format_exception(exc))
            log(f"  FAILED {target.name}:\n{out.failure}")
            break
        finally:
            out.chunks += 1
        rate = (counter[0] - before) / max(time.monotonic() - t0, 1e-3)
        left = seconds - (time.monotonic() - start)
        chunk = int(max(10, min(5000, rate * min(15.0, left))))
    out.examples = counter[0]
    out.seconds = time.monotonic() - start
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="total time (default 10)")
    ap.add_argument("--targets", default="", help="comma-separated names (default: all)")
    ap.add_argument("--deadline", type=float, default=20.0,
                    help="seconds one example may take before it counts as a failure")
    ap.add_argument("--log", type=Path, default=None, help="also append the log to this file")
    ap.add_argument("--list", action="store_true", help="list the targets and exit")
    args = ap.parse_args(argv)
    if args.list:
        for t in TARGETS:
            print(f"{t.name:18} {t.what}")
        return 0
    names = [n for n in args.targets.split(",") if n] or [t.name for t in TARGETS]
    unknown = set(names) - {t.name for t in TARGETS}
    if unknown:
        ap.error(f"unknown targets: {', '.join(sorted(unknown))} (see --list)")
    chosen = [t for t in TARGETS if t.name in names]

    def log(line: str) -> None:
        print(line, flush=True)
        if args.log is not None:
            with args.log.open("a", encoding="utf-8") as f:
                f.write(line + "\n")

    share = args.minutes * 60 / len(chosen)
    log(f"fuzz_long {time.strftime('%Y-%m-%d %H:%M:%S')}: {len(chosen)} targets, "
        f"{args.minutes:g} min ({share:.0f} s each), deadline {args.deadline:g} s/example")
    results = {}
    for t in chosen:
        results[t.name] = r = run_target(t, share, args.deadline, log)
        log(f"{t.name:18} {r.examples:>8} examples {r.seconds:7.1f} s "
            f"{'FAILED' if r.failure else 'ok'}")
    total = sum(r.examples for r in results.values())
    failed = [n for n, r in results.items() if r.failure]
    log(f"total {total} examples, {len(failed)} failed target(s)"
        + (f": {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
