"""Frame lexicons: the model, the validating YAML loader, importers, and a CLI.

A :class:`Lexicon` holds *frames*; a :class:`Frame` holds compiled :class:`Pattern`
objects plus the example and counter-example sentences that test it. The binding
description of the YAML format and of the pattern language is
``docs/lexicon_format.md``; in short:

Pattern language
----------------
* A pattern string is cut into tokens by framing's French tokenizer
  (:func:`framing.tokenizer.tokenize`), so ``l'hégémonie`` is ``l'`` + ``hégémonie`` and
  hyphenated compounds stay whole. Each token is compared with the *normalised* form
  of the text's tokens (lower case, ``’``/``'`` unified): matching is case- and
  apostrophe-insensitive; accents count unless ``accents: false``.
* **fixed** — one word: ``contrepoids``.
* **glob** — ``*`` is any run of characters, ``?`` exactly one, inside a token:
  ``hégémon*``. A lone ``*`` is refused (use a gap); a lone ``?`` is the question mark.
* **phrase** — several tokens in a row: ``contrepoids à l'hégémonie américaine``.
* **lemma** — ``<dénoncer>`` inside a string, or ``{lemma: dénoncer}``: any token whose
  lemma (simplemma) is the given one (or the lemma simplemma gives for it).
* **gap** — ``a ... b`` (or ``…``): 0 to ``gap`` tokens between ``a`` and ``b``
  (``DEFAULT_GAP``; ``{phrase: "a ... b", gap: 6}``; at most ``MAX_GAP``);
  ``{lemma: repousser, then: "influence occidentale", gap: 3}`` is the same as
  ``<repousser> ... influence occidentale``.
* **regex** — ``{regex: "unipolari(?:té|sme)"}``: one normalised token, full match,
  case-insensitive. Nested quantifiers (``(a+)+``) and regexes longer than
  ``MAX_REGEX_CHARS`` are refused.
* ``{phrase: …, accents: false}`` (or ``accents: false`` on any mapping pattern)
  makes that pattern accent-insensitive.

A pattern's :attr:`Pattern.kind` is ``fixed``, ``glob``, ``lemma``, ``regex`` (one
token), ``phrase`` (several tokens in a row) or ``gap`` (with at least one gap).
How hits are counted (longest match, overlaps, negation) is documented once in
:mod:`framing.matcher`.

Loading and validation
----------------------
:func:`load_lexicon` takes a shipped lexicon's name (``"geopolitique"`` →
``lexicons/geopolitique.yaml``) or a path; ``.yaml``/``.yml`` files are validated, and
WordStat ``.cat``, LIWC ``.dic`` and ``.csv``/``.tsv`` term tables are imported by
suffix (:func:`read_wordstat`, :func:`read_liwc`, :func:`read_term_table`).
YAML is read with a *safe* loader; files over ``MAX_YAML_BYTES``, with more than
``MAX_YAML_ALIASES`` aliases or nested more than ``MAX_YAML_DEPTH`` levels are refused
(no YAML bomb is ever expanded). Imported
dictionaries may be bigger (``MAX_IMPORT_BYTES``, about two million entries): they
are read line by line and compiled in linear time, entries of plain words without the
tokenizer, equal words shared (a term table of a million entries loads in about
15 s and 600 MB; ``benchmarks/bench_matcher.py --entries 1e6``). Every
problem is reported as one line ``FILE:LINE: frame 'f', pattern 'p': what is wrong``;
all of them are collected before :class:`LexiconValidationError` is raised.
Errors: malformed YAML, unknown keys (the allowed keys are listed), wrong types, a
frame without patterns, a pattern that cannot match (empty, or only punctuation), a
duplicate pattern within a frame, a pathological regex. Warnings
(:attr:`Lexicon.warnings`): a pattern repeated in another frame, a frame without
examples, missing description or licence.

Imported dictionaries are external files the researcher owns: an entry that cannot
be used (or is repeated) is skipped with a warning naming its line, instead of making
the whole dictionary unusable.

Command line
------------
``python -m framing.lexicon validate FILE`` checks the schema and runs the examples
and counter-examples, printing a summary table per frame; ``python -m framing.lexicon
test FILE`` runs only the examples and counter-examples and lists each failure with
its sentence and what matched. FILE is a shipped lexicon's name or a path. Exit codes:
``0`` all good; ``1`` the file cannot be read or is malformed (one line per error, no
traceback); ``2`` bad command line; ``3`` some examples or counter-examples fail.
"""

from __future__ import annotations

import argparse
import codecs
import dataclasses
import gc
import hashlib
import os
import re
import sys
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from ._cli import quiet_broken_pipe
from ._paths import lexicon_dir, resources_path
from ._yaml import (
    LoneSurrogate,
    TooDeep,
    TooManyAliases,
    check_events,
    explain_error,
    join_surrogates,
    read_yaml,
)
from .errors import LexiconError
from .tokenizer import fold_accents, lemmatize, tokenize, tokens

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_GAP",
    "FRAME_KEYS",
    "LABEL_KEYS",
    "MAX_GAP",
    "MAX_IMPORT_BYTES",
    "MAX_REGEX_CHARS",
    "MAX_YAML_ALIASES",
    "MAX_YAML_BYTES",
    "MAX_YAML_DEPTH",
    "PATTERN_KEYS",
    "PATTERN_KINDS",
    "TOP_KEYS",
    "VALIDATION_COLUMNS",
    "Element",
    "Frame",
    "Lexicon",
    "LexiconValidationError",
    "Pattern",
    "available_lexicons",
    "compile_pattern",
    "glob_regex",
    "load_lexicon",
    "main",
    "make_lexicon",
    "read_liwc",
    "read_term_table",
    "read_wordstat",
    "validate_lexicon",
]

#: Tokens allowed between the two sides of ``a ... b`` when the pattern gives no
#: ``gap``: enough for an article, an adjective and a preposition ("contrepoids
#: *puissant à l'* hégémonie"), short enough to stay inside one phrase.
DEFAULT_GAP = 3
#: Largest ``gap`` accepted: beyond about a clause, co-occurrence is no longer a
#: phrase (and the cost of matching a gap pattern grows with it).
MAX_GAP = 10
#: Longest regex accepted. A regex matches one token; a longer one is almost always a
#: list of words that belongs in several patterns (and is harder to review).
MAX_REGEX_CHARS = 200
#: Largest YAML lexicon read. The biggest published dictionaries (LIWC, LSD) are
#: under 1 MB; the cap stops a runaway or hostile file before it is parsed (PyYAML
#: builds a node per scalar, several hundred bytes each).
MAX_YAML_BYTES = 5_000_000
#: Largest imported dictionary (CSV/TSV term table, WordStat ``.cat``, LIWC ``.dic``)
#: read. These are read line by line with no expansion, so work and memory grow
#: linearly with the file: 64 MB is about two million entries (a term table of a
#: million entries is about 30 MB and takes about 15 s and 600 MB to load and compile),
#: far above any published dictionary, while a runaway file (a corpus or a log given
#: by mistake) is refused before it is read.
MAX_IMPORT_BYTES = 64_000_000
#: A ``gap`` beyond this (which is refused) is reported as written, shortened.
_MAX_GAP_SHOWN = 10**6
#: Most YAML aliases (``*anchor``) accepted in a file. Lexicons do not need them; a
#: small cap makes "billion laughs" expansion impossible.
MAX_YAML_ALIASES = 50
#: Most nesting levels of lists and mappings accepted in a YAML lexicon. A lexicon
#: needs five (the file, ``frames``, a frame, ``patterns``, a pattern); the cap keeps
#: PyYAML's composer, which recurses once per level, far from Python's recursion limit.
MAX_YAML_DEPTH = 50

TOP_KEYS = ("name", "language", "version", "description", "licence", "frames")
FRAME_KEYS = ("label", "description", "patterns", "examples", "counter_examples")
LABEL_KEYS = ("fr", "en")
PATTERN_KEYS = ("phrase", "lemma", "regex", "then", "gap", "accents", "followed_by")
PATTERN_KINDS = ("fixed", "glob", "lemma", "regex", "phrase", "gap")
VALIDATION_COLUMNS = (
    "frame", "patterns", "examples", "examples_passed", "counter_examples",
    "counter_examples_passed", "failures",
)

_YAML_SUFFIXES = frozenset({".yaml", ".yml"})
_IMPORT_SUFFIXES = frozenset({".cat", ".dic", ".csv", ".tsv"})
_FRAME_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Wildcards are swapped for letters the tokenizer keeps inside words (two click
# letters, never found in French text) so that "l'hégémon*" tokenizes like a word.
_STAR, _QMARK = "\u01c2", "\u01c1"
_GAP_RE = re.compile(r"\.\.\.|…")
_LEMMA_RE = re.compile(r"<([^<>]*)>")
_SPLIT_RE = re.compile(r"(\.\.\.|…|<[^<>]*>)")
#: A ``<`` or ``>`` left in a text part once the ``<lemma>`` elements are cut out:
#: a lemma bracket without its pair (``<dénoncer``, ``dénoncer>``).
_STRAY_BRACKET_RE = re.compile(r"[<>]")
#: The word a stray ``<`` opens / a stray ``>`` closes, for the message.
#: (An elided article after the ``<`` is skipped: ``<l'ingérence`` gives ``<ingérence>``.)
_WORD_AFTER_LT_RE = re.compile(r"<\s*(?:\w+['’ʼ])?(\w[\w-]*)")
_WORD_BEFORE_GT_RE = re.compile(r"(\w[\w-]*)\s*>")
_LONE_QMARK_RE = re.compile(r"(?:(?<=\s)|^)\?(?=\s|$)")
#: A pattern text that ends in an elided word (``d'``, ``qu'``, ``l’``).
_ELIDED_END_RE = re.compile(
    r"(?i)(?:^|(?<=[\s\W]))(?:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])['’ʼ]$")
#: Tokens a regex is tried on: one that matches them all matches every token.
_PROBES = ("a", "hégémonie", ",", "2024", "l'")
_APOSTROPHES = str.maketrans("’ʼ‘", "'''")
#: Distinct ``gaps`` tuples shared between patterns (there are only a few shapes).
_GAPS: dict[tuple[int, ...], tuple[int, ...]] = {}


# ---------------------------------------------------------------------------
# the model


@dataclass(frozen=True, slots=True)
class Element:
    """One token test of a pattern.

    ``kind`` is ``word`` (normalised form equals ``value``), ``glob`` / ``regex``
    (``regex`` fully matches the normalised form) or ``lemma`` (the token's lemma is
    one of ``lemmas``). With ``accents=False`` both sides are compared without
    diacritics (``value``, ``lemmas`` and ``regex`` are then stored folded).
    """

    kind: str
    value: str
    accents: bool = True
    regex: re.Pattern[str] | None = None
    lemmas: frozenset[str] = frozenset()

    def matches(self, norm: str, lemma: str) -> bool:
        """Does a token with this normalised form and lemma pass the test?"""
        if not self.accents:
            norm, lemma = fold_accents(norm), fold_accents(lemma)
        if self.kind == "word":
            return norm == self.value
        if self.kind == "lemma":
            return lemma in self.lemmas
        assert self.regex is not None
        return self.regex.fullmatch(norm) is not None

    def without_accents(self) -> Element:
        """The same test, accent-insensitive."""
        if not self.accents:
            return self
        if self.kind == "word":
            return Element("word", fold_accents(self.value), False)
        if self.kind == "lemma":
            return Element(
                "lemma", fold_accents(self.value), False, None,
                frozenset(fold_accents(x) for x in self.lemmas),
            )
        if self.kind == "glob":
            return _glob_element(fold_accents(self.value), accents=False)
        assert self.regex is not None
        return Element("regex", self.value, False, _compile_regex(fold_accents(self.value)))

    @property
    def is_punct(self) -> bool:
        return self.kind == "word" and not any(c.isalnum() for c in self.value)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern. ``source`` is the pattern as written (the ``pattern``
    column of hits); ``elements`` are its token tests; ``gaps[k]`` is the largest
    number of tokens allowed between element ``k-1`` and element ``k`` (``gaps[0]``
    is 0); ``weight`` comes from imported dictionaries (1.0 otherwise); ``line`` is
    the pattern's line in its file (0 when unknown); ``followed_by`` (empty for most
    patterns) are the tests of which one the token right after the match must pass,
    that token staying out of the match (``{phrase: "respect* ... souveraineté",
    followed_by: "de des du"}``)."""

    source: str
    kind: str
    elements: tuple[Element, ...]
    gaps: tuple[int, ...]
    accents: bool = True
    weight: float = 1.0
    line: int = 0
    followed_by: tuple[Element, ...] = ()

    @property
    def key(self) -> Hashable:
        """What two patterns share when they match exactly the same token sequences.

        For a run of accent-sensitive words (most entries of a big dictionary) it is
        their forms joined by newlines, a string (a token never holds a newline) about
        a quarter of the size of the general key, a tuple of the elements' tests and
        gaps; a string never equals a tuple, so the two kinds of keys never mix."""
        els = self.elements
        if self.followed_by:
            return (tuple((e.kind, e.value, e.accents) for e in els), self.gaps,
                    tuple((e.kind, e.value, e.accents) for e in self.followed_by))
        if not any(self.gaps):
            words = [e.value for e in els if e.kind == "word" and e.accents]
            if len(words) == len(els):
                return "\n".join(words)
        return (tuple((e.kind, e.value, e.accents) for e in els), self.gaps)


@dataclass(frozen=True, slots=True)
class Frame:
    """One frame: id (ASCII), labels, definition, patterns and test sentences."""

    id: str
    label_fr: str
    label_en: str
    description: str
    patterns: tuple[Pattern, ...]
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()


class _FrozenMap(Mapping[str, Frame]):
    """A read-only, picklable, hashable mapping (frames in lexicon order)."""

    __slots__ = ("_d",)

    def __init__(self, items: Mapping[str, Frame] | Iterable[tuple[str, Frame]] = ()) -> None:
        self._d: dict[str, Frame] = dict(items)

    def __getitem__(self, key: str) -> Frame:
        return self._d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __hash__(self) -> int:
        return hash(tuple(self._d.items()))

    def __repr__(self) -> str:
        return f"{{{', '.join(repr(k) for k in self._d)}}}"

    def __getstate__(self) -> dict[str, Frame]:
        return self._d

    def __setstate__(self, state: dict[str, Frame]) -> None:
        self._d = state


@dataclass(frozen=True)
class Lexicon:
    """A frame lexicon (quanteda's ``dictionary``). ``frames`` keeps file order;
    ``warnings`` holds the loader's non-fatal findings, one line each."""

    name: str
    language: str
    version: str
    description: str
    licence: str
    frames: Mapping[str, Frame]
    path: str = ""
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.frames, _FrozenMap):
            object.__setattr__(self, "frames", _FrozenMap(self.frames))

    @property
    def n_patterns(self) -> int:
        return sum(len(f.patterns) for f in self.frames.values())

    def __repr__(self) -> str:
        return (
            f"Lexicon(name={self.name!r}, frames={len(self.frames)}, "
            f"patterns={self.n_patterns}, path={self.path!r})"
        )


class LexiconValidationError(LexiconError):
    """A lexicon file with one or more errors. The message is the first error (one
    line) and how many more there are; :attr:`errors` holds them all."""

    def __init__(self, errors: Sequence[str], path: str = "") -> None:
        self.errors = tuple(errors)
        more = len(self.errors) - 1
        msg = self.errors[0] if self.errors else "invalid lexicon"
        if more > 0:
            msg += f" (and {more} more error{'s' if more > 1 else ''}"
            msg += (f"; python -m framing.lexicon validate {path} lists them all)" if path
                    else ")")
        super().__init__(msg)


# ---------------------------------------------------------------------------
# compiling patterns


class _PatternError(Exception):
    """A pattern problem, without file context (the caller adds it)."""


def _glob_element(value: str, *, accents: bool) -> Element:
    return Element("glob", value, accents, re.compile(glob_regex(value), re.DOTALL))


def glob_regex(glob: str, *, many: str = ".*", one: str = ".") -> str:
    r"""A regular expression for ``fullmatch`` equal to ``glob`` (``*``: ``many``,
    ``?``: ``one``) whose work grows with the length of the text times the glob's,
    never with a power of it.

    Translated star by star (``.*a.*b.*c``), a glob backtracks over every placement
    of its stars: ``**************x`` took 10 s on a token of 21 letters. Here each
    piece between two stars is matched at its first occurrence and never moved
    (an atomic group, ``(?>.*?b)``): the first occurrence leaves the most room for
    the pieces after it, so a text matches exactly when it matches the plain
    translation (the greedy algorithm of wildcard matching). That holds when a star
    may span any character; with a narrower ``many`` (``\w*``) the caller must make
    sure the pieces hold only characters ``many`` spans too."""
    pieces = [re.escape(p).replace(r"\?", one) for p in glob.split("*")]
    if len(pieces) == 1:
        return pieces[0]
    lazy = many + "?"
    middle = "".join(f"(?>{lazy}{p})" for p in pieces[1:-1] if p)
    return pieces[0] + middle + many + pieces[-1]


def _compile_regex(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


def _regex_problem(src: str) -> str | None:
    """Why a regex is refused (nested or stacked repetition), or None.

    A small scanner of the regex source: a group that contains an unbounded
    repetition (``*``, ``+``, ``{n,}``) and is itself repeated (``(a+)+``,
    ``(?:a*b)*``, ``(a+){2,9}``) can backtrack exponentially on a long token; three or
    more unbounded repetitions in a row (``[a-z]*[a-z]*[a-z]*y``) backtrack as a power
    of the token's length (ten of them took 5 s on 21 letters).
    """
    stack: list[bool] = [False]  # does the open group contain an unbounded repeat?
    closed: bool | None = None  # the group that just closed (its flag), if any
    run = 0  # unbounded repeats in a row so far
    before = last = False  # was the atom before this one / the last atom repeated?
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c in "*+{":
            pass
        elif c in "(|":
            before = last = False
            run = 0
        else:  # an atom starts (a closing parenthesis: the group, as one atom)
            before, last = last, False
        if c == "\\":
            i += 2
            closed = None
            continue
        if c == "[":
            j = i + 1
            if j < n and src[j] == "^":
                j += 1
            if j < n and src[j] == "]":
                j += 1
            while j < n and src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            closed = None
            continue
        if c == "(":
            stack.append(False)
            i += 1
            if i < n and src[i] == "?":  # (?: (?= (?! (?<= (?<! (?P<name> (?i)
                m = re.match(r"\?(?:P<[^>]*>|<[=!]|[:=!]|[a-zA-Z-]*[:)])", src[i:])
                i += m.end() if m else 1
                if m and m.group().endswith(")"):
                    stack.pop()
            closed = None
            continue
        if c == ")":
            flag = stack.pop() if len(stack) > 1 else False
            if flag:
                stack[-1] = True
            closed = flag
            before = False  # what the group holds is not in a row with what precedes it
            i += 1
            continue
        quant = None
        if c in "*+":
            quant = "unbounded"
            i += 1
        elif c == "{":
            m = re.match(r"\{(\d*)(,?)(\d*)\}", src[i:])
            if m:
                lo, comma, hi = m.groups()
                if comma and not hi:
                    quant = "unbounded"
                elif (int(hi) if comma else int(lo or 0)) > 1:
                    quant = "bounded"
                i += m.end()
            else:
                i += 1
        else:
            i += 1
        if quant is not None:
            if closed:
                return ("nested quantifiers (a repeated group that itself repeats, like "
                        "(a+)+); rewrite it without nesting")
            if quant == "unbounded":
                stack[-1] = True
                run = run + 1 if before else 1
                last = True
                if run >= 3:
                    return ("three or more repeated parts in a row (like [a-z]*[a-z]*[a-z]*); "
                            "merge them into one or put a fixed character between them")
            else:
                run, last = 0, False
            if i < n and src[i] in "+?":  # lazy or possessive suffix
                i += 1
        closed = None
    return None


def _regex_element(source: Any, *, accents: bool) -> Element:
    if not isinstance(source, str) or not source.strip():
        raise _PatternError("'regex' needs a non-empty string")
    if len(source) > MAX_REGEX_CHARS:
        raise _PatternError(
            f"regex is {len(source)} characters long (at most {MAX_REGEX_CHARS}); "
            "split it into several patterns"
        )
    problem = _regex_problem(source)
    if problem:
        raise _PatternError(f"pathological regex: {problem}")
    src = source.translate(_APOSTROPHES)  # like the tokens' normalised forms
    if not accents:
        src = fold_accents(src)
    try:
        rx = _compile_regex(src)
    except re.error as exc:
        raise _PatternError(f"invalid regex ({exc})") from None
    if all(rx.fullmatch(p) for p in _PROBES):
        raise _PatternError("regex matches every token; make it specific")
    return Element("regex", src, accents, rx)


def _lemma_element(text: str, *, accents: bool) -> list[Element]:
    """Elements for the words of a lemma spec (one per token)."""
    if _STAR in text or _QMARK in text or "*" in text:
        raise _PatternError(f"a lemma cannot hold wildcards: <{text}>")
    toks = tokenize(text)
    if not toks:
        raise _PatternError("empty lemma <>; write the lemma between < and >")
    out = []
    for t in toks:
        if t.kind == "punct":
            raise _PatternError(f"a lemma must be a word, not {t.text!r}")
        lemmas = {t.norm, lemmatize(t.norm)}
        value = t.norm
        if not accents:
            value = fold_accents(value)
            lemmas = {fold_accents(x) for x in lemmas}
        out.append(Element("lemma", value, accents, None, frozenset(lemmas)))
    return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a big lexicon is built: it makes
    millions of small objects, none of them in a cycle (they are freed by reference
    counting), and the collections they trigger would traverse them all again and
    again (more than half of the time for a million entries). Nested pauses and a
    collector already off are left as they are."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _Memo:
    """What the patterns of one lexicon share: one :class:`Element` per distinct word
    (a dictionary of a million entries repeats a few hundred thousand words, and an
    element with its string costs about 130 bytes)."""

    __slots__ = ("folded", "words")

    def __init__(self) -> None:
        self.words: dict[str, Element] = {}
        self.folded: dict[str, Element] = {}

    def word(self, norm: str, accents: bool) -> Element:
        table = self.words if accents else self.folded
        el = table.get(norm)
        if el is None:
            el = table[norm] = _new_word(norm if accents else fold_accents(norm), accents)
        return el


def _plain_words(text: str) -> list[str] | None:
    """The tokens' normalised forms when ``text`` is only letters, digits and
    whitespace, else None (the tokenizer must cut it).

    A whitespace-free run of letters and digits (``str.isalnum``: no apostrophe,
    hyphen, dot, comma or wildcard) is always exactly one token for framing's
    tokenizer, and its normalised form is its lower case. Two exceptions are left to
    the tokenizer: the modifier letter apostrophe U+02BC (a letter for Python, an
    elision for the tokenizer) and a number followed by one space and three digits
    (``2 000`` is one token). So the usual entries of big dictionaries skip the
    tokenizer and its lemmatizer (tens of microseconds per new word).
    ``test_lexicon.py`` checks that the two ways agree."""
    if _STAR in text or _QMARK in text or "\u02bc" in text:
        return None  # letters for Python: wildcards (reserved), an apostrophe
    words = text.split()
    prev = ""
    for w in words:
        if not w.isalnum() or (prev[-1:].isdecimal() and w[0].isdecimal()):
            return None
        prev = w
    return [w.lower() for w in words]


def _stray_bracket(text: str) -> str | None:
    """Why ``text`` (a pattern part with no ``<lemma>`` left in it) is refused for a
    lone lemma bracket, or None. Without the check ``<dénoncer`` was read as the
    punctuation ``<`` then a word, a phrase no French text holds, so the pattern
    silently never matched."""
    m = _STRAY_BRACKET_RE.search(text)
    if m is None:
        return None
    if m.group() == "<":
        word = _WORD_AFTER_LT_RE.match(text, m.start())
        problem = "unclosed '<'"
    else:
        word = _WORD_BEFORE_GT_RE.search(text)
        problem = "'>' without its '<'"
    lemma = word.group(1) if word else "lemma"
    return f"{problem}; write the lemma between < and > (<{lemma}>)"


def _text_elements(text: str, *, accents: bool, memo: _Memo | None = None) -> list[Element]:
    """Elements for a run of plain words and globs (no gap, no <lemma>)."""
    if _STAR in text or _QMARK in text:
        raise _PatternError("pattern holds a reserved character (U+01C1 or U+01C2)")
    stray = _stray_bracket(text)
    if stray:
        raise _PatternError(stray)
    plain = _plain_words(text)
    if plain is not None:
        if memo is not None:
            return [memo.word(norm, accents) for norm in plain]
        return [Element("word", n if accents else fold_accents(n), accents) for n in plain]
    marked = _LONE_QMARK_RE.sub("\x00", text)
    marked = marked.replace("*", _STAR).replace("?", _QMARK).replace("\x00", "?")
    # an elided word at the end of the text or before a gap or a <lemma> ("souveraineté
    # d'", "souveraineté d' ... ukraine") is the elision the text has before the next
    # word: tokenized with a letter after it (was: "d" and "'", never matched)
    marked = marked.rstrip()
    elided_end = _ELIDED_END_RE.search(marked) is not None
    out = []
    for t in (tokenize(marked + "x")[:-1] if elided_end else tokenize(marked)):
        norm = t.norm
        if _STAR in norm or _QMARK in norm:
            glob = norm.replace(_STAR, "*").replace(_QMARK, "?")
            if not glob.strip("*"):
                raise _PatternError(
                    "a lone '*' matches any token; write '...' for a gap between words"
                )
            if not glob.strip("*?"):  # "?*", "**?": any token of a few characters
                raise _PatternError(
                    f"{glob!r} is only wildcards and matches nearly any token; give letters "
                    "(hégémon*) or write '...' for a gap between words"
                )
            if not accents:
                glob = fold_accents(glob)
            out.append(_glob_element(glob, accents=accents))
        elif memo is not None:
            out.append(memo.word(norm, accents))
        else:
            out.append(Element("word", norm if accents else fold_accents(norm), accents))
    return out


def _parse_string(text: str, *, accents: bool, gap: int,
                  memo: _Memo | None = None) -> tuple[list[Element], list[int], bool]:
    """Elements, gaps and whether a gap was written, for a pattern string."""
    elements: list[Element] = []
    gaps: list[int] = []
    pending_gap = False
    has_gap = False
    for part in _SPLIT_RE.split(text):
        if not part or part.isspace():
            continue
        if _GAP_RE.fullmatch(part):
            if not elements or pending_gap:
                raise _PatternError("a gap '...' must stand between two words")
            pending_gap = has_gap = True
            continue
        m = _LEMMA_RE.fullmatch(part)
        new = (
            _lemma_element(m.group(1).strip(), accents=accents) if m
            else _text_elements(part, accents=accents, memo=memo)
        )
        if len(new) > 1 and m:
            raise _PatternError(f"<{m.group(1).strip()}> must hold one word")
        for k, el in enumerate(new):
            gaps.append(gap if (pending_gap and k == 0) else 0)
            elements.append(el)
        if new:
            pending_gap = False
    if pending_gap:
        raise _PatternError("a gap '...' must stand between two words")
    if gaps:
        gaps[0] = 0
    return elements, gaps, has_gap


def _kind(elements: Sequence[Element], has_gap: bool) -> str:
    if has_gap:
        return "gap"
    if len(elements) > 1:
        return "phrase"
    return {"word": "fixed"}.get(elements[0].kind, elements[0].kind)


def _render(spec: Mapping[str, Any]) -> str:
    def fmt(v: Any) -> str:
        return str(v).lower() if isinstance(v, bool) else str(v)

    return "{" + ", ".join(f"{k}: {fmt(v)}" for k, v in spec.items()) + "}"


def _compile(spec: Any, *, line: int = 0, weight: float = 1.0,
             memo: _Memo | None = None) -> Pattern:
    """Compile a pattern spec (a string or a mapping) or raise _PatternError. ``memo``
    shares equal word elements between the patterns of one lexicon."""
    if isinstance(spec, str):
        plain = _plain_words(spec)
        if plain:  # words only: no gap, lemma, glob or punctuation to look for
            memo = memo or _Memo()
            known = memo.words
            els = tuple([known.get(w) or memo.word(w, True) for w in plain])
            return _new_pattern(spec, "fixed" if len(els) == 1 else "phrase", els,
                                _shared_gaps((0,) * len(els)), True, weight, line)
        if not spec.strip():
            raise _PatternError("empty pattern")
        elements, gaps, has_gap = _parse_string(spec, accents=True, gap=DEFAULT_GAP, memo=memo)
        followed_by: tuple[Element, ...] = ()
        source, accents, kind_hint = spec, True, None
    elif isinstance(spec, Mapping):
        unknown = [k for k in spec if k not in PATTERN_KEYS]
        if unknown:
            raise _PatternError(
                f"unknown key {unknown[0]!r} in pattern; allowed keys: {', '.join(PATTERN_KEYS)}"
            )
        main_keys = [k for k in ("phrase", "lemma", "regex") if k in spec]
        if not main_keys:
            raise _PatternError("a pattern mapping needs one of the keys phrase, lemma, regex")
        if len(main_keys) > 1:
            raise _PatternError(
                f"give only one of phrase, lemma, regex (got {', '.join(main_keys)})"
            )
        accents = spec.get("accents", True)
        if not isinstance(accents, bool):
            raise _PatternError(f"'accents' must be true or false, not {accents!r}")
        gap = spec.get("gap", DEFAULT_GAP)
        if isinstance(gap, bool) or not isinstance(gap, int) or not 0 <= gap <= MAX_GAP:
            raise _PatternError(f"'gap' must be a whole number from 0 to {MAX_GAP}, not {gap!r}")
        key = main_keys[0]
        value = spec[key]
        if "then" in spec and key != "lemma":
            raise _PatternError("'then' goes with 'lemma' ({lemma: x, then: \"y z\"})")
        if key != "regex" and (not isinstance(value, str) or not value.strip()):
            raise _PatternError(f"{key!r} needs a non-empty string")
        kind_hint = None
        if key == "regex":
            if "gap" in spec:
                raise _PatternError("'gap' does not apply to a regex (it matches one token)")
            elements, gaps, has_gap = [_regex_element(value, accents=accents)], [0], False
        elif key == "lemma":
            elements = _lemma_element(value.strip(), accents=accents)
            gaps = [0] * len(elements)
            has_gap = False
            if "then" in spec:
                then = spec["then"]
                if not isinstance(then, str) or not then.strip():
                    raise _PatternError("'then' needs a non-empty string")
                more, more_gaps, _ = _parse_string(then, accents=accents, gap=gap, memo=memo)
                if not more:
                    raise _PatternError(f"'then' {then!r} has no token to match")
                elements += more
                gaps += [gap, *more_gaps[1:]]
                has_gap = True
            elif "gap" in spec:
                raise _PatternError("'gap' needs 'then' next to 'lemma'")
            if len(elements) > 1 and not has_gap:
                kind_hint = "phrase"
        else:
            elements, gaps, has_gap = _parse_string(value, accents=accents, gap=gap,
                                                    memo=memo)
            if "gap" in spec and not has_gap:
                raise _PatternError(
                    "'gap' given but the phrase has no '...'; add it where the gap goes"
                )
        followed_by = _followed_by(spec["followed_by"], accents=accents, memo=memo) \
            if "followed_by" in spec else ()
        source = _render(spec)
    else:
        raise _PatternError(
            f"a pattern is a string or a mapping ({{phrase: ...}}, {{lemma: ...}}, "
            f"{{regex: ...}}), not {type(spec).__name__}"
        )
    if not elements:
        raise _PatternError("pattern is empty after tokenization: it cannot match")
    if all(e.is_punct for e in elements):
        raise _PatternError("pattern has only punctuation: it cannot match a word")
    kind = kind_hint or _kind(elements, has_gap)
    return Pattern(source, kind, tuple(elements), _shared_gaps(tuple(gaps)), accents, weight,
                   line, followed_by)


def _followed_by(text: Any, *, accents: bool, memo: _Memo | None) -> tuple[Element, ...]:
    """The tests of ``followed_by``: alternatives separated by spaces, each one token
    (a word, a glob such as ``*ienne``, punctuation, ``<lemma>``)."""
    if not isinstance(text, str) or not text.split():
        raise _PatternError("'followed_by' needs words separated by spaces (de des du …)")
    out: list[Element] = []
    for alt in text.split():
        m = _LEMMA_RE.fullmatch(alt)
        els = (_lemma_element(m.group(1).strip(), accents=accents) if m
               else _text_elements(alt, accents=accents, memo=memo))
        if len(els) != 1:
            raise _PatternError(f"'followed_by' alternative {alt!r} is {len(els)} tokens; "
                                "give one token per alternative")
        out.append(els[0])
    return tuple(out)


def _slot_setters(cls: type) -> tuple[Any, ...]:
    """The setters of a frozen slots dataclass's fields, in field order."""
    return tuple(getattr(cls, f.name).__set__ for f in dataclasses.fields(cls))


_PATTERN_SLOTS = _slot_setters(Pattern)
_ELEMENT_SLOTS = _slot_setters(Element)
_NO_LEMMAS: frozenset[str] = frozenset()


def _new_pattern(source: str, kind: str, elements: tuple[Element, ...], gaps: tuple[int, ...],
                 accents: bool, weight: float, line: int) -> Pattern:
    """``Pattern(...)``, three times faster: a frozen dataclass's ``__init__`` sets each
    field through ``object.__setattr__``, which dominates the loading of a dictionary
    of a million entries; here the slots are filled directly (the same object; a new
    field makes the unpacking below fail loudly)."""
    p: Pattern = object.__new__(Pattern)
    s_source, s_kind, s_elements, s_gaps, s_accents, s_weight, s_line, s_followed = \
        _PATTERN_SLOTS
    s_source(p, source)
    s_kind(p, kind)
    s_elements(p, elements)
    s_gaps(p, gaps)
    s_accents(p, accents)
    s_weight(p, weight)
    s_line(p, line)
    s_followed(p, ())
    return p


def _new_word(value: str, accents: bool) -> Element:
    """``Element("word", value, accents)``, three times faster (see :func:`_new_pattern`)."""
    e: Element = object.__new__(Element)
    s_kind, s_value, s_accents, s_regex, s_lemmas = _ELEMENT_SLOTS
    s_kind(e, "word")
    s_value(e, value)
    s_accents(e, accents)
    s_regex(e, None)
    s_lemmas(e, _NO_LEMMAS)
    return e


def _shared_gaps(shape: tuple[int, ...]) -> tuple[int, ...]:
    """One tuple object per distinct ``gaps`` shape (patterns have only a few)."""
    shared = _GAPS.get(shape)
    if shared is None:
        if len(_GAPS) >= 4096:
            _GAPS.clear()
        shared = _GAPS[shape] = shape
    return shared


def compile_pattern(spec: str | Mapping[str, Any]) -> Pattern:
    """Compile one pattern (a string or a mapping such as ``{"regex": "…"}``) in the
    pattern language; raises :class:`LexiconError` with one line if it is invalid."""
    try:
        return _compile(spec)
    except _PatternError as exc:
        raise LexiconError(f"pattern {_show(spec)}: {exc}") from None


def _show(spec: Any) -> str:
    return repr(spec) if isinstance(spec, str) else repr(_render(spec)) if isinstance(
        spec, Mapping) else repr(spec)


def make_lexicon(
    frames: Mapping[str, Sequence[str | Mapping[str, Any]]],
    *,
    name: str = "lexicon",
    language: str = "fr",
    labels: Mapping[str, str] | None = None,
) -> Lexicon:
    """Build a lexicon in code: ``make_lexicon({"hegemony": ["hégémon*"]})``.
    Invalid or duplicate patterns raise :class:`LexiconError`."""
    errors: list[str] = []
    warnings: list[str] = []
    built: dict[str, Frame] = {}
    seen: dict[Hashable, str] = {}
    for fid, specs in frames.items():
        pats: list[Pattern] = []
        keys: set[Hashable] = set()
        if not specs:
            errors.append(f"frame {fid!r}: no patterns (an empty frame cannot match)")
        for spec in specs:
            try:
                p = _compile(spec)
            except _PatternError as exc:
                errors.append(f"frame {fid!r}, pattern {_show(spec)}: {exc}")
                continue
            if p.key in keys:
                errors.append(f"frame {fid!r}, pattern {_show(spec)}: duplicate pattern")
                continue
            keys.add(p.key)
            if p.key in seen and seen[p.key] != fid:
                warnings.append(
                    f"pattern {p.source!r} is in frames {seen[p.key]!r} and {fid!r}"
                )
            seen.setdefault(p.key, fid)
            pats.append(p)
        label = (labels or {}).get(fid, fid)
        built[fid] = Frame(fid, label, label, "", tuple(pats))
    if errors:
        raise LexiconValidationError(errors)
    return Lexicon(name, language, "", "", "", built, "", tuple(warnings))


# ---------------------------------------------------------------------------
# YAML


_SCALAR = yaml.constructor.SafeConstructor()


class _Ctx:
    """Collects errors and warnings with file context while a YAML file is read."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def where(self, node: yaml.Node | int | None, frame: str | None = None,
              pattern: str | None = None) -> str:
        line = node if isinstance(node, int) else (node.start_mark.line + 1 if node else 0)
        out = f"{self.path}:{line}:" if line else f"{self.path}:"
        parts = []
        if frame is not None:
            parts.append(f"frame {frame!r}")
        if pattern is not None:
            parts.append(f"pattern {pattern!r}")
        return out + (" " + ", ".join(parts) + ":" if parts else "")

    def error(self, node: yaml.Node | int | None, msg: str, frame: str | None = None,
              pattern: str | None = None) -> None:
        self.errors.append(f"{self.where(node, frame, pattern)} {msg}")

    def warn(self, node: yaml.Node | int | None, msg: str, frame: str | None = None,
             pattern: str | None = None) -> None:
        self.warnings.append(f"{self.where(node, frame, pattern)} {msg}")


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _entries(ctx: _Ctx, node: yaml.MappingNode, allowed: Sequence[str], what: str,
             frame: str | None = None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Keys of a mapping node, each with its key node and value node; unknown and
    repeated keys are reported."""
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            ctx.error(knode, f"{what} keys must be plain words", frame)
            continue
        key = str(knode.value)
        if allowed and key not in allowed:
            ctx.error(knode, f"unknown key {key!r} in {what}; allowed keys: {', '.join(allowed)}",
                      frame)
            continue
        if key in out:
            ctx.error(knode, f"key {key!r} repeated in {what} (first on line "
                      f"{_line(out[key][0])})", frame)
            continue
        out[key] = (knode, vnode)
    return out


#: What YAML made of a plain scalar that is not text (``3``, ``null``, ``yes``), as
#: an error names it.
_NOT_TEXT = {"null": "empty (null)", "int": "a number", "float": "a number",
             "bool": "a yes/no value"}


def _text(ctx: _Ctx, node: yaml.Node, what: str, frame: str | None = None, *,
          numbers: bool = False) -> str | None:
    """The text of a scalar node (``""`` for a key with nothing after it); a list, a
    mapping, a written ``null`` or ``~``, a yes/no value or (unless ``numbers``, as for
    a version) a number is an error: ``label: {en: null}`` gave the label "null",
    ``examples: [5]`` the example sentence "5"."""
    if not isinstance(node, yaml.ScalarNode):
        ctx.error(node, f"{what} must be a text, not a {_node_kind(node)}", frame)
        return None
    kind = _NOT_TEXT.get(node.tag.rsplit(":", 1)[-1])
    if kind == "empty (null)" and not node.value:
        return ""  # "description:" with nothing after it: an empty text, as always
    if kind and not (numbers and kind == "a number"):
        ctx.error(node, f"{what} must be a text, not {kind}; put it in quotes if it is meant "
                        "as written", frame)
        return None
    return str(node.value)


def _node_kind(node: yaml.Node) -> str:
    return "list" if isinstance(node, yaml.SequenceNode) else (
        "mapping" if isinstance(node, yaml.MappingNode) else "text")


def _texts(ctx: _Ctx, node: yaml.Node, what: str, frame: str) -> list[str]:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        ctx.error(node, f"{what} must be a list of sentences", frame)
        return []
    out = []
    for item in node.value:
        s = _text(ctx, item, f"each of {what}", frame)
        if s is not None and not s.strip():
            ctx.error(item, f"empty sentence in {what}", frame)
        elif s is not None:
            out.append(s)
    return out


def _pattern_spec(ctx: _Ctx, node: yaml.Node, frame: str) -> Any:
    """A pattern node as a Python spec (a string or a dict of scalars)."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.MappingNode):
        spec: dict[str, Any] = {}
        for key, (_k, vnode) in _entries(ctx, node, (), "pattern", frame).items():
            if not isinstance(vnode, yaml.ScalarNode):
                spec[key] = f"<a {_node_kind(vnode)}>"
            elif key in ("gap", "accents"):
                try:
                    value = _SCALAR.construct_object(vnode)
                except (yaml.YAMLError, ValueError):  # an unknown tag, 2024-02-30, an int
                    value = None  # of thousands of digits: never built, reported as written
                if value is None or (
                        isinstance(value, int) and not -_MAX_GAP_SHOWN < value < _MAX_GAP_SHOWN):
                    # as written, shortened (0x… of thousands of digits is beyond what
                    # str() turns into text)
                    value = f"{vnode.value[:12]}…" if len(vnode.value) > 12 else vnode.value
                spec[key] = value
            else:
                spec[key] = str(vnode.value)
        return spec
    return []


def _read_yaml_node(path: Path, ctx: _Ctx) -> yaml.Node | None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_YAML_BYTES:
        raise LexiconError(
            f"{path}: file is {size:,} bytes, larger than the {MAX_YAML_BYTES:,} allowed "
            "for a lexicon; split it"
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                           "save the file as UTF-8") from None
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return _compose(text)
    except TooManyAliases as exc:
        raise LexiconError(
            f"{path}:{exc.line}: more than {MAX_YAML_ALIASES} YAML aliases; lexicons do not "
            "need anchors and aliases (refused to guard against YAML bombs)"
        ) from None
    except LoneSurrogate as exc:
        raise LexiconError(
            f"{path}:{exc.line}: an escape gives half a surrogate pair (\\ud800 to \\udfff), "
            "which is no character; remove it or write the character itself"
        ) from None
    except TooDeep as exc:
        raise LexiconError(
            f"{path}:{exc.line}: malformed YAML: lists and mappings nested more than "
            f"{MAX_YAML_DEPTH} levels deep (a lexicon needs five); check the brackets"
        ) from None
    except yaml.MarkedYAMLError as exc:
        line, what = explain_error(exc, text)
        where = f"{path}:{line}:" if line else f"{path}:"
        raise LexiconError(f"{where} malformed YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: malformed YAML: {exc}") from None
    except ValueError as exc:  # an escape PyYAML scans but cannot build: "\U00110000"
        raise LexiconError(f"{path}: malformed YAML: an escape sequence is not a Unicode "
                           f"character ({exc})") from None


def _compose(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (with line marks), refusing more than
    ``MAX_YAML_DEPTH`` levels or ``MAX_YAML_ALIASES`` aliases before anything is
    composed (libyaml first, then PyYAML's own parser on a YAML error:
    :func:`framing._yaml.read_yaml`)."""
    return read_yaml(partial(_compose_with, text))


def _compose_with(text: str, loader: type[yaml.SafeLoader]) -> yaml.Node | None:
    check_events(text, loader, max_depth=MAX_YAML_DEPTH, max_aliases=MAX_YAML_ALIASES)
    node: yaml.Node | None = yaml.compose(text, Loader=loader)
    if node is not None:
        join_surrogates(node)
    return node


def _load_yaml(path: Path) -> Lexicon:
    ctx = _Ctx(str(path))
    root = _read_yaml_node(path, ctx)
    if root is None:
        raise LexiconError(f"{path}: empty file; a lexicon needs name, language and frames")
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError(
            f"{path}:{_line(root)}: the top level must be a mapping with the keys "
            f"{', '.join(TOP_KEYS)}"
        )
    top = _entries(ctx, root, TOP_KEYS, "the lexicon")
    meta: dict[str, str] = {}
    for key in ("name", "language", "version", "description", "licence"):
        if key in top:
            v = _text(ctx, top[key][1], repr(key), numbers=key == "version")
            meta[key] = "" if v is None else v.strip()
        elif key in ("name", "language"):
            ctx.error(root, f"missing key {key!r}")
        else:
            ctx.warn(root, f"no {key!r} given")
    name = meta.get("name", "")
    if "name" in top and name and not _NAME_RE.match(name):
        ctx.error(top["name"][1], f"name {name!r} must be ASCII letters, digits, _ . or -")
    if meta.get("language", "fr") not in ("fr", ""):
        ctx.warn(top["language"][1], f"language is {meta['language']!r}; framing's tokenizer, "
                 "lemmas and negation are French")
    frames: dict[str, Frame] = {}
    if "frames" not in top:
        ctx.error(root, "missing key 'frames'")
    else:
        fnode = top["frames"][1]
        if not isinstance(fnode, yaml.MappingNode) or not fnode.value:
            ctx.error(fnode, "'frames' must be a mapping of frame ids to frames, with at least one")
        else:
            frames = _frames(ctx, fnode)
    if ctx.errors:
        raise LexiconValidationError(ctx.errors, ctx.path)
    return Lexicon(
        name=name, language=meta.get("language", "fr"), version=meta.get("version", ""),
        description=meta.get("description", ""), licence=meta.get("licence", ""),
        frames=frames, path=str(path), warnings=tuple(ctx.warnings),
    )


def _frames(ctx: _Ctx, fnode: yaml.MappingNode) -> dict[str, Frame]:
    frames: dict[str, Frame] = {}
    seen: dict[Hashable, tuple[str, int]] = {}
    for fid, (knode, node) in _entries(ctx, fnode, (), "'frames'").items():
        if not _FRAME_ID_RE.match(fid):
            ctx.error(knode, "frame id must be ASCII letters, digits and _ (snake_case), "
                      "starting with a letter", fid)
        if not isinstance(node, yaml.MappingNode):
            ctx.error(node, f"a frame must be a mapping with the keys {', '.join(FRAME_KEYS)}",
                      fid)
            continue
        keys = _entries(ctx, node, FRAME_KEYS, "a frame", fid)
        label_fr = label_en = ""
        if "label" not in keys:
            ctx.error(knode, "missing key 'label' ({fr: ..., en: ...})", fid)
        else:
            lnode = keys["label"][1]
            if isinstance(lnode, yaml.MappingNode):
                lab = _entries(ctx, lnode, LABEL_KEYS, "label", fid)
                if "fr" in lab:
                    label_fr = (_text(ctx, lab["fr"][1], "label 'fr'", fid) or "").strip()
                else:
                    ctx.error(lnode, "label needs 'fr'", fid)
                if "en" in lab:
                    label_en = (_text(ctx, lab["en"][1], "label 'en'", fid) or "").strip()
                else:
                    ctx.warn(lnode, "label has no 'en'; the French label is used", fid)
                    label_en = label_fr
            else:
                ctx.error(lnode, "label must be a mapping {fr: ..., en: ...}", fid)
        description = ""
        if "description" in keys:
            description = (_text(ctx, keys["description"][1], "description", fid) or "").strip()
        else:
            ctx.warn(knode, "no description (say what a text asserts with this frame)", fid)
        patterns: list[Pattern] = []
        pnode = keys["patterns"][1] if "patterns" in keys else None
        if pnode is None or not isinstance(pnode, yaml.SequenceNode) or not pnode.value:
            ctx.error(pnode or knode, "empty frame: 'patterns' must be a non-empty list", fid)
        else:
            own: dict[Hashable, int] = {}
            for item in pnode.value:
                spec = _pattern_spec(ctx, item, fid)
                shown = _render(spec) if isinstance(spec, dict) else str(spec)
                try:
                    pat = _compile(spec, line=_line(item))
                except _PatternError as exc:
                    ctx.error(item, str(exc), fid, shown)
                    continue
                if pat.key in own:
                    ctx.error(item, f"duplicate pattern (same as line {own[pat.key]})", fid, shown)
                    continue
                own[pat.key] = pat.line
                if pat.key in seen:
                    other, oline = seen[pat.key]
                    ctx.warn(item, f"also in frame {other!r} (line {oline}): a hit counts for "
                             "both frames", fid, shown)
                else:
                    seen[pat.key] = (fid, pat.line)
                patterns.append(pat)
        examples = _texts(ctx, keys["examples"][1], "examples", fid) if "examples" in keys else []
        counter = (_texts(ctx, keys["counter_examples"][1], "counter_examples", fid)
                   if "counter_examples" in keys else [])
        if not examples:
            ctx.warn(knode, "no examples: the frame's patterns are not tested", fid)
        frames[fid] = Frame(fid, label_fr, label_en, description, tuple(patterns),
                            tuple(examples), tuple(counter))
    return frames


# ---------------------------------------------------------------------------
# importers


def _decode(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_IMPORT_BYTES:  # checked before reading
        raise LexiconError(f"{path}: file is {size:,} bytes, larger than the "
                           f"{MAX_IMPORT_BYTES:,} allowed for an imported dictionary; split it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return _decode_dictionary(data, path)


def _decode_dictionary(data: bytes, path: str | os.PathLike[str]) -> str:
    """The text of a dictionary file (an imported frame dictionary, a sentiment
    lexicon): UTF-8 with or without BOM, UTF-16 with a BOM (Excel's "Unicode text"),
    else cp1252 (the WordStat/LIWC files of the 2000s); newlines become ``\n``. Binary
    data (NUL bytes) is a :class:`LexiconError` naming ``path``."""
    from .corpus import MAX_STRAY_NULS

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise LexiconError(f"{path}: starts with a UTF-16 byte-order mark but is not "
                               "UTF-16; re-save it as UTF-8") from None
    elif data.count(b"\x00", 0, 4096) > MAX_STRAY_NULS:
        raise LexiconError(f"{path}: binary data (NUL bytes), not a text dictionary; save "
                           "it as UTF-8 text (CSV, TSV, .cat or .dic)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for each line of ``text`` (as ``text.split("\\n")``),
    without building the list of all lines of a big dictionary."""
    start, n, lineno = 0, len(text), 1
    while start <= n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        yield lineno, text[start:end]
        start, lineno = end + 1, lineno + 1


def _frame_id(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", fold_accents(label).lower()).strip("_") or "category"
    if not base[0].isalpha():
        base = "cat_" + base
    fid, k = base, 2
    while fid in taken:
        fid, k = f"{base}_{k}", k + 1
    taken.add(fid)
    return fid


class _Entry(NamedTuple):
    category: str
    term: str
    weight: float
    line: int


@dataclass
class _Imported:
    """An imported dictionary being read: the reader's warnings (in line order) and
    the categories its header declares (LIWC), in order."""

    path: Path
    fmt: str
    warnings: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def _lexicon_from_entries(imp: _Imported, entries: Iterable[_Entry]) -> Lexicon:
    """Compile the entries as they are read (none is kept but its pattern)."""
    pats: dict[str, list[Pattern]] = {c: [] for c in imp.categories}
    warnings: list[str] = []
    with _gc_paused():
        _compile_entries(imp, entries, pats, warnings)
    warnings[:0] = imp.warnings  # the reader's warnings come first, then the entries'
    taken: set[str] = set()
    frames: dict[str, Frame] = {}
    for cat, found in pats.items():
        if not found:
            warnings.append(f"{imp.path}: category {cat!r} has no usable entry; left out")
            continue
        fid = _frame_id(cat, taken)
        frames[fid] = Frame(fid, cat, cat, "", tuple(found))
        found.clear()
    if not frames:
        raise LexiconError(f"{imp.path}: no usable entry found; is this a {imp.fmt} file?")
    name = _frame_id(imp.path.stem, set())
    return Lexicon(
        name=name, language="fr", version="", description=f"Imported from the {imp.fmt} "
        f"dictionary {imp.path.name}", licence="", frames=frames, path=str(imp.path),
        warnings=tuple(warnings),
    )


def _compile_entries(imp: _Imported, entries: Iterable[_Entry],
                     pats: dict[str, list[Pattern]], warnings: list[str]) -> None:
    """Compile each entry into ``pats[category]`` (categories in order of first
    appearance), skipping unusable and repeated ones with a warning. Each step is a
    dict or set operation, so the time is linear in the number of entries; the
    patterns share their word elements (:class:`_Memo`)."""
    first: dict[Hashable, str] = {}  # pattern key -> the first category holding it
    more: set[tuple[Hashable, str]] = set()  # (key, category) for its other categories
    memo = _Memo()
    for cat, term, weight, line in entries:
        found = pats.get(cat)
        if found is None:
            found = pats[cat] = []
        try:
            p = _compile(term, line=line, weight=weight, memo=memo)
        except _PatternError as exc:
            warnings.append(f"{imp.path}:{line}: entry {term!r} skipped: {exc}")
            continue
        key = p.key
        owner = first.get(key)
        if owner is None:
            first[key] = cat
        elif owner == cat or (key, cat) in more:
            warnings.append(f"{imp.path}:{line}: entry {term!r} skipped: already in "
                            f"category {cat!r}")
            continue
        else:
            more.add((key, cat))
            warnings.append(f"{imp.path}:{line}: entry {term!r} is in categories "
                            f"{owner!r} and {cat!r}")
        found.append(p)


_WEIGHT_RE = re.compile(r"^(?P<term>.*?)\s*\(\s*(?P<w>[-+]?\d+(?:[.,]\d+)?)\s*\)\s*$")


def _parse_weight(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def read_wordstat(path: str | Path) -> Lexicon:
    """Import a WordStat ``.cat`` dictionary (the format of Lexicoder's LSDfr).

    Category lines stand at a lower indentation than their entries (``NEGATIVE`` then
    tab-indented ``ABANDON* (1)``); nested categories are named ``PARENT/CHILD``.
    Entries are read in the pattern language (``ABANDON*`` is a glob, ``NE PAS AIMER``
    a phrase); an optional ``(weight)`` goes to :attr:`Pattern.weight`.
    """
    p = Path(path)
    imp = _Imported(p, "WordStat .cat")
    return _lexicon_from_entries(imp, _wordstat_entries(p, _decode(p), imp))


def _wordstat_entries(p: Path, text: str, imp: _Imported) -> Iterator[_Entry]:
    rows = ((lineno, ln.rstrip()) for lineno, ln in _lines(text) if ln.strip())
    stack: list[tuple[int, str]] = []  # (indent, name) of the open categories
    row = next(rows, None)
    while row is not None:
        lineno, raw = row
        row = next(rows, None)  # a line is a category when the next one is indented more
        indent = _indent(raw)
        body = raw.strip()
        nxt_indent = _indent(row[1]) if row is not None else -1
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if nxt_indent > indent:  # a category: the next line is indented under it
            m = _WEIGHT_RE.match(body)
            stack.append((indent, m.group("term") if m else body))
            continue  # a frame is made of the categories that hold entries
        if not stack:
            imp.warnings.append(f"{p}:{lineno}: line {body!r} is outside any category; skipped")
            continue
        term, weight = body, 1.0
        m = _WEIGHT_RE.match(body)
        if m:
            term = m.group("term")
            weight = _parse_weight(m.group("w")) or 1.0
        yield _Entry("/".join(s[1] for s in stack), term, weight, lineno)


def read_liwc(path: str | Path) -> Lexicon:
    """Import a LIWC ``.dic`` dictionary: a ``%``-delimited header mapping category
    numbers to names, then ``word<TAB>num num…`` lines (``*`` is a wildcard)."""
    p = Path(path)
    imp = _Imported(p, "LIWC .dic")
    lines = ((i, ln.strip()) for i, ln in _lines(_decode(p)))
    numbered = ((i, ln) for i, ln in lines if ln)
    head = next(numbered, None)
    if head is None or head[1] != "%":
        raise LexiconError(f"{p}:1: not a LIWC dictionary: the first line must be '%'")
    cats: dict[str, str] = {}
    for lineno, ln in numbered:
        if ln == "%":
            break
        parts = ln.split(None, 1)
        if len(parts) != 2:
            raise LexiconError(f"{p}:{lineno}: header line {ln!r} must be 'number<TAB>name'")
        cid, cname = parts[0], parts[1].split("\t")[0].strip()
        cats[cid] = cname
        imp.categories.append(cname)
    else:
        raise LexiconError(f"{p}: the category header is not closed by a second '%' line")
    return _lexicon_from_entries(imp, _liwc_entries(p, numbered, cats, imp))


def _liwc_entries(p: Path, numbered: Iterator[tuple[int, str]], cats: Mapping[str, str],
                  imp: _Imported) -> Iterator[_Entry]:
    for lineno, raw in numbered:
        if "\t" in raw:
            fields = raw.split("\t")
            term = fields[0].strip()
            ids = " ".join(fields[1:]).split()
        else:
            fields = raw.split()
            n_ids = 0
            while n_ids < len(fields) - 1 and fields[-1 - n_ids] in cats:
                n_ids += 1
            term = " ".join(fields[: len(fields) - n_ids])
            ids = fields[len(fields) - n_ids:]
        if not ids:
            imp.warnings.append(f"{p}:{lineno}: entry {term!r} has no category; skipped")
            continue
        for cid in ids:
            if cid not in cats:
                imp.warnings.append(f"{p}:{lineno}: entry {term!r}: unknown category {cid!r} "
                                    "(not in the header); ignored")
                continue
            yield _Entry(cats[cid], term, 1.0, lineno)


_TERM_COLS = frozenset({"term", "terme", "pattern", "motif", "word", "mot", "entry", "entrée"})
_CAT_COLS = frozenset({"category", "catégorie", "categorie", "frame", "cadre", "class", "classe"})
_WEIGHT_COLS = frozenset({"weight", "poids", "score", "value", "valeur"})


def read_term_table(path: str | Path) -> Lexicon:
    """Import a CSV/TSV table of ``term, category[, weight]`` (a header row naming
    those columns is optional; ``#`` lines are comments). Terms are read in the
    pattern language."""
    p = Path(path)
    imp = _Imported(p, "CSV/TSV term table")
    return _lexicon_from_entries(imp, _term_rows(p, _decode(p), imp))


def _term_rows(p: Path, text: str, imp: _Imported) -> Iterator[_Entry]:
    first = next((ln for _, ln in _lines(text) if ln.strip() and not ln.startswith("#")), "")
    if p.suffix.lower() == ".tsv":
        sep = "\t"
    else:
        counts = {s: first.count(s) for s in (",", ";", "\t")}
        sep = max(counts, key=lambda s: counts[s]) if any(counts.values()) else ","
    from .corpus import _csv_records, _lines_with_ends

    t_i, c_i, w_i = 0, 1, 2
    header_seen = False
    categories: dict[str, str] = {}  # one string per category, not one per row
    for lineno, row, problem in _csv_records(_lines_with_ends(text), sep):
        if row is None:
            raise LexiconError(f"{p}:{lineno}: malformed {imp.fmt}: {problem}")
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            low = [c.lower() for c in cells]
            if any(c in _TERM_COLS for c in low) and any(c in _CAT_COLS for c in low):
                t_i = next(i for i, c in enumerate(low) if c in _TERM_COLS)
                c_i = next(i for i, c in enumerate(low) if c in _CAT_COLS)
                w_i = next((i for i, c in enumerate(low) if c in _WEIGHT_COLS), -1)
                continue
        if len(cells) <= max(t_i, c_i) or not cells[t_i] or not cells[c_i]:
            imp.warnings.append(f"{p}:{lineno}: row needs a term and a category; skipped")
            continue
        weight = 1.0
        if 0 <= w_i < len(cells) and cells[w_i]:
            w = _parse_weight(cells[w_i])
            if w is None:
                imp.warnings.append(f"{p}:{lineno}: weight {cells[w_i]!r} is not a number; "
                                    "1 is used")
            else:
                weight = w
        cat = categories.setdefault(cells[c_i], cells[c_i])
        yield _Entry(cat, cells[t_i], weight, lineno)


# ---------------------------------------------------------------------------
# loading by name or path

#: Loaded lexicons kept in memory (keyed by path and content hash, filled on first
#: load), so that tests and notebooks that load the same file repeatedly parse it once.
_CACHE: dict[tuple[str, str, str], Lexicon] = {}
#: Most lexicons kept in that cache (it is emptied when full).
_CACHE_SIZE = 32


def available_lexicons() -> list[str]:
    """Names of the shipped frame lexicons (YAML files in ``lexicons/`` that have
    ``frames``), sorted."""
    folder = lexicon_dir()
    if not folder.is_dir():
        return []
    out = []
    for f in sorted(folder.glob("*.yaml")):
        try:
            head = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if re.search(r"^frames\s*:", head, re.MULTILINE):
            out.append(f.stem)
    return out


def _resolve(name_or_path: str | Path) -> Path:
    if not isinstance(name_or_path, str | PurePath):
        raise TypeError(f"a lexicon is a name, a path or a Lexicon, not "
                        f"{type(name_or_path).__name__}")
    s = str(name_or_path)
    if not s.strip():  # Path("") is the current folder: was ".: is a folder"
        raise LexiconError("the lexicon is an empty name; give a name "
                           f"({', '.join(available_lexicons())}) or a file")
    p = Path(name_or_path).expanduser()
    looks_like_path = (
        isinstance(name_or_path, Path) or "/" in s or "\\" in s
        or p.suffix.lower() in _YAML_SUFFIXES | _IMPORT_SUFFIXES
    )
    folder = LexiconError(f"{p}: is a folder; give a lexicon file (.yaml, .cat, .dic, .csv, "
                          ".tsv)")
    if looks_like_path:
        if p.is_dir():
            raise folder
        if not p.is_file():
            raise LexiconError(f"{p}: no such lexicon file; give an existing path or the name "
                               f"of a shipped lexicon ({', '.join(available_lexicons())})")
        return p
    shipped = resources_path(f"{s}.yaml")
    if not shipped.is_file() and p.is_dir():
        raise folder
    if not shipped.is_file() and p.is_file():  # a file, but of no lexicon format
        raise LexiconError(f"{p}: not a lexicon file; framing reads .yaml, .cat (WordStat), "
                           ".dic (LIWC), .csv and .tsv lexicons")
    if not shipped.is_file():
        names = ", ".join(available_lexicons()) or "none found"
        raise LexiconError(f"no shipped lexicon named {s!r} (available: {names}); "
                           "or give the path of a .yaml, .cat, .dic, .csv or .tsv file")
    return shipped


def load_lexicon(name_or_path: str | Path | Lexicon) -> Lexicon:
    """Load a lexicon by name (``"geopolitique"``) or path (YAML, WordStat ``.cat``,
    LIWC ``.dic``, CSV/TSV). Raises :class:`LexiconError` (one line per problem)."""
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    path = _resolve(name_or_path)
    try:
        size = path.stat().st_size
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest() if (
            size <= MAX_YAML_BYTES) else ""
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    key = (str(path.resolve()), str(path), digest)
    if digest and key in _CACHE:
        return _CACHE[key]
    suffix = path.suffix.lower()
    if suffix in _YAML_SUFFIXES:
        lex = _load_yaml(path)
    elif suffix == ".cat":
        lex = read_wordstat(path)
    elif suffix == ".dic":
        lex = read_liwc(path)
    elif suffix in (".csv", ".tsv"):
        lex = read_term_table(path)
    else:
        raise LexiconError(f"{path}: unknown lexicon type {suffix or '(no suffix)'!r}; "
                           "use .yaml, .cat (WordStat), .dic (LIWC), .csv or .tsv")
    if digest:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = lex
    return lex


# ---------------------------------------------------------------------------
# validation against examples


def _hit_list(hits: Sequence[Any], text: str) -> str:
    if not hits:
        return "nothing matched"
    parts = []
    for h in hits:
        neg = f", negated by {h.cue!r}" if h.negated else ""
        parts.append(f"{h.frame}: {text[h.start:h.end]!r} (pattern {h.pattern!r}{neg})")
    return "matched " + "; ".join(parts)


def validate_lexicon(lexicon: Lexicon | str | Path) -> pd.DataFrame:
    """Run every frame's examples and counter-examples through the matcher.

    One row per frame: ``frame, patterns, examples, examples_passed,
    counter_examples, counter_examples_passed, failures``. An example passes when it
    gives an un-negated hit of its frame; a counter-example passes when it gives none
    (a negated hit is allowed). ``failures`` lists one line per failed sentence with
    what matched.
    """
    import pandas as pd

    from .matcher import Matcher

    lex = load_lexicon(lexicon)
    matcher = Matcher(lex)
    rows = []
    for fid, frame in lex.frames.items():
        failures: list[str] = []
        ex_ok = ce_ok = 0
        for sentence in frame.examples:
            hits = matcher.match_tokens(tokens(sentence))
            if any(h.frame == fid and not h.negated for h in hits):
                ex_ok += 1
            else:
                failures.append(f"example without an un-negated hit of {fid!r}: {sentence!r} "
                                f"— {_hit_list(hits, sentence)}")
        for sentence in frame.counter_examples:
            hits = matcher.match_tokens(tokens(sentence))
            own = [h for h in hits if h.frame == fid and not h.negated]
            if own:
                failures.append(f"counter-example with an un-negated hit of {fid!r}: "
                                f"{sentence!r} — {_hit_list(own, sentence)}")
            else:
                ce_ok += 1
        rows.append({
            "frame": fid, "patterns": len(frame.patterns), "examples": len(frame.examples),
            "examples_passed": ex_ok, "counter_examples": len(frame.counter_examples),
            "counter_examples_passed": ce_ok, "failures": failures,
        })
    return pd.DataFrame(rows, columns=list(VALIDATION_COLUMNS))


# ---------------------------------------------------------------------------
# command line

EXIT_OK, EXIT_MALFORMED, EXIT_USAGE, EXIT_FAILURES = 0, 1, 2, 3


def _print_errors(exc: LexiconError) -> None:
    errors = exc.errors if isinstance(exc, LexiconValidationError) else (str(exc),)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)


@quiet_broken_pipe
def main(argv: Sequence[str] | None = None) -> int:
    """``python -m framing.lexicon validate|test FILE``; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m framing.lexicon",
        description="Check a frame lexicon: its format, examples and counter-examples.",
        epilog="Exit codes: 0 all good; 1 the file cannot be read or is malformed; "
        "2 bad command line; 3 some examples or counter-examples fail.",
    )
    parser.add_argument("command", choices=("validate", "test"),
                        help="validate: format + examples, with a table per frame; "
                        "test: examples and counter-examples only, listing failures")
    parser.add_argument("file", help="a shipped lexicon's name (geopolitique) or a path")
    args = parser.parse_args(argv)
    try:
        lex = load_lexicon(args.file)
        table = validate_lexicon(lex)
    except LexiconError as exc:
        _print_errors(exc)
        return EXIT_MALFORMED
    out = sys.stdout
    failures = [f for fs in table["failures"] for f in fs]
    if args.command == "validate":
        for w in lex.warnings:
            print(f"warning: {w}", file=out)
        print(f"{lex.name}: {len(lex.frames)} frames, {lex.n_patterns} patterns ({lex.path})",
              file=out)
        shown = _format_table(table)
        print(shown, file=out)
    for f in failures:
        print(f"FAIL {f}", file=out)
    n_ex = int(table["examples"].sum()) if len(table) else 0
    n_ce = int(table["counter_examples"].sum()) if len(table) else 0
    verdict = "ok" if not failures else f"{len(failures)} failure(s)"
    print(f"{n_ex} examples, {n_ce} counter-examples: {verdict}", file=out)
    return EXIT_FAILURES if failures else EXIT_OK


def _format_table(table: pd.DataFrame) -> str:
    """The validation summary as a fixed-width text table."""
    rows = [("frame", "patterns", "examples", "counter-examples", "status")]
    for r in table.itertuples(index=False):
        ok = not r.failures
        rows.append((
            str(r.frame), str(r.patterns), f"{r.examples_passed}/{r.examples}",
            f"{r.counter_examples_passed}/{r.counter_examples}", "ok" if ok else "FAIL",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(
            zip(row, widths, strict=True)))
        for row in rows
    )


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy, so that the classes the
    # matcher sees are the same objects (python -m executes the file a second time).
    from framing.lexicon import main as _main

    sys.exit(_main())
