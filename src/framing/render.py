"""Render a report's sections to Markdown and to self-contained HTML.

The report is assembled as a list of :class:`Section` (title, paragraphs, tables,
figures). The same list is rendered to ``report.md`` and ``index.html``, so both
always hold the same content. Every piece of text from articles, metadata or
lexicons is escaped in HTML (Jinja2 autoescaping) and in Markdown tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from .corpus import Corpus, Skipped
from .output import StagedOutput

if TYPE_CHECKING:
    from .pipeline import DocResult

__all__ = ["Figure", "Section", "Table", "render_report", "to_html", "to_markdown"]


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    caption: str = ""


@dataclass(frozen=True)
class Figure:
    path: str  # relative to the report folder
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    blocks: tuple[Table | Figure, ...] = ()


@dataclass(frozen=True)
class ReportDoc:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    lang: str = "fr"
    meta: Mapping[str, Any] = field(default_factory=dict)


LABELS = {
    "fr": {
        "title": "Rapport de cadrage",
        "subtitle": "Corpus « {name} » — {n} documents, analysés par framing {version}",
        "overview": "Vue d'ensemble du corpus",
        "overview_intro": (
            "Nombre de documents, de phrases et de mots par groupe et par période. "
            "Les fichiers ignorés sont listés avec la raison."
        ),
        "by_group": "Par {by}",
        "by_period": "Par période ({period})",
        "skipped": "Fichiers ignorés",
        "no_skipped": "Aucun fichier ignoré.",
        "documents": "Documents",
        "documents_intro": "Un document par ligne ; cliquez un en-tête pour trier.",
        "group": "groupe",
        "period": "période",
        "n_documents": "documents",
        "n_sentences": "phrases",
        "n_tokens": "mots",
        "file": "fichier",
        "reason": "raison",
        "nav": "Sommaire",
    },
    "en": {
        "title": "Framing report",
        "subtitle": "Corpus “{name}” — {n} documents, analysed by framing {version}",
        "overview": "Corpus overview",
        "overview_intro": (
            "Documents, sentences and words per group and per period. Skipped files are "
            "listed with the reason."
        ),
        "by_group": "By {by}",
        "by_period": "By period ({period})",
        "skipped": "Skipped files",
        "no_skipped": "No file was skipped.",
        "documents": "Documents",
        "documents_intro": "One document per row; click a header to sort.",
        "group": "group",
        "period": "period",
        "n_documents": "documents",
        "n_sentences": "sentences",
        "n_tokens": "words",
        "file": "file",
        "reason": "reason",
        "nav": "Contents",
    },
}


def _period(date: str, period: str) -> str:
    if not date or len(date) < 7 or date[4] != "-":
        return ""
    ts = pd.Timestamp(date) if len(date) >= 10 else None
    if period == "year":
        return date[:4]
    if period == "month":
        return date[:7]
    if period == "week" and ts is not None:
        iso = ts.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return date[:10]


def overview_tables(
    docs: pd.DataFrame, by: str | None, period: str, lang: str = "fr"
) -> list[Table]:
    """Counts of documents, sentences and tokens per group and per period."""
    L = LABELS[lang]
    out: list[Table] = []
    cols = {"doc_id": L["n_documents"], "n_sentences": L["n_sentences"], "n_tokens": L["n_tokens"]}

    def agg(key: pd.Series, name: str) -> pd.DataFrame:
        g = docs.assign(_k=key.replace("", "—")).groupby("_k", sort=True)
        t = g.agg(doc_id=("doc_id", "count"), n_sentences=("n_sentences", "sum"),
                  n_tokens=("n_tokens", "sum")).reset_index()
        return t.rename(columns={"_k": name, **cols})

    if by and by in docs.columns:
        out.append(Table(agg(docs[by].astype(str), by), L["by_group"].format(by=by)))
    if "date" in docs.columns and docs["date"].astype(str).str.len().gt(0).any():
        per = docs["date"].astype(str).map(lambda d: _period(d, period))
        out.append(Table(agg(per, L["period"]), L["by_period"].format(period=period)))
    return out


def render_report(
    staged: StagedOutput,
    results: Sequence[DocResult],
    skipped: Sequence[Skipped],
    *,
    corpus: Corpus,
    run: Mapping[str, Any],
    by: str | None = None,
    period: str = "month",
    lang: str = "fr",
) -> None:
    """Assemble the report's sections and write ``report.md`` and ``index.html``."""
    from . import __version__

    L = LABELS[lang]
    docs = pd.DataFrame([r.document for r in results])
    if by is None and "source" in docs.columns and docs["source"].astype(str).str.len().gt(0).any():
        by = "source"
    sections: list[Section] = []
    blocks: list[Table | Figure] = list(overview_tables(docs, by, period, lang))
    if skipped:
        blocks.append(
            Table(
                pd.DataFrame(
                    [{L["file"]: s.path if s.line is None else f"{s.path}:{s.line}",
                      L["reason"]: s.reason} for s in skipped]
                ),
                L["skipped"],
            )
        )
    paragraphs = [L["overview_intro"]]
    if not skipped:
        paragraphs.append(L["no_skipped"])
    sections.append(Section("overview", L["overview"], tuple(paragraphs), tuple(blocks)))
    doc_cols = [c for c in ("doc_id", "title", "source", "date", "author", "n_sentences",
                            "n_tokens", "sentiment") if c in docs.columns]
    sections.append(
        Section("documents", L["documents"], (L["documents_intro"],),
                (Table(docs[doc_cols], ""),))
    )
    report = ReportDoc(
        title=L["title"],
        subtitle=L["subtitle"].format(name=corpus.name, n=len(results), version=__version__),
        sections=tuple(sections),
        lang=lang,
        meta=dict(run),
    )
    staged.path("report.md").write_text(to_markdown(report), encoding="utf-8")
    staged.path("index.html").write_text(to_html(report), encoding="utf-8")


# ---------------------------------------------------------------------------
# Markdown


def _md_cell(v: Any) -> str:
    s = "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
    if isinstance(v, float):
        s = f"{v:.3f}"
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _md_table(t: Table) -> str:
    df = t.frame
    lines = []
    if t.caption:
        lines.append(f"**{_md_cell(t.caption)}**\n")
    header = [str(c) for c in df.columns]
    lines.append("| " + " | ".join(_md_cell(h) for h in header) + " |")
    lines.append("|" + "|".join("---" for _ in header) + "|")
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    return "\n".join(lines)


def to_markdown(report: ReportDoc) -> str:
    parts = [f"# {report.title}", "", report.subtitle, ""]
    for s in report.sections:
        parts += [f"## {s.title}", ""]
        for p in s.paragraphs:
            parts += [_md_cell(p), ""]
        for b in s.blocks:
            if isinstance(b, Table):
                parts += [_md_table(b), ""]
            else:
                parts += [f"![{_md_cell(b.alt)}]({b.path})", ""]
                if b.caption:
                    parts += [f"*{_md_cell(b.caption)}*", ""]
    return "\n".join(parts).rstrip() + "\n"


# ---------------------------------------------------------------------------
# HTML


def _env():  # type: ignore[no-untyped-def]
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("framing", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def to_html(report: ReportDoc) -> str:
    tpl = _env().get_template("report.html.j2")
    return tpl.render(report=report, Table=Table, fmt=_fmt, L=LABELS[report.lang])
