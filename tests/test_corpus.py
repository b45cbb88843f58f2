"""Corpus readers: folders in the agency layout, metadata, front matter, tables, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def test_reading_is_lazy_one_document_at_a_time(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
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


def test_missing_path_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope: no such file or folder; give the path"):
        read_corpus(tmp_path / "nope")


def test_empty_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.txt or \.md articles found in this folder"):
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
