"""Europresse HTML exports: every article of an export file as a :class:`Document`.

Europresse, the press database most French-speaking researchers work from, saves a
selection of articles as one HTML file. :func:`framing.read_corpus` reads such files
(``.html``/``.htm``) beside ``.txt`` articles, in a folder or alone; this module does
the parsing, with the standard library's HTML parser (no extra dependency).

What is read, by the ``class`` attributes the export gives its elements (both the
older names and the ``rdp__`` ones of current exports):

* each ``<article>`` element is one article (a file without any is one article);
* ``DocPublicationName``: the outlet (``source``), cut before an issue number
  (``Le Monde, no. 24716`` → ``Le Monde``);
* ``DocHeader``: the line with the section, the date and the length; its first date
  (``mercredi 3 juillet 2024``, ``July 3, 2024``) is the article's ``date``;
* ``titreArticle`` / ``titreArticleVisu``: the title; ``docAuthors``: the author;
* ``docOcurrContainer`` (else ``DocText``): the body, one paragraph per ``<p>``;
* ``publiC-lblNodoc``: the document number (``news·20240703·LM·…``), which becomes the
  ``doc_id`` (so the same article in two exports is read once), and gives the date
  when the header has none. Without it the id is ``FILE#N``, N counting from 1.

Search-term highlighting (``<mark>``, coloured ``<span>``), scripts and styles leave
nothing in the text. An article without a body is skipped with its number; an HTML
file with no article body at all is skipped as "not a Europresse export".
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import chain

from .corpus import EXPORT_SUFFIXES, Document, Skipped, _make_document

__all__ = ["EXPORT_SUFFIXES", "read_export"]

#: The field each ``class`` token marks (Europresse's names, older and current).
_FIELDS = {
    "DocPublicationName": "source", "rdp__DocPublicationName": "source",
    "DocHeader": "header", "rdp__DocHeader": "header",
    "titreArticle": "title", "titreArticleVisu": "title", "rdp__articletitle": "title",
    "docAuthors": "author",
    "docOcurrContainer": "body", "DocText": "text",
    "publiC-lblNodoc": "number",
}
#: Elements that never have an end tag.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})
#: Elements that end a paragraph of the text they are in (``<br>`` ends a line only:
#: two in a row end a paragraph).
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
                     "blockquote", "section", "header", "footer", "article", "table"})
#: Elements whose content is never text.
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
_SPACES_RE = re.compile(r"\s+")
#: Deepest nesting followed; elements opened deeper are read as if they had no end
#: tag (news markup nests a dozen levels; a file of unclosed tags stays linear).
MAX_DEPTH = 1000
#: Characters fed to the parser at a time (articles are handed on as they close).
_FEED_CHARS = 1 << 20

_DATE_RE = re.compile(
    r"\b\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|"
    r"septembre|octobre|novembre|décembre|decembre)\s+\d{4}\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},\s+\d{4}\b", re.IGNORECASE)
#: A Europresse document number: ``news·20240703·LM·2024070312345`` (middle dots).
_NUMBER_RE = re.compile(r"[\w-]+·(\d{8})·[^\s<]+")
#: Where an outlet's name ends: an issue number, a line break, a parenthesis.
_SOURCE_END_RE = re.compile(r",\s*(?:no|n°|nº)\s*\.?\s*\d.*$|\s*[\n(].*$",
                            re.IGNORECASE | re.DOTALL)


class _ExportParser(HTMLParser):
    """Collects the fields of each article; finished articles wait in :attr:`done`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: deque[dict[str, str]] = deque()
        self._article: dict[str, list[str]] | None = None
        self._article_depth = -1
        self._stack: list[tuple[str, str | None]] = []  # (tag, field it opens)
        self._open: Counter[str] = Counter()  # how many of each tag are on the stack
        self._field: str | None = None
        self._hidden = 0

    def _current(self) -> dict[str, list[str]]:
        if self._article is None:  # an export without <article>: one article
            self._article = {}
        return self._article

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
            return
        if tag == "article":
            self._finish()
            self._article, self._article_depth = {}, len(self._stack)
        self._break(tag)
        if tag in _VOID or len(self._stack) >= MAX_DEPTH:
            return
        opened = None
        if self._field is None:
            classes = next((v for k, v in attrs if k == "class" and v), "")
            opened = next((_FIELDS[c] for c in classes.split() if c in _FIELDS), None)
            if opened is not None:
                self._field = opened
                self._current().setdefault(opened, [])
        self._stack.append((tag, opened))
        self._open[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)

    def _break(self, tag: str) -> None:
        """A paragraph break before or after a block, a line break at ``<br>``."""
        if self._field is not None and (tag in _BLOCKS or tag == "br"):
            self._current().setdefault(self._field, []).append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if tag in _VOID or not self._open[tag]:  # a stray end tag: ignored, at once
            return
        # tolerant of unclosed elements: close up to the nearest open tag of this name
        # (each element is closed once, so the scans add up to the elements opened)
        k = len(self._stack) - 1
        while self._stack[k][0] != tag:
            k -= 1
        for name, opened in self._stack[k:]:
            self._open[name] -= 1
            if opened is not None:
                self._field = None
        del self._stack[k:]
        self._break(tag)
        if tag == "article" and len(self._stack) <= self._article_depth:
            self._finish()

    def handle_data(self, data: str) -> None:
        if self._field is not None and not self._hidden:
            # the source's own line breaks and indentation are spaces in HTML: only the
            # elements (<p>, <br>) break lines
            self._current().setdefault(self._field, []).append(_SPACES_RE.sub(" ", data))

    def _finish(self) -> None:
        if self._article:  # an <article> with no Europresse field is no article
            self.done.append({k: "".join(v) for k, v in self._article.items()})
        self._article, self._article_depth, self._field = None, -1, None

    def close(self) -> None:
        super().close()
        self._finish()


def _line(text: str) -> str:
    """``text`` on one line, spaces collapsed."""
    return " ".join(text.split())


def _paragraphs(text: str) -> str:
    """The paragraphs of ``text`` (separated by blank lines), each on one line with
    its spaces collapsed (a single ``<br>`` inside a sentence is a space), empty ones
    dropped, separated by a blank line."""
    return "\n\n".join(p for p in (_line(x) for x in _PARAGRAPH_RE.split(text)) if p)


_PARAGRAPH_RE = re.compile(r"\n[^\S\n]*\n\s*")


def _document(fields: dict[str, str], name: str, k: int) -> Document | Skipped:
    body = _paragraphs(fields.get("body", "")) or _paragraphs(fields.get("text", ""))
    if not body:
        return Skipped(name, f"article {k}: no text (no docOcurrContainer or DocText); "
                             "export it again from Europresse")
    title = _line(fields.get("title", ""))
    source = _line(_SOURCE_END_RE.sub("", fields.get("source", "").strip()))
    header = _line(fields.get("header", ""))
    number = _NUMBER_RE.search(fields.get("number", ""))
    found = _DATE_RE.search(header)
    raw_date = found.group() if found else ""
    if not raw_date and number:
        d = number.group(1)
        raw_date = f"{d[:4]}-{d[4:6]}-{d[6:]}"
    meta = {"source": source, "date": raw_date}
    if header:
        meta["europresse_header"] = header  # section, date, length, page
    doc_id = number.group() if number else f"{name}#{k}"
    return _make_document(doc_id, f"{title}\n\n{body}" if title else body, title,
                          _line(fields.get("author", "")), name, meta)


def read_export(text: str, name: str) -> Iterator[Document | Skipped]:
    """The articles of the Europresse export ``text`` (file ``name``, for ids and
    messages), in file order: a :class:`Document` each, or a :class:`Skipped` for an
    article without a body; one :class:`Skipped` for a file with no article body."""
    parser = _ExportParser()
    chunks = (text[i : i + _FEED_CHARS] for i in range(0, len(text), _FEED_CHARS))
    k = 0
    for chunk in chain(chunks, [None]):  # None: the end of the file
        if chunk is None:
            parser.close()
        else:
            parser.feed(chunk)
        while parser.done:
            k += 1
            yield _document(parser.done.popleft(), name, k)
    if not k:
        yield Skipped(name, "an HTML file but not a Europresse export (no article text "
                            "found); save articles as .txt files, or export them again from "
                            "Europresse")
