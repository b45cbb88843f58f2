"""Documents and corpora: read French news from folders of articles or from tables.

Readers
-------
* **A folder** (read recursively, in sorted path order) of ``.txt`` / ``.md`` articles in
  the *agency layout*: line 1 is the title, an optional byline (``Par X``, ``Par X avec
  agences``, ``Par X et Y, à Moscou``) gives the author, then the body paragraphs.
  Hidden files and folders, editor backups (``~``, ``.bak``, ``.swp``, ``#…#``),
  ``README*``/``LICENSE*`` and ``metadata.csv`` are not articles.
* **metadata.csv** in the folder: a ``file`` column (path relative to the folder) and
  any other columns (``source``, ``date``, ``section`` …) that become metadata. YAML
  front matter (``---`` … ``---``) at the top of a file overrides it.
* **Europresse exports** (``.html``/``.htm``), alone or in a folder: every article of
  the file is a document (:mod:`framing.europresse`), its ``doc_id`` the Europresse
  document number; an article in two overlapping exports is read once.
* **A table** — ``.csv``, ``.tsv``, ``.jsonl`` — one document per row. Columns are
  guessed from common names (see ``COLUMN_GUESSES``) or named explicitly. Separator,
  quoting and encoding are detected.

A corpus may also live on any filesystem `fsspec <https://filesystem-spec.readthedocs.io>`_
knows (``s3://bucket/corpus/``, ``gs://…``, ``hdfs://…``, ``memory://…``): give the URL
instead of a path; fsspec comes with the ``dask`` extra, and each protocol needs its
own package (``s3fs``, ``gcsfs`` …). Files are listed and read the same way.

A document's ``text`` is its title, a blank line, then its body (the byline removed
and kept as ``author``). Newlines are normalised to ``\\n``; nothing else is changed.
``doc_id`` is the path relative to the corpus folder for files, and for tables the
value of an ``id``/``doc_id`` column (unchanged) or else the 1-based row number.

Reading is lazy: iterating a :class:`Corpus` reads one document at a time. A file that
cannot be read is *skipped* and reported (:attr:`Corpus.skipped`), never fatal; a
user mistake that makes the whole corpus unreadable raises :class:`InputError` with
one line naming the file and what to do.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import posixpath
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

import yaml

from ._yaml import (
    LoneSurrogate,
    TooDeep,
    TooManyAliases,
    check_events,
    explain_error,
    load_data,
    read_yaml,
)
from .errors import InputError

__all__ = [
    "COLUMN_GUESSES",
    "EXPORT_SUFFIXES",
    "MAX_DOCUMENT_MB",
    "MAX_DOCUMENT_MB_LIMIT",
    "MAX_EXPORT_MB",
    "MAX_TITLE_CHARS",
    "MIN_DOCUMENT_MB",
    "Corpus",
    "Document",
    "Skipped",
    "as_documents",
    "document_mb_problem",
    "is_export",
    "normalize_date",
    "read_corpus",
]

ARTICLE_SUFFIXES = frozenset({".txt", ".md"})
#: Europresse HTML exports, many articles a file (:mod:`framing.europresse`).
EXPORT_SUFFIXES = frozenset({".html", ".htm"})
_EXPORT_ENDINGS = tuple(sorted(EXPORT_SUFFIXES))
_ARTICLE_ENDINGS = (*sorted(ARTICLE_SUFFIXES), *_EXPORT_ENDINGS)
#: Largest Europresse export read, in megabytes: an export holds many articles (each
#: still under ``max_document_mb``), so it may be far larger than one article. It is
#: read and decoded whole, then parsed a piece at a time: about 3 bytes of memory per
#: byte of file at the peak.
MAX_EXPORT_MB = 200.0
_EXPORT_LIMIT = int(MAX_EXPORT_MB * 1_000_000)
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl"})
#: Longest table cell read (the csv module's default, 128 KB, is less than a long article).
_CSV_FIELD_LIMIT = 2**31 - 1

#: Column names recognised in tables, compared in lower case without accents.
COLUMN_GUESSES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "id": ("doc_id", "id", "identifiant", "uid"),
        "text": ("text", "texte", "article", "body", "contenu", "content", "corps", "txt"),
        "title": ("title", "titre", "headline", "chapeau"),
        "source": ("source", "journal", "media", "outlet", "publication", "titre_journal"),
        "date": ("date", "published", "date_publication", "pubdate", "datetime"),
        "author": ("author", "auteur", "byline", "signature"),
    }
)

#: A byline is at most this long; longer "Par …" lines are body text.
MAX_BYLINE_CHARS = 120
#: A first line longer than this is not a title (a file with no line breaks, an
#: export that put a whole article on one line): the document gets no title.
MAX_TITLE_CHARS = 400
#: Largest document read, in megabytes (10⁶ bytes): a file, or the text cell (JSONL:
#: the line) of a table row. A news article is rarely over 100 KB, so a bigger one is
#: almost always something else — a whole export concatenated into one file, a
#: database dump — and analysing it as one document would cost gigabytes (a megabyte
#: of French is about 190,000 tokens of some 200 bytes each: 50 MB would be 2 GB of
#: tokens alone) for a meaningless result. Such files are skipped *before* they are
#: read (their size comes from ``stat``), with a reason naming the size, the limit and
#: what to do; ``read_corpus(max_document_mb=...)`` (``--max-doc-mb``) raises or
#: lowers the limit.
MAX_DOCUMENT_MB = 10.0
#: The largest ``max_document_mb`` accepted: a million megabytes (a terabyte) is far
#: beyond any article, and past about 1e302 the limit in bytes is no longer a number.
MAX_DOCUMENT_MB_LIMIT = 1_000_000.0
#: The smallest ``max_document_mb`` accepted: one byte (a smaller limit is 0 bytes).
MIN_DOCUMENT_MB = 1e-6


def document_mb_problem(value: object, shown: str | None = None) -> str:
    """What is wrong with ``value`` as a per-document limit in megabytes ("" if
    nothing): a number from :data:`MIN_DOCUMENT_MB` (one byte) to
    :data:`MAX_DOCUMENT_MB_LIMIT`. ``shown``: the value as the user wrote it."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
        MIN_DOCUMENT_MB <= value <= MAX_DOCUMENT_MB_LIMIT
    ):
        return (f"expected a number of megabytes from {MIN_DOCUMENT_MB:.6f} (one byte) to "
                f"{MAX_DOCUMENT_MB_LIMIT:,.0f}, not {shown if shown is not None else repr(value)}")
    return ""


_BYLINE_RE = re.compile(r"^\s*(?:Par|PAR|par|By)\s+(?P<who>.+?)\s*$")
_DATELINE_RE = re.compile(r"^(?P<who>.+?),\s*(?:à|a|depuis|de)\s+(?P<place>[^,]+)$")
_BACKUP_RE = re.compile(r"(~|\.bak|\.swp|\.swo|\.orig|\.tmp)$|^#.*#$|^\.#")
_SKIP_NAMES = re.compile(r"^(readme|licen[cs]e|copying|changelog)(\..*)?$", re.IGNORECASE)
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a zip archive (or .docx/.odt)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old MS Office file",
}

_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8,
    "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10, "novembre": 11,
    "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "january": 1, "february": 2,
    "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9,
    "october": 10, "november": 11, "december": 12,
}
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DMY_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s.*)?$")
_YMD_SLASH_RE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_WORDY_RE = re.compile(
    r"^(?:[a-zéû]+\.?,?\s+)?(\d{1,2})(?:er)?\s+([a-zéèûô]+)\.?\s+(\d{4})", re.IGNORECASE
)
_EN_WORDY_RE = re.compile(r"^([a-z]+)\s+(\d{1,2}),?\s+(\d{4})$", re.IGNORECASE)


#: A URL fsspec can open: a protocol, or a chain of them (``simplecache::s3://``), then ``://``.
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+(?:::[A-Za-z][A-Za-z0-9+.\-]+)*://")


@dataclass(frozen=True)
class _Stat:
    st_mode: int
    st_size: int


@dataclass(frozen=True)
class _UrlPath:
    """A file or folder on an fsspec filesystem, with the few :class:`~pathlib.Path`
    methods the readers use, so that local and remote corpora are read by the same code.
    ``url`` is what the user sees; ``path`` is the filesystem's own path."""

    fs: Any
    url: str
    path: str

    def __str__(self) -> str:
        return self.url

    def __truediv__(self, rel: str) -> _UrlPath:
        url, path = self.url.rstrip("/"), self.path.rstrip("/")
        return _UrlPath(self.fs, f"{url}/{rel}", f"{path}/{rel}")

    @property
    def name(self) -> str:
        return posixpath.basename(self.path.rstrip("/"))

    @property
    def stem(self) -> str:
        return PurePosixPath(self.name).stem

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    @property
    def parent(self) -> _UrlPath:
        return _UrlPath(self.fs, posixpath.dirname(self.url.rstrip("/")),
                        posixpath.dirname(self.path.rstrip("/")))

    def resolve(self) -> _UrlPath:
        return self

    def exists(self) -> bool:
        return bool(self.fs.exists(self.path))

    def is_dir(self) -> bool:
        return bool(self.fs.isdir(self.path))

    def is_file(self) -> bool:
        return bool(self.fs.isfile(self.path))

    def stat(self) -> _Stat:
        info = self.fs.info(self.path)
        mode = stat.S_IFDIR if info.get("type") == "directory" else stat.S_IFREG
        return _Stat(mode, int(info.get("size") or 0))

    def read_bytes(self) -> bytes:
        return bytes(self.fs.cat_file(self.path))


#: Where a corpus lives: a local path, or a file or folder behind an fsspec URL.
_Location = Path | _UrlPath


def _location(path: str | os.PathLike[str] | _UrlPath) -> _Location:
    """``path`` as a :class:`~pathlib.Path` (``~`` expanded), or as a :class:`_UrlPath`
    when it is a URL (``s3://…``); a URL that cannot be opened raises :class:`InputError`."""
    if isinstance(path, _UrlPath):
        return path
    text = os.fspath(path)
    if not (isinstance(text, str) and _URL_RE.match(text)):
        return Path(path).expanduser()  # "~/corpus" from a notebook, as pandas reads it
    try:
        import fsspec
    except ImportError:
        raise InputError(
            f"{text}: reading a corpus from a URL needs fsspec; pip install fsspec "
            "and the package of the protocol (s3fs, gcsfs …), or give a local path"
        ) from None
    try:
        fs, fs_path = fsspec.core.url_to_fs(text)
    except (ImportError, ValueError) as exc:
        raise InputError(
            f"{text}: cannot open this URL ({exc}); install the fsspec package of its "
            "protocol, or give a local path"
        ) from None
    except OSError as exc:  # the protocol connects at once (ftp://): refused, no network
        raise InputError(
            f"{text}: cannot be reached ({exc.strerror or exc}); check the address and the "
            "network, or give a local path"
        ) from None
    if "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
        return Path(fs_path)  # file:///… is a local path
    return _UrlPath(fs, text, fs_path)


@dataclass(frozen=True)
class Document:
    """One news article. ``text`` = title, blank line, body (``\\n`` newlines)."""

    doc_id: str
    text: str
    title: str = ""
    author: str = ""
    source: str = ""
    date: str = ""
    path: str = ""
    meta: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    def __reduce__(self) -> tuple[Any, ...]:
        # a read-only mapping proxy cannot be pickled: rebuild from a plain dict
        return (
            Document,
            (self.doc_id, self.text, self.title, self.author, self.source, self.date,
             self.path, dict(self.meta)),
        )

    def get(self, key: str, default: str = "") -> str:
        """A metadata value by name: ``source``, ``date``, ``author``, ``title``, or any
        column of ``meta``."""
        if key in ("doc_id", "title", "author", "source", "date", "path"):
            return str(getattr(self, key))
        return str(self.meta.get(key, default))


@dataclass(frozen=True)
class Skipped:
    """A file (or table row) that was not read, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


def normalize_date(value: str) -> str:
    """Normalise a date to ISO ``YYYY-MM-DD`` when it can be parsed, else return it
    unchanged (stripped). Understands ISO dates and datetimes, ``22/02/2022``,
    ``22.02.2022``, ``3 juillet 2024``, ``mercredi 1er juillet 2024``, ``July 3, 2024``."""
    v = str(value).strip()
    if not v:
        return ""
    y = mo = d = 0
    if (m := _ISO_RE.match(v)) or (m := _YMD_SLASH_RE.match(v)):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY_RE.match(v):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif (m := _WORDY_RE.match(v)) and m[2].lower() in _MONTHS:
        d, mo, y = int(m[1]), _MONTHS[m[2].lower()], int(m[3])
    elif (m := _EN_WORDY_RE.match(v)) and m[1].lower() in _MONTHS:
        mo, d, y = _MONTHS[m[1].lower()], int(m[2]), int(m[3])
    else:
        return v
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return v


# ---------------------------------------------------------------------------
# decoding


class _Undecodable(Exception):
    pass


#: Bytes at the start of a file looked at to tell binary data from text.
_SNIFF_BYTES = 4096
#: NUL bytes there that text may still hold (a stray one from a bad export, dropped
#: when decoding); more is binary data: a spreadsheet, an archive, UTF-16 without a BOM.
MAX_STRAY_NULS = 8


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the
    best guess of charset-normalizer (cp1252, latin-1 …). Newlines become ``\\n``.
    Raises ``_Undecodable`` with a reason for binary or undecodable data."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise _Undecodable(f"this is {what}, not text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Undecodable(
                "starts with a UTF-16 byte-order mark but is not valid UTF-16; re-save it as UTF-8"
            ) from None
    elif data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
        except UnicodeDecodeError:  # a BOM, then bytes of another encoding: guess as without
            text = _guess_decode(data[len(codecs.BOM_UTF8) :])
    else:
        if data.count(b"\x00", 0, _SNIFF_BYTES) > MAX_STRAY_NULS:
            raise _Undecodable("binary data (NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess_decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "") if "\x00" in text else text  # stray NULs: no content


def _guess_decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        raise _Undecodable(
            "not valid UTF-8 and no known encoding fits; re-save it as UTF-8"
        )
    return str(best)


# ---------------------------------------------------------------------------
# agency layout


#: The most digits Python turns an integer into text with (4,300 by default; an
#: integer written in hexadecimal in YAML, or in JSON, can be longer).
_MAX_DIGITS = sys.get_int_max_str_digits


#: Front matter is a few ``key: value`` lines; lists and mappings nested deeper than
#: this (with brackets or indentation) are refused on the parser's event stream before
#: anything is built: PyYAML's composer recurses once per level, its scanner is slow
#: on a long run of ``[`` (a line of 10,000 took 15 s to load), and some libyaml builds
#: stop at 1,000 levels where others go on (``framing._yaml.check_events``).
MAX_FRONT_MATTER_DEPTH = 50
#: Most keys in one front matter. Each key is a column of ``documents.csv``: agency
#: layouts carry a dozen (title, source, date, author, section, tags, …); a block of
#: 100,000 keys made 100,000 columns and took 540 MB.
MAX_FRONT_MATTER_KEYS = 200


def _split_front_matter(text: str, path: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    block = text[4:end]
    rest = text[end + 4 :]
    rest = rest[1:] if rest.startswith("\n") else rest
    try:
        data = read_yaml(partial(_front_matter_data, block)) or {}
    except TooDeep:
        raise _Undecodable("front matter is nested too deeply") from None
    except TooManyAliases:
        raise _Undecodable("front matter uses YAML aliases (*name); write the values out"
                           ) from None
    except yaml.MarkedYAMLError as exc:  # lines of the file: the block starts on line 2
        line, what = explain_error(exc, block)
        raise _Undecodable(f"front matter is not valid YAML (line {line + 1}: {what})"
                           ) from None
    except yaml.YAMLError:
        raise _Undecodable("front matter is not valid YAML") from None
    except ValueError as exc:  # a value PyYAML parses but cannot build: date: 2024-02-30
        raise _Undecodable(
            f"front matter has an invalid value ({exc}); quote it or correct it"
        ) from None
    if not isinstance(data, dict):
        raise _Undecodable("front matter must be 'key: value' lines")
    if len(data) > MAX_FRONT_MATTER_KEYS:  # each key becomes a column of documents.csv
        raise _Undecodable(f"front matter has {len(data):,} keys, more than the "
                           f"{MAX_FRONT_MATTER_KEYS} allowed; keep the metadata only")
    try:
        return {str(k): "" if v is None else str(v) for k, v in data.items()}, rest
    except ValueError:  # str() of an int read from 0x… digits beyond Python's limit
        raise _Undecodable(f"front matter has a number of more than {_MAX_DIGITS():,} "
                           "digits; quote it") from None


def _front_matter_data(block: str, loader: type[yaml.SafeLoader]) -> Any:
    # aliases (*name) can expand exponentially when the values become strings (a
    # "billion laughs" file): refused, as is deep nesting, while the events are read
    check_events(block, loader, max_depth=MAX_FRONT_MATTER_DEPTH, max_aliases=0)
    try:  # escaped surrogate pairs joined into their character
        return load_data(block, loader)
    except LoneSurrogate:  # half a pair: read as is, replaced by U+FFFD like the text
        return yaml.load(block, Loader=loader)


def parse_article(raw: str, path: str = "") -> tuple[str, str, str, dict[str, str]]:
    """Split an agency-layout article into ``(text, title, author, front_matter)``."""
    front, body = _split_front_matter(raw, path)
    lines = body.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        raise _Undecodable("empty file (no text)")
    title = lines[i].strip()
    if path.endswith(".md"):
        title = title.lstrip("#").strip()
    if len(title) > MAX_TITLE_CHARS:
        body = "\n".join(lines[i:]).strip("\n").rstrip()
        return body, "", "", front
    i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    author = ""
    if i < len(lines):
        m = _BYLINE_RE.match(lines[i])
        if m and len(lines[i]) <= MAX_BYLINE_CHARS and not lines[i].rstrip().endswith("."):
            who = m["who"]
            if d := _DATELINE_RE.match(who):
                front.setdefault("dateline", d["place"].strip())
                who = d["who"]
            author = who.strip()
            i += 1
    rest = "\n".join(lines[i:]).strip("\n").rstrip()
    # keep paragraph lines as written, only trim blank lines around the body
    rest = rest.lstrip("\n")
    text = f"{title}\n\n{rest}" if title and rest else title or rest
    if not text:  # a Markdown file of bare "#" marks
        raise _Undecodable("empty file (no text)")
    return text, title, author, front


# ---------------------------------------------------------------------------
# the corpus


class Corpus:
    """A lazily read collection of :class:`Document`.

    Iterating yields documents one at a time; files that cannot be read are skipped
    and listed in :attr:`skipped` (filled as iteration proceeds, reset at each new
    iteration). Use :meth:`records` to receive documents and skipped entries in order.
    """

    def __init__(self, path: str | os.PathLike[str] | _UrlPath, **options: Any) -> None:
        self.path: _Location = _location(path)
        self.options = dict(options)
        self._skipped: list[Skipped] = []

    @property
    def name(self) -> str:
        """A short name for the corpus (its folder or file name without suffix)."""
        p = self.path.resolve()
        return p.stem if p.is_file() else p.name

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        return tuple(self._skipped)

    def __iter__(self) -> Iterator[Document]:
        for rec in self.records():
            if isinstance(rec, Document):
                yield rec

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    def records(self) -> Iterator[Document | Skipped]:
        """Documents and :class:`Skipped` entries, in reading order."""
        self._skipped = []
        for rec in self._records():
            if isinstance(rec, Skipped):
                self._skipped.append(rec)
            yield rec

    def _records(self) -> Iterator[Document | Skipped]:
        if self.path.is_dir():
            yield from _read_folder(self.path, self.options)
        elif self.path.suffix.lower() in TABLE_SUFFIXES:
            yield from _read_table(self.path, self.options)
        else:
            yield from _read_article_files(self.path.parent, [self.path.name], {}, self.options)

    def article_paths(self) -> list[Path | _UrlPath]:
        """The article files a folder corpus will read (empty for a table)."""
        if self.path.is_dir():
            return [self.path / rel for rel in _list_articles(self.path)]
        return [self.path] if self.path.suffix.lower() in _READ_AS_FILES else []


def as_documents(docs: Any, *, id_prefix: str = "text") -> Iterator[Document]:
    """The documents of what a researcher may hand to :func:`framing.match`,
    :func:`framing.kwic` or :func:`framing.compare_sentiment`:

    * a :class:`Corpus`, one :class:`Document` or any iterable of them;
    * a corpus path given as a :class:`pathlib.Path` (read with :func:`read_corpus`);
    * a pandas DataFrame with a ``text`` column (and ``doc_id``, else rows are
      numbered), such as a report's ``documents.csv`` joined to its texts;
    * a mapping ``doc_id → text``, ``(doc_id, text)`` pairs, or plain strings;
    * one string: a single text (a path must be a :class:`pathlib.Path`).

    Documents without an id are named ``{id_prefix}1``, ``{id_prefix}2`` … (quanteda's
    ``text1``). Anything else is a :class:`TypeError` saying what is accepted, never
    a silently empty or wrong result (a DataFrame used to be iterated by its column
    names, a pair matched as its ``repr``)."""
    if isinstance(docs, str):
        yield Document(doc_id=f"{id_prefix}1", text=docs)
        return
    if isinstance(docs, Document):
        yield docs
        return
    if isinstance(docs, os.PathLike):
        yield from read_corpus(docs)
        return
    pd = sys.modules.get("pandas")  # a DataFrame can only exist if pandas is loaded
    if pd is not None and isinstance(docs, pd.DataFrame):
        if "text" not in docs.columns:
            raise TypeError(
                "a DataFrame of documents needs a 'text' column (and 'doc_id'); it has "
                f"{', '.join(map(str, docs.columns[:8])) or 'no column'}")
        ids = (docs["doc_id"].astype(str) if "doc_id" in docs.columns
               else [f"{id_prefix}{k}" for k in range(1, len(docs) + 1)])
        for doc_id, text in zip(ids, docs["text"], strict=True):
            yield Document(doc_id=doc_id, text="" if text is None or text != text else str(text))
        return
    if isinstance(docs, Mapping):
        for doc_id, text in docs.items():
            yield Document(doc_id=str(doc_id), text=str(text))
        return
    if not isinstance(docs, Iterable):
        raise TypeError(f"expected documents (a Corpus, a Path, a DataFrame with a 'text' "
                        f"column, a dict, (doc_id, text) pairs or strings), not "
                        f"{type(docs).__name__}")
    for k, item in enumerate(docs, start=1):
        if isinstance(item, Document):
            yield item
        elif isinstance(item, str):
            yield Document(doc_id=f"{id_prefix}{k}", text=item)
        elif hasattr(item, "doc_id") and hasattr(item, "text"):
            yield Document(doc_id=str(item.doc_id), text=str(item.text))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            yield Document(doc_id=str(item[0]), text=str(item[1]))
        else:
            raise TypeError(f"document {k}: expected a Document, a text or a (doc_id, "
                            f"text) pair, not {type(item).__name__}")


def read_corpus(
    path: str | os.PathLike[str],
    *,
    text_col: str | int | None = None,
    title_col: str | int | None = None,
    source_col: str | int | None = None,
    date_col: str | int | None = None,
    author_col: str | int | None = None,
    id_col: str | int | None = None,
    sentence_col: str | int | None = None,
    no_header: bool = False,
    sep: str | None = None,
    encoding: str | None = None,
    max_document_mb: float | None = None,
) -> Corpus:
    """Open a corpus: a folder of articles, one article file, or a table.

    Checks up front what can be checked without reading every document (the path
    exists, a folder has articles, a table has its text column) and raises
    :class:`InputError` with one line otherwise. A document over ``max_document_mb``
    megabytes (default :data:`MAX_DOCUMENT_MB`) is skipped, unread, with a reason.

    A table of sentences (one row per sentence, such as a report's ``sentences.csv``
    or a coded export) names its sentence column with ``sentence_col``: its rows are
    then told apart by the id *and* that column (a repeated id is otherwise a repeated
    article, skipped), and each row's value stays in its ``meta``.
    """
    if isinstance(path, str) and not path.strip():  # Path("") is the current folder
        raise InputError("the corpus path is empty (an unset variable?); give a folder of "
                         "articles or a table")
    if max_document_mb is not None and (problem := document_mb_problem(max_document_mb)):
        raise ValueError(f"max_document_mb: {problem}")
    if sep is not None:
        sep = _SEP_NAMES.get(sep.lower(), sep)
        if len(sep) != 1:
            raise InputError(
                f"--sep {sep!r}: a field separator is one character, e.g. ',' ';' '|' or "
                "'tab'; leave it out to detect it"
            )
    p = _location(path)
    try:
        found = p.exists()
    except Exception as exc:  # a remote filesystem: no credentials, no network …
        raise InputError(
            f"{p}: cannot be reached ({exc}); check the URL and its credentials"
        ) from None
    if not found:
        raise InputError(f"{p}: no such file or folder; give the path of a corpus folder or table")
    given = {
        "text_col": text_col, "title_col": title_col, "source_col": source_col,
        "date_col": date_col, "author_col": author_col, "id_col": id_col,
        "sentence_col": sentence_col, "no_header": no_header, "sep": sep, "encoding": encoding,
        "max_document_mb": max_document_mb,
    }
    options = {k: v for k, v in given.items() if v is not None and v is not False}
    table_only = [k for k in options if k in _TABLE_OPTIONS]
    if table_only and (p.is_dir() or p.suffix.lower() in _READ_AS_FILES):
        flags = ", ".join("--" + k.replace("_", "-") for k in table_only)
        verb, them = ("applies", "it") if len(table_only) == 1 else ("apply", "them")
        raise InputError(f"{p}: {flags} {verb} to a table (CSV/TSV/JSONL), not to articles "
                         "in .txt/.md files (their encoding is detected, title and metadata "
                         f"come from the file and metadata.csv); leave {them} out")
    corpus = Corpus(p, **options)
    if p.is_dir():
        if isinstance(p, Path) and not os.access(p, os.R_OK | os.X_OK):
            raise InputError(f"{p}: permission denied; make the folder readable (chmod +rx)")
        refused: list[tuple[str, str]] = []
        if next(_walk_articles(p, refused), None) is None:  # stops at the first article
            if refused:
                rel, reason = min(refused)
                raise InputError(f"{p / rel}: folder not read ({reason}) and no article found "
                                 "elsewhere; make it readable (chmod +rx)")
            raise InputError(
                f"{p}: no .txt or .md articles (or Europresse .html exports) found in this "
                "folder; add articles or give a CSV/TSV/JSONL table"
            )
    elif p.suffix.lower() in TABLE_SUFFIXES:
        _open_table(p, corpus.options)  # validates columns early
    elif p.suffix.lower() not in _READ_AS_FILES:
        raise InputError(
            f"{p}: unsupported file type {p.suffix or '(none)'!r}; give a folder of .txt/.md "
            "articles, a Europresse .html export or a .csv/.tsv/.jsonl table"
        )
    if isinstance(p, Path) and not os.access(p, os.R_OK):
        raise InputError(f"{p}: permission denied; make it readable (chmod +r)")
    return corpus


#: A :class:`Document`'s own fields, which metadata columns of an export file do not
#: override.
_DOCUMENT_FIELDS = frozenset({"doc_id", "title", "author", "source", "date", "path"})
#: What is read file by file (articles, exports), not as a table.
_READ_AS_FILES = ARTICLE_SUFFIXES | EXPORT_SUFFIXES

#: ``read_corpus`` options that only a table has (columns, header, separator, encoding).
_TABLE_OPTIONS = frozenset({"text_col", "title_col", "source_col", "date_col", "author_col",
                            "id_col", "sentence_col", "no_header", "sep", "encoding"})


def _is_article_name(name: str) -> bool:
    return (name.lower().endswith(_ARTICLE_ENDINGS) and not name.startswith(".")
            and not _BACKUP_RE.search(name) and not _SKIP_NAMES.match(name))


def _walk_articles(folder: _Location, unreadable: list[tuple[str, str]] | None = None
                   ) -> Iterator[str]:
    """The article files under ``folder``, as ``/``-separated paths relative to it
    (names as the OS gives them), one folder at a time, in no useful order. A folder
    that cannot be listed is added to ``unreadable`` as (relative path, reason)."""
    if isinstance(folder, _UrlPath):
        root = folder.path.rstrip("/")
        for full in folder.fs.find(root):
            rel = posixpath.relpath(full, root)
            *dirs, name = rel.split("/")
            if _is_article_name(name) and not any(d.startswith(".") for d in dirs):
                yield rel
        return
    seen: set[tuple[int, int]] = set()

    def refused(exc: OSError) -> None:
        if unreadable is not None:
            rel = Path(os.path.relpath(exc.filename or folder, folder)).as_posix()
            unreadable.append((rel + "/", exc.strerror or str(exc)))

    for root, dirs, files in os.walk(folder, onerror=refused, followlinks=True):
        st = os.stat(root)
        key = (st.st_dev, st.st_ino)
        if key in seen:  # symlink loop
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = os.path.relpath(root, folder)
        prefix = "" if rel_root == os.curdir else Path(rel_root).as_posix() + "/"
        for f in files:
            if _is_article_name(f):
                yield prefix + f


def _list_articles(folder: _Location, unreadable: list[tuple[str, str]] | None = None
                   ) -> list[str]:
    """The article files under ``folder`` in reading order (sorted relative paths).
    Plain strings: 100,000 files cost 7 MB (as ``Path`` objects, six times more)."""
    return sorted(_walk_articles(folder, unreadable))


def _read_folder(folder: _Location, options: Mapping[str, Any]) -> Iterator[Document | Skipped]:
    meta_path = folder / "metadata.csv"
    metadata: dict[str, dict[str, str]] = {}
    unreadable: list[tuple[str, str]] = []
    articles = _list_articles(folder, unreadable)
    for rel, reason in sorted(unreadable):  # its articles are missing: said, never silent
        yield Skipped(rel, f"folder not read ({reason}); make it readable (chmod +rx) and "
                           "run again, its articles are not in this run")
    if meta_path.exists():
        metadata, lines = _read_metadata(meta_path)
        _warn_unmatched_metadata(meta_path, lines, {_path_text(a) for a in articles})
    yield from _read_article_files(folder, articles, metadata, options)


def _warn_unmatched_metadata(path: _Location, lines: Mapping[str, int], files: set[str]) -> None:
    """Warn about metadata rows that name no article file: a wrong ``file`` path leaves
    its article without source and date, which every comparison would then miss."""
    unmatched = [(line, name) for name, line in lines.items() if name not in files]
    if not unmatched:
        return
    import warnings

    line, name = min(unmatched)
    what = ("no row names an article file" if len(unmatched) == len(lines) else
            f"{len(unmatched)} row(s) name no article file")
    warnings.warn(f"{path}: {what} (first: line {line}, {name!r}); the 'file' column holds "
                  "paths relative to the corpus folder, such as outlet/article.txt",
                  UserWarning, stacklevel=2)


def _read_regular(path: _Location, what: str) -> bytes:
    """The bytes of ``path``; a pipe, device or socket (which ``read_bytes`` would wait
    on forever) is a one-line :class:`InputError` naming it as ``what``."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder; the {what} must be a file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{path}: not a regular file (a pipe, device or socket); copy the "
                         f"{what} into a file")
    return path.read_bytes()


def _allow_long_cells() -> None:
    """Let the csv module read cells beyond its default 128 KB limit (an article or an
    abstract in one cell). The limit is global to the process: it is raised, never
    lowered. Also used by framing.classify, framing.annotate, the sentiment lexicon
    reader and the report's spreadsheet copies."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))


def _read_text(path: Path, what: str) -> str:
    """The text of a local file (decoded as :func:`decode_bytes` does); a pipe, an
    unreadable or undecodable file is a one-line :class:`InputError`. Used by
    framing.classify and framing.annotate for their tables."""
    try:
        return decode_bytes(_read_regular(path, what))
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except _Undecodable as exc:
        raise InputError(f"{path}: {exc}") from None


class _BadJson(Exception):
    """Why one JSONL line cannot be read, as a message ending in what to do."""


def _json_line(line: str) -> Any:
    """``json.loads(line)``, every way it can fail given as :class:`_BadJson`."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        reason = exc.msg
    except ValueError:  # an integer longer than Python reads
        reason = f"a number of more than {_MAX_DIGITS():,} digits"
    except RecursionError:
        reason = "nested too deeply"
    raise _BadJson(f"malformed JSON ({reason}); fix or remove this line")


def _check_unique_columns(path: _Location | str, header: Sequence[str]) -> None:
    """Refuse a header naming a column twice (``text,text``: one of them would be read
    and the other silently ignored), compared as columns are looked up, in lower case;
    columns without a name (the empty cells a spreadsheet export leaves after the last
    column) are ignored. Also used by framing.classify and framing.annotate."""
    seen: dict[str, int] = {}
    for k, name in enumerate(header, start=1):
        key = name.lower()
        if key in seen:
            first = header[seen[key] - 1]
            shown = repr(name) if first == name else f"{first!r} and {name!r}"
            raise InputError(f"{path}:1: the header has {shown} twice (columns {seen[key]} "
                             f"and {k}); give each column its own name")
        if key:
            seen[key] = k


def _read_metadata(path: _Location) -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    """The rows of ``metadata.csv`` by file (as article files are keyed), and the line
    of each file's row. Two rows for one file are refused unless they are the same."""
    try:
        text = decode_bytes(_read_regular(path, "metadata"))
    except (OSError, _Undecodable) as exc:
        raise InputError(f"{path}: cannot read metadata ({exc}); fix or remove it") from None
    _allow_long_cells()
    numbered = []  # (the line each row starts on, its cells)
    for line, row, problem in _csv_records(_lines_with_ends(text), _sniff_sep(text, ",")):
        if row is None:
            raise InputError(f"{path}:{line}: {problem}")
        numbered.append((line, row))
    if not numbered:
        return {}, {}
    header = [h.strip() for h in numbered[0][1]]
    _check_unique_columns(path, header)
    if "file" not in header:
        raise InputError(
            f"{path}:1: metadata.csv needs a 'file' column (path relative to the corpus "
            f"folder); its columns are: {', '.join(header)}"
        )
    fi = header.index("file")
    out: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    for line, row in numbered[1:]:
        if not row or fi >= len(row) or not row[fi].strip():
            continue
        values = {h: row[k].strip() for k, h in enumerate(header)
                  if k < len(row) and h and h != "file"}
        key = _path_text(Path(row[fi].strip()).as_posix())  # keyed as files are
        if key in out and out[key] != values:  # which row holds? neither is guessed
            raise InputError(
                f"{path}:{line}: a second row for {key!r} (the first is on line {lines[key]}), "
                "with other values; keep one row per file"
            )
        out[key] = values
        lines.setdefault(key, line)
    return out, lines


def _document_limit(options: Mapping[str, Any]) -> int:
    """The per-document limit in bytes."""
    return int(float(options.get("max_document_mb") or MAX_DOCUMENT_MB) * 1_000_000)


def _too_big(what: str, size: int, limit: int, split: str) -> str:
    """Why a document of ``size`` bytes, over ``limit``, is skipped: its size, the
    limit, and what to do."""
    shown = f"{size / 1e6:.1f} MB"
    if round(size / 1e6, 1) * 1e6 <= limit:  # 10.0 MB over a 10 MB limit: give bytes
        shown = f"{size:,} bytes"
    limit_text = f"{limit / 1e6:g} MB" if limit >= 100 else f"{limit}-byte"  # not 9e-05 MB
    return (f"{what} is {shown}, over the {limit_text} limit for one document (a news "
            f"article is rarely over 100 KB); {split}, or raise the limit with --max-doc-mb")


def _export_too_big(size: int, limit: int) -> str:
    """Why a Europresse export of ``size`` bytes, over ``limit``, is skipped unread."""
    return (f"export is {size:,} bytes, over the {limit:,} an export may be (each article is "
            "held to --max-doc-mb); export the selection in smaller parts")


def is_export(name: str) -> bool:
    """Is the file ``name`` read as a Europresse export (``.html``/``.htm``)?"""
    return name.lower().endswith(_EXPORT_ENDINGS)


def _utf8_size(text: str, limit: int) -> int:
    """The UTF-8 size of ``text``, encoded only when the answer matters: under the
    limit whatever the characters (at most 4 bytes each), it is not computed."""
    n = len(text)
    return n if 4 * n <= limit else len(text.encode("utf-8", "surrogatepass"))


def _read_article_files(
    folder: _Location, rels: Iterable[str], metadata: Mapping[str, Mapping[str, str]],
    options: Mapping[str, Any],
) -> Iterator[Document | Skipped]:
    limit = _document_limit(options)
    export_limit = max(limit, _EXPORT_LIMIT)
    exports: dict[str, str] = {}  # Europresse document number → the export it came from
    for name in rels:
        p = folder / name
        rel = _path_text(name)
        export = is_export(name)
        most = export_limit if export else limit
        split = "split it into one file per article"
        try:
            st = p.stat()  # the size is checked before anything is read
            if not stat.S_ISREG(st.st_mode):
                yield Skipped(rel, "not a regular file (a pipe, device or socket); "
                                   "copy the text into a file")
                continue
            if st.st_size > most:
                yield Skipped(rel, _export_too_big(st.st_size, most) if export else
                              _too_big("file", st.st_size, most, split))
                continue
            data = p.read_bytes()
        except PermissionError:
            yield Skipped(rel, "permission denied; make the file readable (chmod +r)")
            continue
        except OSError as exc:
            yield Skipped(rel, f"cannot be read ({exc.strerror or exc})")
            continue
        if len(data) > most:  # it grew after the check
            yield Skipped(rel, _export_too_big(len(data), most) if export else
                          _too_big("file", len(data), most, split))
            continue
        if not data.strip():
            yield Skipped(rel, "empty file (no text)")
            continue
        try:
            raw = decode_bytes(data)
            if export:
                yield from _export_documents(raw, rel, metadata.get(rel, {}), limit, exports)
                continue
            text, title, author, front = parse_article(raw, rel)
        except _Undecodable as exc:
            yield Skipped(rel, str(exc))
            continue
        meta: dict[str, str] = dict(metadata.get(rel, {}))
        meta.update(front)
        yield _make_document(rel, text, title, author, rel, meta)


def _export_documents(
    raw: str, rel: str, file_meta: Mapping[str, str], limit: int, seen: dict[str, str]
) -> Iterator[Document | Skipped]:
    """The articles of a Europresse export (:mod:`framing.europresse`), with the
    columns ``metadata.csv`` gives the file (a project, a query; a source or date for
    the articles the export gives none), each article under ``limit`` bytes, and an
    article already read (same document number) skipped."""
    from .europresse import read_export

    extra = {k: v for k, v in file_meta.items() if k not in _DOCUMENT_FIELDS}
    fallback = {"source": file_meta.get("source", ""),
                "date": normalize_date(file_meta.get("date", ""))}
    for doc in read_export(raw, rel):
        if isinstance(doc, Skipped):
            yield doc
            continue
        size = _utf8_size(doc.text, limit)
        if size > limit:
            yield Skipped(rel, _too_big(f"article {doc.doc_id}", size, limit,
                                        "leave it out of the export"))
        elif doc.doc_id in seen:
            where = "earlier in this file" if seen[doc.doc_id] == rel else (
                f"from {seen[doc.doc_id]} (exports that overlap)")
            yield Skipped(rel, f"article {doc.doc_id} was read already, {where}")
        else:
            seen[doc.doc_id] = rel
            gaps = {k: v for k, v in fallback.items() if v and not getattr(doc, k)}
            if extra or gaps:
                doc = replace(doc, meta={**extra, **doc.meta}, **gaps)
            yield doc


def _make_document(
    doc_id: str, text: str, title: str, author: str, path: str, meta: dict[str, str]
) -> Document:
    title = meta.pop("title", "") or title
    author = meta.pop("author", "") or author
    source = meta.pop("source", "")
    raw_date = meta.pop("date", "")
    iso = normalize_date(raw_date)
    if raw_date and iso != raw_date.strip():
        meta["date_raw"] = raw_date
    meta.pop("doc_id", None)
    return Document(
        doc_id=_clean(doc_id), text=_clean(text), title=_clean(title), author=_clean(author),
        source=_clean(source), date=_clean(iso), path=_clean(path),
        meta={_clean(k): _clean(v) for k, v in meta.items()},
    )


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _clean(s: str) -> str:
    """``s`` with lone surrogates (a JSON ``\\ud800`` escape), which cannot be written
    as UTF-8, replaced by U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", s) if _SURROGATE_RE.search(s) else s


def _path_text(rel: str) -> str:
    """A relative file name as text: the bytes of a name that is not valid UTF-8 (held
    by Python as surrogate escapes) are written ``\\xNN``, and so are control
    characters (a newline in a name would split a one-line message in two)."""
    text = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_CONTROL_RE = re.compile("[\x00-\x1f\x7f]")


# ---------------------------------------------------------------------------
# tables


def _fold(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", s.strip().lower()) if not unicodedata.combining(c)
    )


def _lines_with_ends(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its ``\\n``, for :mod:`csv`: the same rows as
    ``csv.reader(io.StringIO(text))`` without the copy ``StringIO`` makes of the whole
    text (four bytes a character: 400 MB for a 100 MB table)."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start) + 1 or n
        yield text[start:end]
        start = end


def _csv_records(
    lines: Iterable[str], sep: str
) -> Iterator[tuple[int, list[str] | None, str]]:
    """(first line, cells, problem) of each record of a CSV/TSV text, read strictly.

    ``csv``'s default reading lets a cell that opens a quote and never closes it
    swallow every following line up to the next quote (or the end of the file) as
    text of that cell: rows vanish without a word. Read with ``strict=True``, such a
    record is an error; it comes out here as ``cells=None`` with ``problem`` naming
    its lines and the fix, and reading goes on after it. A quote *inside* an unquoted
    cell (``Il a dit "non"``) and quoted cells over several lines read as before.
    """
    reader = csv.reader(lines, delimiter=sep, strict=True)
    while True:
        first = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            last = reader.line_num
            span = f"line {first}" if last <= first else f"lines {first}-{last}"
            yield first, None, (
                f"quotes do not pair up in the row starting here ({exc}), so {span} "
                "could not be read; close each quoted cell, and write a quote inside a "
                'quoted cell twice ("")'
            )
            continue
        yield first, row, ""


#: Separators a user may name or type escaped on the command line.
_SEP_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def _sniff_sep(text: str, default: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {s: first.count(s) for s in (",", ";", "\t", "|")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else default


@dataclass(frozen=True)
class _TableSpec:
    header: tuple[str, ...]
    columns: Mapping[str, int]  # role -> column index
    text: str
    sep: str
    sentence: str | None = None  # the sentence column of a table of sentences


def _sentence_column(path: _Location, header: tuple[str, ...], columns: Mapping[str, int],
                     options: Mapping[str, Any]) -> str | None:
    """The header name of ``sentence_col``, which must exist and be no role's column."""
    wanted = options.get("sentence_col")
    if wanted is None:
        return None
    i = _column_index(path, header, wanted, "sentence_col=")
    role = next((r for r, j in columns.items() if j == i), None)
    if role is not None:
        raise InputError(f"{path}: column {header[i]!r} is both the {role} column and the "
                         "sentence column; give each its own column")
    return header[i]


def _open_table(path: _Location, options: Mapping[str, Any]) -> _TableSpec:
    try:
        data = _read_regular(path, "table")
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable (chmod +r)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: the table is empty; give a file with a header and rows")
    enc = options.get("encoding")
    try:
        if enc:
            text = data.decode(enc).replace("\r\n", "\n").replace("\r", "\n")
        else:
            text = decode_bytes(data)
    except _Undecodable as exc:
        raise InputError(f"{path}: {exc}") from None
    except LookupError:
        raise InputError(
            f"{path}: unknown encoding {enc!r}; give a Python codec name such as utf-8 or cp1252"
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid {enc} ({exc.reason} at byte {exc.start}); check --encoding or "
            "leave it out to detect the encoding"
        ) from None
    except UnicodeError as exc:  # codecs such as punycode raise it without a position
        raise InputError(
            f"{path}: not valid {enc} ({exc}); check --encoding or leave it out to detect "
            "the encoding"
        ) from None
    _allow_long_cells()
    if path.suffix.lower() == ".jsonl":
        spec = _jsonl_spec(path, text, options)
        return replace(spec, sentence=_sentence_column(path, spec.header, spec.columns,
                                                              options))
    default_sep = "\t" if path.suffix.lower() == ".tsv" else ","
    sep = options.get("sep") or _sniff_sep(text, default_sep)
    first = next(csv.reader(_lines_with_ends(text), delimiter=sep), [])
    if options.get("no_header"):
        header = tuple(str(i) for i in range(len(first)))
    else:
        header = tuple(h.strip() for h in first)
        _check_unique_columns(path, header)
    columns = _resolve_columns(path, header, options)
    return _TableSpec(header, columns, text, sep,
                      _sentence_column(path, header, columns, options))


def _resolve_columns(
    path: _Location, header: tuple[str, ...], options: Mapping[str, Any]
) -> dict[str, int]:
    """Column index of each role: the columns named by ``--ROLE-col`` first, then a
    guess (:data:`COLUMN_GUESSES`) among the columns left for the other roles."""
    folded = [_fold(h) for h in header]
    columns: dict[str, int] = {}
    for role in COLUMN_GUESSES:
        explicit = options.get(f"{role}_col")
        if explicit is None:
            continue
        i = _column_index(path, header, explicit, f"--{role}-col")
        other = next((r for r, j in columns.items() if j == i), None)
        if other is not None:  # e.g. --id-col text --text-col text
            raise InputError(f"{path}: column {header[i]!r} is named by both --{other}-col "
                             f"and --{role}-col; give each its own column")
        columns[role] = i
    for role, guesses in COLUMN_GUESSES.items():
        if role in columns:
            continue
        for g in guesses:
            if g in folded and folded.index(g) not in columns.values():
                columns[role] = folded.index(g)
                break
    if "text" not in columns:
        owner = next((r for g in COLUMN_GUESSES["text"] if g in folded
                      for r, i in columns.items() if i == folded.index(g)), None)
        if owner is not None:  # e.g. --id-col text
            raise InputError(
                f"{path}: the column {header[columns[owner]]!r} is the {owner} column "
                f"(--{owner}-col), so no text column is left; name the text column with "
                "--text-col")
        raise InputError(
            f"{path}: no text column found (the columns are: {', '.join(header)}); "
            "name it with --text-col"
        )
    return columns


def _column_index(path: _Location, header: tuple[str, ...], name: str | int,
                  option: str) -> int:
    """The index of the column a user named (as written, accents and case folded, or
    by position), or one line naming the columns there are and ``option``."""
    key = str(name)
    folded = [_fold(h) for h in header]
    if key in header:
        return header.index(key)
    if _fold(key) in folded:
        return folded.index(_fold(key))
    if key.isdigit() and int(key) < len(header):
        return int(key)
    raise InputError(f"{path}: no column {key!r} (the columns are: {', '.join(header)}); "
                     f"name an existing column with {option}")


def _jsonl_spec(path: _Location, text: str, options: Mapping[str, Any]) -> _TableSpec:
    keys: list[str] = []
    for line in text.split("\n")[:50]:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict):
            keys.extend(k for k in obj if k not in keys)
    if not keys:
        raise InputError(f"{path}: no JSON object found in the first lines; one object per line")
    header = tuple(keys)
    return _TableSpec(header, _resolve_columns(path, header, options), text, "")


def _row_document(
    spec: _TableSpec, values: Mapping[str, str], rowno: int
) -> Document | None:
    cols = spec.columns

    def role(r: str) -> str:  # newlines normalised like the body (JSON keeps "\r" escapes)
        value = values.get(spec.header[cols[r]], "") if r in cols else ""
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()

    body = values.get(spec.header[cols["text"]], "")
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        return None
    title = role("title")
    text = f"{title}\n\n{body}" if title else body
    doc_id = role("id") or str(rowno)
    used = {spec.header[i] for i in cols.values()}
    meta = {k: ("" if v is None else str(v)) for k, v in values.items()
            if k and k not in used}  # a column without a name is no metadata
    meta.update({r: role(r) for r in ("source", "date", "author") if r in cols})
    return _make_document(doc_id, text, title, "", "", meta)


def _json_kind(value: Any) -> str:
    return {bool: "true or false", list: "a list", dict: "an object"}.get(
        type(value), "a number")


def _repeated_id(doc: Document, spec: _TableSpec, unit: str, first: int) -> str:
    """Why a row whose key an earlier row has is skipped: two documents with one id
    (two sentences with one id and sentence id) cannot be told apart in any table."""
    if spec.sentence is not None:
        sent = doc.meta.get(spec.sentence, "")
        return (f"doc_id {doc.doc_id!r} with {spec.sentence} {sent!r} is already {unit} "
                f"{first}; give each sentence its own {spec.sentence}")
    return (f"doc_id {doc.doc_id!r} is already the id of {unit} {first}; give each article "
            "its own id")


def _row_key(doc: Document, spec: _TableSpec) -> str | tuple[str, str]:
    """What tells a row apart: its id, and in a table of sentences its sentence id."""
    return doc.doc_id if spec.sentence is None else (doc.doc_id, doc.meta.get(spec.sentence, ""))


def _read_table(path: _Location, options: Mapping[str, Any]) -> Iterator[Document | Skipped]:
    spec = _open_table(path, options)
    name = _path_text(path.name)
    limit = _document_limit(options)
    text_key = spec.header[spec.columns["text"]]
    seen: dict[str | tuple[str, str], int] = {}  # row key → the line (JSONL) or row (CSV)
    if not spec.sep:  # JSONL
        for lineno, line in enumerate(spec.text.split("\n"), start=1):
            if not line.strip():
                continue
            size = _utf8_size(line, limit)
            if size > limit:  # not parsed
                yield Skipped(name, _too_big("line", size, limit,
                                             "split it into one line per article"), lineno)
                continue
            try:
                obj = _json_line(line)
            except _BadJson as exc:
                yield Skipped(name, str(exc), lineno)
                continue
            if not isinstance(obj, dict):
                yield Skipped(name, "not a JSON object", lineno)
                continue
            text_value = obj.get(text_key)
            if text_value is not None and not isinstance(text_value, str):
                yield Skipped(name, f"the {text_key!r} field is {_json_kind(text_value)}, "
                                    "not a text", lineno)
                continue
            values = {k: "" if v is None else v if isinstance(v, str)
                      else json.dumps(v, ensure_ascii=False) for k, v in obj.items()}
            doc = _row_document(spec, values, lineno)
            if doc is None:
                yield Skipped(name, "empty text", lineno)
            elif (first := seen.setdefault(_row_key(doc, spec), lineno)) != lineno:
                yield Skipped(name, _repeated_id(doc, spec, "line", first), lineno)
            else:
                yield doc
        return
    records = _csv_records(_lines_with_ends(spec.text), spec.sep)
    if not options.get("no_header"):
        next(records, None)  # read by _open_table
    rowno = 0
    for first_line, row, problem in records:
        if row is None:
            rowno += 1  # one row, as lenient reading counted it: later row ids unchanged
            yield Skipped(name, problem, first_line)
            continue
        if not any(cell.strip() for cell in row):
            continue
        rowno += 1
        ti = spec.columns["text"]
        size = _utf8_size(row[ti], limit) if ti < len(row) else 0
        if size > limit:
            yield Skipped(name, _too_big(f"the text of row {rowno}", size, limit,
                                         "split it into one row per article"), first_line)
            continue
        values = {h: row[i] for i, h in enumerate(spec.header) if i < len(row)}
        doc = _row_document(spec, values, rowno)
        if doc is None:
            yield Skipped(name, f"row {rowno} has an empty text column", first_line)
        elif (first := seen.setdefault(_row_key(doc, spec), rowno)) != rowno:
            yield Skipped(name, _repeated_id(doc, spec, "row", first), first_line)
        else:
            yield doc
