"""Atomic output: staged folders and atomic text files."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.output import StagedOutput, write_text_atomic


def test_staged_output_replaces_the_folder_only_on_success(tmp_path: Path) -> None:
    dest = tmp_path / "rapport"
    with StagedOutput(dest) as st:
        t = st.table("a.csv", ["doc_id", "negated", "score"])
        t.write({"doc_id": "d1", "negated": True, "score": 0.5})
    assert (dest / "a.csv").read_text(encoding="utf-8") == "doc_id,negated,score\nd1,True,0.5000\n"
    def interrupted_run() -> None:
        with StagedOutput(dest) as st:
            st.table("a.csv", ["doc_id"]).write({"doc_id": "d2"})
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        interrupted_run()
    assert (dest / "a.csv").read_text(encoding="utf-8").endswith("d1,True,0.5000\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport"]


def test_write_text_atomic_leaves_no_temporary_file(tmp_path: Path) -> None:
    p = tmp_path / "x" / "note.txt"
    write_text_atomic(p, "é\n")
    assert p.read_text(encoding="utf-8") == "é\n"
    assert [q.name for q in p.parent.iterdir()] == ["note.txt"]


def test_outputs_get_ordinary_permissions_not_private_ones(tmp_path: Path) -> None:
    import os
    import stat

    mask = os.umask(0o022)
    try:
        p = tmp_path / "note.txt"
        write_text_atomic(p, "x")
        with StagedOutput(tmp_path / "r") as st:
            st.table("a.csv", ["x"])
    finally:
        os.umask(mask)
    assert stat.S_IMODE(p.stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "r").stat().st_mode) == 0o755


def test_spreadsheet_copies_neutralise_formulas_and_keep_numbers(tmp_path: Path) -> None:
    from framing.output import spreadsheet_copy, spreadsheet_safe

    assert [spreadsheet_safe(v) for v in ("=1+1", "+33 1 40", "-Non, dit-il", "@SUM(A1)",
                                          "\tx", "-0.25", "Le sommet")] == [
        "'=1+1", "'+33 1 40", "'-Non, dit-il", "'@SUM(A1)", "'\tx", "-0.25", "Le sommet"]
    src = tmp_path / "a.csv"
    src.write_text('doc_id,text\nd1,"=HYPERLINK(""http://x"")"\n', encoding="utf-8")
    spreadsheet_copy(src, tmp_path / "s" / "a.csv")
    data = (tmp_path / "s" / "a.csv").read_bytes()
    assert data == b'\xef\xbb\xbfdoc_id,text\r\nd1,"\'=HYPERLINK(""http://x"")"\r\n'


def test_rows_formatted_elsewhere_are_written_byte_for_byte_as_rows(tmp_path: Path) -> None:
    from framing.output import CsvTable, format_rows

    columns = ("doc_id", "sent_id", "sentiment", "negated", "text")
    rows = [
        {"doc_id": "a.txt", "sent_id": 0, "sentiment": -0.45881, "negated": True,
         "text": "« Nous ne créons aucun bloc », a-t-il dit."},
        {"doc_id": "a.txt", "sent_id": 1, "sentiment": 0.25, "negated": False,
         "text": 'Un "contrepoids",\nselon elle', "ignored": "x"},
        {"doc_id": "b.txt", "sent_id": 2},  # missing cells are empty
    ]
    direct = CsvTable(tmp_path / "direct.csv", columns)
    direct.write_many(rows)
    direct.close()
    lines = format_rows(columns, rows)
    assert lines == (
        'a.txt,0,-0.4588,True,"« Nous ne créons aucun bloc », a-t-il dit."\n'
        'a.txt,1,0.2500,False,"Un ""contrepoids"",\nselon elle"\n'
        "b.txt,2,,,\n"
    )
    copied = CsvTable(tmp_path / "copied.csv", columns)
    copied.write_formatted(lines, 3)
    copied.close()
    assert (tmp_path / "copied.csv").read_bytes() == (tmp_path / "direct.csv").read_bytes()
    assert (copied.n_rows, direct.n_rows) == (3, 3)
