"""Corpus readers: folders in the agency layout, metadata, front matter, tables, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing.corpus import Document, Skipped, normalize_date, read_corpus
from framing.errors import InputError

ARTICLE = (
    "Pékin et Moscou s’affichent unis au sommet de l’OCS\n"
    "Par Claire Vasseur avec agences\n"
    "Les deux dirigeants se sont retrouvés mercredi à Astana.\n"
    "«Notre amitié est solide», a déclaré le président chinois.\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "presse"
    write(root / "a.txt", ARTICLE)
    write(
        root / "moscou" / "b.txt",
        "Le Kremlin salue un partenariat «sans limites»\n"
        "Par Julien Marchetti et Anne Lefort, à Moscou\n\n"
        "Le porte-parole du Kremlin a salué la rencontre.\n\n"
        "Il a parlé d’une coopération fructueuse.\n",
    )
    write(root / "c.md", "# Un sommet sans signature\n\nAucune déclaration commune n’a été adoptée.\n")
    return root


def test_agency_layout_title_is_exact_with_typographic_apostrophes(folder: Path) -> None:
    doc = next(d for d in read_corpus(folder) if d.doc_id == "a.txt")
    assert doc.title == "Pékin et Moscou s’affichent unis au sommet de l’OCS"


def test_byline_becomes_author_and_leaves_the_text(folder: Path) -> None:
    doc = next(d for d in read_corpus(folder) if d.doc_id == "a.txt")
    assert doc.author == "Claire Vasseur avec agences"
    assert "Par Claire" not in doc.text
    assert doc.text == (
        "Pékin et Moscou s’affichent unis au sommet de l’OCS\n\n"
        "Les deux dirigeants se sont retrouvés mercredi à Astana.\n"
        "«Notre amitié est solide», a déclaré le président chinois."
    )


def test_byline_with_two_authors_and_a_dateline(folder: Path) -> None:
    doc = next(d for d in read_corpus(folder) if d.doc_id == "moscou/b.txt")
    assert doc.author == "Julien Marchetti et Anne Lefort"
    assert doc.meta["dateline"] == "Moscou"


def test_files_in_subfolders_and_markdown_are_read_in_path_order(folder: Path) -> None:
    assert [d.doc_id for d in read_corpus(folder)] == ["a.txt", "c.md", "moscou/b.txt"]


def test_markdown_title_loses_its_hash_and_no_byline_means_no_author(folder: Path) -> None:
    doc = next(d for d in read_corpus(folder) if d.doc_id == "c.md")
    assert doc.title == "Un sommet sans signature"
    assert doc.author == ""
    assert doc.text == "Un sommet sans signature\n\nAucune déclaration commune n’a été adoptée."


def test_a_long_sentence_starting_with_par_is_body_not_byline(tmp_path: Path) -> None:
    write(tmp_path / "x.txt", "Titre\nPar ailleurs, le sommet a adopté une déclaration commune.\n")
    doc = next(iter(read_corpus(tmp_path)))
    assert doc.author == ""
    assert doc.text.endswith("Par ailleurs, le sommet a adopté une déclaration commune.")


def test_windows_and_old_mac_newlines_are_normalised(tmp_path: Path) -> None:
    write(tmp_path / "w.txt", "Titre\r\nPar A\r\nLigne un.\r\nLigne deux.\r")
    write(tmp_path / "m.txt", "Titre\rLigne un.\rLigne deux.")
    docs = {d.doc_id: d for d in read_corpus(tmp_path)}
    assert docs["w.txt"].text == "Titre\n\nLigne un.\nLigne deux."
    assert docs["m.txt"].text == "Titre\n\nLigne un.\nLigne deux."


def test_metadata_csv_gives_source_date_and_other_columns(folder: Path) -> None:
    write(
        folder / "metadata.csv",
        "file,source,date,section\n"
        "a.txt,Le Courrier Atlantique,3 juillet 2024,International\n"
        "moscou/b.txt,Agence Eurasia Info,2024-07-04,Diplomatie\n",
    )
    docs = {d.doc_id: d for d in read_corpus(folder)}
    assert (docs["a.txt"].source, docs["a.txt"].date) == ("Le Courrier Atlantique", "2024-07-03")
    assert docs["a.txt"].meta["section"] == "International"
    assert docs["a.txt"].meta["date_raw"] == "3 juillet 2024"
    assert docs["moscou/b.txt"].get("section") == "Diplomatie"
    assert docs["c.md"].source == ""


def test_front_matter_overrides_metadata_csv(folder: Path) -> None:
    write(folder / "metadata.csv", "file,source,date\nd.txt,Agence A,2024-01-01\n")
    write(
        folder / "d.txt",
        "---\nsource: Horizons Sud\ndate: 22/10/2024\n---\nBRICS à Kazan\nPar Léa Kouassi\nLe sommet s’ouvre.\n",
    )
    doc = next(d for d in read_corpus(folder) if d.doc_id == "d.txt")
    assert (doc.source, doc.date, doc.title, doc.author) == (
        "Horizons Sud", "2024-10-22", "BRICS à Kazan", "Léa Kouassi"
    )


def test_metadata_csv_without_file_column_is_a_clear_error(folder: Path) -> None:
    write(folder / "metadata.csv", "fichier,source\na.txt,X\n")
    with pytest.raises(InputError, match=r"metadata.csv:1: metadata.csv needs a 'file' column"):
        list(read_corpus(folder))


def test_two_different_metadata_rows_for_one_file_are_refused(folder: Path) -> None:
    # the last row won silently: the outlet of a.txt depended on the row order
    write(folder / "metadata.csv", "file,source\na.txt,Le Monde\nc.md,Libération\n"
                                   "a.txt,Le Figaro\n")
    with pytest.raises(InputError, match=r"metadata.csv:4: a second row for 'a.txt' \(the "
                                         r"first is on line 2\), with other values; keep one"):
        list(read_corpus(folder))
    write(folder / "metadata.csv", "file,source\na.txt,Le Monde\na.txt,Le Monde\n")
    assert {d.doc_id: d.source for d in read_corpus(folder)}["a.txt"] == "Le Monde"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("3 juillet 2024", "2024-07-03"),
        ("mercredi 1er juillet 2024", "2024-07-01"),
        ("22/02/2022", "2022-02-22"),
        ("22.02.2022", "2022-02-22"),
        ("2024-10-22T09:30:00Z", "2024-10-22"),
        ("15 août 2025", "2025-08-15"),
        ("October 22, 2024", "2024-10-22"),
        ("hier soir", "hier soir"),
        ("31/02/2024", "31/02/2024"),
    ],
)
def test_dates_are_normalised_when_they_can_be_parsed(raw: str, iso: str) -> None:
    assert normalize_date(raw) == iso


def test_hidden_files_backups_and_readme_are_not_articles(folder: Path) -> None:
    write(folder / ".brouillon.txt", "caché\ncaché")
    write(folder / "a.txt~", "sauvegarde\nx")
    write(folder / ".git" / "x.txt", "git\nx")
    write(folder / "README.md", "# Ce corpus\n\nexplications")
    assert [d.doc_id for d in read_corpus(folder)] == ["a.txt", "c.md", "moscou/b.txt"]


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read from now on (``Path.read_bytes`` calls), in order."""
    reads: list[str] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return reads


def test_reading_is_lazy_one_document_at_a_time(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    it = iter(read_corpus(folder))
    first = next(it)
    assert first.doc_id == "a.txt"
    assert reads == ["a.txt"]


# --- encodings and bad files -------------------------------------------------------


def test_cp1252_and_utf8_bom_and_utf16_are_decoded(tmp_path: Path) -> None:
    write(tmp_path / "cp.txt", "Sommet à Pékin\nLe ministre a salué l’accord.", "cp1252")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Été\nTexte réel.".encode())
    write(tmp_path / "u16.txt", "\ufeffDéclaration\nTexte réel.", "utf-16-le")
    docs = {d.doc_id: d for d in read_corpus(tmp_path)}
    assert docs["cp.txt"].text == "Sommet à Pékin\n\nLe ministre a salué l’accord."
    assert docs["bom.txt"].title == "Été"
    assert docs["u16.txt"].title == "Déclaration"


def test_binary_and_empty_files_are_skipped_with_reasons_and_the_rest_is_read(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", ARTICLE)
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "vide.txt").write_bytes(b"  \n\n ")
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["ok.txt"]
    assert [str(s) for s in corpus.skipped] == [
        "image.txt: this is a PNG image, not text",
        "scan.txt: this is a PDF file, not text",
        "vide.txt: empty file (no text)",
    ]


def test_unreadable_file_is_skipped_with_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE)
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["a.txt"]
    assert corpus.skipped == (Skipped("b.txt", "permission denied; make the file readable (chmod +r)"),)


def _deny_listing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the folder called ``name`` unreadable, as ``chmod 000`` does for a user who
    is not root (the tests may run as root, whom permissions do not stop)."""
    original = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.path.basename(os.fspath(path)) == name:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_subfolder_is_skipped_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # its articles were silently missing from the run, which exited 0 (a bad-input review)
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "moscou" / "b.txt", ARTICLE)
    _deny_listing(monkeypatch, "moscou")
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["a.txt"]
    assert corpus.skipped == (Skipped(
        "moscou/", "folder not read (Permission denied); make it readable (chmod +rx) and run "
                   "again, its articles are not in this run"),)


def test_a_corpus_whose_only_articles_are_unreadable_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "moscou" / "b.txt", ARTICLE)
    _deny_listing(monkeypatch, "moscou")
    with pytest.raises(InputError, match=r"moscou: folder not read \(Permission denied\) and "
                                         r"no article found elsewhere; make it readable"):
        read_corpus(tmp_path)


def test_an_unreadable_corpus_folder_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # was "no .txt or .md articles … found in this folder"
    write(tmp_path / "presse" / "a.txt", ARTICLE)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(InputError, match=r"presse: permission denied; make the folder "
                                         r"readable \(chmod \+rx\)"):
        read_corpus(tmp_path / "presse")


def test_missing_path_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope: no such file or folder; give the path"):
        read_corpus(tmp_path / "nope")


def test_empty_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.txt or \.md articles \(or Europresse \.html "
                                         r"exports\) found in this folder"):
        read_corpus(tmp_path)


def test_unsupported_file_type_is_one_clear_error(tmp_path: Path) -> None:
    p = write(tmp_path / "corpus.docx", "x")
    with pytest.raises(InputError, match=r"unsupported file type '\.docx'"):
        read_corpus(p)


# --- tables ------------------------------------------------------------------------


def test_semicolon_csv_in_cp1252_with_french_dates_just_works(tmp_path: Path) -> None:
    p = write(
        tmp_path / "titres.csv",
        "Date;Journal;Article\n"
        "22/02/2022;Le Monde;Poutine reconnaît l’indépendance des régions séparatistes\n"
        "23/02/2022;Libération;Les Européens préparent des sanctions\n",
        "cp1252",
    )
    docs = list(read_corpus(p))
    assert [(d.doc_id, d.source, d.date) for d in docs] == [
        ("1", "Le Monde", "2022-02-22"), ("2", "Libération", "2022-02-23")
    ]
    assert docs[0].text == "Poutine reconnaît l’indépendance des régions séparatistes"


def test_csv_with_embedded_newlines_quotes_and_an_id_column(tmp_path: Path) -> None:
    p = write(
        tmp_path / "a.csv",
        'id,titre,texte,media\n'
        'AFP-0042,Sommet,"Premier paragraphe.\nSecond « paragraphe », ""cité"".",AFP\n',
    )
    doc = next(iter(read_corpus(p)))
    assert doc.doc_id == "AFP-0042"
    assert doc.text == 'Sommet\n\nPremier paragraphe.\nSecond « paragraphe », "cité".'
    assert doc.source == "AFP"


def test_tsv_with_named_columns(tmp_path: Path) -> None:
    p = write(tmp_path / "a.tsv", "quand\tqui\tcorps\n2024-07-03\tTASS\tLe sommet s'ouvre.\n")
    doc = next(iter(read_corpus(p, text_col="corps", source_col="qui", date_col="quand")))
    assert (doc.source, doc.date, doc.text) == ("TASS", "2024-07-03", "Le sommet s'ouvre.")


def test_a_column_named_twice_is_one_error_and_unnamed_columns_are_ignored(
        tmp_path: Path) -> None:
    # was: 'text,text' analysed the second column, silently
    with pytest.raises(InputError) as err:
        list(read_corpus(write(tmp_path / "t.csv", "id,text,text\n1,Un.,Deux.\n")))
    assert str(err.value) == (f"{tmp_path / 't.csv'}:1: the header has 'text' twice (columns 2 "
                              "and 3); give each column its own name")
    write(tmp_path / "c" / "a.txt", ARTICLE)
    write(tmp_path / "c" / "metadata.csv", "file,source,source\na.txt,Le Monde,Libération\n")
    with pytest.raises(InputError) as err:
        list(read_corpus(tmp_path / "c"))
    assert str(err.value) == (f"{tmp_path / 'c' / 'metadata.csv'}:1: the header has 'source' "
                              "twice (columns 2 and 3); give each column its own name")
    # the empty cells a spreadsheet leaves after the last column: ignored (was a
    # column without a name in documents.csv)
    (doc,) = list(read_corpus(write(tmp_path / "e.csv", "id,text,rubrique,,\n1,Un.,Monde,,\n")))
    assert dict(doc.meta) == {"rubrique": "Monde"}
    write(tmp_path / "c" / "metadata.csv", "file,source,,\na.txt,Le Monde,,\n")
    (doc,) = list(read_corpus(tmp_path / "c"))
    assert doc.source == "Le Monde" and "" not in doc.meta


def test_table_without_header_uses_column_positions(tmp_path: Path) -> None:
    p = write(tmp_path / "h.csv", "2024-07-03;Xinhua;Les deux pays renforcent leurs liens.\n")
    doc = next(iter(read_corpus(p, no_header=True, text_col=2, source_col=1, date_col=0)))
    assert (doc.source, doc.date, doc.text) == ("Xinhua", "2024-07-03", "Les deux pays renforcent leurs liens.")


def test_table_without_the_named_column_is_a_clear_error(tmp_path: Path) -> None:
    p = write(tmp_path / "t.csv", "date,journal,article\n2024-01-01,X,Y\n")
    with pytest.raises(InputError, match=r"t.csv: no column 'contenu' \(the columns are: date, journal, article\); name an existing column with --text-col"):
        read_corpus(p, text_col="contenu")


def test_table_without_any_text_column_is_a_clear_error(tmp_path: Path) -> None:
    p = write(tmp_path / "t.csv", "date,journal\n2024-01-01,X\n")
    with pytest.raises(InputError, match=r"no text column found .* name it with --text-col"):
        read_corpus(p)


@pytest.mark.parametrize(("options", "message"), [
    # was: "no text column found (the columns are: id, text, source)"
    ({"id_col": "text"}, "the column 'text' is the id column (--id-col), so no text column is "
                         "left; name the text column with --text-col"),
    ({"source_col": "text"}, "the column 'text' is the source column (--source-col), so no text "
                             "column is left; name the text column with --text-col"),
    # was: accepted, every document's id its own text
    ({"id_col": "text", "text_col": "text"}, "column 'text' is named by both --id-col and "
                                              "--text-col; give each its own column"),
])
def test_one_column_for_two_roles_is_one_clear_error(
        tmp_path: Path, options: dict[str, str], message: str) -> None:
    p = write(tmp_path / "t.csv", "id,text,source\n1,Pékin salue le sommet d'Astana.,AFP\n")
    with pytest.raises(InputError) as exc:
        read_corpus(p, **options)
    assert str(exc.value) == f"{p}: {message}"


def test_a_named_column_wins_over_a_guessed_one(tmp_path: Path) -> None:
    # was: --source-col id also left the id column as the id: both roles read column 'id'
    p = write(tmp_path / "t.csv", "id,text,journal\nA1,Pékin salue le sommet.,AFP\n")
    doc = next(iter(read_corpus(p, source_col="id")))
    assert (doc.doc_id, doc.source, doc.text) == ("1", "A1", "Pékin salue le sommet.")


def test_ragged_rows_and_empty_text_rows_are_reported(tmp_path: Path) -> None:
    p = write(tmp_path / "r.csv", "date,source,text\n2024-01-01,X\n2024-01-02,Y,Un texte.,extra\n")
    corpus = read_corpus(p)
    assert [d.text for d in corpus] == ["Un texte."]
    assert [str(s) for s in corpus.skipped] == ["r.csv:2: row 1 has an empty text column"]


def test_jsonl_with_one_malformed_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "d1", "title": "Kazan", "text": "Les BRICS s'élargissent.", "source": "AEI"}),
        '{"id": "d2", "text": "cassé"',
        json.dumps({"id": "d3", "text": "Le sommet se termine.", "date": "24 octobre 2024"}),
    ]
    p = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    corpus = read_corpus(p)
    docs = list(corpus)
    assert [(d.doc_id, d.date) for d in docs] == [("d1", ""), ("d3", "2024-10-24")]
    assert docs[0].text == "Kazan\n\nLes BRICS s'élargissent."
    assert len(corpus.skipped) == 1 and corpus.skipped[0].line == 2
    assert corpus.skipped[0].reason.startswith("malformed JSON")


def test_doc_ids_are_stable_across_runs(folder: Path) -> None:
    assert [d.doc_id for d in read_corpus(folder)] == [d.doc_id for d in read_corpus(folder)]


def test_documents_are_frozen(folder: Path) -> None:
    doc = next(iter(read_corpus(folder)))
    assert isinstance(doc, Document)
    with pytest.raises(AttributeError):
        doc.title = "autre"  # type: ignore[misc]
    with pytest.raises(TypeError):
        doc.meta["x"] = "y"  # type: ignore[index]


def test_input_files_are_never_modified(folder: Path) -> None:
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    list(read_corpus(folder))
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_documents_survive_pickling_for_worker_processes(folder: Path) -> None:
    import pickle

    write(folder / "metadata.csv", "file,source\na.txt,Horizons Sud\n")
    doc = next(iter(read_corpus(folder)))
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.source == "Horizons Sud"


# --- messy files (each case: the exact behaviour) ------------------------------------


def test_only_a_title_gives_a_document_that_is_its_title(tmp_path: Path) -> None:
    write(tmp_path / "t.txt", "Sommet de l’OCS : rien de nouveau\n")
    doc = next(iter(read_corpus(tmp_path)))
    assert (doc.title, doc.text) == ("Sommet de l’OCS : rien de nouveau", "Sommet de l’OCS : rien de nouveau")


def test_only_whitespace_is_skipped_as_empty(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", ARTICLE)
    write(tmp_path / "blanc.txt", " \n\t\n\u00a0\n")
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["ok.txt"]
    assert [str(s) for s in corpus.skipped] == ["blanc.txt: empty file (no text)"]


def test_zip_renamed_txt_is_skipped_with_what_it_is(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", ARTICLE)
    (tmp_path / "archive.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00")
    corpus = read_corpus(tmp_path)
    list(corpus)
    assert [str(s) for s in corpus.skipped] == ["archive.txt: this is a zip archive (or .docx/.odt), not text"]


def test_invalid_utf8_bytes_are_read_as_cp1252_not_lost(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"Sommet \xe0 P\xe9kin\nLe ministre a salu\xe9 l\x92accord.")
    doc = next(iter(read_corpus(tmp_path)))
    assert doc.text == "Sommet à Pékin\n\nLe ministre a salué l’accord."


def test_a_single_huge_line_is_body_without_a_title(tmp_path: Path) -> None:
    line = "Le sommet de l'OCS s'est ouvert à Astana. " * 30000  # about 1.2 MB, no newline
    write(tmp_path / "long.txt", line)
    doc = next(iter(read_corpus(tmp_path)))
    assert (doc.title, len(doc.text)) == ("", len(line.strip()))


def test_zero_width_soft_hyphen_entities_emoji_and_rtl_are_kept_verbatim(tmp_path: Path) -> None:
    body = "Le\u200b sommet multi\u00adpolaire &amp; <b>historique</b> 🎉 — مرحبا à Astana."
    write(tmp_path / "x.txt", "Titre\n" + body)
    doc = next(iter(read_corpus(tmp_path)))
    assert doc.text == "Titre\n\n" + body


def test_symlink_loops_are_not_followed_forever(tmp_path: Path) -> None:
    import os

    write(tmp_path / "a" / "x.txt", ARTICLE)
    os.symlink(tmp_path / "a", tmp_path / "a" / "boucle")
    assert [d.doc_id for d in read_corpus(tmp_path)] == ["a/x.txt"]


# --- crashes found by fuzzing (tests/fuzz/README.md): the literal inputs -------------


def _records(tmp_path: Path, name: str, data: bytes, **options: object) -> list[Document | Skipped]:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return list(read_corpus(p, **options).records())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfeA", b"\xff\xfe\x00\xd8a\x00", b"\xfe\xff\x00"],
    ids=["truncated", "lone-surrogate", "big-endian-odd-length"],
)
def test_invalid_utf16_after_a_byte_order_mark_is_skipped_with_a_reason(
    tmp_path: Path, data: bytes
) -> None:
    # was: UnicodeDecodeError escaped from the reader and stopped the whole corpus
    assert _records(tmp_path, "u16.txt", data) == [
        Skipped("u16.txt", "starts with a UTF-16 byte-order mark but is not valid UTF-16; "
                           "re-save it as UTF-8")
    ]


def test_utf8_bom_followed_by_cp1252_bytes_is_decoded_by_the_guess(tmp_path: Path) -> None:
    # was: UnicodeDecodeError (the BOM made the reader decode strictly, with no fallback)
    (doc,) = _records(tmp_path, "bom.txt", b"\xef\xbb\xbfSommet \xe0 P\xe9kin\nLe ministre a salu\xe9 l\x92accord.")
    assert isinstance(doc, Document)
    assert doc.text == "Sommet à Pékin\n\nLe ministre a salué l’accord."
    (rec,) = _records(tmp_path, "bom2.txt", b"\xef\xbb\xbfabc\xff")
    assert isinstance(rec, Document | Skipped)


def test_front_matter_with_an_impossible_date_is_skipped_with_the_reason(tmp_path: Path, yaml_parser: str) -> None:
    # was: ValueError from PyYAML's date constructor ("day is out of range for month")
    recs = _records(tmp_path, "d.txt", b"---\ndate: 2024-02-30\n---\nTitre\nCorps.")
    assert recs == [Skipped("d.txt", "front matter has an invalid value (day is out of range "
                                     "for month); quote it or correct it")]


def test_invalid_front_matter_is_skipped_with_its_line(tmp_path: Path, yaml_parser: str) -> None:
    recs = _records(tmp_path, "y.txt", "---\ntitre: Sommet\nmédia: [Le Monde\n---\nT\nB".encode())
    # the line of the unclosed bracket, as PyYAML says (libyaml's mark is on the next),
    # and what to do (was the line alone)
    assert recs == [Skipped("y.txt", "front matter is not valid YAML (line 3: missing ',' or "
                                     "']' after the entry on this line; separate the entries "
                                     "of [ … ] with ',' and close it with ']')")]
    recs = _records(tmp_path, "z.txt", '---\ntitre: "Sommet\nmédia: Le Monde\n---\nT\nB'.encode())
    assert recs == [Skipped("z.txt", 'front matter is not valid YAML (line 2: the " opened on '
                                     'this line is not closed; add the closing " at the end of '
                                     'the text)')]
    # escapes libyaml refuses and PyYAML reads: a surrogate pair, as json.dumps writes it
    (doc,) = _records(tmp_path, "j.txt", b'---\ntitre: "\\ud83c\\udf0d Sommet"\n---\nT\nB')
    assert isinstance(doc, Document)
    assert doc.get("titre") == "\U0001f30d Sommet"  # was "\ufffd\ufffd Sommet"
    (doc,) = _records(tmp_path, "k.txt", b'---\ntitre: "\\ud800 Sommet"\n---\nT\nB')
    assert isinstance(doc, Document)
    assert doc.get("titre") == "\ufffd Sommet"  # half a pair: replaced, the document read
    (doc,) = _records(tmp_path, "ok.txt", "---\ntitre: Sommet d'Astana\ndate: 2024-07-04\n"
                      "média: Le Monde\n---\nXi et Poutine\nLe bloc.".encode())
    assert isinstance(doc, Document)
    assert (doc.get("titre"), doc.date, doc.get("média")) == (
        "Sommet d'Astana", "2024-07-04", "Le Monde")


def test_deeply_nested_front_matter_is_skipped(tmp_path: Path, yaml_parser: str) -> None:
    # was: RecursionError from PyYAML's composer
    recs = _records(tmp_path, "n.txt", b"---\n" + b"[" * 10000 + b"\n---\nT\nB")
    assert recs == [Skipped("n.txt", "front matter is nested too deeply")]


def _indented(depth: int) -> str:
    """Front matter whose ``nest`` key holds mappings nested ``depth`` levels deep
    by indentation (no bracket)."""
    return ("---\ntitre: Sommet\nnest:\n"
            + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth - 1))
            + " " * depth + "x: 1\n---\nXi et Poutine\nLe bloc.")


def test_front_matter_nested_by_indentation_is_skipped_and_the_corpus_read(
        tmp_path: Path, yaml_parser: str) -> None:
    # was: a RecursionError out of the corpus run (a traceback, no report) with the
    # libyaml of PyYAML 6.0.3, which composes 1,200 levels (6.0.4's stops at 1,000)
    (tmp_path / "a.txt").write_text(_indented(1200), encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\ntitre: Deux\n---\nT\nCorps.", encoding="utf-8")
    recs = list(read_corpus(tmp_path).records())
    assert recs[0] == Skipped("a.txt", "front matter is nested too deeply")
    assert isinstance(recs[1], Document) and recs[1].get("titre") == "Deux"
    # the file's mapping, nest's and 48 below: 50 levels, read
    (doc,) = _records(tmp_path, "ok.txt", _indented(49).encode())
    assert isinstance(doc, Document)
    assert doc.get("titre") == "Sommet" and doc.get("nest").startswith("{'k0': {'k1': ")
    assert _records(tmp_path, "no.txt", _indented(50).encode()) == [
        Skipped("no.txt", "front matter is nested too deeply")]


def test_front_matter_aliases_are_refused_so_a_billion_laughs_file_is_cheap(tmp_path: Path, yaml_parser: str) -> None:
    # was: a 1 KB file whose aliases expand to 10**9 strings: minutes, then MemoryError
    lines = ["a0: &a0 [x,x,x,x,x,x,x,x,x,x]"]
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    data = ("---\n" + "\n".join(lines) + "\n---\nTitre\nCorps.").encode()
    assert _records(tmp_path, "lol.txt", data) == [
        Skipped("lol.txt", "front matter uses YAML aliases (*name); write the values out")
    ]


def test_a_csv_cell_longer_than_the_csv_module_default_limit_is_read(tmp_path: Path) -> None:
    # was: _csv.Error "field larger than field limit (131072)" for a 200 KB article
    body = "Le sommet de l'OCS s'ouvre à Astana. " * 6000
    (doc,) = _records(tmp_path, "big.csv", f"id,text\n1,{body}\n".encode())
    assert isinstance(doc, Document) and doc.text == body.strip()


def test_deeply_nested_json_lines_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    # was: RecursionError from json.loads, in the column guess and in the rows
    deep = b"[" * 100000 + b"]" * 100000
    recs = _records(tmp_path, "c.jsonl", deep + b'\n{"text": "Un texte."}\n' + deep + b"\n")
    assert [r.text if isinstance(r, Document) else str(r) for r in recs] == [
        "c.jsonl:1: malformed JSON (nested too deeply); fix or remove this line",
        "Un texte.",
        "c.jsonl:3: malformed JSON (nested too deeply); fix or remove this line",
    ]


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path) -> None:
    # was: a Document whose text could not be written as UTF-8 (the report failed on it)
    (doc,) = _records(tmp_path, "s.jsonl", b'{"id": "a\\udc00", "text": "Le sommet \\ud800 de Kazan.", "x\\ud800": "\\udfff"}\n')
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text, dict(doc.meta)) == (
        "a\ufffd", "Le sommet \ufffd de Kazan.", {"x\ufffd": "\ufffd"})


def test_a_file_name_that_is_not_utf8_gets_an_escaped_doc_id(tmp_path: Path) -> None:
    # was: doc_id 'caf\udce9.txt' (undecodable bytes), and the report crashed writing it
    import os

    os.makedirs(tmp_path / "c")
    with open(os.fsencode(tmp_path / "c") + b"/caf\xe9.txt", "wb") as f:
        f.write(b"Titre\nCorps du texte.")
    (doc,) = read_corpus(tmp_path / "c")
    assert (doc.doc_id, doc.path) == ("caf\\xe9.txt", "caf\\xe9.txt")
    doc.doc_id.encode("utf-8")


def test_an_explicit_encoding_that_does_not_fit_is_one_clear_error(tmp_path: Path) -> None:
    # was: UnicodeDecodeError / LookupError out of read_corpus
    p = write(tmp_path / "e.csv", "id,text\n1,é\n", "cp1252")
    with pytest.raises(InputError, match=r"e.csv: not valid utf-8 \(invalid continuation byte at byte 10\); check --encoding"):
        read_corpus(p, encoding="utf-8")
    with pytest.raises(InputError, match=r"e.csv: unknown encoding 'nope'; give a Python codec name"):
        read_corpus(p, encoding="nope")
    # a codec that fails with a plain UnicodeError (no byte position): was a traceback
    with pytest.raises(InputError) as err:
        read_corpus(write(tmp_path / "a.csv", "id,text\n1,abc\n", "ascii"), encoding="punycode")
    assert str(err.value) == (
        f"{tmp_path / 'a.csv'}: not valid punycode (decoding with 'punycode' codec failed "
        "(UnicodeError: Invalid extended code point ',')); check --encoding or leave it out "
        "to detect the encoding")


def test_numbers_longer_than_python_reads_skip_their_document_only(tmp_path: Path) -> None:
    # was: ValueError ("Exceeds the limit (4300 digits) for integer string conversion")
    # out of read_corpus, from a hexadecimal front-matter value or a JSON number
    recs = _records(tmp_path, "h.txt", b"---\nn: 0x" + b"F" * 5000 + b"\n---\nTitre\nCorps.")
    assert recs == [Skipped("h.txt", "front matter has a number of more than 4,300 digits; "
                                     "quote it")]
    lines = [b'{"text": "Un."}', b'{"text": "Deux.", "n": ' + b"1" * 5000 + b"}",
             b'{"text": "Trois."}']
    recs = _records(tmp_path, "c.jsonl", b"\n".join(lines) + b"\n")
    assert [r.text if isinstance(r, Document) else r for r in recs] == [
        "Un.", Skipped("c.jsonl", "malformed JSON (a number of more than 4,300 digits); fix or "
                                  "remove this line", 2), "Trois."]


def test_an_explicit_utf16_encoding_without_bom_is_honoured(tmp_path: Path) -> None:
    # was: the NUL bytes of BOM-less UTF-16 were rejected as binary before the encoding applied
    p = write(tmp_path / "u.csv", "id,text\n1,Sommet à Pékin.\n", "utf-16-le")
    assert [d.text for d in read_corpus(p, encoding="utf-16-le")] == ["Sommet à Pékin."]



# --- properties (hypothesis; tests/fuzz/fuzz_long.py runs them with a large budget) ----
#
# The reader never raises on content: a file gives one Document or one Skipped entry
# with a reason; a table either raises InputError when it is opened (no text column,
# undecodable) or gives one record per non-blank row/line. Every Document field can be
# written as UTF-8, its text has "\n" newlines, and valid UTF-8 round-trips up to the
# documented normalisation (newlines, blank lines around the body, stripped cells).

#: French news typography and the reader's own syntax (bylines, front matter).
FRAGMENTS = (
    "Pékin et Moscou s’affichent unis", "« Notre amitié est solide », a déclaré le président.",
    "Ce partenariat n'est dirigé contre personne.", "un contrepoids à l'hégémonie américaine",
    "Le sommet ne vise pas les pays tiers", "Par Claire Vasseur avec agences",
    "Par X et Y, à Moscou", "By Staff", "# Titre", "---", "---\n", "date: 2024-07-03",
    "date: 2024-02-30", "source: TASS", "title: Sommet", "author:", "[", "]", "{", "&a x", "*a",
    "!!binary", "\u00a0", "\u202f", "\u00ad", "\u200b", "\u200d", "\ufeff", "\u2028", "\x85",
    "\x0c", "\x0b", "\t", "\x00", "مرحبا بكم", "שלום", "\u202e", "🎉", "👨\u200d👩\u200d👧",
    "\r\n", "\r", "\n", "\n\n", "«", "»", "“", "”", '"', '""', "’", "'", "…", "...", ",", ";",
    "M.", "J.-C.", "2 000", "3,5 %", "a-t-il", "https://exemple.fr/a?b=c", "%PDF", "PK\x03\x04",
)
_PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=10))
FRENCH_TEXT = st.lists(st.tuples(_PIECE, st.sampled_from(["", " ", "\n"])), max_size=30).map(
    lambda pieces: "".join(a + b for a, b in pieces))
ANY_TEXT = st.one_of(st.text(), FRENCH_TEXT)
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "mac_roman", "utf-16", "utf-16-le",
             "utf-16-be")
MAGIC = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"---\n", b"%PDF", b"PK\x03\x04", b"\x00")
FILE_BYTES = st.one_of(
    st.binary(max_size=300),
    st.tuples(ANY_TEXT, st.sampled_from(ENCODINGS)).map(
        lambda te: te[0].encode(te[1], errors="replace")),
    st.tuples(st.sampled_from(MAGIC), st.binary(max_size=60) | ANY_TEXT.map(str.encode)).map(
        lambda mb: mb[0] + mb[1]),
)


def _norm(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


def check_document(doc: Document) -> None:
    """What holds for every Document the reader makes."""
    for value in (doc.doc_id, doc.text, doc.title, doc.author, doc.source, doc.date, doc.path,
                  *doc.meta, *doc.meta.values()):
        assert isinstance(value, str)
        value.encode("utf-8")  # no lone surrogate: every field can be written out
    assert "\r" not in doc.text
    assert doc.text.strip() and doc.text == doc.text.rstrip()
    assert doc.date == normalize_date(doc.date)


def check_records(records: list[Document | Skipped]) -> None:
    for rec in records:
        assert isinstance(rec, Document | Skipped)
        if isinstance(rec, Skipped):
            assert isinstance(rec.reason, str) and rec.reason and "\n" not in rec.reason
            str(rec).encode("utf-8")
        else:
            check_document(rec)


def check_article_file(folder: Path, data: bytes, suffix: str) -> None:
    """Any bytes in an article file: one Document or one Skipped entry, the same twice."""
    (folder / f"article{suffix}").write_bytes(data)
    corpus = read_corpus(folder)
    records = list(corpus.records())
    assert len(records) == 1
    rec = records[0]
    assert (rec.path if isinstance(rec, Skipped) else rec.doc_id) == f"article{suffix}"
    check_records(records)
    assert list(corpus.records()) == records
    assert corpus.skipped == tuple(r for r in records if isinstance(r, Skipped))


def expected_article(title: str, body: str) -> str:
    """The documented layout: title, blank line, body without the blank lines around it."""
    lines = _norm(body).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    rest = "\n".join(lines).rstrip()
    return f"{title}\n\n{rest}" if rest else title


def check_article_round_trip(folder: Path, title: str, body: str) -> None:
    """A title line and any body, in valid UTF-8: the text comes back as written."""
    body = body.replace("\x00", "")  # NUL bytes: binary, tested above
    assume(title and title != "---" and not title.startswith(("\ufeff", "%PDF", "GIF8", "PK\x03\x04")))
    first = next((line for line in _norm(body).split("\n") if line.strip()), "")
    assume(not re.match(r"\s*(?:Par|PAR|par|By)\s", first))  # a byline: tested above
    (folder / "a.txt").write_bytes(f"{title}\n{body}".encode())
    (doc,) = read_corpus(folder)
    check_document(doc)
    assert (doc.doc_id, doc.title, doc.author) == ("a.txt", title, "")
    assert doc.text == expected_article(title, body)


CELL = st.one_of(ANY_TEXT, st.sampled_from(["", " ", "\u00a0", "2024-07-03", "22/02/2022",
                                            "3 juillet 2024", "2024-02-30", "1"]))
HEADER = ("id", "title", "text", "source", "date")


def check_csv_table(folder: Path, rows: list[list[str]], sep: str, encoding: str) -> None:
    """Any cells in a CSV with a header: one record per non-blank row, cells as written
    (stripped, newlines normalised), the row number as id when the id cell is empty."""
    rows = [[c.replace("\x00", "") for c in row] for row in rows]  # NUL: binary, see above
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)  # "\r\n" rows: cells with \r or \n are quoted
    writer.writerows([HEADER, *rows])
    path = folder / "t.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    records = list(read_corpus(path).records())
    check_records(records)
    expected: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    rowno = 0
    for row in rows:
        cells = dict(zip(HEADER, (_norm(c).strip() for c in row), strict=True))
        if not any(cells.values()):
            continue
        rowno += 1
        if not cells["text"]:
            expected.append((f"row {rowno} has an empty text column",))
            continue
        text = f"{cells['title']}\n\n{cells['text']}" if cells["title"] else cells["text"]
        doc_id = cells["id"] or str(rowno)
        if (first := seen.setdefault(doc_id, rowno)) != rowno:  # one id, two rows
            expected.append((f"doc_id {doc_id!r} is already the id of row {first}; give each "
                             "article its own id",))
            continue
        expected.append((doc_id, cells["title"], text, cells["source"],
                         normalize_date(cells["date"])))
    assert [(r.reason,) if isinstance(r, Skipped) else
            (r.doc_id, r.title, r.text, r.source, r.date) for r in records] == expected


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT
    | st.sampled_from(["\ud800", "a\udfffb", "\ud83d\ude00"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=3),
    max_leaves=6,
)
_JSON_CELL = st.one_of(ANY_TEXT, CELL, JSON_VALUE)
JSON_LINE = st.one_of(
    st.builds(json.dumps, st.fixed_dictionaries({"text": _JSON_CELL}, optional={
        "id": _JSON_CELL, "title": _JSON_CELL, "source": _JSON_CELL, "date": CELL,
        "extra": JSON_VALUE}), ensure_ascii=st.booleans()),
    JSON_VALUE.map(lambda v: json.dumps(v, ensure_ascii=False)),
    ANY_TEXT.map(lambda s: _norm(s).replace("\n", " ")),
    st.sampled_from(["", " ", "{", '{"text": "x"', "[" * 3000, '{"text": ' + "[" * 3000]),
)


def _unsurrogate(s: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", s)


def _expected_jsonl(text: str) -> list[tuple[str, ...]] | None:
    """The documented reading of JSONL lines whose objects only use the known keys:
    (doc_id, title, text) or (reason,) per non-blank line; None for other files."""
    out: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            out.append(("malformed JSON",))
            continue
        except RecursionError:
            out.append(("malformed JSON (nested too deeply); fix or remove this line",))
            continue
        if not isinstance(obj, dict):
            out.append(("not a JSON object",))
            continue
        if not set(obj) <= {"text", "id", "title", "source", "date", "extra"}:
            return None
        if obj.get("text") is not None and not isinstance(obj["text"], str):
            out.append(("the 'text' field is ",))  # a list, an object, a number …: skipped
            continue
        values = {k: "" if v is None else v if isinstance(v, str)
                  else json.dumps(v, ensure_ascii=False) for k, v in obj.items()}
        body = _norm(values.get("text", "")).strip()
        if not body:
            out.append(("empty text",))
            continue
        title = _norm(values.get("title", "")).strip()
        doc_id = _unsurrogate(_norm(values.get("id", "")).strip() or str(lineno))
        if (first := seen.setdefault(doc_id, lineno)) != lineno:
            out.append((f"doc_id {doc_id!r} is already the id of line {first}",))
            continue
        text = f"{title}\n\n{body}" if title else body
        out.append((doc_id, _unsurrogate(title), _unsurrogate(text)))
    return out


def check_jsonl_table(folder: Path, lines: list[str]) -> None:
    """Any lines in a JSONL file: InputError at opening (no object with a text key in
    the first lines, binary data) or one record per non-blank line; texts come back as
    written (stripped, newlines normalised, lone surrogates replaced by U+FFFD)."""
    path = folder / "t.jsonl"
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    path.write_bytes(data)
    try:
        corpus = read_corpus(path)
    except InputError as exc:
        message = str(exc)
    else:
        message = ""
    if message:
        assert message.startswith(f"{path}: ")
        return
    records = list(corpus.records())
    check_records(records)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # read with the guessed encoding: only the invariants hold
    if text.startswith("\ufeff"):
        return
    expected = _expected_jsonl(_norm(text).replace("\x00", ""))  # stray NULs are dropped
    if expected is not None:
        assert [(r.reason[:len(e[0])],) if isinstance(r, Skipped) and len(e) == 1 else
                (r.doc_id, r.title, r.text) if isinstance(r, Document) else (r.reason,)
                for r, e in zip(records, expected, strict=False)] == expected


_PROPERTY = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(data=FILE_BYTES, suffix=st.sampled_from([".txt", ".md"]))
def test_property_any_file_is_one_document_or_one_skipped_entry(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        check_article_file(Path(d), data, suffix)


TITLE = st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x00"), min_size=1,
                max_size=60).map(str.strip)


@_PROPERTY
@given(title=TITLE, body=ANY_TEXT)
def test_property_valid_utf8_articles_round_trip(title: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        check_article_round_trip(Path(d), title, body)


@_PROPERTY
@given(rows=st.lists(st.lists(CELL, min_size=5, max_size=5), max_size=6),
       sep=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig",
                                                                        "utf-16"]))
def test_property_csv_cells_round_trip(rows: list[list[str]], sep: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        check_csv_table(Path(d), rows, sep, encoding)


@_PROPERTY
@given(lines=st.lists(JSON_LINE, max_size=6))
def test_property_any_jsonl_lines_give_records_or_one_input_error(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as d:
        check_jsonl_table(Path(d), lines)


@pytest.mark.parametrize(("data", "expected"), [
    (b"#", "empty file (no text)"),
    (b"# \n\n##\n", ("", "##")),
    (b"#\nLe corps du texte.", ("", "Le corps du texte.")),
])
def test_a_markdown_heading_mark_without_words_is_no_title(
    tmp_path: Path, data: bytes, expected: object
) -> None:
    # found by the long fuzz run: "#" alone gave a Document with an empty text, and
    # "#" then a body a text starting with two blank lines
    (rec,) = _records(tmp_path, "x.md", data)
    assert (rec.reason if isinstance(rec, Skipped) else (rec.title, rec.text)) == expected


def test_newlines_in_a_jsonl_title_are_normalised_like_the_body(tmp_path: Path) -> None:
    # found by the long fuzz run: a JSON "\r" escape in the title left "\r" in the text
    recs = _records(tmp_path, "t.jsonl", b'{"text": "0", "title": "0\\r0", "id": "a\\r\\nb"}\n')
    assert [(d.doc_id, d.title, d.text) for d in recs if isinstance(d, Document)] == [
        ("a\nb", "0\n0", "0\n0\n\n0")]


# --- huge inputs -------------------------------------------------------------------


def _open_fds() -> int | None:
    """How many file descriptors this process has open (None where /proc is absent)."""
    import os

    fd_dir = "/proc/self/fd"
    return len(os.listdir(fd_dir)) if os.path.isdir(fd_dir) else None


class _PeakMemory:
    """The peak memory growth, in bytes, of the code in a ``with`` block: of resident
    memory where Linux can reset its high-water mark (free, and what the user pays),
    else of Python's allocations by tracemalloc (exact, but three times slower)."""

    def __enter__(self) -> _PeakMemory:
        import tracemalloc

        self.rss_before = self._status("VmRSS")
        self.bytes = 0
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
                f.write("5")  # VmHWM := VmRSS
        except OSError:
            self.rss_before = None
        if self.rss_before is None:
            tracemalloc.start()
        return self

    def __exit__(self, *exc: object) -> None:
        import tracemalloc

        if self.rss_before is None:
            self.bytes = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        else:
            self.bytes = (self._status("VmHWM") or 0) - self.rss_before

    @staticmethod
    def _status(field: str) -> int | None:
        try:
            with open("/proc/self/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return None


def _write_bytes_of_text(path: Path, size: int) -> None:
    """A French text file of exactly ``size`` bytes, written in 1 MB blocks."""
    block = ("Le sommet de l'OCS s'est ouvert à Astana sous haute sécurité.\n" * 16_000).encode()
    with open(path, "wb") as f:
        while f.tell() + len(block) <= size:
            f.write(block)
        f.write(block[: size - f.tell()])


def test_a_50_mb_article_is_skipped_unread_with_its_size_the_limit_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracemalloc

    write(tmp_path / "a.txt", ARTICLE)
    _write_bytes_of_text(tmp_path / "b_export.txt", 50_000_000)
    write(tmp_path / "c.txt", ARTICLE)
    reads = _count_reads(monkeypatch)
    corpus = read_corpus(tmp_path)
    tracemalloc.start()
    try:
        ids = [d.doc_id for d in corpus]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert ids == ["a.txt", "c.txt"]
    assert [str(s) for s in corpus.skipped] == [
        "b_export.txt: file is 50.0 MB, over the 10 MB limit for one document (a news article "
        "is rarely over 100 KB); split it into one file per article, or raise the limit with "
        "--max-doc-mb"
    ]
    assert reads == ["a.txt", "c.txt"]  # the size comes from stat: the big file is never read
    assert peak < 5_000_000, f"reading peaked at {peak:,} bytes"


def test_max_document_mb_raises_and_lowers_the_limit(tmp_path: Path) -> None:
    _write_bytes_of_text(tmp_path / "long.txt", 1_500_000)
    write(tmp_path / "short.txt", ARTICLE)
    default = read_corpus(tmp_path)
    assert [d.doc_id for d in default] == ["long.txt", "short.txt"]  # 1.5 MB < 10 MB
    low = read_corpus(tmp_path, max_document_mb=1)
    assert [d.doc_id for d in low] == ["short.txt"]
    assert [str(s) for s in low.skipped] == [
        "long.txt: file is 1.5 MB, over the 1 MB limit for one document (a news article is "
        "rarely over 100 KB); split it into one file per article, or raise the limit with "
        "--max-doc-mb"
    ]
    tiny = read_corpus(tmp_path, max_document_mb=0.00005)  # was "over the 5e-05 MB limit"
    assert list(tiny) == []
    assert [s.reason.split(" for one")[0] for s in tiny.skipped] == [
        "file is 1.5 MB, over the 50-byte limit", "file is 213 bytes, over the 50-byte limit",
    ]
    raised = read_corpus(tmp_path, max_document_mb=1.6)
    assert [d.doc_id for d in raised] == ["long.txt", "short.txt"]
    assert raised.skipped == ()
    # 1e303: was an OverflowError (the limit in bytes was infinite); 1e-9: was a limit of
    # 0 bytes that skipped every document
    for bad in (0, 1e303, 1e-9, True):
        with pytest.raises(ValueError, match=re.escape(
                "max_document_mb: expected a number of megabytes from 0.000001 (one byte) to "
                f"1,000,000, not {bad}")):
            read_corpus(tmp_path, max_document_mb=bad)


def test_a_file_just_over_the_limit_gives_its_size_in_bytes(tmp_path: Path) -> None:
    _write_bytes_of_text(tmp_path / "x.txt", 1_000_001)
    corpus = read_corpus(tmp_path, max_document_mb=1)
    assert list(corpus) == []
    assert corpus.skipped[0].reason.startswith(
        "file is 1,000,001 bytes, over the 1 MB limit for one document")


def test_table_cells_and_jsonl_lines_over_the_limit_skip_their_row_with_its_line(
    tmp_path: Path,
) -> None:
    big = "Un très long texte. " * 100  # 2,100 bytes with the accent
    rows = [["id", "text"], ["d1", "Court."], ["d2", big], ["d3", "Court aussi."]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    p = write(tmp_path / "t.csv", buf.getvalue())
    corpus = read_corpus(p, max_document_mb=0.002)  # 2,000 bytes
    assert [d.doc_id for d in corpus] == ["d1", "d3"]
    assert [str(s) for s in corpus.skipped] == [
        "t.csv:3: the text of row 2 is 2,100 bytes, over the 0.002 MB limit for one document "
        "(a news article is rarely over 100 KB); split it into one row per article, or raise "
        "the limit with --max-doc-mb"
    ]
    lines = [json.dumps({"id": d, "text": t}, ensure_ascii=False) for d, t in rows[1:]]
    j = write(tmp_path / "t.jsonl", "\n".join(lines) + "\n")
    corpus = read_corpus(j, max_document_mb=0.002)
    assert [d.doc_id for d in corpus] == ["d1", "d3"]
    assert [str(s) for s in corpus.skipped] == [
        "t.jsonl:2: line is 2,124 bytes, over the 0.002 MB limit for one document (a news "
        "article is rarely over 100 KB); split it into one line per article, or raise the "
        "limit with --max-doc-mb"
    ]


def test_a_newline_in_a_file_name_does_not_split_its_message(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    (tmp_path / "mauvais\nnom.txt").write_bytes(b"")
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["a.txt"]
    assert [str(x) for x in corpus.skipped] == ["mauvais\\x0anom.txt: empty file (no text)"]
    # its metadata row is still found (the names are escaped alike)
    write(tmp_path / "une\tdepeche.txt", ARTICLE)
    write(tmp_path / "metadata.csv", 'file,source\n"une\tdepeche.txt",Le Monde\n')
    docs = {d.doc_id: d.source for d in read_corpus(tmp_path)}
    assert docs == {"a.txt": "", "une\\x09depeche.txt": "Le Monde"}


def test_front_matter_with_more_than_200_keys_is_skipped(tmp_path: Path) -> None:
    # was: 100,000 keys made 100,000 columns in documents.csv (18 s, 540 MB)
    keys = "".join(f"k{i}: v\n" for i in range(201))
    recs = _records(tmp_path, "k.txt", f"---\n{keys}---\nTitre\nCorps.".encode())
    assert recs == [Skipped("k.txt", "front matter has 201 keys, more than the 200 allowed; "
                                     "keep the metadata only")]
    keys = "".join(f"k{i}: v\n" for i in range(200))
    (doc,) = _records(tmp_path, "ok.txt", f"---\n{keys}---\nTitre\nCorps.".encode())
    assert isinstance(doc, Document) and doc.get("k199") == "v"


def test_a_pipe_named_like_an_article_is_skipped_not_waited_on(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    write(tmp_path / "a.txt", ARTICLE)
    os.mkfifo(tmp_path / "flux.txt")  # reading it would block forever
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["a.txt"]
    assert [str(s) for s in corpus.skipped] == [
        "flux.txt: not a regular file (a pipe, device or socket); copy the text into a file"]


def test_a_pipe_as_metadata_or_table_is_one_error_not_waited_on(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    write(tmp_path / "c" / "a.txt", ARTICLE)
    os.mkfifo(tmp_path / "c" / "metadata.csv")  # was: the run waited forever
    with pytest.raises(InputError) as err:
        list(read_corpus(tmp_path / "c"))
    assert str(err.value) == (f"{tmp_path / 'c' / 'metadata.csv'}: not a regular file (a pipe, "
                              "device or socket); copy the metadata into a file")
    os.mkfifo(tmp_path / "t.csv")
    with pytest.raises(InputError) as err:
        list(read_corpus(tmp_path / "t.csv"))
    assert str(err.value) == (f"{tmp_path / 't.csv'}: not a regular file (a pipe, device or "
                              "socket); copy the table into a file")


def test_a_folder_named_metadata_csv_is_named_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "c" / "a.txt", ARTICLE)
    (tmp_path / "c" / "metadata.csv").mkdir()  # was: "not a regular file (a pipe, …)"
    with pytest.raises(InputError) as err:
        list(read_corpus(tmp_path / "c"))
    assert str(err.value) == (f"{tmp_path / 'c' / 'metadata.csv'}: is a folder; the metadata "
                              "must be a file")


def test_a_metadata_cell_over_128_kb_is_read(tmp_path: Path) -> None:
    # was: _csv.Error "field larger than field limit (131072)" out of read_corpus
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "metadata.csv", 'file,source,resume\na.txt,Le Monde,"' + "x" * 200_000 + '"\n')
    default = csv.field_size_limit(131_072)  # as in a fresh process (reading a table raises it)
    try:
        (doc,) = list(read_corpus(tmp_path))
    finally:
        csv.field_size_limit(default)
    assert doc.source == "Le Monde" and len(doc.get("resume")) == 200_000


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder for 100,000 files: in memory (/dev/shm) when it has room — five times
    faster to fill than a disk, and the test is about the reader, not the disk — else
    ``tmp_path``. Removed afterwards."""
    import os
    import shutil

    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK):
        st = os.statvfs(shm)
        if st.f_bavail * st.f_frsize > 2_000_000_000:  # 100,000 pages of 4 KB, and room
            with tempfile.TemporaryDirectory(dir=shm, prefix="framing-test-") as d:
                yield Path(d)
            return
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.slow
def test_100000_tiny_files_are_read_lazily_in_path_order_without_leaking_files(
    scratch: Path,
) -> None:
    root = scratch / "fils"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for i in range(100):  # 100 folders of 1,000 files, written as fast as possible
        base = os.path.join(root, f"d{i:03d}")
        os.makedirs(base)
        for j in range(1000):
            n = i * 1000 + j
            fd = os.open(os.path.join(base, f"a{n:06d}.txt"), flags, 0o644)
            os.write(fd, f"Dépêche {n}\nLe sommet {n} s'est ouvert à Astana.\n".encode())
            os.close(fd)
    expected = [f"d{n // 1000:03d}/a{n:06d}.txt" for n in range(100_000)]
    fds = _open_fds()
    corpus = read_corpus(root)
    n_docs = 0
    with _PeakMemory() as peak:
        for doc, want in zip(corpus, expected, strict=True):
            assert doc.doc_id == want
            n_docs += 1
            if n_docs == 50_000:
                assert _open_fds() == fds  # each file is closed once read
    assert n_docs == 100_000
    assert corpus.skipped == ()
    assert _open_fds() == fds
    # the sorted list of 100,000 relative names (about 8 MB) plus one document at a
    # time: about 9 MB; keeping the documents would cost over 50 MB
    assert peak.bytes < 20_000_000, f"reading peaked at {peak.bytes:,} bytes"


def test_report_option_max_doc_mb_skips_and_lists_the_big_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from framing.report import EXIT_SKIPPED, EXIT_USAGE, main

    root = tmp_path / "presse"
    write(root / "a.txt", ARTICLE)
    write(root / "b.txt", ARTICLE + "Le sommet s’est achevé sans déclaration commune.\n" * 9)
    out = tmp_path / "rapport"
    assert main([str(root), "--out", str(out), "--quiet", "--max-doc-mb", "0.0005"]) == EXIT_SKIPPED
    reason = ("file is 690 bytes, over the 0.0005 MB limit for one document (a news article is "
              "rarely over 100 KB); split it into one file per article, or raise the limit with "
              "--max-doc-mb")
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (run["n_documents"], run["skipped"]) == (1, [{"path": "b.txt", "line": None,
                                                          "reason": reason}])
    assert f"framing.report: skipped b.txt: {reason}" in capsys.readouterr().err
    for bad in ("0", "-1", "dix", "inf"):
        with pytest.raises(SystemExit) as info:
            main([str(root), "--out", str(out), "--max-doc-mb", bad])
        assert info.value.code == EXIT_USAGE
        # "0" was replaced inside the bound too: "from 000001 (one byte)"
        expected = ("--max-doc-mb: expected a number of megabytes from 0.000001 (one byte) to "
                    f"1,000,000, not {bad}" if bad != "dix" else
                    "--max-doc-mb: expected a number of megabytes, not 'dix'")
        assert expected in capsys.readouterr().err


def test_sep_is_one_character_or_a_name_and_anything_else_is_one_clear_error(tmp_path: Path) -> None:
    table = tmp_path / "depeches.csv"
    table.write_text("titre\ttexte\nSommet\tLe sommet de l'OCS s'ouvre à Astana.\n", encoding="utf-8")
    for sep in ("\t", "tab", "TAB", "\\t"):
        docs = list(read_corpus(table, sep=sep))
        assert [d.text for d in docs] == ["Sommet\n\nLe sommet de l'OCS s'ouvre à Astana."]
    with pytest.raises(InputError) as exc:
        read_corpus(table, sep=";;")
    assert str(exc.value) == ("--sep ';;': a field separator is one character, e.g. ',' ';' '|' "
                              "or 'tab'; leave it out to detect it")


# ---------------------------------------------------------------------------
# a corpus behind an fsspec URL (object storage); fsspec comes with the dask extra


@pytest.fixture
def memory_folder(folder: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The ``folder`` fixture copied to fsspec's in-memory filesystem, as a URL."""
    fsspec = pytest.importorskip("fsspec", reason='fsspec is not installed (pip install fsspec)')
    fs = fsspec.filesystem("memory")
    root = f"/{request.node.name}/presse"
    write(folder / "metadata.csv", "file,source,date\na.txt,Le Courrier Atlantique,3 juillet 2024\n")
    write(folder / ".git" / "x.txt", "git\nx")
    write(folder / "a.txt~", "sauvegarde\nx")
    write(folder / "vide.txt", "  \n")
    for p in folder.rglob("*"):
        if p.is_file():
            fs.pipe_file(f"{root}/{p.relative_to(folder).as_posix()}", p.read_bytes())
    yield f"memory://{root}"
    fs.rm(f"/{request.node.name}", recursive=True)


def test_a_folder_behind_a_url_reads_like_the_same_local_folder(
    folder: Path, memory_folder: str
) -> None:
    remote = read_corpus(memory_folder)
    docs, skipped = list(remote), remote.skipped
    assert docs == list(read_corpus(folder))
    assert [d.doc_id for d in docs] == ["a.txt", "c.md", "moscou/b.txt"]
    assert (docs[0].source, docs[0].date, docs[0].author) == (
        "Le Courrier Atlantique", "2024-07-03", "Claire Vasseur avec agences"
    )
    assert [(s.path, s.reason) for s in skipped] == [("vide.txt", "empty file (no text)")]
    assert remote.name == "presse"
    assert str(remote.path) == memory_folder
    assert len(remote.article_paths()) == 4


def test_a_table_behind_a_url_is_read_with_its_columns(memory_folder: str) -> None:
    import fsspec

    url = memory_folder + "/export.csv"
    with fsspec.open(url, "wb") as f:
        f.write("titre;texte;journal\nSommet d’Astana;L’OCS se réunit à Astana.;Le Quotidien\n"
                .encode("cp1252"))
    [doc] = list(read_corpus(url))
    assert (doc.doc_id, doc.title, doc.source) == ("1", "Sommet d’Astana", "Le Quotidien")
    assert doc.text == "Sommet d’Astana\n\nL’OCS se réunit à Astana."


def test_a_missing_or_unknown_url_is_one_clear_error(memory_folder: str) -> None:
    with pytest.raises(InputError, match=r"^memory://.*/absent: no such file or folder; give"):
        read_corpus(memory_folder.rsplit("/", 1)[0] + "/absent")
    with pytest.raises(InputError, match=r"^nonexistentproto://corpus: cannot open this URL \("):
        read_corpus("nonexistentproto://corpus")
    # a protocol that connects at once, to a closed port: was ConnectionRefusedError
    with pytest.raises(InputError) as err:
        read_corpus("ftp://127.0.0.1:1/presse")
    assert str(err.value) == ("ftp://127.0.0.1:1/presse: cannot be reached (Connection "
                              "refused); check the address and the network, or give a local path")


def test_a_file_url_is_the_local_path(folder: Path) -> None:
    pytest.importorskip("fsspec", reason='fsspec is not installed (pip install fsspec)')
    corpus = read_corpus(folder.as_uri())
    assert corpus.path == folder
    assert [d.doc_id for d in corpus] == ["a.txt", "c.md", "moscou/b.txt"]


def test_as_documents_reads_every_shape_a_researcher_hands_over(tmp_path: Path) -> None:
    import pandas as pd

    from framing.corpus import as_documents

    text = "Moscou et Pékin affichent leur partenariat."
    folder = tmp_path / "presse"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    shapes = {
        "dataframe": pd.DataFrame({"doc_id": [7], "text": [text]}),
        "dataframe without ids": pd.DataFrame({"text": [text]}),
        "dict": {"d1": text},
        "pairs": [("d1", text)],
        "strings": [text],
        "one string": text,
        "path": folder,
    }
    got = {name: [(d.doc_id, d.text) for d in as_documents(docs)]
           for name, docs in shapes.items()}
    assert got == {
        "dataframe": [("7", text)], "dataframe without ids": [("text1", text)],
        "dict": [("d1", text)], "pairs": [("d1", text)], "strings": [("text1", text)],
        "one string": [("text1", text)], "path": [("a.txt", text)],
    }
    with pytest.raises(TypeError, match=r"^document 2: expected a Document, a text or a "
                                        r"\(doc_id, text\) pair, not int$"):
        list(as_documents([text, 3]))
    with pytest.raises(TypeError, match="not float"):
        list(as_documents(3.5))


def test_table_rows_that_cannot_be_documents_are_skipped_with_their_line(tmp_path: Path) -> None:
    # were: one stray NUL byte refused the whole table ("binary data"), a NUL past the
    # first 4 KB reached the CSV outputs; JSON null, 123 or a list analysed as the text
    # "null", "123", '["x"]'; two rows with one id kept (indistinguishable in every table)
    table = tmp_path / "depeches.csv"
    table.write_bytes(
        "id,source,text\n"
        "a,AFP,Pékin et Moscou affichent leur partenariat.\n"
        "b,TASS,Un contrepoids\x00 à l'hégémonie américaine.\n"
        "a,RIA,Ce partenariat n'est dirigé contre personne.\n".encode())
    records = list(read_corpus(table).records())
    assert [(r.doc_id, r.text) if isinstance(r, Document) else (r.line, r.reason)
            for r in records] == [
        ("a", "Pékin et Moscou affichent leur partenariat."),
        ("b", "Un contrepoids à l'hégémonie américaine."),
        (4, "doc_id 'a' is already the id of row 1; give each article its own id"),
    ]
    lines = tmp_path / "depeches.jsonl"
    lines.write_text("\n".join(json.dumps(o) for o in (
        {"id": "a", "text": "Le sommet de l'OCS s'ouvre à Astana.", "source": None},
        {"id": "b", "text": None}, {"id": "c", "text": 123}, {"id": "d", "text": ["x", "y"]},
    )) + "\n", encoding="utf-8")
    records = list(read_corpus(lines).records())
    assert [(r.doc_id, r.text, r.source) if isinstance(r, Document) else (r.line, r.reason)
            for r in records] == [
        ("a", "Le sommet de l'OCS s'ouvre à Astana.", ""),
        (2, "empty text"),
        (3, "the 'text' field is a number, not a text"),
        (4, "the 'text' field is a list, not a text"),
    ]
    binary = tmp_path / "export.csv"
    binary.write_bytes(b"id,text\n" + b"\x00" * 40 + b"1,x\n")
    with pytest.raises(InputError, match="binary data"):
        list(read_corpus(binary).records())


def test_metadata_rows_that_name_no_article_file_are_warned_about(tmp_path: Path) -> None:
    # was: silently ignored, leaving the article without source or date
    write(tmp_path / "c" / "afp" / "a.txt", ARTICLE)
    (tmp_path / "c" / "metadata.csv").write_text(
        "file,source,date\nafp/a.txt,AFP,2024-07-03\nb.txt,TASS,2024-07-04\n"
        "corpus/afp/a.txt,AFP,2024-07-03\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="name no article file") as caught:
        docs = list(read_corpus(tmp_path / "c"))
    assert [str(w.message) for w in caught] == [
        f"{tmp_path / 'c' / 'metadata.csv'}: 2 row(s) name no article file (first: line 3, "
        "'b.txt'); the 'file' column holds paths relative to the corpus folder, such as "
        "outlet/article.txt"]
    assert [(d.doc_id, d.source) for d in docs] == [("afp/a.txt", "AFP")]


def test_table_options_on_a_folder_of_articles_are_refused(tmp_path: Path) -> None:
    # was: ignored without a word (--encoding bogus, --text-col nosuch: exit 0)
    write(tmp_path / "c" / "a.txt", ARTICLE)
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path / "c", encoding="bogus")
    assert str(err.value) == (
        f"{tmp_path / 'c'}: --encoding applies to a table (CSV/TSV/JSONL), not to articles in "
        ".txt/.md files (their encoding is detected, title and metadata come from the file and "
        "metadata.csv); leave it out")
    with pytest.raises(InputError, match=r": --text-col, --sep apply to a table .* leave them "
                                         r"out$"):
        read_corpus(tmp_path / "c" / "a.txt", text_col="texte", sep=";")


_QUOTES = ('close each quoted cell, and write a quote inside a quoted cell twice ("")')


def test_an_unclosed_quote_skips_the_rows_it_swallows_with_their_lines(tmp_path: Path) -> None:
    # was: the quoted cell of row 2 ran on to the next quote, and rows 3 and 4 became
    # part of its text, with no word about it
    table = tmp_path / "depeches.csv"
    table.write_text(
        "id,text,source\n"
        "1,Le sommet de l'OCS s'ouvre à Astana.,AFP\n"
        '2,"Un contrepoids à l\'hégémonie américaine.,Le Monde\n'
        "3,La Chine et la Russie signent un accord.,Libération\n"
        '4,"Le Kremlin dément toute alliance.",Le Figaro\n'
        '5,Poutine a dit "nous ne créons aucun bloc" à Astana.,TASS\n', encoding="utf-8")
    corpus = read_corpus(table)
    assert [(d.doc_id, d.text) for d in corpus] == [
        ("1", "Le sommet de l'OCS s'ouvre à Astana."),
        ("5", 'Poutine a dit "nous ne créons aucun bloc" à Astana.'),
    ]
    assert [str(s) for s in corpus.skipped] == [
        "depeches.csv:3: quotes do not pair up in the row starting here (',' expected after "
        f"'\"'), so lines 3-5 could not be read; {_QUOTES}",
    ]
    table.write_text('id,text\n1,Pékin salue le sommet.\n2,"Moscou aussi.\n3,Et Astana.\n',
                     encoding="utf-8")
    corpus = read_corpus(table)
    assert [d.doc_id for d in corpus] == ["1"]
    assert [str(s) for s in corpus.skipped] == [
        "depeches.csv:3: quotes do not pair up in the row starting here (unexpected end of "
        f"data), so lines 3-4 could not be read; {_QUOTES}",
    ]


def test_an_unclosed_quote_in_metadata_csv_is_one_error_with_its_line(tmp_path: Path) -> None:
    # was: the rows after it were read as one cell: their articles got no source or date
    write(tmp_path / "c" / "a.txt", ARTICLE)
    meta = tmp_path / "c" / "metadata.csv"
    meta.write_text('file,source\n"a.txt,AFP\nb.txt,TASS\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        list(read_corpus(tmp_path / "c"))
    assert str(exc.value) == (
        f"{meta}:2: quotes do not pair up in the row starting here (unexpected end of data), "
        f"so lines 2-3 could not be read; {_QUOTES}")


def test_a_path_from_the_home_folder_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # was: "~/presse: no such file or folder" from a notebook (the shell expands ~, Python not)
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path / "presse" / "a.txt", ARTICLE)
    assert [d.doc_id for d in read_corpus("~/presse")] == ["a.txt"]


def test_a_table_of_sentences_is_keyed_by_its_id_and_sentence_column(tmp_path: Path) -> None:
    # was: the second sentence of an article was skipped as a repeated article
    table = tmp_path / "phrases.csv"
    table.write_text(
        "doc_id,sent_id,text\n"
        "astana.txt,1,Pékin et Moscou se disent un contrepoids à l'hégémonie américaine.\n"
        "astana.txt,2,Cette coopération n'est dirigée contre personne.\n"
        "astana.txt,1,Le sommet de l'OCS s'ouvre à Astana.\n", encoding="utf-8")
    records = list(read_corpus(table, sentence_col="sent_id").records())
    assert [(r.doc_id, r.meta["sent_id"]) if isinstance(r, Document) else (r.line, r.reason)
            for r in records] == [
        ("astana.txt", "1"), ("astana.txt", "2"),
        (4, "doc_id 'astana.txt' with sent_id '1' is already row 1; give each sentence its "
            "own sent_id"),
    ]
    assert [type(r).__name__ for r in read_corpus(table).records()] == [
        "Document", "Skipped", "Skipped"]  # without sentence_col: one article per id
    with pytest.raises(InputError, match=r"phrases.csv: no column 'phrase' \(the columns are: "
                                         r"doc_id, sent_id, text\); name an existing column "
                                         r"with sentence_col=$"):
        read_corpus(table, sentence_col="phrase")
    assert [r.doc_id for r in read_corpus(table, sentence_col=1)] == ["astana.txt"] * 2
    with pytest.raises(InputError, match=r"column 'doc_id' is both the id column and the "
                                         "sentence column"):
        read_corpus(table, sentence_col="doc_id")
