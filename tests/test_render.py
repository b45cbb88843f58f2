"""Rendering: the same sections in Markdown and HTML, escaped text, highlighted pages."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from framing.render import (
    LABELS,
    DocumentPage,
    ReportData,
    ReportDoc,
    Section,
    Table,
    highlight,
    to_html,
    to_markdown,
)


def report(text: str) -> ReportDoc:
    table = pd.DataFrame({"doc_id": ["a|b"], "title": [text]})
    return ReportDoc("Titre", "Sous-titre", (Section("s1", "1. Section", (text,), (Table(table, "Légende"),)),))


def test_markdown_escapes_pipes_and_angle_brackets() -> None:
    md = to_markdown(report("<b>Un titre | piégé</b>"))
    assert "| a\\|b | &lt;b>Un titre \\| piégé&lt;/b> |" in md
    # was "p &lt; 0.001" in the Markdown source: a "<" that starts no tag stays as it is
    cells = to_markdown(ReportDoc("T", "", (Section("s", "S", (), (Table(pd.DataFrame(
        {"p": ["< 0.001"], "lien": ["<https://exemple.fr>"], "commentaire": ["<!-- x -->"]}),
        "c"),)),)))
    assert "| < 0.001 | &lt;https://exemple.fr> | &lt;!-- x --> |" in cells
    assert "## 1. Section" in md


def test_html_escapes_article_text_everywhere() -> None:
    html = to_html(report('<script>alert("x")</script>" onload="x'))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#34; onload=&#34;x" in html


def test_html_policy_allows_only_the_report_script_and_no_network() -> None:
    import base64
    import hashlib
    import re

    html = to_html(report('<script>alert("x")</script>'))
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert csp[1] == ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
                      f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def test_html_and_markdown_have_the_same_sections() -> None:
    r = report("texte")
    assert '<section id="s1">' in to_html(r)
    assert "## 1. Section" in to_markdown(r)


def test_highlight_marks_hits_negation_and_quotes_with_escaped_text() -> None:
    text = "Un <contrepoids> ? «Non», dit Poutine."
    hits = [{"char_start": 3, "char_end": 16, "frame": "cw", "negated": "True", "voice": "narrator"}]
    quotes = [{"char_start": 19, "char_end": 24, "kind": "speech", "speaker": "Poutine",
               "actor": "Vladimir Poutine"}]
    html = highlight(text, hits, quotes, {"cw": 0}, LABELS["fr"])
    # was "cw (niée)": a hit, not a feminine noun
    assert ('<mark class="f0 neg" title="cw (occurrence niée) — narrateur">&lt;contrepoids&gt;'
            '</mark>') in html
    assert '<span class="quote" title="Vladimir Poutine">«Non»</span><sup class="speaker">Vladimir Poutine</sup>' in html


def test_labels_exist_in_both_languages() -> None:
    assert set(LABELS["fr"]) == set(LABELS["en"])


# --- document pages, sorting, formatting ---------------------------------------------

#: The nine frames of the geopolitique lexicon, as the report labels them in French.
GEO_LABELS = {
    "anti_western_bloc": "Bloc anti-occidental",
    "cooperation_not_against_anyone": "Une coopération dirigée contre personne",
    "counterweight_to_us_hegemony": "Contrepoids à l'hégémonie américaine",
    "security_and_stability": "Sécurité et stabilité",
    "shared_development": "Développement partagé",
    "sovereignty_non_interference": "Souveraineté et non-ingérence",
    "strategic_partnership": "Partenariat stratégique",
    "war_as_aggression": "La guerre comme agression",
    "war_euphemism": "Euphémismes de la guerre",
}
ARTICLE = ("Xi et Poutine à Astana\n\nL'axe des autocraties défend son «opération militaire "
           "spéciale», a dit un diplomate.")


def _hit(frame: str, matched: str, voice: str = "narrator", negated: bool = False) -> dict:
    start = ARTICLE.index(matched)
    return {"doc_id": "a.txt", "sent_id": 1, "char_start": start,
            "char_end": start + len(matched), "frame": frame, "matched": matched,
            "negated": negated, "voice": voice, "speaker": "", "actor": ""}


def _data(**changes: object) -> ReportData:
    """A one-document report on a real French sentence, with the nine geopolitique
    frames (``changes`` replaces fields)."""
    hits = (_hit("anti_western_bloc", "axe des autocraties"),
            _hit("war_euphemism", "opération militaire spéciale", voice="scare_quote"))
    page = DocumentPage("a.txt", "Xi et Poutine à Astana", ARTICLE,
                        {"source": "Le Courrier Atlantique", "date": "2024-07-03"}, -0.2,
                        "negative", hits, ())
    fields: dict = {
        "corpus_name": "presse", "hits": pd.DataFrame(list(hits)),
        "docs": pd.DataFrame({"doc_id": ["a.txt"], "source": ["Le Courrier Atlantique"],
                           "date": ["2024-07-03"], "n_sentences": [2], "n_tokens": [17]}),
        "examples": pd.DataFrame(), "quotes": pd.DataFrame(), "actors": pd.DataFrame(),
        "lemma_counts": {}, "pages": (page,), "skipped": (),
        "frame_labels": {f: {"fr": lab, "en": f} for f, lab in GEO_LABELS.items()},
        "lexicons": (), "run": {}, "by": "source"}
    fields.update(changes)
    return ReportData(**fields)


def _pages(tmp_path: Path, data: ReportData) -> list[str]:
    from framing.output import StagedOutput
    from framing.render import _write_pages

    out = tmp_path / "out"
    with StagedOutput(out) as staged:
        names = {p.doc_id: f"documents/{i + 1:05d}.html" for i, p in enumerate(data.pages)}
        _write_pages(staged, data, names, LABELS[data.lang])
    return [(out / n).read_text(encoding="utf-8") for n in names.values()]


def _styles(page: str) -> dict[str, str]:
    return dict(re.findall(r"\.(f\d+) \{ (.*?) \}", page))


def test_every_frame_of_a_report_has_its_own_highlight_style(tmp_path: Path) -> None:
    # was: 8 colours for 9 frames, "Bloc anti-occidental" (1st) and "Euphémismes de la
    # guerre" (9th) both in f0
    page = _pages(tmp_path, _data())[0]
    styles = _styles(page)
    assert len(styles) == 9 and len(set(styles.values())) == 9
    assert styles["f0"] == "background: #cce3f0;"
    assert styles["f8"] == "background: #cce3f0; border: 2px solid #333;"
    assert '<mark class="f0" title="Bloc anti-occidental — narrateur">axe des autocraties' in page
    assert ('<mark class="f8" title="Euphémismes de la guerre — guillemets">opération '
            'militaire spéciale</mark>') in page
    assert ('<span class="f0">Bloc anti-occidental</span><span class="f8">Euphémismes de la '
            'guerre</span>') in page


def test_highlight_styles_stay_distinct_for_hundreds_of_frames() -> None:
    from framing.render import highlight_style

    styles = [highlight_style(i) for i in range(300)]
    assert len(set(styles)) == 300
    assert styles[32] == "background: hsl(0.0, 75%, 82%);"
    assert styles[40] == "background: hsl(20.1, 75%, 82%); border: 2px solid #333;"


def test_tooltips_give_the_frame_label_and_voice_in_english(tmp_path: Path) -> None:
    page = _pages(tmp_path, _data(lang="en"))[0]
    assert 'title="war_euphemism — scare quote"' in page  # the English label is the id here


def _sort_script() -> str:
    html = to_html(report("texte"))
    script = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)[0]
    return script[script.index("var NUMBER"):script.index("document.querySelectorAll")]


@pytest.mark.skipif(shutil.which("node") is None, reason="no Node.js to run the page's script")
def test_sortable_tables_sort_dates_as_text_and_whole_numbers_numerically() -> None:
    # was: parseFloat("2024-07-02") = 2024, so the dates of one year kept their order;
    # the French report's decimal commas ("0,003", "-0,08") sort as numbers, its
    # intervals "[-0,26 ; 0,14]" as text, "< 0,001" just below 0.001 (was text:
    # sorting a p column put the smallest p-values last), and a k/n cell by its share
    # (was text: "10/12 (83 %)" before "2/12 (17 %)", a new user's reading)
    cells = ["2024-07-02", "2024-10-21", "2024-07-03", "2023-12-31", "—", "12 %", "-3,5",
             "38 %", "0.5", "+2", "3/8 (38 %) [14 %–69 %]", "< 0.001", "7", "0,003", "-0,08",
             "[-0,26 ; 0,14]", "< 0,001", "0.001", "10/12 (83 %)"]
    js = _sort_script() + (
        f"var cells = {cells!r};\n".replace("'", '"')
        + "cells.sort(compareCells); console.log(JSON.stringify(cells));")
    out = subprocess.run(["node", "-e", js], capture_output=True, text=True, timeout=30,
                         check=True).stdout
    assert json.loads(out) == ["-3,5", "-0,08", "< 0.001", "< 0,001", "0.001", "0,003",
                               "3/8 (38 %) [14 %–69 %]", "0.5", "10/12 (83 %)", "+2", "7",
                               "12 %", "38 %", "[-0,26 ; 0,14]", "2023-12-31", "2024-07-02",
                               "2024-07-03", "2024-10-21", "—"]


@pytest.mark.parametrize(("share", "fr", "en"), [
    (1 / 8, "13 %", "13%"),  # was 12 %: Python rounds 12.5 to even
    (3 / 8, "38 %", "38%"),
    (5 / 8, "63 %", "63%"),
    (29 / 200, "15 %", "15%"),  # 100 * 0.145 is 14.499999999999998 in floating point
    (0.0, "0 %", "0%"),
    (float("nan"), "—", "—"),
])
def test_percentages_round_half_up_and_follow_the_language(share: float, fr: str,
                                                           en: str) -> None:
    from framing.render import _pct

    assert (_pct(share, LABELS["fr"]), _pct(share, LABELS["en"])) == (fr, en)


@pytest.mark.parametrize(("lang", "tone", "kappa", "trained"), [
    # was "-0.08", "[-0.26, 0.14]", "0.77" and "1,234 textes" (one point two three four)
    # in the French report, beside its own "p ajusté < 0,05"
    ("fr", ["-0,08", "[-0,26 ; 0,14]"], ["0,77", "[0,62 ; 0,93]"],
     "FrameClassifier : 9 cadres, entraîné sur 1\u202f234 textes, sha256:abcd"),
    # guard: the English report keeps its decimal points
    ("en", ["-0.08", "[-0.26, 0.14]"], ["0.77", "[0.62, 0.93]"],
     "FrameClassifier: 9 frames, trained on 1,234 texts, sha256:abcd"),
])
def test_tables_write_numbers_as_the_report_language_does(tmp_path: Path, lang: str,
                                                          tone: list[str], kappa: list[str],
                                                          trained: str) -> None:
    import numpy as np

    from framing.output import StagedOutput
    from framing.render import _classifier, _Figures, _tone

    L = LABELS[lang]
    # five documents (stats.BOOTSTRAP_MIN_N, for an interval): mean -0.4/5 = -0.08
    docs = pd.DataFrame({"doc_id": [f"{i}.txt" for i in range(5)],
                         "source": ["Le Courrier Atlantique"] * 5, "date": ["2024-07-03"] * 5,
                         "n_sentences": [2] * 5, "n_tokens": [17] * 5,
                         "sentiment": [-0.4, -0.2, -0.1, 0.0, 0.3]})
    with StagedOutput(tmp_path / "out") as staged:
        table = _tone(_data(docs=docs, lang=lang), L, _Figures(staged)).blocks[0].frame
    assert table[[L["mean"], L["ci"]]].values.tolist() == [tone]
    # sentences: 8 both, 2 lexicon only, 1 classifier only, 19 neither; κ = (27/30 −
    # 17/30) / (13/30) = 0.77
    per_doc = np.array([[2, 0, 0, 3], [1, 1, 0, 3], [2, 0, 1, 2], [1, 0, 0, 4], [1, 1, 0, 3],
                        [1, 0, 0, 4]])
    classifier = pd.DataFrame({"doc_id": ["a.txt"], "sent_id": [1],
                               "frame": ["anti_western_bloc"], "negated": [False]})
    section = _classifier(_data(classifier=classifier, lang=lang,
                                agreement={"anti_western_bloc": (8, 2, 1, 19)},
                                agreement_by_doc={"anti_western_bloc": per_doc},
                                model_info=(9, 1234, "abcd")), L)
    assert section is not None
    assert section.blocks[0].frame[["κ", L["ci"]]].values.tolist() == [kappa]
    assert trained in section.paragraphs[0]


@pytest.mark.parametrize(("lang", "cell", "page"), [
    ("fr", "0,250", "<dd>-0,200 négative</dd>"),  # was 0.250 and -0.200
    ("en", "0.250", "<dd>-0.200 negative</dd>"),  # guard: unchanged in English
])
def test_float_cells_and_page_tone_follow_the_report_language(tmp_path: Path, lang: str,
                                                               cell: str, page: str) -> None:
    # a float left as it is in a table (the documents' tone) and on a document's page
    r = ReportDoc("T", "", (Section("s", "S", (), (Table(pd.DataFrame(
        {"document": ["a.txt"], "tonalité": [0.25]}), "c"),)),), lang=lang)
    assert f"| a.txt | {cell} |" in to_markdown(r)
    assert f'<td class="num">{cell}</td>' in to_html(r)  # still a number, right-aligned
    assert page in _pages(tmp_path, _data(lang=lang))[0]


@pytest.mark.parametrize(("value", "fr", "en"), [
    (-0.001, "0,00", "0.00"),  # was "-0,00": a sign on a value shown as zero (a review)
    (-0.126, "-0,13", "-0.13"),
    (float("nan"), "—", "—"),
])
def test_numbers_rounding_to_zero_lose_their_sign(value: float, fr: str, en: str) -> None:
    from framing.render import _num

    assert (_num(value, "fr"), _num(value, "en")) == (fr, en)


def test_p_values_and_numpy_floats_are_written_in_the_report_language() -> None:
    import numpy as np

    from framing.render import _fmt, _p

    assert [_p(x, "fr") for x in (0.0004, 0.001, 0.0456)] == ["< 0,001", "0,001", "0,046"]
    # was "1e-05" and "-0,000" (numpy's float32 went through str(); negative zero)
    assert [_fmt(x, "fr") for x in (np.float32(1e-5), np.float32(0.25), -0.0001)] == [
        "0,000", "0,250", "0,000"]


@pytest.mark.parametrize(("cell", "num"), [
    ("0,003", True), ("-0.08", True), ("< 0,001", True), ("12 %", True),
    ("[0,21 ; 0,43]", False), ("3/8 (38 %)", False), ("2024-07-02", False), ("—", False),
])
def test_numbers_written_as_text_are_right_aligned_like_numbers(cell: str, num: bool) -> None:
    # was: only Python numbers were; the report's p-values, means and G² are text
    # ("0,003"), left-aligned beside the counts
    r = ReportDoc("T", "", (Section("s", "S", (), (Table(pd.DataFrame(
        {"lemme": ["paix"], "p": [cell]}), "c"),)),), lang="fr")
    td = '<td class="num">' if num else "<td>"
    assert f"{td}{html.escape(cell)}</td>" in to_html(r)


def test_table_notes_are_under_the_table_in_html_and_markdown() -> None:
    t = Table(pd.DataFrame({"acteur": ["—"], "total": [3]}), "Qui parle ?",
              "La ligne « — » compte les citations dont le locuteur n'a pas été trouvé.")
    r = ReportDoc("Titre", "Sous-titre", (Section("s1", "1. Section", (), (t,)),))
    assert ("</table>\n</div>\n<p class=\"note\">La ligne « — » compte les citations dont le "
            "locuteur n&#39;a pas été trouvé.</p>") in to_html(r)
    assert ("| — | 3 |\n\n*La ligne « — » compte les citations dont le locuteur n'a pas été "
            "trouvé.*") in to_markdown(r)


def test_examples_are_taken_from_each_group_in_turn() -> None:
    # was: the first 6 hits in doc_id order, so the alphabetically first outlet's only
    from framing.render import spread_examples

    ex = pd.DataFrame({
        "doc_id": ["atl/1.txt", "atl/1.txt", "atl/2.txt", "atl/3.txt", "dep/1.txt",
                   "dep/2.txt", "sud/1.txt"],
        "group": ["Le Courrier Atlantique"] * 4 + ["Dépêches Internationales"] * 2
        + ["Horizons Sud"],
        "matched": ["axe des autocraties", "front commun contre l'Occident",
                    "alliance des régimes autoritaires", "bloc anti-occidental",
                    "club anti-occidental", "axe des autocraties", "front anti-occidental"],
    })
    picked = spread_examples(ex, k=6)
    assert picked["doc_id"].tolist() == ["dep/1.txt", "sud/1.txt", "atl/1.txt", "dep/2.txt",
                                         "atl/2.txt", "atl/3.txt"]
    assert picked["matched"].tolist()[2] == "axe des autocraties"  # a document's first hit
    assert spread_examples(ex, k=2)["doc_id"].tolist() == ["dep/1.txt", "sud/1.txt"]
    assert spread_examples(ex.drop(columns="group"), k=2)["doc_id"].tolist() == [
        "atl/1.txt", "atl/2.txt"]


def test_prevalence_says_documents_without_a_source_are_not_tested(tmp_path: Path) -> None:
    from framing.output import StagedOutput
    from framing.render import _Figures, _prevalence

    docs = pd.DataFrame({"doc_id": ["a.txt", "b.txt", "c.txt"],
                         "source": ["Le Courrier Atlantique", "Horizons Sud", ""],
                         "date": ["2024-07-03"] * 3, "n_sentences": [2] * 3,
                         "n_tokens": [17] * 3})
    with StagedOutput(tmp_path / "out") as staged:
        fr = _prevalence(_data(docs=docs), LABELS["fr"], _Figures(staged))
        en = _prevalence(_data(docs=docs, lang="en"), LABELS["en"], _Figures(staged))
        alone = _prevalence(_data(), LABELS["fr"], _Figures(staged))
        ungrouped = _prevalence(_data(by=None), LABELS["fr"], _Figures(staged))
    # was "(groupe (none))" in the French report: the identifier, not a French name
    assert fr.paragraphs[1] == ("Les documents sans valeur de « source » (groupe « (non "
                                "renseigné) ») "
                                "figurent dans les tableaux mais pas dans le test du χ² ni "
                                "dans les comparaisons deux à deux, et n'ont pas de "
                                "vocabulaire distinctif à eux : ce n'est pas un groupe.")
    assert en.paragraphs[1].startswith("Documents without a value of “source” (group “(none)”)")
    assert not any("(none)" in p or "renseigné" in p for p in alone.paragraphs)
    # the prevalence tables' column of those documents, in the report's language
    assert list(fr.blocks[0].frame.columns) == ["cadre", "(non renseigné)", "Horizons Sud",
                                                "Le Courrier Atlantique"]
    assert list(en.blocks[1].frame.columns) == ["frame", "(none)", "Horizons Sud",
                                                "Le Courrier Atlantique"]
    # the χ² table's k/n cell: was "Horizons Sud: 0/1; Le Courrier Atlantique: 1/1" in
    # French too (the stats table's text)
    [fr_counts] = [t.frame["k/n"].tolist() for t in fr.blocks
                   if isinstance(t, Table) and t.caption == LABELS["fr"]["assoc_table"]]
    [en_counts] = [t.frame["k/n"].tolist() for t in en.blocks
                   if isinstance(t, Table) and t.caption == LABELS["en"]["assoc_table"]]
    assert fr_counts == ["Horizons Sud\u202f: 0/1\u202f; Le Courrier Atlantique\u202f: 1/1"] * 2
    assert en_counts == ["Horizons Sud: 0/1; Le Courrier Atlantique: 1/1"] * 2  # guard
    # a corpus without groups: its one group "(all)" is "ensemble" in French (was "all")
    assert list(ungrouped.blocks[0].frame.columns) == ["cadre", "ensemble"]


def test_voice_columns_follow_the_order_of_their_caption() -> None:
    # was alphabetical: "guillemets | narrateur" under "(narrateur / citation / …)"
    from framing.render import _voice

    fr = _voice(_data(), LABELS["fr"]).blocks[0]
    en = _voice(_data(lang="en"), LABELS["en"]).blocks[0]
    assert isinstance(fr, Table) and isinstance(en, Table)
    assert list(fr.frame.columns) == ["groupe", "cadre", "narrateur", "guillemets"]
    assert list(en.frame.columns) == ["group", "frame", "narrator", "scare quote"]


def test_the_tables_of_a_section_list_the_frames_in_dictionary_order(tmp_path: Path) -> None:
    # was code-point order in the prevalence tables ("Souveraineté" before "Sécurité",
    # é after z) and frame-id order in the χ² table below them (a new user's reading)
    from framing.output import StagedOutput
    from framing.render import _Figures, _prevalence

    hits = pd.DataFrame([_hit("sovereignty_non_interference", "axe des autocraties"),
                         _hit("security_and_stability", "opération militaire spéciale")])
    with StagedOutput(tmp_path / "out") as staged:
        section = _prevalence(_data(hits=hits), LABELS["fr"], _Figures(staged))
    orders = [t.frame["cadre"].tolist() for t in section.blocks if isinstance(t, Table)]
    assert orders == [["Sécurité et stabilité", "Souveraineté et non-ingérence"]] * 3


def test_the_method_table_names_its_parameters_in_the_report_language() -> None:
    # was "by", "period", "overlap", "month", "version pandas" in the French report
    from framing.render import _method

    run = {"overlap": "frame", "versions": {"pandas": "2.2.3"}}
    table = _method(_data(run=run, period="month"), LABELS["fr"]).blocks[-1]
    assert isinstance(table, Table)
    rows = dict(zip(table.frame["paramètre"], table.frame["valeur"], strict=True))
    assert (rows["regroupement (--by)"], rows["période (--period)"],
            rows["chevauchements (--overlap)"], rows["version de pandas"]) == (
        "source", "mois", "frame", "2.2.3")


def test_the_speaker_note_says_when_no_hit_is_left_out() -> None:
    # was "0 occurrence(s) non niée(s) … n'y figurent pas" (a new user's reading)
    from framing.render import _voice

    quoted = {**_hit("anti_western_bloc", "axe des autocraties", voice="quote"),
              "speaker": "Sergueï Lavrov", "actor": "Sergueï Lavrov"}
    unknown = {**quoted, "actor": ""}
    notes = [[b.note for b in _voice(_data(hits=pd.DataFrame(rows)), LABELS["fr"]).blocks
              if isinstance(b, Table) and b.caption == LABELS["fr"]["speaker_table"]]
             for rows in ([quoted], [quoted, unknown])]
    assert notes[0] == ["Seuls les locuteurs que la table des acteurs reconnaît (un acteur "
                        "canonique) sont comptés ; toutes les occurrences non niées des "
                        "citations sont de tels locuteurs."]
    assert notes[1][0].startswith("Seuls les locuteurs que la table des acteurs reconnaît "
                                  "(un acteur canonique) sont comptés ; 1 occurrence(s)")


def test_a_corpus_of_one_group_says_it_has_no_keyness(tmp_path: Path) -> None:
    # was the section's introduction followed by nothing (a new user's reading)
    from framing.output import StagedOutput
    from framing.render import _Figures, _keyness

    with StagedOutput(tmp_path / "out") as staged:
        one = _keyness(_data(lemma_counts={"(all)": {"sommet": 9}}, by=None), LABELS["fr"],
                       _Figures(staged))
    assert (one.blocks, one.paragraphs[-1]) == (
        (), "Un seul groupe : pas de vocabulaire distinctif à comparer.")


def test_keyness_tables_are_headed_in_the_report_language(tmp_path: Path) -> None:
    # was "lemme/lemma" and "n (reste/rest)" in both languages
    from framing.output import StagedOutput
    from framing.render import _Figures, _keyness

    counts = {"Agence Eurasia Info": {"multipolaire": 30, "sommet": 10, "partenariat": 20},
              "Le Courrier Atlantique": {"autocratie": 30, "sommet": 10, "menace": 20},
              "(none)": {"dépêche": 30, "sommet": 10}}
    with StagedOutput(tmp_path / "out") as staged:
        fr = _keyness(_data(lemma_counts=counts), LABELS["fr"], _Figures(staged))
        en = _keyness(_data(lemma_counts=counts, lang="en"), LABELS["en"], _Figures(staged))
    assert list(fr.blocks[0].frame.columns) == ["lemme", "G²", "log ratio", "n", "n (reste)", "p",
                                                "q (BH)"]
    assert list(en.blocks[0].frame.columns) == ["lemma", "G²", "log ratio", "n", "n (rest)", "p",
                                                "q (BH)"]
    assert fr.blocks[0].frame["lemme"].tolist() == ["multipolaire", "partenariat"]
    # the documents without a source: in the rest, without a table of their own
    assert [b.caption for b in fr.blocks if hasattr(b, "frame")] == [
        "Agence Eurasia Info contre le reste", "Le Courrier Atlantique contre le reste"]


def test_keyness_tables_give_the_fdr_q_value_beside_p(tmp_path: Path) -> None:
    # was: only the uncorrected p, one per lemma of thousands
    from framing.output import StagedOutput
    from framing.render import _Figures, _keyness

    # KEYNESS_MIN_FREQ 5 tests multipolaire (p 0.004735), sommet, autocratie (p 0.000301):
    # q = 0.004735 × 3/2 and 0.000301 × 3/1 (test_stats has the hand computation)
    counts = {"Agence": {"multipolaire": 10, "sommet": 5, "rare": 1},
              "Courrier": {"multipolaire": 1, "sommet": 5, "autocratie": 9}}
    with StagedOutput(tmp_path / "out") as staged:
        fr = _keyness(_data(lemma_counts=counts), LABELS["fr"], _Figures(staged))
        en = _keyness(_data(lemma_counts=counts, lang="en"), LABELS["en"], _Figures(staged))
    agence, courrier = (b.frame for b in fr.blocks if isinstance(b, Table))
    # was "0.005", "< 0.001" in the French report beside its "p ajusté < 0,05"
    assert agence[["lemme", "p", "q (BH)"]].values.tolist() == [["multipolaire", "0,005", "0,007"]]
    assert courrier[["lemme", "p", "q (BH)"]].values.tolist() == [
        ["autocratie", "< 0,001", "< 0,001"], ["sommet", "0,919", "0,919"]]
    # G² of autocratie: 2 × 9 × ln(9 / (9 × 15/31)) = 13.07
    assert courrier[["lemme", "G²"]].values.tolist() == [["autocratie", "13,07"], ["sommet", "0,01"]]
    agence_en, courrier_en = (b.frame for b in en.blocks if isinstance(b, Table))
    assert agence_en[["lemma", "p", "q (BH)"]].values.tolist() == [
        ["multipolaire", "0.005", "0.007"]]
    assert courrier_en[["lemma", "G²", "p"]].values.tolist() == [
        ["autocratie", "13.07", "< 0.001"], ["sommet", "0.01", "0.919"]]
    assert fr.blocks[0].note == "q (BH) : ajustée sur les 3 lemmes testés pour ce groupe."
    assert en.blocks[0].note == "q (BH): adjusted over the 3 lemmas tested for this group."
    assert "Les tableaux sont triés par G², non par p ou q." in fr.paragraphs[0]
    assert "The tables are sorted by G², not by p or q." in en.paragraphs[0]


@pytest.mark.parametrize(("lang", "none"), [
    ("fr", "(non renseigné)"),  # was "(none)", the identifier, in the French report
    ("en", "(none)"),  # guard: the English name is the identifier
])
def test_documents_without_a_group_are_named_alike_in_every_table(lang: str, none: str,
                                                                  tmp_path: Path) -> None:
    # was "—" in the overview and an empty name in "who speaks", "(none)" elsewhere
    from framing.output import StagedOutput
    from framing.render import _examples, _Figures, _overview, _tone, _voice

    docs = pd.DataFrame({"doc_id": ["a.txt", "b.txt", "c.txt"],
                         "source": ["Le Courrier Atlantique", "", None],
                         "date": ["2024-07-03", "", "2024-07-04"], "n_sentences": [2, 3, 4],
                         "n_tokens": [17, 20, 30], "sentiment": [-0.2, 0.1, 0.3]})
    quotes = pd.DataFrame({"doc_id": ["a.txt", "b.txt"], "quote_id": [1, 2], "kind": "speech",
                           "speaker": "Sergueï Lavrov", "actor": "Sergueï Lavrov"})
    examples = pd.DataFrame({"doc_id": ["b.txt"], "frame": ["war_euphemism"],
                             "group": ["(none)"], "left": ["son "],
                             "matched": ["opération militaire spéciale"], "right": [""],
                             "voice": ["narrator"], "speaker": [""], "negated": [False]})
    hits = pd.DataFrame([_hit("anti_western_bloc", "axe des autocraties"),
                         {**_hit("war_euphemism", "opération militaire spéciale"),
                          "doc_id": "b.txt"}])
    data = _data(docs=docs, hits=hits, quotes=quotes, examples=examples, lang=lang,
                 period="day")
    L = LABELS[lang]
    by_group, by_day = _overview(data, L).blocks[:2]
    assert by_group.frame.iloc[:, 0].tolist() == [none, "Le Courrier Atlantique"]
    assert by_group.frame.iloc[:, 1].tolist() == [2, 1]
    assert by_day.frame.iloc[:, 0].tolist() == [none, "2024-07-03", "2024-07-04"]
    voice = _voice(data, L).blocks
    assert voice[0].frame[L["group"]].tolist() == [none, "Le Courrier Atlantique"]
    assert list(voice[-1].frame.columns) == [L["actor"], none, "Le Courrier Atlantique", "total"]
    with StagedOutput(tmp_path / "out") as staged:
        tone = _tone(data, L, _Figures(staged)).blocks[0].frame
    assert tone[L["group"]].tolist() == [none, "Le Courrier Atlantique"]
    assert _examples(data, L).blocks[0].frame[L["group"]].tolist() == [none]


def test_examples_name_the_speaker_as_the_actor_table_does() -> None:
    # was the mention as written ("le chef du Kremlin"), beside "Vladimir Poutine" in
    # the "who speaks" table, and a column "niée" that could only say "non"
    from framing.render import _examples

    examples = pd.DataFrame({
        "doc_id": ["a.txt", "b.txt"], "frame": ["war_euphemism"] * 2, "group": ["", ""],
        "left": ["son ", "une "], "matched": ["opération militaire spéciale"] * 2,
        "right": ["", ""], "voice": ["quote", "quote"],
        "speaker": ["le chef du Kremlin", "un diplomate"], "actor": ["Vladimir Poutine", ""],
        "negated": [False, False]})
    table = _examples(_data(examples=examples, by=None), LABELS["fr"]).blocks[0]
    assert isinstance(table, Table)
    assert table.frame["locuteur"].tolist() == ["Vladimir Poutine", "un diplomate"]
    assert "niée" not in table.frame.columns


def test_who_speaks_lists_tied_speakers_in_alphabetical_order() -> None:
    # was: any order within a tie, so which tied speakers made the top 25 was arbitrary
    from framing.render import WHO_SPEAKS_TOP, _voice

    names = ["Xi Jinping", "Vladimir Poutine", "Vladimir Poutine", "Xi Jinping",
             *(f"Porte-parole {i:02d}" for i in range(30, 0, -1))]
    quotes = pd.DataFrame({"doc_id": "a.txt", "quote_id": range(len(names)), "kind": "speech",
                           "speaker": names, "actor": names})
    section = _voice(_data(quotes=quotes), LABELS["fr"])
    table = section.blocks[-1].frame
    assert WHO_SPEAKS_TOP == 25
    assert table["acteur"].tolist()[:4] == ["Vladimir Poutine", "Xi Jinping", "Porte-parole 01",
                                            "Porte-parole 02"]
    assert table["acteur"].tolist()[-1] == "Porte-parole 23"
