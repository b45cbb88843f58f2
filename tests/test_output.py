"""Atomic output: staged folders and atomic text files."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import InputError
from framing.output import StagedOutput, check_output, write_output, write_text_atomic


def test_check_output_refuses_folders_inputs_and_files_inside_input_folders(
        tmp_path: Path) -> None:
    corpus = tmp_path / "presse"
    corpus.mkdir()
    data = tmp_path / "textes.csv"
    data.write_text("id,text\n1,Le sommet s'ouvre.\n", encoding="utf-8")
    (tmp_path / "lien.csv").symlink_to(data)
    cases = {
        corpus: f"{corpus}: this is a folder, not a file; give a file name",
        data / "p.csv": f"{data / 'p.csv'}: {data} is a file, not a folder; give another path",
        tmp_path / "lien.csv": f"{tmp_path / 'lien.csv'}: this is the input file {data}; "
                               "inputs are never overwritten, choose another --out",
        corpus / "p.csv": f"{corpus / 'p.csv'}: this is inside the input folder {corpus}; "
                          "inputs are never written to, choose another --out",
    }
    for out, message in cases.items():
        with pytest.raises(InputError) as err:
            check_output(out, [data, corpus, None, "geopolitique"])
        assert str(err.value) == message
    check_output(tmp_path / "sorties" / "p.csv", [data, corpus])  # created when written
    write_output(tmp_path / "sorties" / "p.csv", "id,labels\n1,economie\n")
    assert (tmp_path / "sorties" / "p.csv").read_text(encoding="utf-8") == "id,labels\n1,economie\n"
    assert data.read_text(encoding="utf-8") == "id,text\n1,Le sommet s'ouvre.\n"


def test_a_table_that_cannot_be_flushed_leaves_no_staging_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # was: the failing close skipped the clean-up: a full disk kept the partial report
    from framing.output import CsvTable

    real_close = CsvTable.close

    def full(self: CsvTable) -> None:
        real_close(self)
        raise OSError(28, "No space left on device")

    def run(failing_body: bool) -> None:
        with StagedOutput(tmp_path / "rapport") as st:
            st.table("hits.csv", ["doc_id"]).write({"doc_id": "d1"})
            if failing_body:
                raise OSError(28, "No space left on device")

    for failing_body in (False, True):
        monkeypatch.setattr(CsvTable, "close", full)
        with pytest.raises(OSError, match="No space left on device"):
            run(failing_body)
        monkeypatch.setattr(CsvTable, "close", real_close)
        assert sorted(x.name for x in tmp_path.iterdir()) == []


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


def test_the_staging_folder_of_a_killed_run_is_removed_by_the_next_run(tmp_path: Path) -> None:
    # a run killed with SIGKILL left .rapport.tmp-… (13 MB) forever (a bad-input review)
    import socket
    import subprocess
    import sys

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its process is gone
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        host = socket.gethostname()
        for name in (".rapport.tmp-tue", ".rapport.tmp-vit", ".rapport.tmp-autre",
                     ".rapport.tmp-ailleurs"):
            (tmp_path / name).mkdir()
        (tmp_path / ".rapport.tmp-tue" / ".framing-owner").write_text(f"{host} {dead.pid}")
        (tmp_path / ".rapport.tmp-vit" / ".framing-owner").write_text(f"{host} {alive.pid}")
        # a run on another machine sharing the folder: its pid means nothing here
        (tmp_path / ".rapport.tmp-ailleurs" / ".framing-owner").write_text(
            f"autre-machine {dead.pid}")
        with StagedOutput(tmp_path / "rapport") as st:
            st.table("a.csv", ["doc_id"]).write({"doc_id": "d1"})
            assert st.files() == ("a.csv",)
    finally:
        alive.kill()
        alive.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".rapport.tmp-ailleurs", ".rapport.tmp-autre", ".rapport.tmp-vit", "rapport"]
    assert sorted(p.name for p in (tmp_path / "rapport").iterdir()) == ["a.csv"]


def test_the_leftovers_of_a_run_killed_in_its_swap_are_removed_by_the_next_run(
    tmp_path: Path,
) -> None:
    # killed between its two renames: the previous report in .rapport.old-…, the new one
    # in .rapport.tmp-…; the .old-… folder stayed forever (an earlier session's known
    # limit). Both carry the killed run's owner file; folders without one are not
    # framing's, however old (a first fix removed them: a code review)
    import os
    import socket
    import subprocess
    import sys
    import time

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    owner = f"{socket.gethostname()} {dead.pid}"
    for name in (".rapport.old-k1", ".rapport.tmp-k2", ".rapport.old-sauvegarde",
                 ".rapport.tmp-autre"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "run.json").write_text("{}")
    (tmp_path / ".rapport.old-k1" / ".framing-owner").write_text(owner)
    (tmp_path / ".rapport.tmp-k2" / ".framing-owner").write_text(owner)
    an_hour_ago = time.time() - 3600
    for name in (".rapport.old-sauvegarde", ".rapport.tmp-autre"):
        os.utime(tmp_path / name, (an_hour_ago, an_hour_ago))
    with StagedOutput(tmp_path / "rapport") as st:
        st.table("a.csv", ["doc_id"]).write({"doc_id": "d1"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".rapport.old-sauvegarde", ".rapport.tmp-autre", "rapport"]
    assert sorted(p.name for p in (tmp_path / "rapport").iterdir()) == ["a.csv"]
    # the report replaced by a run keeps no owner file of the swap
    with StagedOutput(tmp_path / "rapport") as st:
        st.table("b.csv", ["doc_id"]).write({"doc_id": "d2"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".rapport.old-sauvegarde", ".rapport.tmp-autre", "rapport"]
    assert sorted(p.name for p in (tmp_path / "rapport").iterdir()) == ["b.csv"]


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


def test_a_spreadsheet_copy_takes_a_sentence_longer_than_the_csv_default(tmp_path: Path) -> None:
    # a 150 KB article without a full stop is one sentence: the copy failed with
    # "field larger than field limit (131072)" and the whole report was lost
    import csv

    from framing.output import spreadsheet_copy

    previous = csv.field_size_limit(131_072)  # the csv module's default, as in a new process
    try:
        src = tmp_path / "sentences.csv"
        src.write_text("doc_id,text\nd1," + "mot " * 40_000 + "\n", encoding="utf-8")
        spreadsheet_copy(src, tmp_path / "s.csv")
    finally:
        csv.field_size_limit(max(previous, csv.field_size_limit()))
    rows = (tmp_path / "s.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    assert (rows[0], rows[1][:11], len(rows[1])) == ("doc_id,text", "d1,mot mot ", 160_003)


def test_spreadsheet_copies_check_every_cell_of_every_row(tmp_path: Path) -> None:
    from framing.output import spreadsheet_copy

    src = tmp_path / "q.csv"
    src.write_text(
        "doc_id,sentiment,speaker,text\n"
        "d1,-0.25,Vladimir Poutine,La coopération n'est dirigée contre personne\n"
        "d2,0.5,@kremlin,-Nous ne créons aucun bloc\n"
        'd3,-0.1,"Xi\x00=Jinping","Un contrepoids, dit-il"\n',
        encoding="utf-8")
    spreadsheet_copy(src, tmp_path / "s.csv")
    assert (tmp_path / "s.csv").read_bytes().decode("utf-8-sig").split("\r\n") == [
        "doc_id,sentiment,speaker,text",
        "d1,-0.25,Vladimir Poutine,La coopération n'est dirigée contre personne",
        "d2,0.5,'@kremlin,'-Nous ne créons aucun bloc",
        'd3,-0.1,Xi\x00=Jinping,"Un contrepoids, dit-il"',
        "",
    ]


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


# --- the compiled formatter (framing._speedups.format_rows) -------------------------


def test_the_compiled_formatter_writes_the_csv_modules_lines(speedups: ModuleType) -> None:
    from framing.output import _format_rows_python

    fmt = speedups.format_rows
    columns = ("doc_id", "n", "score", "negated", "text")
    rows = [
        {"doc_id": "a.txt", "n": 12, "score": -0.45881, "negated": True,
         "text": "« Nous ne créons aucun bloc », a-t-il dit."},
        {"doc_id": "b.txt", "n": -3, "score": float("nan"), "negated": False,
         "text": 'Un "contrepoids",\nselon elle'},
        {"doc_id": "c.txt", "n": 10**20, "score": 2.00005, "negated": None, "text": ""},
        {"doc_id": "d.txt", "text": "Astana\nPékin"},
    ]
    lines = fmt(columns, rows)
    assert lines == (
        'a.txt,12,-0.4588,True,"« Nous ne créons aucun bloc », a-t-il dit."\n'
        'b.txt,-3,nan,False,"Un ""contrepoids"",\nselon elle"\n'
        "c.txt,100000000000000000000,2.0000,,\n"
        'd.txt,,,,"Astana\nPékin"\n'
    )
    assert lines == _format_rows_python(columns, rows)
    assert fmt(columns, []) == ""


def test_the_compiled_formatter_leaves_what_it_does_not_format_to_csv(
    speedups: ModuleType,
) -> None:
    from collections import OrderedDict

    import numpy as np

    from framing.output import format_rows

    fmt = speedups.format_rows
    columns = ("doc_id", "text")
    carriage = [{"doc_id": "a.txt", "text": "ligne\rsuite"}]
    assert fmt(columns, carriage) is None
    assert format_rows(columns, carriage) == "a.txt,ligne\rsuite\n"  # as csv writes it
    assert fmt(columns, [OrderedDict(doc_id="a.txt")]) is None
    assert fmt(columns, [{"doc_id": np.int64(3)}]) is None
    assert format_rows(columns, [{"doc_id": np.int64(3)}]) == "3,\n"
    assert fmt(columns, [{"doc_id": np.float64(0.25)}]) is None  # a float subclass
    assert format_rows(columns, [{"doc_id": np.float64(0.25)}]) == "0.2500,\n"
    assert fmt(("doc_id",), [{"doc_id": ""}]) is None
    assert format_rows(("doc_id",), [{"doc_id": ""}]) == '""\n'  # csv quotes a lone empty cell
    with pytest.raises(TypeError, match="argument 1 must be tuple, not list"):
        fmt(["doc_id", "text"], [])


_CELLS = st.one_of(
    st.text(alphabet=st.sampled_from(list('ab é,"\n\r\x00 «»;\'')) | st.characters()),
    st.integers(), st.floats(), st.booleans(), st.none())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["doc_id", "text", "score", "x"]), _CELLS),
                max_size=5))
def test_format_rows_gives_the_csv_modules_lines_on_any_rows(
    speedups: ModuleType, rows: list[dict[str, Any]]
) -> None:
    from framing.output import _format_rows_python, format_rows

    columns = ("doc_id", "text", "score")
    assert format_rows(columns, rows) == _format_rows_python(columns, rows)
