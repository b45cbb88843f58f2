"""The per-document analysis: ``Document → DocResult``.

Every document is processed on its own by :func:`analyze`, so the same function
serves one process, a pool of processes, or a cluster engine; aggregation only
ever sees the small :class:`DocResult` rows. Column names of the rows are the
output contract (``shared/DESIGN.md``) and never change with an argument.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .corpus import Document
from .tokens import Tokens, stopwords, tokens

__all__ = [
    "DOCUMENT_COLUMNS",
    "SENTENCE_COLUMNS",
    "Analyzer",
    "DocResult",
    "analyze",
]

DOCUMENT_COLUMNS = (
    "doc_id", "path", "title", "author", "source", "date", "n_sentences", "n_tokens",
    "sentiment", "sentiment_label",
)
SENTENCE_COLUMNS = (
    "doc_id", "sent_id", "char_start", "char_end", "voice", "speaker", "sentiment",
    "sentiment_label", "text",
)

Row = dict[str, Any]


@dataclass(frozen=True)
class DocResult:
    """What one document contributes to a report: contract rows and small counts."""

    doc_id: str
    document: Row
    sentences: tuple[Row, ...]
    meta: Mapping[str, str] = field(default_factory=dict)
    lemma_counts: Mapping[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analyzer:
    """The configured analysis (lexicons, sentiment lexicon, actor table).

    Picklable, so that worker processes receive it once.
    """

    keyness_min_chars: int = 2

    def __call__(self, doc: Document) -> DocResult:
        return analyze(doc, self)


def _content_lemmas(toks: Tokens, min_chars: int) -> Counter[str]:
    stops = stopwords()
    return Counter(
        t.lemma
        for t in toks.tokens
        if t.kind == "word" and len(t.norm) >= min_chars and t.norm not in stops
        and t.lemma not in stops
    )


def analyze(doc: Document, analyzer: Analyzer | None = None) -> DocResult:
    """Analyse one document."""
    an = analyzer or Analyzer()
    toks = tokens(doc.text)
    sent_rows: list[Row] = []
    for s in toks.sentences:
        sent_rows.append(
            {
                "doc_id": doc.doc_id,
                "sent_id": s.index,
                "char_start": s.start,
                "char_end": s.end,
                "voice": "narrator",
                "speaker": "",
                "sentiment": "",
                "sentiment_label": "",
                "text": toks.sentence_text(s),
            }
        )
    document = {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "title": doc.title,
        "author": doc.author,
        "source": doc.source,
        "date": doc.date,
        "n_sentences": len(toks.sentences),
        "n_tokens": toks.n_words,
        "sentiment": "",
        "sentiment_label": "",
    }
    return DocResult(
        doc_id=doc.doc_id,
        document=document,
        sentences=tuple(sent_rows),
        meta=dict(doc.meta),
        lemma_counts=dict(_content_lemmas(toks, an.keyness_min_chars)),
    )


def merge_counts(results: Sequence[DocResult]) -> Counter[str]:
    total: Counter[str] = Counter()
    for r in results:
        total.update(r.lemma_counts)
    return total
