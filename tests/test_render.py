"""Rendering: the same sections in Markdown and HTML, escaped text, highlighted pages."""

from __future__ import annotations

import pandas as pd

from framing.render import LABELS, ReportDoc, Section, Table, highlight, to_html, to_markdown


def report(text: str) -> ReportDoc:
    table = pd.DataFrame({"doc_id": ["a|b"], "title": [text]})
    return ReportDoc("Titre", "Sous-titre", (Section("s1", "1. Section", (text,), (Table(table, "Légende"),)),))


def test_markdown_escapes_pipes_and_angle_brackets() -> None:
    md = to_markdown(report("<b>Un titre | piégé</b>"))
    assert "| a\\|b | &lt;b&gt;Un titre \\| piégé&lt;/b&gt; |" in md
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
    assert '<mark class="f0 neg" title="cw (niée) — narrator">&lt;contrepoids&gt;</mark>' in html
    assert '<span class="quote" title="Vladimir Poutine">«Non»</span><sup class="speaker">Vladimir Poutine</sup>' in html


def test_labels_exist_in_both_languages() -> None:
    assert set(LABELS["fr"]) == set(LABELS["en"])


def test_kappa_and_its_standard_error_by_hand() -> None:
    from framing.render import kappa_with_se

    # po = 0.8, pa = pb = 0.5, pe = 0.5: kappa = 0.6; se = sqrt(0.8 * 0.2 / (100 * 0.25)) = 0.08
    k, se = kappa_with_se(40, 10, 10, 40)
    assert (round(k, 6), round(se, 6)) == (0.6, 0.08)
