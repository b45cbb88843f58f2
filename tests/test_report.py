"""``python -m framing.report``: outputs in the contract's shape, exit codes, errors."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from framing.report import EXIT_FATAL, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, main

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
    for name in ("documents.csv", "sentences.csv"):
        assert (out / name).read_bytes() == (out2 / name).read_bytes()


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


def test_article_text_is_escaped_in_html(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "x.txt").write_text("<script>alert(1)</script> titre\nCorps « <b>gras</b> ».\n", encoding="utf-8")
    out = tmp_path / "o"
    assert main([str(root), "--out", str(out), "--quiet"]) == EXIT_OK
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
    for name in ("documents.csv", "sentences.csv"):
        assert (out / name).read_bytes() == (out2 / name).read_bytes()


def test_bad_jobs_value_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["corpus", "--jobs", "deux"])
    assert exc.value.code == EXIT_USAGE
    assert "--jobs takes a whole number, not 'deux'" in capsys.readouterr().err
