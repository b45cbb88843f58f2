"""Europresse HTML exports, read as articles (framing.europresse)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import framing.europresse as europresse
from framing.corpus import Document, Skipped, read_corpus
from framing.europresse import read_export
from framing.report import EXIT_SKIPPED, main

#: An export written for these tests in Europresse's format: three articles, the
#: third without its text.
EXPORT = Path(__file__).parent / "data" / "europresse_export.html"


def _records(path: Path) -> list[Document | Skipped]:
    return list(read_corpus(path).records())


def test_every_article_of_an_export_is_a_document_with_its_metadata() -> None:
    first, second, third = _records(EXPORT)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.doc_id, first.source, first.date, first.title, first.author, first.path) == (
        "news·20240703·CA·2024070312345", "Le Courrier Atlantique", "2024-07-03",
        "À Astana, l'OCS se rêve en contrepoids", "Claire Vasseur", "europresse_export.html")
    # the highlighted search term (<mark>) is plain text; a <br> inside a sentence is a
    # space, a <p> a paragraph; the style and the script leave nothing
    assert first.text == (
        "À Astana, l'OCS se rêve en contrepoids\n\n"
        "Réunis au sommet de l'OCS, Xi Jinping et Vladimir Poutine ont présenté le bloc comme "
        "un contrepoids à l'hégémonie américaine.\n\n"
        "« Notre coopération n’est dirigée contre personne », a assuré le président russe, "
        "devant les délégations.")
    assert dict(first.meta) == {
        "europresse_header": "International, mercredi 3 juillet 2024 612 mots, p. 4",
        "europresse_source": "Le Courrier Atlantique, no. 24716",
        "date_raw": "3 juillet 2024"}
    assert (second.title, second.source, second.date) == (
        "Pékin salue un partenariat « sans limites »", "Agence Eurasia Info", "2024-07-04")
    assert third == Skipped("europresse_export.html", "article 3: no text (no "
                            "docOcurrContainer or DocText); export it again from Europresse")


def test_an_export_without_article_elements_is_one_article_dated_by_its_number() -> None:
    # older exports: spans, no <article>; a header without a date
    html = ('<html><body><span class="DocPublicationName">Horizons Sud (site web)</span>'
            '<span class="DocHeader">Analyse</span>'
            '<span class="TitreArticleVisu titreArticle">Le Sud global et l\'OCS</span>'
            '<div class="docOcurrContainer"><p>New Delhi refuse de choisir un camp.</p>'
            '<p>Pour l\'Inde, la <b>souveraineté</b> passe avant tout.</p></div>'
            '<div class="publiC-lblNodoc">news·20250901·HS·0042</div></body></html>')
    (doc,) = read_export(html, "ancien.html")
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.source, doc.date, doc.title) == (
        "news·20250901·HS·0042", "Horizons Sud", "2025-09-01", "Le Sud global et l'OCS")
    assert doc.text == ("Le Sud global et l'OCS\n\nNew Delhi refuse de choisir un camp.\n\n"
                        "Pour l'Inde, la souveraineté passe avant tout.")


def test_two_line_breaks_make_a_paragraph_and_a_missing_number_gives_file_ids() -> None:
    html = ('<article><div class="docOcurrContainer">Premier paragraphe.<br/><br/>'
            'Second paragraphe.</div></article>'
            '<article><div class="docOcurrContainer">Un autre article.</div></article>')
    docs = list(read_export(html, "sans_numeros.html"))
    assert [(d.doc_id, d.text) for d in docs if isinstance(d, Document)] == [
        ("sans_numeros.html#1", "Premier paragraphe.\n\nSecond paragraphe."),
        ("sans_numeros.html#2", "Un autre article.")]


def test_an_html_page_that_is_not_an_export_is_skipped_with_what_to_do() -> None:
    page = ("<html><body><article><h1>Mon blog</h1><p>Un billet sur l'OCS.</p></article>"
            "</body></html>")
    assert list(read_export(page, "blog.html")) == [Skipped(
        "blog.html", "an HTML file but not a Europresse export (no article text found); "
                     "save articles as .txt files, or export them again from Europresse")]


def test_an_export_read_in_pieces_gives_the_same_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    # the parser is fed a piece at a time and hands articles on as they close: piece
    # boundaries inside tags, entities and words change nothing
    text = EXPORT.read_text(encoding="utf-8")
    whole = list(read_export(text, "e.html"))
    monkeypatch.setattr(europresse, "_FEED_CHARS", 7)
    assert list(read_export(text, "e.html")) == whole


def test_a_folder_mixes_articles_and_exports_and_reads_an_overlap_once(tmp_path: Path) -> None:
    corpus = tmp_path / "presse"
    (corpus / "exports").mkdir(parents=True)
    shutil.copy(EXPORT, corpus / "exports" / "juillet.html")
    shutil.copy(EXPORT, corpus / "exports" / "juillet_bis.htm")  # the same articles again
    (corpus / "note.txt").write_text("Une note\n\nL'OCS se réunit à Astana.", encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "file,source,requete\nexports/juillet.html,Europresse,OCS Astana\n", encoding="utf-8")
    records = _records(corpus)
    docs = [r for r in records if isinstance(r, Document)]
    assert [(d.doc_id, d.source, d.get("requete")) for d in docs] == [
        ("news·20240703·CA·2024070312345", "Le Courrier Atlantique", "OCS Astana"),
        ("news·20240704·AE·2024070400077", "Agence Eurasia Info", "OCS Astana"),
        ("note.txt", "", "")]
    assert [r.reason for r in records if isinstance(r, Skipped)] == [
        "article 3: no text (no docOcurrContainer or DocText); export it again from Europresse",
        "article news·20240703·CA·2024070312345 was read already, from exports/juillet.html "
        "(exports that overlap)",
        "article news·20240704·AE·2024070400077 was read already, from exports/juillet.html "
        "(exports that overlap)",
        "article 3: no text (no docOcurrContainer or DocText); export it again from Europresse"]


def test_the_report_analyses_an_export(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    # exit 3: one article was skipped (the one without text), and listed
    assert main([str(EXPORT), "--out", str(out), "--quiet", "--no-spreadsheet"]) == EXIT_SKIPPED
    hits = (out / "hits.csv").read_text(encoding="utf-8").splitlines()
    assert any(h.startswith("news·20240703·CA·2024070312345,") and
               ",counterweight_to_us_hegemony," in h for h in hits)
    assert any(",cooperation_not_against_anyone," in h and ",quote," in h for h in hits)
    documents = (out / "documents.csv").read_text(encoding="utf-8")
    assert ",Le Courrier Atlantique,2024-07-03," in documents


def test_markup_that_never_closes_its_tags_is_read() -> None:
    # 50,000 unclosed <b> and as many stray </span>: each end tag is settled at once
    # (a backward search per stray end tag would be quadratic), nesting is followed
    # to MAX_DEPTH only, and the words are all there
    html = ('<article><div class="docOcurrContainer"><p>' + "<b>mot " * 50_000
            + "</span>" * 50_000 + "</p></div></article>")
    (doc,) = read_export(html, "balises.html")
    assert isinstance(doc, Document)
    assert doc.text.split() == ["mot"] * 50_000


#: The current layout's header and body around a title block, for the cases below.
def _article(title_block: str, body: str, header: str = "Monde, mercredi 3 juillet 2024",
             extra: str = "") -> str:
    return (f'<article><header><div class="rdp__DocPublicationName"><span '
            f'class="DocPublicationName">Le Courrier Atlantique (site web)</span></div>'
            f'<div class="rdp__DocHeader"><span class="DocHeader">{header}</span></div>'
            f'{title_block}{extra}</header><section><div class="DocText clearfix">'
            f'<div class="docOcurrContainer">{body}</div></div></section></article>')


def test_the_title_proper_the_subtitle_the_author_line_and_the_body_are_told_apart() -> None:
    html = _article(
        '<div class="titreArticle"><p class="sm-margin-TopNews titreArticleVisu '
        'rdp__articletitle">Astana, sommet des ambiguïtés</p><p class="rdp__subtitle">'
        "L'OCS s'élargit au Bélarus</p></div>",
        "<p>Astana, sommet des ambiguïtés</p><p>Le bloc se veut un contrepoids.</p>"
        "<table><tr><td>Membres</td><td>10</td></tr></table>"
        '<p>Cet article est paru dans <a href="https://exemple.fr">Le Courrier Atlantique '
        "(site web)</a></p>",
        extra='<p class="sm-margin-bottomNews">Claire Vasseur</p>')
    (doc,) = read_export(html, "web.html")
    assert isinstance(doc, Document)
    # was: the subtitle in the title, the title twice, "Membres10", the site link kept
    assert (doc.title, doc.author, doc.source, doc.get("subtitle")) == (
        "Astana, sommet des ambiguïtés", "Claire Vasseur", "Le Courrier Atlantique",
        "L'OCS s'élargit au Bélarus")
    assert doc.text == ("Astana, sommet des ambiguïtés\n\nLe bloc se veut un contrepoids."
                        "\n\nMembres 10")
    assert doc.get("europresse_source") == "Le Courrier Atlantique (site web)"


def test_the_date_is_the_one_after_the_weekday_not_one_in_the_section() -> None:
    # was 2024-07-14, the date in the section's name
    html = _article('<p class="titreArticleVisu">Défilé</p>', "<p>Le défilé aura lieu.</p>",
                    header="Spécial 14 juillet 2024, mercredi 10 juillet 2024 300 mots")
    (doc,) = read_export(html, "d.html")
    assert isinstance(doc, Document) and doc.date == "2024-07-10"
    html = _article('<p class="titreArticleVisu">Summit</p>', "<p>The summit opened.</p>",
                    header="World, Wednesday, July 3, 2024 412 words")
    (doc,) = read_export(html, "e.html")
    assert isinstance(doc, Document) and doc.date == "2024-07-03"


def test_the_docText_block_gives_the_body_only_without_a_docOcurrContainer() -> None:
    html = ('<article><div class="DocText clearfix"><p>Légende de la photo</p>'
            '<div class="docOcurrContainer"><p>Le corps de l\'article.</p></div></div>'
            '</article><article><div class="DocText clearfix"><p>Un texte sans conteneur.'
            '</p></div></article>')
    docs = list(read_export(html, "t.html"))
    assert [d.text for d in docs if isinstance(d, Document)] == [
        "Le corps de l'article.", "Un texte sans conteneur."]


#: Two articles without <article> elements: the plain layout, then one whose wrapper and
#: span both name the outlet, with the number at the top and the bottom and a title in
#: two elements (was: a false "no text" article, "Le MondeLe Monde", doubled ids).
PLAIN = ('<span class="DocPublicationName">{src}</span><div class="docOcurrContainer">'
         '<p>{text}</p></div><div class="publiC-lblNodoc">news·{d}·XX·{n}</div>')
WRAPPED = ('<div class="rdp__DocPublicationName"> <span class="DocPublicationName">{src}'
           '</span></div><div class="publiC-lblNodoc">news·{d}·XX·{n}</div>'
           '<p class="titreArticleVisu">Premier</p><p class="titreArticleVisu">titre</p>'
           '<div class="docOcurrContainer"><p>{text}</p></div>'
           '<div class="publiC-lblNodoc">news·{d}·XX·{n}</div>')


@pytest.mark.parametrize(("one", "title"), [(PLAIN, ""), (WRAPPED, "Premier titre")])
def test_an_export_without_article_elements_starts_an_article_at_each_outlet_name(
        one: str, title: str) -> None:
    html = (one.format(src="Le Monde", text="Texte 1.", d="20140301", n="1")
            + one.format(src="Libération", text="Texte 2.", d="20140302", n="2"))
    docs = list(read_export(html, "sans_article.html"))
    head = f"{title}\n\n" if title else ""
    assert [(d.doc_id, d.source, d.date, d.title, d.text) for d in docs] == [
        ("news·20140301·XX·1", "Le Monde", "2014-03-01", title, f"{head}Texte 1."),
        ("news·20140302·XX·2", "Libération", "2014-03-02", title, f"{head}Texte 2.")]


def test_the_layout_before_2013_is_skipped_once_with_what_to_do() -> None:
    # that layout marks outlet, header and title, but no body: was "article 1: no text"
    html = ('<table><tr><td><span class="DocPublicationName">Mag</span><br>'
            '<span class="DocHeader">mercredi </span><span class="DocHeader">3 octobre 2012'
            '</span><br><span class="TitreArticleVisu">Un titre</span><br>Le texte, hors de '
            'tout conteneur.<p></p>Numéro de document : news·20121003·MA·1</td></tr></table>')
    assert list(read_export(html, "2012.html")) == [Skipped(
        "2012.html", "a Europresse export in the layout used before 2013 (no "
                     "docOcurrContainer), which framing does not read; export the articles "
                     "again from Europresse")]


def test_metadata_csv_fills_what_an_export_leaves_out(tmp_path: Path) -> None:
    corpus = tmp_path / "presse"
    corpus.mkdir()
    (corpus / "dossier.html").write_text(
        '<article><div class="docOcurrContainer"><p>Un texte sans en-tête.</p></div></article>'
        + _article('<p class="titreArticleVisu">Titre</p>', "<p>Un texte daté.</p>"),
        encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "file,source,date,requete\ndossier.html,Presse régionale,2024-07-01,OCS\n",
        encoding="utf-8")
    docs = list(read_corpus(corpus))
    # an article without outlet or date takes the file's; the export's own values win
    assert [(d.source, d.date, d.get("requete")) for d in docs] == [
        ("Presse régionale", "2024-07-01", "OCS"), ("Le Courrier Atlantique", "2024-07-03", "OCS")]


def test_an_article_over_the_document_limit_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    corpus = tmp_path / "presse"
    corpus.mkdir()
    long_body = "<p>" + "mot " * 400 + "</p>"
    (corpus / "e.html").write_text(
        _article('<p class="titreArticleVisu">Long</p>', long_body)
        + _article('<p class="titreArticleVisu">Court</p>', "<p>Bref.</p>"), encoding="utf-8")
    records = list(read_corpus(corpus, max_document_mb=0.001).records())
    assert [type(r).__name__ for r in records] == ["Skipped", "Document"]
    assert records[0].reason.startswith("article e.html#1 is 1,6")
    assert records[0].reason.endswith("; leave it out of the export, or raise the limit with "
                                      "--max-doc-mb")


def test_an_export_over_its_limit_is_skipped_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    import framing.corpus as corpus_module

    monkeypatch.setattr(corpus_module, "_EXPORT_LIMIT", 2_000)  # the fixture is over 2 kB
    size = EXPORT.stat().st_size
    assert list(read_corpus(EXPORT, max_document_mb=0.001).records()) == [Skipped(
        "europresse_export.html", f"export is {size:,} bytes, over the 2,000 an export may be "
        "(each article is held to --max-doc-mb); export the selection in smaller parts")]


def test_the_author_line_is_docAuthors_else_the_last_byline_outside_the_body() -> None:
    rubric = '<p class="sm-margin-bottomNews">International</p>'
    byline = '<p class="sm-margin-bottomNews">Jean Dupont</p>'
    body = '<p>Le texte.</p><p class="sm-margin-bottomNews">Une ligne du texte.</p>'
    (doc,) = read_export(_article("", body, extra=rubric + byline), "a.html")
    assert isinstance(doc, Document)
    assert (doc.author, doc.text) == ("Jean Dupont", "Le texte.\n\nUne ligne du texte.")
    (doc,) = read_export(_article('<div class="docAuthors">Claire Vasseur</div>', body,
                                  extra=rubric + byline), "b.html")
    assert isinstance(doc, Document) and doc.author == "Claire Vasseur"


def test_articles_without_a_body_in_a_current_export_are_listed_one_by_one() -> None:
    # a selection of PDF-only articles: was taken for the layout before 2013
    one = ('<article><span class="DocPublicationName">Le Monde</span>'
           '<div class="publiC-lblNodoc">news·2024070{n}·LM·{n}</div></article>')
    assert [r.reason for r in read_export(one.format(n=1) + one.format(n=2), "pdf.html")] == [
        "article 1: no text (no docOcurrContainer or DocText); export it again from Europresse",
        "article 2: no text (no docOcurrContainer or DocText); export it again from Europresse"]


def test_a_sentence_that_mentions_where_an_article_appeared_is_kept() -> None:
    body = ("<p>Ce texte a été traduit. Cet article est paru dans The Economist le 3 juillet, "
            "et nous le reprenons…</p>")
    (doc,) = read_export(_article('<p class="titreArticleVisu">Repris</p>', body), "r.html")
    assert isinstance(doc, Document) and doc.text.endswith("et nous le reprenons…")


def test_among_dates_after_a_weekday_the_document_number_decides() -> None:
    html = _article('<p class="titreArticleVisu">Bilan</p>', "<p>Bilan du sommet.</p>",
                    header="Spécial du samedi 29 juin 2024, mercredi 3 juillet 2024",
                    extra='<div class="publiC-lblNodoc">news·20240703·CA·7</div>')
    (doc,) = read_export(html, "d.html")
    assert isinstance(doc, Document) and doc.date == "2024-07-03"


def test_a_british_date_and_an_unclosed_script_are_read_and_said() -> None:
    # a British-style header (was: the document number's date); an unclosed <script>
    # hides the rest of the file (was: silently)
    first = _article('<p class="titreArticleVisu">Summit</p>', "<p>The summit opened.</p>",
                     header="World news, Wednesday 3 July 2024 612 words")
    hidden = _article('<p class="titreArticleVisu">Caché</p>', "<p>Jamais lu.</p>")
    records = list(read_export(first + "<script>var x = 1;" + hidden, "s.html"))
    assert [(type(r).__name__, getattr(r, "date", None)) for r in records] == [
        ("Document", "2024-07-03"), ("Skipped", None)]
    assert records[1] == Skipped("s.html", "a <script> element is not closed: the rest of the "
                                 "file after it was not read; export it again from Europresse")
