"""Europresse HTML exports: every article of an export file as a :class:`Document`.

Europresse, the press database most French-speaking researchers work from, saves a
selection of articles as one HTML file. :func:`framing.read_corpus` reads such files
(``.html``/``.htm``) beside ``.txt`` articles, in a folder or alone; this module does
the parsing, with the standard library's HTML parser (no extra dependency).

What is read, by the ``class`` attributes the export gives its elements:

* each ``<article>`` element is one article; in a file without them, an article
  starts where an outlet name follows an article's body;
* ``DocPublicationName``: the outlet (``source``), cut before an issue number or a
  parenthesis (``Le Monde, no. 24716``, ``Le Monde (site web)`` → ``Le Monde``; the
  name as written is kept as ``europresse_source``);
* ``DocHeader``: the line with the section, the date and the length, kept as
  ``europresse_header``; the date is the one after a weekday (``mercredi 3 juillet
  2024``, ``Wednesday, July 3, 2024``, ``Wednesday 3 July 2024``) that is the document
  number's, else the first after a weekday (not one in a section name, ``Spécial 14
  juillet``), else the document number's;
* ``titreArticleVisu`` (inside ``titreArticle``, beside ``rdp__subtitle``, kept as
  ``subtitle``): the title; ``docAuthors``: the author (without it, the last
  ``sm-margin-bottomNews`` line outside the body, a class that also marks rubrics);
* ``docOcurrContainer`` (else the ``DocText`` block around it): the body, one
  paragraph per ``<p>``; a web article's repeated title and its closing "Cet article
  est paru dans …" link are left out;
* ``publiC-lblNodoc``: the document number (``news·20240703·LM·…``), which becomes the
  ``doc_id`` (so the same article in two exports is read once). Without it the id is
  ``FILE#N``, N counting from 1.

Search-term highlighting (``<mark>``, coloured ``<span>``), scripts and styles leave
nothing in the text (a ``<script>`` never closed hides the rest of the file, which is
said); table cells are separated by a space. An article without a body
is skipped with its number; a file with no article, or in the layout Europresse used
before 2013 (no element marks the body there), is skipped once with what to do.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import chain

from .corpus import (
    _MONTHS,
    EXPORT_SUFFIXES,
    Document,
    Skipped,
    _make_document,
    normalize_date,
)

__all__ = ["EXPORT_SUFFIXES", "read_export"]

#: The field each ``class`` token marks (Europresse's names). Fields nest: text goes to
#: the innermost one, so the title proper (``titreArticleVisu``) is told from the
#: wrapper that also holds the subtitle (``titreArticle``), and the body
#: (``docOcurrContainer``) from the ``DocText`` block around it.
_FIELDS = {
    "DocPublicationName": "source", "rdp__DocPublicationName": "source",
    "DocHeader": "header", "rdp__DocHeader": "header",
    "titreArticle": "title_block",
    "titreArticleVisu": "title", "TitreArticleVisu": "title", "rdp__articletitle": "title",
    "rdp__subtitle": "subtitle",
    "docAuthors": "author", "sm-margin-bottomNews": "byline",
    "docOcurrContainer": "body", "DocText": "text",
    "publiC-lblNodoc": "number",
}
#: The field that, met again outside any ``<article>`` after an article's body, starts
#: the next article (exports that do not wrap their articles).
_FIRST_FIELD = "source"
#: Fields whose elements are not read inside the body (``sm-margin-bottomNews`` also
#: marks rubric labels; inside the text it is text).
_OUTSIDE_BODY = frozenset({"byline"})
_BODY_FIELDS = ("body", "text")
#: Elements that never have an end tag.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})
#: Elements that end a paragraph of the text they are in (``<br>`` ends a line only:
#: two in a row end a paragraph; a table cell is followed by a space).
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                     "dl", "dt", "dd", "tr", "table", "caption", "figure", "figcaption",
                     "hr", "blockquote", "section", "header", "footer", "article"})
_CELLS = frozenset({"td", "th"})
#: Elements whose content is never text.
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
_SPACES_RE = re.compile(r"\s+")
#: Deepest nesting followed; elements opened deeper are read as if they had no end
#: tag (news markup nests a dozen levels).
MAX_DEPTH = 1000
#: Characters fed to the parser at a time (articles are handed on as they close; the
#: file itself is read and decoded whole, about 3 bytes of memory per byte of file).
_FEED_CHARS = 1 << 20

#: The month names and abbreviations :func:`framing.normalize_date` reads (French and
#: English), longest first so that ``juillet`` is not read as ``juil``.
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = ("lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Monday|Tuesday|"
             "Wednesday|Thursday|Friday|Saturday|Sunday")
#: A date in a header; group "day" is the weekday before it, if any.
_DATE_RE = re.compile(
    rf"(?:\b(?P<day>{_WEEKDAYS}),?\s+)?"
    rf"(?P<date>\b\d{{1,2}}(?:er)?\s+(?:{_MONTH_NAMES})\.?\s+\d{{4}}\b"
    rf"|\b(?:{_MONTH_NAMES})\s+\d{{1,2}},\s+\d{{4}}\b)", re.IGNORECASE)
#: A Europresse document number: ``news·20240703·LM·2024070312345`` (middle dots).
_NUMBER_RE = re.compile(r"[\w-]+·(\d{8})·[^\s<]+")
#: Where an outlet's name ends: an issue number, a line break, a parenthesis.
_SOURCE_END_RE = re.compile(r",\s*(?:no|n°|nº)\s*\.?\s*\d.*$|\s*[\n(].*$",
                            re.IGNORECASE | re.DOTALL)
#: The line a web article's body ends with, a link back to the outlet's site (no
#: sentence ends after it: "Cet article est paru dans The Economist le 3 juillet, et
#: nous le reprenons…" is text).
_SITE_LINK_RE = re.compile(r"\s*\bCet article est paru dans [^.!?…]*$")


class _ExportParser(HTMLParser):
    """Collects the fields of each article; finished articles wait in :attr:`done`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: deque[dict[str, str]] = deque()
        self._article: dict[str, list[str]] | None = None
        self._article_depth = -1
        self._stack: list[tuple[str, str | None]] = []  # (tag, field it opens)
        self._open: Counter[str] = Counter()  # how many of each tag are on the stack
        self._fields: list[str] = []  # the fields open, innermost last
        self._hidden = 0
        self.saw_article = False  # an <article> element was met

    def _current(self) -> dict[str, list[str]]:
        if self._article is None:  # an export without <article>
            self._article = {}
        return self._article

    def _add(self, text: str) -> None:
        if self._fields and not self._hidden:
            self._current().setdefault(self._fields[-1], []).append(text)

    def _break(self, tag: str) -> None:
        """A paragraph break at a block, a line break at ``<br>``, a space at a cell."""
        if tag in _BLOCKS:
            self._add("\n\n")
        elif tag == "br":
            self._add("\n")
        elif tag in _CELLS:
            self._add(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
            return
        if tag == "article":
            self._finish()
            self._article, self._article_depth = {}, len(self._stack)
            self.saw_article = True
        self._break(tag)
        if tag in _VOID or len(self._stack) >= MAX_DEPTH:
            return
        classes = next((v for k, v in attrs if k == "class" and v), "")
        opened = next((_FIELDS[c] for c in classes.split() if c in _FIELDS), None)
        if opened in _OUTSIDE_BODY and any(f in _BODY_FIELDS for f in self._fields):
            opened = None
        if opened is not None:
            if (opened == _FIRST_FIELD and self._article_depth < 0 and self._article
                    and opened not in self._fields and self._has_body()):
                self._finish()  # no <article>: the next one starts here
            parts = self._current().setdefault(opened, [])
            if "".join(parts).strip():
                parts.append("\n\n")  # a second element of the field: a new paragraph
            self._fields.append(opened)
        self._stack.append((tag, opened))
        self._open[tag] += 1

    def _has_body(self) -> bool:
        article = self._article or {}
        return any("".join(article.get(f, ())).strip() for f in _BODY_FIELDS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)

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
        for name, opened in reversed(self._stack[k:]):
            self._open[name] -= 1
            if opened is not None:
                self._fields.pop()
        del self._stack[k:]
        self._break(tag)
        if tag == "article" and len(self._stack) <= self._article_depth:
            self._finish()

    def handle_data(self, data: str) -> None:
        # the source's own line breaks and indentation are spaces in HTML: only the
        # elements (<p>, <br>) break lines
        self._add(_SPACES_RE.sub(" ", data))

    def _finish(self) -> None:
        if self._article:  # an <article> with no Europresse field is no article
            self.done.append({k: "".join(v) for k, v in self._article.items()})
        self._article, self._article_depth = None, -1

    def close(self) -> None:
        super().close()
        self._finish()


def _line(text: str) -> str:
    """``text`` on one line, spaces collapsed."""
    return " ".join(text.split())


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text`` (separated by blank lines), each on one line with
    its spaces collapsed (a single ``<br>`` inside a sentence is a space), empty ones
    dropped."""
    return [p for p in (_line(x) for x in _PARAGRAPH_RE.split(text)) if p]


_PARAGRAPH_RE = re.compile(r"\n[^\S\n]*\n\s*")


def _date(header: str, number_date: str) -> str:
    """The article's date as written in ``header``: the one after a weekday
    (``mercredi 3 juillet 2024``; a date in a section name, ``Spécial 14 juillet``,
    has none), else one that is the document number's date, else the first; without
    one that reads as a date, the document number's (``2024-07-03``)."""
    found = [(m["day"] is not None, m["date"]) for m in _DATE_RE.finditer(header)]
    readable = [(after_day, d, normalize_date(d) == number_date) for after_day, d in found
                if normalize_date(d) != d]
    # best: after a weekday and the number's; then after a weekday; then the number's
    for rank in ((True, True), (True, False), (False, True)):
        for after_day, d, numbers in readable:
            if (after_day or not rank[0]) and (numbers or not rank[1]):
                return d
    return readable[0][1] if readable else number_date


def _document(fields: dict[str, str], name: str, k: int) -> Document | Skipped:
    body = _paragraphs(fields.get("body", "")) or _paragraphs(fields.get("text", ""))
    if body:
        body[-1] = _SITE_LINK_RE.sub("", body[-1])
        body = [b for b in body if b]
    if not body:
        return Skipped(name, f"article {k}: no text (no docOcurrContainer or DocText); "
                             "export it again from Europresse")
    title = _line(fields.get("title", "")) or _line(fields.get("title_block", ""))
    if title and _line(body[0]).casefold() == title.casefold():
        body = body[1:]  # a web article repeats its title as the first paragraph
    raw_source = _line(fields.get("source", ""))
    source = _line(_SOURCE_END_RE.sub("", fields.get("source", "").strip()))
    header = _line(fields.get("header", ""))
    number = _NUMBER_RE.search(fields.get("number", ""))
    d = number.group(1) if number else ""
    number_date = f"{d[:4]}-{d[4:6]}-{d[6:]}" if d else ""
    meta = {"source": source, "date": _date(header, number_date)}
    if header:
        meta["europresse_header"] = header  # section, date, length, page
    if raw_source != source:
        meta["europresse_source"] = raw_source  # "Le Monde (site web)", "…, no. 24716"
    subtitle = _line(fields.get("subtitle", ""))
    if subtitle:
        meta["subtitle"] = subtitle
    doc_id = number.group() if number else f"{name}#{k}"
    text = "\n\n".join([title, *body] if title else body)
    bylines = _paragraphs(fields.get("byline", ""))
    author = _line(fields.get("author", "")) or (bylines[-1] if bylines else "")
    return _make_document(doc_id, text, title, author, name, meta)


_OLD_LAYOUT = ("a Europresse export in the layout used before 2013 (no docOcurrContainer), "
               "which framing does not read; export the articles again from Europresse")


def read_export(text: str, name: str) -> Iterator[Document | Skipped]:
    """The articles of the Europresse export ``text`` (file ``name``, for ids and
    messages), in file order: a :class:`Document` each, or a :class:`Skipped` for an
    article without a body; one :class:`Skipped` for a file with no article at all, or
    in the layout of exports before 2013, which marks no article body."""
    parser = _ExportParser()
    chunks = (text[i : i + _FEED_CHARS] for i in range(0, len(text), _FEED_CHARS))
    k = 0
    pending: list[Skipped] = []  # articles without text, held until one has some
    read = with_body = False
    for chunk in chain(chunks, [None]):  # None: the end of the file
        if chunk is None:
            parser.close()
        else:
            parser.feed(chunk)
        while parser.done:
            fields = parser.done.popleft()
            k += 1
            with_body = with_body or "body" in fields or "text" in fields
            doc = _document(fields, name, k)
            if isinstance(doc, Skipped):
                pending.append(doc)
                continue
            read = True
            yield from pending
            pending.clear()
            yield doc
    if parser.cdata_elem is not None:  # everything after an unclosed <script> was hidden
        yield Skipped(name, f"a <{parser.cdata_elem}> element is not closed: the rest of the "
                            "file after it was not read; export it again from Europresse")
    if not k:
        yield Skipped(name, "an HTML file but not a Europresse export (no article text "
                            "found); save articles as .txt files, or export them again from "
                            "Europresse")
    elif not read and not with_body and not parser.saw_article:
        yield Skipped(name, _OLD_LAYOUT)
    else:
        yield from pending
