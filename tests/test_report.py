"""``python -m framing.report``: outputs in the contract's shape, exit codes, errors."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.report import EXIT_FATAL, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[1]
A1 = (
    "Le bloc de Shanghai se pose en contrepoids\n"
    "Par Irina Volkova avec agences\n"
    "M. Lavrov a salué mercredi à Astana une organisation «ouverte à tous».\n"
    "«Notre coopération n'est dirigée contre personne», a-t-il affirmé.\n"
)
A2 = (
    "Kazan : les BRICS élargis cherchent une voix commune\n"
    "Par Paul Girard\n"
    "Les dirigeants réunis à Kazan ont promis des paiements en monnaies nationales.\n"
)


def make_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "a1.txt").write_text(A1, encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "a2.txt").write_text(A2, encoding="utf-8")
    (root / "metadata.csv").write_text(
        "file,source,date\na1.txt,Agence Eurasia Info,3 juillet 2024\n"
        "sub/a2.txt,Le Courrier Atlantique,2024-10-22\n",
        encoding="utf-8",
    )
    return root


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def run(tmp_path: Path) -> tuple[Path, Path]:
    corpus = make_corpus(tmp_path / "presse")
    out = tmp_path / "out"
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_OK
    return corpus, out


def test_report_writes_the_contract_files(run: tuple[Path, Path]) -> None:
    _, out = run
    for name in ("documents.csv", "sentences.csv", "report.md", "index.html", "run.json"):
        assert (out / name).is_file(), name


def test_documents_csv_has_contract_columns_and_values(run: tuple[Path, Path]) -> None:
    _, out = run
    rows = read_csv(out / "documents.csv")
    assert list(rows[0])[:9] == [
        "doc_id", "path", "title", "author", "source", "date", "n_sentences", "n_tokens", "sentiment"
    ]
    first = rows[0]
    assert (first["doc_id"], first["title"], first["author"], first["source"], first["date"]) == (
        "a1.txt", "Le bloc de Shanghai se pose en contrepoids", "Irina Volkova avec agences",
        "Agence Eurasia Info", "2024-07-03",
    )
    assert first["n_sentences"] == "3"
    assert [r["doc_id"] for r in rows] == ["a1.txt", "sub/a2.txt"]


def test_sentence_offsets_point_into_the_document_text(run: tuple[Path, Path]) -> None:
    corpus, out = run
    from framing.corpus import read_corpus

    texts = {d.doc_id: d.text for d in read_corpus(corpus)}
    rows = read_csv(out / "sentences.csv")
    assert list(rows[0])[:6] == ["doc_id", "sent_id", "char_start", "char_end", "voice", "speaker"]
    for r in rows:
        assert texts[r["doc_id"]][int(r["char_start"]) : int(r["char_end"])] == r["text"]
    a1 = [r["text"] for r in rows if r["doc_id"] == "a1.txt"]
    assert a1 == [
        "Le bloc de Shanghai se pose en contrepoids",
        "M. Lavrov a salué mercredi à Astana une organisation «ouverte à tous».",
        "«Notre coopération n'est dirigée contre personne», a-t-il affirmé.",
    ]


def test_rerun_gives_byte_identical_csvs(run: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, out = run
    out2 = tmp_path / "out2"
    assert main([str(corpus), "--out", str(out2), "--quiet"]) == EXIT_OK
    names = sorted(p.name for p in out.glob("*.csv"))
    assert {"sentences.csv", "quotes.csv", "hits.csv", "frames.csv", "actors.csv"} <= set(names)
    assert sorted(p.name for p in out2.glob("*.csv")) == names
    for name in names:  # the workers' rows come formatted: byte for byte the same
        assert (out / name).read_bytes() == (out2 / name).read_bytes(), name


def test_default_output_folder_is_reports_slash_corpus_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path / "mes_articles")
    monkeypatch.chdir(tmp_path)
    assert main([str(corpus), "--quiet"]) == EXIT_OK
    assert (tmp_path / "reports" / "mes_articles" / "documents.csv").is_file()


def test_skipped_file_is_reported_and_exit_code_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "presse")
    (corpus / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    out = tmp_path / "out"
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_SKIPPED
    assert "framing.report: skipped scan.txt: this is a PDF file, not text" in capsys.readouterr().err
    assert len(read_csv(out / "documents.csv")) == 2
    assert '"reason": "this is a PDF file, not text"' in (out / "run.json").read_text(encoding="utf-8")
    assert "scan.txt" in (out / "report.md").read_text(encoding="utf-8")


def test_missing_corpus_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent"), "--quiet"]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "absent: no such file or folder" in err


def _one_frame_lexicon(path: Path, name: str, frame: str, pattern: str) -> Path:
    path.write_text(
        f"name: {name}\nlanguage: fr\nframes:\n  {frame}:\n"
        f'    label: {{fr: "Économie", en: "Economy"}}\n'
        f'    patterns: ["{pattern}"]\n'
        f'    examples: ["Les {pattern} progressent."]\n'
        '    counter_examples: ["Le ciel est bleu."]\n', encoding="utf-8")
    return path


def test_frames_of_two_lexicons_with_one_label_keep_a_row_each(tmp_path: Path) -> None:
    # was: "ValueError: Index contains duplicate entries, cannot reshape" (a traceback)
    corpus = make_corpus(tmp_path / "presse")
    lex_a = _one_frame_lexicon(tmp_path / "a.yaml", "lexique_a", "paiements", "paiements")
    lex_b = _one_frame_lexicon(tmp_path / "b.yaml", "lexique_b", "monnaies", "monnaies")
    out = tmp_path / "out"
    assert main([str(corpus), "--out", str(out), "--quiet", "--lexicon", str(lex_a),
                 "--lexicon", str(lex_b)]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| Économie (monnaies) | 0/1 (0 %)" in md
    assert "| Économie (paiements) | 0/1 (0 %)" in md


def test_a_frame_id_in_two_lexicons_is_one_line(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "presse")
    lex_a = _one_frame_lexicon(tmp_path / "a.yaml", "lexique_a", "economie", "paiements")
    lex_b = _one_frame_lexicon(tmp_path / "b.yaml", "lexique_b", "economie", "monnaies")
    args = [str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--lexicon", str(lex_a)]
    assert main([*args, "--lexicon", str(lex_b)]) == EXIT_FATAL
    assert capsys.readouterr().err == (
        "framing.report: error: frame 'economie' is in lexicons 'lexique_a' and 'lexique_b': "
        "frames are counted by id across lexicons; rename it in one of them\n")
    assert main([*args, "--lexicon", str(lex_a)]) == EXIT_FATAL
    assert capsys.readouterr().err == (
        "framing.report: error: lexicon 'lexique_a' is given twice (or two lexicons have that "
        "name); give it once\n")
    assert not (tmp_path / "out").exists()


def test_figures_show_the_30_most_frequent_of_many_frames(tmp_path: Path) -> None:
    # was: a heatmap of every frame (200 categories of an imported dictionary made a
    # 1 GB image, 1,000 ran out of memory) and a legend of every frame over time
    corpus = make_corpus(tmp_path / "presse")
    in_articles = ("bloc shanghai pose contrepoids tous notre lavrov salué mercredi astana "
                   "organisation ouverte coopération dirigée personne affirmé kazan brics "
                   "élargis cherchent voix commune contre une dirigeants réunis promis "
                   "paiements monnaies nationales des")
    words = in_articles.split()  # 31 words of A1 and A2, one category each
    table = tmp_path / "categories.csv"
    table.write_text("term,category\n" + "".join(f"{w},c{k:02d}\n" for k, w in enumerate(words))
                     + "lavrov,c31\nkazan,c32\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(corpus), "--out", str(out), "--quiet", "--lexicon", str(table)]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    assert ("La figure montre les 30 cadres les plus fréquents sur 33 (en documents) ; "
            "framing.stats.textstat_cooccurrence donne toutes les paires à partir de "
            "hits.csv.") in md
    assert md.count("La figure montre les 30 cadres les plus fréquents sur 33 (en documents) ; "
                    "le tableau les donne tous.") == 2  # prevalence, over time
    assert len({r["frame"] for r in read_csv(out / "hits.csv")}) == 33


def test_unwritable_outputs_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path / "presse")
    (tmp_path / "note.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "note.txt" / "rapport"
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_FATAL
    assert capsys.readouterr().err == (  # was: FileExistsError
        f"framing.report: error: {out}: {tmp_path / 'note.txt'} is a file, not a folder; "
        "give another path\n")
    # the disk fills up while the tables are written: was an OSError traceback
    good = tmp_path / "rapport"
    assert main([str(corpus), "--out", str(good), "--quiet"]) == EXIT_OK
    before = (good / "documents.csv").read_bytes()

    def full(self: object, rows: object) -> None:
        raise OSError(28, "No space left on device", "hits.csv")

    monkeypatch.setattr("framing.output.CsvTable.write_many", full)
    assert main([str(corpus), "--out", str(good), "--quiet"]) == EXIT_FATAL
    assert capsys.readouterr().err == (
        "framing.report: error: hits.csv: No space left on device; the previous report (if "
        "any) is unchanged\n")
    assert (good / "documents.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".rapport")] == []

    def full_unnamed(self: object, rows: object) -> None:
        raise OSError(28, "No space left on device")  # no file name: was an anonymous line

    monkeypatch.setattr("framing.output.CsvTable.write_many", full_unnamed)
    assert main([str(corpus), "--out", str(good), "--quiet"]) == EXIT_FATAL
    assert capsys.readouterr().err == (
        f"framing.report: error: {good}: No space left on device; the previous report (if "
        "any) is unchanged\n")
    assert (good / "documents.csv").read_bytes() == before


def test_report_options_are_checked_when_made_not_after_the_analysis() -> None:
    from framing.report import ReportOptions

    # was: by="source" read as the columns s, o, u, r, c, e
    assert ReportOptions(by="source").by == ("source",)
    bad = {"period": "quarter", "lang": "de", "max_pages": -1, "max_rows": 2.5}
    messages = []
    for name, value in bad.items():
        with pytest.raises(ValueError, match=f"^{name} must be") as err:
            ReportOptions(**{name: value})
        messages.append(str(err.value))
    assert messages == [
        "period must be one of day, week, month, year, not 'quarter'",
        "lang must be one of fr, en, not 'de'",
        "max_pages must be a whole number >= 0, not -1",
        "max_rows must be a whole number >= 0, not 2.5",
    ]


def test_outlet_names_the_figure_font_lacks_give_one_warning_line(
        bundled_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: 32 lines of "UserWarning: Glyph 20154 (\\N{CJK …}) missing from font(s) DejaVu Sans"
    import shutil

    corpus = tmp_path / "presse"
    shutil.copytree(bundled_corpus, corpus)
    meta = corpus / "metadata.csv"
    meta.write_text(meta.read_text(encoding="utf-8").replace(",Le Courrier Atlantique,",
                                                             ",人民日报,"), encoding="utf-8")
    assert main([str(corpus), "--out", str(tmp_path / "r"), "--quiet"]) == EXIT_OK
    assert capsys.readouterr().err == (
        "framing.report: warning: some labels in the figures use characters the figure font "
        "lacks (e.g. Chinese or Arabic names): they show as empty boxes; the tables and HTML "
        "text are unaffected\n")
    docs = (tmp_path / "r" / "documents.csv").read_text(encoding="utf-8")
    assert docs.count(",人民日报,") == 8


def test_an_imported_dictionarys_warnings_are_said_once(
        bundled_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: skipped entries of an imported dictionary were only shown by `lexicon validate`
    lex = tmp_path / "maison.tsv"
    lex.write_text("hégémon*\tcontrepoids\nhégémon*\tbloc\n\tvide\n", encoding="utf-8")
    assert main([str(bundled_corpus), "--lexicon", str(lex), "--out", str(tmp_path / "r"),
                 "--quiet"]) == EXIT_OK
    assert capsys.readouterr().err == (
        f"framing.report: warning: lexicon 'maison': 2 warning(s) while loading (first: {lex}:3: "
        f"row needs a term and a category; skipped); python -m framing.lexicon validate {lex} "
        "lists them all\n")


def test_folder_names_that_are_not_utf8_are_written_as_escapes(tmp_path: Path) -> None:
    # was: UnicodeEncodeError writing report.md (the corpus name, the command line)
    import os

    corpus = make_corpus(tmp_path / os.fsdecode(b"presse\xff"))
    out = tmp_path / os.fsdecode(b"rapport\xe9")
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_OK
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (run["corpus"], run["out"]) == (f"{tmp_path}/presse\\xff", f"{tmp_path}/rapport\\xe9")
    assert "Corpus « presse\\xff » — 2 documents" in (out / "report.md").read_text(encoding="utf-8")


def test_output_inside_corpus_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "presse")
    assert main([str(corpus), "--out", str(corpus / "rapport"), "--quiet"]) == EXIT_FATAL
    assert "inside the corpus folder" in capsys.readouterr().err
    assert not (corpus / "rapport").exists()


def test_unknown_option_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["corpus", "--colour", "bleu"])
    assert exc.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "unrecognized arguments: --colour bleu" in err
    assert "Traceback" not in err


def report_on_one_article(tmp_path: Path, text: str) -> Path:
    """Run the report on a corpus of one article; return the output folder."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "x.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "o"
    assert main([str(root), "--out", str(out), "--quiet"]) == EXIT_OK
    return out


def test_article_text_is_escaped_in_html(tmp_path: Path) -> None:
    out = report_on_one_article(tmp_path, "<script>alert(1)</script> titre\nCorps « <b>gras</b> ».\n")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; titre" in html


def test_failed_run_leaves_previous_report_intact(
    run: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, out = run
    before = (out / "documents.csv").read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("framing.render.render_report", boom)
    with pytest.raises(RuntimeError):
        main([str(corpus), "--out", str(out), "--quiet"])
    assert (out / "documents.csv").read_bytes() == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".out.")] == []


def test_table_corpus_headlines_csv(tmp_path: Path) -> None:
    p = tmp_path / "titres.csv"
    p.write_bytes(
        "Date;Journal;Article\n22/02/2022;Le Figaro;Moscou reconnaît les républiques séparatistes\n"
        "24/02/2022;Ouest-France;La Russie lance une offensive en Ukraine\n".encode("cp1252")
    )
    out = tmp_path / "o"
    assert main([str(p), "--out", str(out), "--quiet"]) == EXIT_OK
    rows = read_csv(out / "documents.csv")
    assert [(r["doc_id"], r["source"], r["date"]) for r in rows] == [
        ("1", "Le Figaro", "2022-02-22"), ("2", "Ouest-France", "2022-02-24")
    ]


def test_module_runs_as_a_command_with_help() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "framing.report", "--help"], capture_output=True, text=True, check=False
    )
    assert res.returncode == 0
    assert "--out" in res.stdout
    assert "Exit codes" in res.stdout


def test_two_jobs_give_identical_outputs(run: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, out = run
    out2 = tmp_path / "jobs2"
    assert main([str(corpus), "--out", str(out2), "--quiet", "--jobs", "2"]) == EXIT_OK
    names = sorted(p.name for p in out.glob("*.csv"))
    assert {"sentences.csv", "quotes.csv", "hits.csv", "frames.csv", "actors.csv"} <= set(names)
    assert sorted(p.name for p in out2.glob("*.csv")) == names
    for name in names:  # the workers' rows come formatted: byte for byte the same
        assert (out / name).read_bytes() == (out2 / name).read_bytes(), name


def test_two_jobs_give_the_same_classifier_rows(bundled_corpus: Path, tmp_path: Path) -> None:
    outs = [tmp_path / "jobs1", tmp_path / "jobs2"]
    for out, jobs in zip(outs, ("1", "2"), strict=True):
        assert main([str(bundled_corpus), "--out", str(out), "--quiet", "--model", "default",
                     "--no-spreadsheet", "--jobs", jobs]) == EXIT_OK
    one, two = ((out / "classifier.csv").read_text(encoding="utf-8") for out in outs)
    assert one == two
    # the κ intervals resample documents (were asymptotic, sentences taken as independent)
    tables = [(out / "report.md").read_text(encoding="utf-8").split(
        "**Accord lexique–classifieur par cadre (phrases)**")[1].split("\n\n")[1]
        for out in outs]
    assert tables[0] == tables[1]
    assert ("| Développement partagé | 41 | 74 | 32 | 0,51 | [0,39 ; 0,63] |"
            in tables[0].splitlines())
    assert one.splitlines()[:2] == [
        "doc_id,sent_id,frame,probability,voice,lexicon_hit",
        "courrier_atlantique/2024-07-02_ocs-astana-front-commun.txt,0,anti_western_bloc,"
        "0.9960,narrator,True",
    ]


def test_a_killed_worker_is_one_line_and_exit_1(
    run: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import os

    import framing.report as report

    corpus, _ = run
    # the workers are forked from this process: they inherit the patch and die at once,
    # as a worker killed by the system (out of memory) would
    monkeypatch.setattr(report, "analyze_record_packed", lambda rec, an: os._exit(9))
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet", "--jobs", "2"]) == EXIT_FATAL
    assert capsys.readouterr().err == (
        "framing.report: error: a worker process of --jobs stopped unexpectedly (killed, or "
        "out of memory); run again with fewer --jobs\n")
    assert not out.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--jobs", "deux"], "argument --jobs: must be a whole number from 0 to 1,024, not 'deux'"),
    # was: OverflowError from multiprocessing
    (["--jobs", "99999999999999999999"],
     "argument --jobs: must be a whole number from 0 to 1,024, not 99999999999999999999"),
    # was: ValueError ("missing port number"), then a TimeoutError traceback after 60 s
    # was: OverflowError (the limit in bytes was infinite)
    (["--max-doc-mb", "1e303"],
     "argument --max-doc-mb: expected a number of megabytes from 0.000001 (one byte) to "
     "1,000,000, not 1e303"),
    # was: accepted, and every document skipped as "over the 0 MB limit"
    (["--max-doc-mb", "1e-9"],
     "argument --max-doc-mb: expected a number of megabytes from 0.000001 (one byte) to "
     "1,000,000, not 1e-9"),
    # was: "expected at most 1024 processes" (the type of --jobs)
    (["--max-pages", "-1"], "argument --max-pages: must be a whole number >= 0, not -1"),
    (["--engine", "dask", "--scheduler", "garbage"],
     "argument --scheduler: expected a scheduler address such as tcp://10.0.0.5:8786, not "
     "'garbage'"),
])
def test_bad_jobs_or_scheduler_value_is_exit_2(args: list[str], message: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["corpus", *args])
    assert exc.value.code == EXIT_USAGE
    assert capsys.readouterr().err.splitlines()[-1] == f"framing.report: error: {message} (see --help)"


def test_an_empty_corpus_path_or_table_and_grouping_by_doc_id_are_one_line(
        bundled_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: "" analysed the current folder (README, docs… as articles), exit 0
    assert main(["", "--out", str(tmp_path / "a"), "--quiet"]) == EXIT_FATAL
    assert capsys.readouterr().err == (
        "framing.report: error: the corpus path is empty (an unset variable?); give a folder "
        "of articles or a table\n")
    # was: a KeyError traceback from the report's voice table (then exit 1: a bad option is 2)
    assert main([str(bundled_corpus), "--by", "doc_id", "--out", str(tmp_path / "b"),
                 "--quiet"]) == EXIT_USAGE
    # was: "…, duplicate_of, dateline, section)", duplicate_of listed as a grouping column
    assert capsys.readouterr().err == (
        "framing.report: error: --by doc_id: not a metadata column of this corpus to group by (it has: author, "
        "source, date, dateline, section); choose one\n")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    header_only = tmp_path / "vide.csv"
    header_only.write_text("id,source,text\n", encoding="utf-8")
    assert main([str(header_only), "--out", str(tmp_path / "c"), "--quiet"]) == EXIT_FATAL
    assert capsys.readouterr().err == (  # was: "no document could be read (); fix the …"
        f"framing.report: error: {header_only}: no document in it (a table with a header and "
        "no rows?); add articles\n")


# --- the full report on the bundled corpus ------------------------------------------


SECTIONS = ("overview", "prevalence", "voice", "cooccurrence", "tone", "keyness", "time",
            "examples", "documents", "method")


def test_full_report_writes_every_contract_table(bundled_report: Path) -> None:
    expected = {
        "documents.csv": ["doc_id", "path", "title", "author", "source", "date", "n_sentences",
                          "n_tokens", "sentiment"],
        "sentences.csv": ["doc_id", "sent_id", "char_start", "char_end", "voice", "speaker"],
        "quotes.csv": ["doc_id", "quote_id", "char_start", "char_end", "kind", "speaker", "actor",
                       "cue", "text"],
        "hits.csv": ["doc_id", "sent_id", "char_start", "char_end", "lexicon", "frame", "pattern",
                     "matched", "negated"],
        "frames.csv": ["doc_id", "lexicon", "frame", "hits", "negated_hits", "per_1000_tokens"],
        "actors.csv": ["doc_id", "actor", "mentions", "sentiment"],
    }
    for name, cols in expected.items():
        header = (bundled_report / name).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header[: len(cols)] == cols, name
    assert len(read_csv(bundled_report / "documents.csv")) == 32
    assert len(read_csv(bundled_report / "frames.csv")) == 32 * 9


def test_full_report_has_every_section_in_html_and_markdown(bundled_report: Path) -> None:
    html = (bundled_report / "index.html").read_text(encoding="utf-8")
    md = (bundled_report / "report.md").read_text(encoding="utf-8")
    for sid in SECTIONS:
        assert f'<section id="{sid}">' in html
    for n, title in enumerate(["Vue d'ensemble du corpus", "Présence des cadres par groupe",
                               "Qui porte quel cadre ?", "Cooccurrence des cadres", "Tonalité",
                               "Vocabulaire distinctif", "Évolution dans le temps",
                               "Exemples en contexte", "Documents", "Méthode"], start=1):
        assert f"## {n}. {title}" in md
    for img in ("prevalence", "cooccurrence", "tone", "over_time"):
        png = bundled_report / "figures" / f"{img}.png"
        assert png.read_bytes()[:4] == b"\x89PNG"
        assert f'src="figures/{img}.png"' in html


def test_hits_in_sentences_have_the_right_voice_and_negation(bundled_report: Path) -> None:
    hits = read_csv(bundled_report / "hits.csv")
    sentences = {(r["doc_id"], r["sent_id"]): r for r in read_csv(bundled_report / "sentences.csv")}
    for h in hits:
        s = sentences[(h["doc_id"], h["sent_id"])]
        assert int(s["char_start"]) <= int(h["char_start"]) < int(h["char_end"]) <= int(s["char_end"])
        assert h["negated"] in ("True", "False")
        assert h["voice"] in ("narrator", "quote", "scare_quote")


def _docs_with(hits: list[dict[str, str]], docs: dict[str, str], source: str, frame: str,
               voice: str) -> int:
    return len({h["doc_id"] for h in hits if docs[h["doc_id"]] == source and h["frame"] == frame
                and h["voice"] == voice and h["negated"] == "False"})


def test_designed_differences_between_outlets_are_recovered(bundled_report: Path) -> None:
    """corpus/README.md is the answer key: each outlet was written to a frame profile."""
    from scipy.stats import fisher_exact

    docs = {r["doc_id"]: r["source"] for r in read_csv(bundled_report / "documents.csv")}
    hits = read_csv(bundled_report / "hits.csv")
    atl, eur, dep, sud = ("Le Courrier Atlantique", "Agence Eurasia Info",
                          "Dépêches Internationales", "Horizons Sud")

    # A narrates an anti-Western bloc, B never does; B narrates the counterweight, A never does
    a_bloc, b_bloc = (_docs_with(hits, docs, s, "anti_western_bloc", "narrator") for s in (atl, eur))
    a_cw, b_cw = (_docs_with(hits, docs, s, "counterweight_to_us_hegemony", "narrator") for s in (atl, eur))
    assert (a_bloc, b_bloc, a_cw, b_cw) == (8, 0, 0, 8)
    assert fisher_exact([[a_bloc, 8 - a_bloc], [b_bloc, 8 - b_bloc]]).pvalue < 0.01
    assert fisher_exact([[b_cw, 8 - b_cw], [a_cw, 8 - a_cw]]).pvalue < 0.01

    # C quotes "cooperation not against anyone" from officials without endorsing it
    assert _docs_with(hits, docs, dep, "cooperation_not_against_anyone", "quote") >= 6
    assert _docs_with(hits, docs, dep, "cooperation_not_against_anyone", "narrator") == 0

    # D's narrator carries shared development
    assert _docs_with(hits, docs, sud, "shared_development", "narrator") >= 6

    # Moscow's euphemism: B's own words, only a scare quote for A
    assert _docs_with(hits, docs, eur, "war_euphemism", "narrator") >= 3
    assert _docs_with(hits, docs, atl, "war_euphemism", "narrator") == 0
    assert _docs_with(hits, docs, atl, "war_euphemism", "scare_quote") >= 2


def test_per_document_pages_link_from_the_index(bundled_report: Path) -> None:
    html = (bundled_report / "index.html").read_text(encoding="utf-8")
    assert 'href="documents/00001.html"' in html
    page = (bundled_report / "documents" / "00001.html").read_text(encoding="utf-8")
    assert "<mark class=" in page
    assert 'href="../index.html#documents"' in page
    # the first document of the bundled corpus is negative in tone, labelled in French
    assert "<dt>tonalité</dt><dd>" in page and " négative</dd>" in page
    assert "<dt>auteur</dt>" in page and "<dt>author</dt>" not in page


def test_english_labels_with_lang_en(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "presse")
    out = tmp_path / "en"
    assert main([str(corpus), "--out", str(out), "--quiet", "--lang", "en"]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## 2. Frame prevalence per group" in md
    assert "Présence des cadres" not in md


def test_single_article_gives_a_sensible_report(tmp_path: Path) -> None:
    root = tmp_path / "un"
    root.mkdir()
    (root / "seul.txt").write_text(A1, encoding="utf-8")
    out = tmp_path / "o"
    assert main([str(root), "--out", str(out), "--quiet"]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## 10. Méthode" in md
    import re

    assert re.search(r"\bnan\b", md.split("## 10.")[0], re.IGNORECASE) is None


@pytest.mark.parametrize(("by", "metadata", "listed"), [
    # was: exit 1, "the corpus could not be read"; a bad option is a bad command line (2)
    ("rubrique", True, "it has: author, source, date); choose one"),
    # was: "author, source, date, duplicate_of": the id of the document a wire copy
    # repeats, not a group, and accepted by --by
    ("duplicate_of", True, "it has: author, source, date); choose one"),
    ("date_raw", True, "it has: author, source, date); choose one"),
    # was: "it has: author, source, date, duplicate_of", all of them empty
    ("rubrique", False, "it has none); leave out --by"),
])
def test_unknown_by_column_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            by: str, metadata: bool, listed: str) -> None:
    if metadata:  # a1.txt's date is written "3 juillet 2024": date_raw keeps it
        corpus = make_corpus(tmp_path / "presse")
    else:
        corpus = tmp_path / "presse"
        corpus.mkdir()
        (corpus / "a.txt").write_text("Sommet de Kazan\n\nLes BRICS se réunissent.\n",
                                      encoding="utf-8")
    assert main([str(corpus), "--out", str(tmp_path / "o"), "--quiet", "--by", by]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"framing.report: error: --by {by}: not a metadata column of this corpus to group "
        f"by ({listed}\n")
    assert not (tmp_path / "o").exists()


def test_unknown_by_column_exits_2_from_the_command_line(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "presse")
    res = subprocess.run([sys.executable, "-m", "framing.report", str(corpus), "--by", "rubrique",
                          "--out", str(tmp_path / "o")], capture_output=True, text=True,
                         check=False)
    assert res.returncode == EXIT_USAGE == 2
    assert res.stderr.startswith("framing.report: error: --by rubrique: not a metadata column")


def _section(md: str, number: int) -> str:
    return md.split(f"## {number}. ")[1].split("\n## ")[0]


def test_over_time_shows_wilson_intervals(bundled_report: Path) -> None:
    # was: "5/12 (42 %)" without its interval, unlike the other prevalence tables
    time = _section((bundled_report / "report.md").read_text(encoding="utf-8"), 7)
    assert "par période (mois), avec l'intervalle de confiance à 95 % de Wilson" in time
    assert "**Documents avec le cadre : k/n (part) [IC 95 %]**" in time
    assert ("| Bloc anti-occidental | 5/12 (42 %) [19 %–68 %] | 4/12 (33 %) [14 %–61 %] | "
            "2/3 (67 %) [21 %–94 %] | 2/5 (40 %) [12 %–77 %] |") in time


def test_shares_round_half_up(bundled_report: Path) -> None:
    md = (bundled_report / "report.md").read_text(encoding="utf-8")
    # 5/8 and 1/8 of the outlets' documents: were "62 %" and "12 %" beside "38 %" for 3/8
    # and "88 %" for 7/8 (round half to even)
    assert "| Bloc anti-occidental | 0/8 (0 %) [0 %–32 %] | 5/8 (63 %) [31 %–86 %] | " \
        "0/8 (0 %) [0 %–32 %] | 8/8 (100 %) [68 %–100 %] |" in md
    assert "| Souveraineté et non-ingérence | 8/8 (100 %) [68 %–100 %] | 4/8 (50 %) " \
        "[22 %–78 %] | 7/8 (88 %) [53 %–98 %] | 1/8 (13 %) [2 %–47 %] |" in md
    assert "| Euphémismes de la guerre | 4/8 (50 %) [22 %–78 %] | 2/8 (25 %) [7 %–59 %] | " \
        "0/8 (0 %) [0 %–32 %] | 3/8 (38 %) [14 %–69 %] |" in md


def test_tone_toward_actors_shows_no_interval_below_five_documents(bundled_report: Path) -> None:
    # was: "[0.10, 0.10]" for one document, the two values themselves for two
    tone = _section((bundled_report / "report.md").read_text(encoding="utf-8"), 5)
    assert "| BRICS | Agence Eurasia Info | 3 | 0,08 | — |" in tone
    assert "| Chine | Agence Eurasia Info | 7 | 0,34 | [0,21 ; 0,43] |" in tone  # was "China"
    assert ("*Les 8 acteurs les plus mentionnés ; 7 autre(s) acteur(s) ne sont pas montrés "
            "(actors.csv les donne tous). « — » : pas d'intervalle pour une moyenne sur moins de "
            "5 documents") in tone


def test_filters_and_test_caveats_are_stated_beside_their_tables(bundled_report: Path) -> None:
    md = (bundled_report / "report.md").read_text(encoding="utf-8")
    prevalence, voice = _section(md, 2), _section(md, 3)
    assert ("*Un test par cadre, p non corrigée pour le nombre de cadres. min E : le plus petit "
            "effectif attendu du tableau ; en dessous de 5, la p du χ² n'est qu'approximative "
            "(Cochran 1954) : lire p MC, la p de Monte-Carlo (10\u202f000 tableaux tirés au "
            "hasard avec les mêmes marges), qui ne demande pas de grands effectifs. Cadres "
            "concernés ici : 9 sur 9.*") in prevalence
    assert "| cadre | k/n | χ² | ddl | p | p MC | V | min E |" in prevalence
    assert ("*La correction de Holm porte sur les comparaisons deux à deux d'un même cadre "
            "(chaque cadre est une famille de tests)") in prevalence
    # 21: was 25 before the subject before a colon spoke (Dmitri Peskov's two quotations)
    assert ("*Seuls les locuteurs que la table des acteurs reconnaît (un acteur canonique) sont "
            "comptés ; 21 occurrence(s) non niée(s) dans les citations d'autres locuteurs ou de "
            "locuteurs non trouvés n'y figurent pas (hits.csv les donne toutes).*") in voice
    assert ("*Les 25 locuteurs les plus cités ; 34 autre(s) locuteur(s) (40 citation(s)) ne sont "
            "pas montrés (quotes.csv les liste tous). La ligne « — » compte les citations dont le "
            "locuteur n'a pas été trouvé.*") in voice
    html = (bundled_report / "index.html").read_text(encoding="utf-8")
    assert '<p class="note">Les 25 locuteurs les plus cités ; 34 autre(s)' in html
    # was: the uncorrected p alone, one per lemma of 371 (Holm would keep next to none)
    keyness = _section(md, 6)
    assert ("| lemme | G² | log ratio | n | n (reste) | p | q (BH) |\n|---|---|---|---|---|---|"
            "---|\n| pression | 19,91 | 5,46 | 7 | 0 | < 0,001 | 0,002 |") in keyness
    assert keyness.count("*q (BH) : ajustée sur les 371 lemmes testés pour ce groupe.*") == 4


def test_french_report_has_no_english_labels(bundled_report: Path) -> None:
    md = (bundled_report / "report.md").read_text(encoding="utf-8")
    assert "**Par période (mois)**" in md and "(month)" not in md
    assert "| document | titre | source | date | auteur | phrases | mots | tonalité |" in md
    method = _section(md, 10)
    assert method.count("Négation : une occurrence est niée quand un marqueur de négation") == 1
    assert "Negation:" not in method and "| fenêtre de négation (mots) | 10 |" in method
    # the lexicon's description, limits included, is no longer cut at 300 characters
    assert ("Limits: lexical matching only (no irony, no long-range context), negation is handled "
            "within the clause only, and the patterns were tuned on news about these summits. |"
            ) in method
    page = (bundled_report / "documents" / "00002.html").read_text(encoding="utf-8")
    assert 'title="Bloc anti-occidental — narrateur">axe des autocraties</mark>' in page
    assert "anti_western_bloc" not in page and "narrator" not in page


@pytest.mark.parametrize("by", [["--by", "source", "rubrique"],
                                ["--by", "source", "--by", "rubrique"]])
def test_crossed_groups_are_named_by_their_columns(tmp_path: Path, by: list[str]) -> None:
    # was: a second --by replaced the first, and run.json said "by": "group"
    corpus = make_corpus(tmp_path / "presse")
    (corpus / "metadata.csv").write_text(
        "file,source,date,rubrique\na1.txt,Agence Eurasia Info,3 juillet 2024,Diplomatie\n"
        "sub/a2.txt,Le Courrier Atlantique,2024-10-22,Économie\n", encoding="utf-8")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet", *by,
                 "--lang", "en", "--period", "year"]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "**By source / rubrique**\n\n| source / rubrique | documents | sentences | words |" in md
    assert "| Agence Eurasia Info / Diplomatie | 1 | 3 |" in md
    assert "**By period (year)**" in md and "| grouping (--by) | source / rubrique |" in md
    assert "By group" not in md
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["by"] == (
        "source / rubrique")


def test_documents_without_any_crossed_value_are_in_no_group(tmp_path: Path) -> None:
    # was: with two --by columns, a group " / " of its own in the keyness tables (a
    # table " /  contre le reste") and the examples, "—" in the overview, "(none)" in the
    # prevalence tables
    corpus = make_corpus(tmp_path / "presse")
    # words repeated five times (KEYNESS_MIN_FREQ): A1's in a1.txt, A2's in a3.txt, which
    # has no metadata
    (corpus / "a1.txt").write_text(A1 + A1.split("\n", 2)[2] * 4, encoding="utf-8")
    (corpus / "a3.txt").write_text(A1 + A2.split("\n", 1)[1] * 5, encoding="utf-8")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet", "--by", "source", "date"]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| (non renseigné) | 1 | 13 | 105 |" in _section(md, 1)
    prevalence = _section(md, 2)
    assert "| cadre | (non renseigné) | Agence Eurasia Info / 2024-07 |" in prevalence
    assert "Les documents sans valeur de « source / date » (groupe « (non renseigné) »)" in prevalence
    assert re.findall(r"\*\*(.*) contre le reste\*\*", _section(md, 6)) == [
        "Agence Eurasia Info / 2024-07", "Le Courrier Atlantique / 2024-10"]
    examples = _section(md, 8)
    assert "| (non renseigné) | a3.txt |" in examples and " /  |" not in examples


def test_a_crossed_group_with_a_value_missing_is_named_and_not_tested(tmp_path: Path) -> None:
    # was "Le Courrier Atlantique / " (the missing date an empty name), tested against the
    # other groups and given a keyness table, as a group of its own (a known limit)
    corpus = make_corpus(tmp_path / "presse")
    (corpus / "a4.txt").write_text(A2, encoding="utf-8")
    with (corpus / "metadata.csv").open("a", encoding="utf-8") as f:
        f.write("a4.txt,Le Courrier Atlantique,\n")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet", "--by", "source", "date"]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| Le Courrier Atlantique / (non renseigné) | 1 |" in _section(md, 1)
    prevalence = _section(md, 2)
    assert ("Les groupes croisés où manque l'une des valeurs (« … / (non renseigné) ») "
            "figurent dans les tableaux mais pas dans les tests") in prevalence
    assert "Les documents sans valeur" not in prevalence  # none lacks both values
    # the χ² test compares the two groups with both values
    assert ("| Une coopération dirigée contre personne | Agence Eurasia Info / 2024-07\u202f: "
            "1/1\u202f; Le Courrier Atlantique / 2024-10\u202f: 0/1 |") in prevalence
    assert "(non renseigné) contre le reste" not in _section(md, 6)
    documents = {r["doc_id"]: r for r in read_csv(out / "documents.csv")}
    assert (documents["a4.txt"]["source"], documents["a4.txt"]["date"]) == (
        "Le Courrier Atlantique", "")


@pytest.mark.parametrize(("period", "groups"), [
    # was a group per day whatever --period said (a new user: 32 groups of one article,
    # each χ² "32,00 … V 1,00"); a date groups by --period
    ("month", ["2024-07", "2024-10"]),
    ("year", ["2024"]),
    ("day", ["2024-07-03", "2024-10-22"]),  # guard: as before
])
def test_by_date_groups_by_the_period(tmp_path: Path, period: str, groups: list[str]) -> None:
    corpus = make_corpus(tmp_path / "presse")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet", "--by", "date", "--period",
                 period]) == EXIT_OK
    prevalence = _section((out / "report.md").read_text(encoding="utf-8"), 2)
    assert f"\n| cadre | {' | '.join(groups)} |\n" in prevalence
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (run["by"], run["period"]) == ("date", period)


def test_a_corpus_swallowed_by_by_gets_a_hint_in_the_error(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "presse")
    res = subprocess.run([sys.executable, "-m", "framing.report", "--by", "source", str(corpus)],
                         capture_output=True, text=True, check=False)
    assert (res.returncode, res.stderr) == (EXIT_USAGE, (
        "framing.report: error: the following arguments are required: corpus; --by takes "
        "every word after it: put the corpus before --by (see --help)\n"))
    # --by=source takes one word: nothing was swallowed, no hint
    res = subprocess.run([sys.executable, "-m", "framing.report", "--by=source"],
                         capture_output=True, text=True, check=False)
    assert (res.returncode, res.stderr) == (EXIT_USAGE, (
        "framing.report: error: the following arguments are required: corpus (see --help)\n"))


def test_lexicon_descriptions_are_cut_at_a_word() -> None:
    from framing.report import _shorten

    text = "Cadres de la presse française. Limites : appariement lexical seulement."
    assert _shorten(text, 100) == text
    assert _shorten(text, 40) == "Cadres de la presse française. Limites…"
    assert _shorten("anticonstitutionnellement", 10) == "anticonst…"


def test_classifier_table_gives_intervals_for_both_methods(tmp_path: Path) -> None:
    # was: "1/1 (100 %)" for the lexicon beside "… [21 %–100 %]" for the classifier
    corpus = make_corpus(tmp_path / "presse")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet", "--model", "default",
                 "--max-pages", "0"]) == EXIT_OK
    md = (out / "report.md").read_text(encoding="utf-8")
    table = md.split("**Documents avec le cadre : lexique et classifieur [IC 95 % de Wilson]**")[1]
    row = next(r for r in table.splitlines()
               if r.startswith("| Une coopération dirigée contre personne | Agence Eurasia Info"))
    assert row == ("| Une coopération dirigée contre personne | Agence Eurasia Info | "
                   "1/1 (100 %) [21 %–100 %] | 1/1 (100 %) [21 %–100 %] |")
    # the model in French words (was "FrameClassifier (9 frames, trained on 300 texts …")
    assert "Le classifieur (FrameClassifier : 9 cadres, entraîné sur 300 textes, sha256:" in md


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


NO_CHROMIUM = "no Chromium on this machine (.ci/run installs Debian's chromium)"


def _dump_dom(page: Path, profile: Path) -> str:
    """The DOM headless Chromium builds for ``page`` (after its scripts ran), serialised."""
    browser = _chromium()
    assert browser is not None
    res = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert res.returncode == 0, res.stderr[-500:]
    assert res.stdout.rstrip().endswith("</html>"), res.stderr[-500:]
    return res.stdout


@pytest.mark.skipif(_chromium() is None, reason=NO_CHROMIUM)
def test_report_renders_in_headless_chromium(bundled_report: Path, tmp_path: Path) -> None:
    dom = _dump_dom(bundled_report / "index.html", tmp_path / "profile")
    for sid in SECTIONS:
        assert f'<section id="{sid}">' in dom
    n_img = dom.count("<img ")
    assert n_img >= 6
    assert f'data-images="{n_img}/{n_img}"' in dom  # every figure loaded (and the script ran)
    assert "http://" not in dom and "https://" not in dom  # nothing from the network


# --- hostile text in every field, checked in the DOM a browser builds ------------------

#: Closes a <title> or a <textarea>, opens a script, closes an attribute to add an event
#: handler, and adds an image whose error handler runs: a field rendered without escaping
#: leaves a <script>, an on* attribute or an <img src="x"> element in the DOM.
PAYLOAD = '</title></textarea><script>__pwned=1</script>" onload="__pwned=2" \'<img src=x onerror="__pwned=3">'
#: The same in a file or folder name (which cannot hold "/").
NAME_PAYLOAD = '<img src=x onerror="__pwned=4">'
#: Elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


class _Dom(HTMLParser):
    """The elements, attributes and texts of a serialised DOM (entities decoded)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[tuple[str, dict[str, str], str]] = []  # enclosing element, its attributes
        self.scripts: list[str] = []
        self._open: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = (tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag == "script":
            self.scripts.append("")
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        tags = [t for t, _ in self._open]
        if tag in tags:
            del self._open[len(tags) - 1 - tags[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        tag, attrs = self._open[-1] if self._open else ("", {})
        if tag == "script":
            self.scripts[-1] += data
        elif data.strip():
            self.texts.append((tag, attrs, data))

    def text_in(self, *tags: str) -> list[str]:
        return [text for tag, _, text in self.texts if tag in tags]

    def links(self) -> dict[str, str]:
        return {text: attrs.get("href", "") for tag, attrs, text in self.texts if tag == "a"}

    def meta_list(self) -> dict[str, str]:
        """A document page's <dl class="meta">: each <dt> with the <dd> after it."""
        out: dict[str, str] = {}
        key = None
        for tag, _, text in self.texts:
            if tag == "dt":
                key = text
            elif tag == "dd" and key is not None:
                out[key], key = text, None
        return out


def _assert_nothing_injected(dom: _Dom, page: str, n_scripts: int) -> None:
    """No element or attribute from the payload, and nothing that loads from the network."""
    assert len(dom.scripts) == n_scripts, f"{page}: {len(dom.scripts)} <script> elements"
    assert not [s for s in dom.scripts if "__pwned" in s], f"{page}: injected script"
    for tag, attrs in dom.elements:
        handlers = [a for a in attrs if a.startswith("on")]
        assert not handlers, f"{page}: <{tag}> has an event handler {handlers}: {attrs}"
        assert tag not in ("textarea", "iframe", "object", "embed", "base", "link", "form"), (
            f"{page}: injected <{tag}> {attrs}")
        if tag == "img":
            assert attrs.get("src", "").startswith("figures/"), f"{page}: injected <img> {attrs}"
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            url = attrs.get(name, "")
            assert not re.match(r"^\s*(//|[a-z][a-z0-9+.-]*:)", url, re.IGNORECASE) or (
                url.startswith("data:")), f"{page}: <{tag} {name}={url!r}> is not a local file"
    csp = [a.get("content", "") for t, a in dom.elements
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0], f"{page}: Content-Security-Policy {csp}"


def _hostile_corpus(root: Path) -> Path:
    """Two articles with the payload in the title, byline, dateline, body, a quotation,
    the file and folder names, and metadata values (source, date, rubrique) and keys."""
    corpus = root / f"presse {NAME_PAYLOAD}"
    corpus.mkdir(parents=True)
    sommet = f"sommet {NAME_PAYLOAD}.txt"
    (corpus / sommet).write_text(
        f"Sommet d'Astana : {PAYLOAD}\n"
        f"Par {PAYLOAD}\n"
        f"Le bloc se pose en contrepoids à l'hégémonie américaine {PAYLOAD} selon les diplomates.\n"
        f"«La multipolarité {PAYLOAD} est en marche», a déclaré Sergueï Lavrov mercredi.\n",
        encoding="utf-8")
    (corpus / "kazan.txt").write_text(
        "Kazan : les BRICS cherchent une voix commune\n"
        f"Par Paul Girard, à {PAYLOAD}\n"
        "Les dirigeants dénoncent l'hégémonie américaine et saluent un monde multipolaire.\n",
        encoding="utf-8")
    with (corpus / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "source", "date", "rubrique", PAYLOAD])
        w.writerow([sommet, PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD])
        w.writerow(["kazan.txt", "Le Courrier Atlantique", "2024-10-22", "Monde", ""])
    return corpus


def _hostile_lexicon(path: Path) -> Path:
    """A lexicon with the payload in every free-text field (its name and frame ids must
    be identifiers)."""
    import yaml

    path.write_text(yaml.safe_dump({
        "name": "piege", "language": "fr", "version": PAYLOAD,
        "description": f"Lexique d'essai {PAYLOAD}", "licence": f"CC0 {PAYLOAD}",
        "frames": {"contrepoids": {
            "label": {"fr": f"Contrepoids {PAYLOAD}", "en": f"Counterweight {PAYLOAD}"},
            "description": f"Le bloc présenté comme un contrepoids {PAYLOAD}",
            "patterns": ["contrepoids ... hégémon*", "multipolari*", "multipolaire*"],
            "examples": [f"Un contrepoids à l'hégémonie américaine {PAYLOAD}."],
            "counter_examples": [f"Une simple rencontre {PAYLOAD}."],
        }},
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason=NO_CHROMIUM)
@pytest.mark.filterwarnings("ignore:constrained_layout not applied")  # figures of long labels
def test_hostile_text_in_every_field_injects_nothing_in_the_browser_dom(tmp_path: Path) -> None:
    """Markup in article text, titles, bylines, file names, metadata and lexicon strings
    shows as text in the DOM Chromium builds, never as an element or an attribute; the
    pages load nothing from the network. Fails if any field is rendered unescaped."""
    corpus = _hostile_corpus(tmp_path / "entree")
    lexicon = _hostile_lexicon(tmp_path / "lexique.yaml")
    out = tmp_path / "rapport"
    argv = [str(corpus), "--quiet", "--lexicon", str(lexicon), "--by", "source", "rubrique"]
    assert main([*argv, "--out", str(out)]) == EXIT_OK

    index = _Dom(_dump_dom(out / "index.html", tmp_path / "profile"))
    _assert_nothing_injected(index, "index.html", n_scripts=1)
    # the report's own script ran, and every figure loaded, under the Content-Security-Policy
    n_img = len([e for e in index.elements if e[0] == "img"])
    assert n_img >= 3 and index.elements[0][0] == "html"
    assert index.elements[0][1].get("data-images") == f"{n_img}/{n_img}"
    # ... and every field is there, as text
    cells = index.text_in("td", "th", "caption", "a")
    assert f"Sommet d'Astana : {PAYLOAD}" in cells  # title
    assert cells.count(PAYLOAD) >= 4  # author, source, date (documents), lexicon version
    assert f"{PAYLOAD} / {PAYLOAD}" in cells  # the groups: source / rubrique
    assert f"Contrepoids {PAYLOAD}" in cells  # frame label
    assert f"Lexique d'essai {PAYLOAD}" in cells  # lexicon description
    # keyword in context (the contexts are cut at a few dozen characters)
    assert [c for c in cells if c.strip().startswith(f"américaine {PAYLOAD[:40]}")]
    assert f"sommet {NAME_PAYLOAD}.txt" in cells  # file name (doc_id)
    assert [t for t in index.text_in("p") if f"presse {NAME_PAYLOAD}" in t]  # corpus name
    pages = index.links()
    assert pages.get(f"sommet {NAME_PAYLOAD}.txt", "").startswith("documents/")
    assert pages.get("kazan.txt", "").startswith("documents/")

    sommet = _Dom(_dump_dom(out / pages[f"sommet {NAME_PAYLOAD}.txt"], tmp_path / "profile"))
    _assert_nothing_injected(sommet, "the page of the article", n_scripts=0)
    assert sommet.text_in("title") == sommet.text_in("h1") == [f"Sommet d'Astana : {PAYLOAD}"]
    meta = sommet.meta_list()
    assert {k: meta.get(k) for k in ("doc_id", "source", "date", "auteur", "rubrique", PAYLOAD)} == {
        "doc_id": f"sommet {NAME_PAYLOAD}.txt", "source": PAYLOAD, "date": PAYLOAD,
        "auteur": PAYLOAD, "rubrique": PAYLOAD, PAYLOAD: PAYLOAD,  # a column named PAYLOAD
    }
    assert f"Contrepoids {PAYLOAD}" in sommet.text_in("span")  # legend
    assert [t for t in sommet.text_in("article") if f"américaine {PAYLOAD} selon" in t]
    assert [t for t in sommet.text_in("span") if f"{PAYLOAD} est en marche»" in t]  # quotation

    kazan = _Dom(_dump_dom(out / pages["kazan.txt"], tmp_path / "profile"))
    _assert_nothing_injected(kazan, "the page of kazan.txt", n_scripts=0)
    assert kazan.meta_list()["dateline"] == PAYLOAD

    out_en = tmp_path / "report"
    assert main([*argv, "--out", str(out_en), "--lang", "en"]) == EXIT_OK
    english = _Dom(_dump_dom(out_en / "index.html", tmp_path / "profile"))
    _assert_nothing_injected(english, "index.html (--lang en)", n_scripts=1)
    assert f"Counterweight {PAYLOAD}" in english.text_in("td", "caption")


@pytest.mark.parametrize(("sig", "jobs"), [("SIGINT", "1"), ("SIGTERM", "1"), ("SIGINT", "2")])
def test_interrupted_run_keeps_the_previous_report_and_leaves_no_partial_files(
    tmp_path: Path, sig: str, jobs: str
) -> None:
    import signal
    import time

    corpus = tmp_path / "gros"
    corpus.mkdir()
    for i in range(1500):
        (corpus / f"a{i:04d}.txt").write_text(
            f"Dépêche {i}\nPar Agence\nLe sommet numéro {i} s'ouvre à Astana. " + A1 * 3,
            encoding="utf-8")
    out = tmp_path / "rapport"
    small = make_corpus(tmp_path / "petit")
    assert main([str(small), "--out", str(out), "--quiet"]) == EXIT_OK
    before = (out / "documents.csv").read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-m", "framing.report", str(corpus), "--out", str(out), "--quiet",
         "--jobs", jobs],
        stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".rapport.tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # mid-corpus: tables are being written
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip() == "framing.report: interrupted; the previous report (if any) is unchanged"
    assert (out / "documents.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_spreadsheet_copies_are_written_and_raw_tables_keep_the_raw_value(tmp_path: Path) -> None:
    out = report_on_one_article(tmp_path, "=HYPERLINK(\"http://evil\") titre\nCorps du texte.\n")
    raw = read_csv(out / "documents.csv")[0]["title"]
    assert raw == '=HYPERLINK("http://evil") titre'
    with (out / "spreadsheet" / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        safe = next(csv.DictReader(fh))["title"]
    assert safe == "'" + raw


def test_wire_copies_are_listed_and_dropped_with_dedupe(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "presse")
    (corpus / "copie.txt").write_text("Un autre titre\nPar Agence\n" + A1.split("\n", 2)[2],
                                      encoding="utf-8")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_OK
    rows = {r["doc_id"]: r["duplicate_of"] for r in read_csv(out / "documents.csv")}
    assert rows["copie.txt"] == "a1.txt"
    out2 = tmp_path / "o2"
    assert main([str(corpus), "--out", str(out2), "--quiet", "--dedupe"]) == EXIT_SKIPPED
    assert "copie.txt" not in {r["doc_id"] for r in read_csv(out2 / "documents.csv")}
    assert "exact duplicate of a1.txt (similarity 1.00); --dedupe" in (out2 / "run.json").read_text(encoding="utf-8")


def test_dollar_signs_in_outlet_names_are_text_not_mathtext(tmp_path: Path) -> None:
    # two "$" in a label would start matplotlib's mathtext, and "$x^$" does not parse
    import matplotlib

    corpus = make_corpus(tmp_path / "presse")
    (corpus / "metadata.csv").write_text(
        "file,source,date\na1.txt,Le $ Hebdo $x^$,3 juillet 2024\n"
        "sub/a2.txt,Le Courrier Atlantique,2024-10-22\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_OK
    assert "Le $ Hebdo $x^$" in (out / "index.html").read_text(encoding="utf-8")
    assert matplotlib.rcParams["text.parse_math"] is True  # the caller's settings untouched


def test_output_folder_containing_the_corpus_is_refused_and_nothing_is_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    projet = tmp_path / "projet"
    corpus = make_corpus(projet / "presse")
    (projet / "notes.txt").write_text("Mes notes de terrain.\n", encoding="utf-8")
    assert main([str(corpus), "--out", str(projet), "--quiet"]) == EXIT_FATAL
    assert "the output folder contains the corpus" in capsys.readouterr().err
    assert sorted(p.name for p in projet.iterdir()) == ["notes.txt", "presse"]
    assert (corpus / "a1.txt").read_text(encoding="utf-8") == A1


@pytest.mark.parametrize(("option", "name", "source"), [
    ("--lexicon", "mon_lexique.yaml", "lexicons/geopolitique.yaml"),
    ("--sentiment", "mes_valences.tsv", "lexicons/sentiment_fr.tsv"),
    ("--model", "mon_modele.skops", "src/framing/models/frames_geopolitique.skops"),
])
def test_an_input_file_kept_in_the_output_folder_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, name: str, source: str
) -> None:
    # a user's lexicon, valences or model saved in an earlier report's folder: the
    # new report replaced the folder whole and deleted it (a bad-input review)
    corpus = make_corpus(tmp_path / "presse")
    out = tmp_path / "rapport"
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_OK
    kept = out / name
    kept.write_bytes((ROOT / source).read_bytes())
    assert main([str(corpus), "--out", str(out), "--quiet", option, str(kept)]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert f"the output folder holds {kept}, an input of this run" in err
    assert kept.read_bytes() == (ROOT / source).read_bytes()


def test_existing_folder_that_is_not_a_report_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "presse")
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thèse.odt").write_bytes(b"PK\x03\x04 chapitre 1")
    assert main([str(corpus), "--out", str(documents), "--quiet"]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert err.startswith(f"framing.report: error: {documents}: this folder is not empty and is not "
                          "a framing report (no run.json)")
    assert [p.name for p in documents.iterdir()] == ["thèse.odt"]
    empty = tmp_path / "vide"
    empty.mkdir()
    assert main([str(corpus), "--out", str(empty), "--quiet"]) == EXIT_OK  # an empty folder is fine
    assert main([str(corpus), "--out", str(empty), "--quiet"]) == EXIT_OK  # and so is a report
    assert (empty / "run.json").is_file()


# ---------------------------------------------------------------------------
# streaming: memory does not grow with the corpus

_SUBJECTS = ("Le ministre", "La porte-parole", "Le président du conseil régional",
             "L'ambassadeur", "La délégation", "Le gouverneur de la province",
             "Un diplomate européen", "La commission d'enquête")
_VERBS = ("a annoncé", "a rappelé", "a estimé", "a démenti", "a confirmé", "a souligné")
_OBJECTS = ("un plan de {n} millions d'euros", "la réouverture de {n} écoles",
            "un calendrier de travaux", "de nouvelles règles pour les marchés publics",
            "la hausse des tarifs de {n} %", "un accord sur la pêche côtière",
            "un programme de rénovation des ponts", "la stabilité régionale")
_TAILS = ("lors d'une réunion le {d} mars", "devant {n} journalistes", "dans un communiqué",
          "selon l'agence officielle", "après {n} heures de discussions", "")


def _templated_corpus(root: Path, n_docs: int, n_sentences: int) -> int:
    """A corpus folder of templated French dispatches; returns the bytes of text.

    The vocabulary is small (numbers below 100), so that the lemmatizer's and the
    tokenizer's caches, which grow with the vocabulary only, fill up in a few
    documents. About one sentence in eight is a quote and one in eight names a frame,
    as in the generated news of ``benchmarks/``."""
    import random

    rng = random.Random(n_docs)
    root.mkdir(parents=True)
    total = 0
    meta = ["file,source,date"]
    for k in range(n_docs):
        sentences = []
        for _ in range(n_sentences):
            s, v, o, t = (rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS),
                          rng.choice(_TAILS))
            text = f"{o} {t}".strip().format(n=rng.randrange(100), d=rng.randrange(1, 29))
            if rng.random() < 0.12:
                sentences.append(f"« Ce n'est pas {text} », {v} {s[0].lower()}{s[1:]}.")
            else:
                sentences.append(f"{s} {v} {text}.")
        paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, n_sentences, 5)]
        article = f"Dépêche n° {k}\nPar la rédaction\n" + "\n".join(paragraphs) + "\n"
        (root / f"d{k:04d}.txt").write_text(article, encoding="utf-8")
        total += len(article.encode("utf-8"))
        meta.append(f"d{k:04d}.txt,Agence {'ABCD'[k % 4]},2024-{k % 12 + 1:02d}-15")
    (root / "metadata.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return total


#: Python memory (tracemalloc) a run may add at its peak when its corpus grows from
#: 20 to 220 documents: less than a third of the text added (2.2 MB, 24,000
#: sentences). What a run keeps for the report is a few kilobytes a document at most
#: (documents table, duplicate index, the statistics' columns of hits and quotes:
#: about 0.55 MB here); keeping the raw text of every document would already take
#: more, keeping the sentence rows about 20 MB.
_STREAMING_BUDGET = 700_000


#: Run in a fresh interpreter, as a user's command would: the word-form caches start
#: empty. In the test process, tests run before may have filled them; a cache emptied
#: and refilled during the traced run counts its refill as new memory, while the
#: entries it drops were allocated before tracing started and are not subtracted.
_TRACED_RUNS = """
import gc, json, sys, tracemalloc
from pathlib import Path
from framing.corpus import read_corpus
from framing.pipeline import build_analyzer
from framing.report import ReportOptions, run_report

small, big, out = map(Path, sys.argv[1:4])
analyzer = build_analyzer()
options = ReportOptions(max_pages=2, spreadsheet=False)
# a first run loads what every run shares (lexicons, lemmatizer tables, fonts)
run_report(read_corpus(small), out / "warm", analyzer=analyzer, options=options)
peaks = []
for corpus in (small, big):
    gc.collect()  # garbage of the earlier run is not this run's
    tracemalloc.start()
    run_report(read_corpus(corpus), out / corpus.name, analyzer=analyzer, options=options)
    peaks.append(tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()
print(json.dumps(peaks))
"""


def test_a_corpus_larger_than_the_memory_budget_is_streamed_to_disk(tmp_path: Path) -> None:

    small, big = tmp_path / "small", tmp_path / "big"
    added_text = _templated_corpus(big, 220, 120) - _templated_corpus(small, 20, 120)
    assert added_text > 3 * _STREAMING_BUDGET
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-c", _TRACED_RUNS, str(small), str(big), str(out)],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    base, peak = json.loads(res.stdout.strip().splitlines()[-1])
    assert peak - base < _STREAMING_BUDGET, (
        f"peak {peak / 1e6:.2f} MB with 220 documents, {base / 1e6:.2f} MB with 20 "
        f"({added_text / 1e6:.1f} MB of text more)"
    )
    out = out / "big"  # every row on disk
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["n_documents"] == len(read_csv(out / "documents.csv")) == 220
    assert len(read_csv(out / "sentences.csv")) == run["n_sentences"] >= 220 * 120
    assert len(read_csv(out / "hits.csv")) == run["n_hits"] + run["n_negated_hits"] > 0
    assert len(read_csv(out / "quotes.csv")) > 0


def test_documents_table_is_capped_and_says_where_the_rest_is(tmp_path: Path) -> None:
    from framing.corpus import read_corpus
    from framing.report import ReportOptions, run_report

    corpus = make_corpus(tmp_path / "presse")
    (corpus / "a3.txt").write_text(A2.replace("Kazan", "Astana"), encoding="utf-8")
    for lang, note in (("fr", "Le tableau liste les 1 premiers des 3 documents ; tous figurent "
                              "dans documents.csv."),
                       ("en", "The table lists the first 1 of 3 documents; all of them are in "
                              "documents.csv.")):
        out = tmp_path / lang
        run_report(read_corpus(corpus), out,
                   options=ReportOptions(max_pages=0, max_rows=1, lang=lang))
        md = (out / "report.md").read_text(encoding="utf-8")
        listed = md.split("## 9. ")[1].split("## 10. ")[0]
        assert note in listed
        assert [ln.split(" | ")[0] for ln in listed.splitlines() if ln.startswith("| ")][1:] == [
            "| a1.txt"]
        assert len(read_csv(out / "documents.csv")) == 3


def test_lemma_counts_by_group_add_up_like_counters(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections import Counter

    import framing.report as report

    docs = [
        (("Agence Eurasia Info",), {"contrepoids": 2, "hégémonie": 1, "bloc": 1}),
        (("Le Courrier Atlantique",), {"bloc": 3, "alliance": 1}),
        (("Agence Eurasia Info",), {"hégémonie": 2, "coopération": 1}),
        (("Agence Eurasia Info",), {"contrepoids": 1}),
        (("",), {"sécurité": 1}),
    ]
    for merge_every in (report._LEMMA_MERGE_MIN, 2):  # buffered, then merged every 2 pairs
        monkeypatch.setattr(report, "_LEMMA_MERGE_MIN", merge_every)
        counts = report._LemmaCounts()
        for key, c in docs:
            counts.update(key, c)
        by_name = counts.by_name()
        assert sorted(by_name) == ["(none)", "Agence Eurasia Info", "Le Courrier Atlantique"]
        assert by_name["Agence Eurasia Info"] == {"contrepoids": 3, "hégémonie": 3, "bloc": 1,
                                                  "coopération": 1}
        assert by_name["Le Courrier Atlantique"] == Counter({"bloc": 3, "alliance": 1})
        assert by_name["(none)"] == {"sécurité": 1}


def test_columns_keep_hit_rows_compactly_and_give_them_back() -> None:
    import framing.report as report

    hits = report._Columns(("doc_id", "frame", "sent_id", "negated"), shared=("frame",))
    hits.extend([{"doc_id": "a.txt", "frame": "counterweight_to_us_hegemony", "sent_id": 1,
                  "negated": False},
                 {"doc_id": "a.txt", "frame": "counterweight_to_us_hegemony", "sent_id": 2,
                  "negated": False},
                 {"doc_id": "a.txt", "frame": "cooperation_not_against_anyone", "sent_id": 300,
                  "negated": True}])
    hits.extend([])
    hits.extend([{"doc_id": "b.txt", "frame": "counterweight_to_us_hegemony", "sent_id": 2**40,
                  "negated": False}])
    data = hits.data
    assert (data["sent_id"]._data.typecode, data["frame"]._values) == (
        "q", ["counterweight_to_us_hegemony", "cooperation_not_against_anyone"])
    assert hits.frame().to_dict("list") == {
        "doc_id": ["a.txt", "a.txt", "a.txt", "b.txt"],
        "frame": ["counterweight_to_us_hegemony", "counterweight_to_us_hegemony",
                  "cooperation_not_against_anyone", "counterweight_to_us_hegemony"],
        "sent_id": [1, 2, 300, 2**40], "negated": [False, False, True, False],
    }


def test_columns_of_text_keep_more_than_256_distinct_values() -> None:
    import framing.report as report

    quotes = report._Columns(("doc_id", "speaker"), shared=("speaker",))
    rows = [{"doc_id": f"depeche_{i:03d}.txt", "speaker": f"porte-parole {i % 290}"}
            for i in range(600)]
    quotes.extend(rows[:1])
    quotes.extend(rows[1:400])  # past 255 codes within one step: the codes widen
    quotes.extend(rows[400:])
    assert [quotes.data[c]._data.typecode for c in ("doc_id", "speaker")] == ["H", "H"]
    assert len(quotes.data["speaker"]._values) == 290  # each distinct speaker once
    assert quotes.frame().to_dict("records") == rows


_CELLS = st.one_of(st.integers(-(2**70), 2**70), st.floats(allow_nan=False), st.booleans(),
                   st.sampled_from(["Le Monde", "RIA Novosti", ""]), st.text(max_size=2),
                   st.none())


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.lists(st.tuples(_CELLS, _CELLS), max_size=25),
                 st.lists(st.tuples(st.integers(-(2**70), 2**70),
                                    st.sampled_from(["Le Monde", "RIA Novosti"])), max_size=25)),
       st.integers(1, 6), st.booleans())
def test_columns_give_back_any_rows_as_a_dataframe_would(
    rows: list[tuple[object, object]], chunk: int, shared: bool
) -> None:
    import pandas as pd

    import framing.report as report

    dict_rows = [{"a": a, "b": b} for a, b in rows]
    cols = report._Columns(("a", "b"), shared=("a",) if shared else ())
    for i in range(0, len(dict_rows), chunk):
        cols.extend(dict_rows[i : i + chunk])
    got = cols.frame()
    expected = pd.DataFrame(dict_rows if rows else [], columns=["a", "b"])
    pd.testing.assert_frame_equal(got, expected)
    for c in ("a", "b"):  # True stays True, not 1
        assert [type(v) for v in got[c].tolist()] == [type(v) for v in expected[c].tolist()]


def test_a_corpus_behind_a_url_gives_the_same_tables(
    bundled_corpus: Path, bundled_report: Path, tmp_path: Path
) -> None:
    """Object storage through fsspec (here its in-memory filesystem): the same report."""

    fsspec = pytest.importorskip("fsspec", reason='fsspec is not installed (pip install fsspec)')
    fs = fsspec.filesystem("memory")
    for p in bundled_corpus.rglob("*"):
        if p.is_file():
            fs.pipe_file(f"/report-url/corpus/{p.relative_to(bundled_corpus).as_posix()}",
                         p.read_bytes())
    try:
        out = tmp_path / "remote"
        assert main(["memory://report-url/corpus", "--out", str(out), "--quiet"]) == EXIT_OK
    finally:
        fs.rm("/report-url", recursive=True)
    for name in ("documents.csv", "sentences.csv", "quotes.csv", "hits.csv", "frames.csv"):
        assert (out / name).read_bytes() == (bundled_report / name).read_bytes(), name
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["corpus"] == "memory://report-url/corpus"


def test_garbage_collector_thresholds_are_the_callers_again_after_a_run(
    tmp_path: Path,
) -> None:
    import gc

    from framing.corpus import read_corpus
    from framing.errors import InputError
    from framing.report import GC_YOUNG_THRESHOLD, _fewer_collections, run_report

    before = gc.get_threshold()
    with _fewer_collections():
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, *before[1:])
    corpus = make_corpus(tmp_path / "presse")
    run_report(read_corpus(corpus), tmp_path / "out")
    assert gc.get_threshold() == before
    with pytest.raises(InputError, match="illisible"), _fewer_collections():
        raise InputError("illisible.txt: not UTF-8")  # a failure inside the block
    assert gc.get_threshold() == before


def test_run_json_says_whether_the_tokenizer_loop_was_compiled(run: tuple[Path, Path]) -> None:
    import os

    from framing.tokenizer import SPEEDUPS

    _, out = run
    recorded = json.loads((out / "run.json").read_text(encoding="utf-8"))["compiled_tokenizer"]
    assert recorded is SPEEDUPS
    if os.environ.get("CI") == "true":  # .ci/run's install compiles the extension
        assert recorded is True


def test_examples_are_kept_for_the_first_groups_only_whatever_their_number(
        tmp_path: Path) -> None:
    # was: up to 6 examples kept for every group of every frame (--by author on a press
    # database: thousands of groups); only the 6 first group names can be shown
    from framing.output import StagedOutput
    from framing.report import ReportOptions, _Collector

    outlets = ["Ouest-Matin", "Agence Eurasia Info", "Zénith Hebdo", "Le Courrier Atlantique",
               "Horizons Sud", "Dépêches Internationales", "Bulletin du Steppe", "Midi Libre",
               "Courrier de l'Est"]
    with StagedOutput(tmp_path / "o") as staged:
        col = _Collector(staged, ReportOptions(), False)
        for i, outlet in enumerate(outlets):
            for k in range(2):
                col._keep_example({"doc_id": f"{i}-{k}.txt", "frame": "contrepoids",
                                   "matched": "contrepoids à l'hégémonie américaine"}, outlet)
        kept = col.examples["contrepoids"]
    assert sorted(kept) == ["Agence Eurasia Info", "Bulletin du Steppe", "Courrier de l'Est",
                            "Dépêches Internationales", "Horizons Sud", "Le Courrier Atlantique"]
    assert [e["doc_id"] for e in kept["Horizons Sud"]] == ["4-0.txt", "4-1.txt"]


def test_a_model_trained_on_documents_is_flagged_when_the_report_labels_sentences(
        tmp_path: Path) -> None:
    # was: silent; the thresholds of a document model do not fit single sentences
    from framing.classify import FrameClassifier
    from framing.corpus import read_corpus
    from framing.pipeline import build_analyzer
    from framing.report import run_report

    texts = ["Le bloc se présente comme un contrepoids à l'hégémonie américaine. Pékin "
             "salue un monde multipolaire.",
             "Moscou parle d'opération militaire spéciale. Kiev dénonce une invasion.",
             "Les deux pays signent un partenariat stratégique. Le commerce progresse."] * 4
    labels = [["contrepoids"], ["guerre"], ["partenariat"]] * 4
    model = FrameClassifier(unit="document", lexicon=None, char_ngram_range=None,
                            cv=2).fit(texts, labels)
    analyzer = build_analyzer(model=model)
    with pytest.warns(UserWarning, match="presse, labelled by --model: these texts are "
                                         "sentences but the model was trained on documents"):
        run_report(read_corpus(make_corpus(tmp_path / "presse")), tmp_path / "o",
                   analyzer=analyzer)


def test_warnings_shown_on_stderr_are_kept_in_run_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: run.json listed only the documents analysed with a warning; this one,
    # printed on stderr, was lost with the terminal
    corpus = make_corpus(tmp_path / "presse")
    with (corpus / "metadata.csv").open("a", encoding="utf-8") as fh:
        fh.write("a3.txt,Horizons Sud,2024-07-05\n")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet"]) == EXIT_OK
    message = (f"{corpus / 'metadata.csv'}: 1 row(s) name no article file (first: line 4, "
               "'a3.txt'); the 'file' column holds paths relative to the corpus folder, such "
               "as outlet/article.txt")
    assert f"framing.report: warning: {message}\n" in capsys.readouterr().err
    noted = json.loads((out / "run.json").read_text(encoding="utf-8"))["warnings"]
    assert noted[0] == {"doc_id": "", "warning": message}


def test_warnings_from_before_the_analysis_are_kept_in_run_json_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # was: a warning of model loading (before run_report) printed, not kept
    monkeypatch.setattr("framing.classify.__version__", "9.9")
    corpus = make_corpus(tmp_path / "presse")
    out = tmp_path / "o"
    assert main([str(corpus), "--out", str(out), "--quiet", "--model", "default",
                 "--max-pages", "0"]) == EXIT_OK
    noted = [w["warning"] for w in
             json.loads((out / "run.json").read_text(encoding="utf-8"))["warnings"]]
    assert any(w.endswith(": written by framing 0.1.0, this is framing 9.9; predictions may "
                          "differ") for w in noted), noted


def test_a_ctrl_c_while_python_shuts_down_after_the_report_changes_nothing() -> None:
    # a late Ctrl-C (the report written, the summary printed) ended the finished run
    # with exit status 130 or a KeyboardInterrupt traceback (a bad-input review)
    script = ("import atexit, os, signal, time\n"
              "atexit.register(lambda: (os.kill(os.getpid(), signal.SIGINT), time.sleep(0.1)))\n"
              "from framing.report import _exit\n"
              "_exit(3)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stderr) == (EXIT_SKIPPED, "")
